"""Which character encoding a text or page is in, when nothing (or something false) says so.

News from Central Asia and Eastern Europe is often windows-1251 or KOI8-R; read as Windows-1252
it becomes mojibake that is then indexed and served. charset-normalizer (what trafilatura itself
depends on) tells them apart by letter statistics. It cannot tell the Latin code pages apart on
a short text (it calls plain English "cp1250"), so a text it reads as Latin script is read as
Windows-1252, the Western default that such files almost always are.
"""

from __future__ import annotations

import codecs
import re

# Code pages news text is written in; a narrow list keeps the guess from wandering into exotic
# ones (plain KOI8-R text can pass for Shift-JIS).
CANDIDATES = (
    "cp1252",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp866",
    "mac_cyrillic",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_kr",
)
# Alphabets of a text charset-normalizer reads as Latin script (its names).
_LATIN_PARTS = ("Latin", "Punctuation", "Control character")
# A word with ASCII letters and letters of another script: how stray bytes in Latin text read
# when taken for Cyrillic ("cafЃЌђ"); real Cyrillic or Greek words never look like that.
_MIXED_WORD = re.compile(
    r"\b(?=[^\W\d_]*[A-Za-z])(?=[^\W\d_]*[^\W\d_A-Za-z\u00c0-\u024f])[^\W\d_]+"
)
# charset-normalizer's "mess" score: 0 for real text, about 0.1 for a few stray bytes in ASCII.
_MAX_CHAOS = 0.05


def known(name: str) -> str | None:
    """The codec's canonical name, or None for a name Python does not know."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def damaged_utf8(data: bytes) -> int:
    """How many bytes are not UTF-8 in a text that otherwise is: more of its non-ASCII
    characters are valid UTF-8 than not (0: valid UTF-8, or not UTF-8 at all)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for char in text if ord(char) > 127 and char != "\ufffd")
    return bad if 0 < bad < good else 0


def detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds for `data` among CANDIDATES, or None."""
    from charset_normalizer import from_bytes  # lazy: only for files that are not UTF-8

    best = from_bytes(data, cp_isolation=list(CANDIDATES)).best()
    if best is None or best.chaos > _MAX_CHAOS:
        return None
    if all(any(part in alphabet for part in _LATIN_PARTS) for alphabet in best.alphabets):
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return str(best.encoding)
        return "cp1252"
    if _MIXED_WORD.search(str(best)):
        return None
    return str(best.encoding)
