"""The benchmark's synthetic archive reads like news to the real pipeline, and a tiny run works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus.attribution import attribute
from corpus.reader import read_article
from index import bench


def test_generated_articles_attribute_to_named_speakers(tmp_path: Path) -> None:
    queries = bench.generate_corpus(tmp_path, 200, seed=3)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 5  # about 40 passages per article
    assert queries
    counts = []
    people: set[str | None] = set()
    for path in files:
        article = read_article(path)
        assert article.title and article.date and article.url
        passages = attribute(article)
        counts.append(len(passages))
        # Quoted people, each introduced as "NAME, ROLE", in every article.
        named = {p.speaker.name for p in passages if p.speaker.kind == "person"}
        assert named
        people |= named
    assert len(people) >= 8
    assert 25 <= sum(counts) / len(counts) <= 60


def test_same_seed_same_corpus(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert bench.generate_corpus(a, 80, seed=5) == bench.generate_corpus(b, 80, seed=5)
    assert [p.read_text() for p in sorted(a.iterdir())] == [
        p.read_text() for p in sorted(b.iterdir())
    ]


def test_a_tiny_benchmark_run_prints_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench.main(
        ["--passages", "400", "--queries", "8", "--no-cli", "--workdir", str(tmp_path / "w")]
    )
    out = capsys.readouterr().out
    assert re.search(r"top-10 identical to BM25Okapi\s+8/8", out), out
    assert re.search(r"incremental: \+1 article rebuild\s+[\d.]+ s, re-read 1 of 11 articles", out)
    assert re.search(r"semantic: embed passages\s+\d+ passages/s \(50 sampled\)", out), out
    for row in ("build s", "load s", "RSS MB serving", "search took_ms", "naive get_scores"):
        assert row in out
