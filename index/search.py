"""Questions -> ranked passages, over an index folder written by index.build.

A query word the index does not know is respelt (index.correct: transliteration variants
silently, typos reported, real English words left alone); passages are ranked by BM25Okapi over
two fields (index.documents, index.fields); the best are judged (index.evidence): when none
answers, the result has no hits and says which words were missing or only matched in passing.
When the index has passage vectors and the model is installed, an answer's best passages are
then reordered by meaning as well as words (index.semantic); the judgement stays BM25's.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import numpy as np

from corpus.models import Hit, Passage
from index import answer_type, embed, semantic
from index.bm25 import BM25Index, FormatOutdated, TopK
from index.correct import Corrector
from index.documents import CONTEXT_WEIGHT
from index.errors import IndexCorrupt
from index.evidence import (
    DEPTH,
    Candidate,
    QueryWord,
    Shape,
    Verdict,
    adjacent_to_unknown,
    asking_flags,
    judge,
    shape_of,
    states_number,
)
from index.fields import Fields
from index.lead_in import needs_lead_in, sentence_before
from index.related import RELATED_WEIGHT
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from index.speakers import SpeakerDirectory, SpeakerMatch
from index.store import (
    BM25_DIR,
    CONTEXT_DIR,
    DATABASE,
    Manifest,
    PassageRecord,
    Store,
    read_manifest,
    verify,
)
from index.tokenize import (
    STOPWORDS,
    TOKENIZER_VERSION,
    all_words,
    normalise,
    spans,
    term,
    tokenize,
)
from index.variants import equivalents

_MAX_CORRECTIONS = 8
_OVERVIEW = 3  # article titles and people a "no answer" names


class Searcher:
    """An opened index: BM25 arrays memory-mapped, passages fetched from SQLite as needed."""

    def __init__(
        self,
        directory: Path,
        manifest: Manifest,
        engine: BM25Index,
        store: Store,
        context: BM25Index | None = None,
        vectors: semantic.Vectors | None = None,
    ) -> None:
        self.directory = directory
        self.manifest = manifest
        self.engine = engine  # the text field
        self.store = store
        self.build_id = manifest.build_id
        if context is None:  # an index of one field: the context adds nothing
            context = BM25Index.build([[] for _ in range(engine.n_docs)])
        self.fields = Fields(engine, context, CONTEXT_WEIGHT, RELATED_WEIGHT)
        self._corrector = Corrector(store, engine.vocabulary, engine.doc_freq, self._surface_of)
        self._speaker_docs: dict[str, np.ndarray] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        self._overview: tuple[list[str], list[str]] | None = None
        self._titles: frozenset[str] | None = None
        self._article_titles: dict[str, frozenset[str]] | None = None
        self._directory: SpeakerDirectory | None = None
        # Passage embeddings (index.semantic), when the index has them; the model is loaded at
        # the first search, not at open: listing speakers or articles needs no model.
        self.vectors = vectors

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
            context = BM25Index.load(index_dir / CONTEXT_DIR)
        except FormatOutdated:
            raise IndexOutdated(f"the index in {index_dir} was built by another whosaid") from None
        except (OSError, ValueError, KeyError) as error:
            raise IndexCorrupt(
                f"the BM25 files in {index_dir} are not readable ({error})"
            ) from None
        store = Store(index_dir / DATABASE)
        if engine.n_docs != manifest.counts.get("passages") or context.n_docs != engine.n_docs:
            raise IndexCorrupt(f"the index in {index_dir} is incomplete; run `whosaid rebuild`")
        vectors = semantic.Vectors.load(index_dir, engine.n_docs)
        return cls(index_dir, manifest, engine, store, context, vectors)

    def close(self) -> None:
        self.store.close()

    def verify(self) -> list[str]:
        """Index files whose content no longer matches the manifest's checksums."""
        return verify(self.directory, self.manifest)

    # -- search -----------------------------------------------------------------------------

    def analyse(self, query: str) -> tuple[list[str], dict[str, str]]:
        """Terms to search for, and the corrections made (typed word -> word searched for)."""
        terms, corrections, _ = self._analyse(query)
        return terms, corrections

    def _analyse(self, query: str) -> tuple[list[str], dict[str, str], list[QueryWord]]:
        raw = all_words(query)
        typed = [word for word in raw if word not in STOPWORDS]
        asking = asking_flags(raw)
        # "how far", "how long": the degree word is asked, not searched (index.answer_type).
        degree = answer_type.degree_words(raw)
        slots = [position for position, word in enumerate(raw) if word not in STOPWORDS]
        asked_by_degree = {n for n, position in enumerate(slots) if position in degree}
        corrections: dict[str, str] = {}
        searched: list[tuple[str, ...]] = []
        attempts = 0
        names: list[bool] = []
        for word in typed:
            found = term(word)
            if not self.engine.has_term(found):
                attempts += 1
                # A pasted page of text must not cost a correction per unknown word.
                if attempts <= _MAX_CORRECTIONS:
                    found, surface = self._respell(found, word)
                    if surface is not None:
                        corrections[word] = surface
            others = set(equivalents(found))
            record = self.store.term(found) if self.engine.has_term(found) else None
            names.append(record is not None and record.name)
            if record is not None:
                # Another article's romanisation of the same name is searched with it, also when
                # this article writes it only where any word is capitalised (a sentence's start):
                # the variants are names elsewhere.
                others.update(self._corrector.variants(found))
            group = (found, *(t for t in sorted(others - {found}) if self.engine.has_term(t)))
            searched.append(group)
        # A title word is no stranger to the articles, though titles are not searched.
        known = [
            any(self.engine.has_term(t) for t in group) or group[0] in self._title_terms()
            for group in searched
        ]
        compound = adjacent_to_unknown(raw, known)
        # How common each word is in English: how little lacking it says (index.evidence).
        zipf = self.store.zipf(set(typed))
        # Other forms and related words of the content words (index.related).
        related = self.store.related(
            {t for group, ask in zip(searched, asking, strict=True) if not ask for t in group}
        )
        words = []
        for word, group, ask, ok, near, named in zip(
            typed, searched, asking, known, compound, names, strict=True
        ):
            alike: tuple[str, ...] = ()
            if not ask:
                # An irregular form is the word itself ("rose" for "rise"); the related words
                # are other words, searched at a lower weight.
                entries = [related[t] for t in group if t in related]
                forms = [f for found_forms, _ in entries for f in found_forms]
                # A word the articles have only in another form is known ("rise": "rose").
                ok = ok or bool(forms)
                group = tuple(dict.fromkeys((*group, *forms)))
                alike = tuple(
                    dict.fromkeys(o for _, more in entries for o in more if o not in group)
                )
            words.append(
                QueryWord(
                    word,
                    group,
                    ask,
                    ok,
                    weak_here=near and ok and not ask,
                    related=alike,
                    zipf=zipf.get(word),
                    # A name the articles write with a capital, or a word no English list has.
                    name=ok and (named or (zipf.get(word) is None and word.isalpha())),
                )
            )
        # Terms are searched in the question's order, with a word's forms after it.
        terms = [t for n, w in enumerate(words) if n not in asked_by_degree for t in w.terms]
        return terms, corrections, words

    def _title_terms(self) -> frozenset[str]:
        if self._titles is None:
            self._titles = frozenset(
                t for terms in self._titles_by_article().values() for t in terms
            )
        return self._titles

    def _article_title_terms(self, article_id: str) -> frozenset[str]:
        return self._titles_by_article().get(article_id, frozenset())

    def _titles_by_article(self) -> dict[str, frozenset[str]]:
        if self._article_titles is None:
            self._article_titles = {
                row[0]: frozenset(tokenize(row[1])) for row in self.store.article_rows()
            }
        return self._article_titles

    def _respell(self, found: str, word: str) -> tuple[str, str | None]:
        """The term to search for an unknown one, and the correction to report (None: none)."""
        variant = self._corrector.variant(found)
        if variant is not None:
            return variant, None  # another romanisation: right as typed, searched silently
        if self._corrector.is_english(word):
            return found, None  # a real word the articles do not use
        fixed = self._corrector.typo(found, word)
        if fixed is None:
            return found, None  # unknown everywhere: matches nothing, harms nothing
        return fixed.term, fixed.surface

    def search(
        self,
        query: str,
        k: int = 3,
        *,
        speaker: str | None = None,
        offset: int = 0,
        exclude: Collection[str] = (),
    ) -> SearchResult:
        """The best passages for `query`, or none when no passage answers it (index.evidence);
        `exclude` names passages already shown ("what else")."""
        started = time.perf_counter()
        terms, corrections, words = self._analyse(query)
        raw = all_words(query)
        content = [w for w in words if not w.asking]
        related = list(dict.fromkeys(t for w in content for t in w.related))
        allowed: np.ndarray | None = None
        if speaker is not None:
            allowed = self._docs_of(speaker)
        if exclude:
            allowed = self._without(allowed, exclude)
        verdict: Verdict | None = None
        # The answer type, the judgement and the hits look at overlapping passages: one read each.
        read_so_far: dict[int, PassageRecord] = {}

        def read(docs: Sequence[int]) -> dict[int, PassageRecord]:
            missing = [doc for doc in docs if doc not in read_so_far]
            read_so_far.update(self.store.passages(missing))
            return {doc: read_so_far[doc] for doc in docs if doc in read_so_far}

        if allowed is not None and not content:
            # "What else did she say?": the speaker's passages in article order.
            chosen = allowed[offset : offset + k]
            ids = [int(doc) for doc in chosen]
            scores = [0.0] * len(ids)
            total = len(allowed)
        elif not content:
            ids, scores, total = [], [], 0  # only asking words: nothing to look for
            if words:
                verdict = Verdict(False, [], [])
        else:
            # The decision looks at the same top passages whatever the page size; the answer
            # type reorders the first WINDOW, so every page is cut from the same order.
            kind = answer_type.expected(raw)
            reranker = self._reranker
            if kind is None and reranker is None:
                depth = max(k, DEPTH) if offset == 0 else k
                top = self.fields.top_k(
                    terms, depth, offset=offset, allowed=allowed, related=related
                )
                ids = [int(doc) for doc in top.ids]
                scores = [float(score) for score in top.scores]
                judged = ids
            else:
                # Every page is cut from the same reordered head (answer type, then meaning).
                want = max(offset + max(k, DEPTH), semantic.TOP if reranker else 0)
                if kind is None:
                    top = self.fields.top_k(terms, want, allowed=allowed, related=related)
                    judged = [int(doc) for doc in top.ids]
                else:
                    top, judged = self._ranked(terms, related, raw, kind, want, allowed, read)
                ids = [int(doc) for doc in top.ids]
                scores = [float(score) for score in top.scores]
            total = top.total
            if offset == 0:
                # On BM25's own best passages: the answer type reorders, it never decides.
                # ... and on those shown first, which the answer type may have moved up.
                shown = list(dict.fromkeys([*judged[:DEPTH], *ids[:DEPTH]]))
                verdict = self._judge(words, shown, [*terms, *related], shape_of(raw), read)
                if not verdict.answered:
                    ids, scores, total = [], [], 0
            if reranker is not None and ids:
                # The meaning reorders an answer; it never makes one (index.semantic).
                ids, scores = reranker.rerank(query, ids, scores)
            if kind is not None or reranker is not None:
                ids, scores = ids[offset:], scores[offset:]
            ids, scores = ids[:k], scores[:k]
        records = read(ids)
        # From the postings: re-tokenizing every hit's text cost more than the search itself.
        matched_terms = self.engine.terms_in(ids, terms)
        hits = []
        lead_ins: dict[str, str] = {}
        for rank, (doc, score, matched) in enumerate(
            zip(ids, scores, matched_terms, strict=True), start=offset + 1
        ):
            passage = self._passage(records[doc])
            hits.append(Hit(rank=rank, score=score, passage=passage, matched=matched))
            lead_in = self._lead_in(passage)
            if lead_in:
                lead_ins[passage.id] = lead_in
        return SearchResult(
            query=query,
            took_ms=(time.perf_counter() - started) * 1000,
            corrections=corrections,
            hits=hits,
            total=total,
            offset=offset,
            lead_ins=lead_ins,
            **(self._no_answer(verdict) if verdict and not verdict.answered else {}),
        )

    @functools.cached_property
    def _reranker(self) -> semantic.Reranker | None:
        encoder = embed.encoder() if self.vectors is not None else None
        if self.vectors is None or encoder is None:
            return None
        return semantic.Reranker(self.vectors, encoder)

    def _ranked(
        self,
        terms: list[str],
        related: list[str],
        raw: list[str],
        kind: str,
        want: int,
        allowed: np.ndarray | None,
        read: Callable[[Sequence[int]], dict[int, PassageRecord]],
    ) -> tuple[TopK, list[int]]:
        """The BM25 top `want` with its first WINDOW reordered by index.answer_type (whatever
        `want` is, so that a page of 3 and a page of 10 begin alike; the rest score no more than
        any of the first, so the order stays by score), and the BM25 order itself."""
        top = self.fields.top_k(
            terms, max(want, answer_type.WINDOW), allowed=allowed, related=related
        )
        ids = [int(doc) for doc in top.ids]
        scores = [float(s) for s in top.scores]
        head = ids[: answer_type.WINDOW]
        texts = {doc: record.text for doc, record in read(head).items()}
        order, adjusted = answer_type.adjust(kind, raw, head, scores[: len(head)], texts)
        reordered = TopK(
            np.asarray(order + ids[len(head) :], dtype=np.int64),
            np.asarray(adjusted + scores[len(head) :], dtype=np.float64),
            top.total,
        )
        return reordered, ids

    def _no_answer(self, verdict: Verdict) -> dict[str, list[str] | bool]:
        """What a "no answer" says: the missing and weak words, what the articles are about and
        who is quoted (read once: a bot answers many questions)."""
        if self._overview is None:
            titles = [row[1] for row in self.store.article_rows()[:_OVERVIEW]]
            people = [s.name for s in self.speakers() if s.kind == "person" and s.name]
            self._overview = (titles, people[:_OVERVIEW])
        titles, people = self._overview
        return {
            "missing": verdict.missing,
            "weak": verdict.weak,
            "lacking": verdict.lacking,
            "unquoted": verdict.unquoted,
            "uncounted": verdict.uncounted,
            "about": titles,
            "quoted": people,
        }

    def _judge(
        self,
        words: list[QueryWord],
        ids: list[int],
        terms: list[str],
        shape: Shape,
        read: Callable[[Sequence[int]], dict[int, PassageRecord]],
    ) -> Verdict:
        in_text, in_context = self.fields.terms_in(ids, terms)
        records = read(ids)
        candidates = []
        for doc, text, context in zip(ids, in_text, in_context, strict=True):
            record = records[doc]
            who = " ".join(part for part in (record.speaker_name, record.speaker_role) if part)
            candidates.append(
                Candidate(
                    doc=doc,
                    text=frozenset(text),
                    context=frozenset(context),
                    speaker=frozenset(tokenize(who)),
                    attributed=record.speaker_kind != "unknown",
                    numbers=states_number(record.text),
                )
            )

        def span(doc: int) -> tuple[int, int]:
            article_id = records[doc].article_id
            found = self._spans.get(article_id)
            if found is None:
                found = self._spans[article_id] = self.store.article_span(article_id)
            return found

        def title(doc: int) -> frozenset[str]:
            return self._article_title_terms(records[doc].article_id)

        return judge(words, candidates, self.engine, span, shape, title)

    def _lead_in(self, passage: Passage) -> str | None:
        if not needs_lead_in(passage.text):
            return None
        article = self.store.article(passage.article_id)
        if article is None:
            return None
        return sentence_before(article.paragraphs, passage.paragraph, passage.text)

    def _surface_of(self, chosen: str, typed: str) -> str:
        """How the articles spell an index term, the form closest to what was typed."""
        record = self.store.term(chosen)
        if record is not None and record.name:
            return record.surface
        from rapidfuzz import fuzz

        postings = self.engine.postings(chosen)
        if not len(postings):
            return chosen
        text = self.store.passages([int(postings[0])])[int(postings[0])].text
        forms = {normalise(text[a:b]) for a, b, t in spans(text) if t == chosen}
        return max(sorted(forms), key=lambda form: fuzz.ratio(form, typed), default=chosen)

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
