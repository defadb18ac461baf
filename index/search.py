"""Questions -> ranked passages, over an index folder written by index.build."""

from __future__ import annotations

import time
from collections.abc import Collection
from pathlib import Path

import numpy as np

from corpus.models import Hit, Passage
from index.bm25 import BM25Index
from index.correct import Corrector
from index.errors import IndexCorrupt
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from index.speakers import SpeakerDirectory, SpeakerMatch
from index.store import BM25_DIR, DATABASE, Manifest, PassageRecord, Store, read_manifest, verify
from index.tokenize import TOKENIZER_VERSION, term, words
from index.variants import equivalents

_MAX_CORRECTIONS = 8


class Searcher:
    """An opened index: BM25 arrays memory-mapped, passages fetched from SQLite as needed."""

    def __init__(
        self, directory: Path, manifest: Manifest, engine: BM25Index, store: Store
    ) -> None:
        self.directory = directory
        self.manifest = manifest
        self.engine = engine
        self.store = store
        self.build_id = manifest.build_id
        self._corrector = Corrector(store)
        self._speaker_docs: dict[str, np.ndarray] = {}
        self._directory: SpeakerDirectory | None = None

    @classmethod
    def open(cls, index_dir: Path) -> Searcher:
        """Open an index; IndexMissing when there is none, IndexCorrupt when it is unusable."""
        from index.errors import IndexOutdated

        manifest = read_manifest(index_dir)
        if manifest.tokenizer.get("version") != TOKENIZER_VERSION:
            raise IndexOutdated(
                f"the index in {index_dir} was built with another tokenizer version"
            )
        try:
            engine = BM25Index.load(index_dir / BM25_DIR)
        except (OSError, ValueError, KeyError) as error:
            raise IndexCorrupt(
                f"the BM25 files in {index_dir} are not readable ({error})"
            ) from None
        store = Store(index_dir / DATABASE)
        if engine.n_docs != manifest.counts.get("passages"):
            raise IndexCorrupt(f"the index in {index_dir} is incomplete; run `whosaid rebuild`")
        return cls(index_dir, manifest, engine, store)

    def close(self) -> None:
        self.store.close()

    def verify(self) -> list[str]:
        """Index files whose content no longer matches the manifest's checksums."""
        return verify(self.directory, self.manifest)

    # -- search -----------------------------------------------------------------------------

    def analyse(self, query: str) -> tuple[list[str], dict[str, str]]:
        """Terms to search for, and the corrections made (typed word -> word searched for)."""
        terms: list[str] = []
        corrections: dict[str, str] = {}
        attempts = 0
        for word in words(query):
            typed = term(word)
            if self.engine.has_term(typed):
                terms.append(typed)
            else:
                attempts += 1
                # A pasted page of text must not cost a correction per unknown word.
                fixed = self._corrector.correct(typed) if attempts <= _MAX_CORRECTIONS else None
                if fixed is None:
                    terms.append(typed)  # unknown everywhere: matches nothing, harms nothing
                    continue
                terms.append(fixed.term)
                corrections[word] = fixed.surface
            terms.extend(t for t in sorted(equivalents(terms[-1])) if self.engine.has_term(t))
        return terms, corrections

    def search(
        self,
        query: str,
        k: int = 3,
        *,
        speaker: str | None = None,
        offset: int = 0,
        exclude: Collection[str] = (),
    ) -> SearchResult:
        """The best passages for `query`; `exclude` names passages already shown ("what else")."""
        started = time.perf_counter()
        terms, corrections = self.analyse(query)
        allowed: np.ndarray | None = None
        if speaker is not None:
            allowed = self._docs_of(speaker)
        if exclude:
            allowed = self._without(allowed, exclude)
        if not terms and allowed is not None:
            # "What else did she say?": the speaker's passages in article order.
            chosen = allowed[offset : offset + k]
            ids = [int(doc) for doc in chosen]
            scores = [0.0] * len(ids)
            total = len(allowed)
        elif not terms:
            ids, scores, total = [], [], 0
        else:
            top = self.engine.top_k(terms, k, offset=offset, allowed=allowed)
            ids = [int(doc) for doc in top.ids]
            scores = [float(score) for score in top.scores]
            total = top.total
        records = self.store.passages(ids)
        # From the postings: re-tokenizing every hit's text cost more than the search itself.
        matched_terms = self.engine.terms_in(ids, terms)
        hits = []
        for rank, (doc, score, matched) in enumerate(
            zip(ids, scores, matched_terms, strict=True), start=offset + 1
        ):
            passage = self._passage(records[doc])
            hits.append(Hit(rank=rank, score=score, passage=passage, matched=matched))
        return SearchResult(
            query=query,
            took_ms=(time.perf_counter() - started) * 1000,
            corrections=corrections,
            hits=hits,
            total=total,
            offset=offset,
        )

    def _passage(self, record: PassageRecord) -> Passage:
        return record.passage(self.store.source(record.article_id))

    def _without(self, allowed: np.ndarray | None, exclude: Collection[str]) -> np.ndarray:
        docs = [self.store.doc_of(passage_id) for passage_id in exclude]
        left_out = np.asarray(sorted(d for d in docs if d is not None), dtype=np.int64)
        if allowed is None:
            allowed = np.arange(self.engine.n_docs, dtype=np.int64)
        return np.setdiff1d(allowed, left_out, assume_unique=True)

    def _docs_of(self, speaker: str) -> np.ndarray:
        cached = self._speaker_docs.get(speaker)
        if cached is None:
            # A form as a passage writes it ("Nazarbaev") stands for the speaker's whole entry.
            identity = self._speaker_directory().identity(speaker) or speaker
            cached = np.asarray(self.store.docs_of_speaker(identity), dtype=np.int64)
            self._speaker_docs[speaker] = cached
        return cached

    # -- lookups ----------------------------------------------------------------------------

    def passage(self, passage_id: str) -> Passage | None:
        doc = self.store.doc_of(passage_id)
        if doc is None:
            return None
        return self._passage(self.store.passages([doc])[doc])

    def paragraph_text(self, article_id: str, paragraph: int) -> str | None:
        article = self.store.article(article_id)
        if article is None or not 0 <= paragraph < len(article.paragraphs):
            return None
        return article.paragraphs[paragraph]

    def resolve_speaker(self, name: str) -> str | None:
        """The speaker entry a user means by `name` (index.speakers); None: nobody."""
        found = self.find_speaker(name)
        return found.name if found else None

    def find_speaker(self, name: str) -> SpeakerMatch | None:
        """Like resolve_speaker, with the speaker's kind, gender and whether a typo was fixed."""
        return self._speaker_directory().find(name)

    def speaker_gender(self, name: str) -> str | None:
        """ "male", "female" or None for a speaker's entry or a form of their name."""
        return self._speaker_directory().gender(name)

    def _speaker_directory(self) -> SpeakerDirectory:
        if self._directory is None:
            self._directory = SpeakerDirectory(self.store.speaker_forms())
        return self._directory

    def speakers(self) -> list[SpeakerSummary]:
        summaries = []
        for name, role, kind, count, article_ids in self.store.speaker_rows():
            summaries.append(
                SpeakerSummary(
                    name=name,
                    role=role,
                    kind=kind,  # written from a SpeakerKind
                    passages=int(count),
                    articles=sorted(article_ids.split(",")) if article_ids else [],
                )
            )
        return summaries

    def articles(self) -> list[ArticleSummary]:
        import datetime as dt

        return [
            ArticleSummary(
                id=article_id,
                title=title,
                publisher=publisher,
                date=dt.date.fromisoformat(date) if date else None,
                url=url,
                passages=int(count),
            )
            for article_id, title, publisher, date, url, count in self.store.article_rows()
        ]
