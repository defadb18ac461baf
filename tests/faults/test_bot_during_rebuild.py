"""While `whosaid rebuild` runs in another process, the bot keeps answering from the old index,
and it switches to the new one in one step when the rebuild lands: never an error, never a
half-open index, never back to the old answers."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.errors import SORRY
from index.build import build_index
from tests.bot.cli_runner import REPO
from tests.faults.articles import BEES_QUESTION, BEES_SPEAKER, add_archive
from tests.faults.conftest import PICKET, PICKET_ANSWER
from tests.telegram.conftest import make_settings
from tests.telegram.fake_bot_api import FakeBotAPI

CHAT = 7


async def test_the_bot_answers_throughout_a_rebuild_then_switches_once(
    api: FakeBotAPI,
    launch: Any,
    corpus_copy: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    index_dir = tmp_path / "indexes" / "index"
    build_index(corpus_copy, index_dir)
    await launch(settings=make_settings(api, index_dir, corpus_dir=corpus_copy))
    add_archive(corpus_copy, articles=40)

    env = {k: v for k, v in os.environ.items() if not k.startswith("WHOSAID_")}
    env["PYTHONPATH"] = str(REPO)
    rebuild = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "bot", "rebuild"],
        *["--corpus", str(corpus_copy), "--index", str(index_dir)],
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    finished = asyncio.create_task(rebuild.communicate())
    answers: list[tuple[bool, str, str]] = []  # (rebuild still running, question, reply)

    async def ask(question: str) -> str:
        running = not finished.done()
        api.send_text(CHAT, question)
        sent = await api.message(CHAT, count=len(answers) + 1, timeout=15)
        answers.append((running, question, sent.plain))
        return sent.plain

    with caplog.at_level(logging.INFO):
        while not finished.done():
            await ask(PICKET)
            await ask(BEES_QUESTION)
        _, stderr = await finished
        assert rebuild.returncode == 0, stderr
        await asyncio.sleep(1.1)  # the bot looks at the index folder at most once a second
        await ask(PICKET)
        assert BEES_SPEAKER in await ask(BEES_QUESTION)

    assert sum(running for running, _, _ in answers) >= 6, "too few questions during the rebuild"
    for _, question, reply in answers:
        assert reply != SORRY
        if question == PICKET:
            assert reply.startswith("🔎 ") and PICKET_ANSWER in reply
    # Old answers until the switch, new ones after it: one switch, never back.
    new = [BEES_SPEAKER in reply for _, question, reply in answers if question == BEES_QUESTION]
    assert new[0] is False and new[-1] is True
    assert new == sorted(new), new
    assert "cannot be opened yet" not in caplog.text
    assert caplog.text.count("index rebuilt: now serving build") == 1
