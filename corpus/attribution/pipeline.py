"""Article -> speaker-attributed passages, by rules of news English.

Each body sentence gets one speaker: the source named by a reporting cue in the sentence
("…,” said NAME, ROLE", "NAME told OUTLET that", "According to X"), else the speaker of the
quotation it belongs to (a quotation takes the cue that closes or introduces it, across
sentences and across paragraphs of a multi-paragraph quote, or a colon lead-in / "X disagreed."
just before it), else the article's own voice. A cue whose speaker is missing or cannot be
resolved gives `unknown`: attribution never guesses at a person. Consecutive sentences of a
paragraph with the same speaker form one passage.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence

from corpus.attribution.backends import DEFAULT_BACKEND, default_backend
from corpus.attribution.cues import Candidate, find_candidates
from corpus.attribution.govern import (
    Quote,
    QuoteIndex,
    Sentence,
    attach,
    dominant_quote,
    lead_in,
    propagate,
    sentence_offsets,
)
from corpus.attribution.passages import assemble
from corpus.attribution.people import SpeakerRegistry, build_register, name_mentions
from corpus.attribution.quotes import MASK, mask_quotes, quote_spans
from corpus.attribution.resolve import resolve_candidate
from corpus.models import Article, Passage
from corpus.sentences import split_sentences


def _refine(
    backend: str, sentences: Sequence[Sentence], found: list[list[Candidate]]
) -> list[list[Candidate]]:
    """Lets a backend other than the rules add or confirm candidates: the module
    `corpus.attribution.<backend>` provides `refine(sentences, candidates)`."""
    if backend == DEFAULT_BACKEND:
        return found
    try:
        module = importlib.import_module(f"corpus.attribution.{backend}")
    except ImportError as error:
        raise ValueError(f"unknown attribution backend {backend!r} ({error})") from error
    refined: list[list[Candidate]] = module.refine(sentences, found)
    return refined


def attribute(article: Article, *, backend: str | None = None) -> list[Passage]:
    """The passages of the article, every body sentence exactly once, in order.

    `backend` chooses who proposes cue candidates ("rules", or a backend module such as
    "parser"); by default the environment's choice, see `default_backend`.
    """
    sentences: list[Sentence] = []
    quotes: list[Quote] = []
    masks: list[str] = []
    index: dict[int, QuoteIndex] = {}
    chain = -1
    open_chain: int | None = None
    # 1. Quote spans and sentences of every paragraph.
    for number, paragraph in enumerate(article.paragraphs):
        spans = quote_spans(paragraph)
        masked = mask_quotes(paragraph, spans)
        masks.append(masked)
        local: list[tuple[int, Quote]] = []
        for span in spans:
            if span.start == 0 and open_chain is not None:
                this_chain = open_chain
            else:
                chain += 1
                this_chain = chain
            quotes.append(Quote(this_chain, number, span))
            local.append((len(quotes) - 1, quotes[-1]))
        open_chain = local[-1][1].chain if local and not local[-1][1].span.closed else None
        here = QuoteIndex(local)
        if local:
            index[number] = here
        texts = split_sentences(paragraph)
        for text, (start, end) in zip(texts, sentence_offsets(paragraph, texts), strict=True):
            sentence = Sentence(number, text, start, end, masked=masked[start:end])
            sentence.span = dominant_quote(start, end, here, text)
            sentences.append(sentence)
    # 2. The register of people, from the whole article, before any cue is resolved.
    headlines = [h for h in (article.title, article.subtitle) if h]
    registry = build_register(masks, [mask_quotes(h, quote_spans(h)) for h in headlines])
    # 3. Cue candidates per sentence; 4. their sources resolved in reading order.
    found = [find_candidates(s.masked, s.start) for s in sentences]
    found = _refine(backend or default_backend(), sentences, found)
    for position, (sentence, candidates) in enumerate(zip(sentences, found, strict=True)):
        if any(c.tentative for c in candidates):
            after = sentences[position + 1].masked.lstrip() if position + 1 < len(sentences) else ""
            if not after.startswith(MASK):
                candidates = [c for c in candidates if not c.tentative]
        sentence.cues = [resolve_candidate(c, registry, sentence.paragraph) for c in candidates]
        for cue, candidate in zip(sentence.cues, candidates, strict=True):
            cue.signs = candidate.cue == "—" or candidate.signs or candidate.start <= sentence.start
        _note_mentions(sentence, registry)
    # 5. Each quote takes the cue that governs it.
    attach(quotes, sentences, index)
    propagate(quotes, sentences)
    lead_in(sentences, quotes)
    propagate(quotes, sentences)
    # 6. Passages.
    return assemble(article, sentences, quotes, registry)


_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")


def _note_mentions(sentence: Sentence, registry: SpeakerRegistry) -> None:
    """People named in the sentence besides its sources: a later he/she must account for them.
    Full names and surnames of registered people, in the order they are written."""
    speakers = {cue.speaker.name for cue in sentence.cues}
    masked = sentence.masked
    named = [(start, end, name) for name, _r, _g, start, end in name_mentions(masked)]
    taken = [(start, end) for start, end, _ in named]
    for word in _CAPITALISED.finditer(masked):
        bare = word.group(0).removesuffix("’s").removesuffix("'s")
        if registry.is_surname(bare) and not any(a <= word.start() < b for a, b in taken):
            named.append((word.start(), word.end(), bare))
    named.sort()
    for position, (start, _end, name) in enumerate(named):
        if name in speakers or registry.full_name(name) in speakers:
            continue
        lead = masked[:start].split()
        subject = position == 0 and len(lead) <= 2 and not any(w.islower() for w in lead)
        registry.mentioned(name, sentence.paragraph, subject=subject)
