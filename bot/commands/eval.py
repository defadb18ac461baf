"""`whosaid eval [--json] [-v] [--questions FILE]`: whosaid beside naive rank-bm25.

Without --questions: every evaluation set of index/evalsets, each indexed from its own corpus
(index.evaluate), per set and over all of them. With --questions FILE: that one file over the
corpus and index this command is pointed at.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.cli import EXIT_OK
from bot.errors import UserError
from bot.safe_text import terminal_safe
from index.evaluate import Evaluation, Metrics


def run(args: argparse.Namespace) -> int:
    from index.evaluate import evaluate, evaluate_set, load_questions, load_sets, overall

    path = getattr(args, "questions", None)
    if path is not None:
        from bot.commands._searcher import open_searcher_for

        try:
            questions = load_questions(Path(path))
        except FileNotFoundError:
            raise UserError(f"no questions file at {path}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise UserError(f"{path} is not a questions file ({error})") from None
        searcher, _ = open_searcher_for(args)
        result = evaluate(searcher, questions)
        result.name = Path(path).stem
        evaluations = [result]
    else:
        evaluations = [evaluate_set(evalset) for evalset in load_sets()]
        if not evaluations:
            raise UserError("no evaluation sets found")
        evaluations.append(overall(evaluations))
    if args.json:
        print(json.dumps({e.name: _figures(e) for e in evaluations}, indent=1))
        return EXIT_OK
    print(_table(evaluations))
    if getattr(args, "verbose", False):
        for evaluation in evaluations:
            if evaluation.name == "all" and len(evaluations) > 1:
                continue
            if evaluation.held_out:
                print(f"\n{evaluation.name}: held out from tuning; its questions are not listed")
                continue
            print(f"\n{evaluation.name}: rank of the answer (whosaid, naive), question")
            for question, ours, naive in zip(
                evaluation.questions, evaluation.ours.ranks, evaluation.naive.ranks, strict=True
            ):
                print(f"{_rank(ours):>3} {_rank(naive):>3}  {terminal_safe(question.question)}")
            for question, ours_a, naive_a in zip(
                evaluation.unanswerable,
                evaluation.ours.answered,
                evaluation.naive.answered,
                strict=True,
            ):
                said = f"{_said(ours_a):>3} {_said(naive_a):>3}"
                print(f"{said}  {terminal_safe(question)}  (unanswerable)")
    print(f"\nwhosaid ranked by {_ranking()}")
    return EXIT_OK


def _ranking() -> str:
    """What ranked whosaid's answers: the figures differ with the semantic rerank."""
    from index import embed

    if not embed.enabled():
        return f"BM25 alone (the semantic rerank is off: {embed.SETTING}=off)"
    if embed.encoder() is None:
        return "BM25 alone (the semantic rerank's model is not installed)"
    return f"BM25, then the semantic rerank ({embed.MODEL})"


def _figures(evaluation: Evaluation) -> dict[str, dict[str, float | int]]:
    return {
        name: {
            "questions": m.questions,
            "hit@1": round(m.hit_at_1, 4),
            "hit@3": round(m.hit_at_3, 4),
            "mrr": round(m.mrr, 4),
            "unanswerable": m.unanswerable,
            "no_answer": round(m.no_answer, 4),
        }
        for name, m in (("whosaid", evaluation.ours), ("naive rank-bm25", evaluation.naive))
    }


def _table(evaluations: list[Evaluation]) -> str:
    head = (
        f"{'set':<10} {'search':<16} {'questions':>9} {'hit@1':>6} {'hit@3':>6} {'MRR':>6}"
        f" {'unanswerable':>12} {'no answer':>9}"
    )
    lines = [head]
    for evaluation in evaluations:
        for position, (name, m) in enumerate(
            (("whosaid", evaluation.ours), ("naive rank-bm25", evaluation.naive))
        ):
            label = evaluation.name if position == 0 else ""
            lines.append(f"{label:<10} {name:<16} {_row(m)}")
    return "\n".join(lines)


def _row(m: Metrics) -> str:
    return (
        f"{m.questions:>9} {m.hit_at_1:>6.3f} {m.hit_at_3:>6.3f} {m.mrr:>6.3f}"
        f" {m.unanswerable:>12} {m.no_answer:>9.3f}"
    )


def _rank(rank: int | None) -> str:
    return "-" if rank is None else str(rank)


def _said(answered: bool) -> str:
    return "ans" if answered else "no"
