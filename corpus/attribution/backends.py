"""Which cue-finding backend attribution uses: a module of its own, so that reading the setting
(bot.settings, the index's cache key) does not import every attribution stage."""

from __future__ import annotations

import os

BACKEND_VARIABLE = "WHOSAID_ATTRIBUTION"
DEFAULT_BACKEND = "rules"


def default_backend() -> str:
    """The cue-finding backend the environment chooses (`WHOSAID_ATTRIBUTION`), else rules."""
    return os.environ.get(BACKEND_VARIABLE, "").strip().lower() or DEFAULT_BACKEND
