"""The sentence before a passage, for passages that do not name their own subject.

News writing names a thing once and refers back to it: "The line runs for 988 kilometres",
"He has worked on the railway for 22 years", "About one-fifth is Russian". Shown alone, such a
passage leaves the reader asking which line, who, one-fifth of what. The rule, on the passage's
first words (after opening quotes and a leading "But", "And", "However", …):

- a personal or demonstrative pronoun or possessive ("He…", "It…", "Its foreign ministry…",
  "This…", "Such…");
- "The" or "These"/"Those" followed by a lower-case word ("The line…", "The project…"), a thing
  named before, where "The Kazak foreign ministry…" names itself;
- a share or quantity with nothing it is a share of ("About one-fifth is Russian", "Half
  were…", "Most agreed"; not "Most of the workers…").

A passage that opens with a quotation mark is left alone: a quote is the speaker's own words,
and the speaker line already says who they are.

The sentence before is the last sentence of the paragraph text before the passage or, for a
passage that opens its paragraph, the last sentence of the paragraph before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_OPENING = re.compile(r"^[\s\"'“‘«(\[—–-]+")
_QUOTES = frozenset("\"“‘'«„")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d[\d.,%]*")
_CONNECTIVES = _set(
    "but and yet so however still also then instead nonetheless nevertheless meanwhile "
    "indeed moreover besides thus"
)
_PRONOUNS = _set("he she it they we his her its their our them him this that these those such")
_DETERMINERS = _set("the these those")
_HEDGES = _set("about around nearly almost just over only roughly some approximately")
_QUANTITIES = _set(
    "half most many few all none both one-third one-quarter one-fifth one-tenth two-thirds "
    "three-quarters third quarter fifth majority minority rest remainder"
)
_SENTENCE_SPLIT_LIMIT = 2000  # characters of the text before a passage worth looking at


def needs_lead_in(text: str) -> bool:
    """Does the passage start by referring back to something it does not name?"""
    if text.lstrip()[:1] in _QUOTES:
        return False
    words = _WORD.findall(_OPENING.sub("", text)[:200])
    while words and words[0].lower() in _CONNECTIVES:
        words = words[1:]
    if not words:
        return False
    first = words[0]
    lowered = first.lower()
    if lowered in _PRONOUNS:
        return True
    if lowered in _DETERMINERS and len(words) > 1:
        return bool(words[1][:1].islower())
    position = 0
    while position < len(words) and words[position].lower() in _HEDGES:
        position += 1
    if position < len(words):
        word = words[position].lower()
        quantity = word in _QUANTITIES or (word[0].isdigit() and word.endswith("%"))
        following = words[position + 1].lower() if position + 1 < len(words) else ""
        return quantity and following != "of" and (position > 0 or word not in {"all", "both"})
    return False


def sentence_before(paragraphs: Sequence[str], paragraph: int, text: str) -> str | None:
    """The sentence right before `text` (a passage of `paragraphs[paragraph]`), or None."""
    from corpus.sentences import split_sentences

    if not 0 <= paragraph < len(paragraphs):
        return None
    body = paragraphs[paragraph]
    start = body.find(text[:80])
    before = body[:start].strip() if start > 0 else ""
    if not before:
        previous = paragraph - 1
        while previous >= 0 and not paragraphs[previous].strip():
            previous -= 1
        if previous < 0:
            return None
        before = paragraphs[previous].strip()
    sentences = split_sentences(before[-_SENTENCE_SPLIT_LIMIT:])
    return sentences[-1] if sentences else None
