"""Article files -> Article: metadata from the header, footer and front matter; clean paragraphs.

Scraped plain text looks like this (the bundled article): the title and subtitle, repeated; a
date line; the body paragraphs; a closing line naming the author ("Saule Mukhametrakhimova is
IWPR Central Asia editor in London."); a tag line; site chrome. Optional TOML front matter
between `+++` lines at the top sets or overrides title, subtitle, date, author, publisher, url
and tags. When the front matter names the title, the body starts right after it (a heading
that repeats the title or subtitle is skipped).
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from corpus.charset import damaged_utf8, detect
from corpus.clean import clean_paragraph, is_chrome, normalize_text
from corpus.frontmatter import FrontMatter, FrontMatterError, split_front_matter
from corpus.models import Article
from corpus.paths import file_kind, shown_name

_HTML_SUFFIXES = (".html", ".htm")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE_PATTERNS = [
    re.compile(
        rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})$", re.I
    ),
    re.compile(
        rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})$", re.I
    ),
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$"),
]
_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})$")
# "Saule Mukhametrakhimova is IWPR Central Asia editor in London."
_AUTHOR_LINE = re.compile(
    r"^(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s+is\s+(?:an?\s+|the\s+)?(?P<desc>[^.]{3,120})\.$"
)
_AUTHOR_JOBS = re.compile(
    r"\b(?:editor|correspondent|reporter|journalist|writer|contributor|producer|fellow|"
    r"trainer|freelancer?|columnist|stringer)\b",
    re.I,
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z/&]{1,7}\b")
# "Ukraine, Russia, Kazakstan": short capitalised items, commas, no sentence punctuation.
_TAG_LINE = re.compile(r"^(?:Tags?:\s*)?[A-Z][\w'’ -]{0,40}(?:,\s*[A-Z][\w'’ -]{0,40})+$")


class ArticleError(ValueError):
    """An article file that cannot be read; str() names the file and says why, in one line."""

    def __init__(self, source: str | Path, reason: str) -> None:
        shown = shown_name(source)  # printable even when the name is not UTF-8
        super().__init__(f"{shown}: {reason}")
        self.source = shown
        self.reason = reason


@dataclass
class _Meta:
    title: str | None = None
    subtitle: str | None = None
    date: dt.date | None = None
    author: str | None = None
    publisher: str | None = None
    tags: list[str] = field(default_factory=list)


def parse_date(line: str) -> dt.date | None:
    """A date line such as 'Thursday, 26 June, 2014', 'June 26, 2014' or '2014-06-26'."""
    text = line.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day")))
        except ValueError:
            return None
    return None


def _blocks(body: str) -> list[list[str]]:
    """Blank-line separated blocks of non-chrome lines; without blank lines, a line per block."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in body.split("\n"):
        line = raw.strip()
        if not line:
            if current:
                blocks.append(current)
                current = []
        elif not is_chrome(line):
            current.append(line)
    if current:
        blocks.append(current)
    if len(blocks) < 3:
        return [[line] for block in blocks for line in block]
    return blocks


def _repeated_or_dated(units: list[str], index: int) -> bool:
    """A heading line: short, and repeated or followed by a date line, as scrapes have them."""
    unit = units[index]
    upcoming = units[index + 1 : index + 5]
    return len(unit.split()) <= 40 and (
        unit in upcoming or any(parse_date(u) for u in upcoming[:3])
    )


def _header(units: list[str], meta: _Meta, titled: bool) -> int:
    """Reads title, subtitle, date and byline off the top; returns how many units they took."""
    position = 0
    headings: set[str] = {meta.title} if meta.title else set()
    if units and (not titled or _repeated_or_dated(units, 0)):
        # With the title in the front matter, a scraped heading block is still skipped.
        meta.title = meta.title or units[0]
        headings.add(units[0])
        position = 1
    seen_date = False
    while position < len(units):
        unit = units[position]
        if unit in headings:
            position += 1
            continue
        date = parse_date(unit)
        if date is not None:
            meta.date = meta.date or date
            seen_date = True
            position += 1
            continue
        byline = _BYLINE.match(unit)
        if byline:
            meta.author = meta.author or byline.group("name")
            position += 1
            continue
        if not seen_date and len(headings) < 3 and _repeated_or_dated(units, position):
            meta.subtitle = meta.subtitle or unit
            headings.add(unit)
            position += 1
            continue
        break
    return position


def _footer(paragraphs: list[str], meta: _Meta) -> list[str]:
    """Drops the tag line and the closing author line, recording what they say."""
    paragraphs = list(paragraphs)
    if paragraphs and _TAG_LINE.match(paragraphs[-1]) and len(paragraphs[-1]) <= 200:
        tags = paragraphs.pop().removeprefix("Tags:").removeprefix("Tag:")
        meta.tags = [tag.strip() for tag in tags.split(",") if tag.strip()]
    for index in range(len(paragraphs) - 1, max(len(paragraphs) - 3, -1), -1):
        match = _AUTHOR_LINE.match(paragraphs[index])
        if match and _AUTHOR_JOBS.search(match.group("desc")):
            meta.author = match.group("name")
            acronym = _ACRONYM.search(match.group("desc"))
            if acronym:
                meta.publisher = acronym.group(0)
            del paragraphs[index]
            break
    return paragraphs


def parse_article(text: str, *, article_id: str) -> Article:
    """The article in `text`. Raises ArticleError (naming `article_id`) for an empty text, bad
    front matter, or a text with no body paragraphs."""
    if not text.strip():
        raise ArticleError(article_id, "the file is empty")
    try:
        front, body = split_front_matter(normalize_text(text))
    except FrontMatterError as error:
        raise ArticleError(article_id, str(error)) from None
    front = front or FrontMatter()
    meta = _Meta(title=front.title, subtitle=front.subtitle)

    blocks = _blocks(body)
    # The header is read line by line: a scrape may put title, subtitle and date in one block.
    head_lines = [line for block in blocks[:8] for line in block]
    taken = _header(head_lines, meta, titled=front.title is not None)
    units: list[str] = []
    consumed = 0
    for block in blocks:
        if consumed + len(block) <= taken:
            consumed += len(block)
            continue
        skip = max(0, taken - consumed)
        consumed += len(block)
        units.append(" ".join(block[skip:]))
    paragraphs = [p for p in (clean_paragraph(unit) for unit in units) if p]
    paragraphs = _footer(paragraphs, meta)
    if not paragraphs:
        raise ArticleError(article_id, "there is no article text after the title")
    title = clean_paragraph(meta.title or "") or article_id
    return Article(
        id=article_id,
        title=title,
        subtitle=front.subtitle or meta.subtitle,
        date=front.date or meta.date,
        author=front.author or meta.author,
        publisher=front.publisher or meta.publisher,
        url=front.url,
        tags=front.tags or meta.tags,
        paragraphs=paragraphs,
    )


def decode(data: bytes, source: str | Path) -> str:
    """UTF-8 (with or without BOM), else the encoding charset-normalizer recognises (Windows-1252
    for Latin script, windows-1251 or KOI8-R for Cyrillic, …); binary data, UTF-8 with damaged
    bytes and text in no recognisable encoding are an ArticleError."""
    if b"\x00" in data[:8192]:
        raise ArticleError(source, "this is a binary file, not article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    damaged = damaged_utf8(data)
    if damaged:
        raise ArticleError(
            source,
            f"the text is UTF-8 but for {damaged} byte{'s' if damaged > 1 else ''} that "
            "are not, so it is neither UTF-8 nor Windows-1252; fix or re-save it as UTF-8",
        )
    encoding = detect(data)
    if encoding is None:
        raise ArticleError(
            source,
            "the text is neither UTF-8 nor Windows-1252 nor another encoding that can be "
            "recognised; save it as UTF-8",
        )
    text = data.decode(encoding, errors="replace")
    controls = sum(1 for char in text[:8192] if ord(char) < 32 and char not in "\n\r\t\f")
    if controls > len(text[:8192]) // 100 + 2:
        raise ArticleError(source, "this is a binary file, not article text")
    return text


# One article file at most this large: twenty times a long news feature. A bigger file is a
# book, a dump or a mistake, and would hold the whole build up (README, "Adding articles").
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# A saved web page carries scripts and styles around its text: the fetcher's cap.
MAX_PAGE_BYTES = 5 * 1024 * 1024


def size_limit(path: Path) -> int:
    return MAX_PAGE_BYTES if path.suffix.lower() in _HTML_SUFFIXES else MAX_ARTICLE_BYTES


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular article file within the size limit; ArticleError otherwise.

    Opened without blocking, then checked: a named pipe would wait for a writer for ever and a
    link to /dev/zero would be read until memory runs out.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise ArticleError(path, "is a folder, not an article file") from None
    except FileNotFoundError:
        if path.is_symlink():
            raise ArticleError(path, "is a broken symbolic link") from None
        raise ArticleError(path, "no such file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ArticleError(path, "is a symbolic link that loops") from None
        raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
    info = os.fstat(descriptor)
    what = file_kind(info.st_mode)
    if what is not None:
        os.close(descriptor)
        raise ArticleError(path, f"{what}, not an article file")
    with os.fdopen(descriptor, "rb") as handle:
        limit = size_limit(path)
        if info.st_size > limit:
            raise ArticleError(
                path, f"is too large ({_mb(info.st_size)}; one article file may be {_mb(limit)})"
            )
        try:
            data = handle.read(limit + 1)  # it may have grown since fstat
        except OSError as error:
            raise ArticleError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise ArticleError(path, f"is too large (one article file may be {_mb(limit)})")
    return data


def read_article(path: Path) -> Article:
    """The article in a .txt, .md, .html or .htm file; Article.id is the file name's stem."""
    data = read_bytes(path)
    if not data.strip():
        raise ArticleError(path, "the file is empty")
    is_page = path.suffix.lower() in _HTML_SUFFIXES
    text = _html_text(data, path) if is_page else decode(data, path)
    try:
        return parse_article(text, article_id=shown_name(path.stem))
    except ArticleError as error:
        raise ArticleError(path, error.reason) from None


def _html_text(data: bytes, path: Path) -> str:
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "this is a binary file, not article text")
    try:
        from corpus.html import decode_html, html_to_text
    except ImportError as error:  # the extractor is an optional part of the install
        raise ArticleError(path, f"cannot read web pages here ({error})") from None
    try:
        # a page names its charset in <meta>; saved Central Asian pages are often windows-1251
        return html_to_text(decode_html(data))
    except ValueError as error:
        raise ArticleError(path, str(error)) from None
