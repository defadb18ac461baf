"""Is there an answer? A decision on top of the BM25 ranking, which it never changes.

BM25 always ranks something first, even for a question the articles cannot answer: "What did
Putin say about NATO?" finds "Experts say…" through "say" alone. So each of the top passages is
judged by what it matched, word by word of the question:

- **Asking words** help find a passage but are never evidence on their own: reporting verbs and
  verbs of opinion ("say", "told", "think", "believe", "write"), the words a question is built
  from ("like", "happen", "else", the degree word in "how long", "how far"), and the unnamed
  sources news leans on ("experts", "analysts", "officials"): every article is full of them.
  (Stopwords such as "what", "did", "about" are not searched at all.)
- **Content words** are the others. A content word is **unknown** when no article has it, even
  after spelling variants and corrections ("Putin", "weather", "medals"), in a passage or in its
  title.
- A content word is **weak** evidence in a passage when it occurs in at least half of that
  article's passages (an article of at least 4), as its country or its title words do (the title
  is searchable with every passage), or when it stands right after an unknown word in the
  question: in "climate change" the articles lack "climate", so "changed" elsewhere is another
  matter (the unknown word comes first: English puts the modifier before the head).

A passage answers when it matches at least one content word that is not weak, and at least as
many such words as the question has unknown ones ("medals … Kazakhstan … Olympics" is not
answered by a passage about Kazakhstan that says "win"); or when the question has no unknown
word and the passage matches every one of its content words, weak or not ("Kazakhstan?").
The result is an answer when one of the top `DEPTH` passages answers; else it is "no answer".
A question made only of asking words has nothing to look for (with a speaker chosen, it lists
what they said instead; see index.search).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from index.bm25 import BM25Index
from index.tokenize import STOPWORDS, tokenize


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


DEPTH = 3  # the passages judged, whatever k is: the decision must not depend on the page size
WEAK_SHARE = 0.5  # in at least this share of an article's passages: not specific to any
WEAK_MIN_PASSAGES = 4  # shorter articles have no such background words to speak of
_NAMED = 6  # missing or weak words a verdict names (a pasted page has thousands)

_REPORTING = """
    say says said saying tell tells told telling think thinks thought believe believes believed
    claim claims claimed comment comments commented mention mentions mentioned explain explains
    explained describe describes described argue argues argued add adds added speak speaks spoke
    spoken talk talks talked write writes wrote written feel feels felt reckon reckons opinion
    opinions view views react reacted respond responded answer answered ask asks asked
"""
_QUESTION = """
    like know knows mean means happen happens happened anything something everything else exactly
    actually really please
"""
_SOURCES = """
    expert experts analyst analysts observer observers commentator commentators critic critics
    spokesman spokeswoman spokesperson spokespeople source sources official officials
"""
# "how long is the line", "how far", "how big": the degree word asks, the rest is the topic.
_HOW_DEGREE = _set("long far big old often soon large high wide")
ASKING_TERMS = frozenset(
    term for word in (_REPORTING + _QUESTION + _SOURCES).split() for term in tokenize(word)
)


@dataclass(frozen=True)
class QueryWord:
    """One non-stopword of the question, as searched."""

    typed: str  # normalised, as the user wrote it
    terms: tuple[str, ...]  # the index terms searched for it (spelling variants included)
    asking: bool
    known: bool  # some of `terms` is in the index
    weak_here: bool = False  # next to an unknown word in the question (a compound)


def asking_flags(raw: Sequence[str]) -> list[bool]:
    """For each non-stopword of `raw` (all words of a question, in order): is it an asking
    word?"""
    flags = []
    for position, word in enumerate(raw):
        if word in STOPWORDS:
            continue
        after_how = position > 0 and raw[position - 1] == "how" and word in _HOW_DEGREE
        stems = tokenize(word)
        # A lone letter ("j" of a stray escape code, an initial) names nothing.
        letter = len(word) == 1 and not word.isdigit()
        flags.append(after_how or letter or (bool(stems) and stems[0] in ASKING_TERMS))
    return flags


def adjacent_to_unknown(raw: Sequence[str], known: Sequence[bool]) -> list[bool]:
    """For each non-stopword of `raw`: is it the head of a compound whose modifier is unknown,
    i.e. right after an unknown non-stopword ("climate change", "medal count")? English puts
    the modifier first; an unknown word after a known one is usually its verb ("Slavs live")."""
    slots = [i for i, word in enumerate(raw) if word not in STOPWORDS]
    unknown_at = {slot for slot, ok in zip(slots, known, strict=True) if not ok}
    return [slot - 1 in unknown_at for slot in slots]


@dataclass(frozen=True)
class Verdict:
    answered: bool
    missing: list[str]  # content words no article has (the first few)
    weak: list[str]  # content words the best passages matched only as weak evidence (few)


def judge(
    words: Sequence[QueryWord],
    hits: Sequence[tuple[int, set[str]]],
    engine: BM25Index,
    article_span: Callable[[int], tuple[int, int]],
) -> Verdict:
    """Decide on the best passages: `hits` are (passage id, terms it matched in either field),
    best first; `article_span(doc)` gives the first and last passage id of its article."""
    content = [w for w in words if not w.asking]
    missing = [w.typed for w in content if not w.known]
    unknown = len(missing)
    weak_seen: list[str] = []
    for doc, matched in hits[:DEPTH]:
        first, last = article_span(doc)
        strong = 0
        every = bool(content)
        for word in content:
            found = [t for t in word.terms if t in matched]
            if not found:
                every = False
                continue
            if word.weak_here or all(_background(engine, t, first, last) for t in found):
                if word.typed not in weak_seen:
                    weak_seen.append(word.typed)
                continue
            strong += 1
        if (strong >= 1 and strong >= unknown) or (every and unknown == 0):
            return Verdict(True, missing[:_NAMED], [])
    return Verdict(False, missing[:_NAMED], weak_seen[:_NAMED])


def _background(engine: BM25Index, term: str, first: int, last: int) -> bool:
    """Does `term` occur in at least WEAK_SHARE of the article's passages (first..last)?"""
    size = last - first + 1
    if size < WEAK_MIN_PASSAGES:
        return False
    postings = engine.postings(term)
    inside = int(np.searchsorted(postings, last, side="right") - np.searchsorted(postings, first))
    return inside >= WEAK_SHARE * size
