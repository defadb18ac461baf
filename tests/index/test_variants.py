"""Spellings people type: each of the six variant pairs, both ways, against a real built index."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build import build_index
from index.search import Searcher
from index.tokenize import tokenize
from index.variants import equivalents, key
from tests.index.articles import write_article

PAIRS = [
    ("Kazakhstan", "Kazakstan"),
    ("Kazakh", "Kazak"),
    ("Kyiv", "Kiev"),
    ("Nazarbayev", "Nazarbaev"),
    ("Karaganda", "Karagandy"),
    ("Kostanai", "Kostanay"),
]


def _index_of(tmp_path: Path, paragraphs: list[str]) -> Searcher:
    corpus = tmp_path / "articles"
    write_article(corpus, "news.txt", "Steppe Digest", paragraphs)
    # Filler so that no word is in every passage (BM25's idf floor would blur the ranking).
    filler = ["Snow fell on the mountains.", "Rain is expected.", "Winds will ease by Sunday."]
    write_article(corpus, "filler.txt", "Weather Report", filler)
    build_index(corpus, tmp_path / "index")
    return Searcher.open(tmp_path / "index")


@pytest.mark.parametrize("direction", ["typed-first", "typed-second"])
def test_each_variant_finds_the_other_spelling_silently(tmp_path: Path, direction: str) -> None:
    in_text = 1 if direction == "typed-first" else 0
    typed = 0 if direction == "typed-first" else 1
    paragraphs = [f"Local reporters wrote about {pair[in_text]} at length." for pair in PAIRS]
    searcher = _index_of(tmp_path, paragraphs)
    for position, pair in enumerate(PAIRS):
        result = searcher.search(f"news about {pair[typed]}", 1)
        spelled = pair[in_text].lower()
        assert result.hits, pair
        assert result.hits[0].passage.text == paragraphs[position], pair
        assert spelled and result.corrections == {}, result.corrections  # not the user's mistake


def test_a_typo_in_a_name_is_corrected_to_the_closest_indexed_name(tmp_path: Path) -> None:
    searcher = _index_of(tmp_path, ["The foundation is run by Tolganay Umbetalieva in Almaty."])
    result = searcher.search("umbetaleva foundation", 1)
    assert result.corrections == {"umbetaleva": "umbetalieva"}
    assert "Umbetalieva" in result.hits[0].passage.text


def test_short_real_words_are_not_bent_into_other_words(tmp_path: Path) -> None:
    searcher = _index_of(tmp_path, ["The official lie was repeated on television."])
    assert searcher.search("where do they live", 3).corrections == {}


def test_real_words_missing_from_the_index_are_not_corrected_but_typos_are(
    tmp_path: Path,
) -> None:
    # "grain" is a word of its own, not a typo of "gain"; "exprts" is no word at all.
    searcher = _index_of(tmp_path, ["Experts say there is little to gain from exports."])
    result = searcher.search("grain experts", 3)
    assert result.corrections == {}
    assert searcher.search("Exprts", 3).corrections == {"exprts": "experts"}


def test_words_the_index_knows_are_never_corrected(tmp_path: Path) -> None:
    searcher = _index_of(tmp_path, ["Kazakhstan and Kazakstan both appear here."])
    assert searcher.search("Kazakhstan", 3).corrections == {}


def test_an_unknown_word_with_no_close_neighbour_stays_unanswered(tmp_path: Path) -> None:
    searcher = _index_of(tmp_path, ["Grain exports rose sharply."])
    result = searcher.search("xylophone", 3)
    assert result.hits == [] and result.corrections == {}


def test_renamed_places_are_searched_together_when_both_spellings_are_indexed(
    tmp_path: Path,
) -> None:
    searcher = _index_of(tmp_path, ["Talks were held in Kyiv.", "Trains left Kiev at dawn."])
    texts = {hit.passage.text for hit in searcher.search("Kiev", 5).hits}
    assert texts == {"Talks were held in Kyiv.", "Trains left Kiev at dawn."}


def test_transliteration_keys() -> None:
    for first, second in PAIRS:
        assert key(tokenize(first)[0]) == key(tokenize(second)[0]), (first, second)
    assert key("data") != key("date")
    assert equivalents(tokenize("Kyiv")[0]) == {"kiev"}
    assert equivalents("wheat") == frozenset()
