"""Cue finding: the reporting cues in the unquoted text of one sentence, each with its source."""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.attribution.lexicon import (
    APPOSITION_ADVERBS,
    AUXILIARIES,
    CONNECTIVES,
    INVERTED_VERBS,
    NOT_BEFORE_TO,
    PHRASAL_VERBS,
    REPORTING_VERBS,
    VERB_PATTERN,
    word_set,
)
from corpus.attribution.people import Mention, SpeakerRegistry, parse_subject
from corpus.attribution.quotes import MASK
from corpus.models import Speaker

_UNKNOWN = Speaker(kind="unknown")
_VERB_WORDS = frozenset(REPORTING_VERBS) | {verb.split()[0] for verb in PHRASAL_VERBS}
_WORD = re.compile(r"[a-z]+")
_APPOSITIVE_AFTER = re.compile(r",\s+(?P<role>(?:an?|who)\s[^,;§]+),")
_POSSESSIVE = re.compile(r"\b(?:his|her)\b")
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


@dataclass
class Cue:
    speaker: Speaker
    text: str
    start: int  # offset of the cue in the paragraph
    bare: bool = False  # nothing but subject and cue: "Svoik disagreed." / "Svoik said:"


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
