"""Quote-first governing: each quotation gets the cue that governs it (before, after or around
it), across sentences and across the paragraphs of a multi-paragraph quote."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from corpus.attribution.cues import SIGNATURE
from corpus.attribution.quotes import MASK, QuoteSpan
from corpus.attribution.resolve import Cue

_WORD = re.compile(r"[A-Za-z]{2,}")
_SENTENCE_END = re.compile(r"[.!?]")
# "Ms." and "G.K." between a quote and its cue end no sentence.
_ABBREVIATION = re.compile(r"\b(?:[A-Z][a-z]{0,3}\.|[A-Z]\.)")


@dataclass
class Sentence:
    paragraph: int
    text: str
    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)
    span: int | None = None  # the quote (chain) the sentence mostly consists of
    masked: str = ""  # the sentence with its quotes masked out (same length)


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


class QuoteIndex:
    """The quotes of one paragraph, in order, found by position in O(log n): long articles
    with many quotes must not cost quotes x sentences."""

    def __init__(self, quotes: list[tuple[int, Quote]]) -> None:
        self.quotes = quotes
        self.starts = [quote.span.start for _, quote in quotes]
        self.ends = [quote.span.end for _, quote in quotes]

    def overlapping(self, start: int, end: int) -> list[tuple[int, Quote]]:
        low = bisect.bisect_right(self.ends, start)
        high = bisect.bisect_left(self.starts, end)
        return self.quotes[low:high]


def dominant_quote(start: int, end: int, quotes: QuoteIndex, text: str) -> int | None:
    best: int | None = None
    best_chars = 0
    for index, quote in quotes.overlapping(start, end):
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


def attach(quotes: list[Quote], sentences: list[Sentence], index: dict[int, QuoteIndex]) -> None:
    """Gives each quote the cue that closes or introduces it."""
    previous: Sentence | None = None
    for sentence in sentences:
        if not sentence.cues:
            previous = sentence
            continue
        if (
            previous is not None
            and previous.span is not None
            and quotes[previous.span].cue is None
            and sentence.cues[0].signs
            and (
                (
                    previous.paragraph == sentence.paragraph
                    and quotes[previous.span].span.end <= sentence.start
                )
                # a signature line of its own under the quote it signs: `"…"` / `-Tom Reilly`
                or (
                    sentence.cues[0].text == SIGNATURE
                    and previous.paragraph == sentence.paragraph - 1
                    and sentence.start == 0
                )
            )
        ):
            # `“…this low?” ― Jacklyn Ashley`, `“It's a start.” That was the verdict of X`,
            # `‘…to Poland.’ Pickering says it half as a joke.`: the quote just before
            quotes[previous.span].cue = sentence.cues[0]
        previous = sentence
        here = index.get(sentence.paragraph)
        if here is None:
            continue
        nearby = here.overlapping(sentence.start, sentence.end)
        for cue in sentence.cues:
            for _, quote in nearby:
                if quote.cue is not None:
                    continue
                span = quote.span
                closes_here = sentence.start < span.end <= sentence.end
                opens_here = sentence.start <= span.start < sentence.end
                gap = sentence.text[max(0, span.end - sentence.start) : cue.start - sentence.start]
                if closes_here and cue.start >= span.end and MASK not in gap:
                    if not _SENTENCE_END.search(_ABBREVIATION.sub("", gap)):
                        quote.cue = cue
                elif opens_here and cue.start < span.start:
                    quote.cue = cue


def drop_unsigned(sentences: list[Sentence], quotes: list[Quote]) -> None:
    """A dash line that signs no quote is the writer's sign-off (`— Ruth Calloway` under the
    last paragraph, a contributor's line), not somebody's words: the article's own voice."""
    used = {id(quote.cue) for quote in quotes if quote.cue is not None}
    shared: dict[int, int] = {}
    for sentence in sentences:
        for cue in sentence.cues:
            shared[id(cue)] = shared.get(id(cue), 0) + 1
    for sentence in sentences:
        if len(sentence.cues) != 1 or sentence.cues[0].text != SIGNATURE:
            continue
        cue = sentence.cues[0]
        # an embedded post signed at its end: its sentences share the cue
        if MASK in sentence.masked or id(cue) in used or shared[id(cue)] > 1:
            continue
        sentence.cues = []


def _by_paragraph(quotes: list[Quote]) -> dict[int, list[Quote]]:
    grouped: dict[int, list[Quote]] = {}
    for quote in quotes:
        grouped.setdefault(quote.paragraph, []).append(quote)
    return grouped


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
    # paragraph's other quote, when all the paragraph's cues name one speaker.
    speakers: dict[int, set[object]] = {}
    for sentence in sentences:
        speakers.setdefault(sentence.paragraph, set()).update(c.speaker for c in sentence.cues)
    for paragraph, same in _by_paragraph(quotes).items():
        if len(speakers.get(paragraph, ())) > 1:
            continue
        first_later: list[Cue | None] = [None] * len(same)
        upcoming: Cue | None = None
        for position in range(len(same) - 1, -1, -1):
            first_later[position] = upcoming
            upcoming = same[position].cue or upcoming
        latest: Cue | None = None
        for position, quote in enumerate(same):
            if quote.cue is None:
                quote.cue = latest or first_later[position]
            else:
                latest = quote.cue


def lead_in(sentences: list[Sentence], quotes: list[Quote]) -> None:
    """A quote paragraph with no cue of its own takes the source the previous paragraph
    ended with (a colon lead-in, "X disagreed.", a quote or a statement by X)."""
    last_of: dict[int, Sentence] = {}
    sentences_of: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        last_of[sentence.paragraph] = sentence
        sentences_of.setdefault(sentence.paragraph, []).append(sentence)
    for quote in quotes:
        if quote.cue is not None or quote.span.start != 0:
            continue
        last = last_of.get(quote.paragraph - 1)
        if last is None or len(last.cues) > 1 or _has_own_words(quote, sentences_of):
            continue
        cue = (
            last.cues[0] if last.cues else quotes[last.span].cue if last.span is not None else None
        )
        if cue is None or cue.speaker.kind in ("unknown", "narrator") or cue.text == SIGNATURE:
            continue  # a signature closes its speaker's words: the next quote is another's
        quote.cue = cue


def _has_own_words(quote: Quote, sentences_of: dict[int, list[Sentence]]) -> bool:
    """ "“Light is a luxury,” reads graffiti on a wall": words of the paragraph's own around
    the quote say where it comes from, so it does not continue the previous speaker."""
    for sentence in sentences_of.get(quote.paragraph, ()):
        if sentence.start >= quote.span.end:
            break
        if sentence.end > quote.span.start:
            rest = sentence.masked.replace(MASK, " ")
            if len(re.findall(r"[a-z]{2,}", rest)) >= 2:
                return True
    return False


def continue_speaker(sentences: list[Sentence], quotes: list[Quote]) -> None:
    """`X argued that … “Quote.”` and `“A,” X said. “B.”`: a quote that opens a sentence with
    no cue of its own continues the source of the sentence just before it in the paragraph
    (one source, named, that is not a signature), as news writing runs a speaker on."""
    worded: set[int] = set()  # quotes whose sentences hold words besides the quote
    for sentence in sentences:
        if sentence.span is not None and _WORD.search(sentence.masked.replace(MASK, " ")):
            worded.add(sentence.span)
    previous: Sentence | None = None
    for sentence in sentences:
        before, previous = previous, sentence
        if sentence.span is None or before is None or before.paragraph != sentence.paragraph:
            continue
        quote = quotes[sentence.span]
        if quote.cue is not None or quote.span.start != sentence.start or sentence.cues:
            continue
        if sentence.span in worded:
            continue  # `“…,” said the former aide.`: a cue of its own, even one not read
        if len(before.cues) == 1:
            cue: Cue | None = before.cues[0]
        elif not before.cues and before.span is not None:
            cue = quotes[before.span].cue
        else:
            cue = None
        if cue is None or cue.mixed or cue.text == SIGNATURE:
            continue
        if cue.speaker.kind in ("unknown", "narrator"):
            continue
        quote.cue = cue
