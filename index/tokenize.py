"""The one tokenizer, shared by index building and querying.

Normalises typography (curly quotes, dashes, accents), folds case, drops possessives and English
stopwords, keeps numbers, and stems with the Snowball English stemmer (PyStemmer).
Changing anything here changes the index: bump TOKENIZER_VERSION so old indexes get rebuilt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import Stemmer

TOKENIZER_VERSION = 1
STEMMER_LANGUAGE = "english"

# NLTK's English list plus question words people type ("how many", "whom"); no content words.
_STOPWORD_LIST = """
    a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can couldn d did didn do does doesn doing don down
    during each few for from further had hadn has hasn have haven having he her here hers
    herself him himself his how i if in into is isn it its itself just ll m ma me mightn more
    most mustn my myself needn no nor not now o of off on once only or other our ours ourselves
    out over own re s same shan she should shouldn so some such t than that the their theirs
    them themselves then there these they this those through to too under until up very was wasn
    we were weren what when where which while who whom why will with won wouldn y you your yours
    yourself yourselves many much whose would could
"""
STOPWORDS = frozenset(_STOPWORD_LIST.split())

# Typography that scrapes carry and keyboards do not: fold it before matching words.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
# For matching, the same folds plus the soft hyphen dropped (spans keep it: offsets must hold).
_FOLDS = (*((chr(code), str(value)) for code, value in _TYPOGRAPHY.items()), ("\u00ad", ""))
# Accents left after NFKD decomposition (Café -> Cafe, Tokayev's diacritics).
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# A number (1208 / 1.5 / 65) or a run of letters. Apostrophes split words, which drops
# possessives and contractions for free: "kazakstan's" -> kazakstan + s, "doesn't" -> doesn + t,
# and s, t, doesn are stopwords.
_WORD = re.compile(r"\d+(?:\.\d+)*|[^\W\d_]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # 1,208 -> 1208

_stemmer: Any = Stemmer.Stemmer(STEMMER_LANGUAGE)
# Word -> term memo: news vocabulary is small and repeats, so most words are stemmed once.
_terms: dict[str, str] = {}


def settings() -> dict[str, object]:
    """What an index records about the tokenizer it was built with."""
    return {
        "version": TOKENIZER_VERSION,
        "stemmer": f"snowball-{STEMMER_LANGUAGE}",
        "stopwords": len(STOPWORDS),
        "numbers": True,
    }


def normalise(text: str) -> str:
    """Fold typography, accents and case: what both the index and a query see."""
    if not text.isascii():
        # str.replace per character present beats str.translate, which looks up every char.
        for char, replacement in _FOLDS:
            if char in text:
                text = text.replace(char, replacement)
        if not text.isascii():
            text = unicodedata.normalize("NFKC", text)
            text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
            text = unicodedata.normalize("NFC", text)
    return text.casefold()


def term(word: str) -> str:
    """The index term of one normalised word."""
    found = _terms.get(word)
    if found is None:
        found = word if word[0].isdigit() else str(_stemmer.stemWord(word))
        _terms[word] = found
    return found


def all_words(text: str) -> list[str]:
    """The normalised words of a text, stopwords included, in order (before stemming)."""
    folded = normalise(text)
    if "," in folded:
        folded = _THOUSANDS.sub("", folded)
    found: list[str] = _WORD.findall(folded)
    return found


def words(text: str) -> list[str]:
    """The normalised, non-stopword words of a text, in order (before stemming)."""
    return [word for word in all_words(text) if word not in STOPWORDS]


def terms_of(words: list[str]) -> list[str]:
    """Index terms of normalised words (see `words`)."""
    known = _terms
    try:
        return [known[word] for word in words]
    except KeyError:  # first sight of a word: stem it once
        return [known[word] if word in known else term(word) for word in words]


def tokenize(text: str) -> list[str]:
    """Index terms of a text, in order: the one tokenizer for building and for queries."""
    return terms_of(words(text))


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, term) of each indexed word in the original text, for highlighting.

    Works on the original string so offsets stay valid; folding is done per word.
    """
    for match in _WORD.finditer(text.translate(_TYPOGRAPHY)):
        found = words(match.group())
        if found:
            yield match.start(), match.end(), term(found[0])
