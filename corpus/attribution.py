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

import re
from dataclasses import dataclass, field

from corpus.lexicon import (
    APPOSITION_ADVERBS,
    AUXILIARIES,
    CONNECTIVES,
    INVERTED_VERBS,
    NOT_BEFORE_TO,
    PHRASAL_VERBS,
    REPORTING_VERBS,
    ROLE_NOUNS,
    TITLES,
    VERB_PATTERN,
    word_set,
)
from corpus.models import NARRATOR, Article, Passage, Source, Speaker
from corpus.quotes import MASK, QuoteSpan, mask_quotes, quote_spans
from corpus.sentences import split_sentences
from corpus.speakers import Mention, SpeakerRegistry, parse_subject

_UNKNOWN = Speaker(kind="unknown")
_VERB_WORDS = frozenset(REPORTING_VERBS) | {verb.split()[0] for verb in PHRASAL_VERBS}
_WORD = re.compile(r"[a-z]+")
_APPOSITIVE_AFTER = re.compile(r",\s+(?P<role>(?:an?|who)\s[^,;§]+),")
_POSSESSIVE = re.compile(r"\b(?:his|her)\b")
_SENTENCE_END = re.compile(r"[.!?]")
_LOWER_WORD = re.compile(r"(?<= )[a-z][\w’'-]*")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<source>[^,.;:§]+)")
_QUOTED = re.compile(
    r"(?P<cue>(?P<outlet>[A-Z][^,.;:§]*?)\s+quoted\s+(?P<who>[^,;:§]+?),?\s+"
    r"(?P<tail>who said|who says|who told|as saying|saying|as having said))\b"
)
_TOLD_OBJECT = re.compile(
    r"\s+(?:[^\s,.;:!?§]+)(?:\s+[^\s,.;:!?§]+){0,3}?(?=\s+that\b|\s*[,.;:!?§]|\s+(?:he|she|they|it|"
    r"there|the)\b|$)"
)
_PHRASE = re.compile(
    r"(?:\s+(?:in|on|at|during|via|through|to|from|after|before|with)\b"
    r"(?:\s+[^\s,.;:!?§]+){1,4}?)+(?=\s+that\b|\s*[,.;:!?§]|$)"
)
_NAME_AFTER_ROLE = re.compile(
    r"\b(?P<role>(?:[A-Za-z][\w’'-]*\s+){0,2}(?:"
    + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True))
    + r"))\s+(?P<name>[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*){1,2})\b"
)
_ROLE_ADJECTIVES = word_set(
    "new former deputy vice prime foreign local senior chief acting opposition state"
)
_TITLED_NAME = re.compile(
    r"\b(?P<role>(?:Prime Minister|President|Foreign Minister|Minister|Senator|Governor|Mayor|"
    r"Ambassador|General))\s+(?P<name>[A-Z][\w’'-]*[a-z][\w’'-]*(?:\s+[A-Z][\w’'-]*[a-z][\w’'-]*){1,2})\b"
)


@dataclass
class Cue:
    speaker: Speaker
    text: str
    start: int  # offset of the cue in the paragraph
    bare: bool = False  # nothing but subject and cue: "Svoik disagreed." / "Svoik said:"


@dataclass
class _Sentence:
    paragraph: int
    text: str
    start: int
    end: int
    cues: list[Cue] = field(default_factory=list)
    span: int | None = None  # the quote (chain) the sentence mostly consists of


@dataclass
class _Quote:
    chain: int
    paragraph: int
    span: QuoteSpan
    cue: Cue | None = None


def _strip_connectives(text: str) -> str:
    words = text.split()
    while words and words[0].lower().strip(",") in CONNECTIVES:
        words.pop(0)
    return " ".join(words)


def _strip_auxiliaries(text: str) -> str:
    words = text.split()
    while words and (words[-1].lower() in AUXILIARIES or words[-1].lower().endswith("ly")):
        if len(words) == 1:
            break
        words.pop()
    return " ".join(words)


def _subject_before(pre: str) -> tuple[Mention, str | None] | None:
    """The subject (and apposition) ending right before a verb, e.g. "X, director of Y,"."""
    pre = pre.split(MASK)[-1]
    pre = _strip_auxiliaries(pre.strip())
    if not pre:
        return None
    if pre.endswith(","):
        parts = [p.strip() for p in pre[:-1].split(",")]
        for index in range(len(parts) - 1):
            head = _strip_connectives(parts[index])
            appositive = ", ".join(parts[index + 1 :]).strip()
            if re.search(r"\band [A-Z]", appositive):
                return None  # "X, an analyst, and Y, a lawyer,": two sources, not one
            mention = parse_subject(head)
            if appositive.lower() in APPOSITION_ADVERBS:
                if mention is not None:
                    return mention, None
                continue
            if mention is not None and mention.kind == "person":
                return mention, appositive
            # "Tajikistan’s delegate, Firuza Nazarova, said": the name is in the apposition
            named = parse_subject(appositive) if "," not in appositive else None
            if named is not None and named.kind == "person" and len(named.text.split()) >= 2:
                return named, _lower_first_word(head)
            if mention is not None and mention.kind == "unnamed":
                return mention, appositive
            if mention is not None and mention.kind == "organisation":
                return mention, None  # "The firm, Kazakhmys Ltd., said"
        return None
    last = _strip_connectives(re.split(r"[,;—–]", pre)[-1].strip())
    mention = parse_subject(last)
    if mention is not None:
        return mention, None
    # "Last week Svoik said", "In 2010 he told": an adverbial without its comma
    words = last.split()
    if words and words[0].lower() in _ADVERBIAL_STARTS:
        for start in range(1, min(len(words), 6)):
            if words[start][:1].isupper() or words[start].lower() in ("he", "she", "they"):
                mention = parse_subject(" ".join(words[start:]))
                if mention is not None:
                    return mention, None
    return None


def _lower_first_word(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first in ("The", "A", "An", "His", "Her", "Its", "Their"):
        first = first.lower()
    return f"{first} {rest}".strip()


def _cue_text(masked: str, verb_start: int, verb_end: int) -> str:
    verb = masked[verb_start:verb_end]
    rest = masked[verb_end:]
    end = verb_end
    if verb.startswith(("told", "tell", "asked")):
        obj = _TOLD_OBJECT.match(rest)
        if obj:
            end += obj.end()
            rest = masked[end:]
    phrase = _PHRASE.match(rest)
    if phrase and verb not in ("called for", "calls for", "call for", "called on", "calls on"):
        end += phrase.end()
    return masked[verb_start:end].strip()


def _is_bare(masked_sentence: str, cue_end: int) -> bool:
    return masked_sentence[cue_end:].strip() in (".", ":", "")


def find_cues(masked: str, offset: int, registry: SpeakerRegistry, paragraph: int) -> list[Cue]:
    """The reporting cues in the unquoted text of one sentence (quotes masked out)."""
    cues: list[Cue] = []
    quoted = _QUOTED.search(masked) if "quoted" in masked else None
    if quoted:
        who = parse_subject(quoted.group("who"))
        if who is not None and who.kind != "pronoun":
            speaker = registry.resolve(who, paragraph)
            cues.append(Cue(speaker, quoted.group("cue"), offset + quoted.start()))
            return cues
    according = _ACCORDING.search(masked) if "ccording to" in masked else None
    if according:
        mention = parse_subject(_strip_auxiliaries(according.group("source")))
        if mention is not None:
            cue = masked[according.start() : according.start() + len("according to")]
            # "According to Daniyar Ospanov, an Almaty-based energy analyst, the plant…"
            trailing = _APPOSITIVE_AFTER.match(masked, according.end())
            role = trailing.group("role") if trailing and mention.kind == "person" else None
            speaker = registry.resolve(mention, paragraph, role=role)
            cues.append(Cue(speaker, cue, offset + according.start()))
    # Most sentences hold no reporting verb at all; a set lookup rules them out cheaply.
    has_verb = not _VERB_WORDS.isdisjoint(_WORD.findall(masked))
    for match in VERB_PATTERN.finditer(masked) if has_verb else ():
        verb = match.group(0)
        after = masked[match.end() :]
        if verb.split()[0] in NOT_BEFORE_TO and after.startswith(" to "):
            continue
        pre = masked[: match.start()]
        cue_text = _cue_text(masked, match.start(), match.end())
        bare = _is_bare(masked, match.start() + len(cue_text))
        pre_trimmed = pre.rstrip()
        if verb in INVERTED_VERBS and (pre_trimmed.endswith((MASK, ",")) or not pre_trimmed):
            inverted = _inverted(after, registry, paragraph)
            if inverted is not None:
                cues.append(Cue(inverted, verb, offset + match.start()))
                break
            if pre_trimmed and (after.strip() in (".", "") or after.lstrip().startswith(MASK)):
                # "…views, said." — a cue with its speaker missing
                cues.append(Cue(_UNKNOWN, verb, offset + match.start()))
                break
        subject = _subject_before(pre)
        if subject is None:
            unclear = _unclear_subject(pre, verb)
            if unclear is not None:
                cues.append(Cue(unclear, cue_text, offset + match.start(), bare))
                break
            continue
        mention, appositive = subject
        speaker = registry.resolve(mention, paragraph, role=appositive)
        if speaker.kind == "unknown" and speaker.name and "statement" in cue_text:
            # only organisations speak through statements without being introduced
            speaker = Speaker(name=speaker.name, kind="organisation")
        if speaker.kind == "person" and " " in cue_text:
            possessive = _POSSESSIVE.search(cue_text)
            if possessive:  # "wrote on his Facebook page"
                registry.note_gender(speaker, "male" if possessive.group(0) == "his" else "female")
        cues.append(Cue(speaker, cue_text, offset + match.start(), bare))
        break
    if not cues and masked.rstrip().endswith(":"):
        lead_in = _colon_lead_in(masked.rstrip()[:-1], offset, registry, paragraph)
        if lead_in is not None:
            cues.append(lead_in)
    return cues


def _colon_lead_in(text: str, offset: int, registry: SpeakerRegistry, paragraph: int) -> Cue | None:
    """`Yerbol Sarsenbayev, a welder, addressed them through a megaphone:` -> a bare cue."""
    if MASK in text:
        return None
    for match in _LOWER_WORD.finditer(text):
        if match.start() > 160:
            break
        subject = _subject_before(text[: match.start()])
        if subject is None:
            continue
        mention, appositive = subject
        if mention.kind not in ("person", "pronoun", "unnamed", "organisation"):
            return None
        speaker = registry.resolve(mention, paragraph, role=appositive)
        return Cue(speaker, text[match.start() :].strip(), offset + match.start(), bare=True)
    return None


_STRONG_VERBS = word_set(
    "say said says told tells added adds noted wrote writes stated explained argued insisted "
    "warned claimed"
)
_ADVERBIAL_STARTS = word_set(
    "in on at after before during since last this next earlier later yesterday today by from"
)
_NOT_SUBJECT_START = _ADVERBIAL_STARTS | word_set(
    "which who whom whose that what where when it there this these those here"
)
_NOT_SUBJECT_END = word_set(
    "is was were are be been being has have had not to do does did would will can could"
)


def _unclear_subject(pre: str, verb: str) -> Speaker | None:
    """A strong reporting verb after a noun phrase we cannot read ("Svoik and Grishin said",
    "Kazakstan’s president said"): a source is there, but who exactly is unclear."""
    if verb not in _STRONG_VERBS:
        return None
    pre = pre.split(MASK)[-1].strip()
    if not pre:
        return None
    if pre.endswith(","):
        # "Ivan Petrov, an analyst, and Olga Ivanova, a lawyer, said": two sources at once;
        # "Kazakstan’s president, who was in Moscow, said": one we cannot name
        return Speaker(kind="unknown")
    segment = _strip_connectives(re.split(r"[,;:—–]", pre)[-1].strip())
    words = segment.split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isalpha():
        return None
    if words[0].lower() in _NOT_SUBJECT_START or words[-1].lower() in _NOT_SUBJECT_END:
        return None
    if any(w.lower() in ("he", "she", "they", "we", "i") or w[:1].isdigit() for w in words):
        return None
    return Speaker(name=_lower_first_word(segment), kind="unknown")


def _inverted(after: str, registry: SpeakerRegistry, paragraph: int) -> Speaker | None:
    """`said Pyotr Svoik, an Almaty-based political analyst.` -> the speaker, or None."""
    rest = after.split(MASK)[0].strip().rstrip(".!?,;: ").strip()
    if not rest:
        return None
    head, _, role = rest.partition(",")
    if len(head.split()) > 6 or re.search(r"\bthat\b", head):
        return None
    mention = parse_subject(head)
    if mention is None:
        return None
    role_text = role.strip() or None
    return registry.resolve(mention, paragraph, role=role_text)


def _register_mentions(text: str, registry: SpeakerRegistry, paragraph: int) -> None:
    """People introduced in narration ("Kazak president Nursultan Nazarbaev") for later cues."""
    for pattern in (_TITLED_NAME, _NAME_AFTER_ROLE):
        for match in pattern.finditer(text):
            name = match.group("name")
            if any(word in TITLES for word in name.split()):
                continue
            role_words = match.group("role").split()
            # keep "Kazak president", "Shymkent resident", "deputy minister"; drop "met his"
            while len(role_words) > 1 and not (
                role_words[0][:1].isupper() or role_words[0].lower() in _ROLE_ADJECTIVES
            ):
                role_words.pop(0)
            role = " ".join(role_words)
            mention = parse_subject(name)
            if mention is not None and mention.kind == "person":
                registry.register(mention, paragraph, role=role, spoke=False)


def _sentence_offsets(paragraph: str, sentences: list[str]) -> list[tuple[int, int]]:
    offsets = []
    position = 0
    for sentence in sentences:
        start = paragraph.find(sentence, position)
        if start < 0:  # cannot happen for slices of the paragraph; keep going regardless
            start = position
        end = start + len(sentence)
        offsets.append((start, end))
        position = end
    return offsets


def _dominant_quote(
    start: int, end: int, quotes: list[tuple[int, _Quote]], text: str
) -> int | None:
    best: int | None = None
    best_chars = 0
    for index, quote in quotes:
        overlap = min(end, quote.span.end) - max(start, quote.span.start)
        if overlap <= 0:
            continue
        if quote.span.start <= start < quote.span.end:
            return index  # the sentence starts inside the quote
        if overlap > best_chars:
            best, best_chars = index, overlap
    length = len(text.strip())
    if best is not None and best_chars * 2 >= max(length, 1):
        return best
    return None


def _by_paragraph(quotes: list[_Quote]) -> dict[int, list[_Quote]]:
    grouped: dict[int, list[_Quote]] = {}
    for quote in quotes:
        grouped.setdefault(quote.paragraph, []).append(quote)
    return grouped


def _attach(quotes: list[_Quote], sentences: list[_Sentence]) -> None:
    """Gives each quote the cue that closes or introduces it."""
    grouped = _by_paragraph(quotes)
    for sentence in sentences:
        for cue in sentence.cues:
            for quote in grouped.get(sentence.paragraph, ()):
                if quote.cue is not None:
                    continue
                span = quote.span
                closes_here = sentence.start < span.end <= sentence.end
                opens_here = sentence.start <= span.start < sentence.end
                gap = sentence.text[max(0, span.end - sentence.start) : cue.start - sentence.start]
                if closes_here and cue.start >= span.end and MASK not in gap:
                    if not _SENTENCE_END.search(gap):
                        quote.cue = cue
                elif opens_here and cue.start < span.start:
                    quote.cue = cue


def _propagate(quotes: list[_Quote], sentences: list[_Sentence]) -> None:
    # A multi-paragraph quote shares one cue across its chain.
    chains: dict[int, Cue] = {}
    for quote in quotes:
        if quote.cue is not None:
            chains.setdefault(quote.chain, quote.cue)
    for quote in quotes:
        if quote.cue is None and quote.chain in chains:
            quote.cue = chains[quote.chain]
    # `“A,” she said. “B.”` — a quote without a cue of its own continues the speaker of the
    # paragraph's other quote, when the paragraph has just one cue.
    cue_count: dict[int, int] = {}
    for sentence in sentences:
        cue_count[sentence.paragraph] = cue_count.get(sentence.paragraph, 0) + len(sentence.cues)
    for paragraph, same in _by_paragraph(quotes).items():
        if cue_count.get(paragraph, 0) > 1:
            continue
        for own, quote in enumerate(same):
            if quote.cue is not None:
                continue
            earlier = [q.cue for q in same[:own] if q.cue is not None]
            later = [q.cue for q in same[own + 1 :] if q.cue is not None]
            quote.cue = earlier[-1] if earlier else later[0] if later else None


def _lead_in(sentences: list[_Sentence], quotes: list[_Quote], paragraph: int) -> Cue | None:
    """For a quote paragraph with no cue of its own: the source the previous paragraph ended
    with (a colon lead-in, "X disagreed.", a quote or a statement by X)."""
    previous = [s for s in sentences if s.paragraph == paragraph - 1]
    if not previous:
        return None
    last = previous[-1]
    if len(last.cues) > 1:
        return None
    cue = last.cues[0] if last.cues else quotes[last.span].cue if last.span is not None else None
    if cue is None or cue.speaker.kind in ("unknown", "narrator"):
        return None
    return cue


def attribute(article: Article) -> list[Passage]:
    """The passages of the article, every body sentence exactly once, in order."""
    registry = SpeakerRegistry()
    sentences: list[_Sentence] = []
    quotes: list[_Quote] = []
    chain = -1
    open_chain: int | None = None
    for number, paragraph in enumerate(article.paragraphs):
        spans = quote_spans(paragraph)
        masked = mask_quotes(paragraph, spans)
        local: list[tuple[int, _Quote]] = []
        for span in spans:
            if span.start == 0 and open_chain is not None:
                this_chain = open_chain
            else:
                chain += 1
                this_chain = chain
            quotes.append(_Quote(this_chain, number, span))
            local.append((len(quotes) - 1, quotes[-1]))
        open_chain = local[-1][1].chain if local and not local[-1][1].span.closed else None
        texts = split_sentences(paragraph)
        for text, (start, end) in zip(texts, _sentence_offsets(paragraph, texts), strict=True):
            sentence = _Sentence(number, text, start, end)
            sentence.cues = find_cues(masked[start:end], start, registry, number)
            sentence.span = _dominant_quote(start, end, local, text)
            if not sentence.cues and sentence.span is None:
                _register_mentions(masked[start:end], registry, number)
            sentences.append(sentence)
    _attach(quotes, sentences)
    _propagate(quotes, sentences)
    for quote in quotes:
        if quote.cue is None and quote.span.start == 0:
            quote.cue = _lead_in(sentences, quotes, quote.paragraph)
    _propagate(quotes, sentences)
    return _passages(article, sentences, quotes, registry)


def _speaker_of(sentence: _Sentence, quotes: list[_Quote]) -> tuple[Speaker, str | None]:
    speakers = {c.speaker for c in sentence.cues}
    if len(speakers) > 1:
        return _UNKNOWN, None  # two sources in one sentence: we will not split hairs here
    if sentence.cues:
        return sentence.cues[0].speaker, sentence.cues[0].text
    if sentence.span is not None:
        cue = quotes[sentence.span].cue
        if cue is None:
            return _UNKNOWN, None
        return cue.speaker, cue.text
    return NARRATOR, None


def _passages(
    article: Article,
    sentences: list[_Sentence],
    quotes: list[_Quote],
    registry: SpeakerRegistry,
) -> list[Passage]:
    source = Source.of(article)
    passages: list[Passage] = []
    run: list[str] = []
    run_key: tuple[int, Speaker] | None = None
    run_cue: str | None = None
    counters: dict[int, int] = {}

    def flush() -> None:
        if run_key is None or not run:
            return
        paragraph, speaker = run_key
        n = counters.get(paragraph, 0)
        counters[paragraph] = n + 1
        passages.append(
            Passage(
                id=f"{article.id}:{paragraph}:{n}",
                article_id=article.id,
                paragraph=paragraph,
                text=" ".join(run),
                speaker=registry.refreshed(speaker),
                cue=run_cue,
                source=source,
            )
        )

    for sentence in sentences:
        speaker, cue = _speaker_of(sentence, quotes)
        key = (sentence.paragraph, speaker)
        if key != run_key:
            flush()
            run, run_key, run_cue = [], key, cue
        run.append(sentence.text)
        run_cue = run_cue or cue
    flush()
    return passages
