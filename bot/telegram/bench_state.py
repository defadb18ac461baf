"""`python -m bot.telegram.bench_state`: size and speed of the bot's state file at its bounds.

Prints one table: the JSON of one chat (typical, and at the 200-answer bound), then writing and
loading MAX_CHATS such chats, and the file's size. Written to a temporary folder.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bot.conversation import Conversation
from bot.telegram.chats import REMEMBERED, ChatState
from bot.telegram.persistence import MAX_CHATS, StateStore, bounded_json

_ARTICLE = "2014-06-26-kazakstans-balancing-act-over-ukraine-ties"


def _chat(answers: int) -> ChatState:
    state = ChatState(
        conversation=Conversation(
            last_query="What happens to people who picket the Russian embassy?",
            last_shown=3,
            last_speaker="Andrei Grishin",
            seen={f"{_ARTICLE}:12:0", f"{_ARTICLE}:14:0"},
        )
    )
    for n in range(answers):
        shown = frozenset({f"{_ARTICLE}:{n % 40}:{i}" for i in range(5)})
        state.remember("a question of about sixty characters, as people type them", None, shown)
    return state


def main() -> None:
    rows = [
        ("one chat, 3 answers", f"{len(bounded_json(_chat(3)).encode()):,} bytes"),
        (
            f"one chat, {REMEMBERED} answers",
            f"{len(bounded_json(_chat(REMEMBERED)).encode()):,} bytes",
        ),
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "state.sqlite3"
        store = StateStore(path)
        texts = {chat: bounded_json(_chat(REMEMBERED)) for chat in range(MAX_CHATS)}
        started = time.perf_counter()
        store.write(texts)
        rows.append((f"write {MAX_CHATS:,} full chats", f"{time.perf_counter() - started:.2f} s"))
        store.close()
        size = sum(f.stat().st_size for f in Path(folder).iterdir())
        rows.append(("file size", f"{size / 2**20:.1f} MiB"))
        started = time.perf_counter()
        loaded = StateStore(path).load()
        rows.append((f"load {len(loaded):,} chats", f"{time.perf_counter() - started:.2f} s"))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>14}")


if __name__ == "__main__":
    main()
