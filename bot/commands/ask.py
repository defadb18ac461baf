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
from index.speakers import SpeakerMatch


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


def _answer(
    searcher: Searcher, question: str, k: int, speaker: SpeakerMatch | None
) -> SearchResult:
    result = searcher.search(question, k, speaker=speaker.name if speaker else None)
    if speaker is not None and speaker.corrected:
        # Reported like a corrected word: "searched for: Andrei Grishin (instead of grishn)".
        corrections = {speaker.typed: speaker.name, **result.corrections}
        result = result.model_copy(update={"corrections": corrections})
    return result


def run(args: argparse.Namespace) -> int:
    """Exit 0 when answered, 1 when a single question has no answer; a batch (`ask -`) exits 0
    once every line was answered or said to have none: per-line outcomes are in the output."""
    questions = _questions(args.question, speaker=args.speaker)
    searcher, settings = open_searcher_for(args)
    speaker = resolve_speaker(searcher, args.speaker)
    name = speaker.name if speaker else None
    if speaker is not None and speaker.others:
        from bot.render_terminal import printable

        print(
            f"whosaid: “{printable(speaker.typed, 60)}” may also mean "
            f"{', '.join(speaker.others)}; showing {speaker.name} (give the full name to choose)",
            file=sys.stderr,
        )
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
        from bot.render_terminal import corrections_line, no_results_text, print_result, printable

        if batch:
            if position:
                print()
            print(f"Q: {printable(question)}")
        if result.hits:
            print_result(result)
        else:
            note = corrections_line(result.corrections)
            if note:
                print(note)
            examples = [] if speaker else example_speakers(searcher)
            print(no_results_text(result, speaker=name, examples=examples))
        if batch:
            sys.stdout.flush()
    return EXIT_NO_RESULTS if unanswered and not batch else EXIT_OK
