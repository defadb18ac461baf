"""Two fields ranked by text + weight * context: exactly the weighted sum of BM25Okapi scores."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import BM25Index
from index.fields import Fields
from tests.index.test_bm25 import make_docs


@pytest.fixture(scope="module")
def fields() -> tuple[Fields, BM25Okapi, BM25Okapi]:
    text = make_docs(2000, seed=3)
    # A context made of neighbours' text, as in an article: overlapping, longer documents.
    context = [text[i - 1] + text[(i + 1) % len(text)] for i in range(len(text))]
    both = Fields(BM25Index.build(text), BM25Index.build(context), 0.4)
    return both, BM25Okapi(text), BM25Okapi(context)


def _reference(okapi: BM25Okapi, context: BM25Okapi, query: list[str]) -> np.ndarray:
    scores: np.ndarray = okapi.get_scores(query) + 0.4 * context.get_scores(query)
    return scores


def test_the_top_k_is_the_top_of_the_weighted_sum_of_bm25okapi_scores(
    fields: tuple[Fields, BM25Okapi, BM25Okapi],
) -> None:
    engine, okapi, context = fields
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(600)] + ["said", "minister", "nowhere"]
    for _ in range(120):
        query = rng.sample(vocab, rng.randint(1, 5))
        expected = _reference(okapi, context, query)
        order = sorted(
            (d for d in range(len(expected)) if expected[d] > 0), key=lambda d: (-expected[d], d)
        )
        k, offset = rng.choice([(1, 0), (3, 0), (10, 0), (5, 7), (40, 0)])
        top = engine.top_k(query, k, offset=offset)
        assert top.ids.tolist() == order[offset : offset + k], query
        np.testing.assert_allclose(top.scores, expected[top.ids], rtol=0, atol=1e-9)
        assert top.total == len(order)


def test_allowed_passages_restrict_ranking_and_total(
    fields: tuple[Fields, BM25Okapi, BM25Okapi],
) -> None:
    engine, okapi, context = fields
    allowed = np.arange(0, engine.n_docs, 7, dtype=np.int64)
    query = ["w5", "w77", "said"]
    expected = _reference(okapi, context, query)
    order = sorted((int(d) for d in allowed if expected[d] > 0), key=lambda d: (-expected[d], d))
    top = engine.top_k(query, 10, allowed=allowed)
    assert top.ids.tolist() == order[:10]
    assert top.total == len(order)


def test_unknown_and_empty_queries_match_nothing(
    fields: tuple[Fields, BM25Okapi, BM25Okapi],
) -> None:
    engine, _, _ = fields
    assert engine.top_k(["nowhere"], 5).total == 0
    assert engine.top_k([], 5).ids.tolist() == []


@pytest.mark.parametrize("exhaustive_up_to", [0, 20_000])
def test_related_terms_add_their_bm25okapi_scores_at_the_related_weight(
    fields: tuple[Fields, BM25Okapi, BM25Okapi],
    monkeypatch: pytest.MonkeyPatch,
    exhaustive_up_to: int,
) -> None:
    """Query expansion: score = fields(query) + related_weight * fields(related), over every
    path (few postings added up whole, MaxScore pruning, a speaker's allowed passages)."""
    monkeypatch.setattr("index.fields._EXHAUSTIVE_UP_TO", exhaustive_up_to)
    engine, okapi, context = fields
    rng = random.Random(11)
    vocab = [f"w{i}" for i in range(600)]
    allowed = np.arange(3, engine.n_docs, 5, dtype=np.int64)
    for _ in range(60):
        query = rng.sample(vocab, rng.randint(1, 3))
        related = rng.sample(vocab, rng.randint(1, 4))
        expected = _reference(okapi, context, query) + engine.related_weight * _reference(
            okapi, context, related
        )
        np.testing.assert_allclose(engine.get_scores(query, related), expected, rtol=0, atol=1e-9)
        for restrict in (None, allowed):
            candidates = range(len(expected)) if restrict is None else restrict.tolist()
            order = sorted(
                (d for d in candidates if expected[d] > 0), key=lambda d: (-expected[d], d)
            )
            top = engine.top_k(query, 5, allowed=restrict, related=related)
            assert top.ids.tolist() == order[:5], (query, related)
            np.testing.assert_allclose(top.scores, expected[top.ids], rtol=0, atol=1e-9)
            assert top.total == len(order)
