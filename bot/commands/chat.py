"""`whosaid chat`: ask, then follow up ("more", "what else did he say?", "and Svoik?")."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

from bot.cli import EXIT_OK
from bot.commands._searcher import example_speakers, open_searcher_for
from index.search import Searcher

_QUIT = {"quit", "exit", "q", ":q", "bye"}
_HELP = (
    "Ask a question about the articles. Follow up with `more`, `what else did he say?` or "
    "`and Svoik?`. Ctrl-C cancels a line; `quit`, Ctrl-D or Ctrl-C twice leaves."
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


def _label(searcher: Searcher, name: str) -> str:
    """How `whosaid speakers` shows a speaker: "unnamed experts", not "experts"."""
    from corpus.models import Speaker

    found = searcher.find_speaker(name)
    return Speaker(name=name, kind=found.kind).label if found else name  # type: ignore[arg-type]


def _read(interactive: bool) -> str | None:
    """One line; None at the end of input. Ctrl-C propagates as KeyboardInterrupt."""
    if interactive:
        try:
            return input("whosaid> ")
        except EOFError:
            print()  # Ctrl-D: leave the shell's prompt on a line of its own
            return None
    text = sys.stdin.readline()
    return text or None


def run(args: argparse.Namespace) -> int:
    from bot.conversation import Conversation, search_turn
    from bot.render_terminal import no_results_text, print_result, printable

    searcher, settings = open_searcher_for(args)
    interactive = sys.stdin.isatty()
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    history = _line_editing() if interactive else None
    if interactive:
        print(_HELP)
    conversation = Conversation()
    interrupted = False  # the last key was Ctrl-C: a second one leaves
    try:
        while True:
            try:
                text = _read(interactive)
            except KeyboardInterrupt:
                print()  # the cancelled line stays as typed; the prompt starts afresh
                if interrupted or not interactive:
                    break
                interrupted = True
                print("(cancelled; Ctrl-C again or Ctrl-D leaves)")
                continue
            interrupted = False
            if text is None:
                break
            text = text.strip()
            if not text:
                continue
            if text.lower() in _QUIT:
                break
            if text.lower() in {"help", "?"}:
                print(_HELP)
                continue
            try:
                turn = conversation.interpret(text, searcher)
                if turn.reply is not None:
                    print(printable(turn.reply, 400))
                    print()
                    continue
                result = search_turn(searcher, turn, settings.top_k)
                if turn.speaker and not turn.is_more:
                    print(f"(only {printable(_label(searcher, turn.speaker))})")
                if result.hits:
                    print_result(result)
                else:
                    examples = [] if turn.speaker else example_speakers(searcher)
                    print(
                        no_results_text(result, speaker=turn.speaker, examples=examples, chat=True)
                    )
                if result.hits and result.total > result.offset + len(result.hits):
                    print(f"({result.total - result.offset - len(result.hits)} more: type `more`)")
                print()
                sys.stdout.flush()
            except KeyboardInterrupt:
                print("\n(cancelled)")
                continue
            conversation.record(turn, result)
    finally:
        if interactive:
            _save_history(history)
    return EXIT_OK
