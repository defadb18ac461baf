"""Saved web pages -> article text with front matter, read back by the real reader."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from corpus.html import HtmlError, decode_html, html_to_text
from corpus.reader import ArticleError, parse_article, read_article

FIXTURES = Path(__file__).parent / "fixtures_html"
RIVER = FIXTURES / "river-deal.html"


@pytest.fixture(scope="module")
def river_text() -> str:
    return html_to_text(RIVER.read_text(encoding="utf-8"))


def test_front_matter_carries_title_date_author_publisher_url(river_text: str) -> None:
    article = parse_article(river_text, article_id="river")
    assert article.title == "Neighbours Sign Deal to Share Syr River Water"
    assert (
        article.subtitle == "Farmers downstream hope the agreement ends years of summer shortages."
    )
    assert article.date == dt.date(2015, 3, 12)
    assert article.author == "Aigerim Tulegenova"
    assert article.publisher == "The Steppe Ledger"
    assert article.url == "https://steppe-ledger.example/news/2015/03/syr-river-water-deal"


def test_body_is_the_story_and_nothing_around_it(river_text: str) -> None:
    article = parse_article(river_text, article_id="river")
    assert len(article.paragraphs) == 7
    assert article.paragraphs[0].startswith("Two neighbouring governments signed an agreement")
    assert article.paragraphs[-1].startswith("The foreign ministry said in a statement")
    body = "\n".join(article.paragraphs)
    assert "“This is the first time in ten years" in body
    for chrome in (
        "Subscribe",  # navigation
        "Accept all cookies",  # cookie banner
        "Related stories",  # sidebar
        "Dry summer leaves delta fields cracked",
        "Share this story",
        "My grandfather's orchard",  # readers' comments
        "All rights reserved",  # footer
        "dataLayer",  # script
    ):
        assert chrome not in body
    # the headline and standfirst live in the front matter, not again in the searched body
    assert article.title not in body
    assert article.subtitle not in body


def test_text_layout_front_matter_then_blank_line_separated_paragraphs(river_text: str) -> None:
    head, _, body = river_text.partition("\n+++\n")
    assert head.startswith("+++\n")
    assert body.startswith("\n") and body.endswith("\n")
    paragraphs = body.strip().split("\n\n")
    assert len(paragraphs) == 7
    assert all("\n" not in p and p == p.strip() for p in paragraphs)


def test_url_argument_is_used_when_the_page_names_none() -> None:
    html = RIVER.read_text(encoding="utf-8").replace(
        '<link rel="canonical" href="https://steppe-ledger.example/news/2015/03/syr-river-water-deal">',
        "",
    )
    text = html_to_text(html, url="https://mirror.example/river")
    assert parse_article(text, article_id="x").url == "https://mirror.example/river"


def test_html_file_in_the_corpus_reads_like_the_extracted_text(
    tmp_path: Path, river_text: str
) -> None:
    shutil.copy(RIVER, tmp_path / "river.html")
    from_file = read_article(tmp_path / "river.html")
    assert from_file.id == "river"
    assert from_file.model_dump(exclude={"id"}) == parse_article(
        river_text, article_id="other"
    ).model_dump(exclude={"id"})


def test_charset_declared_only_in_meta_is_honoured() -> None:
    data = (FIXTURES / "farmers-cp1251.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = parse_article(html_to_text(decode_html(data)), article_id="farmers")
    assert article.title == "Фермеры ждут воду"
    assert article.publisher == "Степной вестник"
    assert article.date is None
    assert "сказала Гульнара Сеитова" in article.paragraphs[1]


def test_header_charset_beats_meta_and_unknown_charsets_fall_back() -> None:
    page = "<meta charset='windows-1251'><p>Привет</p>".encode()
    assert "Привет" in decode_html(page, "utf-8")
    assert "Привет" in decode_html(page.replace(b"windows-1251", b"no-such-codec"))
    assert decode_html(b"\xef\xbb\xbf<p>bom</p>") == "<p>bom</p>"


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        "<html></html>",
        "<html><body><script>var story = 'not here';</script></body></html>",
        (FIXTURES / "links-only.html").read_text(encoding="utf-8"),
    ],
    ids=["empty", "blank", "no-body", "script-only", "links-only"],
)
def test_page_without_article_text_is_refused(html: str) -> None:
    with pytest.raises(HtmlError, match="no article text"):
        html_to_text(html)


def test_pageless_html_file_in_corpus_is_an_article_error_naming_it(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "links-only.html", tmp_path / "menu.htm")
    with pytest.raises(ArticleError, match=r"menu\.htm.*no article text"):
        read_article(tmp_path / "menu.htm")


def test_control_characters_in_the_page_do_not_reach_the_text() -> None:
    html = RIVER.read_text(encoding="utf-8").replace("Two neighbouring", "Two\x07 neigh\x1bbouring")
    text = html_to_text(html)
    assert "\x07" not in text and "\x1b" not in text
    assert "Two neighbouring governments" in text


def test_title_with_quotes_and_backslashes_survives_the_front_matter() -> None:
    title = 'Minister: "We\\They" \U0001f30a talks'
    html = RIVER.read_text(encoding="utf-8").replace(
        "Neighbours Sign Deal to Share Syr River Water", title.replace('"', "&quot;")
    )
    assert parse_article(html_to_text(html), article_id="x").title == title


def test_trafilatura_is_imported_only_when_a_page_is_converted() -> None:
    import subprocess
    import sys

    code = "import sys, corpus.library; print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_binary_file_named_html_in_the_corpus_is_an_article_error(tmp_path: Path) -> None:
    (tmp_path / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(ArticleError, match=r"photo\.html: this is a binary file"):
        read_article(tmp_path / "photo.html")


def test_saved_page_in_its_own_charset_reads_right_from_the_corpus(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "farmers-cp1251.html", tmp_path / "farmers.html")
    article = read_article(tmp_path / "farmers.html")
    assert article.title == "Фермеры ждут воду"
    assert article.paragraphs[0].startswith("Фермеры в низовьях реки")
