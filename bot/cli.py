"""`whosaid`: parse the command line, hand off to one module per subcommand.

Subcommand modules are imported lazily so that `whosaid ask` never pays for Telegram,
trafilatura or rich's progress machinery it does not use.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.errors import UserError
from index.errors import BuildFailed, DiskFull

# Exit codes (README, "Exit codes"): scripts tell "no answer" from "the machine failed".
EXIT_OK = 0
EXIT_NO_RESULTS = 1
EXIT_USAGE = 2  # a mistake in the command or its input
EXIT_WORKER_DIED = 3  # a worker process was killed (kill -9, out of memory); nothing changed
EXIT_DISK_FULL = 4  # no room to write the index; the previous index is unchanged
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), as shells report it


class _Help(argparse.HelpFormatter):
    """Fills in the folders a command really uses by default, read from the settings (the
    environment, `.env`, else the platform's default) only when help is shown."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help
        if text and "{default_" in text:
            text = text.replace("{default_corpus}", _default("corpus_dir", "WHOSAID_CORPUS_DIR"))
            text = text.replace("{default_index}", _default("index_dir", "WHOSAID_INDEX_DIR"))
        return text


def _default(field: str, variable: str) -> str:
    try:
        from bot.settings import Settings

        value = getattr(Settings(), field)
    except Exception:  # a bad .env must not cost the help text; the command itself reports it
        return f"{variable}, else the default folder"
    return f"{value}; {variable} or .env changes it"


def _paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus", type=Path, metavar="DIR", help="article folder (default: {default_corpus})"
    )
    parser.add_argument(
        "--index", type=Path, metavar="DIR", help="index folder (default: {default_index})"
    )


class _Version(argparse.Action):
    """`whosaid --version`, read from the installed package's metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("whosaid")
        except PackageNotFoundError:  # run from a checkout that was never installed
            number = "unknown (not installed)"
        print(f"whosaid {number}")
        parser.exit()


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
        formatter_class=_Help,
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub_parser = sub.add_parser

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub_parser(name, formatter_class=_Help, **kwargs)

    ask = command("ask", help="top passages for a question, with speaker and source")
    ask.add_argument("question", help="the question; '-' reads one question per line from stdin")
    ask.add_argument("-k", type=_k, default=None, metavar="N", help="how many passages (default 3)")
    ask.add_argument(
        "--speaker",
        metavar="NAME",
        help="only this speaker's passages: a name or surname, an organisation or a group "
        "(as `whosaid speakers` lists them; any case or spelling)",
    )
    ask.add_argument(
        "--json",
        action="store_true",
        help='one JSON object per question: {"query", "took_ms", "corrections", "hits"}',
    )
    _paths(ask)

    chat = command("chat", help="interactive question loop")
    chat.add_argument("-k", type=_k, default=None, metavar="N", help="passages per answer")
    _paths(chat)

    rebuild = command("rebuild", help="build the index from the corpus, atomically")
    _paths(rebuild)

    passages = command("passages", help="attributed passages of files, or of the corpus")
    passages.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="article files (.txt, .md, .html) to attribute, no index needed; none: the corpus",
    )
    passages.add_argument("--json", action="store_true", help="a JSON list of passage objects")
    _paths(passages)

    speakers = command("speakers", help="who speaks in the corpus")
    speakers.add_argument("--json", action="store_true", help="a JSON list of speaker objects")
    _paths(speakers)

    articles = command("articles", help="the articles in the corpus")
    articles.add_argument("--json", action="store_true", help="a JSON list of article objects")
    _paths(articles)

    add = command("add", help="add article files or web pages to the corpus, then rebuild")
    add.add_argument(
        "sources",
        nargs="+",
        metavar="FILE|URL",
        help="article files (.txt, .md, .html) or http(s) addresses to add",
    )
    add.add_argument(
        "--allow-private", action="store_true", help="allow loopback/private addresses"
    )
    _paths(add)

    evaluate = command("eval", help="retrieval quality on the bundled questions vs. naive BM25")
    evaluate.add_argument("--json", action="store_true", help="the figures as one JSON object")
    evaluate.add_argument("--questions", type=Path, metavar="FILE", help="questions JSON file")
    evaluate.add_argument(
        "-v", "--verbose", action="store_true", help="also the rank of each question's answer"
    )
    _paths(evaluate)

    telegram = command("telegram", help="run the Telegram bot (token from TELEGRAM_BOT_TOKEN)")
    _paths(telegram)
    return parser


def _interrupts_raise() -> None:
    """From here on Ctrl-C is a KeyboardInterrupt again (bot/__init__.py made it exit while
    starting), which main turns into exit code 130 and each command may handle its own way."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        module = importlib.import_module(f"bot.commands.{args.command}")
        _interrupts_raise()
        return int(module.run(args))
    except UserError as error:
        from bot.safe_text import terminal_safe

        # Messages quote file names, URLs and questions: one line, nothing a terminal obeys.
        print(f"whosaid: {terminal_safe(str(error), names=True)}", file=sys.stderr)
        return error.exit_code
    except BuildFailed as error:
        print(f"whosaid: {error}", file=sys.stderr)
        return EXIT_DISK_FULL if isinstance(error, DiskFull) else EXIT_WORKER_DIED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # `whosaid ask … | head` closes the pipe early; that is not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
