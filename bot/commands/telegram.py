"""`whosaid telegram`: run the Telegram bot until SIGINT or SIGTERM."""

from __future__ import annotations

import argparse

from bot.config import settings_for
from bot.telegram.token import require_token


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    require_token(settings)  # fail fast, before python-telegram-bot is even imported
    # Imported here: the other subcommands never pay for python-telegram-bot.
    from bot.telegram.app import engine_for
    from bot.telegram.app import run as run_bot
    from bot.telegram.logs import configure_logging

    secrets = [
        s.get_secret_value() for s in (settings.telegram_bot_token, settings.webhook_secret) if s
    ]
    configure_logging(settings.log_level, secrets)
    return run_bot(settings, engine_for(settings))
