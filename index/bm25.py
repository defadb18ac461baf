"""BM25 over passages: rank-bm25's BM25Okapi scores from precomputed per-(term, passage) weights.

BM25Okapi recomputes every weight for every document on every query. The weight of a term in a
passage depends only on the corpus, so it is computed once at build time (with the very same
floating-point expression, so scores are bit-for-bit BM25Okapi's) and stored term by term:
a query then only reads the postings of its own terms.

Top-k is exact but does not score every passage a query touches (MaxScore-style pruning):

- each term's postings are also kept ordered by weight, so its best passages and its largest
  weight (an upper bound of what the term can add to any score) are at hand;
- scoring the best few passages of every query term gives a lower bound `theta` of the k-th best
  score; terms whose upper bounds together stay below `theta` cannot put a passage in the top k
  on their own ("non-essential"), and a passage containing term t can only reach `theta` if its
  weight for t is at least `theta` minus what all the other terms could add at most;
- phase A adds up, in a reusable dense buffer, only the postings that pass those tests; the k-th
  best partial sum raises `theta`; the left-out terms are then looked up for the passages still
  in the running only, biggest first, dropping passages that can no longer reach `theta`;
- phase B scores the few survivors exactly, in query order, so scores are BM25Okapi's bit for bit.

`total` (how many passages match at all) needs the size of the union of the postings; frequent
terms keep a bitset of their passages so that union costs bytes, not a sort.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
AnyArray = npt.NDArray[Any]

FORMAT = 3  # 3: passage ids as int64
_META = "bm25_meta.json"
_VOCAB = "bm25_vocab.json"
# indptr: term -> slice of the postings; doc_ids/weights: postings by passage id;
# imp_ids/imp_weights: the same postings by weight ascending; bitset_row/bitsets: passage bitsets
# of the frequent terms (row -1: none).
_ARRAYS = ("indptr", "doc_ids", "weights", "imp_ids", "imp_weights", "bitset_row", "bitsets")
# Passage ids are int64 (numpy's own index type): indexing a buffer with int32 ids costs three
# times as much, every query. Terms in more than 1/32 of the passages also keep a bitset (n/8
# bytes), which makes the size of a union cost bytes, not a sort.
_BITSET_FRACTION = 32
# Scores are sums of floats: keep a margin so rounding never prunes a passage tied at the cut.
_MARGIN = 1e-9


class FormatOutdated(ValueError):
    """The files were written by another version of this module: rebuild, nothing is broken."""


@dataclass(frozen=True)
class TopK:
    """The best passages of one query: `ids` and `scores` best first, ties by lower id."""

    ids: IntArray
    scores: FloatArray
    total: int


def _idf(n_docs: int, doc_freqs: dict[str, int], epsilon: float) -> tuple[dict[str, float], float]:
    """rank-bm25's own idf (with its epsilon floor), so the formula has one source."""
    from rank_bm25 import BM25Okapi  # only building needs it; loading stays light

    okapi: Any = BM25Okapi.__new__(BM25Okapi)
    okapi.corpus_size = n_docs
    okapi.epsilon = epsilon
    okapi.idf = {}
    okapi._calc_idf(doc_freqs)
    return okapi.idf, float(okapi.average_idf)


def encode(docs: Sequence[Sequence[str]]) -> tuple[IntArray, IntArray, list[str]]:
    """Documents as one array of term ids, their lengths, and the terms by id.

    Ids are given in order of first appearance: the order BM25Okapi fills its document-frequency
    dict in, so its average idf (a float sum) comes out the same.
    """
    vocab: dict[str, int] = {}
    lengths = np.fromiter((len(d) for d in docs), np.int64, count=len(docs))
    flat = np.fromiter(
        (vocab.setdefault(t, len(vocab)) for d in docs for t in d),
        np.int64,
        count=int(lengths.sum()),
    )
    return flat, lengths, list(vocab)


def in_order_of_appearance(flat: IntArray, terms: Sequence[str]) -> tuple[IntArray, list[str]]:
    """Term ids (`flat`, into `terms`) renumbered as `encode` numbers them, in order of first
    appearance, with the terms that occur nowhere dropped; `flat` itself when already so."""
    if not len(flat):
        return flat, []
    used, first = np.unique(flat, return_index=True)
    order = used[np.argsort(first, kind="stable")]
    if len(order) == len(terms) and (order == np.arange(len(order))).all():
        return flat, list(terms)
    renumber = np.empty(int(used[-1]) + 1, np.int64)
    renumber[order] = np.arange(len(order), dtype=np.int64)
    return renumber[flat], [terms[int(i)] for i in order]


def _empty_topk(total: int = 0) -> TopK:
    return TopK(np.empty(0, np.int64), np.empty(0, np.float64), total)


class BM25Index:
    """Term -> postings (passage ids, BM25Okapi weights), CSR-like, in NumPy arrays."""

    def __init__(
        self, *, terms: list[str], arrays: dict[str, AnyArray], n_docs: int, meta: dict[str, Any]
    ) -> None:
        self._terms = terms
        self._term_ids: dict[str, int] | None = None
        self._arrays = arrays
        self._indptr: IntArray = arrays["indptr"]
        self._doc_ids: IntArray = arrays["doc_ids"]
        self._weights: FloatArray = arrays["weights"]
        self._imp_ids: IntArray = arrays["imp_ids"]
        self._imp_weights: FloatArray = arrays["imp_weights"]
        self._bitset_row: npt.NDArray[np.int32] = arrays["bitset_row"]
        self._bitsets: npt.NDArray[np.uint8] = arrays["bitsets"]
        self.n_docs = n_docs
        self._meta = meta
        self._scratch_lock = threading.Lock()
        self._buffers: tuple[FloatArray, npt.NDArray[np.bool_]] | None = None

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
        flat, lengths, terms = encode(docs)
        del docs
        return cls._from_ordered(flat, lengths, terms, k1=k1, b=b, epsilon=epsilon)

    @classmethod
    def from_encoded(
        cls,
        flat: IntArray,
        lengths: IntArray,
        terms: Sequence[str],
        *,
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
        ordered: bool = False,
    ) -> BM25Index:
        """The index of documents given as term ids (`flat`, documents one after the other,
        `lengths` tokens each) into `terms`. Terms that occur in no document are dropped and the
        rest renumbered in order of first appearance (see `encode`), so any numbering will do:
        a second field can reuse the first field's ids. `ordered`: the ids already are in that
        order and every term occurs (as `encode` returns them); `flat` is then consumed."""
        flat = np.asarray(flat, np.int64)
        if not ordered:
            renumbered, terms = in_order_of_appearance(flat, terms)
            # Sorted in place below: the caller's array stays intact.
            flat = flat.copy() if renumbered is flat else renumbered
        return cls._from_ordered(flat, lengths, list(terms), k1=k1, b=b, epsilon=epsilon)

    @classmethod
    def _from_ordered(
        cls,
        flat: IntArray,
        lengths: IntArray,
        terms: list[str],
        *,
        k1: float,
        b: float,
        epsilon: float,
    ) -> BM25Index:
        """`flat` (consumed: sorted in place) holds ids numbered in order of first appearance."""
        n_docs = len(lengths)
        total_tokens = len(flat)
        n_terms = len(terms)
        meta: dict[str, Any] = {"format": FORMAT, "k1": k1, "b": b, "epsilon": epsilon}
        if n_terms == 0:
            meta.update(avgdl=0.0, average_idf=0.0)
            return cls(terms=[], arrays=_empty_arrays(n_docs), n_docs=n_docs, meta=meta)
        owner = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # One key per (term, passage); sorting groups postings by term, passages ascending.
        flat *= n_docs
        flat += owner
        del owner
        flat.sort()
        starts = np.flatnonzero(np.diff(flat, prepend=-1))
        tf = np.diff(starts, append=len(flat))
        keys = flat[starts]
        del flat, starts
        term_of = keys // n_docs
        doc_of = keys - term_of * n_docs
        del keys
        df = np.bincount(term_of, minlength=n_terms)
        indptr = np.zeros(n_terms + 1, np.int64)
        np.cumsum(df, out=indptr[1:])

        idf_by_term, average_idf = _idf(n_docs, dict(zip(terms, df.tolist(), strict=True)), epsilon)
        idf = np.array([idf_by_term[t] for t in terms], np.float64)
        avgdl = total_tokens / n_docs
        # The expression of BM25Okapi.get_scores, operand for operand, so weights match bitwise.
        q_freq = tf.astype(np.float64)
        del tf
        doc_len = lengths[doc_of]
        weights = idf[term_of] * (q_freq * (k1 + 1) / (q_freq + k1 * (1 - b + b * doc_len / avgdl)))
        del q_freq, doc_len
        impact = np.lexsort((doc_of, weights, term_of))
        doc_ids = doc_of
        del doc_of, term_of
        arrays: dict[str, AnyArray] = {
            "indptr": indptr,
            "doc_ids": doc_ids,
            "weights": weights,
            "imp_ids": doc_ids[impact],
            "imp_weights": weights[impact],
        }
        del impact
        arrays.update(_bitsets(indptr, doc_ids, df, n_docs))
        meta.update(avgdl=avgdl, average_idf=average_idf, negative_idf=bool((idf < 0).any()))
        return cls(terms=terms, arrays=arrays, n_docs=n_docs, meta=meta)

    # -- persistence ------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write plain .npy/.json files into an existing directory (the caller swaps it in)."""
        for name in _ARRAYS:
            np.save(directory / f"bm25_{name}.npy", self._arrays[name], allow_pickle=False)
        (directory / _VOCAB).write_text(json.dumps(self._terms, ensure_ascii=False), "utf-8")
        meta = dict(self._meta, n_docs=self.n_docs, n_terms=len(self._terms))
        (directory / _META).write_text(json.dumps(meta, indent=1), "utf-8")

    @classmethod
    def load(cls, directory: Path) -> BM25Index:
        """Open a saved index; arrays are memory-mapped: a query pages in only its postings."""
        meta = json.loads((directory / _META).read_text("utf-8"))
        if meta.get("format") != FORMAT:
            raise FormatOutdated(f"{directory / _META}: BM25 index format {meta.get('format')}")
        terms = json.loads((directory / _VOCAB).read_text("utf-8"))
        # Plain ndarray views of the maps: np.memmap's own slicing costs microseconds a call.
        arrays = {
            name: np.asarray(
                np.load(directory / f"bm25_{name}.npy", mmap_mode="r", allow_pickle=False)
            )
            for name in _ARRAYS
        }
        n_postings = len(arrays["doc_ids"])
        if (
            len(terms) != meta["n_terms"]
            or len(arrays["indptr"]) != len(terms) + 1
            or len(arrays["bitset_row"]) != len(terms)
            or int(arrays["indptr"][-1]) != n_postings
            or any(len(arrays[a]) != n_postings for a in ("weights", "imp_ids", "imp_weights"))
        ):
            raise ValueError(f"{directory}: BM25 index files do not match each other")
        return cls(terms=terms, arrays=arrays, n_docs=int(meta["n_docs"]), meta=meta)

    # -- vocabulary -------------------------------------------------------------------------

    def _ids(self) -> dict[str, int]:
        if self._term_ids is None:
            self._term_ids = {t: i for i, t in enumerate(self._terms)}
        return self._term_ids

    def has_term(self, term: str) -> bool:
        return term in self._ids()

    def vocabulary(self) -> list[str]:
        return list(self._terms)

    def doc_freqs(self) -> IntArray:
        """Every term's document frequency, in `vocabulary()` order."""
        return np.diff(self._indptr)

    def doc_freq(self, term: str) -> int:
        i = self._ids().get(term)
        return 0 if i is None else int(self._indptr[i + 1] - self._indptr[i])

    def terms_in(self, docs: Sequence[int], terms: Sequence[str]) -> list[list[str]]:
        """For each passage in `docs`, which of `terms` it contains (sorted): what a hit
        matched, found by binary search in the postings instead of re-tokenizing its text."""
        ids = self._ids()
        wanted = np.asarray(docs, np.int64)
        found: list[list[str]] = [[] for _ in range(len(wanted))]
        if not len(wanted):
            return found
        for term in sorted(set(terms)):
            t = ids.get(term)
            if t is None:
                continue
            lo, hi = self._span(t)
            if hi == lo:
                continue
            postings = self._doc_ids[lo:hi]
            pos = postings.searchsorted(wanted)
            pos[pos == hi - lo] = 0  # past the end: compared with the first, never equal
            for i, present in enumerate((postings[pos] == wanted).tolist()):
                if present:
                    found[i].append(term)
        return found

    @property
    def negative_idf(self) -> bool:
        """Some term has a negative weight (a tiny corpus): upper bounds do not hold."""
        return bool(self._meta.get("negative_idf"))

    def idf(self, term: str) -> float:
        """The term's BM25Okapi idf (as rank-bm25 computes it); 0 for an unknown term."""
        i = self._ids().get(term)
        if i is None:
            return 0.0
        n = self.n_docs
        df = int(self._indptr[i + 1] - self._indptr[i])
        value = math.log(n - df + 0.5) - math.log(df + 0.5)
        return value if value >= 0 else float(self._meta["epsilon"]) * self.average_idf

    def postings(self, term: str) -> IntArray:
        """Ids of the passages containing the term, ascending (empty for an unknown term)."""
        i = self._ids().get(term)
        if i is None:
            return np.empty(0, np.int64)
        lo, hi = self._span(i)
        return self._doc_ids[lo:hi]

    @property
    def average_idf(self) -> float:
        return float(self._meta["average_idf"])

    def _span(self, term_id: int) -> tuple[int, int]:
        return int(self._indptr[term_id]), int(self._indptr[term_id + 1])

    def _query_ids(self, query: Sequence[str]) -> list[int]:
        ids = self._ids()
        return [i for i in (ids.get(t) for t in query) if i is not None]

    # -- scoring ----------------------------------------------------------------------------

    def get_scores(self, query: Sequence[str]) -> FloatArray:
        """Dense scores of every passage, equal to BM25Okapi.get_scores on the same corpus."""
        scores = np.zeros(self.n_docs, np.float64)
        # Each occurrence of a query term adds once, in query order, as BM25Okapi does.
        for tid in self._query_ids(query):
            lo, hi = self._span(tid)
            scores[self._doc_ids[lo:hi]] += self._weights[lo:hi]
        return scores

    def scores_of(self, query: Sequence[str], docs: AnyArray) -> FloatArray:
        """Exact scores of `docs` (passage ids), equal to BM25Okapi.get_scores at those ids."""
        occurrences = self._query_ids(query)
        docs = np.asarray(docs, np.int64)
        if not occurrences or not len(docs):
            return np.zeros(len(docs), np.float64)
        with self._scratch() as (buf, _):
            return self._score(buf, docs, occurrences)

    def mark_matches(self, query: Sequence[str], mark: npt.NDArray[np.bool_]) -> None:
        """Set `mark` at every passage with a positive score for `query`."""
        for t in dict.fromkeys(self._query_ids(query)):
            lo, hi = self._span(t)
            if hi > lo and float(self._imp_weights[hi - 1]) > 0:
                ids = self._doc_ids[lo:hi]
                if self._meta.get("negative_idf"):
                    ids = ids[self._weights[lo:hi] > 0]
                mark[ids] = True

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
        occurrences = self._query_ids(query)
        if not occurrences:
            return _empty_topk()
        terms = list(dict.fromkeys(occurrences))
        with self._scratch() as (buf, mark):
            if allowed is not None:
                return self._top_k_allowed(buf, mark, occurrences, terms, allowed, k, offset)
            if self._meta.get("negative_idf"):
                # Negative weights break the upper-bound reasoning; such corpora are tiny anyway.
                docs = np.unique(
                    np.concatenate([self._doc_ids[slice(*self._span(t))] for t in terms])
                )
                scores = self._score(buf, docs, occurrences)
                keep = scores > 0
                return _rank(docs[keep], scores[keep], k, offset, int(keep.sum()))
            return pruned_top_k(
                self.query_postings(occurrences),
                lambda docs: self._score(buf, docs, occurrences),
                buf,
                mark,
                k,
                offset,
            )

    def query_ids(self, query: Sequence[str]) -> list[int]:
        """The query's known terms as term ids, one per occurrence, in query order."""
        return self._query_ids(query)

    def query_postings(self, occurrences: list[int], scale: float = 1.0) -> list[Postings]:
        """The postings of each distinct term of `occurrences` that can add to a score, scaled
        by how often it occurs times `scale` (a field's weight), for `pruned_top_k`."""
        counts: dict[int, int] = {}
        for t in occurrences:
            counts[t] = counts.get(t, 0) + 1
        lists = []
        indptr, top = self._indptr, self._imp_weights
        for t, count in counts.items():
            lo, hi = int(indptr[t]), int(indptr[t + 1])
            if hi == lo or not float(top[hi - 1]) > 0:
                continue  # idf exactly 0: the term can neither add score nor match
            row = int(self._bitset_row[t])
            lists.append(
                Postings(
                    self._doc_ids[lo:hi],
                    self._weights[lo:hi],
                    self._imp_ids[lo:hi],
                    top[lo:hi],
                    count * scale,
                    self._bitsets[row] if row >= 0 else None,
                )
            )
        return lists

    def accumulate(self, buf: FloatArray, occurrences: list[int]) -> list[IntArray]:
        """Add every posting of the query's terms into the zeroed `buf`, in query order: then
        `buf` holds `get_scores`, bit for bit, at every passage. Returns the passage ids of each
        distinct term: where `buf` must be zeroed again."""
        touched: dict[int, IntArray] = {}
        for t in occurrences:
            lo, hi = self._span(t)
            ids = self._doc_ids[lo:hi]
            buf[ids] += self._weights[lo:hi]
            touched[t] = ids
        return list(touched.values())

    def score_into(self, buf: FloatArray, docs: AnyArray, occurrences: list[int]) -> FloatArray:
        """Exact scores of `docs` using the zeroed scratch `buf` of another holder (a
        `Fields` of indexes numbering the same passages); `buf` is zero again on return."""
        return self._score(buf, docs, occurrences)

    def _score(self, buf: FloatArray, docs: AnyArray, occurrences: list[int]) -> FloatArray:
        """Exact scores of `docs` (repeats allowed), summed in query order like BM25Okapi.

        A short posting list is added whole into the zeroed scratch `buf`; a long one is
        binary-searched for the docs. Either way each doc's sum runs in query order, so scores
        are bit-for-bit BM25Okapi's. `buf` is zero again on return.
        """
        looked_up: dict[int, FloatArray] = {}
        spread: list[AnyArray] = []
        for t in occurrences:
            lo, hi = self._span(t)
            ids = self._doc_ids[lo:hi]
            if hi - lo <= 4 * len(docs):
                buf[ids] += self._weights[lo:hi]
                spread.append(ids)
                continue
            if t not in looked_up:
                pos = np.searchsorted(ids, docs)
                np.minimum(pos, hi - lo - 1, out=pos)
                looked_up[t] = np.where(ids[pos] == docs, self._weights[lo:hi][pos], 0.0)
            # Repeated docs get the same value twice: `+=` through an index writes it once.
            buf[docs] += looked_up[t]
        scores: FloatArray = buf[docs]
        buf[docs] = 0.0
        for ids in spread:
            buf[ids] = 0.0
        return scores

    def _top_k_allowed(
        self,
        buf: FloatArray,
        mark: npt.NDArray[np.bool_],
        occurrences: list[int],
        terms: list[int],
        allowed: npt.NDArray[np.int64],
        k: int,
        offset: int,
    ) -> TopK:
        allowed = np.asarray(allowed, np.int64)
        lists = [self._doc_ids[slice(*self._span(t))] for t in terms]
        if len(allowed) <= sum(len(ids) for ids in lists):
            docs = allowed
        else:
            # Few allowed passages touched: keep the touched ones, found through `mark`.
            for ids in lists:
                mark[ids] = True
            docs = allowed[mark[allowed]]
            for ids in lists:
                mark[ids] = False
        scores = self._score(buf, docs, occurrences)
        keep = scores > 0
        return _rank(docs[keep], scores[keep], k, offset, int(keep.sum()))

    def scratch(self) -> AbstractContextManager[tuple[FloatArray, npt.NDArray[np.bool_]]]:
        """Zeroed buffers of one entry per passage (see `_scratch`), for a holder of fields
        that number the same passages."""
        return self._scratch()

    @contextmanager
    def _scratch(self) -> Iterator[tuple[FloatArray, npt.NDArray[np.bool_]]]:
        """Dense per-passage buffers, kept zeroed between queries so a query pays only for
        the entries it touches; a concurrent query gets buffers of its own."""
        if not self._scratch_lock.acquire(blocking=False):
            yield np.zeros(self.n_docs, np.float64), np.zeros(self.n_docs, np.bool_)
            return
        try:
            if self._buffers is None:
                self._buffers = (np.zeros(self.n_docs, np.float64), np.zeros(self.n_docs, np.bool_))
            yield self._buffers
        except BaseException:
            self._buffers = None  # an interrupted query may have left entries set
            raise
        finally:
            self._scratch_lock.release()


@dataclass(slots=True)
class Postings:
    """One query term's postings in one field, as pruning reads them: `times` scales its
    weights (how often the query has the term, times the field's weight)."""

    ids: IntArray  # by passage id
    weights: FloatArray
    imp_ids: IntArray  # by weight ascending
    imp_weights: FloatArray
    times: float
    bitset: npt.NDArray[np.uint8] | None  # the passages as a bitset (frequent terms only)

    @property
    def bound(self) -> float:
        """The most this term can add to any passage's score."""
        return self.times * float(self.imp_weights[-1])


def pruned_top_k(
    lists: Sequence[Postings],
    exact: Callable[[IntArray], FloatArray],
    buf: FloatArray,
    mark: npt.NDArray[np.bool_],
    k: int,
    offset: int,
) -> TopK:
    """The top k of scores that are sums of `lists` (MaxScore-style pruning, module docstring).

    `exact(docs)` gives the scores to rank by, bit for bit; the sums of `lists` only decide which
    passages are worth that exact scoring (a margin covers their different rounding). `buf` and
    `mark` are zeroed scratch buffers of one entry per passage, left zeroed. All weights must be
    non-negative.
    """
    want = max(0, k) + max(0, offset)
    total = _union_size(lists, mark)
    if want == 0 or total == 0:
        return _empty_topk(total)
    bound = [p.bound for p in lists]

    # Lower bound of the want-th best score: score each list's best `want` passages.
    seeds = _distinct(np.concatenate([p.imp_ids[-want:] for p in lists]))
    seed_scores = exact(seeds)
    positive = seed_scores[seed_scores > 0]
    theta = float(np.partition(positive, -want)[-want]) if len(positive) >= want else 0.0
    cut = theta - _MARGIN * max(1.0, theta)

    # Lists that together cannot reach theta: a passage needs at least one other list.
    essential: list[int] = []
    running = 0.0
    for i in sorted(range(len(lists)), key=bound.__getitem__):
        running += bound[i]
        if running >= cut:
            essential.append(i)
    bound_sum = sum(bound)
    # Phase A: add up only the postings that can matter: the essential lists' and, of each,
    # only the passages weighted at least `need`. `pending` is what was left out: list, the
    # weight below which a posting was skipped, and the most the list can still add.
    chosen = set(essential)
    pending: list[tuple[int, float, float]] = [
        (i, math.inf, bound[i]) for i in range(len(lists)) if i not in chosen
    ]
    parts: list[AnyArray] = []
    for i in essential:
        p = lists[i]
        n = len(p.ids)
        need = (cut - (bound_sum - bound[i])) / p.times
        lo = 0
        if need > 0:
            lo = int(np.searchsorted(p.imp_weights, need, side="left"))
            if lo > 0:
                pending.append((i, need, p.times * float(p.imp_weights[lo - 1])))
        if lo == n:
            continue
        if (n - lo) * 8 < n:
            # A small slice, in weight order: its passage ids are scattered in memory.
            ids, weights = p.imp_ids[lo:], p.imp_weights[lo:]
        else:
            # Most of the list: walking it in passage order keeps the buffer in cache.
            ids, weights = p.ids, p.weights
            if lo > 0:
                keep = weights >= need
                ids, weights = ids[keep], weights[keep]
        buf[ids] += p.times * weights
        parts.append(ids)
    if not parts:
        return _empty_topk(total)
    # A passage may sit in several parts: repeats are cheaper than a unique over all of them.
    candidates = np.concatenate(parts)
    partial = buf[candidates]
    for ids in parts:
        buf[ids] = 0.0
    rest = sum(p[2] for p in pending)
    # The want-th best partial sum is a lower bound too, usually far better than theta.
    if len(candidates) > want * len(parts):
        at = len(candidates) - want * len(parts)
        theta = max(theta, float(np.partition(partial, at)[at]))
        cut = theta - _MARGIN * max(1.0, theta)
    sel = partial + rest >= cut
    docs, partial = _distinct_with(candidates[sel], partial[sel])
    # Phase A2 (MaxScore): add the left-out lists one by one, biggest first, for the passages
    # still in the running, dropping those that can no longer reach the cut.
    pending.sort(key=lambda item: -item[2])
    for i, below, most in pending:
        if len(docs) <= want:
            break
        p = lists[i]
        w = _weights_of(buf, p, docs)
        if below != math.inf:
            w[w >= below] = 0.0  # already added in phase A
        partial += p.times * w
        rest -= most
        if len(docs) > want:
            at = len(docs) - want
            theta = max(theta, float(np.partition(partial, at)[at]))
            cut = theta - _MARGIN * max(1.0, theta)
        sel = partial + rest >= cut
        docs, partial = docs[sel], partial[sel]
    # Phase B: exact scores of the few passages left.
    scores = exact(docs)
    keep = scores > 0
    return _rank(docs[keep], scores[keep], k, offset, total)


def _weights_of(buf: FloatArray, p: Postings, docs: IntArray) -> FloatArray:
    """The list's weight in each of `docs` (sorted, distinct), 0 where absent."""
    n = len(p.ids)
    if n <= 4 * len(docs):
        buf[p.ids] = p.weights
        out: FloatArray = buf[docs]
        buf[p.ids] = 0.0
        return out
    pos = np.searchsorted(p.ids, docs)
    np.minimum(pos, n - 1, out=pos)
    return np.where(p.ids[pos] == docs, p.weights[pos], 0.0)


def _union_size(lists: Sequence[Postings], mark: npt.NDArray[np.bool_]) -> int:
    """How many passages are in at least one of the lists (`mark` is left all False).

    Short lists are marked in `mark`; the frequent terms' bitsets are OR-ed instead of marking
    their many passages. A count over all passages costs microseconds (bytes, vectorised):
    less than gathering, per list, which of its passages are new.
    """
    if not lists:
        return 0
    if len(lists) == 1:
        return len(lists[0].ids)
    dense = [p.bitset for p in lists if p.bitset is not None]
    sparse = [p.ids for p in lists if p.bitset is None]
    for ids in sparse:
        mark[ids] = True
    if dense:
        bits = np.array(dense[0])
        for row in dense[1:]:
            bits |= row
        if sparse:
            bits |= np.packbits(mark)
        size = int(np.bitwise_count(bits).sum())
    else:
        size = int(np.count_nonzero(mark))
    for ids in sparse:
        mark[ids] = False
    return size


def _empty_arrays(n_docs: int) -> dict[str, AnyArray]:
    return {
        "indptr": np.zeros(1, np.int64),
        "doc_ids": np.empty(0, np.int64),
        "weights": np.empty(0, np.float64),
        "imp_ids": np.empty(0, np.int64),
        "imp_weights": np.empty(0, np.float64),
        "bitset_row": np.empty(0, np.int32),
        "bitsets": np.empty((0, (n_docs + 7) // 8), np.uint8),
    }


def _bitsets(indptr: IntArray, doc_ids: IntArray, df: IntArray, n_docs: int) -> dict[str, AnyArray]:
    frequent = np.flatnonzero(df * _BITSET_FRACTION > n_docs)
    row = np.full(len(df), -1, np.int32)
    row[frequent] = np.arange(len(frequent), dtype=np.int32)
    bitsets = np.zeros((len(frequent), (n_docs + 7) // 8), np.uint8)
    mark = np.zeros(n_docs, np.bool_)
    for r, t in enumerate(frequent):
        mark[:] = False
        mark[doc_ids[indptr[t] : indptr[t + 1]]] = True
        bitsets[r] = np.packbits(mark)
    return {"bitset_row": row, "bitsets": bitsets}


def _distinct(ids: AnyArray) -> IntArray:
    ids = np.sort(ids).astype(np.int64)
    keep = np.ones(len(ids), np.bool_)
    keep[1:] = ids[1:] != ids[:-1]
    out: IntArray = ids[keep]
    return out


def _distinct_with(ids: AnyArray, values: FloatArray) -> tuple[IntArray, FloatArray]:
    """Distinct ids, sorted, each with its value (repeats of an id carry the same value)."""
    order = np.argsort(ids, kind="stable")
    ids, values = ids[order].astype(np.int64), values[order]
    keep = np.ones(len(ids), np.bool_)
    keep[1:] = ids[1:] != ids[:-1]
    return ids[keep], values[keep]


def _rank(
    docs: AnyArray, scores: FloatArray, k: int, offset: int, total: int, *, repeats: int = 1
) -> TopK:
    """Sort candidates by score descending, then id ascending, and cut the page out.

    A passage may appear up to `repeats` times (always with the same score).
    """
    want = max(0, k) + max(0, offset)
    entries = want * repeats
    if entries < len(docs):
        # Everything tied with the entries-th best stays, so ties are broken by id, not by
        # chance; `repeats` copies per passage still leave `want` distinct passages above it.
        kth = np.partition(scores, len(docs) - entries)[len(docs) - entries]
        sel = scores >= kth
        docs, scores = docs[sel], scores[sel]
    order = np.lexsort((docs, -scores))
    docs, scores = docs[order], scores[order]
    if repeats > 1 and len(docs) > 1:
        first = np.ones(len(docs), np.bool_)
        first[1:] = docs[1:] != docs[:-1]
        docs, scores = docs[first], scores[first]
    page = slice(max(0, offset), want)
    return TopK(docs[page].astype(np.int64), scores[page], total)


__all__ = ["BM25Index", "FormatOutdated", "Postings", "TopK", "pruned_top_k"]
