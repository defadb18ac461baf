"""Open the index a command should answer from: build it when there is none, report staleness.

A stale index (articles added, changed or removed since the build) is reported, not rebuilt by a
query: a question stays a read-only, instant operation that any number of processes (the bot, a
script, a shell) can run at once, and the user chooses when to pay for attribution with
`whosaid rebuild` (itself incremental). Only an index that cannot be used at all (none yet, or
written by an older format) is built on the spot, since the alternative is no answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from index.errors import BuildError, IndexCorrupt, IndexMissing, IndexOutdated
from index.search import Searcher
from index.store import Manifest, file_sha256


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
    from corpus.loader import iter_article_files

    result = Staleness()
    files = iter_article_files(corpus_dir) if corpus_dir.is_dir() else []
    seen = set()
    for path in files:
        seen.add(path.name)
        entry = manifest.files.get(path.name)
        if entry is None:
            result.added.append(path.name)
            continue
        stat = path.stat()
        if stat.st_size == entry.size and stat.st_mtime_ns == entry.mtime_ns:
            continue
        if stat.st_size != entry.size or file_sha256(path) != entry.sha256:
            result.changed.append(path.name)
    result.removed = sorted(set(manifest.files) - seen)
    return result


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
    damaged = searcher.verify()
    if damaged:
        # Sizes are checked on open; a flipped byte (bad sector, stray edit) keeps the size and
        # would otherwise be served as if true. Hashing costs about 1.5 ms per MB of index.
        searcher.close()
        raise IndexCorrupt(
            f"the index in {index_dir} is damaged ({', '.join(damaged)} changed since the "
            f"build); run `{rebuild_command}`"
        )
    manifest = searcher.manifest
    if Path(manifest.corpus_dir) != corpus_dir.resolve():
        notes.append(
            f"the index was built from {manifest.corpus_dir}, not {corpus_dir.resolve()}; "
            f"run `{rebuild_command}`"
        )
    else:
        stale = staleness(corpus_dir, manifest)
        if stale.count:
            notes.append(f"{stale.describe()}; run `{rebuild_command}`")
    return searcher, notes
