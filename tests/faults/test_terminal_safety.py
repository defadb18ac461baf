"""Hostile article metadata and file names never act on the terminal, in colour or plain.

An article's front matter sets a title that clears the screen, retitles the window and reverses
the line; its body quotes someone through the same characters; file names carry escapes,
bidi overrides and a newline. Every command that shows them runs as a real process, once on a
pseudo-terminal (so rich's colour path runs) and once into a pipe: the output may contain the
CLI's own colour codes, never the article's.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bot.cli_runner import REPO, run_cli
from tests.faults.inputs import FORBIDDEN

CLEAR = "\x1b[2J"
RETITLE = "\x1b]0;pwned\x07"
RLO = "\u202e"
TITLE = f"Water Tariffs{CLEAR} Rise{RETITLE} in Almaty{RLO}gpj.exe"
GOOD_NAME = f"tariffs{CLEAR}{RLO}.txt"
BAD_NAME = "broken\nskipped: forged line\x1b[31m.txt"


def _toml(text: str) -> str:
    """A TOML basic string with every character outside printable ASCII as a \\u escape."""
    return "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)


ARTICLE = f"""+++
title = "{_toml(TITLE)}"
publisher = "Example\\u001b[5m News"
author = "Ann\\u2066 Author"
url = "https://example.org/a\\u001b]8;;https://evil.example/\\u0007b"
date = 2024-03-02
+++
Water tariffs in Almaty will rise by a fifth from April, the city administration said.

“Nobody warned us{CLEAR},” said Aigul Nurova{RETITLE}, a pensioner{RLO} from the Bostandyk district.
"""
QUESTION = "water tariffs in Almaty"
# Other news in the corpus, so that the hostile article's words are rare enough to rank.
OTHER = [
    "Bus fares in Astana stay the same this year, the transport department said.",
    "Wheat exports rose in the spring as prices on world markets recovered.",
    "A new bridge over the Ishim river opened to traffic on Monday.",
]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / GOOD_NAME).write_text(ARTICLE, encoding="utf-8")
    for n, text in enumerate(OTHER):
        (corpus / f"other-{n}.txt").write_text(f"Other news {n}\n\n{text}\n", encoding="utf-8")
    (corpus / BAD_NAME).write_text("+++\ntitle = 'never closed'\n", encoding="utf-8")
    index = root / "index"
    done = run_cli("rebuild", "--corpus", str(corpus), "--index", str(index), cwd=root)
    assert done.returncode == 0, done.stderr
    return corpus, index


def _on_a_terminal(*args: str, cwd: Path, stdin: str = "") -> str:
    """`whosaid ARGS` with stdout and stderr on a pseudo-terminal, as a user at a console sees."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env.pop("NO_COLOR", None)
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", COLUMNS="100")
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=follower,
        stderr=follower,
    )
    os.close(follower)
    assert process.stdin is not None
    process.stdin.write(stdin.encode())
    process.stdin.close()
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            process.kill()
            raise AssertionError("no output for 60 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    process.wait(timeout=60)
    return b"".join(chunks).decode("utf-8", "replace")


# The CLI's own styling: SGR colour sequences that rich writes (ESC [ digits;… m).
_OWN_STYLE = re.compile(r"\x1b\[[0-9;]*m")


def _assert_safe(output: str, *, colour: bool) -> None:
    if colour:
        assert _OWN_STYLE.search(output), "expected rich's colour on a terminal"
        output = _OWN_STYLE.sub("", output)
    raw = sorted({hex(ord(c)) for c in output if c in FORBIDDEN and c not in "\r"})
    assert not raw, f"raw control characters reach the terminal: {raw}\n{output!r}"
    assert "\nskipped: forged line" not in output  # a newline in a name forges no line


COMMANDS = {
    "ask": ["ask", QUESTION],
    "articles": ["articles"],
    "speakers": ["speakers"],
    "passages": ["passages"],
    "rebuild": ["rebuild"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_plain_output_shows_hostile_metadata_without_obeying_it(
    name: str, hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = hostile
    args = [*COMMANDS[name], "--corpus", str(corpus), "--index", str(index)]
    done = run_cli(*args, cwd=tmp_path)
    assert "Traceback" not in done.stderr
    _assert_safe(done.stdout + done.stderr, colour=False)
    if name in {"ask", "articles"}:
        # Visible for what it is, not dropped: the reader can tell the title was tampered with.
        assert "Water Tariffs\\x1b[2J Rise" in done.stdout
        assert "\\u202e" in done.stdout
    if name in {"rebuild", "passages"}:
        assert "broken\\nskipped: forged line\\x1b[31m.txt" in done.stderr


@pytest.mark.parametrize("name", ["ask", "articles", "speakers", "rebuild"])
def test_colour_output_shows_hostile_metadata_without_obeying_it(
    name: str, hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = hostile
    args = [*COMMANDS[name], "--corpus", str(corpus), "--index", str(index)]
    shown = _on_a_terminal(*args, cwd=tmp_path)
    assert "Traceback" not in shown
    _assert_safe(shown, colour=name == "ask")
    if name == "ask":
        assert "Water Tariffs\\x1b[2J Rise" in _OWN_STYLE.sub("", shown)


def test_chat_shows_hostile_metadata_without_obeying_it(
    hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = hostile
    args = ["chat", "--corpus", str(corpus), "--index", str(index)]
    done = run_cli(*args, cwd=tmp_path, stdin=f"{QUESTION}\nwhat else did she say?\n")
    _assert_safe(done.stdout + done.stderr, colour=False)
    assert "Aigul Nurova" in done.stdout and "Traceback" not in done.stderr


def test_passages_of_a_hostile_file_name(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, _ = hostile
    done = run_cli(
        "passages", str(corpus / GOOD_NAME), str(tmp_path / "gone\x1b[2J.txt"), cwd=tmp_path
    )
    _assert_safe(done.stdout + done.stderr, colour=False)
    assert "gone\\x1b[2J.txt" in done.stderr


def test_add_lines_name_hostile_files_safely(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    source = tmp_path / f"new{RETITLE}\u2067.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    done = run_cli("add", str(source), "--corpus", str(corpus), "--index", str(index), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    _assert_safe(done.stdout + done.stderr, colour=False)
    assert "\\x1b]0;pwned\\x07\\u2067.txt: added as" in done.stdout


@pytest.mark.parametrize(
    "args", [["ask", QUESTION, "--json"], ["articles", "--json"], ["passages", "--json"]]
)
def test_json_stays_valid_and_keeps_the_values(
    args: list[str], hostile: tuple[Path, Path], tmp_path: Path
) -> None:
    corpus, index = hostile
    done = run_cli(*args, "--corpus", str(corpus), "--index", str(index), cwd=tmp_path)
    _assert_safe(done.stdout, colour=False)
    data = json.loads(done.stdout)
    assert TITLE in _strings(data)  # exactly the title, once decoded
