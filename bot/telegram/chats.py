"""Per-chat state kept in PTB's chat_data: the conversation and the questions buttons refer to."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from bot.conversation import Conversation

KEY = "whosaid"
REMEMBERED = 200  # questions whose buttons still work; older buttons say "ask again"


@dataclass(frozen=True)
class Asked:
    query: str
    speaker: str | None
    exclude: frozenset[str] = frozenset()


@dataclass
class ChatState:
    conversation: Conversation = field(default_factory=Conversation)
    asked: OrderedDict[str, Asked] = field(default_factory=OrderedDict)
    counter: int = 0

    def remember(
        self, query: str, speaker: str | None, exclude: frozenset[str] = frozenset()
    ) -> str:
        """A short reference to (query, speaker, passages left out) for callback data."""
        self.counter += 1
        ref = _base36(self.counter)
        self.asked[ref] = Asked(query, speaker, exclude)
        while len(self.asked) > REMEMBERED:
            self.asked.popitem(last=False)
        return ref

    def recall(self, ref: str) -> Asked | None:
        return self.asked.get(ref)


def chat_state(chat_data: dict[Any, Any] | None) -> ChatState:
    if chat_data is None:  # updates without a chat (inline queries) get a throwaway state
        return ChatState()
    state = chat_data.get(KEY)
    if not isinstance(state, ChatState):
        state = chat_data[KEY] = ChatState()
    return state


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, rest = divmod(n, 36)
        out = digits[rest] + out
        if n == 0:
            return out
