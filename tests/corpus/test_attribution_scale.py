"""Attribution is linear in an article's size: one big file must not stall a rebuild (issue 11)."""

from __future__ import annotations

import random
import time

from corpus.attribution import attribute
from corpus.bench import _paragraphs
from corpus.models import Article
from corpus.sentences import split_sentences


def _article(size: int, *, one_paragraph: bool) -> Article:
    rng = random.Random(7)
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        paragraphs.extend(_paragraphs(rng, 50))
    body = [" ".join(paragraphs)] if one_paragraph else paragraphs
    return Article(id="big", title="Big", paragraphs=body)


def test_a_2_mb_article_is_attributed_whole() -> None:
    article = _article(2_000_000, one_paragraph=False)
    passages = attribute(article)
    assert passages[-1].paragraph == len(article.paragraphs) - 1
    assert {p.speaker.kind for p in passages} >= {"person", "narrator", "unnamed"}


def _cpu_seconds(article: Article) -> float:
    started = time.process_time()
    attribute(article)
    return time.process_time() - started


def test_four_times_the_text_is_about_four_times_the_work() -> None:
    # One long paragraph is the hard case (every quote and name in one place). The ratio of
    # CPU time, not a time limit: quadratic work would make it about 16, linear about 4.
    small = _article(100_000, one_paragraph=True)
    large = _article(400_000, one_paragraph=True)
    assert len(split_sentences(large.paragraphs[0])) > 3 * len(split_sentences(small.paragraphs[0]))
    _cpu_seconds(small)  # warm the regex caches
    ratio = _cpu_seconds(large) / max(_cpu_seconds(small), 1e-3)
    assert ratio < 9, f"4x the text took {ratio:.1f}x the work"
