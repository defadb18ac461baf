"""Issue 10 through the real CLI: no answer, spelling, context and the sentence before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.bot.cli_runner import run_cli

UNANSWERABLE = {
    "What did Putin say about NATO?": "the articles never mention “Putin” or “NATO”",
    "What is the weather like in Paris?": "the articles never mention “weather” or “Paris”",
    "How many medals did Kazakhstan win at the Olympics?": (
        "the articles never mention “medals”, “win” or “Olympics”"
    ),
    "What do experts think about climate change?": "the articles never mention “climate”",
}


def _ask(mixed_corpus: tuple[Path, Path], cwd: Path, *args: str) -> tuple[int, str, str]:
    corpus, index = mixed_corpus
    done = run_cli("ask", *args, "--corpus", str(corpus), "--index", str(index), cwd=cwd)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(("question", "why"), UNANSWERABLE.items())
def test_a_question_the_articles_cannot_answer_exits_1_and_says_why(
    mixed_corpus: tuple[Path, Path], elsewhere: Path, question: str, why: str
) -> None:
    code, out, err = _ask(mixed_corpus, elsewhere, question)
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"No passage answers “{question}”: {why}."
    assert lines[1] == (
        "The articles are about: Kazakstan's Balancing Act Over Ukraine Ties; "
        "Desert Railway Opens Across Kazakhstan."
    )
    assert lines[2].startswith("Quoted: ") and "Grishin" in lines[2]
    assert len(lines) == 3


def test_no_answer_in_json_is_an_empty_list_of_hits(
    mixed_corpus: tuple[Path, Path], elsewhere: Path
) -> None:
    code, out, _ = _ask(mixed_corpus, elsewhere, "What did Putin say about NATO?", "--json")
    answer = json.loads(out)
    assert code == 1
    assert answer["hits"] == [] and answer["missing"] == ["putin", "nato"]


def test_the_readme_question_is_not_told_it_misspelt_kazakhstan(
    mixed_corpus: tuple[Path, Path], elsewhere: Path
) -> None:
    code, out, _ = _ask(mixed_corpus, elsewhere, "Why did Kazakhstan abstain at the UN?", "-k", "1")
    assert code == 0
    assert "searched for" not in out and "instead of" not in out
    assert "abstained from voting" in out


@pytest.mark.parametrize("word", ["price", "prices"])
def test_real_words_are_not_bent_into_prime(
    mixed_corpus: tuple[Path, Path], elsewhere: Path, word: str
) -> None:
    code, out, _ = _ask(mixed_corpus, elsewhere, word)
    assert code == 1
    assert "prime" not in out.lower() and "searched for" not in out


@pytest.mark.parametrize(
    ("question", "note", "found"),
    [
        ("fundrasing", "searched for: fundraising (instead of fundrasing)", "fundraising"),
        ("embasy protest", "searched for: embassy (instead of embasy)", "Russian embassy"),
    ],
)
def test_typos_of_common_words_are_corrected_and_said(
    mixed_corpus: tuple[Path, Path], elsewhere: Path, question: str, note: str, found: str
) -> None:
    code, out, _ = _ask(mixed_corpus, elsewhere, question, "-k", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == note
    assert found in lines[3]


def test_a_passage_found_through_its_context_comes_with_the_sentence_before(
    mixed_corpus: tuple[Path, Path], elsewhere: Path
) -> None:
    code, out, _ = _ask(mixed_corpus, elsewhere, "How long is the Zhezkazgan–Beineu line?")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "The line runs for 988 kilometres" in line)
    assert lines[at - 1].startswith("   [before: Kazakhstan has opened the Zhezkazgan–Beineu")
    code, out, _ = _ask(mixed_corpus, elsewhere, "What share of the population is Russian?")
    assert code == 0
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if "About one-fifth is Russian" in line)
    assert lines[at - 1].startswith("   [before: According to official figures, Kazaks")


def test_the_sentence_before_is_in_the_json_too(
    mixed_corpus: tuple[Path, Path], elsewhere: Path
) -> None:
    _, out, _ = _ask(mixed_corpus, elsewhere, "How much did the railway cost?", "--json")
    hits = json.loads(out)["hits"]
    cost = next(h for h in hits if h["passage"]["text"].startswith("The line cost"))
    assert cost["lead_in"] == "Work on the railway began in 2020."
    assert all(h["lead_in"] is None for h in hits if h["passage"]["text"].startswith("Work on"))


@pytest.mark.parametrize(
    ("question", "why"),
    [
        ("who is the ceo of pemberton securities", "the articles never mention “ceo”"),
        ("What did the Prime Minister say about the floods?", "no passage quotes “Prime Minister”"),
        ("When was Nazarbayev born?", "the articles never mention “born”"),
        (
            "What is the mayor of Port Ellis paid?",
            "the passage that comes closest says nothing of “mayor” or “paid”",
        ),
    ],
)
def test_a_near_miss_on_the_right_article_exits_1_and_says_what_is_not_there(
    newsroom_corpus: tuple[Path, Path], elsewhere: Path, question: str, why: str
) -> None:
    code, out, err = _ask(newsroom_corpus, elsewhere, question)
    assert (code, err) == (1, "")
    assert out.splitlines()[0] == f"No passage answers “{question}”: {why}."
    code, out, _ = _ask(newsroom_corpus, elsewhere, question, "--json")
    assert code == 1 and json.loads(out)["hits"] == []


def test_the_same_shape_with_an_answer_exits_0(
    newsroom_corpus: tuple[Path, Path], elsewhere: Path
) -> None:
    code, out, _ = _ask(newsroom_corpus, elsewhere, "what did the deputy mayor say", "--json")
    answer = json.loads(out)
    assert code == 0
    assert any("Usupov" in str(hit["passage"]["speaker"]["name"]) for hit in answer["hits"])
