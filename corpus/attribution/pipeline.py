"""Article -> speaker-attributed passages, by rules of news English.

Each body sentence gets one speaker: the source named by a reporting cue in the sentence
("…,” said NAME, ROLE", "NAME told OUTLET that", "According to X"), else the speaker of the
quotation it belongs to (a quotation takes the cue that closes or introduces it, across
sentences and across paragraphs of a multi-paragraph quote, or a colon lead-in / "X disagreed."
just before it), else the article's own voice. A cue whose speaker is missing or cannot be
resolved gives `unknown`: attribution never guesses at a person. Consecutive sentences of a
paragraph with the same speaker form one passage.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Sequence

from corpus.attribution.backends import DEFAULT_BACKEND, default_backend
from corpus.attribution.cues import Candidate, find_candidates
from corpus.attribution.govern import (
    Quote,
    QuoteIndex,
    Sentence,
    attach,
    continue_speaker,
    dominant_quote,
    drop_unsigned,
    lead_in,
    propagate,
    sentence_offsets,
)
from corpus.attribution.interview import interview_answers
from corpus.attribution.lexicon import (
    CONNECTIVES,
    ORGANISATION_WORDS,
    ROLE_NOUNS,
    TITLES,
    word_set,
)
from corpus.attribution.passages import assemble
from corpus.attribution.people import (
    NOT_NAME_WORDS,
    SpeakerRegistry,
    build_register,
    name_mentions,
)
from corpus.attribution.quotes import MASK, QuoteSpan, mask_quotes, quote_spans, signature_breaks
from corpus.attribution.resolve import resolve_candidate
from corpus.models import Article, Passage
from corpus.sentences import split_sentences


def _refine(
    backend: str, sentences: Sequence[Sentence], found: list[list[Candidate]]
) -> list[list[Candidate]]:
    """Lets a backend other than the rules add or confirm candidates: the module
    `corpus.attribution.<backend>` provides `refine(sentences, candidates)`."""
    if backend == DEFAULT_BACKEND:
        return found
    try:
        module = importlib.import_module(f"corpus.attribution.{backend}")
    except ImportError as error:
        raise ValueError(f"unknown attribution backend {backend!r} ({error})") from error
    refined: list[list[Candidate]] = module.refine(sentences, found)
    return refined


def attribute(article: Article, *, backend: str | None = None) -> list[Passage]:
    """The passages of the article, every body sentence exactly once, in order.

    `backend` chooses who proposes cue candidates ("rules", or a backend module such as
    "parser"); by default the environment's choice, see `default_backend`.
    """
    sentences: list[Sentence] = []
    quotes: list[Quote] = []
    masks: list[str] = []
    index: dict[int, QuoteIndex] = {}
    chain = -1
    open_chain: int | None = None
    # 1. Quote spans and sentences of every paragraph.
    for number, paragraph in enumerate(article.paragraphs):
        spans = quote_spans(paragraph)
        masked = mask_quotes(paragraph, spans)
        masks.append(masked)
        local: list[tuple[int, Quote]] = []
        for span in spans:
            if span.start == 0 and open_chain is not None:
                this_chain = open_chain
            else:
                chain += 1
                this_chain = chain
            quotes.append(Quote(this_chain, number, span))
            local.append((len(quotes) - 1, quotes[-1]))
        open_chain = local[-1][1].chain if local and not local[-1][1].span.closed else None
        here = QuoteIndex(local)
        if local:
            index[number] = here
        texts = _split_signatures(paragraph, split_sentences(paragraph), spans)
        if len(spans) >= 2:
            texts = _split_two_sources(paragraph, masked, texts)
        for text, (start, end) in zip(texts, sentence_offsets(paragraph, texts), strict=True):
            sentence = Sentence(number, text, start, end, masked=masked[start:end])
            sentence.span = dominant_quote(start, end, here, text)
            sentences.append(sentence)
    # 2. The register of people, from the whole article, before any cue is resolved.
    headlines = [h for h in (article.title, article.subtitle) if h]
    registry = build_register(masks, [mask_quotes(h, quote_spans(h)) for h in headlines])
    # 3. Cue candidates per sentence; 4. their sources resolved in reading order.
    found = [find_candidates(s.masked, s.start) for s in sentences]
    found = _refine(backend or default_backend(), sentences, found)
    for position, (sentence, candidates) in enumerate(zip(sentences, found, strict=True)):
        if any(c.tentative for c in candidates):
            after = sentences[position + 1].masked.lstrip() if position + 1 < len(sentences) else ""
            if not after.startswith(MASK):
                candidates = [c for c in candidates if not c.tentative]
        if any(c.after_quote for c in candidates):
            before = sentences[position - 1] if position else None
            if (
                before is None
                or before.paragraph != sentence.paragraph
                or not before.masked.rstrip().endswith(MASK)
            ):
                candidates = [c for c in candidates if not c.after_quote]
        registry.next_sentence()
        pronouns = [
            c.start - sentence.start for c in candidates if c.source.lower() in ("he", "she")
        ]
        noted = 0
        if pronouns and min(pronouns) > 0:
            noted = _note_mentions(sentence, registry, before=min(pronouns))
        sentence.cues = [resolve_candidate(c, registry, sentence.paragraph) for c in candidates]
        if any(c.post for c in candidates) and len(sentence.cues) == 1:
            # `Words of the post. More words — Ada Ruiz (@adaruiz) May 2, 2016`: all hers
            for earlier in reversed(sentences[:position]):
                if earlier.paragraph != sentence.paragraph or earlier.cues:
                    break
                earlier.cues = list(sentence.cues)
        for cue, candidate in zip(sentence.cues, candidates, strict=True):
            cue.signs = (
                candidate.cue == "—"
                or candidate.signs
                or _opens(sentence, candidate.start - sentence.start)
            )
        _note_mentions(sentence, registry, done=noted)
    # 5. Each quote takes the cue that governs it.
    attach(quotes, sentences, index)
    drop_unsigned(sentences, quotes)
    propagate(quotes, sentences)
    lead_in(sentences, quotes)
    propagate(quotes, sentences)
    continue_speaker(sentences, quotes)
    propagate(quotes, sentences)
    interview_answers(masks, sentences, quotes, registry)
    # 6. Passages.
    return assemble(article, sentences, quotes, registry)


def _opens(sentence: Sentence, where: int) -> bool:
    """The source phrase opens the sentence, titles aside: `Rep. Ada Brennan said of it.`"""
    return all(word in TITLES for word in sentence.masked[: max(where, 0)].split())


def _split_signatures(paragraph: str, texts: list[str], spans: list[QuoteSpan]) -> list[str]:
    """The sentences, also broken where a dash signature signs a quote (vox-pops)."""
    breaks = signature_breaks(paragraph, spans) if spans else []
    if not breaks:
        return texts
    pieces: list[str] = []
    for start, end in sentence_offsets(paragraph, texts):
        cut = start
        for point in breaks:
            if cut < point < end and paragraph[cut:point].strip():
                pieces.append(paragraph[cut:point].strip())
                cut = point
        pieces.append(paragraph[cut:end].strip())
    return [piece for piece in pieces if piece]


# Where a sentence that quotes two sources joins their clauses: `“…,” said Ortiz, while Dunmore
# said “…”`, `Ortiz called it “…”; Dunmore said “…”`.
_CLAUSE_JOINT = re.compile(r"(?:,\s+(?:while|whereas|but|and)|;)\s+(?=[A-Z])")


def _split_two_sources(paragraph: str, masked: str, texts: list[str]) -> list[str]:
    """The sentences, also broken where one sentence joins two sources' clauses, each with
    its own quote and its own cue: one passage per source, rather than one speaker for both
    quotes or none."""
    pieces: list[str] = []
    for text, (start, end) in zip(texts, sentence_offsets(paragraph, texts), strict=True):
        part = masked[start:end]
        cut = None
        if len(re.findall(MASK + "+", part)) >= 2:
            for joint in _CLAUSE_JOINT.finditer(part):
                head, tail = part[: joint.start()], part[joint.end() :]
                if MASK not in head or MASK not in tail:
                    continue
                first = find_candidates(head, 0)
                second = find_candidates(tail, 0)
                if _named(first) and _named(second):
                    cut = joint.start() + 1  # after the comma: "while Dunmore said…" is his
                    break
        if cut is None:
            pieces.append(text)
        else:
            middle = start + cut
            pieces.extend([paragraph[start:middle].strip(), paragraph[middle:end].strip()])
    return [piece for piece in pieces if piece]


def _named(candidates: list[Candidate]) -> bool:
    return len(candidates) == 1 and bool(candidates[0].source) and candidates[0].unclear is None


_SUBORDINATE = re.compile(
    r"\s*(?:If|After|When|Whenever|Although|Though|As|While|Because|Before|Since|Unless|Once|"
    r"Until|Whether|Even if|Even though)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]*[a-z][\w’'-]*")


def _note_mentions(
    sentence: Sentence, registry: SpeakerRegistry, before: int | None = None, done: int = 0
) -> int:
    """People named in the sentence besides its sources: a later he/she must account for them.
    Full names and surnames of registered people, in the order they are written, and the
    subject of a sentence without a speaker even when the register does not know the name
    ("Carson defied the question."): whoever it is, a he/she after it is unsure.

    With `before` (an offset in the sentence), only the names ending before it: those a
    he/she of the sentence's own cue refers back to ("Trump called it…, but he noted…"), noted
    before the cue is resolved; `done` skips the names so noted. Returns the offset up to
    which names are noted."""
    speakers = {cue.speaker.name for cue in sentence.cues}
    # a sentence with a speaker has that speaker as its subject for a later he/she
    spoken = any(cue.speaker.kind in ("person", "unnamed", "unknown") for cue in sentence.cues)
    masked = sentence.masked
    named = [(start, end, name) for name, _r, _g, start, end in name_mentions(masked)]
    taken = [(start, end) for start, end, _ in named]
    for word in _CAPITALISED.finditer(masked):
        bare = word.group(0).removesuffix("’s").removesuffix("'s")
        if any(a <= word.start() < b for a, b in taken):
            continue
        if registry.is_surname(bare) or (
            not spoken
            and bare == word.group(0)
            and bare in registry.proper_words
            and _unregistered_subject(masked, word)
        ):
            named.append((word.start(), word.end(), bare))
    named.sort()
    has_subject = spoken and before is None
    for start, end, name in named:
        if start < done or (before is not None and end > before):
            continue
        if name in speakers or registry.full_name(name) in speakers:
            continue
        subject = not has_subject and _is_subject(masked, start, end)
        has_subject = has_subject or subject
        registry.mentioned(name, sentence.paragraph, subject=subject)
    return len(masked) if before is None else before


def _is_subject(masked: str, start: int, end: int) -> bool:
    """Whether the name at masked[start:end] is the subject of its sentence: it opens the
    sentence ("Sen. Gordon Pike was…", "But Bradley had…") or follows an opening adverbial
    ("In an interview on Sunday, Clinton laughed…"), and heads its phrase ("Obama consultant
    Cornell Belcher" and "Trump's campaign" have other heads)."""
    after = masked[end:]
    if after.startswith(("’s", "'s", "’", "'")) or masked[start:end].endswith(("’s", "'s")):
        return False
    if _SUBORDINATE.match(masked):
        return False  # "If Clinton is elected, he said…": a clause's subject, not the sentence's
    following = after.split(maxsplit=1)
    if following and following[0].lower().strip(",") in ROLE_NOUNS:
        return False
    lead = masked[:start].split()
    if len(lead) <= 2 and not any(w.islower() for w in lead):
        return True
    # "…after the vote, Councilwoman Dolores Ferrante called": the title goes with the name
    while lead and (lead[-1][:1].isupper() or lead[-1].lower() in ROLE_NOUNS):
        if lead[-1].endswith(","):
            break
        lead.pop()
    if not lead:
        return True  # "Kimble adviser Nadia Sorel picked up…"
    opening = " ".join(lead)
    if not opening.endswith(",") or MASK in opening:
        return False
    # "In an interview, Clinton laughed…", not the apposition "her husband, Milton Berg, a…"
    rest = after.lstrip()
    return rest[:1].islower()


def _unregistered_subject(masked: str, word: re.Match[str]) -> bool:
    """A capitalised word the register does not know that opens a sentence as its subject
    ("Carson defied…", "Meanwhile Rihanna, who…"): a name, if not a known non-name."""
    text = word.group(0)
    if text in NOT_NAME_WORDS or text.lower() in ORGANISATION_WORDS or text.lower() in CONNECTIVES:
        return False
    lead = masked[: word.start()].split()
    if len(lead) > 1 or (lead and lead[0].lower().strip(",") not in CONNECTIVES):
        return False
    rest = masked[word.end() :].lstrip()
    if rest.startswith(", who "):
        return True
    verb = rest.split(maxsplit=1)[0] if rest else ""
    return verb.isalpha() and verb.islower() and verb not in ROLE_NOUNS and verb not in _NOT_VERBS


# words after a capitalised opening word that show it is no person acting: "Iowa voters", "Trump
# supporters", "Nevada and…"
_NOT_VERBS = word_set(
    "and or of in on at for to from with by the a an as voters supporters officials residents "
    "lawmakers leaders delegates state city county"
)
