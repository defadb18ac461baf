"""The bot's per-chat state on disk, so that a restart forgets nothing a user can see.

What is kept, per chat: the conversation (last question, its speaker filter and page, who was
last speaking and which of their passages were shown: "what else did he say?") and the questions
behind the buttons under earlier answers (More, Back and Context carry only a short reference,
see chats.py). It goes through python-telegram-bot's own persistence interface: PTB hands over a
chat's data after every update it handled, every few seconds and at shutdown.

Storage is SQLite, one row per chat holding that chat's state as JSON (never pickle: the file is
data, and a changed class must not turn into code execution or a crash at start-up). Each write
is one transaction, so a crash mid-write leaves the previous state. The file sits next to the
index (`<index folder>.bot-state.sqlite3`) unless WHOSAID_STATE_FILE says otherwise.

Bounds, so the file cannot grow without end:
- at most MAX_CHATS chats, the least recently active dropped first;
- a chat not heard from for MAX_AGE_DAYS is forgotten (its buttons then say "expired");
- per chat at most chats.REMEMBERED button questions (as in memory) and MAX_CHAT_BYTES of JSON:
  the oldest button questions go first, then the list of passages already shown.
So the file holds at most about MAX_CHATS × MAX_CHAT_BYTES (64 MB) and usually a few kB a chat.
A state file that cannot be read is moved aside (`….unreadable`) with a warning; one that cannot
be written costs a warning, never an answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import sqlite3
import threading
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot.conversation import Conversation
from bot.telegram.chats import KEY, Asked, ChatState

log = logging.getLogger(__name__)

MAX_CHATS = 1000
MAX_AGE_DAYS = 30
MAX_CHAT_BYTES = 64 * 1024
UPDATE_INTERVAL_S = 5.0  # how often PTB hands over changed chats (and always at shutdown)
_FORMAT = 1

ChatData = dict[Any, Any]


def default_state_file(index_dir: Path) -> Path:
    """`…/index` -> `…/index.bot-state.sqlite3`: beside the index folder, not inside it, because
    a rebuild replaces the folder wholesale."""
    return index_dir.with_name(f"{index_dir.name}.bot-state.sqlite3")


# --- ChatState <-> JSON ---------------------------------------------------------------------


def _plain(value: object) -> object:
    if isinstance(value, (set, frozenset)):
        return sorted(str(item) for item in value)
    return value


def _dump_fields(obj: object) -> dict[str, object]:
    """A dataclass's JSON-able fields; fields of other types start fresh after a restart."""
    out: dict[str, object] = {}
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = _plain(getattr(obj, field.name))
        if value is None or isinstance(value, (str, int, float, bool, list)):
            out[field.name] = value
    return out


def _default(field: dataclasses.Field[Any]) -> object:
    if field.default is not dataclasses.MISSING:
        return field.default
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return None


def _same_kind(value: object, default: object) -> bool:
    if default is None:  # an optional field: None or a plain value
        return value is None or isinstance(value, (str, int, float, bool))
    return type(value) is type(default)


def _load_fields(cls: type[Any], data: object) -> Any:
    """The dataclass `cls` from stored fields; unknown, missing or mistyped ones get defaults."""
    kwargs: dict[str, object] = {}
    if isinstance(data, dict):
        for field in dataclasses.fields(cls):
            if field.name not in data:
                continue
            value, default = data[field.name], _default(field)
            if isinstance(default, (set, frozenset)):
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    continue
                value = type(default)(value)
            elif not _same_kind(value, default):
                continue
            kwargs[field.name] = value
    try:
        return cls(**kwargs)
    except (TypeError, ValueError):
        return cls()


def state_to_json(state: ChatState) -> dict[str, object]:
    return {
        "format": _FORMAT,
        "conversation": _dump_fields(state.conversation),
        "asked": [[ref, _dump_fields(asked)] for ref, asked in state.asked.items()],
        "counter": state.counter,
    }


def state_from_json(data: object) -> ChatState:
    """A ChatState from what state_to_json wrote; anything unreadable becomes a fresh state."""
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return ChatState()
    asked: OrderedDict[str, Asked] = OrderedDict()
    for item in data.get("asked") or []:
        if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str):
            one = _load_fields(Asked, item[1])
            if isinstance(one.query, str):
                asked[item[0]] = one
    counter = data.get("counter")
    return ChatState(
        conversation=_load_fields(Conversation, data.get("conversation")),
        asked=asked,
        counter=counter if isinstance(counter, int) and counter >= 0 else 0,
    )


def bounded_json(state: ChatState, limit: int = MAX_CHAT_BYTES) -> str:
    """The state as JSON of at most `limit` bytes: the oldest button questions are left out
    first, then the passages already shown (a later "what else" may repeat one)."""
    data = state_to_json(state)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    asked: list[Any] = data["asked"]  # type: ignore[assignment]
    while len(text.encode()) > limit and asked:
        del asked[: max(1, len(asked) // 4)]
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > limit:
        conversation: dict[str, object] = data["conversation"]  # type: ignore[assignment]
        for name, value in conversation.items():
            if isinstance(value, list):
                conversation[name] = []
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > limit:  # a question or name near the limit on its own
        text = json.dumps(state_to_json(ChatState(counter=state.counter)))
    return text


# --- the store ------------------------------------------------------------------------------


class StateStore:
    """The SQLite file: one row per chat, its JSON and when it was last active."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._warned = False

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                # WAL with NORMAL: a commit survives a crash of the bot (not always a power cut)
                # without an fsync per write.
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS chats (chat_id INTEGER PRIMARY KEY, "
                    "updated REAL NOT NULL, state TEXT NOT NULL)"
                )
                db.execute("CREATE INDEX IF NOT EXISTS chats_updated ON chats (updated)")
            except sqlite3.DatabaseError:
                db.close()
                raise
            self._db = db
        return self._db

    def load(self, now: float | None = None) -> dict[int, ChatState]:
        with self._lock:
            try:
                db = self._connect()
                self._prune(db, now)
                rows = db.execute("SELECT chat_id, state FROM chats").fetchall()
            except sqlite3.DatabaseError as error:
                self._set_aside(error)
                return {}
            except OSError as error:
                self._warn(f"cannot open the bot's state file {self.path}: {error}")
                return {}
        states: dict[int, ChatState] = {}
        for chat_id, text in rows:
            try:
                states[int(chat_id)] = state_from_json(json.loads(text))
            except (ValueError, TypeError):
                log.warning("forgot the unreadable saved state of chat %s", chat_id)
        return states

    def save(self, chat_id: int, state: ChatState | None, now: float | None = None) -> None:
        self.write({chat_id: None if state is None else bounded_json(state)}, now)

    def write(self, states: dict[int, str | None], now: float | None = None) -> None:
        """Chats' JSON (None: forget the chat), all in one transaction with the pruning."""
        stamp = time.time() if now is None else now
        with self._lock:
            try:
                db = self._connect()
                with db:  # one transaction: every row and the pruning, or nothing
                    db.execute("BEGIN IMMEDIATE")
                    for chat_id, text in states.items():
                        if text is None:
                            db.execute("DELETE FROM chats WHERE chat_id = ?", (chat_id,))
                        else:
                            db.execute(
                                "INSERT OR REPLACE INTO chats (chat_id, updated, state) "
                                "VALUES (?, ?, ?)",
                                (chat_id, stamp, text),
                            )
                    self._prune(db, now)
            except (sqlite3.Error, OSError) as error:
                self._warn(f"cannot save the bot's state to {self.path}: {error}")

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    @staticmethod
    def _prune(db: sqlite3.Connection, now: float | None) -> None:
        oldest = (time.time() if now is None else now) - MAX_AGE_DAYS * 86400
        db.execute("DELETE FROM chats WHERE updated < ?", (oldest,))
        db.execute(
            "DELETE FROM chats WHERE chat_id NOT IN "
            "(SELECT chat_id FROM chats ORDER BY updated DESC LIMIT ?)",
            (MAX_CHATS,),
        )

    def _set_aside(self, error: Exception) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        aside = self.path.with_name(self.path.name + ".unreadable")
        with contextlib.suppress(OSError):
            self.path.replace(aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        log.warning(
            "the bot's state file %s could not be read (%s); moved it to %s and started afresh",
            self.path,
            error,
            aside,
        )

    def _warn(self, message: str) -> None:
        if not self._warned:  # once: a read-only disk must not fill the log
            log.warning("%s", message)
            self._warned = True


class ChatStatePersistence(BasePersistence[ChatData, ChatData, ChatData]):
    """PTB persistence of chat_data only (the bot keeps nothing in user_data or bot_data)."""

    def __init__(self, path: Path, update_interval: float = UPDATE_INTERVAL_S) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=True, user_data=False, callback_data=False
            ),
            update_interval=update_interval,
        )
        self.store = StateStore(path)
        # PTB hands over the changed chats one call each, all at once; they are written together
        # in one transaction by one task, off the event loop.
        self._pending: dict[int, str | None] = {}
        self._writer: asyncio.Task[None] | None = None

    async def get_chat_data(self) -> dict[int, ChatData]:
        states = await asyncio.to_thread(self.store.load)
        return {chat_id: {KEY: state} for chat_id, state in states.items()}

    async def update_chat_data(self, chat_id: int, data: ChatData) -> None:
        state = data.get(KEY)
        if isinstance(state, ChatState):
            self._queue(chat_id, bounded_json(state))

    async def drop_chat_data(self, chat_id: int) -> None:
        self._queue(chat_id, None)

    def _queue(self, chat_id: int, text: str | None) -> None:
        self._pending[chat_id] = text
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())

    async def _write(self) -> None:
        await asyncio.sleep(0)  # let the rest of this round of updates queue up first
        while self._pending:
            batch, self._pending = self._pending, {}
            await asyncio.to_thread(self.store.write, batch)

    async def refresh_chat_data(self, chat_id: int, chat_data: ChatData) -> None:
        pass  # this process is the only writer: what is in memory is current

    async def flush(self) -> None:
        if self._writer is not None:
            await self._writer
        if self._pending:
            await asyncio.to_thread(self.store.write, self._pending)
            self._pending = {}
        self.store.close()

    # Not stored (see store_data); PTB never calls these, but the interface requires them.
    async def get_user_data(self) -> dict[int, ChatData]:
        return {}

    async def get_bot_data(self) -> ChatData:
        return {}

    async def get_callback_data(self) -> Any:
        return None

    async def get_conversations(self, name: str) -> dict[Any, Any]:
        return {}

    async def update_conversation(self, name: str, key: Any, new_state: object | None) -> None:
        pass

    async def update_user_data(self, user_id: int, data: ChatData) -> None:
        pass

    async def update_bot_data(self, data: ChatData) -> None:
        pass

    async def update_callback_data(self, data: Any) -> None:
        pass

    async def drop_user_data(self, user_id: int) -> None:
        pass

    async def refresh_user_data(self, user_id: int, user_data: ChatData) -> None:
        pass

    async def refresh_bot_data(self, bot_data: ChatData) -> None:
        pass
