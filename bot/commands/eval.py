"""`whosaid eval [--json]`: hit@1, hit@3 and MRR on the bundled questions beside naive BM25."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.cli import EXIT_OK
from bot.commands._searcher import open_searcher_for
from bot.errors import UserError
from bot.safe_text import terminal_safe


def run(args: argparse.Namespace) -> int:
    from index.evaluate import DEFAULT_QUESTIONS, evaluate, load_questions

    path = Path(getattr(args, "questions", None) or DEFAULT_QUESTIONS)
    try:
        questions = load_questions(path)
    except FileNotFoundError:
        raise UserError(f"no questions file at {path} (give one with --questions FILE)") from None
    except (ValueError, KeyError, TypeError) as error:
        raise UserError(f"{path} is not a questions file ({error})") from None
    searcher, _ = open_searcher_for(args)
    result = evaluate(searcher, questions)
    rows = [("whosaid", result.ours), ("naive rank-bm25", result.naive)]
    if args.json:
        print(
            json.dumps(
                {
                    name: {
                        "questions": m.questions,
                        "hit@1": round(m.hit_at_1, 4),
                        "hit@3": round(m.hit_at_3, 4),
                        "mrr": round(m.mrr, 4),
                    }
                    for name, m in rows
                },
                indent=1,
            )
        )
        return EXIT_OK
    print(f"{len(questions)} questions from {terminal_safe(str(path), names=True)}")
    print(f"{'':<16}  {'hit@1':>6}  {'hit@3':>6}  {'MRR':>6}")
    for name, m in rows:
        print(f"{name:<16}  {m.hit_at_1:>6.3f}  {m.hit_at_3:>6.3f}  {m.mrr:>6.3f}")
    if getattr(args, "verbose", False):
        print()
        for question, ours, naive in zip(
            result.questions, result.ours.ranks, result.naive.ranks, strict=True
        ):
            print(f"{_rank(ours):>3} {_rank(naive):>3}  {terminal_safe(question.question)}")
    return EXIT_OK


def _rank(rank: int | None) -> str:
    return "-" if rank is None else str(rank)
