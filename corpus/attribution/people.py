"""The article's register of people, built before any cue is resolved, and the references to it.

`build_register` reads the whole article (quotes masked) and registers every personal name it
meets, narration included: "Democratic pollster Pat Caddell", "Sen. Tim Kaine (D-Va.)",
"Mr. Obama". Titles, role prefixes and party tags go to the role. Later mentions resolve to the
one full name: a surname ("Caddell"), an honorific and surname ("Mr. Caddell", which must not
cross gender), a given name when no surname matches, "the senator" (the one person with that
role). An ambiguous reference stays `unknown`.

The register also keeps the order in which people speak or are named (`events`), for he/she:
a pronoun refers to the nearest person who is not known to be of the other gender, and only
when nothing between makes it unsure (see `SpeakerRegistry._pronoun`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from corpus.attribution.lexicon import (
    GENDERED_ROLES,
    HONORIFICS,
    NOT_NAMES,
    ORGANISATION_WORDS,
    PARTICLES,
    ROLE_NOUNS,
    SENTENCE_WORDS,
    TITLES,
    Gender,
    word_set,
)
from corpus.attribution.names import PARTY_TAG, Mention, modifier, name_length, stops_name
from corpus.attribution.quotes import MASK
from corpus.models import NARRATOR, Speaker

# A run of capitalised words, initials and particles: the candidates for personal names.
_NAME_RUN = re.compile(
    r"(?<![\w’'.-])(?:(?:(?:Sen|Sens|Rep|Reps|Gov|Lt|Jr|Sr|Dr|Mr|Mrs|Ms|St|Gen|Col|Capt|Sgt|"
    r"Prof|Rev|Atty|Del|Supt|Adm)\.|[A-Z][\w’'-]*[a-z][\w’'-]*|(?:[A-Z]\.){1,3}|Mc[A-Z]\w+|O’[A-Z]\w+|"
    r"O'[A-Z]\w+)(?:\s+|\s+(?:al|bin|da|de|del|der|di|du|el|ibn|la|le|van|von)\s+)?)+"
)
_OF_BEFORE = re.compile(r"(?<![\w’'])([A-Z][\w.]*)\s+(?:of|for)\s+$")
_THE_BEFORE = re.compile(r"(?<![\w’'])[Tt]he\s+$")
_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")
_QUALIFIER_BEFORE = re.compile(r"(?<![\w’'-])(former|ex-|acting|then-|outgoing)\s*$", re.I)
_ROLE_BEFORE = re.compile(r"((?:[A-Za-z][\w’'.-]*\s+){1,3})$")
_PARTY_AFTER = re.compile(
    r"\s*(?:(?:,\s*|\()\s*[DRI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\)?|\([DRI]\)(?!\w))"
)
# "his"/"her" or he/she shortly after a name, with no other name between, says the gender.
_PRONOUN_AFTER = re.compile(r"\b(he|she|his|her|him|himself|herself)\b", re.I)
# Capitalised words that start a sentence or a place, never a personal name.
_NOT_NAME_WORDS = SENTENCE_WORDS
NOT_NAME_WORDS = _NOT_NAME_WORDS  # for the pipeline's sentence subjects
_NOT_A_PERSON_AFTER = word_set(
    "Administration Airport Avenue Bridge Building Campaign Center Centre Church City County "
    "Court Democrats Republicans Foundation Hall High Hospital House Institute Library Museum "
    "Park Plaza Prize Road School Square Stadium Street Tower Trust University Act Bill Law "
    "States Kingdom Republic Union Island Islands River Valley Beach Mountains Gulf Sea Ocean "
    "Lake Bay Coast Times Post Journal Magazine Network News Channel Party Force Forces "
    "Politics Review Report Today Tonight Live Show Hour Online Media Insider Wire Weekly "
    "Research "
    "Partners Associates Capital Holdings Group Inc Inc. Corp Corp. LLC Ltd Co."
)
# Nouns news puts after a surname used as a modifier: "Trump supporters", "the Kimble camp".
_ATTRIBUTIVE_HEADS = word_set(
    "supporters voters backers fans aides allies staff staffers surrogates loyalists delegates "
    "campaign camp rally rallies ticket administration presidency era policies donors"
)
_ROLE_ADJECTIVES = word_set(
    "new former deputy vice prime foreign local senior chief acting opposition state "
    "presidential campaign press party top longtime veteran retired fellow political"
)
_DEFINITE_ROLES = {
    "senator": ("senator", "sen.", "sen"),
    "congressman": ("congressman", "rep.", "representative"),
    "congresswoman": ("congresswoman", "rep.", "representative"),
    "governor": ("governor", "gov.", "gov"),
    "mayor": ("mayor",),
    "president": ("president",),
}
_MAX_LOOKBACK = 60  # events a pronoun looks back over: bounds the work per pronoun
_PRONOUN_WORDS = word_set("He She His Her Him It Its They Their We I")
_GENDER_WORDS: dict[str, Gender] = {
    "he": "male",
    "his": "male",
    "him": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "herself": "female",
}


@dataclass
class Person:
    name: str
    role: str | None
    gender: Gender | None
    kind: str = "person"  # "person", or "unnamed" for an anonymous source he/she can refer to
    votes: dict[str, int] = field(default_factory=dict)  # pronoun evidence: gender -> count


@dataclass
class _Event:
    person: int
    paragraph: int
    spoke: bool = True  # False for a name met in narration ("his counterpart Arseny Yatsenyuk")
    subject: bool = False  # named as the subject of its sentence ("Sen. Gordon Pike was…")
    sentence: int = 0  # the sentence of the article it happens in, in reading order


def _surname(name: str) -> str:
    return name.split()[-1]


@dataclass
class SpeakerRegistry:
    """The people and organisations of one article, and the order they speak or are named."""

    people: list[Person] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    last_group: tuple[Speaker, int] | None = None
    sentence: int = 0  # the sentence being resolved, counted over the article
    # words the article capitalises inside sentences: names, unlike "Coverage" opening one
    proper_words: frozenset[str] = frozenset()
    _by_name: dict[str, int] = field(default_factory=dict)
    _by_surname: dict[str, list[int]] = field(default_factory=dict)
    _by_given: dict[str, list[int]] = field(default_factory=dict)
    _orgs_lower: dict[str, str] = field(default_factory=dict)
    _orgs_by_tail: dict[str, str] = field(default_factory=dict)
    _spoke: set[int] = field(default_factory=set)
    # Capitalised words the article writes in lower case elsewhere and capitalises only at the
    # start of a sentence: "Former", "See", "Stated" are no given names (`sentence_words`).
    sentence_words: frozenset[str] = frozenset()
    # A surname two people share, and the one the article means by it alone: see
    # `_bare_surname_genders`.
    bare_surnames: dict[str, int] = field(default_factory=dict)

    def next_sentence(self) -> None:
        """The events that follow happen in the next sentence of the article."""
        self.sentence += 1

    def _add_event(
        self, person: int, paragraph: int, spoke: bool = True, *, subject: bool = False
    ) -> None:
        self.events.append(_Event(person, paragraph, spoke, subject, self.sentence))

    def person_speaker(self, index: int) -> Speaker:
        person = self.people[index]
        if person.kind == "unnamed":
            return Speaker(name=person.name, role=person.role, kind="unnamed")
        return Speaker(name=person.name, role=person.role, kind="person")

    # -- finding people -------------------------------------------------------------------

    def _index(self, index: int) -> None:
        person = self.people[index]
        self._by_name[person.name] = index
        tokens = person.name.split()
        surnames = self._by_surname.setdefault(tokens[-1], [])
        if index not in surnames:
            surnames.append(index)
        if len(tokens) >= 2:
            given = self._by_given.setdefault(tokens[0], [])
            if index not in given:
                given.append(index)

    def _find_people(self, name: str, gender: Gender | None = None) -> list[int]:
        tokens = name.split()
        if name in self._by_name and self.people[self._by_name[name]].kind == "person":
            return [self._by_name[name]]
        same_surname = [
            i
            for i in self._by_surname.get(tokens[-1], ())
            if self.people[i].kind == "person"
            and not (gender and self.people[i].gender and self.people[i].gender != gender)
        ]
        if len(tokens) == 1:
            if tokens[0] in PARTICLES:
                return []
            if len(same_surname) > 1 and gender is None and tokens[0] in self.bare_surnames:
                return [self.bare_surnames[tokens[0]]]
            if same_surname:
                return same_surname
            # "Melania" for "Melania Trump": a given name, when no surname is spelt so
            return list(self._by_given.get(tokens[0], ()))
        # "Donald J. Trump" and "Donald Trump"; "Dr. Aliya Serikbayeva" after "Serikbayeva"
        found = [
            i
            for i in same_surname
            if len(self.people[i].name.split()) == 1 or _same_given(self.people[i].name, name)
        ]
        if not found:
            # "Vargas Llosa" after "Mario Vargas Llosa": a compound surname on its own
            found = [
                i for i in same_surname if self.people[i].name.split()[-len(tokens) :] == tokens
            ]
        return found

    def register(
        self, mention: Mention, paragraph: int, role: str | None = None, *, spoke: bool = True
    ) -> int | None:
        """Registers or finds the person named; None when a bare surname is ambiguous or new."""
        index = self._enter(mention, role)
        if index is not None:
            self._add_event(index, paragraph, spoke)
            if spoke:
                self._spoke.add(index)
        return index

    def _enter(
        self,
        mention: Mention,
        role: str | None = None,
        *,
        new: bool = True,
        new_single: bool = False,
    ) -> int | None:
        role = role or mention.role
        first, _, rest = mention.text.partition(" ")
        if rest and first in self.sentence_words:
            # "Stated Stone", "See Sexton": a sentence's first word before the surname;
            # "Reporting On Carson": and the words it opens
            while True:
                first, _, after = rest.partition(" ")
                if not after or first not in _NOT_NAME_WORDS:
                    break
                rest = after
            mention = Mention(mention.kind, rest, mention.role, mention.gender)
        found = self._find_people(mention.text, mention.gender)
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
                del self._by_name[person.name]
                person.name = mention.text
                self._index(index)
            return index
        if new and (len(mention.text.split()) >= 2 or role or new_single):
            self.people.append(Person(mention.text, role, mention.gender))
            index = len(self.people) - 1
            self._index(index)
            return index
        return None

    def anonymous(self, speaker: Speaker, paragraph: int) -> None:
        """An anonymous source ("a senior official, who spoke on condition of anonymity") that
        a later "he said" may refer back to."""
        gender = None
        for word in (speaker.name or "").lower().split():
            gender = GENDERED_ROLES.get(word, gender)
        self.people.append(Person(speaker.name or "", speaker.role, gender, kind="unnamed"))
        self._add_event(len(self.people) - 1, paragraph)
        self._spoke.add(len(self.people) - 1)

    def mentioned(self, name: str, paragraph: int, *, subject: bool = False) -> None:
        """A person named in narration: a later pronoun must account for them."""
        found = self._find_people(name)
        # Two people could be meant: whoever it was, a pronoun after it is unsure.
        person = found[0] if len(found) == 1 else -1
        self._add_event(person, paragraph, spoke=False, subject=subject)

    def is_surname(self, word: str) -> bool:
        return word in self._by_surname

    # -- pronouns -------------------------------------------------------------------------

    def _pronoun(self, gender: Gender | None, paragraph: int) -> int | None:
        """The person he/she refers to, or None when news readers could not be sure.

        The antecedent is the nearest person, not known to be of the other gender, who spoke
        or was the subject of a sentence, in this paragraph or the one before that names
        anybody (news keeps he/she that close to the name; a paragraph of only the other
        gender's people does not count). Anyone of that gender, or of a gender the article does
        not show, named after the antecedent's own sentence makes it unsure: "Hale said…
        Delgado's bill… He said" is nobody's to guess. A person named inside the antecedent's
        own sentence ("Christie said of Trump…") does not compete: news writes "…," he said
        of that sentence's speaker.
        """
        between: list[tuple[int, int]] = []  # (person or -1, sentence) named since
        # the window: this paragraph and the one before it that names anybody
        top, before = paragraph, None
        lowest = max(0, len(self.events) - _MAX_LOOKBACK)
        for position in range(len(self.events) - 1, lowest - 1, -1):
            event = self.events[position]
            if event.paragraph < top and before is None:
                before = event.paragraph
            if (before is not None and event.paragraph < before) or paragraph - event.paragraph > 3:
                return None
            person = self.people[event.person] if event.person >= 0 else None
            if person is not None and gender and person.gender and person.gender != gender:
                # "She said" after a paragraph of Mr. Grishin's: no rival; look past him
                top, before = event.paragraph, None
                continue
            if person is None or not (event.spoke or event.subject):
                # a name that could be either of two people is a rival of either gender
                between.append((event.person, event.sentence))
                continue
            # a name in the speaker's own sentence does not compete ("Christie said of
            # Trump…"); one beside a subject who only acts does ("Hale met Tom Price.")
            if any(
                i != event.person and (at != event.sentence or not event.spoke) for i, at in between
            ):
                return None
            return event.person
        return None

    def note_gender(self, speaker: Speaker, gender: Gender) -> None:
        """ "wrote on his Facebook page": later "he" may refer to this person."""
        for person in self.people:
            if person.name == speaker.name and person.gender is None:
                person.gender = gender

    # -- resolving a mention --------------------------------------------------------------

    def resolve(self, mention: Mention, paragraph: int, role: str | None = None) -> Speaker:
        """The speaker a mention stands for in this article; `unknown` when it is unclear."""
        if mention.kind == "pronoun":
            if mention.text in ("he", "she"):
                index = self._pronoun(mention.gender, paragraph)
                if index is None:
                    return Speaker(kind="unknown")
                self._add_event(index, paragraph)
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
            if _singular_source(mention.text):
                self.anonymous(speaker, paragraph)
            return speaker
        if mention.kind == "organisation":
            name = self._organisation(mention.text)
            speaker = Speaker(name=name, role=role, kind="organisation")
            self.last_group = (speaker, paragraph)
            return speaker
        if mention.kind == "definite":
            return self._definite(mention, paragraph, role)
        index = self.register(mention, paragraph, role)
        if index is None:
            # someone spoke whom the register cannot name: a he/she after them is unsure
            self._add_event(-1, paragraph)
            return Speaker(name=mention.text, kind="unknown")
        return self.person_speaker(index)

    def _definite(self, mention: Mention, paragraph: int, role: str | None) -> Speaker:
        # "the analyst said", "the senator said": the one registered person with that role
        head = mention.text.split()[-1] if mention.text else ""
        forms = _DEFINITE_ROLES.get(head, (mention.text,))
        if head in _DEFINITE_ROLES and len(mention.text.split()) > 1:
            # "the former president": Obama is "President", Bill Clinton "former President"
            forms = tuple(f"{' '.join(mention.text.split()[:-1])} {form}" for form in forms)
        # "The senator, who…" right after Sen. Crane spoke: the nearest person, if the role fits
        for event in reversed(self.events[-_MAX_LOOKBACK:]):
            if event.person < 0 or self.people[event.person].kind != "person":
                continue
            nearest = self.people[event.person]
            fits = nearest.role and any(_has_role_word(nearest.role.lower(), f) for f in forms)
            if fits and paragraph - event.paragraph <= 2:
                self._add_event(event.person, paragraph)
                return self.person_speaker(event.person)
            break
        matches = [
            i
            for i, p in enumerate(self.people)
            if p.kind == "person"
            and p.role
            and any(_has_role_word(p.role.lower(), form) for form in forms)
        ]
        if len(matches) == 1:
            self._add_event(matches[0], paragraph)
            return self.person_speaker(matches[0])
        if matches:  # two analysts in the article: which one is "the analyst"?
            return Speaker(name=f"the {mention.text}", kind="unknown")
        return Speaker(name=f"the {mention.text}", role=role, kind="unnamed")

    def _organisation(self, name: str) -> str:
        lower = name.lower()
        if lower in self._orgs_lower:
            return self._orgs_lower[lower]
        words = name.split()
        if words[0].lower() in ("its", "their", "the") and len(words) >= 2:
            head = " ".join(words[-2:]).lower() if len(words) >= 3 else words[-1].lower()
            for key in (head, words[-1].lower()):
                if key in self._orgs_by_tail:
                    return self._orgs_by_tail[key]
        self.organisations.append(name)
        self._orgs_lower[lower] = name
        tail_words = lower.split()
        self._orgs_by_tail.setdefault(tail_words[-1], name)
        if len(tail_words) >= 2:
            self._orgs_by_tail.setdefault(" ".join(tail_words[-2:]), name)
        return name

    def full_name(self, name: str) -> str | None:
        """The registered full name a name stands for, when it stands for one person."""
        found = self._find_people(name)
        return self.people[found[0]].name if len(found) == 1 else None

    def refreshed(self, speaker: Speaker) -> Speaker:
        """The speaker with the role the article gives the person by its end."""
        if speaker.kind != "person" or speaker.name is None:
            return speaker
        index = self._by_name.get(speaker.name)
        if index is None:
            found = self._find_people(speaker.name)
            if len(found) != 1:
                return speaker
            index = found[0]
        person = self.people[index]
        return Speaker(name=person.name, role=person.role, kind="person")


def _has_role_word(role: str, form: str) -> bool:
    """Whether a role fits a descriptor: "the senator" fits "Sen." and "Republican senator",
    not "former senator"; "the former president" fits "former President" only."""
    words = role.split()
    for qualifier in _ROLE_QUALIFIERS:
        if (qualifier in words) != (qualifier in form.split()):
            return False
    return form in words or (" " in form and form in role)


# Qualifiers a descriptor must share with the role: "the president" is not the former one.
_ROLE_QUALIFIERS = ("former", "ex-", "vice", "deputy", "acting")


def _same_given(known: str, name: str) -> bool:
    a, b = known.split()[0].rstrip("."), name.split()[0].rstrip(".")
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


_SINGULAR_SOURCES = word_set(
    "official spokesman spokeswoman spokesperson source aide adviser advisor diplomat "
    "insider officer staffer lawyer"
)


def _singular_source(text: str) -> bool:
    """ "an official at the Ministry of Energy", "a senior aide": one anonymous person."""
    words = text.lower().split()
    if not words or words[0] not in ("a", "an", "one"):
        return False
    head = []
    for word in words[1:]:
        if word in ("at", "in", "of", "for", "from", "with", "close", "who", "familiar"):
            break
        head.append(word)
    return (bool(head) and head[-1] in _SINGULAR_SOURCES) or words[-1] in _SINGULAR_SOURCES


# -- building the register ----------------------------------------------------------------


def build_register(
    masked_paragraphs: Iterable[str], headlines: Iterable[str] = ()
) -> SpeakerRegistry:
    """Every personal name of the article, quotes masked out, before any cue is resolved.

    `headlines` (the title and subtitle, quotes masked) only fill gaps: a headline names the
    person the story is about ("Cecile Richards: …"), whom the body may call by surname only;
    a name there counts only when the body registers nobody of that surname, and title-case
    headlines ("Trump Says Clinton Lied") are skipped, since every word is capitalised there."""
    texts = list(masked_paragraphs)
    capitals = capital_words(texts)
    registry = SpeakerRegistry(sentence_words=capitals.sentence, proper_words=capitals.proper)
    for text in texts:
        for name, role, gender, _start, _end in name_mentions(text):
            registry._enter(Mention("person", name, role, gender), role)
    for headline in headlines:
        if _title_case(headline):
            continue
        for name, role, gender, _start, _end in name_mentions(headline):
            first = name.split()[0]
            if len(name.split()) < 2 or first in registry.sentence_words:
                continue
            if not registry._by_surname.get(_surname(name)):
                registry._enter(Mention("person", name, role, gender), role)
    _surname_only_people(texts, registry)
    for text in texts:
        _honorific_genders(text, registry)
        _pronoun_genders(text, registry)
    for person in registry.people:
        if person.gender is None and person.votes:
            male, female = person.votes.get("male", 0), person.votes.get("female", 0)
            if male >= 2 * female + 1:
                person.gender = "male"
            elif female >= 2 * male + 1:
                person.gender = "female"
    contested = _bare_surname_genders(texts, registry)
    _bare_surname_relatives(texts, registry, contested)
    return registry


# A lone capitalised word as the subject of a reporting verb, before or after it: "Maddow
# asked", "Maddow repeatedly said", "…,” said Maddow."
_KINSHIP = (
    "wife husband son daughter mother father brother sister widow widower uncle aunt nephew "
    "niece cousin grandson granddaughter grandfather grandmother stepson stepdaughter spouse "
    "son-in-law daughter-in-law brother-in-law sister-in-law"
)
_KIN_BEFORE = re.compile(
    r"\b(?:" + "|".join(_KINSHIP.split()) + r"),?\s+(?:(?:former|late|then)\s+)?"
    r"(?:[A-Z][\w.’'-]*\s+){0,3}$"
)


_AND_POSSESSIVE = re.compile(r"\band\s+(?:his|her|their)\s+(?:[a-z]+\s+)?$")


def _bare_surname_relatives(
    texts: list[str], registry: SpeakerRegistry, contested: set[str]
) -> None:
    """The bare surname two people share stands for the one who is not introduced as the
    other's relative: news names the principal by surname and introduces the relative as
    such ("his wife, Jane Ruiz", "Ruiz’s daughter Ivy Ruiz"), then calls the relative by full
    or first name. With no relative, more than one person left, or the article's pronouns
    after the surname both he and she (`contested`), it stays ambiguous."""
    for surname, found in registry._by_surname.items():
        people = [i for i in found if registry.people[i].kind == "person"]
        if len(people) < 2 or surname in registry.bare_surnames or surname in contested:
            continue
        relatives = set()
        for index in people:
            name = registry.people[index].name
            for text in texts:
                at = text.find(name)
                while at >= 0:
                    before = text[max(0, at - 80) : at]
                    kin = _KIN_BEFORE.search(before)
                    # "Ada Brennan and her brother Colm Brennan run the mill": two equals
                    if kin and not _AND_POSSESSIVE.search(before, 0, kin.start()):
                        relatives.add(index)
                        break
                    at = text.find(name, at + 1)
                if index in relatives:
                    break
        principals = [i for i in people if i not in relatives]
        if relatives and len(principals) == 1:
            registry.bare_surnames[surname] = principals[0]


_LONE_SPEAKER = re.compile(
    r"(?<![\w’'.-])(?P<before>[A-Z][a-z][\w’'-]*)(?:\s+[a-z]+ly)?\s+"
    r"(?:said|says|asked|asks|told|tells|added|adds|wrote|writes|tweeted|replied|responded|"
    r"argued|insisted|explained|noted|recalled|repeated|continued|answered)\b"
    r"|\b(?:said|says|asked|added|wrote|replied|responded|continued)\s+"
    r"(?P<after>[A-Z][a-z][\w’'-]*)(?=\s*[.,;]|\s*$)"
)
_HONORIFIC_SURNAME = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][a-z][\w’'-]*)")
_PERSONAL_AFTER = re.compile(r"\b(he|she|his|her|him|himself|herself|its)\b", re.I)


def _surname_only_people(texts: list[str], registry: SpeakerRegistry) -> None:
    """People the article names by surname alone, never with a given name or a role: a TV
    host it calls "Maddow" throughout, "Mr. Obama". A lone word counts as a person only on the
    article's own evidence: an honorific before it, or it speaks ("Maddow asked") and the
    article's pronouns after it are personal and of one gender ("Maddow said she…"), never
    "its" (an organisation speaks too: "Gallup said its poll…"). A word the article also
    writes at sentence starts only, or that is known as a surname or given name, is left out."""
    known = registry._by_surname.keys() | registry._by_given.keys()

    def eligible(word: str) -> bool:
        return (
            word not in known
            and word not in _NOT_NAME_WORDS
            and word not in registry.sentence_words
            and word not in TITLES
            and word.lower() not in ORGANISATION_WORDS
            and word.lower() not in ROLE_NOUNS
            and not modifier(word)
        )

    honorific: dict[str, Gender | None] = {}  # None: "Mr." and "Ms." both
    speaking: set[str] = set()
    for text in texts:
        for match in _HONORIFIC_SURNAME.finditer(text):
            word = _bare(match.group(2))
            gender = HONORIFICS[match.group(1)]
            if gender is None or not eligible(word):
                continue
            if honorific.setdefault(word, gender) != gender:
                honorific[word] = None
        for match in _LONE_SPEAKER.finditer(text):
            word = _bare(match.group("before") or match.group("after"))
            before = _NAME_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
            if match.group("before") and before and before.group(1) not in _NOT_NAME_WORDS:
                continue  # "the White House said": the last word of a longer name
            # written inside a sentence, not only at its start ("Officials said")
            inside = (
                word in registry.proper_words
                or match.group("after") is not None
                or text[: match.start()].rstrip().endswith(MASK)
            )
            if inside and eligible(word):
                speaking.add(word)
    votes: dict[str, dict[str, int]] = {}
    if speaking - honorific.keys():
        pattern = re.compile(
            r"(?<![\w’'.-])(" + "|".join(map(re.escape, speaking)) + r")(?:’s|'s)?(?![\w’'-])"
        )
        for text in texts:
            for match in pattern.finditer(text):
                pronoun = _PERSONAL_AFTER.search(_words_after(text, match.end()))
                if pronoun:
                    said = pronoun.group(1).lower()
                    tally = votes.setdefault(match.group(1), {})
                    key = "its" if said == "its" else _GENDER_WORDS[said]
                    tally[key] = tally.get(key, 0) + 1
    for word, gender in honorific.items():
        if gender is not None:
            registry._enter(Mention("person", word, None, gender), new_single=True)
    for word in sorted(speaking - honorific.keys()):
        tally = votes.get(word, {})
        male, female = tally.get("male", 0), tally.get("female", 0)
        if tally.get("its"):
            continue
        if male >= 2 * female + 1:
            registry._enter(Mention("person", word, None, "male"), new_single=True)
        elif female >= 2 * male + 1:
            registry._enter(Mention("person", word, None, "female"), new_single=True)


_NAME_BEFORE = re.compile(r"([A-Z][\w’'.-]*)\s+$")
_NEXT_CAPITAL = re.compile(r"\b[A-Z][a-z]")


def _words_after(text: str, end: int) -> str:
    """What follows a name up to the end of its clause or the next capitalised word: where a
    pronoun can only be about that name ("Whitlock said she…", not "…Whitlock. Then Ruiz, her…")."""
    window = text[end : end + 120]
    cut = re.search(r"[.;!?§]", window)
    window = window[: cut.start()] if cut else window
    other = _NEXT_CAPITAL.search(window)
    return window[: other.start()] if other else window


def _bare_surname_genders(texts: list[str], registry: SpeakerRegistry) -> set[str]:
    """Which of two people sharing a surname the bare surname stands for, when the article's
    own pronouns say so: "Whitlock said she…", "Whitlock, in her speech…" every time, never
    he or his, and exactly one of the two is known to be a woman (the other a man). News
    calls the relative by full or first name and the principal by surname; the pronouns are
    the evidence of which is which. Anything less clear leaves the surname ambiguous."""
    shared: dict[str, list[int]] = {}
    for surname, found in registry._by_surname.items():
        people = [i for i in found if registry.people[i].kind == "person"]
        if len(people) >= 2:
            shared[surname] = people
    if not shared:
        return set()
    pattern = re.compile(r"(?<![\w’'.-])(" + "|".join(map(re.escape, shared)) + r")(?![\w’'-])")
    votes: dict[str, dict[Gender, int]] = {}
    for text in texts:
        for match in pattern.finditer(text):
            before = _NAME_BEFORE.search(text[max(0, match.start() - 30) : match.start()])
            if before and before.group(1) not in _NOT_NAME_WORDS | registry.sentence_words:
                continue  # "Roy Whitlock", "Mrs. Whitlock": not the bare surname
            pronoun = _PRONOUN_AFTER.search(_words_after(text, match.end()))
            if pronoun:
                tally = votes.setdefault(match.group(1), {})
                said = _GENDER_WORDS[pronoun.group(1).lower()]
                tally[said] = tally.get(said, 0) + 1
    contested = set()
    for surname, tally in votes.items():
        if len(tally) != 1:
            contested.add(surname)
            continue  # he and she both follow it: two people are meant
        ((meant, count),) = tally.items()
        people = shared[surname]
        fitting = [i for i in people if registry.people[i].gender == meant]
        others = [registry.people[i] for i in people if i not in fitting]
        # the others are known to be of the other gender, or (with the evidence repeated) the
        # article never gives them a pronoun of this one
        if len(fitting) == 1 and all(
            (p.gender is not None and p.gender != meant and count >= 2)
            or (p.gender is None and not p.votes.get(meant) and count >= 3)
            for p in others
        ):
            registry.bare_surnames[surname] = fitting[0]
    return contested


_LOWER_CASE_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]+")
# a capitalised word after a lower-case word, a digit or a comma: not a sentence's first word
_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,] )[A-Z][\w’'-]*")
_ADVERB_ENDINGS = ("ingly", "edly", "ously", "ively", "fully", "ately", "ently", "antly", "ally")
_FIRST_CAPITAL = re.compile(r"(?:^|[.!?:;§—–(\"“]\s*)([A-Z][a-z][\w’'-]*)")


@dataclass(frozen=True)
class CapitalWords:
    """How an article capitalises its words, from one scan of its paragraphs."""

    # capitalised inside sentences ("former President Bill Clinton"): names, unlike "Coverage"
    # opening one; possessives also without their 's ("Carson’s" is Carson)
    proper: frozenset[str]
    # capitalised only where a sentence starts and written in lower case elsewhere: "Former
    # Carson aides", "See Sexton", "Stated Stone" (see `capital_words`)
    sentence: frozenset[str]


def capital_words(texts: Iterable[str]) -> CapitalWords:
    """The article's capitalised words, inside sentences and at their starts. A given name
    ("Bill", "Mark") is written mid-sentence too ("former President Bill Clinton"), so it is
    no sentence word; one met only at sentence starts and in lower case elsewhere loses its
    sentence start, never a person; so does a participle ("Using Cruz as a foil, …")."""
    lower: set[str] = set()
    middle: set[str] = set()
    first: set[str] = set()
    for text in texts:
        lower.update(_LOWER_CASE_WORD.findall(text))
        for word in _MID_CAPITAL.findall(text):
            middle.add(word)
            if word.endswith(("s", "’", "'")):
                middle.add(_bare(word))  # "Carson’s", "Sanders'"
        first.update(_FIRST_CAPITAL.findall(text))
    sentence = frozenset(
        w
        for w in first
        if w not in middle
        and (
            w.lower() in lower
            or (len(w) >= 5 and w.endswith("ing"))
            or (len(w) >= 8 and w.endswith(_ADVERB_ENDINGS))  # "Interestingly, Blocher…"
        )
    )
    return CapitalWords(frozenset(middle), sentence)


def sentence_words(texts: Iterable[str]) -> frozenset[str]:
    """Capitalised words written only at sentence starts (see `capital_words`)."""
    return capital_words(texts).sentence


def _title_case(text: str) -> bool:
    """ "Trump Says Clinton Lied About Emails": most longer words capitalised."""
    long_words = [w for w in text.split() if len(w) > 3 and w[:1].isalpha()]
    if len(long_words) < 3:
        return False
    capitals = sum(1 for w in long_words if w[:1].isupper())
    return capitals >= 0.6 * len(long_words)


def _gender_of_prefix(role: str | None) -> Gender | None:
    gender: Gender | None = None
    for word in (role or "").split():
        gender = HONORIFICS.get(word) or GENDERED_ROLES.get(word.lower()) or gender
    return gender


NameMention = tuple[str, str | None, Gender | None, int, int]


def name_mentions(text: str) -> list[NameMention]:
    """The full personal names in a text: (name, role, gender, start, end of the name)."""
    return list(_name_mentions(text))


@functools.lru_cache(maxsize=2048)
def _name_mentions(text: str) -> tuple[NameMention, ...]:
    # The register, the gender votes and the pronoun stage all read the same paragraphs and
    # sentences: each text is read once.
    found: list[NameMention] = []
    for match in _NAME_RUN.finditer(text):
        tokens = [
            (t.group(0), match.start() + t.start()) for t in re.finditer(r"\S+", match.group(0))
        ]
        # Leading sentence words ("But", "When") and possessors ("Bishkek's Dordoi bazaar",
        # "Trump's campaign manager") are not part of the name.
        for position in range(len(tokens) - 2, -1, -1):
            if tokens[position][0].endswith(("’s", "'s", "s’", "s'")) or modifier(
                tokens[position][0]
            ):
                # "Los Angeles-area Sanders", "Almaty-based Ruiz": a place made an adjective
                tokens = tokens[position + 1 :]
                break
        while tokens and _bare(tokens[0][0]) in _NOT_NAME_WORDS:
            tokens.pop(0)
        for position, (word, _start) in enumerate(tokens):
            if word in _PRONOUN_WORDS:  # "…attacks in the U.S. He says": a new sentence
                tokens = tokens[:position]
                break
        words = [w for w, _ in tokens]
        title_end = 0
        for position, word in enumerate(words[:-1]):
            bare = _bare(word).lower()
            if (
                word in TITLES
                or word in HONORIFICS
                or bare in ROLE_NOUNS
                or bare in ORGANISATION_WORDS
            ):
                # "Senate Majority Leader Mitch McConnell": the name starts after the role
                title_end = position + 1
        if title_end == 0 and len(words) >= 3 and words[0].lower() in ROLE_NOUNS:
            title_end = 1  # "Economist Aigerim Sultanbekova"
        titles = words[:title_end]
        name_tokens = tokens[title_end:]
        while name_tokens and name_tokens[-1][0] in PARTICLES:
            name_tokens.pop()
        first_at = tokens[0][1] if tokens else 0
        title_of = _OF_BEFORE.search(text[max(0, first_at - 30) : first_at])
        if name_tokens and title_of and stops_name(title_of.group(1)):
            # "Secretary of State Hillary Clinton", "Secretary of State Clinton": the first
            # word finishes the title, and so may more ("of Homeland Security Jeh Johnson")
            rest = name_tokens[1:]
            kept = name_length([w for w, _ in rest]) if rest else 0
            department = [w for w, _ in name_tokens[: len(name_tokens) - kept]]
            name_tokens = name_tokens[len(name_tokens) - kept :]
            titles = [title_of.group(1), "of", *department, *titles]
        name_words = [_bare(w) for w, _ in name_tokens]
        if not name_words or len(name_words) > 4:
            continue
        if len(name_words) < 2 and not any(t in HONORIFICS or t in TITLES for t in titles):
            continue
        if any(w.lower() in ORGANISATION_WORDS for w in name_words) or any(
            w in _NOT_A_PERSON_AFTER for w in name_words[1:]
        ):  # "Bill Pruitt" is a person, "Pruitt Bill" a law
            continue
        end = name_tokens[-1][1] + len(name_tokens[-1][0])
        at = name_tokens[0][1]
        if not titles and _THE_BEFORE.search(text[max(0, at - 8) : at]):
            continue  # "the Trump Train", "the Clinton Foundation": no person takes "the"
        following = text[end : end + 30].split()
        if following and _bare(following[0]) in _NOT_A_PERSON_AFTER:
            continue  # "Trump Tower", "Clinton Foundation": a place or body named for a person
        if following and _bare(following[0]) in _ATTRIBUTIVE_HEADS and len(name_words) >= 2:
            # "New Hampshire Kimble supporters": a surname used as a modifier, with a place
            continue
        if (
            len(following) >= 2
            and following[0] in ROLE_NOUNS
            and following[1][:1].isupper()
            and len(name_words) >= 2
        ):
            # "Top Kimble adviser Nadia Sorel": whose adviser, not a person of its own
            continue
        role_words = [w for w in titles if w not in HONORIFICS]
        if role_words:
            # "former President Tom Hale": the qualifier before the title is part of the role
            qualifier = _QUALIFIER_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
            if qualifier:
                role_words = [qualifier.group(1).lower(), *role_words]
        if not titles:
            # the words just before the name only: a search of all text before is quadratic
            before = _ROLE_BEFORE.search(text[max(0, name_tokens[0][1] - 80) : name_tokens[0][1]])
            lead = before.group(1).split() if before else []
            if lead and lead[-1].lower() in ROLE_NOUNS:
                # "Democratic pollster Pat Caddell"; "the Trump campaign manager" keeps no "the"
                while len(lead) > 1 and not (
                    lead[0][:1].isupper() or lead[0].lower() in _ROLE_ADJECTIVES
                ):
                    lead.pop(0)
                if lead[0] not in NOT_NAMES:
                    role_words = lead
        role = " ".join(role_words) or None
        party = _PARTY_AFTER.match(text, end)
        if party:
            tag = party.group(0).strip(" ,()")
            role = f"{role} ({tag})" if role else tag
        gender = _gender_of_prefix(" ".join(titles + role_words))
        found.append((" ".join(name_words), role, gender, name_tokens[0][1], end))
    return tuple(found)


def _bare(word: str) -> str:
    if (
        word.endswith(".")
        and len(word) > 2
        and word not in TITLES
        and word not in HONORIFICS
        and not _INITIALS.match(word)
    ):
        word = word[:-1]  # "…said Valdez." (initials such as "J." keep their point)
    for suffix in ("’s", "'s", "’", ","):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if word.endswith("s'"):
        word = word[:-1]  # "Bernie Sanders' plan": a plural possessive typed straight
    return word


def _honorific_genders(text: str, registry: SpeakerRegistry) -> None:
    """ "Mr. Caddell", "Ms. Conway": the honorific says the gender of the one person so named."""
    for match in re.finditer(r"\b(Mr|Mrs|Ms|Miss)\.?\s+([A-Z][\w’'-]*[a-z][\w’'-]*)", text):
        gender = HONORIFICS[match.group(1)]
        surname = _bare(match.group(2))
        found = registry._by_surname.get(surname, [])
        if len(found) == 1 and registry.people[found[0]].gender is None:
            registry.people[found[0]].gender = gender


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z§“\"‘])")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")


def _pronoun_genders(text: str, registry: SpeakerRegistry) -> None:
    """The article's own pronouns: "Caddell said he…", "Conway, in her first…", "Clinton's
    wins solidify her argument that she…". A pronoun right after one person's name, with no
    other name between, is a vote for that person's gender; so is every he/his (or she/her)
    of a sentence that names one person only. Each sentence votes once per person."""
    for sentence in _SENTENCE_END.split(text):
        if not _PRONOUN_AFTER.search(sentence):
            continue  # most sentences: nothing to vote with
        mentions = _people_named(sentence, registry)
        if not mentions:
            continue
        votes: set[tuple[int, Gender]] = set()
        for number, (start, end, person) in enumerate(mentions):
            limit = mentions[number + 1][0] if number + 1 < len(mentions) else len(sentence)
            pronoun = _PRONOUN_AFTER.search(sentence, end, min(limit, end + 120))
            if pronoun is None or person < 0 or _cue_subject(sentence, pronoun):
                continue
            gender = _GENDER_WORDS[pronoun.group(1).lower()]
            # "Along with her deputy, Samuel Reyes, she…": that she is the her before him
            earlier = _PRONOUN_AFTER.finditer(sentence, 0, start)
            if all(_GENDER_WORDS[m.group(1).lower()] != gender for m in earlier):
                votes.add((person, gender))
        alone = len({person for _s, _e, person in mentions}) == 1 and mentions[0][2] >= 0
        # "Along with her deputy, Samuel Reyes, she…": a pronoun before the name is another's
        if alone and not _PRONOUN_AFTER.search(sentence, 0, mentions[0][0]):
            after = _PRONOUN_AFTER.finditer(sentence, mentions[0][1])
            genders = {
                _GENDER_WORDS[m.group(1).lower()] for m in after if not _cue_subject(sentence, m)
            }
            if len(genders) == 1:
                votes.add((mentions[0][2], genders.pop()))
        for person, gender in votes:
            tally = registry.people[person].votes
            tally[gender] = tally.get(gender, 0) + 1


def _cue_subject(sentence: str, pronoun: re.Match[str]) -> bool:
    """ "…means “…,” she says": the he/she of a quote's cue is its speaker, whoever was named."""
    return sentence[: pronoun.start()].rstrip(" ,").endswith(MASK)


def _people_named(sentence: str, registry: SpeakerRegistry) -> list[tuple[int, int, int]]:
    """(start, end, person or -1 when unsure who) of every full name and registered surname."""
    found = []
    for name, _r, _g, start, end in name_mentions(sentence):
        people = registry._find_people(name)
        found.append((start, end, people[0] if len(people) == 1 else -1))
    for word in _CAPITALISED_WORD.finditer(sentence):
        # the word as a surname: "Caddell’s" and "Jones’" are Caddell and Jones
        bare = word.group(0).removesuffix("’s").removesuffix("'s").removesuffix("’")
        if bare in registry._by_surname and not any(a <= word.start() < b for a, b, _ in found):
            people = registry._find_people(bare)
            found.append((word.start(), word.end(), people[0] if len(people) == 1 else -1))
    return sorted(found)


__all__ = ["NARRATOR", "PARTY_TAG", "Person", "SpeakerRegistry", "build_register", "name_mentions"]
