"""Retrieval quality: hit@1, hit@3, MRR and "no answer" of whosaid beside plain rank-bm25.

An evaluation set is a folder of `index/evalsets/` with a `questions.json`:
`{"name", "description", "questions": [{"question", "article", "answer", "also"?}],
"unanswerable": [...]}`
and, for a set about articles of its own, an `articles/` folder. Each set is indexed from its own
corpus into a temporary folder: its articles together with the bundled article (so that its
unanswerable questions face a real mixed corpus, where a country's name or "say" matches
something somewhere), or, for a set without articles (`bundled`), the bundled corpus alone,
whose answerable questions are `index/questions.json`.

A question counts as answered at rank r when the r-th result is from the question's article and
contains its answer (a verbatim piece of the passage that answers it; compared after folding
case and typography), or one of its `also` answers: pieces of other passages that answer it
just as well, given only where several passages genuinely do ("what did X say", no topic).
MRR looks `DEPTH` results deep. An unanswerable question counts as handled when the answer is
"no answer" (no hits). A set marked `"held_out": true` (`holdout`, `holdout2`) was written apart
from search tuning: its figures count like any other's, but its questions are not to be read
while tuning, and `whosaid eval -v` does not list them.

The naive baseline is what one gets from rank-bm25's README: BM25Okapi over the corpus's
paragraphs split on whitespace (lower-cased, so that it is not beaten on capitals alone); its
"no answer" is a best score of 0 or less, which almost never happens.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.search import Searcher
from index.tokenize import normalise

PACKAGE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = PACKAGE / "questions.json"  # the bundled article's, ships with the package
EVALSETS = PACKAGE / "evalsets"
DEPTH = 10  # MRR looks this deep; a later answer counts as not found

Results = list[tuple[str, str]]  # (article id, text) of each result, best first


@dataclass(frozen=True)
class Question:
    question: str
    answer: str
    article: str | None = None  # the article id the answer is in (None: any)
    # Pieces of other passages that answer it as well: only for questions that several passages
    # genuinely answer, such as "what did X say" with no topic (any passage of X's).
    also: tuple[str, ...] = ()

    @property
    def answers(self) -> tuple[str, ...]:
        return (self.answer, *self.also)


@dataclass(frozen=True)
class EvalSet:
    name: str
    description: str
    questions: list[Question]
    unanswerable: list[str]
    articles: Path | None  # the set's own articles (None: the bundled corpus alone)
    # Written apart from search tuning ("held_out": true): its figures are reported, its
    # questions never shown, so that they keep measuring how well search generalises.
    held_out: bool = False


@dataclass
class Metrics:
    questions: int = 0
    hit_at_1: float = 0.0
    hit_at_3: float = 0.0
    mrr: float = 0.0
    ranks: list[int | None] = field(default_factory=list)
    unanswerable: int = 0
    no_answer: float = 0.0  # share of unanswerable questions answered "no answer"
    answered: list[bool] = field(default_factory=list)  # per unanswerable question


@dataclass
class Evaluation:
    ours: Metrics
    naive: Metrics
    questions: list[Question]
    unanswerable: list[str] = field(default_factory=list)
    name: str = ""
    held_out: bool = False


def load_questions(path: Path = DEFAULT_QUESTIONS) -> list[Question]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["questions"] if isinstance(data, dict) else data
    default_article = data.get("article") if isinstance(data, dict) else None
    return [
        Question(
            str(item["question"]),
            str(item["answer"]),
            item.get("article", default_article),
            tuple(str(a) for a in item.get("also", ())),
        )
        for item in items
    ]


def load_unanswerable(path: Path) -> list[str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [str(q) for q in data.get("unanswerable", [])] if isinstance(data, dict) else []


def load_sets(root: Path = EVALSETS) -> list[EvalSet]:
    """Every evaluation set under `root`, the bundled one first, then by name."""
    sets = []
    folders = sorted(p.parent for p in root.glob("*/questions.json")) if root.is_dir() else []
    if not any(folder.name == "bundled" for folder in folders):
        sets.append(_bundled(None))
    for folder in folders:
        path = folder / "questions.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        articles = folder / "articles"
        if not articles.is_dir():
            sets.append(_bundled(path))
            continue
        sets.append(
            EvalSet(
                name=str(data.get("name", folder.name)),
                description=str(data.get("description", "")),
                questions=load_questions(path),
                unanswerable=load_unanswerable(path),
                articles=articles,
                held_out=bool(data.get("held_out", False)),
            )
        )
    sets.sort(key=lambda s: (s.articles is not None, s.name))
    return sets


def _bundled(path: Path | None) -> EvalSet:
    """The bundled article's set: index/questions.json, plus the set file's questions."""
    questions = load_questions(DEFAULT_QUESTIONS)
    unanswerable: list[str] = []
    name, description = "bundled", "questions about the bundled article"
    if path is not None:
        data = json.loads(path.read_text(encoding="utf-8"))
        questions += load_questions(path)
        unanswerable = load_unanswerable(path)
        name = str(data.get("name", name))
        description = str(data.get("description", description))
    return EvalSet(name, description, questions, unanswerable, None)


def fold(text: str) -> str:
    """Text as answers are compared: case and typography folded, spaces collapsed."""
    return " ".join(normalise(text).split())


def rank_of(
    results: Sequence[str] | Results,
    answer: str | Sequence[str],
    article: str | None = None,
) -> int | None:
    """1-based rank of the first result (of the question's article) containing the answer
    (or any one of several answers)."""
    wanted = [fold(answer)] if isinstance(answer, str) else [fold(a) for a in answer]
    for rank, result in enumerate(results, start=1):
        found_in, text = result if isinstance(result, tuple) else (None, result)
        if article is not None and found_in is not None and found_in != article:
            continue
        folded = fold(text)
        if any(piece in folded for piece in wanted):
            return rank
    return None


def metrics(ranks: list[int | None], answered: list[bool] | None = None) -> Metrics:
    n = len(ranks)
    answered = answered or []
    unanswerable = len(answered)
    no_answer = sum(1 for a in answered if not a) / unanswerable if unanswerable else 0.0
    if not n:
        return Metrics(unanswerable=unanswerable, no_answer=no_answer, answered=answered)
    return Metrics(
        questions=n,
        hit_at_1=sum(1 for r in ranks if r == 1) / n,
        hit_at_3=sum(1 for r in ranks if r is not None and r <= 3) / n,
        mrr=sum(1 / r for r in ranks if r is not None) / n,
        ranks=ranks,
        unanswerable=unanswerable,
        no_answer=no_answer,
        answered=answered,
    )


def _measure(
    questions: Sequence[Question], unanswerable: Sequence[str], search: Callable[[str], Results]
) -> Metrics:
    ranks = [rank_of(search(q.question), q.answers, q.article) for q in questions]
    return metrics(ranks, [bool(search(q)) for q in unanswerable])


def naive_searcher(
    paragraphs: Sequence[str] | Sequence[tuple[str, str]],
) -> Callable[[str], Results]:
    from rank_bm25 import BM25Okapi

    items = [p if isinstance(p, tuple) else ("", p) for p in paragraphs]
    okapi: Any = BM25Okapi([text.lower().split() for _, text in items])

    def search(question: str) -> Results:
        scores = okapi.get_scores(question.lower().split())
        order = sorted(range(len(items)), key=lambda i: (-scores[i], i))
        return [items[i] for i in order[:DEPTH] if scores[i] > 0]

    return search


def evaluate(
    searcher: Searcher, questions: Sequence[Question], unanswerable: Sequence[str] = ()
) -> Evaluation:
    """Both searches on one opened index, whose articles are also the baseline's corpus."""

    def ours(question: str) -> Results:
        return [
            (hit.passage.article_id, hit.passage.text)
            for hit in searcher.search(question, DEPTH).hits
        ]

    paragraphs: list[tuple[str, str]] = []
    for summary in searcher.articles():
        record = searcher.store.article(summary.id)
        if record is not None:
            paragraphs.extend((summary.id, p) for p in record.paragraphs)
    return Evaluation(
        ours=_measure(questions, unanswerable, ours),
        naive=_measure(questions, unanswerable, naive_searcher(paragraphs)),
        questions=list(questions),
        unanswerable=list(unanswerable),
    )


@contextmanager
def set_corpus(evalset: EvalSet) -> Iterator[Path]:
    """The corpus folder a set is indexed from (a temporary one for a set with articles)."""
    from corpus.loader import iter_article_files
    from corpus.paths import BUNDLED_CORPUS_DIR

    if evalset.articles is None:
        yield BUNDLED_CORPUS_DIR
        return
    with tempfile.TemporaryDirectory(prefix="whosaid-eval-") as tmp:
        corpus = Path(tmp) / "articles"
        corpus.mkdir()
        for path in [
            *iter_article_files(BUNDLED_CORPUS_DIR),
            *iter_article_files(evalset.articles),
        ]:
            shutil.copy2(path, corpus / path.name)
        yield corpus


def evaluate_set(evalset: EvalSet) -> Evaluation:
    """Index the set's corpus in a temporary folder and evaluate both searches on it."""
    from index.build import build_index

    with set_corpus(evalset) as corpus, tempfile.TemporaryDirectory(prefix="whosaid-") as tmp:
        index_dir = Path(tmp) / "index"
        build_index(corpus, index_dir)
        searcher = Searcher.open(index_dir)
        try:
            result = evaluate(searcher, evalset.questions, evalset.unanswerable)
        finally:
            searcher.close()
    result.name = evalset.name
    result.held_out = evalset.held_out
    return result


def overall(evaluations: Sequence[Evaluation]) -> Evaluation:
    """All sets' questions pooled (each question counts once, whatever its set)."""
    ours = metrics(
        [r for e in evaluations for r in e.ours.ranks],
        [a for e in evaluations for a in e.ours.answered],
    )
    naive = metrics(
        [r for e in evaluations for r in e.naive.ranks],
        [a for e in evaluations for a in e.naive.answered],
    )
    return Evaluation(
        ours=ours,
        naive=naive,
        questions=[q for e in evaluations for q in e.questions],
        unanswerable=[q for e in evaluations for q in e.unanswerable],
        name="all",
    )
