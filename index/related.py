"""Related words searched with a question's words: other forms of a word and its synonyms.

People ask in other words than the article's: "how fast did the river rise" for "the river rose
faster", "why was the ban delayed" for "…had been postponed", "who is Karatau's CEO" for "Chief
Executive Timur Abdrakhmanov". The stemmer joins regular forms (rises, rising) but not irregular
ones (rose, woke, worst), nor synonyms or derivations. So a question's content words are expanded
from WordNet 3.0 (Princeton), precomputed into `related.json.gz` by `index.make_related`:

- **forms**: irregular inflections of the word (WordNet's exception lists: rise -> rose, risen;
  bad -> worse, worst): the same word, searched as one of the word's own spellings;
- **related**: the other words of the word's most frequent senses (synonyms: delay ->
  postponement, CEO -> chief executive officer, teen -> teenager) and the words derived from it
  (settle -> settlement, pollution -> pollute), with their irregular forms.

Related terms are searched at `RELATED_WEIGHT` of the question's own terms (a BM25 sum over them,
scaled: index.fields), so a passage that says the asked word still comes first; index.evidence
counts a word matched only through a related one at half weight too.

The table is restricted to the index's vocabulary when the index is built (a related word no
passage has cannot match) and kept in its database, so a question costs one lookup, never a load.
"""

from __future__ import annotations

import functools
import gzip
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

# How much a related term counts beside the question's own (the BM25 query weight).
RELATED_WEIGHT = 0.3
TABLE = Path(__file__).resolve().parent / "data" / "related.json.gz"

Table = dict[str, dict[str, list[str]]]  # "forms" / "related": term -> terms


@functools.cache
def _data() -> dict[str, Any]:
    """The shipped file (build time only: it costs about a tenth of a second to read)."""
    with gzip.open(TABLE, "rt", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def table() -> Table:
    data = _data()
    return {"forms": data["forms"], "related": data["related"]}


def words() -> dict[str, float]:
    """WordNet's words in use (and their forms), with their wordfreq Zipf frequency: real
    English words, among them many rarer than wordfreq's small list ("understaffed")."""
    found: dict[str, float] = _data()["words"]
    return found


def for_vocabulary(
    vocabulary: Collection[str], names: Collection[str] = ()
) -> list[tuple[str, str, int]]:
    """(term, related term, 1 for a form / 0 for a related word) for every query term with
    forms or related words in `vocabulary`: the rows an index keeps. A term that is a name in
    the articles (`names`: "Arle", a river, is no "arles", earnest money) gets none."""
    known = set(vocabulary)
    skip = set(names)
    rows: list[tuple[str, str, int]] = []
    data = table()
    for kind, form in (("forms", 1), ("related", 0)):
        for term, others in data[kind].items():
            if term not in skip:
                rows.extend((term, other, form) for other in others if other in known)
    return rows
