"""What kind of answer a question asks for, and which passages hold one: a small adjustment.

BM25 ranks passages by the question's words, but "how big is the Port Ellis budget" is answered
by the passage with an amount in it ("approve a $412 million budget"), not by the one that says
"Port Ellis" and "budget" most often. News questions mark the answer they want with their
question word, and news writing marks such answers in plain sight:

- **a quantity** for "how many", "how much", "how big / long / far / deep / fast / often …" and
  "what share / percentage / number …": a figure with what it counts or measures ("41 officers",
  "$412 million", "8.4%", "52 minutes", "two per cent", "a fifth of"), not a bare identifier
  ("Local 1190", "fire station 6") or a year;
- **a time** for "when", "what year / date / day", "how soon": a date, a month, a weekday, a
  year, or a relative time ("last year", "next summer", "three weeks ago");
- **an introduction** for "who is X?": a passage whose own words name X, where news writing
  gives a person's role ("Tolganay Umbetalieva, director of the …"), rather than one that only
  has X as its speaker ("But she believes …": the speaker is searched with the passage);
- **a name** for other "who" questions: a full name (two or more capitalised words, not where a
  sentence starts) that the question does not contain ("council members Raymond Ortiz and Priya
  Natarajan" for "who voted against the budget"), an organisation's included;
- **a cause** for "why": "because", "due to", "owing to", "as a result", "stemmed from" …;
- **a topic** for "what did X say about Y": a passage whose own words name Y ("what did Karen
  Holt say about her insurer" wants "Every time I ring the insurance company…", not the line
  that introduces her).

A passage of the top `WINDOW` by BM25 that holds the kind of answer asked for has its score
multiplied by `1 + BONUS`; the others keep theirs. The scores stay BM25Okapi's, scaled: a
passage without the question's words gains nothing, and a passage far ahead keeps its place.
Figures that the question itself contains ("fire station 6", "year three") are not answers.
Whether there is an answer at all is still decided on BM25's own best passages (index.evidence):
raising a passage that shares the topic with the question never makes it an answer ("what did
Obama say about Crimea" stays "no answer").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.tokenize import tokenize

BONUS = 0.5  # how much a passage with the kind of answer asked for gains (a share of its score)
WINDOW = 10  # the BM25 top passages considered: the adjustment reorders, it never finds

QUANTITY = "quantity"
TIME = "time"
INTRODUCTION = "introduction"
PERSON = "person"
REASON = "reason"
TOPIC = "topic"


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# "how long" asks for a duration or a length, either way a figure with a unit.
_HOW_QUANTITY = _set(
    "many much big large long far deep fast high tall wide heavy old often small bad serious "
    "severe expensive cheap quickly"
)
_WHAT_QUANTITY = _set(
    "percentage percent proportion share number amount fraction size rate price cost figure"
)
_WHAT_TIME = _set("year date day month time")

_REPORTING = _set(
    "say says said think thinks thought tell tells told write writes wrote worry worries feel "
    "feels argue argues argued claim claims claimed warn warns warned"
)
_NUMBER_WORDS = _set(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion dozen dozens "
    "half third thirds quarter quarters fifth fifths tenth tenths twice double triple"
)
_FRACTIONS = _set("half third thirds quarter quarters fifth fifths tenth tenths")
_NOT_COUNTED = _set("of the and or")
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_RELATIVE = (
    r"yesterday|today|tomorrow|tonight|(?:last|next|this|earlier|later)\s+"
    r"(?:year|month|week|spring|summer|autumn|fall|winter|decade|century)|\w+\s+ago"
    r"|(?:in|since|until|by|from|before|after)\s+(?:the\s+)?(?:spring|summer|autumn|winter)"
)
# "May" opens many sentences as a verb: a month needs a day number or a year beside it, or a
# capital in running text; the longer names stand alone.
_TIME = re.compile(
    rf"\b(?:(?:{_MONTHS})\.?\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTHS})\b"
    rf"|(?:january|february|april|june|july|august|september|october|november|december)\b"
    rf"|(?:in|by|until|since|from|early|late|mid|last|next)[\s-]+(?:march|may)\b"
    rf"|(?:{_WEEKDAYS})\b|(?:1[89]|20)\d\d\b|(?:{_RELATIVE})\b)",
    re.IGNORECASE,
)
# A figure with what it measures: currency before it, or a unit, a magnitude, a percentage or a
# counted noun after it. A bare 4-digit year is a time, not a quantity.
# "within a year", "for a decade": a length of time without a figure ("how long …").
_DURATION = re.compile(
    r"\b(?:within|for|over|after|in|about|nearly|almost|more than|less than)\s+(?:a|an|one)\s+"
    r"(?:year|month|week|day|decade|hour|minute|fortnight)\b",
    re.IGNORECASE,
)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_AFTER = re.compile(r"\s*(%|per\s*cent|percent|[a-z]+)", re.IGNORECASE)
_CURRENCY = frozenset("$£€¥₸")


def expected(raw: Sequence[str]) -> str | None:
    """The kind of answer a question asks for, from its words (normalised, stopwords
    included, in order, as index.tokenize.all_words gives them); None: no particular kind."""
    if len(raw) > 2 and raw[0] == "who" and raw[1] in ("is", "was", "s", "are"):
        return INTRODUCTION
    if raw and raw[0] in ("who", "whom"):
        return PERSON
    if "why" in raw:
        return REASON
    if _topic_at(raw) is not None:
        return TOPIC
    for position, word in enumerate(raw):
        following = raw[position + 1] if position + 1 < len(raw) else ""
        if word == "when":
            return TIME
        if word == "how" and following == "soon":
            return TIME
        if word == "how" and following in _HOW_QUANTITY:
            return QUANTITY
        if word in ("what", "which") and following in _WHAT_TIME:
            return TIME
        if word in ("what", "which") and following in _WHAT_QUANTITY:
            return QUANTITY
    return None


def _topic_at(raw: Sequence[str]) -> int | None:
    """Where the topic of "what did X say about Y" begins (None: the question has none)."""
    reported = False  # a reporting word came before: one pass, a pasted page costs no more
    for position, word in enumerate(raw):
        if word == "about" and position + 1 < len(raw) and reported:
            return position + 1
        reported = reported or word in _REPORTING
    return None


def degree_words(raw: Sequence[str]) -> set[int]:
    """Positions (in `raw`) of the degree word of "how long", "how far", "how deep", "how soon"
    …: it asks for a figure or a time and names no topic, so it is not searched ("how far did
    the shares drop" is not about "far too long")."""
    return {
        position
        for position, word in enumerate(raw)
        if position and raw[position - 1] == "how" and (word in _HOW_QUANTITY or word == "soon")
    }


def holds(kind: str, text: str, question: Sequence[str] = ()) -> bool:
    """Does a passage's text hold an answer of that kind? Figures the question names (its
    words, as for `expected`) do not count."""
    if kind == TIME:
        return _TIME.search(text) is not None
    if kind == QUANTITY:
        return _has_quantity(text, frozenset(question))
    if kind == TOPIC:
        at = _topic_at(question)
        topic = set(tokenize(" ".join(question[at:]))) if at is not None else set()
        return bool(topic & set(tokenize(text)))
    if kind == REASON:
        return _BECAUSE.search(text) is not None
    if kind == PERSON:
        return _names_someone(text, frozenset(question))
    if kind == INTRODUCTION:
        wanted = set(tokenize(" ".join(question[2:])))
        return bool(wanted) and wanted <= set(tokenize(text))
    return False


def _has_quantity(text: str, question: frozenset[str]) -> bool:
    if _DURATION.search(text):
        return True
    for match in _FIGURE.finditer(text):
        figure = match.group()
        if figure.replace(",", "") in question:
            continue
        start, end = match.span()
        before = text[start - 1] if start else ""
        if before in _CURRENCY or (start > 1 and text[start - 2 : start] in ("US", "£ ")):
            return True
        after = _AFTER.match(text, end)
        if after is None:
            continue
        unit = after.group(1).casefold()
        if len(figure) == 4 and figure[:2] in ("18", "19", "20") and unit != "%":
            continue  # a year ("in 2023 the council…", "2023 staffing study")
        if unit[0].isalpha() and after.group(1)[0].isupper():
            continue  # "Local 1190 President …": a name goes on
        return True
    words = re.findall(r"[a-z]+", text.casefold())
    for position, word in enumerate(words):
        if word not in _NUMBER_WORDS or word in question:
            continue
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in _FRACTIONS:
            # "a fifth of", "half the": a share; "the third winter running" is an ordinal.
            if following in ("of", "the", "a", "an") or word.startswith("half"):
                return True
            continue
        # "two per cent", "fourteen officers": a number word counts something; "two of the"
        # and a sentence's last word do not say what.
        if following and following not in _NOT_COUNTED:
            return True
    return False


# How news writing gives a cause.
_BECAUSE = re.compile(
    r"\b(?:because|due to|owing to|thanks to|as a result|result of|stem(?:s|med)? (?:largely |"
    r"mainly |partly )?from|caused by|blamed|the reason|reasons|so that)\b",
    re.IGNORECASE,
)
# Two or more capitalised words in a row ("Priya Natarajan", "Nurlan Yessimov"), as news writes
# a person's full name; the first word of a sentence is capitalised anyway and is not counted.
_CAPITALISED = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_NAME = re.compile(rf"(?<![.!?\"“]\s)(?<!^)\b{_CAPITALISED}(?:\s+{_CAPITALISED})+")


def _names_someone(text: str, question: frozenset[str]) -> bool:
    """Does the text name a person the question does not (a full name, not a sentence start)?"""
    for match in _NAME.finditer(text):
        words = [w.casefold() for w in match.group().split()]
        if not any(word in question for word in words):
            return True
    return False


def adjust(
    kind: str | None,
    question: Sequence[str],
    ids: Sequence[int],
    scores: Sequence[float],
    texts: dict[int, str],
) -> tuple[list[int], list[float]]:
    """The passages reordered by their adjusted scores (ties keep BM25's order)."""
    if kind is None:
        return list(ids), list(scores)
    adjusted = [
        (score * (1 + BONUS) if holds(kind, texts.get(doc, ""), question) else score, place)
        for place, (doc, score) in enumerate(zip(ids, scores, strict=True))
    ]
    order = sorted(range(len(adjusted)), key=lambda i: (-adjusted[i][0], adjusted[i][1]))
    return [ids[i] for i in order], [adjusted[i][0] for i in order]
