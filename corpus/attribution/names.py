"""What a source phrase names: a person, a pronoun, unnamed sources, an organisation.

`parse_subject` reads a phrase such as "Tolganay Umbetalieva", "Sen. Tim Kaine (D-Va.)",
"some analysts", "the Kazak foreign ministry" or "she" into a Mention. Titles, role prefixes
and party tags go to the mention's role; the register of people (`people`) then says which
person of the article a mention stands for.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Literal

from corpus.attribution.lexicon import (
    GENDERED_ROLES,
    HONORIFICS,
    LOWER_FIRST_WORDS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PARTICLES,
    QUANTIFIERS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    TITLE_MODIFIERS,
    TITLES,
    UNNAMED_HEADS,
    UNNAMED_NEEDS_DETERMINER,
    word_set,
)

REPORTING_WORDS = frozenset(REPORTING_VERBS)

MentionKind = Literal["person", "pronoun", "unnamed", "organisation", "definite"]
Gender = Literal["male", "female"]

_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’-]*[a-z][\w'’-]*|(?:[A-Z]\.){1,3}|[A-Z][a-z]?'[A-Z]\w+)(?:’s|'s)?$"
)
# A party tag after a US politician's name: "(D-N.M.)", "R-Ky.", "(R-Texas)".
# A bare "(D)" or "(R)" after a state legislator or governor: "Gov. Phil Ames (R)".
PARTY_TAG = re.compile(
    r"(?:[,(]?\s*\(?\b[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\)?|\s*\([DRI]\))\s*,?\s*$"
)
_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z/&.-]{1,9}(?:’s|'s)?$")
_PRONOUNS: dict[str, Gender | None] = {"he": "male", "she": "female", "they": None, "it": None}
_PREPOSITIONS = frozenset(
    ["for", "at", "with", "of", "from", "in", "on", "close", "to", "within", "inside"]
)
_NOT_DESCRIPTORS = word_set(
    "which who whom whose that what where when why how and or but if as than it its this"
)
# "calculations by X", "an analysis by X", "a study by X": X's work speaks for X.
_WORK_BY = re.compile(
    r"^(?:(?:an?|the|new|recent)\s+){0,2}(?:\w+\s+)?(?:analysis|calculations|estimates|study|"
    r"research|survey|poll|data|figures|projections)\s+by\s+(?P<author>.+)$",
    re.I,
)
_STATEMENT = re.compile(
    r"^(?:an?|the)\s+(?:\w+\s+){0,2}(?:statement|communiqué|release|note|report)\s+"
    r"(?:from|by|of|issued by|released by)\s+(?P<org>.+)$",
    re.I,
)


_SINGULAR_HEADS = word_set("spokesman spokeswoman spokesperson official source aide adviser")
# Words that make a phrase before a name a clause, not a role: verbs, pronouns, relatives.
_ROLE_BREAKERS = word_set(
    "is was were are be been has have had do does did not no who whom which that what when "
    "where while if as than because although though after before since until he she they we "
    "i you it him them us me this these those there here then also but or nor so yet"
)
# Allowed inside a role ("Secretary of State", "Health and Human Services"), never at its end.
_ROLE_INNER = word_set("of for and at on in to with from by")
# Allowed only as a role's first word ("the Democratic nominee", "his nephew").
_ROLE_STARTS = word_set("the a an his her their its our my one")
_ROLE_WORD = re.compile(r"^(?:[^\W\d_][\w’'.&/-]*|\d{1,3}-year-old)$")
_TRAILING_ADVERBS = word_set("however too also meanwhile though instead nonetheless nevertheless")
# A dateline before the subject: "LONDON (Reuters) -", "WASHINGTON —".
_DATELINE = re.compile(
    r"^[A-Z][A-Z.' ]+,?(?:\s+[A-Z][\w.]*)?\s*(?:\([^)]{1,40}\))?\s*(?:-|—|–)+\s+"
)
# Sentence words before a subject that are no part of it: "Even Rendell", "where Sen. X".
_LEADING_WORDS = word_set(
    "even but and so yet then now also still where when while as after before because if "
    "since though although whereas meanwhile however instead only just"
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
    if word.endswith(("s’", "s'")):
        return word[:-1]  # "Bernie Sanders' plan"
    return word


_MODIFIER = re.compile(r"^[A-Z][\w’'.]*-[a-z][\w-]*$")


def modifier(word: str) -> bool:
    """A capitalised word made an adjective with a lower-case tail: "Almaty-based",
    "Angeles-area", "Texas-born", "Clinton-era". No name ends there: the name follows it."""
    return bool(_MODIFIER.match(word))


def _lower_first(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first.lower() in LOWER_FIRST_WORDS:
        return (first.lower() + " " + rest).strip()
    return text


def _is_name_token(token: str) -> bool:
    return bool(_NAME_TOKEN.match(token)) and token not in NOT_NAMES


def _unnamed(words: list[str]) -> Mention | None:
    # "some analysts", "a spokesman for the ministry", "Western diplomats", "officials"
    if (
        len(words) >= 3
        and words[0].lower() in ("a", "an", "one")
        and words[-1].lower() in _SINGULAR_HEADS
    ):
        # "A Department of Health and Social Care spokesperson": the head comes last
        return Mention("unnamed", _lower_first(" ".join(words)))
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
    if not words:
        return None
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


def stops_name(word: str) -> bool:
    """A capitalised title, role or body inside a name phrase ends the name before it:
    "Senate Majority Leader Mitch McConnell", "the Washington Post's Ishaan Tharoor"."""
    bare = _strip_possessive(word).lower()
    return word in TITLES or bare in ROLE_NOUNS or bare in ORGANISATION_WORDS


def _name_start(words: list[str], end: int) -> int:
    """Where the run of name words ending at `end` starts."""
    start = end
    while start > 0:
        word = words[start - 1]
        if word in PARTICLES and start < end:
            start -= 1
            continue
        if not _is_name_token(word) or stops_name(word) or modifier(word):
            break
        if start < end and word.endswith(("’s", "'s")):
            break  # "Trump's Michael Cohen": the possessor is no part of the name
        start -= 1
    return start


def name_length(words: list[str]) -> int:
    """How many of the last words are the name when a title's last words run into it:
    given name and surname, with initials and particles between ("Harry M. Reid")."""
    length = min(2, len(words))
    while length < len(words) and (_INITIAL.match(words[-length]) or words[-length] in PARTICLES):
        length += 1
    return length


_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")
_AGE = re.compile(r"^\d{1,3}-year-old$")


def _plausible_role(role_words: list[str]) -> bool:
    """Words before a full name that read as its role even when the role noun is not one we
    list ("MSNBC host", "Republican party boss", "his nephew"): no verb, no clause, no
    conjunction or preposition at the end ("the wife of", "Trump and")."""
    if not 1 <= len(role_words) <= 6:
        return False
    lowered = [_strip_possessive(w).lower() for w in role_words]
    if any(w in _ROLE_BREAKERS or w in REPORTING_WORDS for w in lowered):
        return False
    if lowered[-1] in _ROLE_INNER or lowered[-1] in _ROLE_STARTS:
        return False
    if any(w in _ROLE_STARTS for w in lowered[1:]):
        return False
    for before, word in itertools.pairwise(role_words):
        if word.endswith("ed") and word.islower() and before[:1].isupper():
            return False  # "Kimble praised": a subject and its verb, not a role
    return all(_ROLE_WORD.match(w) for w in role_words)


def _person(words: list[str]) -> Mention | None:
    # The name is the run of capitalised words at the end; before it, titles and role words
    # ("White House Press Secretary Josh Earnest", "Democratic pollster Pat Caddell").
    end = len(words)
    start = _name_start(words, end)
    if (
        start == end
        and end >= 2
        and _is_name_token(words[-1])
        and _is_name_token(words[-2])
        and not stops_name(words[-2])
        and words[-2].lower() not in TITLE_MODIFIERS
    ):
        # "Charlie King": a surname that is also a title word still ends a name
        start = _name_start(words, end - 1)
        if start == end - 1:
            return None
    if start >= end or words[end - 1] in PARTICLES:
        return None
    if start >= 2 and words[start - 1] in ("of", "for") and stops_name(words[start - 2]):
        # "Secretary of State Edith Varga": the first capitalised words finish the title
        start = end - name_length(words[start:end])
    while end - start > 2 and words[start].lower() in ROLE_NOUNS:
        start += 1  # "Economist Aigerim Sultanbekova": a role noun capitalised at the start
    name_words = words[start:end]
    name_words[-1] = _strip_possessive(name_words[-1])
    if any(_strip_possessive(w).lower() in ORGANISATION_WORDS for w in name_words):
        return None
    prefix = words[:start]
    gender: Gender | None = None
    for word in prefix:
        gender = HONORIFICS.get(word) or GENDERED_ROLES.get(word.lower()) or gender
    role_words = [w for w in prefix if w not in HONORIFICS]
    if role_words:
        # "Kazak president", "Shymkent resident", "Prime Minister": a role, not a clause;
        # "17-year-old Jared Potts": an age
        last = _strip_possessive(role_words[-1]).lower()
        listed = last in ROLE_NOUNS or role_words[-1] in TITLES or bool(_AGE.match(last))
        if not listed and not (len(name_words) >= 2 and _plausible_role(role_words)):
            return None
        if role_words[0].lower() in ("the", "a", "an") and len(role_words) == 1:
            return None
    return Mention(
        "person",
        " ".join(name_words),
        role=" ".join(role_words) or None,
        gender=gender,
    )


def _titled_person(words: list[str]) -> Mention | None:
    """A full name after a title or role is a person, whatever words the title holds:
    "White House Press Secretary Josh Earnest" is no press organisation."""
    person = _person(words)
    if person is None or len(person.text.split()) < 2 or person.role is None:
        return None
    return person


def parse_subject(text: str) -> Mention | None:
    """What a subject phrase names, or None when it does not look like a source at all."""
    text = text.strip(" ,;:—–-")
    if not text or len(text) > 120:
        return None
    party = PARTY_TAG.search(text)
    if party and party.start() > 0:
        # "Rep. G.K. Butterfield (D-N.C.)": the tag belongs to the role, not the name
        mention = parse_subject(text[: party.start()])
        if mention is not None and mention.kind == "person":
            tag = party.group(0).strip(" ,()")
            role = f"{mention.role} ({tag})" if mention.role else tag
            return Mention("person", mention.text, role, mention.gender)
        return mention
    lower = text.lower()
    if lower in _PRONOUNS:
        return Mention("pronoun", lower, gender=_PRONOUNS[lower])
    if lower in ("i", "we", "you"):
        return Mention("pronoun", lower)
    statement = _STATEMENT.match(text)
    if statement:
        return parse_subject(statement.group("org"))
    work = _WORK_BY.match(text)
    if work:
        # "calculations by Amy Odell of the Institute of Technology": the author is the source
        return parse_subject(work.group("author"))
    dateline = _DATELINE.match(text)
    if dateline and dateline.end() < len(text):
        return parse_subject(text[dateline.end() :])
    words = text.split()
    while len(words) >= 2 and words[-1].lower() in _TRAILING_ADVERBS:
        words = words[:-1]  # "Carter however said": an adverb without its commas
    while len(words) >= 2 and (words[0].lower() in _LEADING_WORDS or words[0] in ("From", "By")):
        # "Even Rendell, a stalwart supporter,", "From Ann Ode writing in the Times:"
        words = words[1:]
    if len(words) > 12:
        return None
    # "Kanat Isakov of the Association of Market Traders": a person, the rest is the role
    for index, word in enumerate(words[1:4], start=1):
        if word in ("of", "at", "from", "with"):
            if stops_name(words[index - 1]):
                break  # "Secretary of State Madeleine Albright": "of" is inside the title
            person = _person(words[:index])
            if person is not None and len(person.text.split()) >= 2:
                # "Rep. Tom Cole of Oklahoma": the title and the place both go to the role
                role = " ".join([*([person.role] if person.role else []), *words[index:]])
                return Mention("person", person.text, role, person.gender)
            break
    return (
        _titled_person(words)
        or _unnamed(words)
        or _definite_role(words)
        or _organisation(words)
        or _person(words)
    )


def _definite_role(words: list[str]) -> Mention | None:
    """ "the senator", "the deputy minister": a role that refers back to a named person."""
    if not 2 <= len(words) <= 3 or words[0].lower() != "the":
        return None
    if words[-1].lower() not in ROLE_NOUNS or not all(w.islower() for w in words[1:]):
        return None
    return Mention("definite", " ".join(words[1:]))
