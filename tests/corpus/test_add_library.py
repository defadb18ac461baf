"""Adding articles to a corpus folder: names, no overwrite, duplicates, bad files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.library import AddRefused, Library, slugify, text_of_file, text_of_page
from corpus.paths import BUNDLED_CORPUS_DIR
from corpus.reader import read_article
from corpus.toml_render import toml_string

FIXTURES = Path(__file__).parent / "fixtures_html"
BUNDLED = next(BUNDLED_CORPUS_DIR.glob("*.txt"))

STORY = """+++
title = {title}
date = {date}
+++

The water commission met on Tuesday and agreed new quotas for the summer months, officials said.

“We will keep to the figures,” said Marat Dosanov, deputy minister for water resources.
"""


def story(title: str = "Water quotas agreed", date: str = "2015-04-01", body: str = "") -> str:
    text = STORY.format(title=toml_string(title), date=date)
    return text + (f"\n{body}\n" if body else "")


def files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_bundled_article_gets_the_bundled_file_name(tmp_path: Path) -> None:
    added = Library(tmp_path).add_text(text_of_file(BUNDLED))
    assert added.path == tmp_path / BUNDLED.name
    assert files(tmp_path) == [BUNDLED.name]


def test_plain_text_keeps_its_body_and_gains_front_matter(tmp_path: Path) -> None:
    added = Library(tmp_path).add_text(text_of_file(BUNDLED))
    saved = added.path.read_text(encoding="utf-8")
    assert saved.startswith('+++\ntitle = "Kazakstan\'s Balancing Act Over Ukraine Ties"\n')
    assert "date = 2014-06-26\n" in saved
    # the text below the front matter is the file exactly as given
    assert saved.endswith(BUNDLED.read_text(encoding="utf-8"))
    assert read_article(added.path).model_dump(exclude={"id"}) == read_article(BUNDLED).model_dump(
        exclude={"id"}
    )


def test_existing_front_matter_is_kept_as_written(tmp_path: Path) -> None:
    source = tmp_path / "in.md"
    source.write_text(story(), encoding="utf-8")
    corpus = tmp_path / "corpus"
    added = Library(corpus).add_text(text_of_file(source))
    assert added.path == corpus / "2015-04-01-water-quotas-agreed.txt"
    assert added.path.read_text(encoding="utf-8") == story()


def test_saved_web_page_is_stored_as_text_with_front_matter(tmp_path: Path) -> None:
    added = Library(tmp_path).add_text(text_of_file(FIXTURES / "river-deal.html"))
    assert added.path.name == "2015-03-12-neighbours-sign-deal-to-share-syr-river-water.txt"
    article = read_article(added.path)
    assert article.publisher == "The Steppe Ledger"
    assert article.author == "Aigerim Tulegenova"
    assert article.url == "https://steppe-ledger.example/news/2015/03/syr-river-water-deal"
    assert "<p>" not in added.path.read_text(encoding="utf-8")


def test_same_title_and_date_never_overwrites(tmp_path: Path) -> None:
    library = Library(tmp_path)
    first = library.add_text(story())
    second = library.add_text(story(body="A later paragraph makes this a different text."))
    third = library.add_text(story(body="Yet another paragraph, yet another text."))
    assert [first.path.name, second.path.name, third.path.name] == [
        "2015-04-01-water-quotas-agreed.txt",
        "2015-04-01-water-quotas-agreed-2.txt",
        "2015-04-01-water-quotas-agreed-3.txt",
    ]
    assert first.path.read_text(encoding="utf-8") == story()


def test_a_stem_taken_by_a_web_page_counts_as_taken(tmp_path: Path) -> None:
    # article ids are file stems, so x.html and x.txt would be two articles with one id
    (tmp_path / "2015-04-01-water-quotas-agreed.html").write_text("<p>old</p>", encoding="utf-8")
    added = Library(tmp_path).add_text(story())
    assert added.path.name == "2015-04-01-water-quotas-agreed-2.txt"
    assert added.article.id == "2015-04-01-water-quotas-agreed-2"


def test_duplicate_body_is_refused_naming_the_file_that_has_it(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path / "kept-under-another-name.txt")
    library = Library(tmp_path)
    with pytest.raises(AddRefused, match=r"already in the corpus as kept-under-another-name\.txt"):
        library.add_text(text_of_file(BUNDLED))
    # another title and date over the same body is still the same article
    added = library.add_text(story())
    with pytest.raises(AddRefused, match=rf"already in the corpus as {added.path.name}"):
        library.add_text(story(title="Quotas: a new headline", date="2016-01-01"))
    assert files(tmp_path) == ["2015-04-01-water-quotas-agreed.txt", "kept-under-another-name.txt"]


def test_duplicate_of_a_web_page_already_in_the_corpus_is_refused(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "river-deal.html", tmp_path / "river.html")
    with pytest.raises(AddRefused, match=r"already in the corpus as river\.html"):
        Library(tmp_path).add_text(text_of_file(FIXTURES / "river-deal.html"))


def test_article_without_date_has_no_date_prefix(tmp_path: Path) -> None:
    text = '+++\ntitle = "Undated"\n+++\n\n' + "A body paragraph that says enough. " * 3
    assert Library(tmp_path).add_text(text).path.name == "undated.txt"


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("../../etc/passwd", "2015-04-01-etc-passwd.txt"),
        ("..", "2015-04-01-article-"),
        ("/absolute/path\\windows\x00", "2015-04-01-absolute-path-windows.txt"),
        ('say "no"\n', "2015-04-01-say-no.txt"),
        ("CON: <>|?*", "2015-04-01-con.txt"),
        ("Фермеры ждут воду", "2015-04-01-fermery-zhdut-vodu.txt"),
        ("Қазақстан мен Ресей", "2015-04-01-qazaqstan-men-resei.txt"),
        ("Café déjà vu – naïve “quotes”", "2015-04-01-cafe-deja-vu-naive-quotes.txt"),
        ("北京 \U0001f30a", "2015-04-01-article-"),
    ],
)
def test_odd_titles_make_safe_names_inside_the_corpus(
    tmp_path: Path, title: str, name: str
) -> None:
    corpus = tmp_path / "corpus"
    added = Library(corpus).add_text(story(title=title))
    assert added.path.parent == corpus
    assert added.path.name.startswith(name.removesuffix(".txt"))
    assert added.path.suffix == ".txt"
    assert files(tmp_path) == ["corpus"]
    assert read_article(added.path).title == " ".join(title.split())


def test_long_title_is_cut_at_a_word(tmp_path: Path) -> None:
    title = "A very long headline " * 10
    added = Library(tmp_path).add_text(story(title=title))
    stem = added.path.stem.removeprefix("2015-04-01-")
    assert len(stem) <= 80
    assert title.lower().replace(" ", "-").startswith(stem + "-")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_slug_is_only_lowercase_letters_digits_and_single_hyphens(title: str) -> None:
    slug = slugify(title)
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert len(slug) <= 80


BAD_FILES = [
    ("empty.txt", b"", "the file is empty"),
    ("blank.md", b"  \n\n \t\n", "the file is empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("undecodable.txt", b"Title\n\nBody caf\x81\x8d\x90 text", "neither UTF-8 nor Windows-1252"),
    ("page.html", b"<html>\x00\x00\x00</html>", "binary file"),
    ("menu.html", (FIXTURES / "links-only.html").read_bytes(), "no article text"),
    ("broken.txt", b"+++\ntitle = \n+++\nBody text here.", "not valid TOML"),
    ("title-only.txt", b"Just a headline\n", "no article text after the title"),
    ("story.pdf", b"%PDF-1.4", r"\.pdf files are not articles"),
    ("README", b"text", "files without a suffix are not articles"),
    ("missing.txt", None, "no such file"),
]


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_files_are_refused_with_the_reason(
    tmp_path: Path, name: str, data: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(AddRefused, match=reason):
        Library(tmp_path / "corpus").add_text(text_of_file(path))
    assert not (tmp_path / "corpus").exists()


def test_a_folder_is_not_an_article(tmp_path: Path) -> None:
    (tmp_path / "dir.txt").mkdir()
    with pytest.raises(AddRefused, match="not a file"):
        text_of_file(tmp_path / "dir.txt")


def test_windows_1252_text_is_read_like_the_corpus_reads_it(tmp_path: Path) -> None:
    source = tmp_path / "old.txt"
    source.write_bytes(story(title="Caf\xe9 owners protest").encode("cp1252"))
    added = Library(tmp_path / "corpus").add_text(text_of_file(source))
    assert read_article(added.path).title == "Café owners protest"


def test_fetched_plain_text_records_its_url(tmp_path: Path) -> None:
    text = "Quotas agreed\n\n" + "The commission agreed new summer water quotas on Tuesday. " * 2
    added = Library(tmp_path).add_text(
        text_of_page(text, kind="text", url="https://news.example/q.txt")
    )
    article = read_article(added.path)
    assert article.url == "https://news.example/q.txt"
    assert article.title == "Quotas agreed"


def test_write_leaves_no_temporary_file_and_is_readable_by_others(tmp_path: Path) -> None:
    added = Library(tmp_path).add_text(story())
    assert files(tmp_path) == [added.path.name]
    old = os.umask(0o022)
    try:
        other = Library(tmp_path).add_text(story(body="Different."))
    finally:
        os.umask(old)
    assert other.path.stat().st_mode & 0o777 == 0o644


def test_added_article_reports_its_metadata(tmp_path: Path) -> None:
    added = Library(tmp_path).add_text(story())
    assert added.article.id == added.path.stem
    assert added.article.date == dt.date(2015, 4, 1)
    assert added.article.title == "Water quotas agreed"


def test_a_file_edited_after_the_first_look_is_seen_as_it_is_now(tmp_path: Path) -> None:
    library = Library(tmp_path)
    first = library.add_text(story())
    first.path.write_text(story(body="An editor added this paragraph."), encoding="utf-8")
    # the old body is no longer in the corpus, so it may be added again
    again = library.add_text(story())
    assert again.path.name == "2015-04-01-water-quotas-agreed-2.txt"
    first.path.unlink()
    with pytest.raises(AddRefused, match=again.path.name):
        library.add_text(story())


def test_simultaneous_adds_of_one_article_save_it_once(tmp_path: Path) -> None:
    # separate Library objects stand for separate `whosaid add` processes
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def add_one() -> None:
        library = Library(tmp_path)
        barrier.wait()
        try:
            outcomes.append(library.add_text(story()).path.name)
        except AddRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=add_one) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["2015-04-01-water-quotas-agreed.txt"] + ["refused"] * 3
    assert files(tmp_path) == ["2015-04-01-water-quotas-agreed.txt"]
