"""Worker processes that attribute articles for a build, and die with it.

Forked workers inherited the build's lock descriptor and, when the build was killed, lived on
as orphans blocked on their job queue, holding the lock: every later build waited for ever. So:

- workers come from a fork server (a fresh interpreter started with exec, which closes our
  non-inheritable descriptors), never from a fork of the build, so they never hold its lock;
- each worker dies with the build: a watchdog thread exits the moment the build process is
  gone (a pidfd on Linux, polling elsewhere), and the kernel kills it when its parent goes
  (PR_SET_PDEATHSIG). The fork server exits once the build and its workers are gone, so
  nothing is left after a kill -9 or SIGTERM of the build;
- Ctrl-C is the build's to handle: workers ignore SIGINT instead of each printing a traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_WATCH_EVERY_S = 0.5
# Imported once by the fork server, so that each worker starts with them loaded.
_PRELOAD = ["index.build", "corpus.attribution", "corpus.reader"]


def _die_with_parent() -> None:
    # With a fork server the parent is that server; the watchdog covers the build itself.
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def _watch(build: int) -> None:
    """Exit as soon as the build process is gone.

    Needed on top of the parent-death signal: the fork server keeps running while any worker
    holds its end of the server's "alive" pipe, so it never dies first. A pidfd becomes
    readable the moment the process exits (a zombie counts); elsewhere, poll.
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


def attribution_pool(max_workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers never hold the build lock and never outlive the build."""
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(_PRELOAD)
    return ProcessPoolExecutor(
        max_workers=max_workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(),),
    )
