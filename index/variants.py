"""Spellings of the same name that people really type: Kazakhstan/Kazakstan, Kyiv/Kiev, ….

Two tools, both working on index terms (stemmed words):
- `key(term)`: a transliteration key. Terms with the same key are spellings of one name under the
  common romanisations of Russian and Kazakh (kh/k, y/i, -yev/-ev, final -a/-y, doubled letters).
  The key is deliberately lossy, so it is only used to find a replacement for a query word that the
  index does not know, never to merge words that are both in the index.
- `EQUIVALENTS`: whole-word pairs no letter rule can relate (renamings, Ukrainian vs Russian forms);
  these are searched together even when both are in the index.
"""

from __future__ import annotations

import re

from index.tokenize import tokenize

# Applied in order. Each rule maps one romanisation onto the other; the key is the result.
TRANSLITERATION_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "k"),  # Kazakhstan / Kazakstan, Kazakh / Kazak
    ("yev", "ev"),  # Nazarbayev / Nazarbaev
    ("yeva", "eva"),
    ("ye", "e"),  # Yerlan / Erlan
    ("iy", "i"),  # Dmitriy / Dmitri
    ("yu", "iu"),
    ("ya", "ia"),
    ("y", "i"),  # Kostanay / Kostanai, Yanukovych / Yanukovich, Kyiv / Kiiv
    ("ie", "i"),  # Kiev / Kiv  (with the rule above, Kyiv and Kiev meet at "kiv")
    ("j", "dj"),
    ("dzh", "dj"),  # Dzhambul / Djambul
    ("ts", "c"),
    ("w", "v"),  # Kharkow / Kharkov
    ("ou", "u"),
)
_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in TRANSLITERATION_RULES)
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_VOWEL = re.compile(r"(?<=[^aeiou])[aeiou]$")

# Names that are spelled differently, not just romanised differently (as typed; stemmed on use).
EQUIVALENT_NAMES: tuple[tuple[str, ...], ...] = (
    ("Kiev", "Kyiv"),
    ("Kharkov", "Kharkiv"),
    ("Lvov", "Lviv"),
    ("Odessa", "Odesa"),
    ("Chimkent", "Shymkent"),
    ("Semipalatinsk", "Semey"),
    ("Aktyubinsk", "Aktobe"),
    ("Tselinograd", "Astana"),
)
_equivalent_of: dict[str, frozenset[str]] = {}


def key(term: str) -> str:
    """Transliteration key of an index term: equal keys are likely spellings of one name."""
    folded = term.lower()
    for pattern, replacement in _RULES:
        folded = pattern.sub(replacement, folded)
    folded = _DOUBLE.sub(r"\1", folded)
    if len(folded) > 4:
        # Karaganda (Russian) / Karagandy (Kazakh): endings vary more than stems.
        folded = _FINAL_VOWEL.sub("", folded)
    return folded


def equivalents(term: str) -> frozenset[str]:
    """Other terms to search together with this one (empty when it has none)."""
    if not _equivalent_of:
        for names in EQUIVALENT_NAMES:
            group = frozenset(t for name in names for t in tokenize(name))
            for member in group:
                _equivalent_of[member] = group
    found = _equivalent_of.get(term)
    return found - {term} if found else frozenset()
