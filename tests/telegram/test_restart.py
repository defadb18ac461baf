"""A restart of `whosaid telegram` forgets nothing a user can see: buttons and follow-ups work.

The real command runs as a process against the fake Bot API, is stopped the way a service
manager stops it (SIGTERM) between a question and the presses of its buttons, and started again.
"""

from __future__ import annotations

import asyncio
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path
from typing import IO

from tests.telegram.fake_bot_api import FakeBotAPI
from tests.telegram.test_command import _env

PICKET = "What happens to people who picket the Russian embassy?"


async def _start(
    tmp_path: Path, api: FakeBotAPI, index_dir: Path, log: IO[bytes]
) -> asyncio.subprocess.Process:
    env = _env(
        TELEGRAM_BOT_TOKEN=api.token,
        WHOSAID_TELEGRAM_BASE_URL=api.base_url,
        WHOSAID_LOG_LEVEL="INFO",
    )
    polls = len(api.calls_to("getUpdates"))
    process = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "bot", "telegram", "--index", str(index_dir)],
        cwd=tmp_path,
        env=env,
        stdout=log,  # a file, not a pipe: nobody has to drain it while the bot runs
        stderr=log,
    )
    # Bounded by time, not by a count of naps: starting the bot (imports, the index, the state
    # file) takes seconds on a loaded machine; a bot that never polls still fails.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if len(api.calls_to("getUpdates")) > polls:
            return process
        if process.returncode is not None:
            break
        await asyncio.sleep(0.05)
    raise AssertionError(f"the bot never started polling (exit code {process.returncode})")


async def _stop(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), timeout=30)


async def test_buttons_and_follow_ups_survive_a_restart(tmp_path: Path, built_index: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    log_path = tmp_path / "bot.log"
    with FakeBotAPI() as api, log_path.open("wb") as log:
        first = await _start(tmp_path, api, index_dir, log)
        try:
            api.send_text(42, PICKET)
            answer = await api.message(42, timeout=60)
            assert answer.plain.startswith(f"🔎 {PICKET} · 1–3 of ")
            assert "Andrei Grishin" in answer.plain.splitlines()[2]
            more, context = answer.buttons()["More ▶"], answer.buttons()["Context 1"]
        finally:
            code = await _stop(first)
        assert code == 0, log_path.read_text()
        # The state is next to the index, not inside it: a rebuild replaces the index folder.
        state_file = tmp_path / "index.bot-state.sqlite3"
        with sqlite3.connect(state_file) as db:
            assert db.execute("SELECT chat_id FROM chats").fetchall() == [(42,)]

        second = await _start(tmp_path, api, index_dir, log)
        try:
            # "he" is still Grishin, and what was shown before the restart is left out.
            api.send_text(42, "What else did he say?")
            other = await api.message(42, count=2, timeout=60)
            # the first answer showed two of Grishin's passages: "what else" leaves both out
            assert other.plain.startswith("What Andrei Grishin said · 1–2 of 2"), other.plain
            assert "picket the Russian embassy" not in other.plain

            # More on the answer from before the restart still pages…
            paged = api.press(answer, data=more)
            await api.expect("editMessageText", chat_id=42, timeout=30)
            assert "<b>4. " in answer.html and "<b>1. " not in answer.html
            call = await api.expect("answerCallbackQuery", callback_query_id=paged)
            assert "text" not in call.params  # no "this button has expired"

            # …and its Context button still shows the paragraph.
            api.press(answer, data=context)
            await api.expect("editMessageText", chat_id=42, count=2, timeout=30)
            assert answer.plain.startswith("Andrei Grishin, a member of staff"), answer.plain
            assert "Paragraph " in answer.plain and "<u>" in answer.html
        finally:
            code = await _stop(second)
    output = log_path.read_text()
    assert code == 0, output
    assert "Traceback" not in output and api.token not in output
