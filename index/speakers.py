"""Speakers as readers name them: one entry per speaker across articles, found by any form.

Attribution names a speaker the way one article does ("Nursultan Nazarbayev", "President
Nazarbaev", "the Kazak foreign ministry", "some analysts"). Two steps make that usable:

- At build time, `identities` groups the (name, kind) forms of the whole corpus into speakers:
  the same words under another romanisation (`variants.key`: Nazarbaev / Nazarbayev), a title
  or honorific dropped ("President Nazarbayev" / "Nursultan Nazarbayev"), a bare surname joined
  to the one full name that has it; two different first names with one surname stay two people,
  and a bare surname that could be either of them stays apart. Each speaker also gets a gender
  (`gender_of`) for he/she follow-ups. The result is stored in the index, so questions stay
  instant.
- At query time, `SpeakerDirectory.find` reads what a user typed ("foreign ministry",
  "unnamed experts", "KAZAKH FOREIGN MINISTRY", "grishn") into one of those speakers, and says
  when it had to correct a typo.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal, Protocol, cast

from corpus.attribution.lexicon import HONORIFICS, TITLES
from index.tokenize import normalise, term, words
from index.variants import key as transliteration_key

Gender = Literal["male", "female"]

# Words that only say a group is not named: "unnamed experts" is how `whosaid speakers` prints
# "experts", and "some analysts" are the same analysts as "analysts".
_GROUP_WORDS = frozenset(
    ["unnamed", "anonymous", "unidentified", "several", "various", "certain", "other", "others"]
)
_ROLE_GENDER: dict[str, Gender] = {
    "spokesman": "male",
    "spokeswoman": "female",
    "chairwoman": "female",
    "businessman": "male",
    "businesswoman": "female",
    "congressman": "male",
    "congresswoman": "female",
}
# A pronoun that is the subject of a reporting verb, next to a quote attributed to the speaker:
# "…,” she said. / said he. / He added that…
_CUE_VERBS = (
    r"(?:said|says|added|adds|told|tells|noted|notes|explained|explains|argued|argues|"
    r"warned|warns|continued|continues|recalled|recalls|believes|believed|thinks|thought|"
    r"insisted|insists|stressed|stresses|wrote|writes)"
)
_PRONOUN_CUE = re.compile(
    rf"\b(?P<a>he|she)\s+(?:also\s+|then\s+|later\s+)?{_CUE_VERBS}\b|\b{_CUE_VERBS}\s+(?P<b>he|she)\b",
    re.IGNORECASE,
)


class _Attributed(Protocol):
    """What the speakers table needs of a passage (index.store.PassageRecord has it)."""

    @property
    def article_id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def speaker_name(self) -> str | None: ...
    @property
    def speaker_role(self) -> str | None: ...
    @property
    def speaker_kind(self) -> str: ...


_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he|HE|SHE)\b")


@dataclass(frozen=True)
class SpeakerForm:
    """One way the passages name a speaker: a (name, kind) pair as attribution wrote it."""

    name: str
    kind: str
    passages: int = 1
    articles: frozenset[str] = frozenset()
    roles: tuple[str, ...] = ()
    texts: tuple[str, ...] = ()  # the passages' texts: evidence for the speaker's gender


@dataclass(frozen=True)
class Identity:
    """What the index stores per form: the entry it belongs to, and that entry's gender."""

    name: str
    kind: str
    identity: str
    gender: Gender | None


def _is_title(word: str) -> bool:
    return word in TITLES or word in HONORIFICS or word.rstrip(".") in HONORIFICS


@lru_cache(maxsize=1 << 16)
def _key(word: str) -> str:
    return transliteration_key(term(word))


@lru_cache(maxsize=1 << 16)
def name_keys(name: str, kind: str) -> tuple[str, ...]:
    """The words of a speaker's name as compared: folded, stemmed, transliteration-keyed.

    Titles and honorifics are dropped from people's names (and from what users type, kind
    "query"); articles ("the"), possessives and words that only say a group is unnamed from
    the others.
    """
    raw = name.split()
    if kind in ("person", "query"):
        kept = [w for w in raw if not _is_title(w.strip(",")) and not _is_title(w.capitalize())]
        raw = kept or raw
    keys = [_key(word) for word in words(" ".join(raw))]
    if kind != "person":
        keys = [k for k in keys if k not in _GROUP_WORDS] or keys
    return tuple(keys)


def _compatible(first: str, other: str) -> bool:
    """Two given names of one person: the same (by key), or one is the other's initial."""
    if first == other:
        return True
    return (len(first) == 1 or len(other) == 1) and first[0] == other[0]


def identities(forms: Sequence[SpeakerForm]) -> list[Identity]:
    """Group the corpus's speaker forms into speakers; each form gets its speaker's name."""
    groups: dict[tuple[str, ...], list[SpeakerForm]] = defaultdict(list)
    people: dict[str, list[SpeakerForm]] = defaultdict(list)  # surname key -> full names
    bare: list[SpeakerForm] = []  # people named by surname only
    for form in forms:
        keys = name_keys(form.name, form.kind)
        if form.kind != "person" or not keys:
            groups[(form.kind, *keys)].append(form)
        elif len(keys) == 1:
            bare.append(form)
        else:
            people[keys[-1]].append(form)
    # Full names: one surname, compatible first names -> one person.
    for surname, named in people.items():
        persons: list[tuple[str, list[SpeakerForm]]] = []
        for form in sorted(named, key=lambda f: -len(name_keys(f.name, f.kind)[0])):
            first = name_keys(form.name, form.kind)[0]
            for index, (known, members) in enumerate(persons):
                if _compatible(first, known):
                    members.append(form)
                    if len(first) > len(known):
                        persons[index] = (first, members)
                    break
            else:
                persons.append((first, [form]))
        for first, members in persons:
            groups[("person", first, surname)] = members
    # A bare surname joins the one person who has it: the one in its own articles if there is
    # exactly one there, else the only one in the corpus. Otherwise it stays its own entry.
    by_surname: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for group in groups:
        if group[0] == "person" and len(group) == 3:
            by_surname[group[-1]].append(group)
    for form in bare:
        surname = name_keys(form.name, form.kind)[0]
        candidates = by_surname.get(surname, [])
        local = [g for g in candidates if any(m.articles & form.articles for m in groups[g])]
        chosen = local if len(local) == 1 else candidates if len(candidates) == 1 else []
        groups[chosen[0] if chosen else ("person", surname)].append(form)
    result: list[Identity] = []
    for members in groups.values():
        shown = _display_name(members)
        gender = gender_of(members)
        result.extend(Identity(m.name, m.kind, shown, gender) for m in members)
    return result


def _display_name(members: Sequence[SpeakerForm]) -> str:
    """The most complete form, then the most quoted: "Nursultan Nazarbayev" over "Nazarbaev"."""

    def rank(form: SpeakerForm) -> tuple[int, int, str]:
        return (-len(name_keys(form.name, form.kind)), -form.passages, form.name)

    return min(members, key=rank).name


def gender_of(members: Sequence[SpeakerForm]) -> Gender | None:
    """A person's gender as the articles show it, for "what else did she say?"; None if unsure.

    Evidence, strongest first: an honorific or gendered role noun (Mr, Ms, spokeswoman); he/she
    as the subject of a reporting verb in the speaker's own passages ("…,” she said); then the
    given name in gender-guesser's table of first names. Conflicting evidence gives None.
    """
    if not members or members[0].kind != "person":
        return None
    votes: Counter[Gender] = Counter()
    for form in members:
        for word in form.name.split():
            honorific = _gender(HONORIFICS.get(word) or HONORIFICS.get(word + "."))
            if honorific:
                votes[honorific] += 3 * form.passages
        for role in form.roles:
            for word in re.findall(r"[a-z]+", role.lower()):
                if word in _ROLE_GENDER:
                    votes[_ROLE_GENDER[word]] += 3
    if not votes:
        for form in members:
            for text in form.texts:
                if not _HE_SHE.search(text):  # most passages: skip the slower cue pattern
                    continue
                for match in _PRONOUN_CUE.finditer(text):
                    pronoun = (match.group("a") or match.group("b")).lower()
                    votes["male" if pronoun == "he" else "female"] += 1
    if not votes:
        for form in members:
            given = _given_name(form.name)
            found = first_name_genders().get(given) if given else None
            if found:
                votes[found] += form.passages
    if len(votes) != 1:
        return None
    return next(iter(votes))


def _given_name(name: str) -> str | None:
    parts = [w for w in name.split() if not _is_title(w)]
    if len(parts) < 2 or len(parts[0].rstrip(".")) < 2:
        return None
    return normalise(parts[0])


@cache
def first_name_genders() -> Mapping[str, Gender]:
    """First name (folded) -> gender, from gender-guesser's table (Jörg Michael's `gender`
    data: about 40,000 names of many countries, Russia and Central Asia among them).

    Only names the table marks male or female (or mostly so) are kept; names used for both are
    left out. Read straight from its data file: gender-guesser's Detector also parses the
    per-country frequencies this does not use, which costs two seconds instead of a tenth.
    """
    from importlib.resources import files

    genders: dict[str, Gender] = {}
    both: set[str] = set()
    data = files("gender_guesser").joinpath("data/nam_dict.txt")
    with data.open(encoding="utf-8") as handle:
        for line in handle:
            code = line[:2].strip()
            if code in ("M", "1M"):
                gender: Gender = "male"
            elif code in ("F", "1F"):
                gender = "female"
            else:
                continue
            name = line[3:29].strip()
            if name and "+" not in name:
                folded = normalise(name)
                if genders.setdefault(folded, gender) != gender:
                    both.add(folded)  # male in one country, female in another
    return {name: gender for name, gender in genders.items() if name not in both}


# -- query time -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpeakerMatch:
    """A speaker found from what a user typed."""

    name: str  # the speaker's entry, as `whosaid speakers` lists it
    kind: str
    gender: Gender | None
    typed: str
    corrected: bool = False  # a typo was corrected: say so ("grishn" -> "Andrei Grishin")
    others: tuple[str, ...] = ()  # other speakers the same words fit ("Tulegenova": two people)


@dataclass
class _Entry:
    name: str
    kind: str
    gender: Gender | None
    passages: int
    forms: list[tuple[str, ...]] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)


class SpeakerDirectory:
    """Every speaker of an index, looked up by whatever a user calls them."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str | None, int]]) -> None:
        """rows: (form name, kind, speaker name, gender, passages), most quoted first."""
        from corpus.models import Speaker, SpeakerKind

        self._entries: dict[tuple[str, str], _Entry] = {}
        self._of_form: dict[str, str] = {}
        for name, kind, identity, gender, passages in rows:
            entry = self._entries.get((identity, kind))
            if entry is None:
                entry = _Entry(identity, kind, _gender(gender), 0)
                self._entries[(identity, kind)] = entry
            entry.passages += passages
            entry.forms.append(name_keys(name, kind))
            # Not validated: the rows were written from Speakers at build time.
            label = Speaker.model_construct(
                name=name, role=None, kind=cast(SpeakerKind, kind)
            ).label
            entry.labels.update({_fold(name), _fold(label), _fold(identity)})
            self._of_form.setdefault(_fold(name), identity)
        self._ordered = sorted(self._entries.values(), key=lambda e: (-e.passages, e.name))
        self._vocabulary: dict[str, int] = Counter()
        for entry in self._ordered:
            for keys in entry.forms:
                for k in keys:
                    self._vocabulary[k] += entry.passages

    def identity(self, name: str) -> str | None:
        """The speaker a name exactly as the passages write it belongs to."""
        return self._of_form.get(_fold(name))

    def gender(self, name: str) -> Gender | None:
        identity = self.identity(name) or name
        for entry in self._ordered:
            if entry.name == identity:
                return entry.gender
        return None

    def find(self, typed: str) -> SpeakerMatch | None:
        """The speaker a user means by `typed`, correcting typos against speakers' names."""
        folded = _fold(typed)
        if not folded:
            return None
        keys = name_keys(typed, "query")
        for entry in self._ordered:
            if folded in entry.labels:
                return self._match(
                    [entry, *(e for e in self._by_keys(keys) if e is not entry)], typed
                )
        if not keys:
            return None
        found = self._by_keys(keys)
        if found:
            return self._match(found, typed)
        from index.correct import closest

        fixed = [k if k in self._vocabulary else closest(k, self._vocabulary) for k in keys]
        if None in fixed or fixed == list(keys):
            return None
        found = self._by_keys(tuple(k for k in fixed if k))
        return self._match(found, typed, corrected=True) if found else None

    def _by_keys(self, keys: tuple[str, ...]) -> list[_Entry]:
        """Entries whose name has exactly these words, then those that have them among others
        ("foreign ministry" in "the Kazak foreign ministry", "Svoik" in "Pyotr Svoik"); each
        most quoted first ("Svoik" means the Svoik people hear most from)."""
        wanted = set(keys)
        exact = [e for e in self._ordered if any(set(form) == wanted for form in e.forms)]
        partial = [
            e
            for e in self._ordered
            if e not in exact and any(wanted < set(form) for form in e.forms)
        ]
        return exact + partial

    @staticmethod
    def _match(
        found: _Entry | list[_Entry], typed: str, *, corrected: bool = False
    ) -> SpeakerMatch:
        entries = found if isinstance(found, list) else [found]
        entry = entries[0]
        # Other people the same words fit: two Tulegenovas are two people, so say so.
        others = tuple(
            e.name
            for e in entries[1:4]
            if e.kind in ("person", "unknown") and entry.kind != "organisation"
        )
        return SpeakerMatch(entry.name, entry.kind, entry.gender, typed, corrected, others)


def _gender(value: str | None) -> Gender | None:
    if value == "male":
        return "male"
    if value == "female":
        return "female"
    return None


def _fold(name: str) -> str:
    return " ".join(normalise(name).replace(".", " ").replace("'s ", " ").split())


def speaker_table(
    passages: Iterable[_Attributed],
) -> list[tuple[str, str, str, str | None]]:
    """The index's speakers table from the corpus's passages: (name, kind, entry, gender)."""
    counts: Counter[tuple[str, str]] = Counter()
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    roles: dict[tuple[str, str], list[str]] = defaultdict(list)
    texts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for passage in passages:
        if not passage.speaker_name:
            continue
        form = (passage.speaker_name, passage.speaker_kind)
        counts[form] += 1
        articles[form].add(passage.article_id)
        if passage.speaker_role:
            roles[form].append(passage.speaker_role)
        texts[form].append(passage.text)
    forms = [
        SpeakerForm(
            name,
            kind,
            count,
            frozenset(articles[(name, kind)]),
            tuple(dict.fromkeys(roles[(name, kind)])),
            tuple(texts[(name, kind)]),
        )
        for (name, kind), count in counts.items()
    ]
    return [(i.name, i.kind, i.identity, i.gender) for i in identities(forms)]
