"""Two BM25 fields ranked together: score = text + weight * context (see index.documents).

Each field's scores are BM25Okapi's on that field's documents (`BM25Index`). The top k of the
weighted sum is found exactly with the threshold algorithm (Fagin's TA): take the best m
passages of each field; a passage in neither list scores at most (the m-th text score) + weight
* (the m-th context score); if the k-th best weighted sum among the passages seen beats that
bound, no passage left out can reach the top k, else m grows. Most queries stop at the first m.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.bm25 import BM25Index, FloatArray, TopK, _empty_topk, _rank

_FIRST_M = 16  # passages taken from each field in the first round (at least k + offset)


class Fields:
    def __init__(self, text: BM25Index, context: BM25Index, weight: float) -> None:
        if text.n_docs != context.n_docs:
            raise ValueError("the text and context fields number different passages")
        self.text = text
        self.context = context
        self.weight = weight
        self.n_docs = text.n_docs
        # Negative idf (tiny corpora) breaks the bound; such corpora are scored densely.
        self._dense = bool(text.negative_idf or context.negative_idf)

    def get_scores(self, query: Sequence[str]) -> FloatArray:
        """Dense weighted scores of every passage (the definition; tests compare with it)."""
        scores: FloatArray = self.text.get_scores(query) + self.weight * self.context.get_scores(
            query
        )
        return scores

    def scores_of(self, query: Sequence[str], docs: npt.NDArray[np.int64]) -> FloatArray:
        scores: FloatArray = self.text.scores_of(query, docs) + self.weight * (
            self.context.scores_of(query, docs)
        )
        return scores

    def top_k(
        self,
        query: Sequence[str],
        k: int,
        *,
        offset: int = 0,
        allowed: npt.NDArray[np.int64] | None = None,
    ) -> TopK:
        """Passages ranked `offset` .. `offset + k - 1` by weighted score (ties: lower id first);
        `allowed` (sorted ids) restricts ranking and `total` as in BM25Index.top_k."""
        want = max(0, k) + max(0, offset)
        if self._dense:
            return self._top_k_dense(query, k, offset, allowed)
        total = self._total(query, allowed)
        if want == 0 or total == 0:
            return _empty_topk(total)
        m = max(want, _FIRST_M)
        while True:
            text = self.text.top_k(query, m, allowed=allowed)
            context = self.context.top_k(query, m, allowed=allowed)
            docs = np.union1d(text.ids, context.ids).astype(np.int64)
            scores = self.scores_of(query, docs)
            keep = scores > 0
            docs, scores = docs[keep], scores[keep]
            text_rest = float(text.scores[-1]) if text.total > m else 0.0
            context_rest = float(context.scores[-1]) if context.total > m else 0.0
            bound = text_rest + self.weight * context_rest
            if bound <= 0.0:
                return _rank(docs, scores, k, offset, total)
            if len(docs) >= want:
                kth = float(np.partition(scores, len(docs) - want)[len(docs) - want])
                if kth > bound:
                    return _rank(docs, scores, k, offset, total)
            m *= 4

    def _top_k_dense(
        self,
        query: Sequence[str],
        k: int,
        offset: int,
        allowed: npt.NDArray[np.int64] | None,
    ) -> TopK:
        scores = self.get_scores(query)
        docs = np.arange(self.n_docs, dtype=np.int64) if allowed is None else np.asarray(allowed)
        picked = scores[docs]
        keep = picked > 0
        return _rank(docs[keep], picked[keep], k, offset, int(keep.sum()))

    def _total(self, query: Sequence[str], allowed: npt.NDArray[np.int64] | None) -> int:
        """How many passages (of `allowed`) match the query in either field."""
        mark = np.zeros(self.n_docs, np.bool_)
        self.text.mark_matches(query, mark)
        self.context.mark_matches(query, mark)
        if allowed is not None:
            return int(np.count_nonzero(mark[allowed]))
        return int(np.count_nonzero(mark))

    def terms_in(
        self, docs: Sequence[int], terms: Sequence[str]
    ) -> tuple[list[list[str]], list[list[str]]]:
        """For each passage, the query terms in its text field and in its context field."""
        return self.text.terms_in(docs, terms), self.context.terms_in(docs, terms)
