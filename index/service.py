"""Open the index a command should answer from: build it when there is none, report staleness.

A stale index (articles added, changed or removed since the build) is reported, not rebuilt by a
query: a question stays a read-only, instant operation that any number of processes (the bot, a
script, a shell) can run at once, and the user chooses when to pay for attribution with
`whosaid rebuild` (itself incremental). Only an index that cannot be used at all (none yet, or
written by an older format) is built on the spot, since the alternative is no answer.
"""

from __future__ import annotations

import contextlib
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from corpus.paths import article_files
from index import embed
from index.errors import BuildError, IndexCorrupt, IndexMissing, IndexOutdated
from index.search import Searcher
from index.store import Manifest, file_sha256

VERIFIED_STAMP = ".verified.json"


@dataclass
class Staleness:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)

    def describe(self) -> str:
        parts = [
            f"{len(names)} {label}"
            for names, label in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if names
        ]
        noun = "article file" if self.count == 1 else "article files"
        return f"{self.count} {noun} changed since the index was built ({', '.join(parts)})"


def staleness(corpus_dir: Path, manifest: Manifest) -> Staleness:
    """Compare the corpus folder with what the index was built from (stat first, hash if needed)."""
    result = Staleness()
    files = article_files(corpus_dir)
    seen = set()
    for path in files:
        seen.add(path.name)
        entry = manifest.files.get(path.name)
        if entry is None:
            result.added.append(path.name)
            continue
        try:
            stat = path.stat()
            if stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns:
                continue
            sha = file_sha256(path) if stat.st_size == entry.size else None
        except OSError:  # unreadable (a failing disk): changed unless it was unreadable at build
            sha = ""
        if sha != entry.sha256:
            result.changed.append(path.name)
    result.removed = sorted(set(manifest.files) - seen)
    return result


def _verified(searcher: Searcher, index_dir: Path) -> list[str]:
    """Index files whose sha256 differs from the manifest's, hashing only when needed.

    Hashing costs about 2.5 ms per MB (0.3 s at 100k passages, seconds at 1M): too much for
    every question. After a clean check, a stamp in the index folder (gone with it at the next
    rebuild; not itself an index file, so not checksummed) records each file's size,
    modification time and inode; while they stay the same the files are not hashed again. Any
    write to a file (an editor, a copy over it) changes them and brings the full check back.
    """
    import json

    from index.store import atomic_write_text

    stamp = index_dir / VERIFIED_STAMP
    state = {"build_id": searcher.build_id, "files": _file_states(index_dir, searcher)}
    try:
        if json.loads(stamp.read_text(encoding="utf-8")) == state:
            return []
    except (OSError, ValueError):
        pass
    damaged = searcher.verify()
    if not damaged:
        with contextlib.suppress(OSError):  # a read-only folder just means hashing next time
            atomic_write_text(stamp, json.dumps(state))
    return damaged


def _file_states(index_dir: Path, searcher: Searcher) -> dict[str, list[int]]:
    states: dict[str, list[int]] = {}
    for name in sorted(searcher.manifest.checksums):
        try:
            stat = (index_dir / name).stat()
        except OSError:
            states[name] = []
            continue
        states[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
    return states


def open_searcher(
    corpus_dir: Path, index_dir: Path, *, rebuild_command: str = "whosaid rebuild"
) -> tuple[Searcher, list[str]]:
    """The searcher for `index_dir`, and notes for the user (stale index, fresh build)."""
    notes: list[str] = []
    try:
        searcher = Searcher.open(index_dir)
    except (IndexMissing, IndexOutdated) as problem:
        from index.build import build_index  # only when building: keeps questions light

        if not corpus_dir.is_dir():
            raise BuildError(f"corpus folder {corpus_dir} does not exist") from None
        report = build_index(corpus_dir, index_dir)
        why = "no index yet" if isinstance(problem, IndexMissing) else "the index was outdated"
        notes.append(
            f"{why}: built one from {report.articles} "
            f"{'article' if report.articles == 1 else 'articles'} "
            f"({report.passages} passages) in {report.seconds:.1f} s"
        )
        notes.extend(f"skipped {line}" for line in report.skipped)
        searcher = Searcher.open(index_dir)
        return searcher, notes
    damaged = _verified(searcher, index_dir)
    if damaged:
        # Sizes are checked on open; a flipped byte (bad sector, stray edit) keeps the size and
        # would otherwise be served as if true.
        searcher.close()
        raise IndexCorrupt(
            f"the index in {index_dir} is damaged ({', '.join(damaged)} changed since the "
            f"build); run `{rebuild_command}`"
        )
    manifest = searcher.manifest
    stale = staleness(corpus_dir, manifest)
    # An index of the very same files (the default corpus, say, which is the bundled article
    # while the user has added none) is an index of this corpus wherever it was built from.
    built_from = Path(manifest.corpus_dir)
    if stale.count and built_from != corpus_dir.resolve():
        # Rebuilding replaces it with an index of this corpus; the user may rather have meant
        # the corpus it was built from, which the bare advice would throw away.
        keep = ""
        if built_from.is_dir():
            keep = f", or add `--corpus {shlex.quote(str(built_from))}` to use it as built"
        notes.append(
            f"the index was built from {built_from}, not {corpus_dir.resolve()}; "
            f"run `{rebuild_command}` to index {corpus_dir.resolve()}{keep}"
        )
    elif stale.count:
        notes.append(f"{stale.describe()}; run `{rebuild_command}`")
    if searcher.vectors is None and embed.enabled() and embed.installed():
        # Built before the model was installed (or with it turned off): say what is missed.
        notes.append(
            "this index has no passage vectors, so answers are ranked by their words alone; "
            f"run `{rebuild_command}` to add them (the semantic rerank)"
        )
    return searcher, notes
