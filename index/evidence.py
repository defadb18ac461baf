"""Is there an answer? A decision on top of the BM25 ranking, which it never changes.

BM25 always ranks something first, even for a question the articles cannot answer: "What did
Putin say about NATO?" finds "Experts say…" through "say" alone, and "Who is the CEO of
Pemberton Securities?" finds an analyst of Pemberton Securities. So each of the top
`DEPTH` passages is judged by how much of the question it matches, word by word; the result is an
answer when one of them answers, else "no answer" (no hits).

**Words.** Stopwords ("what", "did", "about") are not searched. **Asking words** are searched
but never evidence: reporting and opinion verbs ("say", "told", "think"), the words questions are
built from ("like", "happen", "else", the degree word of "how long", "how far"), and the unnamed
sources every article is full of ("experts", "analysts", "officials", "activists"). The others
are **content words**; one is **unknown** when no article has it (after spelling variants and
corrections), in a passage or in a title.

**How much a word says** (its weight) is how rare it is:
- a word the articles have weighs its BM25Okapi idf over the passages (the same idf rank-bm25
  ranks with), but never more than its rarity in English: "people", "time", "new" are frequent
  in any text, and a small corpus would make them look specific;
- an unknown word weighs its rarity in English alone (wordfreq's Zipf frequency, stored in the
  index at build time): `IDF_MAX * (COMMON - zipf) / (COMMON - RARE)`, clipped to 0..IDF_MAX,
  where IDF_MAX is the idf of a word in one passage. "want", "going", "number" (Zipf ≥ 5.6) the
  articles may lack without harm, as answers paraphrase them; "soldiers", "CEO", "Putin", any
  word rarer than Zipf `RARE` count fully against a passage that lacks them;
- a word of the passage's **topic** weighs `TOPIC` of that: in an article of at least
  `WEAK_MIN_PASSAGES` passages, a word in at least half of them, as its country is ("flood" in
  the flood report). Title words are not topic words by themselves: questions are often put in
  the headline's words ("why was the coal ban delayed"), and the passage that answers may say
  nothing else of the question ("…postponed…"); likewise a word right after an unknown word in the
  question ("climate change": the articles lack "climate", so "changed" elsewhere is another
  matter; English puts the modifier before the head).

**A passage answers** when the weights of the words it matches make up at least `COVERAGE` of
the question's content words' weight, with at least one of them not of its topic and said by the
passage itself, not only through a related word ("cost" alone does not answer "price"). A word
counts fully when the passage says it (its text, or its speaker's name and role), `CONTEXT` (the
ranking's weight of the context field) when only the rest of its paragraph or the paragraph before
does, and `RELATED` times that when the passage has only a related word searched for it (a
synonym or a derived word, `QueryWord.related`; index.related) and no article has the word
itself. A word the passage lacks counts against it: fully when its article never says it (the
question is about something the article is not: "how much is a bus ticket in Bishkek" is not
answered by a bus in another city's article), `LACKING_HERE` when its article says it elsewhere
(answers paraphrase, and a passage may leave to its neighbours what it is about: "The line runs
for 988 kilometres"), nothing when it is the article's topic. Measured on SelQA's dev split with
sections left out (`python -m index.bench_selqa --no-answer`): when lacking words the articles
had cost nothing, a passage matching one word of the question answered it, and three in four
questions on a left-out section got an answer. A question of only topic words
("Kazakhstan?") is answered by a passage that has them all, none unknown.

**Names and what is asked about them.** A word the articles write as a name (or no English list
has: "Karatau") says what a question is about; its other content words what it asks. So:
- when one of the other words is rarer in English than `ASKED_ZIPF` ("born", "soldiers", "paid";
  not "live", "people"), a passage must match one of them, not only the names: "when was
  Nazarbayev born" is not answered by a passage that names Nazarbayev, "what is the mayor of
  Port Ellis paid" not by one that names Port Ellis.
The question's shape adds what its answer must have:
- **"what did X say / think / write …"**: every word of X is known, and X is the passage's
  speaker: at least half of X's weight is matched by the speaker's name and role (for a passage
  whose speaker could not be told, "…," she said., by its text and context). "What did the
  prime minister say about the floods?" is not answered by the flood agency's manager, nor
  "what did Poroshenko say" by a passage that only names him;
- **"who is X"**: every word of X is known and at least half of X's weight is in the passage's
  own text or its speaker's name and role ("Who is the CEO of Pemberton Securities?": no article
  has "CEO");
- **"how many / how much"**: the passage states a number (digits or a number word).
A question made only of asking words has nothing to look for (with a speaker chosen, it lists
what they said instead; see index.search).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from index import answer_type
from index.bm25 import BM25Index
from index.documents import CONTEXT_WEIGHT
from index.tokenize import STOPWORDS, tokenize


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


DEPTH = 3  # the passages judged, whatever k is: the decision must not depend on the page size
WEAK_SHARE = 0.5  # in at least this share of an article's passages: its topic
WEAK_MIN_PASSAGES = 4  # shorter articles have no background words to speak of
COVERAGE = 0.4  # share of the question's content words' weight a passage must match
LACKING_HERE = 0.5  # a word the passage lacks, said elsewhere in its article, costs this much
TOPIC = 0.3  # weight of a topic word, beside the same word off-topic
# A word matched only in the passage's context counts as much as the ranking counts it there.
CONTEXT = CONTEXT_WEIGHT
RELATED = 0.5  # a word matched only through a related word counts this much
COMMON = 6.0  # Zipf of words as common as "want", "going": missing them says nothing
RARE = 4.0  # Zipf of words as rare as "soldiers", "Putin": missing them says everything
FLOOR = 1.0  # the least a word the articles have weighs, however common in English
# A question that names something asks about it: when one of its other content words (off the
# passage's topic) is rarer in English than this Zipf frequency ("born" 5.1, "soldiers" 4.7,
# "paid" 5.1), a passage must match one of them, not the names alone. More common words
# ("live" 5.5, "people" 6.3) an answer says in other words.
ASKED_ZIPF = 5.2
SPEAKER_SHARE = 0.5  # of the weight of X in "what did X say", matched by the speaker
_NAMED = 6  # missing or weak words a verdict names (a pasted page has thousands)

_REPORTING = """
    say says said saying tell tells told telling think thinks thought believe believes believed
    claim claims claimed comment comments commented mention mentions mentioned explain explains
    explained describe describes described argue argues argued add adds added speak speaks spoke
    spoken talk talks talked write writes wrote written feel feels felt reckon reckons opinion
    opinions view views react reacted respond responded answer answered ask asks asked quote
    quotes quoted
"""
_QUESTION = """
    like know knows mean means happen happens happened anything something everything else exactly
    actually really please
"""
_SOURCES = """
    expert experts analyst analysts observer observers commentator commentators critic critics
    spokesman spokeswoman spokesperson spokespeople source sources official officials activist
    activists campaigner campaigners environmentalist environmentalists
"""
ASKING_TERMS = frozenset(
    term for word in (_REPORTING + _QUESTION).split() for term in tokenize(word)
)
# As typed, not stemmed: "campaigners" asks for a source, "campaign" names a topic.
SOURCE_WORDS = _set(_SOURCES)
# "what did X say", "what does X think": the verbs after which X is the speaker asked about.
_SPEAKING = frozenset(
    term
    for word in _set("say said tell told think thought believe write wrote claim mean feel")
    for term in tokenize(word)
)
_AUXILIARY = _set("did does do has have had is was were are")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|"
    r"trillions?|dozens?|half|third|quarter|fifth|several|none|nobody)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QueryWord:
    """One non-stopword of the question, as searched."""

    typed: str  # normalised, as the user wrote it
    terms: tuple[str, ...]  # the index terms searched for it (spelling variants included)
    asking: bool
    known: bool  # some of `terms` (or of `related`) is in the index, or it is a title word
    weak_here: bool = False  # next to an unknown word in the question (a compound)
    # Index terms of words related to it that are searched as well (synonyms, other forms of
    # the word): a passage matching only these is weaker evidence (RELATED).
    related: tuple[str, ...] = ()
    zipf: float | None = None  # its frequency in English (wordfreq Zipf); None: rarer than RARE
    # The articles write it as a name (capitalised mid-sentence), or no English list has it:
    # it says what the question is about, the other content words what it asks about it.
    name: bool = False


@dataclass(frozen=True)
class Candidate:
    """One of the best passages, as the decision sees it."""

    doc: int
    text: frozenset[str]  # query terms in its text field (its words, its speaker's name, role)
    context: frozenset[str]  # query terms in the rest of its paragraph and the one before
    speaker: frozenset[str]  # index terms of its speaker's name and role
    attributed: bool  # a speaker or the narrator was told (not "unknown")
    numbers: bool  # its text states a number


@dataclass(frozen=True)
class Shape:
    """What the question's form asks of an answer (see the module docstring)."""

    speaker: tuple[str, ...] = ()  # typed words of X in "what did X say"
    person: tuple[str, ...] = ()  # typed words of X in "who is X"
    count: bool = False  # "how many", "how much"


def states_number(text: str) -> bool:
    return bool(_NUMBER.search(text))


def asking_flags(raw: Sequence[str]) -> list[bool]:
    """For each non-stopword of `raw` (all words of a question, in order): is it an asking
    word?"""
    flags = []
    # "how long is the line", "how fast", "how soon": the degree word asks (index.answer_type
    # does not search it), the rest is the topic.
    degree = answer_type.degree_words(raw)
    for position, word in enumerate(raw):
        if word in STOPWORDS:
            continue
        after_how = position in degree
        stems = tokenize(word)
        # A lone letter ("j" of a stray escape code, an initial) names nothing.
        letter = len(word) == 1 and not word.isdigit()
        flags.append(after_how or letter or is_asking(word, stems))
    return flags


def is_asking(word: str, stems: Sequence[str] | None = None) -> bool:
    """Is a word (normalised) an asking word: a reporting verb, a word questions are built
    from, an unnamed source ("experts")? `stems`: its index terms, when already known."""
    stems = tokenize(word) if stems is None else stems
    return word in SOURCE_WORDS or (bool(stems) and stems[0] in ASKING_TERMS)


def adjacent_to_unknown(raw: Sequence[str], known: Sequence[bool]) -> list[bool]:
    """For each non-stopword of `raw`: is it the head of a compound whose modifier is unknown,
    i.e. right after an unknown non-stopword ("climate change", "medal count")? English puts
    the modifier first; an unknown word after a known one is usually its verb ("Slavs live")."""
    slots = [i for i, word in enumerate(raw) if word not in STOPWORDS]
    unknown_at = {slot for slot, ok in zip(slots, known, strict=True) if not ok}
    return [slot - 1 in unknown_at for slot in slots]


def shape_of(raw: Sequence[str]) -> Shape:
    """The form of a question from its words (all of them, in order, normalised)."""
    count = len(raw) >= 2 and raw[0] == "how" and raw[1] in ("many", "much")
    speaker: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    if len(raw) >= 4 and raw[0] == "what" and raw[1] in _AUXILIARY:
        for position in range(3, len(raw)):
            stems = tokenize(raw[position])
            if stems and stems[0] in _SPEAKING:
                speaker = _content(raw[2:position])
                break
    if len(raw) >= 3 and raw[0] == "who" and raw[1] in ("is", "was", "are", "were"):
        person = _content(raw[2:])
    return Shape(speaker=speaker, person=person, count=count)


def _content(raw: Sequence[str]) -> tuple[str, ...]:
    words = [w for w in raw if w not in STOPWORDS]
    flags = asking_flags(words)
    return tuple(w for w, asking in zip(words, flags, strict=True) if not asking)


@dataclass(frozen=True)
class Verdict:
    answered: bool
    missing: list[str]  # content words no article has (the first few)
    weak: list[str]  # the closest passage matched only these topic words (few)
    lacking: list[str] = field(default_factory=list)  # what the closest passage lacks
    unquoted: list[str] = field(default_factory=list)  # X of "what did X say": nobody quoted
    uncounted: bool = False  # "how many": the passages that match state no number


@dataclass
class _Reading:
    """How one candidate fares (for the verdict's explanation)."""

    coverage: float = 0.0
    topic: list[str] = field(default_factory=list)  # topic words it matched
    strong: bool = False  # it matched a word off its topic
    lacking: list[str] = field(default_factory=list)  # known content words it lacks


def judge(
    words: Sequence[QueryWord],
    candidates: Sequence[Candidate],
    engine: BM25Index,
    article_span: Callable[[int], tuple[int, int]],
    shape: Shape | None = None,
    title_of: Callable[[int], frozenset[str]] | None = None,
) -> Verdict:
    """Decide on the best passages (`candidates`: BM25's top DEPTH, and those shown first when
    index.answer_type reordered them); `article_span(doc)` gives the first and last passage id
    of its article, `title_of(doc)` the index terms of its article's title."""
    shape = shape or Shape()
    content = [w for w in words if not w.asking]
    missing = [w.typed for w in content if not w.known]
    idf_max = _idf_max(engine.n_docs)
    weights = [_weight(engine, w, idf_max) for w in content]
    named = any(w.name for w in content)
    closest: _Reading | None = None
    unquoted: list[str] = []
    uncounted = False
    for candidate in candidates:
        first, last = article_span(candidate.doc)
        reading = _Reading()
        total = matched = 0.0
        title = title_of(candidate.doc) if title_of is not None else frozenset()
        # Off its topic and no name: what the question asks about what it names.
        asked = asked_matched = False
        every = bool(content)
        for word, weight in zip(content, weights, strict=True):
            on_topic = word.weak_here or any(
                _background(engine, t, first, last) for t in word.terms
            )
            if on_topic:
                weight *= TOPIC
            credit = _credit(word, candidate)
            if not word.name and not on_topic:
                # "born", "soldiers", "paid" ask something; "live", "people" an answer rewords.
                # The passage must say one itself: a related word ("step" for "flight") is no
                # more than a hint.
                asked = asked or word.zipf is None or word.zipf < ASKED_ZIPF
                asked_matched = asked_matched or _says(word, candidate)
            # A word the passage lacks counts against it (measured: a passage that matches one
            # of the question's words and lacks the rest is rarely the answer), half when its
            # article says it elsewhere (the passage may be about it in other words: "the line"
            # after a paragraph that names it), nothing when the article is about it.
            if credit or not word.known:
                total += weight
            else:
                here = _mentioned(engine, word, first, last, title)
                if not (on_topic and here):
                    total += (LACKING_HERE if here else 1.0) * weight
            if not _says(word, candidate):
                every = False  # "has them all": the words themselves, not related ones
                if word.known:
                    reading.lacking.append(word.typed)  # at most a related word
            if not credit:
                continue
            matched += credit * weight
            if on_topic:
                reading.topic.append(word.typed)
            elif _says(word, candidate):
                # A related word alone ("cost" for "price") helps a passage that says some of
                # the question itself, but never makes one an answer.
                reading.strong = True
        reading.coverage = matched / total if total > 0 else 0.0
        if closest is None or reading.coverage > closest.coverage:
            closest = reading
        if not ((reading.coverage >= COVERAGE and reading.strong) or (every and not missing)):
            continue
        failed = _unfit(shape, content, candidate, engine)
        if failed is None and named and asked and not asked_matched:
            continue  # the city is named, its population is not
        if failed is None:
            return Verdict(True, missing[:_NAMED], [])
        if failed == "count":
            uncounted = True
        elif not unquoted:
            unquoted = list(failed)
    weak: list[str] = []
    lacking: list[str] = []
    if closest is not None and not closest.strong and closest.topic:
        weak = closest.topic
    elif closest is not None:
        lacking = closest.lacking
    return Verdict(
        False, missing[:_NAMED], weak[:_NAMED], lacking[:_NAMED], unquoted[:_NAMED], uncounted
    )


def _idf_max(n_docs: int) -> float:
    """BM25Okapi's idf of a word in one passage of `n_docs`."""
    return max(math.log((n_docs - 1 + 0.5) / 1.5), 1.0)


def rarity(zipf: float | None, idf_max: float) -> float:
    """How much a word says by its frequency in English, on the idf scale (0..idf_max)."""
    if zipf is None:
        return idf_max
    return idf_max * min(1.0, max(0.0, (COMMON - zipf) / (COMMON - RARE)))


def _weight(engine: BM25Index, word: QueryWord, idf_max: float) -> float:
    english = rarity(word.zipf, idf_max)
    idfs = [engine.idf(t) for t in word.terms if engine.has_term(t)]
    if not idfs:  # unknown, or known only through related words or a title
        return english
    # A common word still says a little when the corpus has it. Spellings of one word
    # ("Kazakstan", "Kazakhstan") are one word: as rare as its commonest spelling.
    return min(min(idfs), max(english, FLOOR))


def _credit(word: QueryWord, candidate: Candidate) -> float:
    if any(t in candidate.text for t in word.terms):
        return 1.0
    if any(t in candidate.context for t in word.terms):
        return CONTEXT
    if word.known:
        # The articles use the word itself: a passage with only a related word is about
        # something else ("limit" is no "qualifier" of a cup). Said in other words is evidence
        # only for a word no article uses ("delayed" where the articles say "postponed").
        return 0.0
    if any(t in candidate.text for t in word.related):
        return RELATED
    if any(t in candidate.context for t in word.related):
        return RELATED * CONTEXT
    return 0.0


def _says(word: QueryWord, candidate: Candidate) -> bool:
    """Does the passage (or its context) have the word itself, not only a related word?"""
    return any(t in candidate.text or t in candidate.context for t in word.terms)


def _unfit(
    shape: Shape, content: Sequence[QueryWord], candidate: Candidate, engine: BM25Index
) -> tuple[str, ...] | str | None:
    """What the candidate lacks of what the question's form asks for (see the docstring):
    "count", the words of the speaker or person asked about, or None (it fits)."""
    if shape.count and not candidate.numbers:
        return "count"
    if shape.speaker:
        where = candidate.speaker
        if not candidate.attributed:
            where = where | candidate.text | candidate.context
        if not _named(shape.speaker, content, where, engine):
            return shape.speaker
    if shape.person and not _named(
        shape.person, content, candidate.speaker | candidate.text, engine
    ):
        return shape.person
    return None


def _named(
    typed: Sequence[str], content: Sequence[QueryWord], where: frozenset[str], engine: BM25Index
) -> bool:
    words = [w for w in content if w.typed in typed]
    if not all(w.known for w in words):
        return False  # no article has X
    weights = [max([engine.idf(t) for t in w.terms] + [1.0]) for w in words]
    found = sum(
        weight
        for word, weight in zip(words, weights, strict=True)
        if any(t in where for t in (*word.terms, *word.related))
    )
    return found >= SPEAKER_SHARE * sum(weights) if words else True


def _background(engine: BM25Index, term: str, first: int, last: int) -> bool:
    """Does `term` occur in at least WEAK_SHARE of the article's passages (first..last)?"""
    size = last - first + 1
    if size < WEAK_MIN_PASSAGES:
        return False
    postings = engine.postings(term)
    inside = int(np.searchsorted(postings, last, side="right") - np.searchsorted(postings, first))
    return inside >= WEAK_SHARE * size


def _mentioned(
    engine: BM25Index, word: QueryWord, first: int, last: int, title: frozenset[str]
) -> bool:
    """Does the article of passages first..last say one of the word's terms, or its title?"""
    for term in word.terms:
        if term in title:
            return True
        postings = engine.postings(term)
        if np.searchsorted(postings, last, side="right") > np.searchsorted(postings, first):
            return True
    return False
