"""`whosaid rebuild`: corpus -> index, atomically; a progress bar when it takes a while."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from bot.cli import EXIT_OK
from bot.config import settings_for
from bot.errors import UserError
from bot.safe_text import terminal_safe

# Show a progress bar only once a build has run this long with this many files still to go:
# quick rebuilds stay one quiet line, and a handful of files never flash a bar (however slow
# a loaded machine is).
_BAR_AFTER_S = 0.5
_BAR_FROM_FILES = 20


class _Bar:
    """Starts a rich progress bar on stderr the first time progress is slow enough to watch."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.progress: Any = None
        self.task: Any = None
        self.enabled = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.progress is None:
            if time.perf_counter() - self.started < _BAR_AFTER_S or total - done < _BAR_FROM_FILES:
                return
            from rich.progress import Progress

            self.progress = Progress(transient=True)
            self.progress.start()
            self.task = self.progress.add_task("reading articles", total=total)
        self.progress.update(self.task, completed=done, total=total)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _notice(message: str) -> None:
    print(f"whosaid: {message}", file=sys.stderr, flush=True)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def run(args: argparse.Namespace) -> int:
    from index.build import build_index
    from index.errors import BuildError, IndexProblem

    settings = settings_for(args)
    bar = _Bar()
    try:
        report = build_index(settings.corpus_dir, settings.index_dir, progress=bar, notice=_notice)
    except (BuildError, IndexProblem) as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"cannot write the index: {error}") from None
    finally:
        bar.close()
    for line in report.skipped:
        print(f"skipped: {terminal_safe(line, names=True)}", file=sys.stderr)
    print(
        f"Indexed {_plural(report.articles, 'article')}: {_plural(report.passages, 'passage')}, "
        f"{_plural(report.speakers, 'speaker')} in {report.seconds:.2f} s "
        f"({report.attributed} read, {report.reused} unchanged)."
    )
    return EXIT_OK
