"""Follow-up questions in a chat: "more", "what else did he say?", "and Svoik?".

Pure Python, shared by `whosaid chat` and the Telegram bot. It decides what to search for, or
that it must ask back (a "she" that does not fit the last speaker, a "he" before anyone was
quoted); searching and rendering happen elsewhere. Its wording names no command-line flags.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Protocol

from index.evidence import is_asking
from index.results import SearchResult, SpeakerSummary
from index.speakers import SpeakerMatch
from index.tokenize import words

_MORE = re.compile(r"^(?:/?more|next|show more|more results|next results|more please|go on)$")
_WHAT_ELSE = re.compile(
    r"^(?:and\s+)?(?:what\s+else\s+(?:did|does|do|has|had|is|was)\s+(?P<pronoun>he|she|they|it)"
    r"\s+(?:say|said|write|wrote|tell|told|think|add|note)\b.*"
    r"|anything\s+else(?:\s+from\s+(?P<object>him|her|them))?|what\s+else)$"
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
_GENDER_OF = {
    "he": "male",
    "him": "male",
    "his": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
}


class Speakers(Protocol):
    """What a conversation needs to know about the index's speakers (index.search.Searcher)."""

    def find_speaker(self, name: str) -> SpeakerMatch | None: ...

    def speaker_gender(self, name: str) -> str | None: ...

    def speakers(self) -> list[SpeakerSummary]: ...


class Searches(Speakers, Protocol):
    def search(
        self,
        query: str,
        k: int = 3,
        *,
        speaker: str | None = None,
        offset: int = 0,
        exclude: Collection[str] = (),
    ) -> SearchResult: ...


@dataclass(frozen=True)
class Turn:
    """What to search for in answer to one message, or what to ask back instead (`reply`)."""

    query: str
    speaker: str | None = None
    offset: int = 0
    is_more: bool = False
    exclude: frozenset[str] = frozenset()  # passage ids already shown: "what else did he say?"
    reply: str | None = None  # a question back to the user, plain text: nothing is searched
    corrected: tuple[str, str] | None = None  # (typed, speaker) when a name had a typo


@dataclass
class Conversation:
    """The state of one chat: the last question, its filter, and who was last speaking.

    Every field is plain JSON-able data (str, int, None, a frozenset or set of str) with a
    default, so that the state can be saved and restored across restarts.
    """

    last_query: str | None = None
    last_filter: str | None = None
    last_offset: int = 0
    last_shown: int = 0
    last_speaker: str | None = None
    last_exclude: frozenset[str] = frozenset()
    seen: set[str] = field(default_factory=set)  # the last speaker's passages shown so far

    def interpret(self, text: str, speakers: Speakers) -> Turn:
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
        what_else = _WHAT_ELSE.match(said)
        if what_else:
            pronoun = what_else.group("pronoun") or what_else.group("object")
            problem = self._who_is_meant(pronoun, speakers)
            if problem:
                return Turn(query="", reply=problem)
            return Turn(query="", speaker=self.last_speaker, exclude=frozenset(self.seen))
        about = _ABOUT.match(said)
        if about:
            found = speakers.find_speaker(about.group("name"))
            if found:
                return Turn(
                    query=self.topic(speakers),
                    speaker=found.name,
                    corrected=_correction(found),
                )
        what_did = _AND_WHAT_DID.match(said)
        if what_did:
            name = what_did.group("name")
            rest = what_did.group("rest").strip()
            if _PRONOUN.fullmatch(name):
                problem = self._who_is_meant(name, speakers)
                if problem:
                    return Turn(query="", reply=problem)
                return Turn(query=rest, speaker=self.last_speaker)
            found = speakers.find_speaker(name)
            if found:
                return Turn(query=rest, speaker=found.name, corrected=_correction(found))
        pronoun = _PRONOUN.search(said)
        if self.last_speaker and pronoun and not self._who_is_meant(pronoun.group(), speakers):
            return Turn(query=text.strip(), speaker=self.last_speaker)
        return Turn(query=text.strip())

    def topic(self, speakers: Speakers) -> str:
        """The content words of the last question: what "and Umbetalieva?" asks her about.

        Question words, reporting verbs and the names of the people it was about are not its
        topic: after "Who is Svoik?" there is none, and the answer is what she said.
        """
        if not self.last_query:
            return ""
        named = {w for name in (self.last_filter, self.last_speaker) if name for w in words(name)}
        content = words(self.last_query)
        kept = []
        for word in content:
            # Asking words (index.evidence): "Who is Svoik?" has no topic left.
            if is_asking(word) or word in named:
                continue
            found = speakers.find_speaker(word)
            if found and found.kind == "person" and not found.corrected:
                continue  # a name: "Svoik" in "Who is Svoik?"
            kept.append(word)
        if kept == content:
            return self.last_query  # all of it is the topic: keep it as the user wrote it
        return " ".join(kept)

    def _who_is_meant(self, pronoun: str | None, speakers: Speakers) -> str | None:
        """None when `pronoun` can mean the last speaker; else a question asking whom it means."""
        word = (pronoun or "").lower()
        wanted = _GENDER_OF.get(word)
        example = _example(speakers, wanted)
        if not self.last_speaker:
            shown = f"“{word}”" if word else "that"
            return (
                f"Whom do you mean by {shown}? Nobody has been quoted in this conversation "
                f"yet. Ask about someone by name{example}."
            )
        if wanted is None and word not in ("it", "its"):
            return None  # they / anything else: fits anyone
        found = speakers.find_speaker(self.last_speaker)
        kind = found.kind if found else "person"
        gender = speakers.speaker_gender(self.last_speaker)
        if word in ("it", "its"):
            fits = kind != "person"
        elif kind in ("person", "unknown"):
            fits = gender is None or gender == wanted
        else:  # "a spokesman" may be a he; "experts" and a ministry are not
            fits = kind == "unnamed" and self.last_speaker.lower().startswith(("a ", "an "))
        if fits:
            return None
        return (
            f"“{word.capitalize()}” does not fit the last speaker, {self.last_speaker}. "
            f"Whom do you mean? Ask about them by name{example}."
        )

    def record(self, turn: Turn, result: SearchResult) -> None:
        """Remember what was asked and shown, so that the next message can follow up on it."""
        if turn.reply is not None:
            return  # a question back: nothing was shown, the conversation stays where it was
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
        # With a speaker asked for, every hit is theirs, whatever form of the name it has.
        self.seen.update(
            h.passage.id for h in result.hits if turn.speaker or h.passage.speaker.name == speaker
        )


def search_turn(searcher: Searches, turn: Turn, k: int) -> SearchResult:
    """Search for a turn; a corrected speaker's name is reported like a corrected word."""
    result = searcher.search(
        turn.query, k, speaker=turn.speaker, offset=turn.offset, exclude=turn.exclude
    )
    if turn.corrected:
        typed, name = turn.corrected
        result = result.model_copy(update={"corrections": {typed: name, **result.corrections}})
    return result


def _correction(found: SpeakerMatch) -> tuple[str, str] | None:
    return (found.typed, found.name) if found.corrected else None


def _example(speakers: Speakers, gender: str | None) -> str:
    """ ", e.g. “what else did Umbetalieva say?”" with a quoted person who fits, if any."""
    for summary in speakers.speakers():
        if summary.kind != "person" or not summary.name:
            continue
        if gender and speakers.speaker_gender(summary.name) != gender:
            continue
        return f", e.g. “what else did {summary.name.split()[-1]} say?”"
    return ""


def _normalise(text: str) -> str:
    said = " ".join(text.lower().replace("’", "'").split())
    return said.strip(" ?!.…")
