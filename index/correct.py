"""Replace query words the index does not know by close words that it does.

Order of preference for an unknown term:
1. a transliteration variant (same `variants.key`): Kazakhstan -> Kazakstan, Karaganda -> Karagandy;
2. a close spelling by edit distance (rapidfuzz), for typos: Umbetaleva -> Umbetalieva.
Corrections only aim at names (words the articles capitalise mid-sentence): names are what
people cannot spell, while a common word missing from the index is far more often simply absent
than misspelt ("grain" must not become "gain"). Among equals, the term in more passages wins.
Short words are left alone: at four letters most words are one edit away from another.
"""

from __future__ import annotations

from collections.abc import Mapping
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


class Corrector:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._by_length: dict[int, dict[str, int]] | None = None

    def correct(self, term: str) -> Correction | None:
        if len(term) < _SHORTEST or term.isdigit():
            return None
        from rapidfuzz import fuzz  # only unknown words pay for the import

        variants = [
            record
            for record in self._store.names_with_key(transliteration_key(term))
            if record.term != term and fuzz.ratio(term, record.term) >= _VARIANT_CUTOFF
        ]
        if variants:
            return _pick(term, variants)
        if len(term) < _SHORTEST_TYPO:
            return None
        return self._typo(term)

    def _names_by_length(self) -> dict[int, dict[str, int]]:
        """All names (term -> df) by length, read once: a long-running bot corrects many times."""
        if self._by_length is None:
            self._by_length = {}
            for name, df in self._store.names_of_length(0, 1_000):
                self._by_length.setdefault(len(name), {})[name] = df
        return self._by_length

    def _typo(self, term: str) -> Correction | None:
        slack = 1 if len(term) < 7 else 2
        by_length = self._names_by_length()
        frequency: dict[str, int] = {}
        for length in range(len(term) - slack, len(term) + slack + 1):
            frequency.update(by_length.get(length, {}))
        chosen = closest(term, frequency)
        if chosen is None:
            return None
        record = self._store.term(chosen)
        return Correction(term, chosen, record.surface if record else chosen)


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


def _pick(term: str, records: list[TermRecord]) -> Correction:
    from rapidfuzz import fuzz

    chosen = max(records, key=lambda r: (r.df, fuzz.ratio(term, r.term), r.term))
    return Correction(term, chosen.term, chosen.surface)
