"""Saved web pages and fetched HTML -> article text with TOML front matter.

trafilatura finds the main text and the metadata; this module only turns its result into the
plain-text article format that `corpus.reader` reads: a `+++` front-matter block, then body
paragraphs separated by blank lines.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from typing import Any

from corpus.charset import damaged_utf8, detect, known
from corpus.toml_render import render_front_matter

# Pages in the wild claim all sorts of charsets; only the first few kB are searched for one.
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
MIN_PARAGRAPH_WORDS = 8
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


class HtmlError(ValueError):
    """The page holds no article text that could be extracted."""


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes of a web page -> text, in the first of these that decodes it: the charset the
    server declared, the page's `<meta charset>`, UTF-8, the encoding charset-normalizer
    recognises. A declaration can be false (a windows-1251 page sent as "utf-8"): one that does
    not decode the bytes is passed over. UTF-8 with a few damaged bytes keeps U+FFFD in their
    place (a page with one bad byte is still worth reading). HtmlError when nothing fits.
    """
    declared = [charset] if charset else []
    match = _META_CHARSET.search(data[:4096])
    if match:
        declared.append(match.group(1).decode("ascii"))
    for name in [*declared, "utf-8"]:
        codec = known(name)
        if codec is None:  # an unknown charset name: try the next one
            continue
        try:
            return data.decode(codec).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
    if damaged_utf8(data):
        return data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    found = detect(data)
    if found is None:
        raise HtmlError(
            "cannot tell which character encoding the page is in (it is not UTF-8, and "
            "declares none that fits)"
        )
    return data.decode(found, errors="replace")


def _quiet(logger_names: tuple[str, ...]) -> None:
    # trafilatura logs "discarding data" at WARNING; with no logging configured Python's last-resort
    # handler would print that to the terminal. A NullHandler stops that and still lets records
    # propagate to whatever logging the application sets up.
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())


def _extract(html: str, url: str | None) -> Mapping[str, Any] | None:
    _quiet(("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"))
    import trafilatura  # lazy: a quarter of a second that `whosaid ask` must not pay

    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        favor_precision=True,  # better to lose a sidebar paragraph than to index a menu
        include_comments=False,  # readers' comments are not the article
        include_tables=False,
        include_images=False,
    )
    if result is None:
        return None
    # trafilatura 1.x returns a dict, 2.x a Document with .as_dict()
    if isinstance(result, Mapping):
        return result
    as_dict = getattr(result, "as_dict", None)
    if callable(as_dict):
        data = as_dict()
        if isinstance(data, Mapping):
            return data
    return {name: getattr(result, name, None) for name in _FIELDS}


_FIELDS = ("title", "author", "url", "sitename", "date", "description", "text")


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", _CONTROL.sub("", value)).strip()
    return text or None


def _date(value: object) -> dt.date | None:
    text = _clean(value)
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def html_to_text(html: str, *, url: str | None = None) -> str:
    """The article in a web page as text with TOML front matter (title, subtitle, date, author,
    publisher, url), then its paragraphs separated by blank lines.

    Raises HtmlError when no main text can be found (an empty page, a page of links).
    """
    data = _extract(html, url) if html.strip() else None
    body = data.get("text") if data else None
    paragraphs = [p for p in (_clean(line) for line in str(body or "").splitlines()) if p]
    # A page of menus and link lists is not an article even when something was extracted.
    if data is None or not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in paragraphs):
        raise HtmlError("no article text found in the page")

    title = _clean(data.get("title"))
    description = _clean(data.get("description"))
    # trafilatura keeps the headline and the standfirst as the first lines of the text; in the
    # article format they belong in the front matter, not in the body that is searched.
    if title and paragraphs and paragraphs[0] == title:
        paragraphs.pop(0)
    subtitle = None
    if description and len(paragraphs) > 1 and paragraphs[0] == description:
        subtitle = paragraphs.pop(0)
    if not title:
        title = "Untitled article"

    meta: dict[str, str | dt.date | None] = {
        "title": title,
        "subtitle": subtitle,
        "date": _date(data.get("date")),
        "author": _clean(data.get("author")),
        "publisher": _clean(data.get("sitename")),
        "url": _clean(data.get("url")) or url,
    }
    return render_front_matter(meta) + "\n" + "\n\n".join(paragraphs) + "\n"
