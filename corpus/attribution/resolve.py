"""Resolution: each quotation gets the cue that governs it, across sentences and paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus.attribution.cues import Cue
from corpus.attribution.quotes import MASK, QuoteSpan

_SENTENCE_END = re.compile(r"[.!?]")


@dataclass
class Sentence:
    paragraph: int
    text: str
    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)
    span: int | None = None  # the quote (chain) the sentence mostly consists of


@dataclass
class Quote:
    chain: int
    paragraph: int
    span: QuoteSpan
    cue: Cue | None = None


def sentence_offsets(paragraph: str, sentences: list[str]) -> list[tuple[int, int]]:
    offsets = []
    position = 0
    for sentence in sentences:
        start = paragraph.find(sentence, position)
        if start < 0:  # cannot happen for slices of the paragraph; keep going regardless
            start = position
        end = start + len(sentence)
        offsets.append((start, end))
        position = end
    return offsets


def dominant_quote(start: int, end: int, quotes: list[tuple[int, Quote]], text: str) -> int | None:
    best: int | None = None
    best_chars = 0
    for index, quote in quotes:
        overlap = min(end, quote.span.end) - max(start, quote.span.start)
        if overlap <= 0:
            continue
        if quote.span.start <= start < quote.span.end:
            return index  # the sentence starts inside the quote
        if overlap > best_chars:
            best, best_chars = index, overlap
    length = len(text.strip())
    if best is not None and best_chars * 2 >= max(length, 1):
        return best
    return None


def _by_paragraph(quotes: list[Quote]) -> dict[int, list[Quote]]:
    grouped: dict[int, list[Quote]] = {}
    for quote in quotes:
        grouped.setdefault(quote.paragraph, []).append(quote)
    return grouped


def attach(quotes: list[Quote], sentences: list[Sentence]) -> None:
    """Gives each quote the cue that closes or introduces it."""
    grouped = _by_paragraph(quotes)
    for sentence in sentences:
        for cue in sentence.cues:
            for quote in grouped.get(sentence.paragraph, ()):
                if quote.cue is not None:
                    continue
                span = quote.span
                closes_here = sentence.start < span.end <= sentence.end
                opens_here = sentence.start <= span.start < sentence.end
                gap = sentence.text[max(0, span.end - sentence.start) : cue.start - sentence.start]
                if closes_here and cue.start >= span.end and MASK not in gap:
                    if not _SENTENCE_END.search(gap):
                        quote.cue = cue
                elif opens_here and cue.start < span.start:
                    quote.cue = cue


def propagate(quotes: list[Quote], sentences: list[Sentence]) -> None:
    # A multi-paragraph quote shares one cue across its chain.
    chains: dict[int, Cue] = {}
    for quote in quotes:
        if quote.cue is not None:
            chains.setdefault(quote.chain, quote.cue)
    for quote in quotes:
        if quote.cue is None and quote.chain in chains:
            quote.cue = chains[quote.chain]
    # `“A,” she said. “B.”` — a quote without a cue of its own continues the speaker of the
    # paragraph's other quote, when the paragraph has just one cue.
    cue_count: dict[int, int] = {}
    for sentence in sentences:
        cue_count[sentence.paragraph] = cue_count.get(sentence.paragraph, 0) + len(sentence.cues)
    for paragraph, same in _by_paragraph(quotes).items():
        if cue_count.get(paragraph, 0) > 1:
            continue
        for own, quote in enumerate(same):
            if quote.cue is not None:
                continue
            earlier = [q.cue for q in same[:own] if q.cue is not None]
            later = [q.cue for q in same[own + 1 :] if q.cue is not None]
            quote.cue = earlier[-1] if earlier else later[0] if later else None


def lead_in(sentences: list[Sentence], quotes: list[Quote], paragraph: int) -> Cue | None:
    """For a quote paragraph with no cue of its own: the source the previous paragraph ended
    with (a colon lead-in, "X disagreed.", a quote or a statement by X)."""
    previous = [s for s in sentences if s.paragraph == paragraph - 1]
    if not previous:
        return None
    last = previous[-1]
    if len(last.cues) > 1:
        return None
    cue = last.cues[0] if last.cues else quotes[last.span].cue if last.span is not None else None
    if cue is None or cue.speaker.kind in ("unknown", "narrator"):
        return None
    return cue
