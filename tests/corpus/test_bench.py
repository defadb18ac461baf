"""The attribution benchmark runs, and its generated articles exercise real attribution."""

from __future__ import annotations

import pytest

from corpus.attribution import attribute
from corpus.bench import generate_articles, main
from corpus.reader import parse_article


def test_generated_articles_hold_every_kind_of_speaker() -> None:
    texts = generate_articles(30, paragraphs=20, seed=3)
    assert texts == generate_articles(30, paragraphs=20, seed=3)  # reproducible
    kinds = {
        passage.speaker.kind
        for number, text in enumerate(texts)
        for passage in attribute(parse_article(text, article_id=f"g{number}"))
    }
    assert kinds == {"person", "organisation", "unnamed", "narrator", "unknown"}


def test_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--articles", "20", "--paragraphs", "5"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("20 generated articles, 100 paragraphs, ")
    assert lines[1].split() == ["stage", "wall", "s", "cpu", "s", "articles/s", "passages/s"]
    assert [line.split()[0] for line in lines[2:]] == ["read", "attribute", "read"]
