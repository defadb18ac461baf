"""BM25 over passages: rank-bm25's BM25Okapi scores from precomputed per-(term, passage) weights.

BM25Okapi recomputes every weight for every document on every query. The weight of a term in a
passage depends only on the corpus, so it is computed once at build time (with the very same
floating-point expression, so scores are bit-for-bit BM25Okapi's) and stored term by term:
a query then only reads the postings of its own terms.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from rank_bm25 import BM25Okapi

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]

FORMAT = 1
_META = "bm25_meta.json"
_VOCAB = "bm25_vocab.json"
_ARRAYS = ("indptr", "doc_ids", "weights")


@dataclass(frozen=True)
class TopK:
    """The best passages of one query: `ids` and `scores` best first, ties by lower id."""

    ids: IntArray
    scores: FloatArray
    total: int


def _idf(n_docs: int, doc_freqs: dict[str, int], epsilon: float) -> tuple[dict[str, float], float]:
    """rank-bm25's own idf (with its epsilon floor), so the formula has one source."""
    okapi: Any = BM25Okapi.__new__(BM25Okapi)
    okapi.corpus_size = n_docs
    okapi.epsilon = epsilon
    okapi.idf = {}
    okapi._calc_idf(doc_freqs)
    return okapi.idf, float(okapi.average_idf)


def _empty_topk() -> TopK:
    return TopK(np.empty(0, np.int64), np.empty(0, np.float64), 0)


class BM25Index:
    """Term -> postings (passage ids ascending, BM25Okapi weights), CSR-like, in NumPy arrays."""

    def __init__(
        self,
        *,
        terms: list[str],
        indptr: IntArray,
        doc_ids: npt.NDArray[np.int32],
        weights: FloatArray,
        n_docs: int,
        meta: dict[str, Any],
    ) -> None:
        self._terms = terms
        self._term_ids: dict[str, int] | None = None
        self._indptr = indptr
        self._doc_ids = doc_ids
        self._weights = weights
        self.n_docs = n_docs
        self._meta = meta

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        docs: Sequence[Sequence[str]],
        *,
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> BM25Index:
        n_docs = len(docs)
        # Term ids in order of first appearance: the order BM25Okapi fills its document-frequency
        # dict in, so its average idf (a float sum) comes out the same.
        vocab: dict[str, int] = {}
        lengths = np.fromiter((len(d) for d in docs), np.int64, count=n_docs)
        total_tokens = int(lengths.sum())
        flat = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for d in docs for t in d),
            np.int64,
            count=total_tokens,
        )
        n_terms = len(vocab)
        meta: dict[str, Any] = {"format": FORMAT, "k1": k1, "b": b, "epsilon": epsilon}
        if n_terms == 0:
            empty = np.zeros(1, np.int64)
            meta.update(avgdl=0.0, average_idf=0.0)
            return cls(
                terms=[],
                indptr=empty,
                doc_ids=np.empty(0, np.int32),
                weights=np.empty(0, np.float64),
                n_docs=n_docs,
                meta=meta,
            )
        owner = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # One key per (term, passage); sorting groups postings by term, passages ascending.
        keys, tf = np.unique(flat * max(n_docs, 1) + owner, return_counts=True)
        term_of = keys // n_docs
        doc_of = keys - term_of * n_docs
        df = np.bincount(term_of, minlength=n_terms)
        indptr = np.zeros(n_terms + 1, np.int64)
        np.cumsum(df, out=indptr[1:])

        terms = list(vocab)
        idf_by_term, average_idf = _idf(n_docs, dict(zip(terms, df.tolist(), strict=True)), epsilon)
        idf = np.array([idf_by_term[t] for t in terms], np.float64)
        avgdl = total_tokens / n_docs
        # The expression of BM25Okapi.get_scores, operand for operand, so weights match bitwise.
        q_freq = tf.astype(np.float64)
        doc_len = lengths[doc_of]
        weights = idf[term_of] * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * doc_len / avgdl)))
        meta.update(avgdl=avgdl, average_idf=average_idf)
        return cls(
            terms=terms,
            indptr=indptr,
            doc_ids=doc_of.astype(np.int32),
            weights=weights,
            n_docs=n_docs,
            meta=meta,
        )

    # -- persistence ------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write plain .npy/.json files into an existing directory (the caller swaps it in)."""
        for name in _ARRAYS:
            np.save(directory / f"bm25_{name}.npy", getattr(self, f"_{name}"), allow_pickle=False)
        (directory / _VOCAB).write_text(json.dumps(self._terms, ensure_ascii=False), "utf-8")
        meta = dict(self._meta, n_docs=self.n_docs, n_terms=len(self._terms))
        (directory / _META).write_text(json.dumps(meta, indent=1), "utf-8")

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        """Open a saved index; arrays are memory-mapped: a query pages in only its postings."""
        meta = json.loads((directory / _META).read_text("utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"{directory / _META}: unsupported BM25 index format")
        terms = json.loads((directory / _VOCAB).read_text("utf-8"))
        arrays = {
            name: np.load(directory / f"bm25_{name}.npy", mmap_mode="r", allow_pickle=False)
            for name in _ARRAYS
        }
        if len(terms) != meta["n_terms"] or len(arrays["indptr"]) != len(terms) + 1:
            raise ValueError(f"{directory}: BM25 index files do not match each other")
        return cls(
            terms=terms,
            indptr=arrays["indptr"],
            doc_ids=arrays["doc_ids"],
            weights=arrays["weights"],
            n_docs=int(meta["n_docs"]),
            meta=meta,
        )

    # -- vocabulary -------------------------------------------------------------------------

    def _ids(self) -> dict[str, int]:
        if self._term_ids is None:
            self._term_ids = {t: i for i, t in enumerate(self._terms)}
        return self._term_ids

    def has_term(self, term: str) -> bool:
        return term in self._ids()

    def vocabulary(self) -> list[str]:
        return list(self._terms)

    def doc_freq(self, term: str) -> int:
        i = self._ids().get(term)
        return 0 if i is None else int(self._indptr[i + 1] - self._indptr[i])

    @property
    def average_idf(self) -> float:
        return float(self._meta["average_idf"])

    def _postings(self, term_id: int) -> tuple[npt.NDArray[np.int32], FloatArray]:
        lo, hi = int(self._indptr[term_id]), int(self._indptr[term_id + 1])
        return self._doc_ids[lo:hi], self._weights[lo:hi]

    def _query_ids(self, query: Sequence[str]) -> list[int]:
        ids = self._ids()
        return [i for i in (ids.get(t) for t in query) if i is not None]

    # -- scoring ----------------------------------------------------------------------------

    def get_scores(self, query: Sequence[str]) -> FloatArray:
        """Dense scores of every passage, equal to BM25Okapi.get_scores on the same corpus."""
        scores = np.zeros(self.n_docs, np.float64)
        # Each occurrence of a query term adds once, in query order, as BM25Okapi does.
        for tid in self._query_ids(query):
            docs, w = self._postings(tid)
            scores[docs] += w
        return scores

    def top_k(
        self,
        query: Sequence[str],
        k: int,
        *,
        offset: int = 0,
        allowed: npt.NDArray[np.int64] | None = None,
    ) -> TopK:
        """Passages ranked `offset` .. `offset + k - 1` by score (best first, ties by lower id).

        Only passages with a positive score count as matches. `allowed` (sorted passage ids)
        restricts both the ranking and `total` to those passages.
        """
        tids = self._query_ids(query)
        if not tids:
            return _empty_topk()
        lists = [self._postings(t) for t in tids]
        all_docs = np.concatenate([d for d, _ in lists]).astype(np.int64)
        all_w = np.concatenate([w for _, w in lists])
        if allowed is not None:
            keep = _member(all_docs, allowed)
            all_docs, all_w = all_docs[keep], all_w[keep]
        docs, inverse = np.unique(all_docs, return_inverse=True)
        scores = np.bincount(inverse, weights=all_w, minlength=len(docs)).astype(np.float64)
        positive = scores > 0
        docs, scores = docs[positive], scores[positive]
        return _rank(docs, scores, k, offset)


def _member(values: IntArray, sorted_set: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    if len(sorted_set) == 0:
        return np.zeros(len(values), np.bool_)
    pos = np.searchsorted(sorted_set, values)
    pos[pos == len(sorted_set)] = 0
    found: npt.NDArray[np.bool_] = sorted_set[pos] == values
    return found


def _rank(docs: IntArray, scores: FloatArray, k: int, offset: int) -> TopK:
    """Sort candidates by score descending, then id ascending, and cut the page out."""
    total = len(docs)
    want = max(0, k) + max(0, offset)
    if want < total:
        # Everything tied with the want-th best stays, so ties are broken by id, not by chance.
        kth = np.partition(scores, total - want)[total - want]
        sel = scores >= kth
        docs, scores = docs[sel], scores[sel]
    order = np.lexsort((docs, -scores))[max(0, offset) : want]
    return TopK(docs[order].astype(np.int64), scores[order], total)


__all__ = ["BM25Index", "TopK"]
