"""The bot token: required, checked before anything slow is imported, never shown."""

from __future__ import annotations

from bot.errors import UserError
from bot.settings import Settings


def require_token(settings: Settings) -> str:
    token = (
        settings.telegram_bot_token.get_secret_value().strip()
        if settings.telegram_bot_token
        else ""
    )
    if not token:
        raise UserError(
            "TELEGRAM_BOT_TOKEN is not set: put the token @BotFather gave you in .env "
            "or in the environment"
        )
    return token
