"""Article files for the fault tests: a distinctive new article and a generated archive big
enough that a rebuild takes seconds (so it can be killed, or raced, in the middle)."""

from __future__ import annotations

from pathlib import Path

from corpus.bench import generate_articles

BEES = """+++
title = "Steppe Beekeepers Face a Hard Winter"
publisher = "Field & Hive"
date = 2015-02-01
url = "https://example.org/bees"
+++

Beekeepers in the steppe lost many hives this winter.

“The frost came early and the bees never recovered,” said Aigerim Bekova, a beekeeper from Taraz.
"""
BEES_QUESTION = "beekeepers frost hives"
BEES_SPEAKER = "Aigerim Bekova"


def add_archive(corpus: Path, articles: int = 70, paragraphs: int = 40) -> None:
    """`articles` generated news articles (about 45 passages each) and the beekeepers' article."""
    for number, text in enumerate(generate_articles(articles, paragraphs=paragraphs, seed=7)):
        (corpus / f"generated-{number:04d}.txt").write_text(text, encoding="utf-8")
    (corpus / "2015-02-01-steppe-beekeepers.txt").write_text(BEES, encoding="utf-8")
