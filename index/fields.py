"""Two BM25 fields ranked together: score = text + weight * context (see index.documents),
plus `related_weight` times the same sum over the query's related terms (index.related).

Each field's scores are BM25Okapi's on that field's documents (`BM25Index`). The weighted sum
is itself a sum over posting lists: each query term's list in the text field, and its list in
the context field with its weights scaled by `weight`. So the top k is found in one pass by the
same exact pruning as one field's (`index.bm25.pruned_top_k`, MaxScore over all those lists),
and only the passages that survive it are scored exactly, as text + weight * context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from index.bm25 import (
    BM25Index,
    FloatArray,
    IntArray,
    Postings,
    TopK,
    _empty_topk,
    _rank,
    pruned_top_k,
)
from index.related import RELATED_WEIGHT

# Up to this many postings in all, adding them all up beats pruning's extra steps.
_EXHAUSTIVE_UP_TO = 20_000


class Fields:
    def __init__(
        self,
        text: BM25Index,
        context: BM25Index,
        weight: float,
        related_weight: float = RELATED_WEIGHT,
    ) -> None:
        if text.n_docs != context.n_docs:
            raise ValueError("the text and context fields number different passages")
        if not weight > 0:
            raise ValueError("the context weight must be positive")  # bounds need it
        self.text = text
        self.context = context
        self.weight = weight
        self.related_weight = related_weight
        self.n_docs = text.n_docs
        # Negative idf (tiny corpora) breaks the bound; such corpora are scored densely.
        self._dense = bool(text.negative_idf or context.negative_idf)

    def get_scores(self, query: Sequence[str], related: Sequence[str] = ()) -> FloatArray:
        """Dense weighted scores of every passage (the definition; tests compare with it):
        the query's terms, plus `related_weight` times the same sum over the related terms."""
        scores: FloatArray = self.text.get_scores(query) + self.weight * self.context.get_scores(
            query
        )
        if related:
            scores = scores + self.related_weight * (
                self.text.get_scores(related) + self.weight * self.context.get_scores(related)
            )
        return scores

    def scores_of(
        self, query: Sequence[str], docs: npt.NDArray[np.int64], related: Sequence[str] = ()
    ) -> FloatArray:
        scores: FloatArray = self.text.scores_of(query, docs) + self.weight * (
            self.context.scores_of(query, docs)
        )
        if related:
            scores = scores + self.related_weight * (
                self.text.scores_of(related, docs)
                + self.weight * self.context.scores_of(related, docs)
            )
        return scores

    def top_k(
        self,
        query: Sequence[str],
        k: int,
        *,
        offset: int = 0,
        allowed: npt.NDArray[np.int64] | None = None,
        related: Sequence[str] = (),
    ) -> TopK:
        """Passages ranked `offset` .. `offset + k - 1` by weighted score (ties: lower id first);
        `allowed` (sorted ids) restricts ranking and `total` as in BM25Index.top_k; `related`
        terms count `related_weight` times as much as the query's own (see `get_scores`)."""
        if self._dense:
            return self._top_k_dense(query, k, offset, allowed, related)
        in_text = self.text.query_ids(query)
        in_context = self.context.query_ids(query)
        related_text = self.text.query_ids(related)
        related_context = self.context.query_ids(related)
        lists = [
            *self.text.query_postings(in_text),
            *self.context.query_postings(in_context, self.weight),
            *self.text.query_postings(related_text, self.related_weight),
            *self.context.query_postings(related_context, self.related_weight * self.weight),
        ]
        if not lists:
            return _empty_topk()
        small = sum(len(p.ids) for p in lists) <= _EXHAUSTIVE_UP_TO
        if allowed is None and small and not (related_text or related_context):
            return self._top_k_exhaustive(in_text, in_context, lists, k, offset)
        with self.text.scratch() as (buf, mark):

            def exact(docs: IntArray) -> FloatArray:
                # The definition's expression, operand for operand: text + weight * context
                # (+ related_weight * the same of the related terms).
                scores: FloatArray = self.text.score_into(
                    buf, docs, in_text
                ) + self.weight * self.context.score_into(buf, docs, in_context)
                if related_text or related_context:
                    scores = scores + self.related_weight * (
                        self.text.score_into(buf, docs, related_text)
                        + self.weight * self.context.score_into(buf, docs, related_context)
                    )
                return scores

            if allowed is None and small:
                # Few postings: score every passage they touch (as the exhaustive path does).
                docs = _touched(lists, mark)
                scores = exact(docs)
                keep = scores > 0
                return _rank(docs[keep], scores[keep], k, offset, len(docs))
            if allowed is None:
                return pruned_top_k(lists, exact, buf, mark, k, offset)
            return _top_k_allowed(lists, exact, mark, np.asarray(allowed, np.int64), k, offset)

    def _top_k_exhaustive(
        self,
        in_text: list[int],
        in_context: list[int],
        lists: Sequence[Postings],
        k: int,
        offset: int,
    ) -> TopK:
        """Every posting added up, each field into its own buffer in query order, so each
        passage's sums are `get_scores`' bit for bit; few postings cost less than pruning."""
        with self.text.scratch() as (text_buf, mark), self.context.scratch() as (context_buf, _):
            in_text_ids = self.text.accumulate(text_buf, in_text)
            in_context_ids = self.context.accumulate(context_buf, in_context)
            # A passage in several lists appears once per list, always with the same score.
            docs = np.concatenate([p.ids for p in lists])
            scores: FloatArray = text_buf[docs] + self.weight * context_buf[docs]
            for ids in in_text_ids:
                text_buf[ids] = 0.0
            for ids in in_context_ids:
                context_buf[ids] = 0.0
            mark[docs] = True
            total = int(np.count_nonzero(mark))
            mark[docs] = False
        keep = scores > 0
        return _rank(docs[keep], scores[keep], k, offset, total, repeats=len(lists))

    def _top_k_dense(
        self,
        query: Sequence[str],
        k: int,
        offset: int,
        allowed: npt.NDArray[np.int64] | None,
        related: Sequence[str] = (),
    ) -> TopK:
        scores = self.get_scores(query, related)
        docs = np.arange(self.n_docs, dtype=np.int64) if allowed is None else np.asarray(allowed)
        picked = scores[docs]
        keep = picked > 0
        return _rank(docs[keep], picked[keep], k, offset, int(keep.sum()))

    def terms_in(
        self, docs: Sequence[int], terms: Sequence[str]
    ) -> tuple[list[list[str]], list[list[str]]]:
        """For each passage, the query terms in its text field and in its context field."""
        return self.text.terms_in(docs, terms), self.context.terms_in(docs, terms)


def _touched(lists: Sequence[Postings], mark: npt.NDArray[np.bool_]) -> IntArray:
    """The passages in any of the lists, ascending (`mark` is left all False)."""
    for p in lists:
        mark[p.ids] = True
    docs: IntArray = np.flatnonzero(mark).astype(np.int64)
    mark[docs] = False
    return docs


def _top_k_allowed(
    lists: Sequence[Postings],
    exact: Callable[[IntArray], FloatArray],
    mark: npt.NDArray[np.bool_],
    allowed: IntArray,
    k: int,
    offset: int,
) -> TopK:
    """Rank the allowed passages that any list touches, all scored exactly: `allowed` is one
    speaker's passages, or everything but the few already shown."""
    if len(allowed) <= sum(len(p.ids) for p in lists):
        docs = allowed
    else:
        for p in lists:
            mark[p.ids] = True
        docs = allowed[mark[allowed]]
        for p in lists:
            mark[p.ids] = False
    scores = exact(docs)
    keep = scores > 0
    return _rank(docs[keep], scores[keep], k, offset, int(np.count_nonzero(keep)))
