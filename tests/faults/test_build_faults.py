"""When the machine, not the input, stops a rebuild: one line, an exit code of its own, the old
index untouched. Also: a rebuild that waits for another says so, and an article file whose name
is not UTF-8 is indexed like any other.

Exit codes (README): 0 done, 1 no results, 2 a mistake in the command or its input, 3 a worker
process died, 4 the disk is full, 130 Ctrl-C.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from index.build import build_index
from index.errors import WorkerDied
from tests.bot.cli_runner import REPO
from tests.faults.articles import BEES_QUESTION, BEES_SPEAKER, add_archive
from tests.faults.conftest import PICKET, PICKET_ANSWER, Ran
from tests.faults.test_crash_mid_rebuild import (
    GENEROUS_S,
    _alive,
    _descendants,
    _workers,
    _workers_running,
)

EXIT_WORKER_DIED = 3


def _env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WHOSAID_") or k == "WHOSAID_SEMANTIC"
    }
    env["PYTHONPATH"] = str(REPO)
    return env


def test_killing_one_worker_fails_the_rebuild_in_one_line_with_its_own_exit_code(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    index_dir = tmp_path / "indexes" / "index"
    old_build = build_index(corpus_copy, index_dir).build_id
    add_archive(corpus_copy)
    where = ["--corpus", str(corpus_copy), "--index", str(index_dir)]
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "rebuild", *where],
        env=_env(),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + GENEROUS_S
        while not _workers_running(process.pid):
            assert process.poll() is None, "the rebuild finished before its workers were seen"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        started = _descendants(process.pid)
        workers = _workers(process.pid)
        assert workers, started
        os.kill(workers[0], signal.SIGKILL)
        out, err = process.communicate(timeout=GENEROUS_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == EXIT_WORKER_DIED, err
    assert len(err.splitlines()) == 1 and "worker process died" in err, err
    assert "Traceback" not in err and out == ""
    gone_by = time.monotonic() + GENEROUS_S
    while any(_alive(pid) for pid in started) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert [pid for pid in started if _alive(pid)] == []

    # The previous index is still the one answering, and the next rebuild goes through.
    old = cli("ask", PICKET, "-k", "1", *where)
    assert old.code == 0 and PICKET_ANSWER in old.out
    assert (index_dir / "manifest.json").read_text().count(old_build) == 1
    rebuilt = subprocess.run(
        [sys.executable, "-m", "bot", "rebuild", *where],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=GENEROUS_S,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    fresh = cli("ask", BEES_QUESTION, *where)
    assert fresh.code == 0 and BEES_SPEAKER in fresh.out


def _flocked(folder: Path, *, waiting: bool = False) -> bool:
    """Someone holds an flock on `folder` (`waiting`: someone is blocked asking for one)."""
    inode = f":{folder.stat().st_ino} "
    return any(
        " FLOCK " in line and inode in line and ("->" in line) == waiting
        for line in Path("/proc/locks").read_text().splitlines()
    )


_SECONDS = re.compile(r" in (\d+\.\d+) s ")


def test_a_rebuild_that_waits_says_so_once_and_times_only_its_own_work(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "indexes" / "index"
    add_archive(corpus_copy, articles=20)
    where = ["--corpus", str(corpus_copy), "--index", str(index_dir)]

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "rebuild", *where],
            env=_env(),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    index_dir.parent.mkdir(parents=True)
    first = start()
    second: subprocess.Popen[str] | None = None
    try:
        # The first holds the build lock (an flock on the index's folder) and is stopped there,
        # so that the second certainly finds it taken, however slowly either starts.
        deadline = time.monotonic() + GENEROUS_S
        while not _flocked(index_dir.parent):
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.005)
        os.kill(first.pid, signal.SIGSTOP)
        second_started = time.monotonic()
        second = start()
        while not _flocked(index_dir.parent, waiting=True):
            assert second.poll() is None and time.monotonic() < deadline, second.communicate()
            time.sleep(0.005)
        blocked_at = time.monotonic()
        # Held for longer than the second took to start: a report that counted its wait would
        # then exceed what is left of its wall time below.
        while time.monotonic() - blocked_at < max(1.0, 2 * (blocked_at - second_started)):
            time.sleep(0.05)
        held = time.monotonic() - blocked_at
        os.kill(first.pid, signal.SIGCONT)
        _, first_err = first.communicate(timeout=GENEROUS_S)
        second_out, second_err = second.communicate(timeout=GENEROUS_S)
        second_wall = time.monotonic() - second_started
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.communicate()
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    assert "waiting" not in first_err
    assert second_err.count(f"waiting for another rebuild of {index_dir}…") == 1, second_err
    # The second found everything already read by the first: its own work is the index alone.
    assert "(0 read, 22 unchanged)" in second_out, second_out
    # It waited for at least `held` seconds; the time it reports leaves that wait out.
    second_seconds = float(_SECONDS.findall(second_out)[0])
    assert second_seconds + held < second_wall, (second_out, held, second_wall)


def test_a_stuck_worker_fails_the_rebuild_in_one_sentence_within_its_bound(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    """Workers that never finish (stopped here; an endless loop or a starved machine alike)
    are killed after `stall_after_s` without a finished article, and the rebuild fails in one
    sentence: it never hangs."""
    index_dir = tmp_path / "indexes" / "index"
    old_build = build_index(corpus_copy, index_dir).build_id
    add_archive(corpus_copy, articles=70)
    stall = 3.0
    failure: list[BaseException] = []

    def rebuild() -> None:
        try:
            build_index(corpus_copy, index_dir, stall_after_s=stall)
        except BaseException as error:  # handed to the test's thread
            failure.append(error)

    before = set(multiprocessing.active_children())
    builder = threading.Thread(target=rebuild, daemon=True)
    builder.start()
    deadline = time.monotonic() + GENEROUS_S
    stopped: list[int] = []
    while len(stopped) < 2:
        assert builder.is_alive(), f"the rebuild ended before its workers were seen: {failure}"
        assert time.monotonic() < deadline, "no worker processes started"
        for process in set(multiprocessing.active_children()) - before:
            if process.pid is not None and process.pid not in stopped:
                os.kill(process.pid, signal.SIGSTOP)  # just started: no article done yet
                stopped.append(process.pid)
        time.sleep(0.001)
    since = time.monotonic()
    builder.join(timeout=GENEROUS_S)
    assert not builder.is_alive(), "the rebuild hangs on its stopped workers"
    assert time.monotonic() - since < stall + GENEROUS_S / 3
    assert len(failure) == 1 and isinstance(failure[0], WorkerDied), failure
    message = str(failure[0])
    assert message == (
        f"an attribution worker process stopped responding (no article finished in {stall:.0f} "
        "s); the previous index is unchanged"
    )
    gone_by = time.monotonic() + GENEROUS_S
    while any(_alive(pid) for pid in stopped) and time.monotonic() < gone_by:
        time.sleep(0.05)
    assert [pid for pid in stopped if _alive(pid)] == []
    assert json.loads((index_dir / "manifest.json").read_text())["build_id"] == old_build
    old = cli("ask", PICKET, "-k", "1", "--corpus", str(corpus_copy), "--index", str(index_dir))
    assert old.code == 0 and PICKET_ANSWER in old.out


def test_a_file_name_that_is_not_utf8_is_indexed_and_shown_safely(
    corpus_copy: Path, tmp_path: Path, cli: Callable[..., Ran]
) -> None:
    name = os.fsdecode(b"bad-\xff\xfe-name.txt")
    (corpus_copy / name).write_text(
        "Bakers Strike in Shymkent\n\n“The flour costs too much,” said Dana Serikova, a baker.\n"
        "\nBakeries across the city closed for the day.\n\nCustomers queued at the market.\n",
        encoding="utf-8",
    )
    where = ("--corpus", str(corpus_copy), "--index", str(tmp_path / "index"))
    rebuilt = cli("rebuild", *where)
    assert rebuilt.code == 0, rebuilt.err
    assert rebuilt.out.startswith("Indexed 2 articles: ") and rebuilt.err == ""
    answer = cli("ask", "flour costs baker", "-k", "1", *where)
    assert answer.code == 0 and "Dana Serikova" in answer.out, answer.err
    assert answer.err == ""  # the index is not stale: the odd name matched its manifest entry
    listed = cli("articles", "--json", *where)
    assert listed.code == 0 and "bad-\\\\xff\\\\xfe-name" in listed.out, listed.out
    # A first question with no index builds it just the same.
    first = cli(
        "ask", "flour costs baker", "--corpus", str(corpus_copy), "--index", str(tmp_path / "other")
    )
    assert first.code == 0 and "Dana Serikova" in first.out, first.err
