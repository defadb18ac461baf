"""Retrieval quality on questions people ask about the bundled article."""

from __future__ import annotations

import pytest

from index.evaluate import (
    DEFAULT_QUESTIONS,
    Evaluation,
    evaluate,
    evaluate_set,
    load_questions,
    load_sets,
    overall,
    rank_of,
)
from index.search import Searcher
from index.tokenize import normalise


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


@pytest.fixture(scope="session")
def every_set() -> list[Evaluation]:
    """`whosaid eval`'s figures: each set indexed from its own corpus, and all pooled."""
    evaluations = [evaluate_set(evalset) for evalset in load_sets()]
    return [*evaluations, overall(evaluations)]


def test_every_set_has_answerable_and_unanswerable_questions_in_its_own_articles() -> None:
    sets = {evalset.name: evalset for evalset in load_sets()}
    assert {"bundled", "newsroom"} <= set(sets)
    assert sum(len(s.questions) for s in sets.values() if s.articles) >= 60
    assert sum(len(s.unanswerable) for s in sets.values()) >= 20
    for evalset in sets.values():
        if evalset.articles is None:
            continue
        texts = {
            path.stem: normalise(path.read_text(encoding="utf-8"))
            for path in evalset.articles.iterdir()
        }
        for question in evalset.questions:
            assert question.article in texts, question
            for answer in question.answers:
                assert " ".join(normalise(answer).split()) in " ".join(
                    texts[question.article].split()
                ), question


def test_whosaid_beats_naive_bm25_on_every_set(every_set: list[Evaluation]) -> None:
    for evaluation in every_set:
        ours, naive = evaluation.ours, evaluation.naive
        assert ours.hit_at_1 > naive.hit_at_1, evaluation.name
        assert ours.hit_at_3 > naive.hit_at_3, evaluation.name
        assert ours.mrr > naive.mrr, evaluation.name
        assert ours.no_answer > naive.no_answer, evaluation.name


def test_quality_over_the_tuned_sets_holds_its_measured_level(every_set: list[Evaluation]) -> None:
    # Issue 10 asks for hit@1 >= 0.90, hit@3 >= 0.97 and >= 90% "no answer"; measured now
    # (`whosaid eval`, the sets search is tuned on, with index.answer_type): about 0.82, 0.90 and
    # 0.57 (bundled 0.98 / 1.00, newsroom 0.74 / 0.86). These floors keep what is reached. A
    # held-out set only has to beat naive rank-bm25 (above): a floor on it would make its
    # questions something to tune against.
    assert every_set[-1].name == "all"
    pooled = overall([e for e in every_set[:-1] if not e.held_out])
    assert pooled.ours.hit_at_1 >= 0.80
    assert pooled.ours.hit_at_3 >= 0.89
    assert pooled.ours.no_answer >= 0.55
    figures = {e.name: e.ours for e in every_set}
    assert figures["bundled"].hit_at_1 >= 0.95
    assert figures["bundled"].hit_at_3 >= 0.97
    assert figures["newsroom"].hit_at_1 >= 0.73
    assert figures["newsroom"].hit_at_3 >= 0.84


def test_a_question_several_passages_answer_counts_at_the_first_of_them() -> None:
    results = [
        ("flood", "He added that council officers had visited “every street affected”."),
        ("flood", "Councillor Martin Ashworth said: “Our teams have been working flat out.”"),
    ]
    teams = "Our teams have been working flat out"
    visited = 'council officers had visited "every street affected"'
    assert rank_of(results, teams, "flood") == 2
    assert rank_of(results, (teams, visited), "flood") == 1
    assert rank_of(results, (teams, visited), "another-article") is None
