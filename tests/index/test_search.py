"""Ranking and lookups on the bundled article, as a user of the library would call them."""

from __future__ import annotations

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from index import answer_type
from index.documents import CONTEXT_WEIGHT, document_terms
from index.related import RELATED_WEIGHT
from index.search import Searcher
from index.store import PassageRecord
from index.tokenize import all_words, tokenize


def test_who_is_finds_the_passage_that_introduces_the_speaker(bundled: Searcher) -> None:
    top = bundled.search("Who is Mahambet Abjan?", 1).hits[0].passage
    assert top.speaker.name == "Mahambet Abjan"
    assert "Shanyrak NGO" in top.text


def test_the_speakers_name_and_cue_words_are_searchable(bundled: Searcher) -> None:
    top = bundled.search("What did Abenov write on Facebook?", 1).hits[0].passage
    assert top.speaker.name == "Murat Abenov"
    assert "fundraising must be avoided" in top.text


def test_a_quote_that_never_names_its_speaker_is_found_by_the_speakers_name(
    bundled: Searcher,
) -> None:
    # "… is exposed to Russia's view," she said.  (the name is only in the speaker field)
    top = bundled.search("What did Umbetalieva say about the public?", 1).hits[0].passage
    assert "exposed to Russia" in top.text
    assert "Umbetalieva" not in top.text


def _context_documents(records: dict[int, PassageRecord]) -> list[list[str]]:
    """The context field by its definition: the other passages of the paragraph, then those of
    the paragraph before (that has passages), one article at a time."""
    docs = []
    for doc in range(len(records)):
        here = records[doc]
        same = [r for r in records.values() if r.article_id == here.article_id]
        earlier = [r.paragraph for r in same if r.paragraph < here.paragraph]
        before = max(earlier, default=None)
        parts = [r for r in same if r.paragraph == here.paragraph and r.id != here.id]
        parts += [r for r in same if r.paragraph == before]
        docs.append([t for r in parts for t in tokenize(r.text)])
    return docs


@pytest.mark.parametrize(
    "question",
    ["Nazarbaev multi-vector foreign policy", "What share of the population is Russian?"],
)
def test_each_field_scores_as_bm25okapi_and_the_ranking_is_their_weighted_sum(
    bundled: Searcher, question: str
) -> None:
    records = bundled.store.passages(list(range(bundled.engine.n_docs)))
    docs = [document_terms(records[doc]) for doc in range(len(records))]
    context_docs = _context_documents(records)
    query = tokenize(question)
    text_okapi, context_okapi = BM25Okapi(docs), BM25Okapi(context_docs)
    text_scores = text_okapi.get_scores(query)
    context_scores = context_okapi.get_scores(query)
    np.testing.assert_allclose(bundled.engine.get_scores(query), text_scores, rtol=0, atol=1e-9)
    np.testing.assert_allclose(
        bundled.fields.context.get_scores(query), context_scores, rtol=0, atol=1e-9
    )
    # The terms searched: the question's (with irregular forms), and its related words at
    # RELATED_WEIGHT (index.related).
    searched, _, words = bundled._analyse(question)
    related = list(dict.fromkeys(t for w in words if not w.asking for t in w.related))
    expected = text_okapi.get_scores(searched) + CONTEXT_WEIGHT * context_okapi.get_scores(searched)
    if related:
        expected += RELATED_WEIGHT * (
            text_okapi.get_scores(related) + CONTEXT_WEIGHT * context_okapi.get_scores(related)
        )
    # "What share …" asks for a quantity: the BM25 top WINDOW holding one gain BONUS.
    raw = all_words(question)
    kind = answer_type.expected(raw)
    window = sorted(range(len(docs)), key=lambda d: (-expected[d], d))[: answer_type.WINDOW]
    for d in window:
        if kind is not None and answer_type.holds(kind, records[d].text, raw):
            expected[d] *= 1 + answer_type.BONUS
    result = bundled.search(question, 5)
    order = sorted(window, key=lambda d: (-expected[d], window.index(d)))[:5]
    assert [hit.passage.id for hit in result.hits] == [records[d].id for d in order]
    assert np.allclose([hit.score for hit in result.hits], [expected[d] for d in order])
    assert result.total == int((expected > 0).sum())


def test_speaker_filter_keeps_only_that_speaker(bundled: Searcher) -> None:
    result = bundled.search("Ukraine embassy", 10, speaker="Andrei Grishin")
    assert result.hits
    assert {hit.passage.speaker.name for hit in result.hits} == {"Andrei Grishin"}


def test_empty_question_with_a_speaker_lists_their_passages_in_article_order(
    bundled: Searcher,
) -> None:
    result = bundled.search("", 10, speaker="Mahambet Abjan")
    paragraphs = [hit.passage.paragraph for hit in result.hits]
    assert paragraphs == sorted(paragraphs)
    assert result.total == len(result.hits) >= 3
    assert {hit.passage.speaker.name for hit in result.hits} == {"Mahambet Abjan"}


def test_excluded_passages_are_left_out_and_not_counted(bundled: Searcher) -> None:
    everything = bundled.search("", 10, speaker="Andrei Grishin")
    shown = everything.hits[0].passage.id
    rest = bundled.search("", 10, speaker="Andrei Grishin", exclude={shown})
    assert [h.passage.id for h in rest.hits] == [h.passage.id for h in everything.hits[1:]]
    assert rest.total == everything.total - 1
    ranked = bundled.search("picket the Russian embassy", 3, exclude={"no-such:0:0", shown})
    assert ranked.hits and shown not in {h.passage.id for h in ranked.hits}


def test_pages_continue_where_the_last_one_stopped(bundled: Searcher) -> None:
    first = bundled.search("Kazakstan Russia", 3)
    second = bundled.search("Kazakstan Russia", 3, offset=3)
    both = bundled.search("Kazakstan Russia", 6)
    assert [h.passage.id for h in first.hits + second.hits] == [h.passage.id for h in both.hits]
    assert [h.rank for h in second.hits] == [4, 5, 6]
    assert second.offset == 3 and second.total == both.total


def test_matched_words_are_the_query_terms_found_in_the_passage(bundled: Searcher) -> None:
    hit = bundled.search("picket the Russian embassy", 1).hits[0]
    assert set(hit.matched) == {"picket", "russian", "embassi"}


def test_resolve_speaker_takes_full_names_and_surnames_in_any_case(bundled: Searcher) -> None:
    assert bundled.resolve_speaker("svoik") == "Pyotr Svoik"
    assert bundled.resolve_speaker("PYOTR SVOIK") == "Pyotr Svoik"
    assert bundled.resolve_speaker("Umbetalieva") == "Tolganay Umbetalieva"
    assert bundled.resolve_speaker("Putin") is None
    assert bundled.resolve_speaker("  ") is None


def test_passage_and_paragraph_lookups(bundled: Searcher) -> None:
    hit = bundled.search("Shanyrak", 1).hits[0].passage
    assert bundled.passage(hit.id) == hit
    paragraph = bundled.paragraph_text(hit.article_id, hit.paragraph)
    assert paragraph is not None and hit.text in paragraph
    assert bundled.passage("nope:0:0") is None
    assert bundled.paragraph_text(hit.article_id, 10_000) is None


def test_speakers_and_articles_summaries(bundled: Searcher) -> None:
    speakers = {s.name: s for s in bundled.speakers()}
    assert speakers["Pyotr Svoik"].role == "an Almaty-based political analyst"
    assert speakers["Pyotr Svoik"].kind == "person"
    assert speakers["Pyotr Svoik"].passages == 2
    (article,) = bundled.articles()
    assert article.title == "Kazakstan's Balancing Act Over Ukraine Ties"
    assert article.passages == bundled.engine.n_docs
    assert sum(s.passages for s in bundled.speakers()) == article.passages


def test_search_time_is_reported(bundled: Searcher) -> None:
    result = bundled.search("Crimea referendum", 3)
    assert 0 < result.took_ms < 1000
