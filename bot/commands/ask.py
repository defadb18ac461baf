"""`whosaid ask "QUESTION"` (`-`: one question per line on stdin): the passages that answer it."""

from __future__ import annotations

import argparse
import io
import sys

from bot.cli import EXIT_NO_RESULTS, EXIT_OK
from bot.commands._searcher import example_speakers, open_searcher_for, resolve_speaker
from bot.errors import UserError
from index.results import SearchResult
from index.search import Searcher


def _questions(question: str, *, speaker: str | None) -> list[str]:
    if question != "-":
        if not question.strip() and not speaker:  # with --speaker: all their passages
            raise UserError('the question is empty; try `whosaid ask "who is Pyotr Svoik?"`')
        return [question]
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")  # a stray byte must not cost the whole batch
    lines = [line.strip() for line in sys.stdin if line.strip()]
    if not lines:
        raise UserError("no questions on stdin (`whosaid ask -` reads one question per line)")
    return lines


def _answer(searcher: Searcher, question: str, k: int, speaker: str | None) -> SearchResult:
    return searcher.search(question, k, speaker=speaker)


def run(args: argparse.Namespace) -> int:
    questions = _questions(args.question, speaker=args.speaker)
    searcher, settings = open_searcher_for(args)
    speaker = resolve_speaker(searcher, args.speaker)
    k = settings.top_k
    batch = args.question == "-"
    unanswered = 0
    for position, question in enumerate(questions):
        result = _answer(searcher, question, k, speaker)
        if not result.hits:
            unanswered += 1
        if args.json:
            from bot.render_json import result_line

            print(result_line(result), flush=batch)
            continue
        from bot.render_terminal import no_results_text, print_result, printable

        if batch:
            if position:
                print()
            print(f"Q: {printable(question)}")
        if result.hits:
            print_result(result)
        else:
            examples = [] if speaker else example_speakers(searcher)
            print(no_results_text(result, speaker=speaker, examples=examples))
        if batch:
            sys.stdout.flush()
    return EXIT_NO_RESULTS if unanswered else EXIT_OK
