"""Resolution: the source phrase of each cue candidate becomes a Speaker through the register.

Whatever proposed a candidate (the rules of `cues`, or a parser backend), resolution is the
same: the phrase is read by `names.parse_subject` (unless the rules already read it), then the
article's register says which person, organisation or unnamed source it stands for. When the
reference is unclear the speaker is `unknown`: attribution never guesses at a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.attribution.cues import Candidate
from corpus.attribution.names import parse_subject
from corpus.attribution.people import SpeakerRegistry
from corpus.models import NARRATOR, Speaker

_UNKNOWN = Speaker(kind="unknown")


@dataclass
class Cue:
    speaker: Speaker
    text: str
    start: int  # offset of the cue in the paragraph
    bare: bool = False  # nothing but subject and cue: "Svoik disagreed." / "Svoik said:"
    mixed: bool = False  # the sentence also holds a quote this cue does not govern
    signs: bool = False  # the cue may sign the cue-less quote that ends the sentence before


def resolve_candidate(candidate: Candidate, registry: SpeakerRegistry, paragraph: int) -> Cue:
    """The cue with its speaker, as the register of people reads the source phrase."""
    if candidate.unclear is not None:
        return Cue(candidate.unclear, candidate.cue, candidate.cue_start, candidate.bare)
    mention = candidate.mention or parse_subject(candidate.source)
    if mention is None:
        return Cue(_UNKNOWN, candidate.cue, candidate.cue_start, candidate.bare)
    if mention.kind == "pronoun" and mention.text in ("we", "i"):
        # outside quotes, "we asked" and "I" are the writer: the article's own voice
        return Cue(NARRATOR, candidate.cue, candidate.cue_start, candidate.bare)
    speaker = registry.resolve(mention, paragraph, role=candidate.role)
    if (
        speaker.kind == "unknown"
        and speaker.name
        and "statement" in candidate.cue
        and not (mention.kind == "person" and registry.is_surname(speaker.name))
    ):
        # an organisation speaks through statements without being introduced; the surname of
        # two registered people ("Cheney said in a written statement" in a story of Liz and
        # Dick Cheney) is still a person the register cannot tell apart
        speaker = Speaker(name=speaker.name, kind="organisation")
    if speaker.kind == "person" and candidate.possessive in ("his", "her"):
        registry.note_gender(speaker, "male" if candidate.possessive == "his" else "female")
    return Cue(speaker, candidate.cue, candidate.cue_start, candidate.bare, candidate.mixed)


def resolve_candidates(
    candidates: list[Candidate], registry: SpeakerRegistry, paragraph: int
) -> list[Cue]:
    return [resolve_candidate(candidate, registry, paragraph) for candidate in candidates]
