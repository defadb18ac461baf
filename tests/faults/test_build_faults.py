"""When the machine, not the input, stops a rebuild: one line, an exit code of its own, the old
index untouched. Also: a rebuild that waits for another says so, and an article file whose name
is not UTF-8 is indexed like any other.

Exit codes (README): 0 done, 1 no results, 2 a mistake in the command or its input, 3 a worker
process died, 4 the disk is full, 130 Ctrl-C.
"""

from __future__ import annotations

import os
import re
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
from tests.faults.test_crash_mid_rebuild import (
    GENEROUS_S,
    _alive,
    _descendants,
    _workers,
    _workers_running,
)

EXIT_WORKER_DIED = 3


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WHOSAID_")}
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


def _flocked(folder: Path) -> bool:
    inode = f":{folder.stat().st_ino} "
    return any(
        " FLOCK " in line and inode in line for line in Path("/proc/locks").read_text().splitlines()
    )


_SECONDS = re.compile(r" in (\d+\.\d+) s ")


def test_a_rebuild_that_waits_says_so_once_and_times_only_its_own_work(
    corpus_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "indexes" / "index"
    add_archive(corpus_copy)  # seconds of work: the second process starts well within it
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
    # The second starts once the first holds the build lock (an flock on the index's folder).
    deadline = time.monotonic() + GENEROUS_S
    while not _flocked(index_dir.parent):
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.005)
    second_started = time.monotonic()
    second = start()
    first_out, first_err = first.communicate(timeout=GENEROUS_S)
    second_out, second_err = second.communicate(timeout=GENEROUS_S)
    second_wall = time.monotonic() - second_started
    assert first.returncode == 0 and second.returncode == 0, (first_err, second_err)
    assert "waiting" not in first_err
    assert second_err.count(f"waiting for another rebuild of {index_dir}…") == 1, second_err
    # The second found everything already read by the first: its own work is the index alone.
    assert "(0 read, 72 unchanged)" in second_out, second_out
    first_seconds = float(_SECONDS.findall(first_out)[0])
    second_seconds = float(_SECONDS.findall(second_out)[0])
    # It waited for most of the first's work; the time it reports leaves that wait out.
    assert second_seconds + first_seconds / 2 < second_wall, (first_out, second_out)


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
