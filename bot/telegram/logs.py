"""Logging for the bot: level from WHOSAID_LOG_LEVEL, and secrets never written out.

httpx logs every request URL at INFO, and Bot API URLs contain the token; PTB's own
InvalidToken message repeats it too. Quieting httpx is not enough on its own (a DEBUG run or a
third-party message could still carry it), so the formatter also masks every known secret.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

MASK = "[secret]"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    def __init__(self, secrets: Iterable[str], fmt: str = _FORMAT) -> None:
        super().__init__(fmt)
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
