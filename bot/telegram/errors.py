"""The error handler: the traceback goes to the log, the user gets one short sentence."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong on my side. Please try again in a moment."


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    if isinstance(error, Forbidden):
        # The user blocked the bot or removed it from the group: nobody left to tell.
        log.info("cannot reach the chat any more: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(SORRY)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(SORRY)
