"""No answer when there is none, spelling as people type, passages found through their context:
the examples of issue 10, on the bundled article beside a railway report."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.evidence import is_asking
from index.search import Searcher

UNANSWERABLE = [
    "What did Putin say about NATO?",
    "What is the weather like in Paris?",
    "How many medals did Kazakhstan win at the Olympics?",
    "What do experts think about climate change?",
]
# Answerable ones that share the shape of those: a reporting verb, the country, "experts".
ANSWERABLE = {
    "What did Svoik say about Nazarbaev?": "multi-vector foreign policy",
    "What do experts say Kazakhstan can gain from Ukraine?": "only a limited amount to gain",
    "Why did Kazakhstan abstain at the UN?": "abstained from voting",
    "What did the foreign ministry say about the referendum?": "true expression of Crimeans",
    "What did Grishin say about the embassy?": "picket the Russian embassy",
    "How much did the railway cost?": "1.2 trillion tenge",
}


@pytest.fixture(scope="module")
def mixed(mixed_corpus: tuple[Path, Path]) -> Searcher:
    return Searcher.open(mixed_corpus[1])


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_questions_the_articles_cannot_answer_get_no_answer(mixed: Searcher, question: str) -> None:
    result = mixed.search(question, 3)
    assert result.hits == [], [h.passage.text for h in result.hits]
    assert result.total == 0
    assert result.missing or result.weak
    assert result.about and result.quoted  # what to say instead: the articles, who is quoted


def test_no_answer_names_what_was_missing_and_what_matched_only_in_passing(
    mixed: Searcher,
) -> None:
    assert mixed.search("What did Putin say about NATO?").missing == ["putin", "nato"]
    medals = mixed.search("How many medals did Kazakhstan win at the Olympics?")
    assert medals.missing == ["medals", "win", "olympics"]
    climate = mixed.search("What do experts think about climate change?")
    assert climate.missing == ["climate"]


@pytest.mark.parametrize(("question", "answer"), ANSWERABLE.items())
def test_answerable_questions_of_the_same_shape_are_still_answered(
    mixed: Searcher, question: str, answer: str
) -> None:
    result = mixed.search(question, 3)
    assert any(answer in hit.passage.text for hit in result.hits), [
        h.passage.text for h in result.hits
    ]
    assert result.missing == [] and result.weak == []


def test_reporting_verbs_and_question_words_are_asking_words() -> None:
    for word in ("say", "said", "think", "tell", "like", "experts", "analyst", "told", "believes"):
        assert is_asking(word), word
    # Sources as typed: "campaigners" asks for a source, the "aid campaign" is a topic.
    for word in ("embassy", "railway", "protest", "oil", "campaign", "critical", "officially"):
        assert not is_asking(word), word
    assert is_asking("campaigners")


def test_a_speaker_and_only_asking_words_lists_what_they_said(mixed: Searcher) -> None:
    result = mixed.search("what did he say?", 10, speaker="Pyotr Svoik")
    assert len(result.hits) == 2
    assert mixed.search("what did they say?", 3).hits == []


@pytest.mark.parametrize("word", ["price", "prices", "wheat", "understaffed"])
def test_real_english_words_are_never_corrected(mixed: Searcher, word: str) -> None:
    result = mixed.search(word, 3)
    assert result.corrections == {}
    assert result.hits == [] and result.missing == [word]


@pytest.mark.parametrize(
    ("question", "typed", "fixed", "answer"),
    [
        ("fundrasing", "fundrasing", "fundraising", "fundraising"),
        ("embasy protest", "embasy", "embassy", "picket the Russian embassy"),
        ("What did Grishn say", "grishn", "grishin", "Grishin"),
    ],
)
def test_typos_of_any_word_are_corrected_to_words_of_the_index(
    mixed: Searcher, question: str, typed: str, fixed: str, answer: str
) -> None:
    result = mixed.search(question, 3)
    assert result.corrections == {typed: fixed}
    assert answer in result.hits[0].passage.text


def test_transliteration_variants_are_searched_silently(mixed: Searcher) -> None:
    for question in ("Why did Kazakhstan abstain at the UN?", "Nazarbayev", "Kostanai"):
        result = mixed.search(question, 3)
        assert result.hits, question
        assert result.corrections == {}, question


def _rank(result_texts: list[str], answer: str) -> int | None:
    return next((i for i, text in enumerate(result_texts, 1) if answer in text), None)


@pytest.mark.parametrize(
    ("question", "answer", "best"),
    [
        ("How long is the Zhezkazgan–Beineu line?", "The line runs for 988 kilometres", 3),
        ("What share of the population is Russian?", "About one-fifth is Russian", 3),
        ("How much did the railway cost?", "The line cost 1.2 trillion tenge", 2),
    ],
)
def test_a_passage_is_found_by_words_of_its_context(
    mixed: Searcher, question: str, answer: str, best: int
) -> None:
    result = mixed.search(question, 3)
    rank = _rank([hit.passage.text for hit in result.hits], answer)
    assert rank is not None and rank <= best, [h.passage.text for h in result.hits]


def test_context_counts_less_than_the_passage_itself(mixed: Searcher) -> None:
    # "He has worked on the railway" says the word; "The line cost" says "cost" and gets the
    # railway from the rest of its paragraph: the passage with both comes before the worker.
    texts = [h.passage.text for h in mixed.search("How much did the railway cost?", 5).hits]
    worker = _rank(texts, "He has worked on the railway")
    cost = _rank(texts, "The line cost")
    assert cost is not None and (worker is None or worker > cost)


def test_passages_that_do_not_name_their_subject_come_with_the_sentence_before(
    mixed: Searcher,
) -> None:
    result = mixed.search("How long is the Zhezkazgan–Beineu line?", 3)
    line = next(h for h in result.hits if h.passage.text.startswith("The line runs"))
    assert result.lead_ins[line.passage.id].startswith("Kazakhstan has opened the Zhezkazgan")
    share = mixed.search("What share of the population is Russian?", 3)
    fifth = next(h for h in share.hits if h.passage.text.startswith("About one-fifth"))
    assert share.lead_ins[fifth.passage.id].startswith("According to official figures")
    worker = mixed.search("Yerzhan Kaliyev railway years", 3)
    years = next(h for h in worker.hits if h.passage.text.startswith("He has worked"))
    assert "said Yerzhan Kaliyev" in worker.lead_ins[years.passage.id]
    # A passage that names its own subject, or a quote, gets none.
    picket = mixed.search("picket the Russian embassy", 1)
    assert picket.lead_ins == {}
