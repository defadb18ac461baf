"""Retrieval quality on questions people ask about the bundled article."""

from __future__ import annotations

from index.evaluate import DEFAULT_QUESTIONS, evaluate, load_questions, rank_of
from index.search import Searcher


def test_there_are_at_least_30_questions_each_answered_by_one_passage(bundled: Searcher) -> None:
    questions = load_questions(DEFAULT_QUESTIONS)
    assert len(questions) >= 30
    records = bundled.store.passages(list(range(bundled.engine.n_docs))).values()
    texts = [record.text for record in records]
    for question in questions:
        assert rank_of(texts, question.answer) is not None, question


def test_hit_at_3_is_at_least_95_percent_and_beats_naive_bm25(bundled: Searcher) -> None:
    result = evaluate(bundled, load_questions(DEFAULT_QUESTIONS))
    assert result.ours.hit_at_3 >= 0.95
    assert result.ours.mrr > result.naive.mrr
    assert result.ours.hit_at_1 > result.naive.hit_at_1
