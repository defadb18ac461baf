"""A full disk while the index is written: one line saying the disk is full, exit code 4, and the
previous index answering as before. The disk is really full: a small tmpfs in a private mount
namespace (tests/faults/full_disk.py), filled up to just the room the test wants to leave."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from index.build import build_index
from tests.bot.cli_runner import REPO
from tests.faults.articles import BEES, add_archive
from tests.faults.conftest import PICKET, PICKET_ANSWER

EXIT_DISK_FULL = 4
PAGE = 4096  # tmpfs hands out whole pages
UNSHARE = ["unshare", "--user", "--map-root-user", "--mount"]


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    trial = subprocess.run([*UNSHARE, "true"], capture_output=True)
    return trial.returncode == 0


pytestmark = pytest.mark.skipif(
    not _namespaces_work(), reason="needs a private mount namespace (unshare) for a real tmpfs"
)


def _pages(path: Path) -> int:
    return sum(math.ceil(f.stat().st_size / PAGE) * PAGE for f in path.rglob("*") if f.is_file())


@pytest.fixture(scope="module")
def sizes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A corpus bigger than the bundled one, and what its index takes on disk, part by part."""
    root = tmp_path_factory.mktemp("full-disk")
    corpus = root / "corpus"
    shutil.copytree(BUNDLED_CORPUS_DIR, corpus)
    add_archive(corpus, articles=12)
    measured = root / "measured"
    build_index(corpus, measured)
    return {
        "corpus": str(corpus),
        "bm25": _pages(measured / "bm25"),
        "database": _pages(measured / "passages.sqlite"),
    }


def _run_full(tmp_path: Path, spec: dict[str, object]) -> dict[str, object]:
    spec = {"mount": str(tmp_path / "disk"), "size": "24m", **spec}
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [*UNSHARE, sys.executable, "-m", "tests.faults.full_disk", str(spec_file)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    results: dict[str, object] = json.loads(done.stdout)
    return results


def _says_disk_full(run: object) -> None:
    assert isinstance(run, dict)
    assert run["code"] == EXIT_DISK_FULL, run
    lines = run["err"].splitlines()
    assert len(lines) == 1 and "the disk is full" in lines[0], run["err"]
    assert "Traceback" not in run["err"]


@pytest.mark.parametrize("fails_in", ["bm25 arrays (.npy)", "passage database (SQLite)"])
def test_rebuild_on_a_full_disk_says_so_and_keeps_the_old_index(
    tmp_path: Path, sizes: dict[str, object], fails_in: str
) -> None:
    bundled = ("--corpus", str(BUNDLED_CORPUS_DIR))
    bm25, database = int(str(sizes["bm25"])), int(str(sizes["database"]))
    # Room for a third of the arrays, or for all of them and half the database.
    leave = bm25 // 3 if fails_in.startswith("bm25") else bm25 + 2 * PAGE + database // 2
    results = _run_full(
        tmp_path,
        {
            "old_corpus": str(BUNDLED_CORPUS_DIR),
            "leave": leave,
            "command": ["rebuild", "--corpus", sizes["corpus"], "--index", "{index}"],
            "then": ["ask", PICKET, "-k", "1", *bundled, "--index", "{index}"],
        },
    )
    assert results["old"]["code"] == 0  # type: ignore[index]
    _says_disk_full(results["run"])
    old, now = results["old_manifest"], results["manifest"]
    assert now["build_id"] == old["build_id"]  # type: ignore[index]
    assert results["beside_index"] == ["index"]  # no half-written index left behind
    answer = results["then"]
    assert answer["code"] == 0 and PICKET_ANSWER in answer["out"], answer  # type: ignore[index]


def test_first_question_on_a_full_disk_says_so(tmp_path: Path) -> None:
    results = _run_full(
        tmp_path,
        {
            "leave": 8 * PAGE,
            "command": ["ask", PICKET, "--corpus", str(BUNDLED_CORPUS_DIR), "--index", "{index}"],
        },
    )
    _says_disk_full(results["run"])
    assert results["run"]["out"] == ""  # type: ignore[index]


def test_add_on_a_full_disk_keeps_the_article_and_says_the_index_was_not_rebuilt(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS_DIR, corpus)
    article = tmp_path / "bees.txt"
    article.write_text(BEES, encoding="utf-8")
    results = _run_full(
        tmp_path,
        {
            "old_corpus": str(corpus),
            "leave": 2 * PAGE,
            "command": ["add", str(article), "--corpus", str(corpus), "--index", "{index}"],
        },
    )
    run = results["run"]
    _says_disk_full(run)
    assert "added as" in run["out"]  # type: ignore[index]
    assert len(list(corpus.iterdir())) == 2
    assert results["manifest"]["build_id"] == results["old_manifest"]["build_id"]  # type: ignore[index]
