"""Inline buttons under an answer: Context for each passage, Back and More for paging.

Callback data must fit in 64 bytes, so a button carries a short per-chat reference to the
question (see chats.py), the page offset and the passage's place on the page, never the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from index.results import SearchResult

CALLBACK_LIMIT = 64
_CONTEXT_PER_ROW = 4


@dataclass(frozen=True)
class Press:
    """What a pressed button asks for: a page of results, or the context of one hit on a page."""

    action: Literal["page", "context"]
    ref: str
    offset: int
    index: int = 0


def encode(press: Press) -> str:
    if press.action == "page":
        data = f"p:{press.ref}:{press.offset}"
    else:
        data = f"c:{press.ref}:{press.offset}:{press.index}"
    if len(data.encode()) > CALLBACK_LIMIT:
        raise ValueError(f"callback data longer than {CALLBACK_LIMIT} bytes: {data!r}")
    return data


def decode(data: str | None) -> Press | None:
    """The press a button's data stands for; None for data this bot never wrote."""
    parts = (data or "").split(":")
    try:
        if parts[0] == "p" and len(parts) == 3:
            return Press("page", parts[1], _natural(parts[2]))
        if parts[0] == "c" and len(parts) == 4:
            return Press("context", parts[1], _natural(parts[2]), _natural(parts[3]))
    except ValueError:
        return None
    return None


def _natural(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError(text)
    return value


def results(ref: str, result: SearchResult, page_size: int) -> InlineKeyboardMarkup | None:
    """Context buttons numbered like the hits, then Back / More when there are other pages."""
    buttons = [
        InlineKeyboardButton(
            f"Context {hit.rank}", callback_data=encode(Press("context", ref, result.offset, i))
        )
        for i, hit in enumerate(result.hits)
    ]
    rows = [buttons[i : i + _CONTEXT_PER_ROW] for i in range(0, len(buttons), _CONTEXT_PER_ROW)]
    paging: list[InlineKeyboardButton] = []
    if result.offset > 0:
        back = max(0, result.offset - page_size)
        paging.append(
            InlineKeyboardButton("◀ Back", callback_data=encode(Press("page", ref, back)))
        )
    if result.offset + len(result.hits) < result.total:
        more = result.offset + len(result.hits)
        paging.append(
            InlineKeyboardButton("More ▶", callback_data=encode(Press("page", ref, more)))
        )
    if paging:
        rows.append(paging)
    return InlineKeyboardMarkup(rows) if rows else None


def back_to_results(ref: str, offset: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    "◀ Back to the results", callback_data=encode(Press("page", ref, offset))
                )
            ]
        ]
    )
