"""Security: outsiders get the refusal and nothing else, /reload is for admins, the bot token is
never written to any log or message, and no data file is ever unpickled or evaluated."""

from __future__ import annotations

import ast
import asyncio
import io
import json
import logging
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.telegram.access import REFUSAL
from bot.telegram.logs import configure_logging
from tests.bot.cli_runner import REPO
from tests.faults.conftest import PICKET
from tests.telegram.fake_bot_api import FakeBotAPI, Sent

ALLOWED, ADMIN, OUTSIDER = 42, 5, 99
OUTSIDE_GROUP = -100999
NOT_ADMIN_REPLY = "Only the bot's admins can reload the index."


def _involving(api: FakeBotAPI, chat: int) -> list[tuple[str, dict[str, Any]]]:
    return [
        (c.method, c.params)
        for c in api.calls
        if str(c.params.get("chat_id")) == str(chat) or f"ci{chat}" in json.dumps(c.params)
    ]


async def test_an_outsider_gets_the_refusal_and_nothing_else(api: FakeBotAPI, launch: Any) -> None:
    await launch(allowed_chats=frozenset({ALLOWED}), admin_chats=frozenset({ADMIN}))
    for text in (PICKET, "/start", "/help", "/speakers", "/who Svoik", "/reload", "more"):
        api.send_text(OUTSIDER, text)
    api.send_sticker(OUTSIDER)
    forged = Sent(OUTSIDER, 1, "x", "x", None)
    press = api.press(forged, data="p:0:3")
    inline = api.inline_query(OUTSIDER, "Russia")
    api.send_text(OUTSIDE_GROUP, f"@{api.username} {PICKET}", chat_type="supergroup")
    api.send_text(OUTSIDE_GROUP, "/ask Crimea", chat_type="supergroup", user_id=ALLOWED)

    # The allowed chat and the admin are served meanwhile; then the outsiders are looked at.
    api.send_text(ALLOWED, PICKET)
    api.send_text(ADMIN, PICKET)
    assert "Andrei Grishin" in (await api.message(ALLOWED)).plain
    assert "Andrei Grishin" in (await api.message(ADMIN)).plain
    await asyncio.sleep(0.3)

    assert [m.plain for m in api.sent_to(OUTSIDER)] == [REFUSAL]
    assert [m.plain for m in api.sent_to(OUTSIDE_GROUP)] == [REFUSAL]
    assert [method for method, _ in _involving(api, OUTSIDER)] == ["sendMessage"]
    assert [method for method, _ in _involving(api, OUTSIDE_GROUP)] == ["sendMessage"]
    assert not api.calls_to("answerInlineQuery", inline_query_id=inline)
    assert not api.calls_to("answerCallbackQuery", callback_query_id=press)


async def test_reload_is_refused_to_everyone_but_admins(api: FakeBotAPI, launch: Any) -> None:
    await launch(admin_chats=frozenset({ADMIN}))
    attempts = ["/reload", f"/reload@{api.username}", "/RELOAD", "/reload now please"]
    for number, text in enumerate(attempts, start=1):
        api.send_text(ALLOWED, text)
        assert (await api.message(ALLOWED, count=number)).plain == NOT_ADMIN_REPLY
    group = -100321  # a group the admin is not: a member who is not an admin asks
    api.send_text(group, "/reload", chat_type="supergroup", user_id=ALLOWED)
    assert (await api.message(group)).plain == NOT_ADMIN_REPLY

    api.send_text(ADMIN, "/reload")
    assert (await api.message(ADMIN)).plain.startswith("The index has not changed: build ")
    # Only admins are shown the command at all.
    default = api.commands[json.dumps({"type": "default"})]
    assert "reload" not in {c["command"] for c in default}
    admin_scope = json.dumps({"chat_id": ADMIN, "type": "chat"}, sort_keys=True)
    assert "reload" in {c["command"] for c in api.commands[admin_scope]}


# --- the token ------------------------------------------------------------------------------


def _secrets(token: str) -> list[str]:
    return [token, token.split(":", 1)[1]]


@pytest.fixture
def bot_log() -> Iterator[io.StringIO]:
    """Logging set up exactly as `whosaid telegram` sets it up, at DEBUG, written to a buffer."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    configure_logging("DEBUG", _secrets(FakeBotAPI().token))
    buffer = io.StringIO()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(buffer)
    try:
        yield buffer
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
        for name, old in quiet.items():
            logging.getLogger(name).setLevel(old)


async def test_no_log_line_and_no_message_carries_the_token(
    api: FakeBotAPI, launch: Any, bot_log: io.StringIO
) -> None:
    await launch(admin_chats=frozenset({ADMIN}))
    api.throttle_once("sendMessage")  # a 429 and its retry are logged
    api.send_text(ALLOWED, PICKET)
    answer = await api.message(ALLOWED, timeout=15)
    for label in list(answer.buttons())[:2]:
        api.press(answer, label)
    api.inline_query(ALLOWED, "Russia")
    api.send_text(ADMIN, "/reload")
    api.send_text(ALLOWED, "/nonsense")
    await api.message(ADMIN)
    await asyncio.sleep(0.3)
    log = bot_log.getvalue()
    assert "Calling Bot API endpoint `sendMessage`" in log  # DEBUG lines were written
    assert "Rate limit hit" in log or "RetryAfter" in log or "429" in log
    text = log + "\n".join(m.html for m in api.messages.values())
    for secret in _secrets(api.token):
        assert secret not in text


async def test_the_running_command_never_prints_the_token_even_when_telegram_fails(
    tmp_path: Path, built_index: Path
) -> None:
    """`whosaid telegram` at DEBUG through answers, a 429, /reload and a lost connection."""
    api = FakeBotAPI().start()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("WHOSAID_", "TELEGRAM_")) or k == "WHOSAID_SEMANTIC"
    }
    env.update(
        PYTHONPATH=str(REPO),
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        TELEGRAM_BOT_TOKEN=api.token,
        WHOSAID_TELEGRAM_BASE_URL=api.base_url,
        WHOSAID_LOG_LEVEL="DEBUG",
        WHOSAID_ADMIN_CHATS=str(ADMIN),
        WHOSAID_STATE_FILE=str(tmp_path / "bot-state.sqlite3"),  # not beside the shared index
    )
    process = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "bot", "telegram", "--index", str(built_index)],
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    seen: list[bytes] = []

    async def drain() -> None:
        # Read all along: at DEBUG the bot writes more than a pipe holds, and a full pipe
        # would stall it mid-answer.
        assert process.stdout is not None
        async for line in process.stdout:
            seen.append(line)

    reader = asyncio.create_task(drain())

    async def logged(*needles: bytes, timeout: float) -> None:
        for _ in range(int(timeout * 10)):
            if any(n in line for line in seen for n in needles):
                return
            await asyncio.sleep(0.1)

    try:
        api.throttle_once("sendMessage")
        api.send_text(ALLOWED, PICKET)
        await api.message(ALLOWED, timeout=30)
        api.send_text(ADMIN, "/reload")
        await api.message(ADMIN, timeout=30)
        api.stop()  # Telegram goes away: the bot logs network errors and retries
        await logged(b"NetworkError", b"ConnectError", timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=30)
        await asyncio.wait_for(reader, timeout=10)
    log = b"".join(seen).decode()
    assert "polling for updates" in log
    assert "NetworkError" in log or "ConnectError" in log  # the lost connection was logged
    for secret in _secrets(api.token):
        assert secret not in log
    for sent in api.messages.values():
        assert api.token not in sent.html


# --- data files are data --------------------------------------------------------------------

_FORBIDDEN_MODULES = {"pickle", "cPickle", "dill", "cloudpickle", "joblib", "marshal", "shelve"}
_FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}


def _sources() -> list[Path]:
    return sorted(p for pkg in ("corpus", "index", "bot") for p in (REPO / pkg).rglob("*.py"))


def test_no_source_unpickles_or_evaluates_anything() -> None:
    problems = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(REPO)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                bad = {n.split(".")[0] for n in names} & _FORBIDDEN_MODULES
                if bad:
                    problems.append(f"{where}:{node.lineno} imports {bad}")
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in _FORBIDDEN_CALLS:
                problems.append(f"{where}:{node.lineno} calls {func.id}()")
            name = func.attr if isinstance(func, ast.Attribute) else ""
            if name in {"loads", "load"} and isinstance(func, ast.Attribute):
                owner = ast.unparse(func.value)
                if owner in {"np", "numpy"}:
                    flags = {k.arg: ast.unparse(k.value) for k in node.keywords}
                    if flags.get("allow_pickle") != "False":
                        problems.append(f"{where}:{node.lineno} np.load without allow_pickle=False")
                if owner in {"yaml", "torch", "pd", "pandas"}:
                    problems.append(f"{where}:{node.lineno} {owner}.{name}")
            if name in {"read_pickle", "to_pickle", "unsafe_load", "full_load"}:
                problems.append(f"{where}:{node.lineno} {name}()")
    assert problems == []
    assert len(_sources()) > 30  # the scan did look at the packages


def test_the_index_on_disk_is_json_numpy_and_sqlite_only(built_index: Path) -> None:
    files = sorted(p for p in built_index.rglob("*") if p.is_file())
    assert {p.suffix for p in files} == {".json", ".npy", ".sqlite"}
    for path in files:
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        elif path.suffix == ".npy":
            array = np.load(path, allow_pickle=False)  # raises for object arrays
            assert array.dtype != object
        else:
            with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as db:
                assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
