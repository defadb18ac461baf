"""The token is masked in every log record, whichever handler an operator attaches."""

from __future__ import annotations

import io
import logging

from bot.telegram.logs import MASK, configure_logging

TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_a_handler_added_later_never_sees_the_token() -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    operator = io.StringIO()
    try:
        configure_logging("DEBUG", [TOKEN])
        configure_logging("DEBUG", [TOKEN])  # configuring twice masks once, not twice over
        root.addHandler(logging.StreamHandler(operator))  # a plain formatter: no masking of its own
        logging.getLogger("telegram.ext.ExtBot").debug(
            "Set Bot API URL: %s", f"https://api.telegram.org/bot{TOKEN}"
        )
        logging.getLogger("telegram.ext.ExtBot").debug("nothing secret %s", 42)
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
    written = operator.getvalue()
    assert TOKEN not in written
    assert written == f"Set Bot API URL: https://api.telegram.org/bot{MASK}\nnothing secret 42\n"
