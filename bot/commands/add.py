"""`whosaid add FILE|URL …`: put articles into the corpus, one report line per source, then
rebuild the index (incrementally: unchanged articles come from the build cache)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bot.config import settings_for
from bot.errors import UserError
from bot.safe_text import terminal_safe
from corpus.fetch import FetchError, PrivateAddress, fetch
from corpus.library import AddRefused, Library, text_of_file, text_of_page

EXIT_ALL_ADDED = 0
EXIT_SOME_REFUSED = 1
# "http://…", "file:…", "javascript:…": a scheme of two letters or more (so "C:\x.txt" is a path).
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def _one_line(text: object) -> str:
    """A file name, URL or message quoting one, as one line a terminal shows but never obeys."""
    return terminal_safe(str(text), names=True)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _article_text(source: str, *, allow_private: bool) -> str:
    if _SCHEME.match(source):
        try:
            page = fetch(source, allow_private=allow_private)
        except PrivateAddress as error:
            raise AddRefused(f"{error} (--allow-private fetches it anyway)") from None
        except FetchError as error:
            raise AddRefused(str(error)) from None
        return text_of_page(page.text, kind=page.kind, url=page.url)
    return text_of_file(Path(source))


def _notice(message: str) -> None:
    print(f"whosaid: {message}", file=sys.stderr, flush=True)


def _rebuild(corpus_dir: Path, index_dir: Path) -> bool:
    from index.build import build_index  # lazy: only when something was added
    from index.errors import BuildError, BuildFailed, IndexProblem

    try:
        report = build_index(corpus_dir, index_dir, notice=_notice)
    except BuildFailed as error:
        # The articles are saved; the machine stopped the rebuild: its own exit code (bot.cli).
        raise type(error)(f"{error}; the articles were added, run `whosaid rebuild`") from None
    except (BuildError, IndexProblem, OSError, ValueError) as error:
        print(f"index not rebuilt: {_one_line(str(error))}; run `whosaid rebuild`")
        return False
    for line in report.skipped:
        print(f"skipped: {_one_line(line)}")
    print(
        f"index rebuilt: {_count(report.articles, 'article')}, "
        f"{_count(report.passages, 'passage')} ({report.seconds:.1f} s)"
    )
    return True


def run(args: argparse.Namespace) -> int:
    settings = settings_for(args)
    sources: list[str] = list(args.sources)
    if not sources or any(not source.strip() for source in sources):
        raise UserError("add takes one or more files or http(s) URLs (an empty one was given)")
    library = Library(settings.corpus_dir)
    added = 0
    for source in sources:
        shown = _one_line(source)
        try:
            result = library.add_text(_article_text(source, allow_private=args.allow_private))
        except AddRefused as error:
            print(f"{shown}: refused: {_one_line(str(error))}")
            continue
        except OSError as error:  # the corpus folder itself cannot be written
            where = _one_line(settings.corpus_dir)
            print(f"{shown}: refused: cannot write to {where} ({error.strerror})")
            continue
        added += 1
        print(f"{shown}: added as {_one_line(result.path)}")
    rebuilt = _rebuild(settings.corpus_dir, settings.index_dir) if added else True
    return EXIT_ALL_ADDED if added == len(sources) and rebuilt else EXIT_SOME_REFUSED
