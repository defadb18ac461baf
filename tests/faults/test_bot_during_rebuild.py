"""While `whosaid rebuild` runs in another process, the bot keeps answering from the old index,
and it switches to the new one in one step when the rebuild lands: never an error, never a
half-open index, never back to the old answers."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.telegram.errors import SORRY
from corpus.paths import BUNDLED_CORPUS_DIR
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

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
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


def test_an_open_chat_keeps_answering_when_its_index_is_rebuilt_or_deleted(
    index_copy: Path, tmp_path: Path
) -> None:
    """`whosaid chat` holds its index open: a rebuild swapping the folder, or the folder being
    deleted, must not cost the person at the prompt an answer or show them a traceback."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env.update(PYTHONPATH=str(REPO), NO_COLOR="1")
    chat = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "-k", "1", "--index", str(index_copy)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert chat.stdin is not None and chat.stdout is not None

    def ask(question: str) -> str:
        assert chat.stdin is not None and chat.stdout is not None
        chat.stdin.write(question + "\n")
        chat.stdin.flush()
        lines: list[str] = []
        while not lines or lines[-1].strip():  # with -k 1, a blank line closes each answer
            line = chat.stdout.readline()
            assert line, "the chat ended"
            lines.append(line)
        return "".join(lines)

    try:
        assert PICKET_ANSWER in ask(PICKET)
        build_index(BUNDLED_CORPUS_DIR, index_copy)  # a rebuild swaps the folder under it
        assert "Svoik" in ask("what did Svoik say about Russia")
        shutil.rmtree(index_copy)
        assert "Crimea" in ask("Crimea referendum")
    finally:
        _, err = chat.communicate(timeout=30)
    assert chat.returncode == 0, err
    assert "Traceback" not in err
