"""Property tests over the reader, the attributor, the tokenizer, the searcher and the Telegram
formatter: whatever the text, no exception escapes, and every message the formatter writes is
HTML Telegram accepts (checked by the fake Bot API's parser) and fits in 4096 characters."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.telegram import render
from corpus.attribution import attribute
from corpus.models import Hit, Passage, Source, Speaker
from corpus.reader import ArticleError, parse_article, read_article
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from index.search import Searcher
from index.tokenize import spans, tokenize
from tests.telegram.fake_bot_api import check_text, utf16_len

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any text a UTF-8 file or a Telegram update can carry (no lone surrogates).
chars = st.characters(exclude_categories=("Cs",))
anything = st.text(chars, max_size=200)
# News-shaped text reaches far more of the attribution rules than random characters do.
FRAGMENTS = [
    "“", "”", '"', "'", "‘", "’", ",", ".", ":", ";", " — ", "\n", "\n\n", " ", "+++\n",
    'title = "x"\n', "said", "told IWPR", "according to", "Pyotr Svoik", "Svoik", "he", "she",
    "an Almaty-based analyst", "the foreign ministry", "Experts say", "wrote on Facebook",
    "Kazakstan", "Thursday, 26 June, 2014", "Dr.", "U.S.", "(", ")", "<b>", "&", "*", "\x00",
    "\u202e", "🇰🇿", "A" * 50, "Mr. Smith noted that",
]  # fmt: skip
newsy = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(chars, max_size=12)), max_size=80)
# Whole articles in the shapes the attributor reads, with fuzzed names, roles and words in them.
TEMPLATES = [
    "“{a},” said {n}, {r}.", "“{a},” {n} said.", "{n} said {a}.", "According to {n}, {a}.",
    "{n} told IWPR that {a}.", "{n}, {r}, said: “{a}", "Experts say {a}.", "“{a}", "{a}”",
    "The foreign ministry said {a}.", "He said {a}.", "She added, “{a}.”", "{a}.", "{n} wrote: {a}",
    "“{a}?” asked {n}.", "‘{a},’ {n} recalled.", "{a} — {n}.",
]  # fmt: skip
names = st.one_of(
    st.sampled_from(["Pyotr Svoik", "Svoik", "Aigerim Bekova", "Dr. Ivanov", "the embassy"]),
    st.text(chars, min_size=1, max_size=20),
)
words = st.one_of(st.sampled_from(["the talks would resume", "prices rose", ""]), anything)
sentences = st.builds(
    lambda template, a, n, r: template.format(a=a, n=n, r=r),
    st.sampled_from(TEMPLATES),
    words,
    names,
    st.one_of(st.just("an Almaty-based analyst"), anything),
)
paragraphs = st.lists(sentences, min_size=1, max_size=4).map(" ".join)
articles = st.builds(
    lambda head, title, body: head + title + "\n\n" + "\n\n".join(body),
    st.sampled_from(["", '+++\ntitle = "Fuzz"\ndate = 2014-06-26\n+++\n', "+++\nbroken\n"]),
    st.one_of(st.just("A Title"), anything),
    st.lists(paragraphs, min_size=1, max_size=8),
)
article_text = st.one_of(anything, newsy.map("".join), articles, articles)


@FUZZ
@given(text=article_text)
def test_reading_and_attributing_any_text_never_fails(text: str) -> None:
    try:
        article = parse_article(text, article_id="fuzz")
    except ArticleError:
        return
    passages = attribute(article)
    assert len({p.id for p in passages}) == len(passages)
    for passage in passages:
        assert 0 <= passage.paragraph < len(article.paragraphs)
        assert passage.text.strip()
        assert " ".join(passage.text.split()) in " ".join(
            article.paragraphs[passage.paragraph].split()
        )
        assert passage.speaker.label


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=600), article_text.map(lambda t: t.encode("utf-8"))),
    suffix=st.sampled_from([".txt", ".md", ".html", ".htm"]),
)
def test_reading_any_file_is_an_article_or_one_named_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzzed{suffix}"
        path.write_bytes(data)
        try:
            article = read_article(path)
        except ArticleError as error:
            assert path.name in str(error) and "\n" not in str(error).strip()
            return
        assert article.id == "fuzzed" and article.paragraphs
        attribute(article)


@FUZZ
@given(text=st.one_of(anything, newsy.map("".join)))
def test_tokenizing_any_text_gives_clean_terms_at_real_places(text: str) -> None:
    terms = tokenize(text)
    assert terms == tokenize(text)
    assert all(term and not any(c.isspace() for c in term) for term in terms)
    for start, end, term in spans(text):
        assert 0 <= start < end <= len(text)
        assert term in tokenize(text[start:end])


@pytest.fixture(scope="module")
def searcher(built_index: Path) -> Searcher:
    return Searcher.open(built_index)


@FUZZ
@given(
    query=st.one_of(anything, newsy.map("".join)), k=st.integers(1, 20), offset=st.integers(0, 60)
)
def test_searching_any_question_never_fails(
    searcher: Searcher, query: str, k: int, offset: int
) -> None:
    result = searcher.search(query, k, offset=offset)
    assert len(result.hits) <= k
    assert [h.rank for h in result.hits] == list(range(offset + 1, offset + 1 + len(result.hits)))
    searcher.resolve_speaker(query)


# --- the Telegram formatter ----------------------------------------------------------------

long_text = st.one_of(anything, st.text(chars, min_size=1000, max_size=3000), newsy.map("".join))
optional = st.one_of(st.none(), anything)
urls = st.one_of(
    st.none(),
    anything,
    st.sampled_from(
        [
            "https://example.org/a?b=1&c=<2>\"'",
            "javascript:alert(1)",
            "https://",
            "http://x/" + "y" * 5000,
            "https://exa mple.org/\n<b>",
        ]
    ),
)
dates = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
sources = st.builds(
    Source, title=anything, publisher=optional, author=optional, date=dates, url=urls
)
speakers = st.builds(
    Speaker,
    name=optional,
    role=optional,
    kind=st.sampled_from(["person", "organisation", "unnamed", "narrator", "unknown"]),
)
matched = st.lists(st.one_of(st.sampled_from(["embassi", "russia", "a"]), anything), max_size=4)


@st.composite
def hits(draw: st.DrawFn, rank: int = 1) -> Hit:
    passage = Passage(
        id=f"a:{rank}:0",
        article_id="a",
        paragraph=draw(st.integers(0, 500)),
        text=draw(long_text),
        speaker=draw(speakers),
        cue=draw(optional),
        source=draw(sources),
    )
    return Hit(rank=rank, score=1.0, passage=passage, matched=draw(matched))


@st.composite
def results(draw: st.DrawFn) -> SearchResult:
    offset = draw(st.integers(0, 1000))
    count = draw(st.integers(0, 5))
    found = [draw(hits(rank=offset + n + 1)) for n in range(count)]
    corrections = draw(st.dictionaries(anything, anything, max_size=3))
    total = offset + count + draw(st.integers(0, 10**6))
    return SearchResult(
        query=draw(anything),
        took_ms=1.0,
        corrections=corrections,
        hits=found,
        total=total,
        offset=offset,
    )


def _telegram_accepts(html: str) -> None:
    plain = check_text(html, "HTML")  # raises ApiError(400) where Telegram would
    assert utf16_len(plain) <= 4096


@FUZZ
@given(result=results(), question=long_text, speaker=optional, cut=st.booleans())
def test_any_answer_page_is_valid_telegram_html_that_fits(
    result: SearchResult, question: str, speaker: str | None, cut: bool
) -> None:
    if result.hits:
        text, shown = render.fit_page(result, question=question, speaker=speaker, cut=cut)
        _telegram_accepts(text)
        assert shown.hits and len(shown.hits) <= len(result.hits)
        _telegram_accepts(render.inline_message(result.hits[0], question=question))
    _telegram_accepts(
        render.nothing_found(question=question, speaker=speaker, offset=result.offset)
    )


@FUZZ
@given(
    hit=hits(),
    paragraph=long_text,
    before=optional,
    after=st.one_of(st.none(), long_text),
    inside=st.booleans(),
)
def test_any_context_is_valid_telegram_html_that_fits(
    hit: Hit, paragraph: str, before: str | None, after: str | None, inside: bool
) -> None:
    if inside:  # the usual case: the passage is part of its paragraph
        paragraph = (
            paragraph[: len(paragraph) // 2] + hit.passage.text + paragraph[len(paragraph) // 2 :]
        )
    _telegram_accepts(
        render.context(hit.passage, paragraph, hit.matched, before=before, after=after)
    )


speaker_summaries = st.builds(
    SpeakerSummary,
    name=optional,
    role=optional,
    kind=st.sampled_from(["person", "organisation", "unnamed", "narrator", "unknown"]),
    passages=st.integers(0, 10**6),
    articles=st.lists(anything, max_size=3),
)
article_summaries = st.builds(
    ArticleSummary,
    id=anything,
    title=long_text,
    publisher=optional,
    date=dates,
    url=urls,
    passages=st.integers(0, 10**6),
)


@FUZZ
@given(
    people=st.lists(speaker_summaries, max_size=60),
    articles=st.lists(article_summaries, max_size=30),
)
def test_any_listing_is_split_into_valid_messages_that_fit(
    people: list[SpeakerSummary], articles: list[ArticleSummary]
) -> None:
    for parts in (render.speakers(people), render.articles(articles), render.about(articles)):
        assert parts
        for part in parts:
            _telegram_accepts(part)
