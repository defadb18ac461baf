"""The python-telegram-bot Application: built here, run by `whosaid telegram`.

`serve` is the whole life of the bot (initialize, post_init, poll or listen for webhooks, stop),
written out rather than left to `run_polling` so that a rejected token becomes one clear line
instead of a traceback, and so that tests run exactly what the command runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
import signal
from collections.abc import Awaitable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.errors import UserError
from bot.settings import TELEGRAM_API_BASE_URL, Settings
from bot.telegram import handlers
from bot.telegram.access import Access, gate
from bot.telegram.engine import Engine
from bot.telegram.errors import on_error
from bot.telegram.persistence import ChatStatePersistence, default_state_file
from bot.telegram.token import require_token

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]
MAX_CONCURRENT_UPDATES = 64
COMMANDS = [
    BotCommand("ask", "Ask a question (in groups)"),
    BotCommand("who", "What one speaker said, e.g. /who Svoik"),
    BotCommand("speakers", "Who is quoted"),
    BotCommand("articles", "The articles I have read"),
    BotCommand("about", "Sources and how to cite them"),
    BotCommand("help", "How to use me"),
]
ADMIN_COMMANDS = [*COMMANDS, BotCommand("reload", "Pick up a rebuilt index")]
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


class PerChatOrder(BaseUpdateProcessor):
    """Many chats at once, but one chat's updates strictly in the order they arrived.

    PTB starts one task per update, in arrival order; each takes its chat's lock (asyncio locks
    are FIFO) before running, so a follow-up ("more") never overtakes the question it follows,
    while other chats go ahead.
    """

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_of(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _chat_of(update: object) -> int | None:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None  # inline queries: independent of each other and of any chat


def file_base_url(base_url: str) -> str:
    """…/bot -> …/file/bot, the way Telegram lays out its file downloads."""
    return base_url[: -len("bot")] + "file/bot" if base_url.endswith("/bot") else base_url


def build_application(
    settings: Settings, engine: Engine
) -> Application[Any, Any, Any, Any, Any, Any]:
    token = require_token(settings)
    base_url = settings.telegram_base_url.strip().rstrip("/") or TELEGRAM_API_BASE_URL
    if not base_url.endswith("/bot"):
        raise UserError(f"WHOSAID_TELEGRAM_BASE_URL must end in /bot, like {TELEGRAM_API_BASE_URL}")
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        Application.builder()
        .token(token)
        .base_url(base_url)
        .base_file_url(file_base_url(base_url))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                # A group question deleted before the answer is sent still gets its answer.
                allow_sending_without_reply=True,
            )
        )
        .rate_limiter(AIORateLimiter(max_retries=3))
        .concurrent_updates(PerChatOrder())
        .post_init(post_init)
        .persistence(ChatStatePersistence(state_file(settings)))
    )
    app = builder.build()
    app.bot_data["settings"] = settings
    app.bot_data["access"] = Access(allowed=settings.allowed_chats, admins=settings.admin_chats)
    app.bot_data["engine"] = engine
    add_handlers(app)
    return app


def state_file(settings: Settings) -> Path:
    return settings.state_file or default_state_file(settings.index_dir)


def add_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    app.add_handler(TypeHandler(Update, gate), group=-1)
    new = filters.UpdateType.MESSAGE
    commands = {
        "start": handlers.on_start,
        "help": handlers.on_help,
        "about": handlers.on_about,
        "ask": handlers.on_ask,
        "who": handlers.on_who,
        "speakers": handlers.on_speakers,
        "articles": handlers.on_articles,
        "reload": handlers.on_reload,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(MessageHandler(new & filters.COMMAND, handlers.on_unknown_command))
    app.add_handler(MessageHandler(new & filters.TEXT, handlers.on_text))
    app.add_handler(
        MessageHandler(new & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.on_other)
    )
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(InlineQueryHandler(handlers.on_inline))
    app.add_error_handler(on_error)


def engine_for(settings: Settings) -> Engine:
    from index.search import Searcher
    from index.service import open_searcher

    return Engine(
        lambda: open_searcher(settings.corpus_dir, settings.index_dir),
        lambda: Searcher.open(settings.index_dir),
        settings.index_dir,
    )


async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Load the searcher (building the index if there is none) and register the commands."""
    from index.errors import BuildError, IndexProblem

    engine: Engine = app.bot_data["engine"]
    try:
        warnings = await engine.start()
    except (IndexProblem, BuildError) as error:
        raise UserError(f"cannot open the index: {error}") from None
    for warning in warnings:
        log.warning("%s", warning)
    await app.bot.set_my_commands(COMMANDS)
    settings: Settings = app.bot_data["settings"]
    for chat_id in sorted(settings.admin_chats):
        try:
            await app.bot.set_my_commands(ADMIN_COMMANDS, scope=BotCommandScopeChat(chat_id))
        except TelegramError as error:  # the admin has not talked to the bot yet
            log.info("cannot show /reload to admin chat %s: %s", chat_id, error)


def webhook_parts(settings: Settings) -> tuple[str, str]:
    """The path the webhook server listens on, and the secret Telegram must send back."""
    url = settings.webhook_url or ""
    parts = urlsplit(url)
    if parts.scheme != "https" and parts.hostname not in {"127.0.0.1", "localhost"}:
        raise UserError(f"WHOSAID_WEBHOOK_URL must be an https:// URL, not {url!r}")
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    if secret and not _SECRET.fullmatch(secret):
        raise UserError(
            "WHOSAID_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and - (1-256 of them)"
        )
    return parts.path.lstrip("/"), secret or secrets.token_urlsafe(32)


async def serve(
    app: Application[Any, Any, Any, Any, Any, Any],
    settings: Settings,
    stop: asyncio.Event,
    *,
    poll_timeout: int = 10,
) -> None:
    """Run the bot until `stop` is set. Token and network problems at start-up are UserErrors."""
    path, secret = webhook_parts(settings) if settings.webhook_url else ("", "")
    try:
        await app.initialize()
    except InvalidToken:
        await app.bot.shutdown()
        # PTB's own message repeats the token: never show it.
        raise UserError(
            "Telegram rejected TELEGRAM_BOT_TOKEN: check the token @BotFather gave you"
        ) from None
    except NetworkError as error:
        await app.bot.shutdown()
        where = urlsplit(settings.telegram_base_url).netloc or settings.telegram_base_url
        raise UserError(f"cannot reach the Telegram Bot API at {where}: {error.message}") from None
    try:
        if app.post_init is not None:
            await app.post_init(app)
        updater = app.updater
        assert updater is not None  # the builder always makes one unless told not to
        if settings.webhook_url:
            await updater.start_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=path,
                webhook_url=settings.webhook_url,
                secret_token=secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info(
                "listening for webhooks on %s:%s", settings.webhook_listen, settings.webhook_port
            )
        else:
            await updater.start_polling(timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES)
            log.info("polling for updates as @%s", app.bot.username)
        await app.start()
        await stop.wait()
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        engine: Engine = app.bot_data["engine"]
        engine.close()


def run(
    settings: Settings,
    engine: Engine,
    stop_signals: Sequence[int] = (signal.SIGINT, signal.SIGTERM),
) -> int:
    """`whosaid telegram`: serve until SIGINT/SIGTERM; 0 on a clean stop."""
    app = build_application(settings, engine)

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in stop_signals:
            with contextlib.suppress(NotImplementedError):  # Windows
                loop.add_signal_handler(sig, stop.set)
        await serve(app, settings, stop)

    asyncio.run(main())
    return 0
