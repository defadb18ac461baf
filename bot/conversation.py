"""Follow-up questions in a chat: "more", "what else did he say?", "and Svoik?".

Pure Python, shared by `whosaid chat` and the Telegram bot. It only decides what to search for;
searching and rendering happen elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from index.results import SearchResult

_MORE = re.compile(r"^(?:/?more|next|show more|more results|next results|more please|go on)$")
_WHAT_ELSE = re.compile(
    r"^(?:and\s+)?(?:what\s+else\s+(?:did|does|do|has|had|is|was)\s+(?P<pronoun>he|she|they|it)"
    r"\s+(?:say|said|write|wrote|tell|told|think|add|note)\b.*"
    r"|anything\s+else(?:\s+from\s+(?:him|her|them))?|what\s+else)$"
)
_ABOUT = re.compile(
    r"^(?:and|what\s+about|how\s+about|and\s+what\s+about)\s+(?P<name>[\w.'-]+(?:\s+[\w.'-]+){0,3}?)"
    r"(?:\s+(?:say|said|think|thinks))?$"
)
_AND_WHAT_DID = re.compile(
    r"^(?:and\s+)?what\s+(?:did|does|has)\s+(?P<name>[\w.'-]+(?:\s+[\w.'-]+){0,3}?)"
    r"\s+(?:say|said|think|write|wrote|tell|told)\b(?P<rest>.*)$"
)
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b")


@dataclass(frozen=True)
class Turn:
    """What to search for in answer to one message."""

    query: str
    speaker: str | None = None
    offset: int = 0
    is_more: bool = False
    exclude: frozenset[str] = frozenset()  # passage ids already shown: "what else did he say?"


@dataclass
class Conversation:
    """The state of one chat: the last question, its filter, and who was last speaking."""

    last_query: str | None = None
    last_filter: str | None = None
    last_offset: int = 0
    last_shown: int = 0
    last_speaker: str | None = None
    last_exclude: frozenset[str] = frozenset()
    seen: set[str] = field(default_factory=set)  # the last speaker's passages shown so far

    def interpret(self, text: str, find_speaker: Callable[[str], str | None]) -> Turn:
        said = _normalise(text)
        if _MORE.match(said):
            if self.last_query is None:
                return Turn(query=text.strip())
            return Turn(
                query=self.last_query,
                speaker=self.last_filter,
                offset=self.last_offset + max(self.last_shown, 1),
                is_more=True,
                exclude=self.last_exclude,
            )
        if self.last_speaker and _WHAT_ELSE.match(said):
            return Turn(query="", speaker=self.last_speaker, exclude=frozenset(self.seen))
        about = _ABOUT.match(said)
        if about and self.last_query is not None:
            speaker = find_speaker(about.group("name"))
            if speaker:
                return Turn(query=self.last_query, speaker=speaker)
        what_did = _AND_WHAT_DID.match(said)
        if what_did:
            name = what_did.group("name")
            if _PRONOUN.fullmatch(name) and self.last_speaker:
                return Turn(query=what_did.group("rest").strip(), speaker=self.last_speaker)
            speaker = find_speaker(name)
            if speaker:
                return Turn(query=what_did.group("rest").strip(), speaker=speaker)
        if self.last_speaker and _PRONOUN.search(said):
            return Turn(query=text.strip(), speaker=self.last_speaker)
        return Turn(query=text.strip())

    def record(self, turn: Turn, result: SearchResult) -> None:
        """Remember what was asked and shown, so that the next message can follow up on it."""
        self.last_query = turn.query
        self.last_filter = turn.speaker
        self.last_offset = turn.offset
        self.last_shown = len(result.hits)
        self.last_exclude = turn.exclude
        speaker = self.last_speaker
        if turn.speaker:
            speaker = turn.speaker
        elif result.hits and result.hits[0].passage.speaker.kind == "person":
            speaker = result.hits[0].passage.speaker.name
        if speaker != self.last_speaker:
            self.last_speaker, self.seen = speaker, set()
        self.seen.update(h.passage.id for h in result.hits if h.passage.speaker.name == speaker)


def _normalise(text: str) -> str:
    said = " ".join(text.lower().replace("’", "'").split())
    return said.strip(" ?!.…")
