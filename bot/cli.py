"""`whosaid`: parse the command line, hand off to one module per subcommand.

Subcommand modules are imported lazily so that `whosaid ask` never pays for Telegram,
trafilatura or rich's progress machinery it does not use.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.errors import UserError

EXIT_OK = 0
EXIT_NO_RESULTS = 1
EXIT_USAGE = 2


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", help="article folder (default: bundled)"
    )
    parser.add_argument("--index", type=Path, metavar="DIR", help="index folder (default: bundled)")


def _k(value: str) -> int:
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"-k takes a whole number, not {value!r}") from None
    if not 1 <= k <= 100:
        raise argparse.ArgumentTypeError("-k takes a number from 1 to 100")
    return k


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="whosaid",
        description="Ask questions about news articles; get the passages that answer them, "
        "with who said it and where it comes from.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ask = sub.add_parser("ask", help="top passages for a question, with speaker and source")
    ask.add_argument("question", help="the question; '-' reads one question per line from stdin")
    ask.add_argument("-k", type=_k, default=None, metavar="N", help="how many passages (default 3)")
    ask.add_argument(
        "--speaker", metavar="NAME", help="only this speaker's passages (name or surname)"
    )
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    _paths(ask)

    chat = sub.add_parser("chat", help="interactive question loop")
    chat.add_argument("-k", type=_k, default=None, metavar="N", help="passages per answer")
    _paths(chat)

    rebuild = sub.add_parser("rebuild", help="build the index from the corpus, atomically")
    _paths(rebuild)

    passages = sub.add_parser("passages", help="attributed passages of files, or of the corpus")
    passages.add_argument("files", nargs="*", type=Path, metavar="FILE")
    passages.add_argument("--json", action="store_true", help="a JSON list of passage objects")
    _paths(passages)

    speakers = sub.add_parser("speakers", help="who speaks in the corpus")
    speakers.add_argument("--json", action="store_true")
    _paths(speakers)

    articles = sub.add_parser("articles", help="the articles in the corpus")
    articles.add_argument("--json", action="store_true")
    _paths(articles)

    add = sub.add_parser("add", help="add article files or web pages to the corpus, then rebuild")
    add.add_argument("sources", nargs="+", metavar="FILE|URL")
    add.add_argument(
        "--allow-private", action="store_true", help="allow loopback/private addresses"
    )
    _paths(add)

    evaluate = sub.add_parser(
        "eval", help="retrieval quality on the bundled questions vs. naive BM25"
    )
    evaluate.add_argument("--json", action="store_true")
    evaluate.add_argument("--questions", type=Path, metavar="FILE", help="questions JSON file")
    evaluate.add_argument(
        "-v", "--verbose", action="store_true", help="also the rank of each question's answer"
    )
    _paths(evaluate)

    telegram = sub.add_parser(
        "telegram", help="run the Telegram bot (token from TELEGRAM_BOT_TOKEN)"
    )
    _paths(telegram)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(f"bot.commands.{args.command}")
    try:
        return int(module.run(args))
    except UserError as error:
        from bot.safe_text import terminal_safe

        # Messages quote file names, URLs and questions: one line, nothing a terminal obeys.
        print(f"whosaid: {terminal_safe(str(error), names=True)}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `whosaid ask … | head` closes the pipe early; that is not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
