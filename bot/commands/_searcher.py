"""Open the index for a command: index problems become one-line user errors, notes go to stderr."""

from __future__ import annotations

import argparse
import shlex
import sys

from bot.config import settings_for
from bot.errors import UserError
from bot.safe_text import terminal_safe
from bot.settings import Settings
from index.errors import BuildError, IndexProblem
from index.search import Searcher
from index.speakers import SpeakerMatch


def rebuild_command(args: argparse.Namespace) -> str:
    """The `whosaid rebuild` a user should run, with the folders they chose on this command."""
    command = "whosaid rebuild"
    if getattr(args, "corpus", None) is not None:
        command += f" --corpus {shlex.quote(str(args.corpus))}"
    if getattr(args, "index", None) is not None:
        command += f" --index {shlex.quote(str(args.index))}"
    return command


def open_searcher_for(args: argparse.Namespace) -> tuple[Searcher, Settings]:
    from index.service import open_searcher

    settings = settings_for(args)
    if not settings.corpus_dir.is_dir():
        # An index built from another folder would answer, but not about what was asked for.
        raise UserError(f"corpus folder {settings.corpus_dir} does not exist")
    command = rebuild_command(args)
    try:
        searcher, notes = open_searcher(
            settings.corpus_dir, settings.index_dir, rebuild_command=command
        )
    except BuildError as error:
        raise UserError(str(error)) from None
    except IndexProblem as error:
        message = str(error)
        if "whosaid rebuild" not in message:
            message += f"; run `{command}`"
        else:  # the library names the bare command; the user needs their --corpus/--index
            message = message.replace("`whosaid rebuild`", f"`{command}`")
        raise UserError(message) from None
    except OSError as error:
        raise UserError(f"cannot use the index: {error.strerror or error}") from None
    for note in notes:
        print(f"whosaid: {terminal_safe(note, names=True)}", file=sys.stderr)
    return searcher, settings


def resolve_speaker(searcher: Searcher, name: str | None) -> SpeakerMatch | None:
    """The speaker --speaker names (any form, case, spelling or a typo of it), or a user error
    naming who can be asked about."""
    if name is None:
        return None
    found = searcher.find_speaker(name)
    if found is None:
        people = example_speakers(searcher, limit=4)
        hint = f" (for example {', '.join(people)})" if people else ""
        from bot.render_terminal import printable

        shown = printable(name, 60)
        raise UserError(f"nobody called “{shown}” is quoted; `whosaid speakers` lists who is{hint}")
    return found


def example_speakers(searcher: Searcher, limit: int = 2) -> list[str]:
    return [s.name for s in searcher.speakers() if s.kind == "person" and s.name][:limit]
