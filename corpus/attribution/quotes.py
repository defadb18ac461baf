"""Where the quotations of a paragraph are: spans of “curly”, "straight" or ‘single’ quotes.

A quote opened with one kind of double mark may close with the other (“…" or "…”).
Single quotes inside double ones are quotes within the quote and are left alone; a ’ is a
closing mark only next to punctuation, since in news text it is mostly an apostrophe.
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


_MARKS = re.compile('[“„«”»"‘’]')
_CLOSING_BEFORE = ",.!?…"
_CLOSING_AFTER = ",.;:!?)—–"


def _closes(text: str, index: int) -> bool:
    """A straight mark closes a curly quote when it ends a word: `…winter," she said`."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in _CLOSING_AFTER)


def quote_spans(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opened: int | None = None
    kind = ""  # "curly", "straight" or "single": the mark that must close the quote
    for mark in _MARKS.finditer(text):
        index = mark.start()
        char = mark.group(0)
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if opened is None:
            if char in _OPEN_CURLY:
                opened, kind = index, "curly"
            elif char == '"' and (before.isspace() or before in "([—–-") and not after.isspace():
                # A straight mark opens a quote after a space or bracket and before a word.
                opened, kind = index, "straight"
            elif char == "‘" and (before.isspace() or before in "([—–-") and not after.isspace():
                opened, kind = index, "single"
        elif (
            # Scraped and hand-typed text mixes the marks: “…" and "…” both close.
            (kind == "straight" and (char == '"' or char in _CLOSE_CURLY))
            or (
                kind == "curly"
                and (
                    char in _CLOSE_CURLY
                    or (char == '"' and _closes(text, index))
                    # a mistyped opening mark that ends a quote: `“It is unusual,“ said X`
                    or (char == "“" and before in _CLOSING_BEFORE and after.isspace())
                )
            )
            or (
                # ’ is mostly an apostrophe ("Kazakstan’s", "Ukrainians’ views"); it closes a
                # single-quoted quote only next to punctuation or at the end of the paragraph.
                kind == "single"
                and char == "’"
                and (before in _CLOSING_BEFORE or after in _CLOSING_AFTER or index + 1 == len(text))
            )
        ):
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


# A dash that signs the quote it follows: `“…” — Ana Ruiz, 42, a nurse`, `"…" -Tom Reilly`.
_SIGNATURE_DASH = re.compile(r"\s*(?:[—–―]|--|-(?=[A-Z])|-\s(?=[A-Z]))\s*[A-Z]")


def signature_breaks(text: str, spans: list[QuoteSpan]) -> list[int]:
    """Where a vox-pop paragraph must break between sentences that no full stop separates:
    before the dash that signs a quote, and before the next quote the signature runs into
    (`“A.” — Ana Ruiz, nurse “B.” — Tom Reilly` holds four sentences, one line each once
    printed: quote, signature, quote, signature)."""
    breaks: list[int] = []
    for position, span in enumerate(spans):
        if not span.closed:
            continue
        dash = _SIGNATURE_DASH.match(text, span.end)
        if dash is None:
            continue
        breaks.append(dash.start() + len(dash.group(0)) - len(dash.group(0).lstrip()))
        following = spans[position + 1] if position + 1 < len(spans) else None
        if following is not None and following.start > dash.end():
            breaks.append(following.start)
    return breaks
