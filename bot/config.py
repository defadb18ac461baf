"""Settings for one command-line run: flags beat the environment, which beats `.env`."""

from __future__ import annotations

import argparse
import os

from bot.errors import UserError
from bot.migrate import prepare
from bot.settings import Settings
from corpus.attribution.backends import BACKEND_VARIABLE
from index.embed import SETTING as SEMANTIC_VARIABLE


def settings_for(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "corpus", None) is not None:
        overrides["corpus_dir"] = args.corpus
    if getattr(args, "index", None) is not None:
        overrides["index_dir"] = args.index
    if getattr(args, "k", None) is not None:
        overrides["top_k"] = args.k
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        first = str(error).splitlines()
        raise UserError(
            f"bad setting: {' '.join(first[1:3]) if len(first) > 2 else error}"
        ) from None
    prepare(settings)  # the user's folders, and what an older whosaid left in the package
    os.environ[BACKEND_VARIABLE] = settings.attribution  # corpus reads the environment
    os.environ[SEMANTIC_VARIABLE] = settings.semantic  # ... and index
    return settings
