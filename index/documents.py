"""What of a passage is searchable, in two BM25 fields.

- **text**: the passage's own words and who said it (name and role). The speaker makes "Who is
  Mahambet Abjan?" or "What did Abenov write on Facebook?" find passages whose own words never
  name the speaker ("…,” she said."). The article title is not searched with every passage: the
  same words in each of an article's passages ranked its shortest passages first for any
  question that used them ("how big is the Port Ellis budget" found "The reopening has been
  pushed back to 2027.").
- **context**: the rest of its paragraph and the paragraph before (the nearest earlier one that
  has passages). News writing names a thing once and then refers back to it: "The line runs for
  988 kilometres" follows the paragraph that names the Zhezkazgan–Beineu line; "About one-fifth
  is Russian" follows "…of the 17 million-strong population". The context lets such a passage be
  found by the words it leaves out.

Each field is its own BM25Okapi index over the same passage numbers (its own document lengths,
document frequencies and idf, exactly as rank-bm25 computes them on that field's documents).
A passage's score is `text + CONTEXT_WEIGHT * context`: the context only helps; a passage that
says the words itself still comes first, since the same words in the paragraph around it count
less than half as much.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.bm25 import BM25Index, IntArray, encode, in_order_of_appearance
from index.store import PassageRecord
from index.tokenize import tokenize

# How much a word in the passage's context counts beside the same word in the passage itself.
CONTEXT_WEIGHT = 0.4


def metadata_text(passage: PassageRecord) -> str:
    """Speaker name and role: shared by many passages, so built once per speaker."""
    return "\n".join(part for part in (passage.speaker_name, passage.speaker_role) if part)


def document_terms(passage: PassageRecord) -> list[str]:
    """The text-field document of a passage: the terms of its text, then of its metadata."""
    return tokenize(passage.text) + tokenize(metadata_text(passage))


def context_sources(paragraphs: Sequence[int]) -> list[list[int]]:
    """For the passages of one article (their paragraph numbers, in order), the positions of the
    passages whose text makes up each one's context: the other passages of its paragraph, then
    every passage of the paragraph before."""
    by_paragraph: dict[int, list[int]] = {}
    for position, paragraph in enumerate(paragraphs):
        by_paragraph.setdefault(paragraph, []).append(position)
    order = sorted(by_paragraph)
    before = {p: by_paragraph[order[i - 1]] if i else [] for i, p in enumerate(order)}
    return [
        [*(other for other in by_paragraph[p] if other != position), *before[p]]
        for position, p in enumerate(paragraphs)
    ]


def build_fields(
    docs: Sequence[Sequence[str]],
    text_lengths: Sequence[int],
    sources: Sequence[Sequence[int]],
    *,
    k1: float,
    b: float,
    epsilon: float,
) -> tuple[BM25Index, BM25Index]:
    """The text and context fields of all passages.

    `docs[i]` is passage i's text-field document, whose first `text_lengths[i]` terms are its own
    text; `sources[i]` are the passage numbers whose text is passage i's context.
    """
    flat, lengths, terms = encode(docs)
    text, context, _ = build_fields_encoded(
        flat, lengths, terms, text_lengths, sources, k1=k1, b=b, epsilon=epsilon, ordered=True
    )
    return text, context


def build_fields_encoded(
    flat: IntArray,
    lengths: IntArray,
    terms: Sequence[str],
    text_lengths: Sequence[int] | IntArray,
    sources: Sequence[Sequence[int]],
    *,
    k1: float,
    b: float,
    epsilon: float,
    ordered: bool = False,
) -> tuple[BM25Index, BM25Index, IntArray]:
    """`build_fields` of documents given as term ids (`flat`, into `terms`; any numbering, as
    `BM25Index.from_encoded` takes them; `ordered` as there). Also returns the documents' ids in
    the text field's numbering (its `vocabulary()`), which a rebuild can reuse instead of
    encoding unchanged passages again: the fields come out the same, bit for bit.

    The context is cut out of the text field's term ids with array operations, so it costs no
    second tokenization and no Python loop over tokens.
    """
    flat = np.asarray(flat, np.int64)
    if not ordered:
        flat, terms = in_order_of_appearance(flat, terms)
    tokens = flat.copy()  # the text field consumes `flat`
    starts = np.zeros(len(lengths), np.int64)
    if len(lengths):
        np.cumsum(lengths[:-1], out=starts[1:])
    own = np.asarray(text_lengths, np.int64)
    source_of = np.fromiter((s for group in sources for s in group), np.int64)
    owner_counts = np.fromiter((len(group) for group in sources), np.int64, count=len(sources))
    piece = own[source_of]
    context_lengths: IntArray = np.zeros(len(sources), np.int64)
    if len(piece):
        owner = np.repeat(np.arange(len(sources), dtype=np.int64), owner_counts)
        np.add.at(context_lengths, owner, piece)
    # Position of every context token in `flat`: each piece is a run starting at its source.
    before = np.cumsum(piece) - piece
    positions = np.repeat(starts[source_of] - before, piece) + np.arange(int(piece.sum()))
    context_flat = flat[positions]
    text = BM25Index.from_encoded(flat, lengths, terms, k1=k1, b=b, epsilon=epsilon, ordered=True)
    context = BM25Index.from_encoded(
        context_flat, context_lengths, terms, k1=k1, b=b, epsilon=epsilon
    )
    return text, context, tokens
