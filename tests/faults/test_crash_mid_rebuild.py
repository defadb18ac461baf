"""kill -9 in the middle of `whosaid rebuild` leaves the previous index answering questions,
no process behind, and the next rebuild free to run.

The rebuild runs as a real process over a generated archive of about 3,000 passages and is killed
at moments found from outside, with no test hooks in the code: while worker processes attribute
articles (kill -9 and SIGTERM), and once the new index is being written beside the old one.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from index.build import build_index
from tests.bot.cli_runner import REPO
from tests.faults.articles import BEES_QUESTION, BEES_SPEAKER, add_archive
from tests.faults.conftest import PICKET, PICKET_ANSWER, Ran

# Far longer than anything here takes, so a loaded machine does not fail the test; a hang does.
GENEROUS_S = 90


def _children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return children


def _descendants(pid: int) -> list[int]:
    """Every process started by `pid`, its children's children too (a pool may use a server)."""
    found: list[int] = []
    todo = _children(pid)
    while todo:
        child = todo.pop()
        found.append(child)
        todo += _children(child)
    return found


def _alive(pid: int) -> bool:
    """Running, not just a zombie waiting for whoever adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _workers(pid: int) -> list[int]:
    """The processes of `pid`'s pool that do the work: none of their own (a fork server has
    its workers), and not multiprocessing's resource tracker."""
    return [
        child
        for child in _descendants(pid)
        if not _children(child) and "resource_tracker" not in _command_line(child)
    ]


def _workers_running(pid: int) -> bool:
    """Two or more worker processes are up."""
    return len(_workers(pid)) >= 2


def _staging(index_dir: Path) -> list[Path]:
    return list(index_dir.parent.glob(f".{index_dir.name}.building-*"))


def _snapshot(index_dir: Path) -> set[tuple[str, int]]:
    """Every path in and beside the index folder, with its modification time."""
    found = set()
    for path in [index_dir.parent, *index_dir.parent.rglob("*")]:
        try:
            found.add((str(path), path.stat().st_mtime_ns))
        except OSError:  # removed while we looked: that is a change too
            found.add((str(path), -1))
    return found


def _writing(index_dir: Path, settle: float = 0.03) -> Callable[[int], bool]:
    """The moment the build starts writing anything near the index (plus a little, so the kill
    lands inside the writing), whatever the code writes first."""
    before = _snapshot(index_dir)
    changed_at: list[float] = []

    def moment(pid: int) -> bool:
        if not changed_at and _snapshot(index_dir) != before:
            changed_at.append(time.monotonic())
        return bool(changed_at) and time.monotonic() - changed_at[0] >= settle

    return moment


def _kill_rebuild_when(
    corpus: Path,
    index_dir: Path,
    moment: Callable[[int], bool],
    timeout: float = 60,
    signum: int = signal.SIGKILL,
) -> None:
    """Start `whosaid rebuild`, send `signum` as soon as `moment(pid)` holds; then every process
    it started must be gone on its own (none may be left holding the build lock)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env["PYTHONPATH"] = str(REPO)
    where = ["--corpus", str(corpus), "--index", str(index_dir)]
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "rebuild", *where],
        env=env,
        cwd=corpus.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a group, so that a failing test can still clean up
    )
    deadline = time.monotonic() + timeout
    started: list[int] = []
    try:
        while not moment(process.pid):
            assert process.poll() is None, "the rebuild finished before the moment came"
            assert time.monotonic() < deadline, "the moment never came"
            time.sleep(0.001)
        started = _descendants(process.pid)
        os.kill(process.pid, signum)
        assert process.wait(timeout=10) == -signum
        gone_by = time.monotonic() + GENEROUS_S
        while any(_alive(pid) for pid in started) and time.monotonic() < gone_by:
            time.sleep(0.05)
        left = [pid for pid in started if _alive(pid)]
        assert left == [], f"processes of the killed rebuild still running: {left}"
    finally:
        # Only when the assertion above failed is anything left; do not let it outlive the test.
        for pid in started:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait(timeout=10)


def _assert_old_index_answers(
    cli: Callable[..., Ran], corpus: Path, index_dir: Path, build_id: str
) -> None:
    manifest = json.loads((index_dir / "manifest.json").read_text())
    assert manifest["build_id"] == build_id
    where = ("--corpus", str(corpus), "--index", str(index_dir))
    old = cli("ask", PICKET, "-k", "1", *where)
    assert old.code == 0, old.err
    assert PICKET_ANSWER in old.out
    # The question is answered from the old index, which says it is stale and how to fix it.
    assert old.err.count("\n") == 1 and "changed since the index was built" in old.err
    assert f"run `whosaid rebuild --corpus {corpus} --index {index_dir}`" in old.err
    new = cli("ask", BEES_QUESTION, *where)
    assert new.code == 1 and BEES_SPEAKER not in new.out


def test_kill_9_mid_rebuild_leaves_the_previous_index_serving(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    index_dir = tmp_path / "indexes" / "index"
    old_build = build_index(corpus_copy, index_dir).build_id
    add_archive(corpus_copy)

    # 1. While worker processes attribute the new articles: kill -9, then a polite SIGTERM.
    for signum in (signal.SIGKILL, signal.SIGTERM):
        _kill_rebuild_when(corpus_copy, index_dir, _workers_running, signum=signum)
        _assert_old_index_answers(cli, corpus_copy, index_dir, old_build)

    # 2. While the new index is being written beside the old one.
    _kill_rebuild_when(corpus_copy, index_dir, _writing(index_dir))
    _assert_old_index_answers(cli, corpus_copy, index_dir, old_build)

    # The next rebuild (a process of its own: a hang must fail, not hold the suite) clears what
    # the killed one left and swaps the new index in.
    where = ["--corpus", str(corpus_copy), "--index", str(index_dir)]
    rebuilt = subprocess.run(
        [sys.executable, "-m", "bot", "rebuild", *where],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=GENEROUS_S,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.startswith("Indexed 72 articles: ")
    assert "waiting" not in rebuilt.stderr  # nobody was left holding the lock
    assert _staging(index_dir) == []
    assert [p.name for p in index_dir.parent.iterdir()] == ["index"]
    fresh = cli("ask", BEES_QUESTION, "--corpus", str(corpus_copy), "--index", str(index_dir))
    assert fresh.code == 0 and BEES_SPEAKER in fresh.out and fresh.err == ""


def test_two_rebuilds_at_once_both_finish_and_leave_one_good_index(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    index_dir = tmp_path / "indexes" / "index"
    build_index(corpus_copy, index_dir)
    add_archive(corpus_copy, articles=20)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env["PYTHONPATH"] = str(REPO)
    where = ["--corpus", str(corpus_copy), "--index", str(index_dir)]
    both = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "rebuild", *where],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in both]
    assert [process.returncode for process in both] == [0, 0], outputs
    assert all(out.startswith("Indexed 22 articles: ") for out, _ in outputs)
    assert [p.name for p in index_dir.parent.iterdir()] == ["index"]
    fresh = cli("ask", BEES_QUESTION, *where)
    assert fresh.code == 0 and BEES_SPEAKER in fresh.out and fresh.err == ""
