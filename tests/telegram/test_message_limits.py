"""Every Telegram message built from any article fits 4,096 UTF-16 units and is valid HTML.

Hostile metadata: 100 kB titles, roles and names made of "<", "&", emoji (two UTF-16 units each)
and right-to-left text, through the real renderers of answers, Context, inline results,
/articles, /speakers, /about and /who. Built twice: through the models (the metadata caps
apply) and around them (`model_construct`, as an index written before the caps gives them back),
because the message limit must not depend on the caps alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.telegram import render
from corpus.models import TITLE_MAX, Hit, Passage, Source, Speaker
from index.build import build_index
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from tests.telegram.conftest import make_settings
from tests.telegram.fake_bot_api import FakeBotAPI, check_text, utf16_len

_PIECES = ["<", "&", "&amp;", "🙂", "👨‍👩‍👧", "مرحبا", "שלום", "\u202e", " ", "word ", "<b>", "\n"]


# A short hostile piece repeated to anything up to 100 kB: big values without hypothesis
# having to invent 100,000 characters one by one.
def _repeated(sizes: list[int]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda piece, size: (piece * (size // max(1, len(piece)) + 1))[:size] or "x",
        st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8).map("".join),
        st.sampled_from(sizes),
    )


huge = _repeated([1, 50, 300, 4097, 20_000, 100_000])
# Passages are paragraphs: long ones exist (a pasted page), 100 kB ones make the test slow only.
long_text = _repeated([1, 50, 300, 4097, 20_000])
maybe_huge = st.one_of(st.none(), huge)
urls = st.one_of(st.none(), huge.map(lambda s: "https://example.org/" + s.replace(" ", "")))
KINDS = st.sampled_from(["person", "organisation", "unnamed", "narrator", "unknown"])
FITS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _model(cls: type, validated: bool, **values: object) -> object:
    return cls(**values) if validated else cls.model_construct(**values)  # type: ignore[attr-defined]


@st.composite
def hits(draw: st.DrawFn, rank: int = 1, validated: bool = True) -> Hit:
    speaker = _model(
        Speaker, validated, name=draw(maybe_huge), role=draw(maybe_huge), kind=draw(KINDS)
    )
    source = _model(
        Source,
        validated,
        title=draw(huge),
        publisher=draw(maybe_huge),
        author=draw(maybe_huge),
        date=dt.date(2024, 3, 2),
        url=draw(urls),
    )
    passage = _model(
        Passage,
        validated,
        id=f"a:{rank}:0",
        article_id="a",
        paragraph=draw(st.integers(0, 3)),
        text=draw(long_text),
        speaker=speaker,
        cue=draw(maybe_huge),
        source=source,
    )
    return Hit.model_construct(rank=rank, score=1.0, passage=passage, matched=["word", "<"])


def _fits(html: str) -> None:
    plain = check_text(html, "HTML")  # raises where Telegram would answer 400
    assert utf16_len(plain) <= 4096


@FITS
@given(data=st.data(), validated=st.booleans(), count=st.integers(1, 5), speaker=maybe_huge)
def test_answers_context_and_inline_results_fit(
    data: st.DataObject, validated: bool, count: int, speaker: str | None
) -> None:
    found = [data.draw(hits(rank=n + 1, validated=validated)) for n in range(count)]
    result = SearchResult(query="q", took_ms=1.0, hits=found, total=count + 3)
    question = data.draw(huge)
    text, shown = render.fit_page(result, question=question, speaker=speaker)
    _fits(text)
    assert shown.hits
    # /who NAME: the same page, headed by the speaker's name.
    _fits(render.fit_page(result, question="", speaker=speaker or "x")[0])
    _fits(render.nothing_found(question=question, speaker=speaker))
    for hit in found:
        passage = hit.passage
        paragraph = data.draw(huge) + passage.text + data.draw(huge)
        _fits(render.context(passage, paragraph, hit.matched))
        _fits(render.context(passage, passage.text, hit.matched, before=question, after=question))
        _fits(render.inline_message(hit, question=question))
        assert 0 < len(render.inline_title(hit)) <= render.INLINE_TITLE_MAX
        assert len(render.inline_description(hit)) <= render.INLINE_DESCRIPTION_MAX


@FITS
@given(
    titles=st.lists(huge, min_size=1, max_size=6),
    names=st.lists(st.tuples(maybe_huge, maybe_huge, KINDS), max_size=6),
    publisher=maybe_huge,
    url=urls,
)
def test_listings_and_about_fit(
    titles: list[str],
    names: list[tuple[str | None, str | None, str]],
    publisher: str | None,
    url: str | None,
) -> None:
    articles = [
        ArticleSummary(id=f"a{n}", title=t, publisher=publisher, date=None, url=url, passages=n)
        for n, t in enumerate(titles)
    ]
    people = [
        SpeakerSummary(name=name, role=role, kind=kind, passages=1, articles=["a0"])  # type: ignore[arg-type]
        for name, role, kind in names
    ]
    for parts in (render.articles(articles), render.about(articles), render.speakers(people)):
        assert parts
        for part in parts:
            _fits(part)


def test_a_100_kb_title_is_capped_at_a_word_in_the_model() -> None:
    title = "Water tariffs rise again " * 4000
    source = Source(title=title)
    kept = source.title.removesuffix("…")
    assert len(source.title) <= TITLE_MAX and kept != source.title
    assert title.startswith(kept) and title[len(kept)] == " "  # cut at a word
    assert Source(title=source.title).title == source.title  # capping twice changes nothing


HUGE_TITLE = "Tariffs <b>&amp; 🙂 مرحبا " * 4000  # 100 kB of markup, emoji and right-to-left text
HUGE_ROLE = "a <pensioner> & activist 🙂 " * 800
ARTICLE = f'''+++
title = "{HUGE_TITLE}"
publisher = "{"Example & <News> " * 2000}"
url = "https://example.org/{"x" * 5000}"
date = 2024-03-02
+++
Water tariffs in Almaty will rise by a fifth from April, the city administration said.

"Nobody warned us about the water tariffs," said Aigul Nurova, {HUGE_ROLE}from Bostandyk.
'''
OTHER = [
    "Bus fares in Astana stay the same this year, the transport department said.",
    "Wheat exports rose in the spring as prices on world markets recovered.",
    "A new bridge over the Ishim river opened to traffic on Monday.",
]


async def test_context_and_inline_answers_on_a_hostile_article_reach_the_user(
    tmp_path: Path, api: FakeBotAPI, launch: Any
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(ARTICLE, encoding="utf-8")
    for n, text in enumerate(OTHER):
        (corpus / f"other-{n}.txt").write_text(f"Other news {n}\n\n{text}\n", encoding="utf-8")
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    running = await launch(settings=make_settings(api, index_dir, corpus_dir=corpus))
    assert running.api is api

    api.send_text(42, "Who warned about water tariffs?")
    sent = await api.message(42)
    assert "Aigul Nurova" in sent.plain and "Sorry" not in sent.plain
    api.press(sent, "Context 1")
    edit = await api.expect("editMessageText", chat_id=42)
    assert "Sorry" not in sent.plain and utf16_len(sent.plain) <= 4096
    assert "Aigul Nurova" in sent.plain and "Tariffs <b>&amp; 🙂" in sent.plain
    assert "…" in sent.plain  # the title was cut, not sent whole
    assert edit.ok

    query = api.inline_query(7, "water tariffs")
    answered = await api.expect("answerInlineQuery", inline_query_id=query)
    assert answered.params["results"]
    assert not [c for c in api.calls if not c.ok], [(c.method, c.error) for c in api.calls]
