"""Questions in other words than the article's, through the real CLI (index.related)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.cli_runner import run_cli
from tests.index.articles import write_article

# A flood report written for these tests: each answer is in other words than its question.
FLOOD = [
    "Families from Marsby spent the night in a school hall.",
    "The River Wend burst its banks on Sunday, flooding 40 homes in the village of Marsby.",
    '"The river rose faster than at any time since records began," said Ellen Hart, a flood '
    "officer at the regional agency.",
    "The river level is measured every hour at the Marsby bridge, the agency said.",
    "Residents say the river has been a worry for years.",
    "The council said its vote on the new school went ahead in January.",
    "The council said its vote on the flood defences has been postponed.",
    "Families who slept downstairs woke to find water at the door.",
    "The new defences would cost about £2 million, the council said.",
]


@pytest.fixture(scope="module")
def flood(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("flood")
    write_article(base / "articles", "2024-03-01-marsby-flood.txt", "Flood Hits Marsby", FLOOD)
    done = run_cli(
        "rebuild", "--corpus", str(base / "articles"), "--index", str(base / "index"), cwd=base
    )
    assert done.returncode == 0, done.stderr
    return base / "articles", base / "index"


def _ask(flood: tuple[Path, Path], question: str) -> tuple[int, dict[str, object]]:
    corpus, index = flood
    done = run_cli(
        "ask", question, "--json", "--corpus", str(corpus), "--index", str(index), cwd=index.parent
    )
    return done.returncode, json.loads(done.stdout)


def _first(answer: dict[str, object]) -> str:
    hits = answer["hits"]
    assert isinstance(hits, list) and hits, answer
    return str(hits[0]["passage"]["text"])


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # An irregular form of the asked word: rise -> rose, wake -> woke.
        ("How fast did the river rise?", "The river rose faster"),
        ("When did the families wake?", "woke to find water"),
        # A synonym: delayed -> postponed (WordNet: delay, postponement).
        ("Why was the vote delayed?", "has been postponed"),
    ],
)
def test_a_question_in_other_words_finds_its_passage_first(
    flood: tuple[Path, Path], question: str, answer: str
) -> None:
    code, found = _ask(flood, question)
    assert code == 0
    assert answer in _first(found)


def test_a_related_word_does_not_answer_a_question_about_something_else(
    flood: tuple[Path, Path],
) -> None:
    # "price" is related to "cost", which the article has; gold it never mentions.
    code, found = _ask(flood, "What is the price of gold?")
    assert code == 1
    assert found["hits"] == []


def test_a_real_word_rarer_than_the_common_list_is_not_taken_for_a_typo(
    mixed_corpus: tuple[Path, Path], elsewhere: Path
) -> None:
    # "understaffed" is one letter-run from the bundled article's "understanding", and rarer
    # than wordfreq's list of common words; WordNet has it, so it is no typo.
    corpus, index = mixed_corpus
    done = run_cli(
        "ask",
        "Is the embassy understaffed?",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        cwd=elsewhere,
    )
    assert "searched for" not in done.stdout and "understanding" not in done.stdout
