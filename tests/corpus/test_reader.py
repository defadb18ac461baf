"""Reading article files: metadata, clean paragraphs, encodings, and clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from corpus.reader import ArticleError, parse_article, parse_date, read_article
from tests.corpus.golden import FIXTURES

BUNDLED = BUNDLED_CORPUS_DIR / "2014-06-26-kazakstans-balancing-act-over-ukraine-ties.txt"


def test_the_bundled_article_metadata() -> None:
    article = read_article(BUNDLED)
    assert article.id == BUNDLED.stem
    assert article.title == "Kazakstan's Balancing Act Over Ukraine Ties"
    assert article.subtitle == (
        "Government aims to strengthen links with Kiev while avoiding alienating strategic "
        "partner Moscow."
    )
    assert article.date == dt.date(2014, 6, 26)
    assert (article.author, article.publisher) == ("Saule Mukhametrakhimova", "IWPR")
    assert article.tags == ["Ukraine", "Russia", "Kazakstan"]
    assert article.url is None


def test_the_bundled_article_body_is_the_38_paragraphs_and_nothing_else() -> None:
    paragraphs = read_article(BUNDLED).paragraphs
    assert len(paragraphs) == 38
    assert paragraphs[0].startswith("Kazakstan is taking steps to build")
    assert paragraphs[-1].startswith("“Some express provocative views")
    # the repeated title/subtitle block and the date line count once, as metadata
    assert not any("Balancing Act" in p or p.startswith("Thursday") for p in paragraphs)
    assert paragraphs[14].endswith("Now it is even less able to,” Svoik said.")


def test_front_matter_sets_the_metadata() -> None:
    article = read_article(FIXTURES / "almaty-water-tariffs.txt")
    assert article.title == "Almaty Water Tariffs to Rise 12.5 Per Cent"
    assert article.subtitle == "Households face the first increase in six years."
    assert article.date == dt.date(2023, 3, 14)
    assert (article.author, article.publisher) == ("Dana Akhmetova", "Steppe Daily")
    assert article.url == "https://example.org/2023/03/almaty-water-tariffs"
    assert article.tags == ["Kazakhstan", "utilities"]
    assert article.paragraphs[0].startswith("Almaty’s water utility will raise")


def test_front_matter_overrides_what_the_scrape_says() -> None:
    text = (
        '+++\ntitle = "A Better Title"\ndate = 2020-01-02\npublisher = "Other Outlet"\n+++\n\n'
        + BUNDLED.read_text(encoding="utf-8")
    )
    article = parse_article(text, article_id="x")
    assert (article.title, article.date, article.publisher) == (
        "A Better Title",
        dt.date(2020, 1, 2),
        "Other Outlet",
    )
    assert article.author == "Saule Mukhametrakhimova"  # not overridden: the footer still counts
    # the scraped heading block is still recognised and skipped
    assert article.subtitle is not None and article.subtitle.startswith("Government aims")
    assert article.paragraphs == read_article(BUNDLED).paragraphs


def test_a_scraped_header_with_a_byline() -> None:
    text = "Floods Hit Almaty\n\nBy Dana Akhmetova\n\nJune 3, 2024\n\nRivers burst their banks.\n"
    article = parse_article(text, article_id="floods")
    assert (article.title, article.author, article.date) == (
        "Floods Hit Almaty",
        "Dana Akhmetova",
        dt.date(2024, 6, 3),
    )
    assert article.paragraphs == ["Rivers burst their banks."]


def test_windows_line_endings_cp1252_and_a_bom(tmp_path: Path) -> None:
    text = "Title\r\n\r\n\u201cWe will pay,\u201d said Ivan Petrov, a trader.\r\n"
    cp1252 = tmp_path / "cp.txt"
    cp1252.write_bytes(text.encode("cp1252"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    for path in (cp1252, bom):
        article = read_article(path)
        assert article.title == "Title"
        assert article.paragraphs == ["“We will pay,” said Ivan Petrov, a trader."]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = "Title\n\nFirst line of a paragraph\ncontinues here.\n\nSecond paragraph.\n\nThird.\n"
    article = parse_article(text, article_id="wrapped")
    assert article.paragraphs == [
        "First line of a paragraph continues here.",
        "Second paragraph.",
        "Third.",
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"  \n\n \t\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"Only A Title\n", "no article text after the title"),
        (b'+++\ntitle = "x\n+++\nBody text here.\n', "not valid TOML"),
        (b'+++\ntitle = "x"\nBody text here.\n', "never closed"),
        (b'+++\ndate = "yesterday"\n+++\nTitle\n\nBody.\n', "must be a date"),
    ],
)
def test_bad_files_are_rejected_naming_the_file(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad-article.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError) as caught:
        read_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    for path, reason in ((tmp_path / "nope.txt", "no such file"), (tmp_path, "is a folder")):
        with pytest.raises(ArticleError, match=reason):
            read_article(path)


def test_a_web_page_without_article_text_is_an_article_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ArticleError) as caught:
        read_article(page)
    assert str(caught.value).startswith(f"{page}: ")


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("Thursday, 26 June, 2014", dt.date(2014, 6, 26)),
        ("26 June 2014", dt.date(2014, 6, 26)),
        ("June 26, 2014", dt.date(2014, 6, 26)),
        ("Sept. 3, 2021", dt.date(2021, 9, 3)),
        ("2014-06-26", dt.date(2014, 6, 26)),
        ("31 February 2014", None),
        ("June is a month", None),
    ],
)
def test_date_lines(line: str, date: dt.date | None) -> None:
    assert parse_date(line) == date


def test_a_scraped_fixture_with_a_closing_author_line() -> None:
    article = read_article(FIXTURES / "bishkek-border-traders.txt")
    assert article.title == "Bishkek Traders Count Cost of Border Closure"
    assert article.subtitle == (
        "Kyrgyz market sellers say they are losing customers as queues grow at the Kazakh frontier."
    )
    assert (article.date, article.author, article.publisher) == (
        dt.date(2023, 9, 4),
        "Asel Omurbekova",
        None,
    )
    assert article.paragraphs[-1].startswith("Kazakh officials say")
