"""Golden tables: the speaker of every body sentence of an article, checked in order."""

from __future__ import annotations

from pathlib import Path

from corpus.attribution import attribute
from corpus.reader import read_article
from corpus.sentences import split_sentences

FIXTURES = Path(__file__).parent / "fixtures"
# (sentence start, kind, name); narrator and an unnamed-less unknown have no name.
Row = tuple[str, str, str | None]


def sentence_speakers(path: Path) -> list[tuple[str, str, str | None]]:
    """(sentence, speaker kind, speaker name) for every body sentence, in article order."""
    rows = []
    for passage in attribute(read_article(path)):
        for sentence in split_sentences(passage.text):
            rows.append((sentence, passage.speaker.kind, passage.speaker.name))
    return rows


def assert_golden(path: Path, golden: list[Row]) -> None:
    actual = sentence_speakers(path)
    mismatches = [
        f"sentence {i}: expected {want[1]}/{want[2]} for {want[0]!r}, got {got[1]}/{got[2]} "
        f"for {got[0][:45]!r}"
        for i, (want, got) in enumerate(zip(golden, actual, strict=False))
        if not got[0].startswith(want[0]) or (got[1], got[2]) != (want[1], want[2])
    ]
    assert not mismatches, "\n".join(mismatches)
    assert len(actual) == len(golden), f"{len(actual)} sentences, golden has {len(golden)}"
