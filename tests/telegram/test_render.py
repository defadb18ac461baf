"""Telegram HTML as Telegram parses it: all text escaped, every message fits, matches bold."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.telegram import keyboards, render
from corpus.models import Hit, Passage, Source, Speaker
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from tests.telegram.fake_bot_api import check_text, utf16_len

SOURCE = Source(
    title="Kazakstan's Balancing Act Over Ukraine Ties",
    publisher="IWPR",
    date=dt.date(2014, 6, 26),
    url="https://iwpr.net/global-voices/kazakstans-balancing-act-over-ukraine-ties",
)
GRISHIN = Speaker(
    name="Andrei Grishin",
    role="a member of staff with the Kazakstan International Bureau of Human Rights",
    kind="person",
)
TEXT = "“But those who picket the Russian embassy get detained.”"


def hit(text: str = TEXT, *, rank: int = 1, speaker: Speaker = GRISHIN, source: Source = SOURCE,
        matched: list[str] | None = None, paragraph: int = 3) -> Hit:  # fmt: skip
    passage = Passage(
        id=f"a:{paragraph}:{rank}",
        article_id="a",
        paragraph=paragraph,
        text=text,
        speaker=speaker,
        source=source,
    )
    return Hit(rank=rank, score=1.0, passage=passage, matched=matched or [])


def result(*hits: Hit, total: int | None = None, offset: int = 0) -> SearchResult:
    return SearchResult(
        query="q", took_ms=1.0, hits=list(hits), total=total or len(hits), offset=offset
    )


def test_an_answer_reads_who_what_where() -> None:
    html = render.answer(
        result(hit(matched=["picket", "embassi"]), total=9), question="picket embassy"
    )
    plain = check_text(html, "HTML")
    assert plain.splitlines() == [
        "🔎 picket embassy · 1 of 9",
        "",
        "1. Andrei Grishin, a member of staff with the Kazakstan International Bureau of Human "
        "Rights",
        TEXT,
        "Kazakstan's Balancing Act Over Ukraine Ties · IWPR · 26 June 2014",
    ]
    assert "those who <b>picket</b> the Russian <b>embassy</b> get" in html
    assert '<a href="https://iwpr.net/global-voices/kazakstans-balancing-act' in html


def test_a_source_without_url_has_no_link_and_odd_urls_are_not_linked() -> None:
    assert "<a " not in render.source_line(SOURCE.model_copy(update={"url": None}))
    assert "<a " not in render.source_line(SOURCE.model_copy(update={"url": "javascript:x"}))


def test_speakers_without_a_name_say_so() -> None:
    narrator = render.answer(result(hit(speaker=Speaker(kind="narrator"))), question="q")
    assert "<b>1. The article's own narration</b>\n" in narrator
    experts = render.answer(
        result(hit(speaker=Speaker(name="experts", kind="unnamed"))), question="q"
    )
    assert "<b>1. Unnamed experts</b>" in experts


printable = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1
)


@settings(max_examples=60, deadline=None)
@given(text=printable, name=printable, role=printable, title=printable, question=printable)
def test_any_text_is_escaped_and_survives_telegram(
    text: str, name: str, role: str, title: str, question: str
) -> None:
    speaker = Speaker(name=name, role=role, kind="person")
    source = Source(title=title, publisher="<b>&", url='https://x.org/?a=<1>&b="2"')
    html = render.answer(
        result(hit(text, speaker=speaker, source=source, matched=["a"])), question=question
    )
    plain = check_text(html, "HTML")  # raises where Telegram would answer 400
    assert " ".join(text.split()) in " ".join(plain.split())
    label = speaker.label[:1].upper() + speaker.label[1:]
    assert " ".join(label.split()) in " ".join(plain.split())


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=9000), min_size=1, max_size=8),
    wide=st.booleans(),
)
def test_every_answer_fits_in_one_message(sizes: list[int], wide: bool) -> None:
    # Emoji count twice in Telegram's UTF-16 limit; escaped "&" three times more in the HTML.
    unit = "🙂 & " if wide else "word "
    hits = [
        hit((unit * (size // len(unit) + 1))[:size] + " embassy", rank=i + 1, matched=["embassi"])
        for i, size in enumerate(sizes)
    ]
    html = render.answer(result(*hits, total=len(hits) + 5), question="embassy " * 200)
    plain = check_text(html, "HTML")
    assert utf16_len(plain) <= 4096
    assert "1. Andrei Grishin" in plain and "26 June 2014" in plain


def test_a_long_passage_is_trimmed_around_its_highlighted_words() -> None:
    long = "Filler words about other things. " * 300 + "Those who picket get detained. " + "x " * 50
    html = render.answer(
        result(hit(long, matched=["picket"]), hit(TEXT, rank=2, matched=["picket"])),
        question="picket",
    )
    assert len(html) < 4096
    assert "<b>picket</b> get detained" in html  # the match survived the cut
    assert "…" in check_text(html, "HTML")
    assert "2. Andrei Grishin" in html  # the other hit was kept


def test_long_questions_are_cut_at_a_word() -> None:
    question, cut = render.cut_question("why " * 200)
    assert cut and len(question) <= render.QUESTION_LIMIT and question.endswith("why")
    assert render.cut_question("  short   question ") == ("short question", False)


def test_lists_split_into_messages_on_line_boundaries() -> None:
    speakers = [
        SpeakerSummary(
            name=f"Person <{i}>", role="analyst & critic", kind="person", passages=i, articles=["a"]
        )
        for i in range(400)
    ]
    messages = render.speakers(speakers)
    assert len(messages) > 1
    plains = [check_text(m, "HTML") for m in messages]
    assert sum(p.count("• Person <") for p in plains) == 400
    articles = [
        ArticleSummary(id=str(i), title=f"T{i}", publisher="P", date=None, url=None, passages=1)
        for i in range(3)
    ]
    assert len(render.articles(articles)) == 1


def test_context_marks_the_passage_inside_its_paragraph() -> None:
    paragraph = "He said it plainly. " + TEXT + " Nobody disagreed."
    html = render.context(hit().passage, paragraph, ["picket"])
    assert "<u>“But those who <b>picket</b> the Russian embassy get detained.”</u>" in html
    assert check_text(html, "HTML").startswith("Andrei Grishin, a member of staff")
    huge = render.context(hit().passage, "word " * 2000, [])
    assert utf16_len(check_text(huge, "HTML")) <= 4096


def test_buttons_fit_in_64_bytes_and_read_back() -> None:
    page = result(*(hit(rank=i + 1) for i in range(50)), total=10**9, offset=10**8)
    markup = keyboards.results("zzzzzzzz", page, 50)
    assert markup is not None
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert all(isinstance(d, str) and len(d.encode()) <= 64 for d in data)
    assert keyboards.decode(data[0]) == keyboards.Press("context", "zzzzzzzz", 10**8, 0)
    assert keyboards.decode(data[-1]) == keyboards.Press("page", "zzzzzzzz", 10**8 + 50)
    for garbage in ("", "x", "p:1", "p:a:-1", "c:1:2", "c:1:2:x", None):
        assert keyboards.decode(garbage) is None


def test_the_last_page_has_back_but_no_more() -> None:
    markup = keyboards.results("1", result(hit(rank=7), total=7, offset=6), 3)
    assert markup is not None
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert labels == ["Context 7", "◀ Back"]
    back = markup.inline_keyboard[-1][0].callback_data
    assert keyboards.decode(back if isinstance(back, str) else "") == keyboards.Press(
        "page", "1", 3
    )


def test_context_of_a_whole_paragraph_shows_its_neighbours() -> None:
    before, after = "Analysts say fears show. " * 60, "Grishin recalled a dismissal. " * 60
    whole = render.context(hit().passage, TEXT, [], before=before, after=after)
    plain = check_text(whole, "HTML")
    order = [plain.index(s) for s in ("Analysts say", "those who picket", "Grishin recalled")]
    assert order == sorted(order)
    assert plain.splitlines()[2].startswith("…")  # the end of the paragraph before, cut at a word
    part = render.context(hit().passage, "He said: " + TEXT, [], before=before, after=after)
    assert "Analysts" not in part and "Grishin recalled" not in part
