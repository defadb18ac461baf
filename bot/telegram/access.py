"""Who may use the bot: an optional allowlist of chats, and admins who may /reload."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

REFUSAL = "Sorry, this bot is private. Please ask its owner if you would like to use it."
_REFUSED = "whosaid.refused"


@dataclass(frozen=True)
class Access:
    allowed: frozenset[int] = frozenset()  # empty: everybody
    admins: frozenset[int] = frozenset()

    def allows(self, update: Update) -> bool:
        if not self.allowed:
            return True
        ids = self.allowed | self.admins
        chat = update.effective_chat
        if chat is not None:
            return chat.id in ids
        # Inline queries come without a chat: the user's private chat id is their user id.
        user = update.effective_user
        return user is not None and user.id in ids

    def is_admin(self, update: Update) -> bool:
        chat, user = update.effective_chat, update.effective_user
        return (chat is not None and chat.id in self.admins) or (
            user is not None and user.id in self.admins
        )


async def gate(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every handler: lets allowed updates through, refuses others once per chat."""
    if not isinstance(update, Update):
        return
    access: Access = context.bot_data["access"]
    if access.allows(update):
        return
    refused: set[int] = context.bot_data.setdefault(_REFUSED, set())
    chat = update.effective_chat
    if chat is not None and chat.id not in refused and update.effective_message is not None:
        refused.add(chat.id)
        await context.bot.send_message(chat.id, REFUSAL)
    raise ApplicationHandlerStop
