"""Logging for the bot: level from WHOSAID_LOG_LEVEL, and secrets never written out.

httpx logs every request URL at INFO, and Bot API URLs contain the token; PTB's own
InvalidToken message repeats it too. Quieting httpx is not enough on its own (a DEBUG run or a
third-party message could still carry it), so the formatter also masks every known secret.
PTB itself logs the Bot API URL at DEBUG; a handler an operator adds has no such formatter, so
every log record is also masked where it is made (the record factory), whichever handler gets it.
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


_masked: list[str] = []  # the secrets the record factory masks, longest first


def _mask_records(secrets: Iterable[str]) -> None:
    installed = getattr(logging.getLogRecordFactory(), "whosaid_masks", False)
    _masked[:] = sorted({*_masked, *(s for s in secrets if s)}, key=len, reverse=True)
    if installed:
        return
    make_record = logging.getLogRecordFactory()

    def masked_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: logging reports it itself, with the raw text
            return record
        if any(secret in message for secret in _masked):
            for secret in _masked:
                message = message.replace(secret, MASK)
            record.msg, record.args = message, None
        return record

    masked_record.whosaid_masks = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked_record)


def configure_logging(level: str, secrets: Iterable[str] = ()) -> None:
    _mask_records(secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
