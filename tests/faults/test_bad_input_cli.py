"""Bad questions at the command line: a clear answer, an exit status, no traceback, and nothing
a terminal would obey (escape sequences, bidi overrides) echoed back raw."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bot.cli_runner import run_cli
from tests.faults.conftest import Ran
from tests.faults.inputs import EMPTY, FORBIDDEN, HOSTILE


def _terminal_safe(text: str) -> None:
    raw = sorted({hex(ord(c)) for c in text if c in FORBIDDEN})
    assert not raw, f"raw control characters reach the terminal: {raw}"


@pytest.mark.parametrize("name", list(EMPTY))
def test_an_empty_question_is_one_line_and_exit_2(
    name: str, built_index: Path, cli: Callable[..., Ran]
) -> None:
    done = cli("ask", EMPTY[name], "--index", str(built_index))
    assert done.code == 2 and done.out == ""
    assert done.err.startswith("whosaid: the question is empty") and done.err.count("\n") == 1


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_question_gets_a_clear_answer(
    name: str, built_index: Path, cli: Callable[..., Ran]
) -> None:
    question = HOSTILE[name]
    done = cli("ask", question, "--index", str(built_index))
    assert done.code in (0, 1), done.err
    assert done.err == ""
    _terminal_safe(done.out)
    if done.code == 0:
        assert "Kazakstan's Balancing Act Over Ukraine Ties · IWPR · 2014-06-26" in done.out
    else:
        assert done.out.startswith(("No passages match “", "No passage answers “"))
        # A clear answer, not the question echoed back at length.
        assert len(done.out) < 2_000, f"{len(done.out)} characters of answer"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_json_keeps_the_question_exactly_and_stays_valid(
    name: str, built_index: Path, cli: Callable[..., Ran]
) -> None:
    question = HOSTILE[name]
    done = cli("ask", question, "--json", "--index", str(built_index))
    assert done.code in (0, 1) and done.err == ""
    data = json.loads(done.out)
    assert data["query"] == question
    _terminal_safe(done.out)  # JSON escapes controls; a script that prints it stays safe


def test_hostile_speaker_names_are_one_line_user_errors(
    built_index: Path, cli: Callable[..., Ran]
) -> None:
    for name in ("<script>", "\x1b[2J", "", "   ", "x" * 10_000):
        done = cli("ask", "embassy", "--speaker", name, "--index", str(built_index))
        assert done.code == 2 and done.out == "", repr(name)
        assert done.err.startswith("whosaid: ") and done.err.count("\n") == 1
        assert len(done.err) < 500
        _terminal_safe(done.err)


def test_every_bad_question_on_stdin_and_in_chat_as_a_user_runs_it(
    built_index: Path, tmp_path: Path
) -> None:
    """`ask -` and `chat` read lines: one process gets them all and answers each."""
    lines = [q.replace("\n", " ").replace("\r", " ") for q in HOSTILE.values()]
    stdin = "\n".join(["", "   ", *lines, "more", "what else did he say?"]) + "\n"
    asked = run_cli("ask", "-", "--json", cwd=tmp_path, index_dir=built_index, stdin=stdin)
    assert asked.returncode in (0, 1) and "Traceback" not in asked.stderr, asked.stderr[-2000:]
    answers = [json.loads(line) for line in asked.stdout.splitlines()]
    assert len(answers) == len(lines) + 2  # blank lines are skipped, every other one answered

    chat = run_cli("chat", cwd=tmp_path, index_dir=built_index, stdin=stdin)
    assert chat.returncode == 0, chat.stderr[-2000:]
    assert "Traceback" not in chat.stderr
    _terminal_safe(chat.stdout)
    _terminal_safe(chat.stderr)
    assert len(chat.stdout) < 100_000  # no 100 kB question echoed back whole
