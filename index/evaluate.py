"""Retrieval quality: hit@1, hit@3 and MRR of whosaid beside plain rank-bm25 on paragraphs.

A question counts as answered at rank r when the r-th result contains the question's answer
(a verbatim piece of the passage that answers it; compared after folding case and typography).
The naive baseline is what one gets from rank-bm25's README: BM25Okapi over the article's
paragraphs split on whitespace (lower-cased, so that it is not beaten on capitals alone).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.search import Searcher
from index.tokenize import normalise

DEFAULT_QUESTIONS = Path(__file__).resolve().parent / "questions.json"  # ships with the package
DEPTH = 10  # MRR looks this deep; a later answer counts as not found


@dataclass(frozen=True)
class Question:
    question: str
    answer: str


@dataclass
class Metrics:
    questions: int = 0
    hit_at_1: float = 0.0
    hit_at_3: float = 0.0
    mrr: float = 0.0
    ranks: list[int | None] = field(default_factory=list)


@dataclass
class Evaluation:
    ours: Metrics
    naive: Metrics
    questions: list[Question]


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[Question]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["questions"] if isinstance(data, dict) else data
    return [Question(str(item["question"]), str(item["answer"])) for item in items]


def _fold(text: str) -> str:
    return " ".join(normalise(text).split())


def rank_of(results: Sequence[str], answer: str) -> int | None:
    """1-based rank of the first result containing the answer."""
    wanted = _fold(answer)
    for rank, text in enumerate(results, start=1):
        if wanted in _fold(text):
            return rank
    return None


def metrics(ranks: list[int | None]) -> Metrics:
    n = len(ranks)
    if not n:
        return Metrics()
    return Metrics(
        questions=n,
        hit_at_1=sum(1 for r in ranks if r == 1) / n,
        hit_at_3=sum(1 for r in ranks if r is not None and r <= 3) / n,
        mrr=sum(1 / r for r in ranks if r is not None) / n,
        ranks=ranks,
    )


def _measure(questions: Sequence[Question], search: Callable[[str], list[str]]) -> Metrics:
    return metrics([rank_of(search(q.question), q.answer) for q in questions])


def naive_searcher(paragraphs: Sequence[str]) -> Callable[[str], list[str]]:
    from rank_bm25 import BM25Okapi

    okapi: Any = BM25Okapi([p.lower().split() for p in paragraphs])

    def search(question: str) -> list[str]:
        scores = okapi.get_scores(question.lower().split())
        order = sorted(range(len(paragraphs)), key=lambda i: (-scores[i], i))
        return [paragraphs[i] for i in order[:DEPTH] if scores[i] > 0]

    return search


def evaluate(searcher: Searcher, questions: Sequence[Question]) -> Evaluation:
    def ours(question: str) -> list[str]:
        return [hit.passage.text for hit in searcher.search(question, DEPTH).hits]

    paragraphs: list[str] = []
    for summary in searcher.articles():
        record = searcher.store.article(summary.id)
        if record is not None:
            paragraphs.extend(record.paragraphs)
    return Evaluation(
        ours=_measure(questions, ours),
        naive=_measure(questions, naive_searcher(paragraphs)),
        questions=list(questions),
    )
