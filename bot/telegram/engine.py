"""The searcher the bot serves from, run off the event loop and swapped when the index is rebuilt.

Searching is CPU work (tokenizing, sparse scoring). It runs in worker threads so one slow query
never stalls the event loop that sends every other chat's answers. Reopening is cheap to detect:
the index directory's entries are stat-ed at most once a second, and a new searcher is opened
only when they changed and its build id differs.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from corpus.models import Passage
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from index.speakers import SpeakerMatch

log = logging.getLogger(__name__)
T = TypeVar("T")
_CHECK_EVERY = 1.0  # seconds between looks at the index directory


class SearcherLike(Protocol):
    """What the bot uses of index.search.Searcher (tests pass a small fake)."""

    @property
    def build_id(self) -> str: ...

    def search(
        self,
        query: str,
        k: int = 3,
        *,
        speaker: str | None = None,
        offset: int = 0,
        exclude: Collection[str] = (),
    ) -> SearchResult: ...

    def passage(self, passage_id: str) -> Passage | None: ...

    def paragraph_text(self, article_id: str, paragraph: int) -> str | None: ...

    def resolve_speaker(self, name: str) -> str | None: ...

    def find_speaker(self, name: str) -> SpeakerMatch | None: ...

    def speaker_gender(self, name: str) -> str | None: ...

    def speakers(self) -> list[SpeakerSummary]: ...

    def articles(self) -> list[ArticleSummary]: ...


Opener = Callable[[], tuple[SearcherLike, list[str]]]


@dataclass(frozen=True)
class Reloaded:
    changed: bool
    build_id: str
    warnings: list[str]


class Engine:
    """Holds the current searcher; `call` runs a function on it in a worker thread.

    `open_fresh` opens the index as it is on disk (building it first if there is none);
    `reopen` is used when the bot notices a rebuilt index by itself and never builds.
    """

    def __init__(
        self,
        open_fresh: Opener,
        reopen: Callable[[], SearcherLike],
        index_dir: Path,
        *,
        workers: int = 2,
    ) -> None:
        self._open_fresh = open_fresh
        self._reopen = reopen
        self._index_dir = index_dir
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="whosaid-search")
        self._searcher: SearcherLike | None = None
        self._fingerprint: tuple[object, ...] = ()
        self._checked = 0.0
        self._swap = asyncio.Lock()
        self.warnings: list[str] = []  # from the last open, e.g. a stale index; shown in /about
        # The searcher before the last swap: searches already running may still use it, so it
        # is closed only at the next swap (searches take milliseconds, swaps come minutes apart).
        self._retired: SearcherLike | None = None

    @property
    def searcher(self) -> SearcherLike:
        if self._searcher is None:
            raise RuntimeError("Engine.start() has not run")
        return self._searcher

    async def _in_thread(self, fn: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool, fn)

    async def start(self) -> list[str]:
        """Open (or first build) the index; returns warnings such as a stale index."""
        searcher, warnings = await self._in_thread(self._open_fresh)
        self._searcher = searcher
        self._fingerprint = self._look()
        self._checked = time.monotonic()
        self.warnings = warnings
        return warnings

    async def call(self, fn: Callable[[SearcherLike], T]) -> T:
        await self.refresh_if_rebuilt()
        searcher = self.searcher
        return await self._in_thread(lambda: fn(searcher))

    async def reload(self) -> Reloaded:
        """/reload: open the index again, whatever the directory looks like."""
        async with self._swap:
            old = self.searcher.build_id
            fingerprint = self._look()
            searcher, warnings = await self._in_thread(self._open_fresh)
            self._retire(self._searcher)
            self._searcher, self._fingerprint = searcher, fingerprint
            self.warnings = warnings
            return Reloaded(
                changed=searcher.build_id != old, build_id=searcher.build_id, warnings=warnings
            )

    async def refresh_if_rebuilt(self) -> bool:
        """Swap in a rebuilt index if the directory changed; keep serving the old one on error."""
        now = time.monotonic()
        if now - self._checked < _CHECK_EVERY:
            return False
        self._checked = now
        fingerprint = self._look()
        if fingerprint == self._fingerprint:
            return False
        async with self._swap:
            if fingerprint == self._fingerprint:
                return False
            try:
                searcher = await self._in_thread(self._reopen)
            except Exception as error:  # a half-written or missing index: try again later
                log.warning(
                    "index changed but cannot be opened yet (%s); still serving the old one", error
                )
                return False
            self._fingerprint = fingerprint
            if searcher.build_id == self.searcher.build_id:
                _close(searcher)
                return False
            log.info("index rebuilt: now serving build %s", searcher.build_id)
            self._retire(self._searcher)
            self._searcher = searcher
            self.warnings = []
            return True

    def _look(self) -> tuple[object, ...]:
        """A cheap summary of the index directory that changes whenever a rebuild lands."""
        try:
            top = os.stat(self._index_dir)
            with os.scandir(self._index_dir) as entries:
                files = sorted(
                    (e.name, e.inode(), e.stat().st_mtime_ns, e.stat().st_size) for e in entries
                )
        except OSError:
            return ("missing",)
        return (top.st_ino, top.st_mtime_ns, *files)

    def _retire(self, old: SearcherLike | None) -> None:
        _close(self._retired)
        self._retired = old

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        _close(self._retired)
        _close(self._searcher)


def _close(searcher: object) -> None:
    if searcher is None:
        return
    try:
        searcher.close()  # type: ignore[attr-defined]
    except Exception as error:  # closing must never take the bot down
        log.debug("closing a searcher failed: %s", error)
