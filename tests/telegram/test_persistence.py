"""The bot's state file: what a chat needs after a restart, within its size and age bounds."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot.conversation import Conversation
from bot.telegram import persistence
from bot.telegram.chats import REMEMBERED, ChatState
from bot.telegram.persistence import StateStore, bounded_json, state_from_json, state_to_json


def _state() -> ChatState:
    state = ChatState(
        conversation=Conversation(
            last_query="picket",
            last_filter=None,
            last_offset=3,
            last_shown=3,
            last_speaker="Andrei Grishin",
            last_exclude=frozenset({"a:1:0"}),
            seen={"a:1:0", "a:2:0"},
        )
    )
    state.remember("picket", None)
    state.remember("", "Andrei Grishin", frozenset({"a:1:0"}))
    return state


def test_a_chat_state_comes_back_as_it_was() -> None:
    state = _state()
    back = state_from_json(json.loads(json.dumps(state_to_json(state))))
    assert back == state
    # New buttons after a restart never reuse a reference an old button carries.
    assert back.remember("new", None) not in state.asked


@pytest.mark.parametrize(
    "stored",
    [None, [], {"format": 99}, {"format": 1, "asked": "x", "conversation": {"seen": 5}}],
)
def test_unreadable_state_is_a_fresh_state(stored: object) -> None:
    assert state_from_json(stored).conversation == Conversation()


def test_a_chat_is_at_most_64_kib_oldest_buttons_first() -> None:
    state = _state()
    for n in range(REMEMBERED):
        state.remember(
            f"question {n} " + "x" * 300, "Someone", frozenset({f"p:{n}:{i}" for i in range(20)})
        )
    text = bounded_json(state)
    assert len(text.encode()) <= persistence.MAX_CHAT_BYTES
    back = state_from_json(json.loads(text))
    assert back.conversation == state.conversation
    kept = list(back.asked)
    assert kept and kept == list(state.asked)[-len(kept) :]  # the newest are kept


def test_old_and_surplus_chats_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(persistence, "MAX_CHATS", 3)
    store = StateStore(tmp_path / "state.sqlite3")
    now = time.time()
    store.save(1, _state(), now=now - (persistence.MAX_AGE_DAYS + 1) * 86400)
    for chat in range(2, 7):
        store.save(chat, _state(), now=now - 100 + chat)
    store.close()
    loaded = StateStore(tmp_path / "state.sqlite3").load(now=now)
    assert sorted(loaded) == [4, 5, 6]  # the three most recently active; chat 1 was too old


def test_an_unreadable_file_is_moved_aside_and_the_bot_starts_afresh(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    path.write_bytes(b"not a database" * 100)
    store = StateStore(path)
    assert store.load() == {}
    assert (tmp_path / "state.sqlite3.unreadable").exists()
    store.save(7, _state())
    assert list(store.load()) == [7]


def test_a_state_file_that_cannot_be_written_costs_a_warning_not_an_answer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("")
    store = StateStore(tmp_path / "file" / "state.sqlite3")  # its folder is a file
    assert store.load() == {}
    store.save(1, _state())
    store.save(2, _state())
    warnings = [r for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "bot's state" in warnings[0].getMessage()


def test_the_bench_prints_its_table(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.telegram import bench_state

    monkeypatch.setattr(bench_state, "MAX_CHATS", 3)
    bench_state.main()
    out = capsys.readouterr().out
    assert "one chat, 200 answers" in out and "load 3 chats" in out and "MiB" in out
