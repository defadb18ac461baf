"""Sentence splitting for news English, rule-based and fast.

Survives abbreviations (Dr., Mr., Jan.), dotted acronyms (U.S.), initials (J. K.), decimals and
quotes holding several sentences. The sentences of a paragraph are stripped slices of it, so
`" ".join(split_sentences(p)) == p` for any paragraph with single spaces (what clean_paragraph
gives): passages built from sentences never lose or reorder text.
"""

from __future__ import annotations

import re

# A candidate boundary: terminal punctuation, any closing quotes or brackets, then white space.
_CANDIDATE = re.compile(r"[.!?…]+[”\"’')\]]*\s+")
_OPENERS = "“\"‘'([«"
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "messrs",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "pres",
        "supt",
        "insp",
        "fr",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thurs",
        "fri",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "univ",
        "assn",
        "est",
        "approx",
        "vs",
        "cf",
        "ca",
        "al",
        "fig",
        "vol",
        "pp",
        "ave",
        "blvd",
        "rd",
        "no",
        "nos",
        "art",
        "ch",
        "para",
        "sec",
        "op",
    ]
)
# Only before a number: "No. 10", "Art. 5" — "no." at the end of a sentence is the word "no".
_NUMBER_ABBREVIATIONS = frozenset(
    {"no", "nos", "art", "ch", "para", "sec", "op", "vol", "pp", "fig"}
)
# After "U.S." or "p.m." a capitalised word usually continues the sentence ("the U.S. State
# Department") unless it is one of the words sentences typically start with.
_SENTENCE_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "yet",
        "so",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "as",
        "if",
        "when",
        "while",
        "after",
        "before",
        "since",
        "although",
        "though",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "one",
        "some",
        "many",
        "most",
        "no",
        "not",
        "nor",
        "for",
        "then",
        "now",
        "still",
        "also",
        "instead",
    ]
)


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENERS:
        start -= 1
    return text[start:end]


def _next_word(text: str, start: int) -> str:
    match = re.match(r"[^\s]+", text[start:])
    return match.group(0).strip(_OPENERS + ".,;:!?”’") if match else ""


def _is_boundary(text: str, match: re.Match[str]) -> bool:
    following = match.end()
    if following >= len(text):
        return False
    first = following
    while first < len(text) and text[first] in _OPENERS:
        first += 1
    if first >= len(text):
        return False
    char = text[first]
    if not (char.isupper() or char.isdigit()):
        return False  # "?” he asked", "e.g. the", "… and": the sentence goes on
    punctuation = match.group(0).rstrip()
    if not punctuation.startswith(".") or punctuation.startswith(".."):
        return True
    if len(punctuation.rstrip("”\"’')]")) > 1:
        return True
    if punctuation != ".":
        return True  # `government.” Now` — a quote closed with the sentence
    word = _word_before(text, match.start())
    bare = word.lower().rstrip(".")
    if bare in _NUMBER_ABBREVIATIONS:
        return not char.isdigit()
    if bare in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. K. Rowling"
    if "." in word and re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word):
        # "U.S", "a.m": a dotted acronym ends the sentence only before a typical sentence start
        return _next_word(text, following).lower() in _SENTENCE_STARTERS
    return True


def split_sentences(text: str) -> list[str]:
    """The sentences of one paragraph, in order, each stripped; [] for blank text."""
    sentences: list[str] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if _is_boundary(text, match):
            end = match.end()
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            start = end
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences
