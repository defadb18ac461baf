"""Where the quotations of a paragraph are: spans of “curly” or "straight" double quotes.

Single quotes are left alone: in news text they are apostrophes or quotes inside quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "§"
_OPEN_CURLY = "“„«"
_CLOSE_CURLY = "”»"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # index of the opening mark
    end: int  # one past the closing mark, or len(paragraph) when the quote runs on
    closed: bool


_MARKS = re.compile('[“„«”»"]')


def quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: int | None = None
    straight = False
    for mark in _MARKS.finditer(text):
        index = mark.start()
        char = mark.group(0)
        if opened is None:
            if char in _OPEN_CURLY:
                opened, straight = index, False
            elif char == '"':
                before = text[index - 1] if index else " "
                after = text[index + 1] if index + 1 < len(text) else " "
                # A straight mark opens a quote after a space or bracket and before a word.
                if (before.isspace() or before in "([—–-") and not after.isspace():
                    opened, straight = index, True
        elif (char == '"' and straight) or (char in _CLOSE_CURLY and not straight):
            spans.append(QuoteSpan(opened, index + 1, True))
            opened = None
    if opened is not None:
        spans.append(QuoteSpan(opened, len(text), False))
    return spans


def mask_quotes(text: str, spans: list[QuoteSpan]) -> str:
    """The text with every quoted character (marks included) replaced by MASK, same length."""
    if not spans:
        return text
    parts: list[str] = []
    position = 0
    for span in spans:
        parts.append(text[position : span.start])
        parts.append(MASK * (span.end - span.start))
        position = span.end
    parts.append(text[position:])
    return "".join(parts)
