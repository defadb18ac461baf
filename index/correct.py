"""Query words the index does not know: other spellings of names, and typos.

For a query word whose term is not in the index, in this order:
1. a **transliteration variant** of a name in the index (same `variants.key`): Kazakhstan ->
   Kazakstan, Karaganda -> Karagandy. Both spellings are right, so it is searched silently and
   never reported as the user's mistake;
2. a **real English word** is left alone: "price" missing from the articles is simply absent,
   not a misspelt "prime". Real means in wordfreq's English word list (words used at least about
   once per million) or in WordNet (`english_words`), copied into the index at build time so
   that a query never imports wordfreq;
3. otherwise a **typo** is corrected to the closest index term by edit distance (rapidfuzz):
   "fundrasing" -> fundraising, "embasy" -> embassy, "Umbetaleva" -> Umbetalieva. This one is
   reported ("searched for: …"). Among equally close terms the one in more passages wins.
Short words are left alone: at four letters most words are one edit away from another.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from index.store import Store, TermRecord
from index.variants import key as transliteration_key

# rapidfuzz's normalised Indel similarity (0-100) a typo correction must reach.
_TYPO_CUTOFF = 80.0
# Variants share a key; this keeps lossy keys from pairing unrelated words.
_VARIANT_CUTOFF = 60.0
_SHORTEST = 4  # for transliteration variants (Kyiv)
_SHORTEST_TYPO = 5  # "live" is one letter from "lie": short words are too often real words


@dataclass(frozen=True)
class Correction:
    typed: str  # the term the query had
    term: str  # the index term searched for instead
    surface: str  # how the articles spell it, for "searched for: …"


@functools.cache
def english_words_source() -> str:
    """Which word list `english_words` reads: an index built from the same one copies it from
    the previous index instead of importing wordfreq (most of a second)."""
    import hashlib
    from importlib.metadata import PackageNotFoundError, version

    from index.related import TABLE

    try:
        # The last part names what `english_words` keeps: change it when that changes. The
        # WordNet words come from the shipped table: a regenerated table is another list.
        table = hashlib.sha256(TABLE.read_bytes()).hexdigest()[:12]
        return f"wordfreq {version('wordfreq')} small, Zipf to 2 places, WordNet words {table}"
    except (PackageNotFoundError, OSError):
        return ""


def english_words() -> dict[str, float]:
    """wordfreq's "small" English list: about 29,000 words with a frequency of at least one in
    a million, names in common use included ("Paris", "Putin"), and the rarer words WordNet has
    (index.related.words: "understaffed", "bookmobile"); other rare words are rarely typed.
    Each with its Zipf frequency (log10 of uses per billion words, as wordfreq.zipf_frequency)."""
    import wordfreq  # build time only: importing it costs most of a second

    from index.related import words

    frequencies = wordfreq.get_frequency_dict("en", wordlist="small")
    found = {word: round(math.log10(f) + 9, 2) for word, f in frequencies.items() if f > 0}
    # Rarer words that WordNet has are real too ("understaffed" is no typo of "understanding");
    # misspellings, however common, are not in WordNet.
    return {**words(), **found}


class Corrector:
    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], list[str]],
        doc_freq: Callable[[str], int],
        surface_of: Callable[[str, str], str],
    ) -> None:
        self._store = store
        self._vocabulary = vocabulary
        self._doc_freq = doc_freq
        self._surface_of = surface_of
        self._by_length: dict[int, list[str]] | None = None

    def variant(self, term: str) -> str | None:
        """An index name spelt the same under another romanisation, or None."""
        variants = self._variants(term)
        return _pick(term, variants).term if variants else None

    def variants(self, term: str) -> list[str]:
        """Every other romanisation of a name that the index has (an article's "Kazakstan"
        beside another's "Kazakhstan": both are searched, whichever was typed)."""
        return sorted(record.term for record in self._variants(term))

    def _variants(self, term: str) -> list[TermRecord]:
        if len(term) < _SHORTEST or term.isdigit():
            return []
        from rapidfuzz import fuzz  # only names pay for the import

        return [
            record
            for record in self._store.names_with_key(transliteration_key(term))
            if record.term != term and fuzz.ratio(term, record.term) >= _VARIANT_CUTOFF
        ]

    def is_english(self, word: str) -> bool:
        return self._store.is_english(word)

    def typo(self, term: str, typed: str) -> Correction | None:
        """The closest index term to a misspelt one, or None when nothing is close enough."""
        if len(term) < _SHORTEST_TYPO or term.isdigit():
            return None
        slack = 1 if len(term) < 7 else 2
        by_length = self._terms_by_length()
        frequency = {
            t: self._doc_freq(t)
            for length in range(len(term) - slack, len(term) + slack + 1)
            for t in by_length.get(length, ())
        }
        chosen = closest(term, frequency)
        if chosen is None:
            return None
        return Correction(term, chosen, self._surface_of(chosen, typed))

    def _terms_by_length(self) -> dict[int, list[str]]:
        """Every word term by length, built once: a long-running bot corrects many times."""
        if self._by_length is None:
            self._by_length = {}
            for t in self._vocabulary():
                if not t[0].isdigit():
                    self._by_length.setdefault(len(t), []).append(t)
        return self._by_length


def closest(term: str, frequency: Mapping[str, int]) -> str | None:
    """The word of `frequency` (word -> how common) that `term` is most likely a typo of.

    Shared by question words and speakers' names (`index.speakers`): one notion of a typo.
    Lengths may differ by one letter (two from seven letters on); the most common word wins
    among equally close ones.
    """
    from rapidfuzz import fuzz, process

    if len(term) < _SHORTEST_TYPO:
        return None
    slack = 1 if len(term) < 7 else 2
    candidates = [w for w in frequency if abs(len(w) - len(term)) <= slack]
    if not candidates:
        return None
    matches = process.extract(
        term, candidates, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF, limit=5
    )
    if not matches:
        return None
    best_score = max(score for _, score, _ in matches)
    best = [name for name, score, _ in matches if score == best_score]
    return min(best, key=lambda name: (-frequency[name], name))


def _pick(term: str, records: list[TermRecord]) -> TermRecord:
    from rapidfuzz import fuzz

    return max(records, key=lambda r: (r.df, fuzz.ratio(term, r.term), r.term))
