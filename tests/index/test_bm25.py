"""BM25Index ranks exactly as rank-bm25's BM25Okapi, and keeps doing so after save and load."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index.bm25 import BM25Index

COMMON = ["said", "the", "minister", "government"]  # in most documents: epsilon floor applies


def make_docs(n: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(600)]
    # Zipf-like weights: a few frequent words, a long tail of rare ones.
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    docs = []
    for _ in range(n):
        doc = rng.choices(vocab, weights, k=rng.randint(3, 40))
        doc += [w for w in COMMON if rng.random() < 0.7]
        rng.shuffle(doc)
        docs.append(doc)
    # Exact duplicates tie on every query: ranking must then fall back to the lower id.
    for i in range(0, n, 40):
        docs[i + 1] = list(docs[i])
    return docs


def reference_top(okapi: BM25Okapi, query: list[str], k: int) -> tuple[list[int], np.ndarray]:
    scores = okapi.get_scores(query)
    order = sorted((i for i in range(len(scores)) if scores[i] > 0), key=lambda i: (-scores[i], i))
    return order[:k], scores


QUERIES = [
    ["w3", "w250"],
    ["said", "minister"],  # only epsilon-floored terms
    ["w17", "w17", "said"],  # repeated term counts twice
    ["w599", "w1", "unknownword", "government"],
    ["w2"],
    ["w40", "w41", "w42", "w43", "w44", "the"],
]


@pytest.fixture(scope="module")
def corpus() -> tuple[list[list[str]], BM25Okapi, BM25Index]:
    docs = make_docs(3000, seed=7)
    return docs, BM25Okapi(docs), BM25Index.build(docs)


def test_epsilon_floor_is_exercised(corpus: tuple[list[list[str]], BM25Okapi, BM25Index]) -> None:
    docs, okapi, index = corpus
    assert index.doc_freq("said") > len(docs) / 2
    assert okapi.idf["said"] == pytest.approx(0.25 * okapi.average_idf)


@pytest.mark.parametrize("query", QUERIES)
def test_top10_and_scores_match_bm25okapi(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index], query: list[str]
) -> None:
    _, okapi, index = corpus
    want_ids, want_scores = reference_top(okapi, query, 10)
    np.testing.assert_allclose(index.get_scores(query), want_scores, rtol=0, atol=1e-6)
    top = index.top_k(query, 10)
    assert top.ids.tolist() == want_ids
    np.testing.assert_allclose(top.scores, want_scores[want_ids], rtol=0, atol=1e-6)
    assert top.total == int((want_scores > 0).sum())


def test_many_random_queries_rank_as_bm25okapi(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    docs, okapi, index = corpus
    rng = random.Random(11)
    for _ in range(150):
        # Words of a real document, so queries mix frequent and rare terms and always match.
        doc = rng.choice(docs)
        query = rng.sample(doc, min(len(doc), rng.randint(1, 6)))
        if rng.random() < 0.3:
            query.append(query[0])
        k = rng.choice([1, 3, 10])
        want_ids, scores = reference_top(okapi, query, k)
        top = index.top_k(query, k)
        assert top.ids.tolist() == want_ids, query
        np.testing.assert_allclose(top.scores, scores[want_ids], rtol=0, atol=1e-6)
        assert top.total == int((scores > 0).sum())


def test_ties_go_to_the_lower_id(corpus: tuple[list[list[str]], BM25Okapi, BM25Index]) -> None:
    docs, _, index = corpus
    top = index.top_k(docs[40], 2)
    assert top.ids.tolist() == [40, 41]
    assert top.scores[0] == top.scores[1]


def test_repeated_query_term_counts_each_time(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    _, _, index = corpus
    once, twice = index.get_scores(["w17"]), index.get_scores(["w17", "w17"])
    assert once.max() > 0
    np.testing.assert_allclose(twice, 2 * once)


def test_save_load_round_trip(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index], tmp_path: Path
) -> None:
    _, okapi, index = corpus
    index.save(tmp_path)
    loaded = BM25Index.load(tmp_path)
    assert loaded.n_docs == index.n_docs
    assert loaded.vocabulary() == index.vocabulary()
    for query in QUERIES:
        want_ids, _ = reference_top(okapi, query, 10)
        assert loaded.top_k(query, 10).ids.tolist() == want_ids
        np.testing.assert_array_equal(loaded.get_scores(query), index.get_scores(query))


def test_offset_pages_through_the_same_ranking(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    _, okapi, index = corpus
    query = ["w3", "said"]
    want_ids, _ = reference_top(okapi, query, 30)
    pages = [index.top_k(query, 10, offset=o).ids.tolist() for o in (0, 10, 20)]
    assert pages[0] + pages[1] + pages[2] == want_ids
    beyond = index.top_k(query, 10, offset=10**6)
    assert beyond.ids.size == 0
    assert beyond.total == index.top_k(query, 10).total


def test_allowed_restricts_ranking_and_total(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    _, okapi, index = corpus
    query = ["w5", "w90", "minister"]
    scores = okapi.get_scores(query)
    allowed = np.arange(0, index.n_docs, 7, dtype=np.int64)
    want = sorted((int(i) for i in allowed if scores[i] > 0), key=lambda i: (-scores[i], i))
    top = index.top_k(query, 10, allowed=allowed)
    assert top.ids.tolist() == want[:10]
    assert top.total == len(want)
    assert index.top_k(query, 10, allowed=np.empty(0, np.int64)).total == 0


def test_allowed_almost_everything_with_a_rare_term(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    _, okapi, index = corpus
    query = ["w450", "w451"]
    scores = okapi.get_scores(query)
    matching = np.flatnonzero(scores > 0)
    banned = set(matching[::2].tolist())
    allowed = np.array([i for i in range(index.n_docs) if i not in banned], np.int64)
    want = sorted((int(i) for i in matching if i not in banned), key=lambda i: (-scores[i], i))
    top = index.top_k(query, 5, allowed=allowed)
    assert top.ids.tolist() == want[:5]
    assert top.total == len(want)


def test_empty_and_unknown_queries_match_nothing(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    _, _, index = corpus
    for query in ([], ["nosuchword"], ["nosuchword", "another"]):
        top = index.top_k(query, 10)
        assert (top.ids.size, top.total) == (0, 0)
        assert not index.get_scores(query).any()
    assert not index.has_term("nosuchword")
    assert index.doc_freq("nosuchword") == 0


def test_empty_corpus(tmp_path: Path) -> None:
    for docs in ([], [[]]):
        index = BM25Index.build(docs)
        assert index.n_docs == len(docs)
        assert index.top_k(["anything"], 5).total == 0
        index.save(tmp_path)
        loaded = BM25Index.load(tmp_path)
        assert loaded.vocabulary() == []
        assert loaded.get_scores(["anything"]).shape == (len(docs),)


def test_terms_in_names_the_query_terms_each_passage_contains(
    corpus: tuple[list[list[str]], BM25Okapi, BM25Index],
) -> None:
    docs, _, index = corpus
    query = ["w3", "said", "w250", "nosuchword", "w3"]
    picked = [0, 5, 17, 2999]
    want = [sorted({t for t in query if t in docs[d]}) for d in picked]
    assert index.terms_in(picked, query) == want
    assert index.terms_in([], query) == []


def test_tiny_corpus_with_negative_idf_floor() -> None:
    # Most terms in most documents: the average idf, hence the epsilon floor, is negative.
    docs = [["a", "b"], ["a", "b"], ["a", "c"], ["a", "b", "c", "c"], ["b"]]
    okapi, index = BM25Okapi(docs), BM25Index.build(docs)
    assert okapi.average_idf < 0
    for query in (["c", "a"], ["a"], ["b", "c", "c"]):
        want_ids, scores = reference_top(okapi, query, 10)
        np.testing.assert_allclose(index.get_scores(query), scores, rtol=0, atol=1e-12)
        top = index.top_k(query, 10)
        assert top.ids.tolist() == want_ids
        assert top.total == int((scores > 0).sum())
