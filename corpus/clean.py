"""Cleaning scraped text: invisible characters, odd spaces, site chrome and cross-references."""

from __future__ import annotations

import re
import unicodedata

# Zero-width characters, the soft hyphen and the BOM survive copy-paste from web pages; they
# split words for the tokenizer without being visible to the reader.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# C0/C1 control characters other than tab and newline never belong to prose.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ALL_SPACE = re.compile(r"\s+")
# "(See Economic Union Challenges Kazak Foreign Policy.)" points to another article; it is
# editorial furniture, not part of the quote it follows.
_CROSS_REFERENCE = re.compile(
    r"\s*\((?:see|see also|also see|read|read more|related|for more)\b[^()]*\)\s*", re.IGNORECASE
)

# Lines a scrape drags in from the page around the article.
CHROME_LINES = frozenset(
    line.casefold()
    for line in (
        "Frontline Updates",
        "Support local journalists",
        "Support Local Journalists",
        "Share",
        "Share this",
        "Share this article",
        "Print",
        "Email",
        "Tweet",
        "Advertisement",
        "Subscribe",
        "Subscribe to our newsletter",
        "Read more",
        "Related",
        "Related articles",
        "Related stories",
        "Comments",
        "Donate",
    )
)


def normalize_text(text: str) -> str:
    """Line endings to \\n, invisible and control characters out, odd spaces to plain ones."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text)


def is_chrome(line: str) -> bool:
    return line.strip().casefold() in CHROME_LINES


def clean_paragraph(text: str) -> str:
    """One paragraph as a single line: single spaces, no cross-references."""
    text = _CROSS_REFERENCE.sub(" ", text)
    return _ALL_SPACE.sub(" ", text).strip()
