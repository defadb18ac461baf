"""The kind of answer a question asks for reorders BM25's best passages (index.answer_type)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index import answer_type
from index.answer_type import (
    INTRODUCTION,
    PERSON,
    QUANTITY,
    REASON,
    TIME,
    TOPIC,
    expected,
    holds,
)
from index.build import build_index
from index.search import Searcher
from index.tokenize import all_words
from tests.index.articles import write_article

# A council story in the way local news is written: the budget is named over and over in the
# paragraphs that argue about it, its size once.
HARBOUR = [
    "Harbour City councillors said the budget row is not over.",
    "The council approved a $96 million budget for the city on Tuesday after a long night.",
    "The Kelp Street bridge reopening was discussed again by the bridge committee, which said the "
    "bridge would reopen once the bridge repairs were done.",
    "The bridge will reopen in March, the city engineer said.",
    "The plan to sell the old ferry terminal was put to a vote, and the ferry plan passed.",
    "Councillors Anna Berg and Tomas Lind voted against the plan.",
    "The Kelp Street bridge was closed and the bridge has stayed closed.",
    "The bridge was closed because inspectors found cracks in its supports.",
]


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    base = tmp_path_factory.mktemp("harbour")
    write_article(base / "articles", "harbour.txt", "Council Passes Budget", HARBOUR)
    build_index(base / "articles", base / "index")
    searcher = Searcher.open(base / "index")
    yield searcher
    searcher.close()


def _bm25_first(searcher: Searcher, question: str) -> str:
    terms, _ = searcher.analyse(question)
    top = searcher.fields.top_k(terms, 1)
    return searcher.store.passages([int(top.ids[0])])[int(top.ids[0])].text


@pytest.mark.parametrize(
    ("question", "answer", "not_first_by_bm25"),
    [
        ("how big is the harbour city budget", "$96 million", "row is not over"),
        ("when will the kelp street bridge reopen", "in March", "reopening was discussed"),
        ("who voted against the ferry plan", "Anna Berg and Tomas Lind", "put to a vote"),
        ("why was the kelp street bridge closed", "because inspectors", "stayed closed"),
    ],
)
def test_the_passage_with_the_kind_of_answer_asked_for_comes_first(
    harbour: Searcher, question: str, answer: str, not_first_by_bm25: str
) -> None:
    # BM25 alone prefers the passage that repeats the question's words …
    assert not_first_by_bm25 in _bm25_first(harbour, question)
    # … the answer type puts the one that answers first, with BM25's scores scaled.
    hits = harbour.search(question, 3).hits
    assert answer in hits[0].passage.text
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_paging_cuts_the_same_reordered_list(harbour: Searcher) -> None:
    question = "how big is the harbour city budget"
    first = [h.passage.id for h in harbour.search(question, 4).hits]
    paged = [h.passage.id for h in harbour.search(question, 2, offset=2).hits]
    assert paged == first[2:4]


def test_a_page_of_three_begins_like_a_page_of_ten(bundled: Searcher) -> None:
    for question in ("How many Ukrainians live in Kazakhstan?", "Who is Andrei Grishin?"):
        three = [h.passage.id for h in bundled.search(question, 3).hits]
        ten = [h.passage.id for h in bundled.search(question, 10).hits]
        assert three == ten[:3], question


def test_what_someone_said_about_a_topic_is_a_passage_on_that_topic() -> None:
    raw = all_words("what did karen holt say about her insurer")
    assert holds(TOPIC, "Every time I ring the insurance company I get someone new.", raw)
    assert not holds(TOPIC, "Karen Holt, 52, has lived on Mill Lane for 19 years.", raw)


def test_the_answer_type_never_turns_a_question_into_an_answer(bundled: Searcher) -> None:
    # "Crimea" is all over the article, "Obama" nowhere: BM25's best passages match only "say"
    # and "Crimea"; raising a Crimea passage must not make it count as what Obama said.
    result = bundled.search("what did obama say about crimea", 3)
    assert result.hits == []
    assert result.missing == ["obama"]


def test_who_is_finds_where_the_article_introduces_the_person(bundled: Searcher) -> None:
    # Her short passages ("But she believes …") match the name through the speaker alone.
    assert "Umbetalieva" not in _bm25_first(bundled, "Who is Tolganay Umbetalieva?")
    top = bundled.search("Who is Tolganay Umbetalieva?", 1).hits[0].passage
    assert "director of the Central Asia Foundation for Democracy" in top.text


def test_the_degree_word_of_how_long_is_asked_not_searched(bundled: Searcher) -> None:
    assert bundled.analyse("How long is the Zhezkazgan–Beineu line?")[0] == [
        "zhezkazgan",
        "beineu",
        "line",
    ]
    assert "far" in bundled.analyse("far from Moscow")[0]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many Ukrainians live in Kazakhstan?", QUANTITY),
        ("how much is the hardship payment", QUANTITY),
        ("how deep did the water get", QUANTITY),
        ("What percentage of the population is Kazakh?", QUANTITY),
        ("when will fire station 6 reopen", TIME),
        ("what year did the plant open", TIME),
        ("Who is Pyotr Svoik?", INTRODUCTION),
        ("who's karatau's ceo", INTRODUCTION),
        ("who voted against the budget", PERSON),
        ("why was the coal ban delayed", REASON),
        ("what did karen holt say about her insurer", TOPIC),
        ("How did Kazakhstan vote on the UN resolution about Crimea?", None),
        ("What did Abenov write on Facebook?", None),
        ("fundraising in Kostanai", None),
    ],
)
def test_the_question_word_says_what_kind_of_answer_is_wanted(
    question: str, kind: str | None
) -> None:
    assert expected(all_words(question)) == kind


@pytest.mark.parametrize(
    ("text", "question", "found"),
    [
        ("approve a $412 million budget", "how big is the budget", True),
        ("the department was 41 officers short", "how understaffed", True),
        ("The shares fell as much as 8.4% in early trading", "how far did shares fall", True),
        ("slightly less than two per cent Ukrainian", "how many ukrainians", True),
        ("accounts for about a fifth of the emissions", "how much", True),
        ("The Port Ellis Firefighters Union, Local 1190, said", "how big is the budget", False),
        ("the reopening of Fire Station 6", "how long until fire station 6 opens", False),
        ("a 2023 staffing study found", "how many officers", False),
        ("For the third winter running", "how bad is the air", False),
        ("most flood claims were settled within a year", "how long do claims take", True),
        ("claims are taking so long to settle", "how long do claims take", False),
    ],
)
def test_a_quantity_is_a_figure_with_what_it_counts(text: str, question: str, found: bool) -> None:
    assert holds(QUANTITY, text, all_words(question)) is found


@pytest.mark.parametrize(
    ("kind", "text", "found"),
    [
        (TIME, "The reopening has been pushed back to 2027.", True),
        (TIME, "on the night of 4 January", True),
        (TIME, "The bridge will reopen next spring.", True),
        (TIME, "The bridge will reopen soon.", False),
        (TIME, "It closed last year.", True),
        (TIME, "May residents stay?", False),
        (PERSON, "The two dissenting votes came from Raymond Ortiz and Priya Natarajan.", True),
        (PERSON, "She could not vote for a budget that hurts Eastgate.", False),
        (REASON, "postponed because the city could not offer alternatives", True),
        (REASON, "The deficit stemmed largely from a 2022 state law", True),
        (REASON, "The ban has yet to be enforced.", False),
    ],
)
def test_times_names_and_causes_as_news_writes_them(kind: str, text: str, found: bool) -> None:
    assert holds(kind, text, []) is found


@given(st.text(max_size=300), st.text(max_size=80))
def test_arbitrary_text_never_breaks_the_answer_type(text: str, question: str) -> None:
    raw = all_words(question)
    kind = expected(raw)
    for each in (QUANTITY, TIME, INTRODUCTION, PERSON, REASON, TOPIC):
        assert holds(each, text, raw) in (True, False)
    ids, scores = answer_type.adjust(kind, raw, [0, 1], [2.0, 1.0], {0: "", 1: text})
    assert sorted(ids) == [0, 1] and scores == sorted(scores, reverse=True)


def test_an_unknown_passage_text_gains_nothing() -> None:
    ids, scores = answer_type.adjust(QUANTITY, [], [5, 7], [3.0, 2.5], {7: "41 officers"})
    assert ids == [7, 5]
    assert scores == [2.5 * (1 + answer_type.BONUS), 3.0]
