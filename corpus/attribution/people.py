"""Who a subject phrase names, and the per-article registry that resolves later mentions.

`parse_subject` reads a phrase such as "Tolganay Umbetalieva", "some analysts", "the Kazak
foreign ministry" or "she" into a Mention; `SpeakerRegistry.resolve` turns a Mention into a
speaker of the article: surnames and he/she refer back to a registered person, "the ministry"
to a registered organisation. When the reference is ambiguous the answer is `unknown`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Literal

from corpus.attribution.lexicon import (
    HONORIFICS,
    LOWER_FIRST_WORDS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PARTICLES,
    QUANTIFIERS,
    ROLE_NOUNS,
    TITLES,
    UNNAMED_HEADS,
    UNNAMED_NEEDS_DETERMINER,
    word_set,
)
from corpus.models import NARRATOR, Speaker

MentionKind = Literal["person", "pronoun", "unnamed", "organisation", "definite"]
Gender = Literal["male", "female"]

_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]\.|[A-Z][a-z]?'[A-Z]\w+)$")
_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z/&.-]{1,9}(?:’s|'s)?$")
_PRONOUNS: dict[str, Gender | None] = {"he": "male", "she": "female", "they": None, "it": None}
_PREPOSITIONS = frozenset(
    ["for", "at", "with", "of", "from", "in", "on", "close", "to", "within", "inside"]
)
_NOT_DESCRIPTORS = word_set(
    "which who whom whose that what where when why how and or but if as than it its this"
)
_STATEMENT = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+){0,2}(?:statement|communiqué|release|note|report)\s+"
    r"(?:from|by|of|issued by|released by)\s+(?P<org>.+)$",
    re.I,
)


@dataclass(frozen=True)
class Mention:
    kind: MentionKind
    text: str  # the name as it should be shown, or the pronoun
    role: str | None = None
    gender: Gender | None = None


def _strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.lower() in LOWER_FIRST_WORDS:
        return (first.lower() + " " + rest).strip()
    return text


def _is_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token)) and token not in NOT_NAMES


def _unnamed(words: list[str]) -> Mention | None:
    # "some analysts", "a spokesman for the ministry", "Western diplomats", "officials"
    head_at = None
    for index, word in enumerate(words):
        lower = word.lower()
        if lower in _PREPOSITIONS and index > 0:
            break
        if lower in UNNAMED_HEADS:
            head_at = index
    if head_at is None or head_at > 4:
        return None
    before = words[:head_at]
    head = words[head_at].lower()
    tail = words[head_at + 1 :]
    if any(w.lower() in _NOT_DESCRIPTORS for w in before):
        return None  # "which critics said was rushed": a relative clause, not a source
    if before and before[0].lower() == "the" and head != "public":
        return Mention("definite", " ".join(w.lower() for w in words[1:]))
    if tail and tail[0].lower() not in _PREPOSITIONS and " ".join(tail).lower() != "of the public":
        return None
    needs_determiner = head in UNNAMED_NEEDS_DETERMINER and not (
        head in ("member", "members") and tail
    )
    if needs_determiner and not any(w.lower() in QUANTIFIERS for w in before):
        return None
    # Descriptors ("senior Uzbek government") may hold one capitalised word, never a full name.
    capitals = [_is_name_token(w) and w.lower() not in LOWER_FIRST_WORDS for w in before[1:]]
    if any(a and b for a, b in itertools.pairwise(capitals)):
        return None
    return Mention("unnamed", _lower_first(" ".join(words)))


def _organisation(words: list[str]) -> Mention | None:
    lowered = [_strip_possessive(w).lower().strip(",") for w in words]
    is_org = any(w in ORGANISATION_WORDS for w in lowered) or (
        len(words) <= 3 and all(_ACRONYM_TOKEN.match(w) for w in words)
    )
    if not is_org:
        return None
    # The phrase must end with the organisation ("the Kazak foreign ministry") or go on with a
    # place or a name ("the U.S. embassy in Tashkent", "the Ministry of National Economy");
    # "her government would not accept quotas" is a clause, not a name.
    last_org = max(i for i, w in enumerate(lowered) if w in ORGANISATION_WORDS or i == 0)
    tail = words[last_org + 1 :]
    if (
        tail
        and tail[0] not in ("of", "in", "for", "at", "on")
        and not all(w[:1].isupper() for w in tail)
    ):
        return None
    text = " ".join(words)
    common = words[0].lower() in LOWER_FIRST_WORDS or words[0].lower() in ORGANISATION_WORDS
    if words[0] in ("The", "Its", "Their", "A", "An") or (
        common and all(w[:1].islower() for w in words[1:])
    ):
        text = words[0].lower() + text[len(words[0]) :]
    return Mention("organisation", text)


def _person(words: list[str]) -> Mention | None:
    # The name is the run of capitalised words at the end; before it, titles and role words.
    end = len(words)
    start = end
    while start > 0 and (
        _is_name_token(words[start - 1])
        or (words[start - 1] in PARTICLES and start < end)
        or (words[start - 1] in HONORIFICS)
    ):
        start -= 1
    while start < end and (words[start] in TITLES or words[start] in HONORIFICS):
        start += 1
    if start >= end or words[end - 1] in PARTICLES:
        return None
    name_words = words[start:end]
    if any(_strip_possessive(w).lower() in ORGANISATION_WORDS for w in name_words):
        return None
    if any(w in HONORIFICS or w in TITLES for w in name_words[1:]):
        return None
    prefix = words[:start]
    gender: Gender | None = None
    for word in prefix:
        if HONORIFICS.get(word) == "male":
            gender = "male"
        elif HONORIFICS.get(word) == "female":
            gender = "female"
    role_words = [w for w in prefix if w not in HONORIFICS]
    if role_words:
        # "Kazak president", "Shymkent resident", "Prime Minister": a role, not a clause.
        last = role_words[-1].lower()
        if last not in ROLE_NOUNS and role_words[-1] not in TITLES:
            return None
        if role_words[0].lower() in ("the", "a", "an") and len(role_words) == 1:
            return None
    return Mention(
        "person",
        " ".join(name_words),
        role=" ".join(role_words) or None,
        gender=gender,
    )


def parse_subject(text: str) -> Mention | None:
    """What a subject phrase names, or None when it does not look like a source at all."""
    text = text.strip(" ,;:—–-")
    if not text or len(text) > 120:
        return None
    lower = text.lower()
    if lower in _PRONOUNS:
        return Mention("pronoun", lower, gender=_PRONOUNS[lower])
    if lower in ("i", "we", "you"):
        return Mention("pronoun", lower)
    statement = _STATEMENT.match(text)
    if statement:
        return parse_subject(statement.group("org"))
    words = text.split()
    if len(words) > 12:
        return None
    # "Kanat Isakov of the Association of Market Traders": a person, the rest is the role
    for index, word in enumerate(words[1:4], start=1):
        if word in ("of", "at", "from", "with"):
            person = _person(words[:index])
            if person is not None and person.role is None and len(person.text.split()) >= 2:
                return Mention("person", person.text, " ".join(words[index:]), person.gender)
            break
    return _unnamed(words) or _organisation(words) or _person(words)


@dataclass
class _Person:
    name: str
    role: str | None
    gender: Gender | None


@dataclass
class _Event:
    person: int
    paragraph: int
    spoke: bool = True  # False for a name met in narration ("his counterpart Arseny Yatsenyuk")


@dataclass
class SpeakerRegistry:
    """The people and organisations of one article, in the order they appear."""

    people: list[_Person] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    last_group: tuple[Speaker, int] | None = None

    def person_speaker(self, index: int) -> Speaker:
        person = self.people[index]
        return Speaker(name=person.name, role=person.role, kind="person")

    def _find_people(self, name: str) -> list[int]:
        tokens = name.split()
        exact = [i for i, p in enumerate(self.people) if p.name == name]
        if exact:
            return exact
        if len(tokens) == 1:
            return [
                i
                for i, p in enumerate(self.people)
                if tokens[0] in p.name.split() and tokens[0] not in PARTICLES
            ]
        # "Dr. Aliya Serikbayeva" after "Aliya Serikbayeva": a longer form of a known name
        return [
            i
            for i, p in enumerate(self.people)
            if len(p.name.split()) == 1 and p.name == tokens[-1]
        ]

    def register(
        self, mention: Mention, paragraph: int, role: str | None = None, *, spoke: bool = True
    ) -> int | None:
        """Registers or finds the person named; None when a bare surname is ambiguous or new."""
        role = role or mention.role
        found = self._find_people(mention.text)
        if len(found) > 1:
            return None
        if found:
            index = found[0]
            person = self.people[index]
            if role and not person.role:
                person.role = role
            if mention.gender and not person.gender:
                person.gender = mention.gender
            if len(mention.text.split()) > len(person.name.split()):
                person.name = mention.text
        elif len(mention.text.split()) >= 2 or role:
            self.people.append(_Person(mention.text, role, mention.gender))
            index = len(self.people) - 1
        else:
            return None
        self.events.append(_Event(index, paragraph, spoke))
        return index

    def _pronoun(self, gender: Gender | None, paragraph: int) -> int | None:
        for position in range(len(self.events) - 1, -1, -1):
            event = self.events[position]
            if paragraph - event.paragraph > 3:
                return None
            person = self.people[event.person]
            if gender and person.gender and person.gender != gender:
                continue
            # A pronoun subject refers back to the last speaker. A person merely named in
            # narration since ("Masimov met his counterpart Arseny Yatsenyuk. He said…") makes
            # "he" too uncertain to resolve.
            if not event.spoke:
                return None
            if gender and not person.gender:
                person.gender = gender
            return event.person
        return None

    def resolve(self, mention: Mention, paragraph: int, role: str | None = None) -> Speaker:
        """The speaker a mention stands for in this article; `unknown` when it is unclear."""
        if mention.kind == "pronoun":
            if mention.text in ("he", "she"):
                index = self._pronoun(mention.gender, paragraph)
                if index is None:
                    return Speaker(kind="unknown")
                self.events.append(_Event(index, paragraph))
                return self.person_speaker(index)
            if mention.text in ("they", "it") and self.last_group is not None:
                speaker, where = self.last_group
                plural = speaker.kind == "unnamed" or mention.text == "they"
                if paragraph - where <= 1 and plural == (mention.text == "they"):
                    return speaker
            return Speaker(kind="unknown")
        if mention.kind == "unnamed":
            speaker = Speaker(name=mention.text, role=role, kind="unnamed")
            self.last_group = (speaker, paragraph)
            return speaker
        if mention.kind == "organisation":
            speaker = Speaker(name=self._organisation(mention.text), kind="organisation")
            self.last_group = (speaker, paragraph)
            return speaker
        if mention.kind == "definite":
            # "the analyst said": the one registered person with that role, if there is one
            matches = [
                i for i, p in enumerate(self.people) if p.role and mention.text in p.role.lower()
            ]
            if len(matches) == 1:
                self.events.append(_Event(matches[0], paragraph))
                return self.person_speaker(matches[0])
            if matches:  # two analysts in the article: which one is "the analyst"?
                return Speaker(name=f"the {mention.text}", kind="unknown")
            return Speaker(name=f"the {mention.text}", role=role, kind="unnamed")
        index = self.register(mention, paragraph, role)
        if index is None:
            return Speaker(name=mention.text, kind="unknown")
        return self.person_speaker(index)

    def _organisation(self, name: str) -> str:
        words = name.split()
        head = " ".join(words[-2:]).lower() if len(words) >= 2 else name.lower()
        last = words[-1].lower()
        for known in self.organisations:
            known_lower = known.lower()
            if known_lower == name.lower():
                return known
            if words[0].lower() in ("its", "their", "the") and (
                known_lower.endswith(" " + head) or known_lower.endswith(" " + last)
            ):
                return known
        self.organisations.append(name)
        return name

    def note_gender(self, speaker: Speaker, gender: Gender) -> None:
        """ "wrote on his Facebook page": later "he" may refer to this person."""
        for person in self.people:
            if person.name == speaker.name and person.gender is None:
                person.gender = gender

    def refreshed(self, speaker: Speaker) -> Speaker:
        """The speaker with the role the article gives the person by its end."""
        if speaker.kind != "person" or speaker.name is None:
            return speaker
        for person in self.people:
            if person.name == speaker.name or speaker.name in person.name.split():
                return Speaker(name=person.name, role=person.role, kind="person")
        return speaker


__all__ = ["NARRATOR", "Mention", "SpeakerRegistry", "parse_subject"]
