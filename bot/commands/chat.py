"""`whosaid chat`: ask, then follow up ("more", "what else did he say?", "and Svoik?")."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

from bot.cli import EXIT_OK
from bot.commands._searcher import open_searcher_for

_QUIT = {"quit", "exit", "q", ":q", "bye"}
_HELP = (
    "Ask a question about the articles. Follow up with `more`, `what else did he say?` or "
    "`and Svoik?`. `quit` or Ctrl-D leaves."
)


def _history_file() -> Path:
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "whosaid" / "history"


def _line_editing() -> Path | None:
    """readline gives arrow keys and history on a terminal; the history survives sessions."""
    try:
        import readline
    except ImportError:  # not every Python has it; the loop works without
        return None
    path = _history_file()
    with contextlib.suppress(OSError):
        readline.read_history_file(path)
    readline.set_history_length(1000)
    return path


def _save_history(path: Path | None) -> None:
    if path is None:
        return
    import readline

    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        readline.write_history_file(path)


def run(args: argparse.Namespace) -> int:
    from bot.conversation import Conversation
    from bot.render_terminal import no_results_text, print_result, printable

    searcher, settings = open_searcher_for(args)
    interactive = sys.stdin.isatty()
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    history = _line_editing() if interactive else None
    if interactive:
        print(_HELP)
    conversation = Conversation()
    try:
        while True:
            try:
                text = input("whosaid> ") if interactive else sys.stdin.readline()
            except EOFError:
                break
            if not interactive and not text:
                break
            text = text.strip()
            if not text:
                continue
            if text.lower() in _QUIT:
                break
            if text.lower() in {"help", "?"}:
                print(_HELP)
                continue
            turn = conversation.interpret(text, searcher.resolve_speaker)
            result = searcher.search(
                turn.query,
                settings.top_k,
                speaker=turn.speaker,
                offset=turn.offset,
                exclude=turn.exclude,
            )
            if turn.speaker and not turn.is_more:
                print(f"(only {printable(turn.speaker)})")
            if result.hits:
                print_result(result)
            else:
                print(no_results_text(result, speaker=turn.speaker, examples=[]))
            if result.hits and result.total > result.offset + len(result.hits):
                print(f"({result.total - result.offset - len(result.hits)} more: type `more`)")
            print()
            sys.stdout.flush()
            conversation.record(turn, result)
    finally:
        if interactive:
            _save_history(history)
    return EXIT_OK
