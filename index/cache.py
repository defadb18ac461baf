"""Passages of articles already indexed, found again by the content hash of their file.

The previous index is the cache: its database holds every article's passages, and its manifest
the hash each article file had. A rebuild re-reads and re-attributes only files whose hash is new,
so adding one article to thousands costs one article's attribution.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

import corpus
from index.errors import IndexProblem
from index.store import (
    DATABASE,
    ArticleRecord,
    PassageRecord,
    Store,
    file_sha256,
    read_manifest,
)

# corpus modules that fetch, store or list files but never shape a passage.
_NOT_PIPELINE = frozenset(
    {"__init__.py", "bench_attribution.py", "fetch.py", "library.py", "loader.py", "paths.py"}
)


def pipeline_fingerprint() -> str:
    """Hash of the code that turns an article file into passages: new code voids the cache."""
    digest = hashlib.sha256()
    # Cached passages carry their index terms, so the tokenizer is part of the pipeline.
    digest.update(Path(__file__).with_name("tokenize.py").read_bytes())
    package = Path(corpus.__file__).resolve().parent
    # rglob: the attribution stages live in a subpackage (corpus/attribution/).
    for source in sorted(package.rglob("*.py")):
        if source.parent == package and source.name in _NOT_PIPELINE:
            continue
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    # The attribution backend (WHOSAID_ATTRIBUTION) and the parser's model shape passages too.
    digest.update(_attribution_backend().encode())
    return digest.hexdigest()[:16]


def _attribution_backend() -> str:
    from corpus.attribution.backends import DEFAULT_BACKEND, default_backend

    backend = default_backend()
    if backend == DEFAULT_BACKEND:
        return backend
    from corpus.attribution import parser

    return parser.fingerprint() if backend == "parser" else backend


class PassageCache:
    def __init__(
        self,
        store: Store | None = None,
        by_hash: dict[str, str] | None = None,
        english: str = "",
    ) -> None:
        self._store = store
        self._by_hash = by_hash or {}  # sha256 -> article id
        self._english = english  # where the previous index's English words came from

    @classmethod
    def empty(cls) -> PassageCache:
        return cls()

    @classmethod
    def from_index(cls, index_dir: Path, pipeline: str) -> PassageCache:
        """The cache an existing index offers; empty when there is none or it is unusable."""
        try:
            manifest = read_manifest(index_dir)
            if manifest.pipeline != pipeline:
                return cls.empty()
            # A damaged database must not pass its damage on to the index that replaces it.
            expected = manifest.checksums.get(DATABASE, {}).get("sha256")
            if expected != file_sha256(index_dir / DATABASE):
                return cls.empty()
            store = Store(index_dir / DATABASE)
        except IndexProblem:
            return cls.empty()
        by_hash = {
            entry.sha256: entry.article_id
            for entry in manifest.files.values()
            if entry.article_id is not None
        }
        return cls(store, by_hash, manifest.english)

    def get_many(
        self, wanted: dict[int, tuple[str, str]]
    ) -> dict[int, tuple[ArticleRecord, list[PassageRecord], list[list[str]]]]:
        """For each key of `wanted` (sha256, article id) whose file, with this content and id,
        was indexed: the article, its passages and their text terms. Two queries in all: one
        per article cost a rebuild of thousands of articles seconds."""
        if self._store is None:
            return {}
        keys = {key: pair for key, pair in wanted.items() if self._by_hash.get(pair[0]) == pair[1]}
        try:
            articles = self._store.all_articles()
            fresh = {
                key: articles[article_id]
                for key, (sha256, article_id) in keys.items()
                if article_id in articles and articles[article_id].sha256 == sha256
            }
            passages = self._store.passages_by_article({a.id for a in fresh.values()})
        except IndexProblem:
            return {}
        return {
            key: (article, *passages.get(article.id, ([], []))) for key, article in fresh.items()
        }

    def english(self, source: str) -> dict[str, float] | None:
        """The previous index's English words, when they came from this very `source`."""
        if self._store is None or not source or self._english != source:
            return None
        try:
            return self._store.english() or None
        except IndexProblem:
            return None

    def close(self) -> None:
        if self._store is not None:
            with contextlib.suppress(Exception):
                self._store.close()
