"""Shared fixtures for the fault tests: a corpus and index of the bundled article, copied per test,
and the CLI run in-process (fast) or as a subprocess (as a user runs it)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from corpus.paths import BUNDLED_CORPUS_DIR

# The fake Bot API fixtures (`api`, `launch`) are the Telegram engineer's; reusing
# them keeps one fake server that checks HTML the way Telegram does.
from tests.telegram.conftest import api, launch  # noqa: F401

PICKET = "who pickets the Russian embassy"
PICKET_ANSWER = "those who picket the Russian embassy get detained"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS_DIR, corpus)
    return corpus


@pytest.fixture
def index_copy(tmp_path: Path, built_index: Path) -> Path:
    index_dir = tmp_path / "index"
    shutil.copytree(built_index, index_dir)
    return index_dir


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., Ran]:
    """`whosaid …` in this process: same code path as the console script, a tenth of the time.

    A traceback would escape `main` as an exception and fail the test on its own.
    """
    for name in ("WHOSAID_CORPUS_DIR", "WHOSAID_INDEX_DIR", "WHOSAID_TOP_K", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    work = tmp_path / "cwd"
    work.mkdir(exist_ok=True)
    monkeypatch.chdir(work)  # no stray .env

    def run(*args: str) -> Ran:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run
