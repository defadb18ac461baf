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

from corpus.attribution.cues import find_cues
from corpus.attribution.narration import register_mentions
from corpus.attribution.passages import assemble
from corpus.attribution.people import SpeakerRegistry
from corpus.attribution.quotes import mask_quotes, quote_spans
from corpus.attribution.resolve import (
    Quote,
    Sentence,
    attach,
    dominant_quote,
    lead_in,
    propagate,
    sentence_offsets,
)
from corpus.models import Article, Passage
from corpus.sentences import split_sentences


def attribute(article: Article) -> list[Passage]:
    """The passages of the article, every body sentence exactly once, in order."""
    registry = SpeakerRegistry()
    sentences: list[Sentence] = []
    quotes: list[Quote] = []
    chain = -1
    open_chain: int | None = None
    for number, paragraph in enumerate(article.paragraphs):
        spans = quote_spans(paragraph)
        masked = mask_quotes(paragraph, spans)
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
        texts = split_sentences(paragraph)
        for text, (start, end) in zip(texts, sentence_offsets(paragraph, texts), strict=True):
            sentence = Sentence(number, text, start, end)
            sentence.cues = find_cues(masked[start:end], start, registry, number)
            sentence.span = dominant_quote(start, end, local, text)
            if not sentence.cues and sentence.span is None:
                register_mentions(masked[start:end], registry, number)
            sentences.append(sentence)
    attach(quotes, sentences)
    propagate(quotes, sentences)
    for quote in quotes:
        if quote.cue is None and quote.span.start == 0:
            quote.cue = lead_in(sentences, quotes, quote.paragraph)
    propagate(quotes, sentences)
    return assemble(article, sentences, quotes, registry)
