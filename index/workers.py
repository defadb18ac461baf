"""Worker processes that attribute articles for a build: they die with it, and never hang it.

Forked workers inherited the build's lock descriptor and, when the build was killed, lived on
as orphans blocked on their job queue, holding the lock: every later build waited for ever. So:

- workers are spawned (a fresh interpreter started with exec, which closes our
  non-inheritable descriptors), never forked from the build, so they never hold its lock.
  Not from a fork server either: starting a worker there means waiting for the server's
  answer, and under heavy load a build waited in that call for ever (the server alive, no
  worker forked), where no timeout could reach it; a spawned worker is started once its
  interpreter runs. (Either way a worker imports the program's main module, as
  multiprocessing does: a script that builds needs its `if __name__ == "__main__"` guard.)
- each worker dies with the build: the kernel kills it when the build goes
  (PR_SET_PDEATHSIG), and a watchdog thread exits the moment the build process is gone (a
  pidfd on Linux, polling elsewhere), so nothing is left after a kill -9 or SIGTERM;
- the build never waits on its workers for ever: a worker that dies fails the build at once
  (`WorkerLost`); when no job finishes for `stall_after_s` the workers are killed and the
  build fails (`WorkerStuck`); when the system refuses to start workers, the build's own
  process does the work;
- Ctrl-C is the build's to handle: workers ignore SIGINT instead of each printing a traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import importlib
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_EVERY_S = 0.5
# Imported by each worker as it starts, before its first job.
_PRELOAD = ["index.build", "corpus.attribution", "corpus.reader"]
# No job finished for this long: the workers are stuck. Generous: a job is a few articles (a
# 2 MB article takes seconds), and a loaded machine may be ten times slower than an idle one.
STALL_AFTER_S = 300.0
# How often the build looks up from waiting to check on its workers.
_CHECK_EVERY_S = 1.0

Job = TypeVar("Job")
Result = TypeVar("Result")


class WorkersFailed(Exception):
    """The worker processes could not do the work; the message says why, in one sentence."""


class WorkerLost(WorkersFailed):
    """A worker process died (killed, out of memory) while jobs were left."""


class WorkerStuck(WorkersFailed):
    """No worker finished a job for `stall_after_s`; they were killed."""


def _die_with_parent() -> None:
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def _watch(build: int) -> None:
    """Exit as soon as the build process is gone.

    On top of the parent-death signal, which exists on Linux only and follows the thread that
    started the worker, not the process. A pidfd becomes readable the moment the process exits
    (a zombie counts); elsewhere, poll.
    """
    try:
        handle: int | None = os.pidfd_open(build)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
        os._exit(1)
    while True:
        try:
            os.kill(build, 0)
        except (ProcessLookupError, PermissionError):  # gone, or its pid reused by another user
            os._exit(1)
        time.sleep(_WATCH_EVERY_S)


def _start_worker(build: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    threading.Thread(target=_watch, args=(build,), name="whosaid-watchdog", daemon=True).start()
    for module in _PRELOAD:
        importlib.import_module(module)


def _run_chunk(function: Callable[[Job], Result], jobs: Sequence[Job]) -> list[Result]:
    return [function(job) for job in jobs]


class _Pool:
    """A pool of spawned workers that can be killed when they are stuck or the build fails."""

    def __init__(self, max_workers: int) -> None:
        self._before = set(multiprocessing.active_children())
        self.executor = ProcessPoolExecutor(
            max_workers=max_workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def close(self, *, kill: bool) -> None:
        """Shut the pool down; `kill` its workers first when they may be stuck or the build is
        failing (waiting for their jobs would only delay it)."""
        if kill:
            for process in multiprocessing.active_children():
                if process not in self._before:
                    with contextlib.suppress(OSError, ValueError):
                        process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)


def map_in_workers(
    function: Callable[[Job], Result],
    jobs: Sequence[Job],
    *,
    max_workers: int,
    chunk: int = 8,
    stall_after_s: float = STALL_AFTER_S,
    alone: Callable[[str], None] | None = None,
) -> Generator[Result, None, None]:
    """`function` of each job, in job order, computed by up to `max_workers` processes.

    `function` must be importable by name (a module-level function). Raises `WorkerLost` or
    `WorkerStuck`. When the system starts no worker, the jobs are done in this process instead
    and `alone` hears why.
    """
    chunks = [jobs[i : i + chunk] for i in range(0, len(jobs), chunk)]
    pool = _Pool(max_workers)
    task = functools.partial(_run_chunk, function)
    futures: list[Future[list[Result]]] = []
    try:
        # The first submission starts the workers.
        futures = [pool.executor.submit(task, part) for part in chunks]
    except BrokenProcessPool:  # a worker died already
        pool.close(kill=True)
        raise WorkerLost("an attribution worker process died") from None
    except OSError as error:  # no more processes, no memory for one
        pool.close(kill=True)
        if alone is not None:
            alone(f"could not start worker processes ({error}); attributing in this process")
        yield from (function(job) for job in jobs)
        return
    except BaseException:
        pool.close(kill=True)
        raise
    try:
        yield from _results(futures, stall_after_s)
    finally:
        # Jobs left (an error, a stuck or dead worker, the caller stopped): no waiting for them.
        pool.close(kill=not all(future.done() for future in futures))


def _results(futures: list[Future[list[Result]]], stall_after_s: float) -> Iterator[Result]:
    """The futures' results in order, watching that some job finishes every `stall_after_s`."""
    last_done = [time.monotonic()]

    def finished(_: Future[list[Result]]) -> None:
        last_done[0] = time.monotonic()

    for future in futures:
        future.add_done_callback(finished)
    for future in futures:
        while not future.done():
            # A bounded wait: the pool's own bookkeeping cannot keep the build waiting.
            wait([future], timeout=_CHECK_EVERY_S)
            if not future.done() and time.monotonic() - last_done[0] > stall_after_s:
                raise WorkerStuck(
                    "an attribution worker process stopped responding (no article finished "
                    f"in {stall_after_s:.0f} s)"
                )
        try:
            results = future.result()
        except BrokenProcessPool:
            raise WorkerLost("an attribution worker process died") from None
        yield from results
