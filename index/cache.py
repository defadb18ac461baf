"""Passages of articles already indexed, found again by the content hash of their file.

The previous index is the cache: its database holds every article's passages, and its manifest
the hash each article file had. A rebuild re-reads and re-attributes only files whose hash is new,
so adding one article to thousands costs one article's attribution. The previous index's
documents (each passage's terms as ids) are reused too, so that unchanged passages are not
encoded again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

import numpy as np

import corpus
from index import embed
from index.bm25 import BM25Index, IntArray
from index.errors import IndexProblem
from index.semantic import Vectors
from index.store import (
    BM25_DIR,
    DATABASE,
    DOCUMENTS_DIR,
    ArticleRecord,
    PassageRecord,
    Store,
    file_sha256,
    folder_intact,
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
        documents: Documents | None = None,
        vectors: Vectors | None = None,
    ) -> None:
        self._store = store
        self._by_hash = by_hash or {}  # sha256 -> article id
        self._english = english  # where the previous index's English words came from
        self.documents = documents  # the previous index's passages as term ids, when usable
        self.vectors = vectors  # the previous index's passage embeddings (index.semantic)
        self._first_doc: dict[str, int] = {}  # article id -> its first passage's number there

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
        passages = store.count_passages()
        documents = Documents.load(index_dir, manifest.checksums, passages)
        # Checksumming the vectors costs a read of them: only when a rebuild will use them.
        vectors = (
            Vectors.load_checked(index_dir, manifest.checksums, passages)
            if embed.enabled()
            else None
        )
        return cls(store, by_hash, manifest.english, documents, vectors)

    def get_many(
        self, wanted: dict[int, tuple[str, str]]
    ) -> dict[int, tuple[ArticleRecord, list[PassageRecord], list[str]]]:
        """For each key of `wanted` (sha256, article id) whose file, with this content and id,
        was indexed: the article, its passages and their text terms (space-separated, as the
        database holds them). Two queries in all: one per article cost a rebuild of thousands
        of articles seconds."""
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
        self._first_doc = {article_id: found[2] for article_id, found in passages.items()}
        return {
            key: (article, *passages.get(article.id, ([], [], 0))[:2])
            for key, article in fresh.items()
        }

    def encoded(self, article_id: str, passages: int) -> tuple[IntArray, IntArray, IntArray] | None:
        """The term ids, document lengths and own-text lengths of an article's `passages`
        documents in the previous index (ids into `documents.terms`), or None."""
        first = self._first_doc.get(article_id)
        if self.documents is None or first is None:
            return None
        return self.documents.slice(first, passages)

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


class Documents:
    """The previous index's text-field documents as term ids, read back for a rebuild."""

    def __init__(
        self, terms: list[str], tokens: IntArray, lengths: IntArray, own: IntArray
    ) -> None:
        self.terms = terms
        self._tokens = tokens
        self._lengths = lengths
        self._own = own
        self._starts = np.concatenate([[0], np.cumsum(lengths)])

    @staticmethod
    def fingerprint() -> str:
        """The code that makes a passage's document: another version voids the saved ones."""
        digest = hashlib.sha256()
        here = Path(__file__).parent
        for name in ("build.py", "documents.py", "tokenize.py"):
            digest.update((here / name).read_bytes())
        return digest.hexdigest()[:16]

    @staticmethod
    def save(directory: Path, tokens: IntArray, lengths: IntArray, own: IntArray) -> None:
        directory.mkdir()
        for name, values in (("tokens", tokens), ("lengths", lengths), ("own", own)):
            np.save(directory / f"{name}.npy", values.astype(np.int32), allow_pickle=False)
        meta = {"fingerprint": Documents.fingerprint(), "passages": len(lengths)}
        (directory / "documents.json").write_text(json.dumps(meta), "utf-8")

    @classmethod
    def load(
        cls, index_dir: Path, checksums: dict[str, dict[str, object]], passages: int
    ) -> Documents | None:
        """The saved documents, when present, checksummed, of this code and consistent."""
        folder = index_dir / DOCUMENTS_DIR
        if not folder_intact(index_dir, DOCUMENTS_DIR, checksums):
            return None
        try:
            meta = json.loads((folder / "documents.json").read_text("utf-8"))
            if meta.get("fingerprint") != cls.fingerprint() or meta.get("passages") != passages:
                return None
            arrays = [
                np.load(folder / f"{name}.npy", allow_pickle=False).astype(np.int64)
                for name in ("tokens", "lengths", "own")
            ]
            terms = BM25Index.load(index_dir / BM25_DIR).vocabulary()
        except (OSError, ValueError, KeyError):
            return None
        tokens, lengths, own = arrays
        if (
            len(lengths) != passages
            or len(own) != passages
            or int(lengths.sum()) != len(tokens)
            or (len(tokens) and (int(tokens.min()) < 0 or int(tokens.max()) >= len(terms)))
            or bool((own > lengths).any())
        ):
            return None
        return cls(terms, tokens, lengths, own)

    def slice(self, first: int, count: int) -> tuple[IntArray, IntArray, IntArray]:
        lo, hi = int(self._starts[first]), int(self._starts[first + count])
        return (
            self._tokens[lo:hi],
            self._lengths[first : first + count],
            self._own[first : first + count],
        )
