"""Properties over arbitrary text: nothing raises, and no body sentence is lost or repeated."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.attribution import attribute
from corpus.models import Article
from corpus.reader import ArticleError, parse_article
from corpus.sentences import split_sentences

# News-ish vocabulary makes the attributor take its interesting paths often.
WORDS = st.sampled_from(
    [
        "said",
        "says",
        "told",
        "IWPR",
        "according",
        "to",
        "he",
        "she",
        "they",
        "Experts",
        "analysts",
        "the",
        "ministry",
        "Pyotr",
        "Svoik",
        "Dr.",
        "Mr.",
        "U.S.",
        "Jan.",
        "3.5",
        "“",
        "”",
        '"',
        ",",
        ".",
        ":",
        "?",
        "!",
        "who",
        "quoted",
        "resident",
        "47,",
        "a",
        "driver",
        "disagreed",
        "Its",
        "foreign",
        "According",
        "(See",
        "Policy.)",
        "\n",
        "\n\n",
        "+++",
        "Frontline Updates",
        "is",
        "IWPR",
        "editor",
        "in",
        "London.",
        "",
        "—",
        "while",
        ";",
        "Q:",
        "A:",
        "Rep.",
        "Ortiz",
    ]
)
NEWSY = st.lists(WORDS, max_size=80).map(" ".join)
TEXT = st.one_of(NEWSY, st.text(max_size=400))


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_the_reader_never_raises_anything_but_article_error(text: str) -> None:
    try:
        article = parse_article(text, article_id="prop")
    except ArticleError as error:
        assert str(error).startswith("prop: ")
        return
    assert article.paragraphs and all(p.strip() == p and p for p in article.paragraphs)


PARAGRAPH = st.one_of(NEWSY, st.text(min_size=1, max_size=200)).map(lambda t: " ".join(t.split()))


TWO_SOURCES = st.tuples(
    st.sampled_from(["said Sen. Ana Ortiz", "Ortiz said", "said Mr. Dunmore"]),
    st.sampled_from([", while", "; and", ";", ", but"]),
    st.sampled_from(["Rep. Carl Dunmore said", "she said", "officials said", "Dunmore told us"]),
    NEWSY,
).map(lambda t: " ".join(f'"{t[3]}," {t[0]}{t[1]} {t[2]} "the plan works."'.split()))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(PARAGRAPH.filter(bool), TWO_SOURCES), min_size=1, max_size=8))
def test_passages_hold_every_body_sentence_exactly_once_in_order(paragraphs: list[str]) -> None:
    article = Article(id="prop", title="Title", paragraphs=paragraphs)
    passages = attribute(article)
    expected = [(i, s) for i, p in enumerate(paragraphs) for s in split_sentences(p)]
    got = [(p.paragraph, s) for p in passages for s in split_sentences(p.text)]
    # each sentence is whole in one passage, or (one sentence quoting two sources, each with
    # its own cue) split into consecutive clauses of one paragraph
    pieces = iter(got)
    for paragraph, sentence in expected:
        joined = ""
        while joined != sentence:
            where, piece = next(pieces)
            assert where == paragraph
            joined = f"{joined} {piece}".strip()
            assert sentence.startswith(joined), (sentence, joined)
    assert next(pieces, None) is None
    for index, paragraph in enumerate(paragraphs):
        assert " ".join(p.text for p in passages if p.paragraph == index) == paragraph
    ids = [p.id for p in passages]
    assert len(set(ids)) == len(ids)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_parsed_text_attributes_without_raising(text: str) -> None:
    try:
        article = parse_article(text, article_id="prop")
    except ArticleError:
        return
    for passage in attribute(article):
        assert passage.text
        if passage.speaker.kind == "narrator":
            assert passage.speaker.name is None and passage.cue is None


@given(st.text(alphabet=st.sampled_from(list('“”"‘’—–-― ,.!?AbZq\n')), max_size=80))
def test_signature_breaks_fall_inside_the_text_in_order(text: str) -> None:
    from corpus.attribution.quotes import quote_spans, signature_breaks

    breaks = signature_breaks(text, quote_spans(text))
    assert all(0 <= point <= len(text) for point in breaks)
    assert breaks == sorted(breaks)
