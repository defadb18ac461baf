"""`whosaid chat` and plain output on a real terminal (a pseudo-terminal): keys as typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.pty_runner import Terminal

PROMPT = "whosaid> "


@pytest.fixture
def chat(built_index: Path, elsewhere: Path) -> Iterator[Terminal]:
    terminal = Terminal("chat", cwd=elsewhere, env={"WHOSAID_INDEX_DIR": str(built_index)})
    terminal.expect(PROMPT)
    yield terminal
    terminal.close()


def test_ctrl_c_cancels_the_line_and_ctrl_d_leaves_on_a_new_line(chat: Terminal) -> None:
    chat.send("Who is Svo")
    chat.expect("Svo")
    chat.send("\x03")
    shown = chat.expect(PROMPT)
    assert "(cancelled; Ctrl-C again or Ctrl-D leaves)" in shown
    assert chat.process.poll() is None  # still running: only the line was cancelled
    chat.send("Who is Svoik?\r")
    assert "Pyotr Svoik" in chat.expect(PROMPT)
    chat.send("\x04")
    assert chat.wait() == 0
    # The shell's prompt must start on a line of its own.
    assert chat.output.endswith("\n")
    assert chat.output.rsplit(PROMPT, 1)[1].strip() == ""


def test_a_second_ctrl_c_leaves_on_a_new_line(chat: Terminal) -> None:
    # A key first, echoed once line editing reads: a Ctrl-C sent before that is only noticed at
    # the next key (CPython's readline checks signals when its wait is interrupted).
    chat.send("x")
    chat.expect("x")
    chat.send("\x03")
    chat.expect(PROMPT)
    chat.send("\x03")
    assert chat.wait() == 0
    assert chat.output.endswith("\n")
    assert "Traceback" not in chat.output


def test_chat_follow_ups_as_the_issue_types_them(chat: Terminal) -> None:
    chat.send("Who is Svoik?\r")
    chat.expect(PROMPT)
    chat.send("what else did she say?\r")
    shown = chat.expect(PROMPT)
    assert "“She” does not fit the last speaker, Pyotr Svoik. Whom do you mean?" in shown
    assert "That is all" not in shown
    chat.send("and Umbetalieva?\r")
    shown = chat.expect(PROMPT)
    assert "(only Tolganay Umbetalieva)" in shown
    assert "No passages" not in shown
    assert "Tolganay Umbetalieva, director of the Central Asia Foundation" in shown
    chat.send("\x04")
    assert chat.wait() == 0


def test_plain_output_on_a_terminal_wraps_at_word_boundaries(
    built_index: Path, elsewhere: Path
) -> None:
    terminal = Terminal(
        "ask",
        "What happens to people who picket the Russian embassy?",
        "-k",
        "1",
        cwd=elsewhere,
        env={"WHOSAID_INDEX_DIR": str(built_index), "NO_COLOR": "1", "COLUMNS": "60"},
    )
    try:
        assert terminal.wait() == 0
    finally:
        terminal.close()
    lines = terminal.output.replace("\r\n", "\n").strip("\n").split("\n")
    assert "\x1b[" not in terminal.output  # NO_COLOR: no colour codes
    assert max(len(line) for line in lines) <= 60
    assert len(lines) > 4  # the passage really was wrapped
    assert all(line.startswith("   ") for line in lines[1:])  # indented under "1. "
    words = " ".join(line.strip() for line in lines[1:]).split()
    for word in ("picket", "embassy", "International", "detained.”"):
        assert word in words or any(w.startswith(word) for w in words)  # never cut mid-word
