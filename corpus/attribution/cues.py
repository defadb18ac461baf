"""Cue finding: the reporting cues of one sentence, each with the phrase naming its source.

The rules read the sentence with its quotes masked out: a reporting verb and its subject
before it ("Svoik said", "X, director of Y, told IWPR") or after it ("…,” said NAME, ROLE"),
"According to X", "NAME quoted X as saying", a colon lead-in with any verb phrase ("X put it
more bluntly:"), and for a sentence with a quote but no reporting verb a dash signature, a verb
that frames a partial quote ("called it “…”") or a participle ("…, saying “…”").
The result is a list of `Candidate`s; `resolve` names their sources.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from corpus.attribution.lexicon import (
    APPOSITION_ADVERBS,
    AUXILIARIES,
    CONNECTIVES,
    INVERTED_VERBS,
    NOT_BEFORE_TO,
    ORGANISATION_WORDS,
    PHRASAL_VERBS,
    QUOTE_ONLY_VERBS,
    REPORTING_VERBS,
    SENTENCE_INITIAL_VERBS,
    SENTENCE_WORDS,
    word_set,
)
from corpus.attribution.names import PARTY_TAG, Mention, parse_subject
from corpus.attribution.quotes import MASK
from corpus.models import Speaker

_UNKNOWN = Speaker(kind="unknown")
_VERB_WORDS = frozenset(REPORTING_VERBS) | {verb.split()[0] for verb in PHRASAL_VERBS}
_WORD = re.compile(r"[a-z]+")
_APPOSITIVE_AFTER = re.compile(r",\s+(?P<role>(?:an?|who)\s[^,;§]+),")
_POSSESSIVE = re.compile(r"\b(?:his|her)\b")
_SPACED_LOWER_WORD = re.compile(r"(?<= )[a-z][\w’'-]*")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<source>[^,.;:§]+)")
_QUOTED = re.compile(
    r"(?P<cue>(?P<outlet>[A-Z][^,.;:§]*?)\s+quoted\s+(?P<who>[^,;:§]+?),?\s+"
    r"(?P<tail>who said|who says|who told|as saying|saying|as having said))\b"
)
_QUOTED_AS = re.compile(
    r"(?P<who>[^§;:]+?\s)(?P<cue>(?:is|was|were|are)\s+(?:later\s+)?quoted\s+(?:as\s+)?"
    r"(?:saying|having said))\b"
)
_TOLD_OBJECT = re.compile(
    r"\s+(?:[^\s,.;:!?§]+)(?:\s+[^\s,.;:!?§]+){0,3}?(?=\s+that\b|\s*[,.;:!?§]|\s+(?:he|she|they|it|"
    r"there|the)\b|$)"
)
_PHRASE = re.compile(
    r"(?:\s+(?:in|on|at|during|via|through|to|from|after|before|with)\b"
    r"(?:\s+[^\s,.;:!?§]+){1,4}?)+(?=\s+that\b|\s*[,.;:!?§]|$)"
)


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


# A time phrase between a subject and its verb: "Trump, who …, on Friday described …"
_TIME_AFTER = re.compile(
    r"(?<=[\w,])\s+(?:on|last|this|late|early)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|week|month|year|night|"
    r"morning|weekend)$"
)


def _subject_before(pre: str) -> tuple[Mention, str | None] | None:
    """The subject (and apposition) ending right before a verb, e.g. "X, director of Y,"."""
    pre = pre.split(MASK)[-1]
    pre = _strip_auxiliaries(_TIME_AFTER.sub("", pre.strip()))
    if not pre:
        return None
    if pre.endswith(("—", "–", "--")):
        # "A former candidate — Ada Ruiz, who lost in 2008 — said": dashes fence an apposition
        pre = re.sub(r"\s*(?:—|–|--)\s*", ", ", pre).rstrip()
        if not pre.endswith(","):
            pre += ","
    if pre.endswith(","):
        parts = [p.strip() for p in pre[:-1].split(",")]
        if len(parts) == 1:
            # "Sen. Jack Reed (D-R.I.), said": a stray comma before the verb (after a short
            # name phrase, not after a clause: "…misjudged President X, having…")
            if len(parts[0].split()) > 6 or ":" in parts[0]:
                return None
            alone = parse_subject(_strip_connectives(parts[0]))
            return (alone, None) if alone is not None and alone.kind == "person" else None
        for index in range(len(parts) - 1):
            head = _strip_connectives(parts[index])
            appositive = ", ".join(parts[index + 1 :]).strip()
            if re.search(r"\band [A-Z]", appositive.split(" who ")[0]):
                return None  # "X, an analyst, and Y, a lawyer,": two sources, not one
            mention = parse_subject(head)
            if appositive.lower() in APPOSITION_ADVERBS:
                if mention is not None:
                    return mention, None
                continue
            if mention is not None and mention.kind == "person":
                if _describes_organisation(appositive):
                    # "Bishkekvodokanal, the municipal water company, said": evidence, not a name
                    return Mention("organisation", mention.text), appositive
                return mention, appositive
            # "Tajikistan’s delegate, Firuza Nazarova, said": the name is in the apposition
            first, _, more = appositive.partition(",")
            # "A farmer — Walt Kimble, who lost his crop — said": a name, then its own clause
            single = not more or more.strip().startswith(("who ", "whose "))
            named = parse_subject(first) if single else None
            if named is not None and named.kind == "person" and len(named.text.split()) >= 2:
                return named, _lower_first_word(head)
            if mention is not None and mention.kind == "unnamed":
                return mention, appositive
            if mention is not None and mention.kind == "organisation":
                return mention, None  # "The firm, Kazakhmys Ltd., said"
            if mention is not None and mention.kind == "definite":
                return mention, None  # "The senator, who has voted against…, said"
        return None
    last = _strip_connectives(re.split(r"[,;—–]", pre)[-1].strip())
    mention = parse_subject(last)
    if mention is not None:
        return mention, None
    described = _DESCRIBED_NAME.match(last)
    if described:
        # "an angry Ruiz retaliated", "A flabbergasted Kimble quipped": a flourish, not a role
        mention = parse_subject(described.group("name"))
        if mention is not None and mention.kind == "person":
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


def _describes_organisation(appositive: str) -> bool:
    """An apposition whose head is an organisation: "the municipal transport company",
    "a state-owned firm that runs the zones"."""
    words = appositive.lower().split()
    if not words or words[0] not in ("the", "a", "an", "its"):
        return False
    head = []
    for word in words[1:]:
        if word in ("that", "which", "who", "of", "in", "for", "at", "with", "whose"):
            break
        head.append(word.strip(",.’'"))
    return bool(head) and head[-1] in ORGANISATION_WORDS


def _lower_first_word(text: str) -> str:
    first, _, rest = text.partition(" ")
    if first in ("The", "A", "An", "His", "Her", "Its", "Their"):
        first = first.lower()
    return f"{first} {rest}".strip()


def _cue_text(masked: str, verb_start: int, verb_end: int) -> str:
    verb = masked[verb_start:verb_end]
    rest = masked[verb_end:]
    end = verb_end
    if verb.lower() in ("put it", "puts it"):
        # "put it more bluntly", "puts it this way": the manner belongs to the cue
        manner = re.match(r"(?:\s+[a-z]+){1,3}(?=\s*[,:;.!?§]|$)", rest)
        if manner:
            end += manner.end()
            rest = masked[end:]
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


@dataclass(frozen=True)
class Candidate:
    """A reporting cue and the phrase naming its source, before the source is resolved.

    This is the seam between cue finding and resolution: a backend (these rules, or a
    dependency parse) proposes candidates; `resolve.resolve_candidates` turns each source
    phrase into a Speaker through the article's register of people.
    """

    source: str  # the source phrase as written: "Sen. Tim Kaine", "he", "" when missing
    start: int  # offsets of the source phrase in the paragraph (start == end when missing)
    end: int
    cue: str  # the reporting phrase as written: "said", "told IWPR", "—"
    cue_start: int  # offset of the cue in the paragraph
    role: str | None = None  # an apposition: "an Almaty-based political analyst"
    bare: bool = False  # nothing but subject and cue: "Svoik disagreed." / "Svoik said:"
    mention: Mention | None = None  # the rules' reading of `source`; None: parse `source`
    unclear: Speaker | None = None  # a source is there but cannot be named: this speaker
    possessive: str | None = None  # "wrote on his Facebook page": his/her in the cue
    mixed: bool = False  # the sentence also holds words this cue does not govern
    tentative: bool = False  # "Ashcroft is unconvinced.": a cue only if a quote follows
    signs: bool = False  # "That was the verdict of X": the cue signs the quote just before
    after_quote: bool = False  # "Kimble laughed.": a cue only right after a quote
    post: bool = False  # an embedded post's signature: it signs its whole paragraph


def _candidate(
    masked: str,
    offset: int,
    mention: Mention,
    cue: str,
    cue_start: int,
    *,
    role: str | None = None,
    bare: bool = False,
) -> Candidate:
    """A candidate whose source phrase is found in the sentence (best effort for offsets)."""
    where = masked.find(mention.text)
    start = offset + where if where >= 0 else offset + cue_start
    end = start + len(mention.text) if where >= 0 else start
    return Candidate(mention.text, start, end, cue, offset + cue_start, role, bare, mention)


def find_candidates(masked: str, offset: int) -> list[Candidate]:
    """The reporting cues in the unquoted text of one sentence (quotes masked out), each with
    the phrase naming its source. `offset` is where the sentence starts in its paragraph."""
    found: list[Candidate] = []
    if masked.lstrip()[:1] in DASHES:
        # a signature line under a quote, whatever its apposition holds: `— Ana Ruiz, who says …`
        signature = _SIGNATURE_ALONE.match(masked)
        signer = _signer(signature.group("who")) if signature else None
        if signature and signer is not None and signer[0].kind == "person":
            signed_by, role = signer
            return [
                _candidate(masked, offset, signed_by, SIGNATURE, signature.start("dash"), role=role)
            ]
    tweet = _TWEET_SIGNATURE.search(masked) if "(@" in masked else None
    if tweet:
        # an embedded post as pasted text: `Words of the post — Ada Ruiz (@adaruiz) May 2, 2016`
        mention = parse_subject(tweet.group("who"))
        if mention is not None and mention.kind == "person":
            signed = _candidate(masked, offset, mention, SIGNATURE, tweet.start("dash"))
            return [dataclasses.replace(signed, post=True)]
    quoted = _QUOTED.search(masked) if "quoted" in masked else None
    if quoted:
        who = parse_subject(quoted.group("who"))
        if who is not None and who.kind != "pronoun":
            return [_candidate(masked, offset, who, quoted.group("cue"), quoted.start())]
    passive = _QUOTED_AS.search(masked) if "quoted" in masked else None
    if passive:
        # "“…,” Ruiz is quoted as saying": the one quoted said it
        subject = _subject_before(passive.group("who"))
        if subject is not None and subject[0].kind in ("person", "unnamed", "pronoun"):
            mention, role = subject
            cue = passive.group("cue")
            return [_candidate(masked, offset, mention, cue, passive.start("cue"), role=role)]
    according = _ACCORDING.search(masked) if "ccording to" in masked else None
    if according:
        mention = parse_subject(_strip_auxiliaries(according.group("source")))
        if mention is not None:
            cue = masked[according.start() : according.start() + len("according to")]
            # "According to Daniyar Ospanov, an Almaty-based energy analyst, the plant…"
            trailing = _APPOSITIVE_AFTER.match(masked, according.end())
            role = trailing.group("role") if trailing and mention.kind == "person" else None
            found.append(_candidate(masked, offset, mention, cue, according.start(), role=role))
    # Most sentences hold no reporting verb at all; a set lookup rules them out cheaply.
    present = _VERB_WORDS.intersection(_WORD.findall(masked.lower()))
    has_verb = bool(present)
    quoting = MASK in masked
    verbs = list(_verb_pattern(frozenset(present)).finditer(masked)) if has_verb else []
    governing = _verb_candidates(masked, offset, verbs, quoting)
    if governing is not None:
        found.append(governing)
    if not found and MASK in masked:
        found.extend(quote_cues(masked, offset))
    if not found:
        verdict = _VERDICT.match(masked)
        mention = parse_subject(verdict.group("who")) if verdict else None
        if verdict and mention is not None and mention.kind in ("person", "unnamed"):
            role = verdict.group("role")
            candidate = _candidate(
                masked,
                offset,
                mention,
                verdict.group("cue"),
                0,
                role=role.strip() if role else None,
            )
            found.append(dataclasses.replace(candidate, signs=True))
    if not found:
        stance = _STANCE.match(masked)
        subject = _subject_before(stance.group("subject")) if stance else None
        if stance and subject is not None and subject[0].kind in ("person", "pronoun"):
            mention, role = subject
            cue = stance.group("cue")
            candidate = _candidate(masked, offset, mention, cue, stance.start("cue"), bare=True)
            found.append(dataclasses.replace(candidate, role=role, tentative=True))
    if not found and MASK in masked:
        label = _dash_label(masked, offset)
        if label is not None:
            found.append(label)
    if not found:
        lead = _lead_in_text(masked)
        if lead is not None:
            lead_in = _colon_lead_in(lead, offset)
            if lead_in is not None:
                found.append(lead_in)
    return found


@functools.lru_cache(maxsize=4096)
def _verb_pattern(present: frozenset[str]) -> re.Pattern[str]:
    """The reporting-verb pattern cut down to the verbs a sentence holds: one alternation of
    every verb of the lexicon costs most of the time of cue finding."""
    phrasal = [v for v in PHRASAL_VERBS if v.split()[0] in present]
    single = sorted((v for v in present if v in _SINGLE_VERBS), key=len, reverse=True)
    alternatives = [_either_case(v) for v in sorted(phrasal, key=len, reverse=True) + single]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


def _either_case(verb: str) -> str:
    """ "said" or "Said": a cue may open its sentence ("Said Ana Ruiz, a nurse: …")."""
    return f"[{verb[0]}{verb[0].upper()}]{re.escape(verb[1:])}"


_SINGLE_VERBS = frozenset(REPORTING_VERBS)
_NOUN_BEFORE = re.compile(
    r"(?:[’']s|\b(?:the|a|an|his|her|its|their|our|my|your|these|those|this|that|whose))$",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:(?:did|does|do|would|will|could|can|has|have|had|was|were|is|are)(?:\s+not|n[’']t)|"
    r"won[’']t|can[’']t|cannot|never|declined\s+to|refused\s+to|declines\s+to|refuses\s+to)$",
    re.IGNORECASE,
)
# "The talks went on.", "Kimble fired back at the council.": speech only next to a quote
_QUOTE_ONLY_PHRASES = frozenset(
    {"went on", "goes on", "shot back", "fired back", "hit back", "chimed in", "put it", "puts it"}
)


def _verb_candidates(
    masked: str, offset: int, verbs: list[re.Match[str]], quoting: bool
) -> Candidate | None:
    """The reporting verb of the sentence that governs it, with its source: the first whose
    source is found; in a sentence with a quote, the last such verb before the quote whose
    source opens a clause of its own (`After Ruiz criticised him, Kimble shot back, “…”`,
    `Ruiz disagreed, while Kimble said that “…”`), else the first after the quote."""
    first_quote = masked.find(MASK) if quoting else -1
    chosen: Candidate | None = None
    for match in verbs:
        if chosen is not None and (not quoting or match.start() > first_quote):
            break
        candidate = _verb_candidate(masked, offset, match, quoting)
        if candidate is None:
            continue
        if chosen is None:
            chosen = candidate
        elif candidate.unclear is None and candidate.start > chosen.cue_start:
            chosen = candidate  # a later clause with its own source, nearer the quote
    return chosen


def _verb_candidate(
    masked: str, offset: int, match: re.Match[str], quoting: bool
) -> Candidate | None:
    """The candidate of one reporting verb, or None when its source is not found."""
    written = match.group(0)
    verb = written.lower()
    after = masked[match.end() :]
    if verb.split()[0] in NOT_BEFORE_TO and after.startswith(" to "):
        return None
    pre = masked[: match.start()]
    pre_trimmed = pre.rstrip()
    if _NOUN_BEFORE.search(pre_trimmed):
        return None  # "Ruiz’s comments", "the claims", "his remarks": a noun, not a verb
    if _NEGATED.search(pre_trimmed):
        # "The sources did not say when", "Ruiz declined to say": no words were given
        return None
    after_quote = False
    if (verb in QUOTE_ONLY_VERBS or verb in _QUOTE_ONLY_PHRASES) and not quoting:
        if not _is_bare(masked, match.end()):
            return None  # "The crowd laughed at the joke.": speech only next to a quote
        after_quote = True  # "“Who asked us?” Kimble questioned.", split after the quote
    if written[0].isupper() and not pre_trimmed and verb not in SENTENCE_INITIAL_VERBS:
        return None  # "Asked about the plan, Ruiz said …": a participle, not the cue
    cue_text = _cue_text(masked, match.start(), match.end())
    bare = _is_bare(masked, match.start() + len(cue_text))
    if verb in INVERTED_VERBS and (pre_trimmed.endswith((MASK, ",")) or not pre_trimmed):
        inverted = _inverted(after)
        if inverted is not None and (inverted[0].kind == "person" or not pre_trimmed.endswith(",")):
            # "Ruiz, a nurse, emailed supporters …" is no inversion: supporters did not speak
            mention, role = inverted
            return _candidate(masked, offset, mention, written, match.start(), role=role)
        if pre_trimmed.rstrip(" ,").endswith(MASK) and (
            after.strip() in (".", "") or after.lstrip().startswith(MASK)
        ):
            # "…views, said." — a cue with its speaker missing
            return _missing(written, offset + match.start())
    subject = _subject_before(pre)
    one_of = _ONE_OF.match(pre) if subject is None and "who" in pre else None
    if one_of:
        # "Sen. Gordon Pike, R-Idaho, was one of two Republicans who said…": the subject
        subject = _subject_before(one_of.group("subject"))
        if subject is not None and subject[0].kind != "person":
            subject = None
    if subject is None:
        subject = _clause_subject(pre)
    if subject is None:
        unclear = _unclear_subject(pre, verb)
        if unclear is None:
            return None
        where = offset + match.start()
        return Candidate(
            unclear.name or "", where, where, cue_text, where, bare=bare, unclear=unclear
        )
    mention, appositive = subject
    possessive = _POSSESSIVE.search(cue_text) if " " in cue_text else None
    return Candidate(
        mention.text,
        *_source_offsets(masked, offset, mention.text, match.start()),
        cue_text,
        offset + match.start(),
        appositive,
        bare,
        mention=mention,
        possessive=possessive.group(0) if possessive else None,
        signs=after_quote,
        after_quote=after_quote,
    )


def _missing(cue: str, start: int) -> Candidate:
    return Candidate("", start, start, cue, start, unclear=_UNKNOWN)


def _source_offsets(masked: str, offset: int, text: str, before: int) -> tuple[int, int]:
    where = masked.rfind(text, 0, before)
    if where < 0:
        return offset + before, offset + before
    return offset + where, offset + where + len(text)


def _lead_in_text(masked: str) -> str | None:
    """The words before a colon that ends the sentence or opens its quote:
    `X put it more bluntly:` or `X put it more bluntly: “…”`."""
    stripped = masked.rstrip()
    if stripped.endswith(":"):
        return stripped[:-1]
    colon = stripped.find(":")
    if colon > 0 and stripped[colon + 1 :].lstrip().startswith(MASK):
        rest = stripped[colon + 1 :].replace(MASK, "").strip(" .!?")
        if not rest:
            return stripped[:colon]
    return None


def _dash_label(masked: str, offset: int) -> Candidate | None:
    """A vox-pop's name before its quote: `Ana Ruiz, 42, nurse — “…”` (only a name: "The mayor
    has one answer — “no.”" is narration)."""
    label = _DASH_LABEL.match(masked)
    if label is None or label.group("after").replace(MASK, "").strip(" .!?"):
        return None
    head, _, role = label.group("who").partition(",")
    mention = parse_subject(head)
    if mention is None or mention.kind != "person":
        return None
    return _candidate(
        masked, offset, mention, SIGNATURE, label.start("dash"), role=role.strip() or None
    )


_DASH_LABEL = re.compile(
    r"^\s*(?P<who>[A-Z][^§—–―]{1,80}?)\s+(?P<dash>—|–|―|--)\s*(?P<after>§[§\s.!?]*)$"
)


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


def _inverted(after: str) -> tuple[Mention, str | None] | None:
    """`said Pyotr Svoik, an Almaty-based political analyst.` -> the source and its role."""
    rest = after.split(MASK)[0].strip().rstrip(".!?,;: ").strip()
    if not rest:
        return None
    head, _, role = rest.partition(",")
    if PARTY_TAG.search(head + ",") is None and PARTY_TAG.match(", " + role.split(",")[0]):
        # "said Rep. G.K. Butterfield, D-N.C., who…": the tag goes with the name
        tag, _, role = role.partition(",")
        head = f"{head}, {tag.strip()}"
    if len(head.split()) > 8 or re.search(r"\bthat\b", head):
        return None
    mention = parse_subject(head)
    if mention is None:
        # "said Sen. Ada Brennan of Oregon", "said Walt Kimble in a statement", "asked the
        # boy, …": the name ends where a phrase about the place or occasion begins
        found = _person_before_occasion(head)
        if found is None:
            return None
        mention, trailing = found
        if len(mention.text.split()) < 2 and mention.role is None:
            return None  # a lone given name before "in": "Sophie in 't Veld" is one name
        if trailing.group(1) in ("of", "from", "at", "with") and not role:
            role = head[trailing.start() :].strip()
    return mention, role.strip() or None


# Where a phrase after a source's name begins: "Ada Brennan of Oregon", "… in a statement".
_AFTER_NAME = re.compile(
    r"\s(of|from|at|with|in|on|during|before|after|to|via|while|when|as|speaking|asked|"
    r"who|whose|according)\b"
)
_COORDINATED = re.compile(
    r"(?:,\s*|\s)(?:and|but|or)(?:\s+(?:in|on|at|during|later|then|also|now)\b[^,§]{0,25})?\s*$"
)
_SUBORDINATORS = re.compile(
    r"\b(?:after|when|as|because|while|before|since|until|once|if|though|although|that|"
    r"what|whereas|where|who|whom|which)\s+(?=[A-Z])"
)


def _clause_subject(pre: str) -> tuple[Mention, str | None] | None:
    """The subject of a reporting verb that is not right before it, read from the clauses
    of news sentences: a verb coordinated with the main clause's ("Ruiz praised the plan and
    said …", "…, but told reporters …": the main subject), a verb in a subordinate clause
    ("… after Sen. Ada Brennan told …", "what aide Walt Kimble called …": the words after
    the subordinator), or a relative clause ("… met Walt Kimble, who said …": the name before
    "who")."""
    whole = _strip_auxiliaries(pre.strip())
    coordinated = _COORDINATED.search(whole)
    if coordinated:
        # the main clause opens the sentence; a quote or another name between it and the
        # verb may open another clause ("X signed it, while Y proposed “…” and said")
        head = whole[: coordinated.start()]
        if MASK in head:
            return None
        subject = _main_subject(head, whole_clause=True)
        if subject is None or subject[0].kind not in ("person", "pronoun"):
            return None
        between = head[head.find(subject[0].text) + len(subject[0].text) :]
        if any(m[0] == "person" for m in _names_in(between)):
            return None
        return subject
    core = _strip_auxiliaries(pre.split(MASK)[-1].strip())
    if core.endswith((", who", ",who")):
        words = core[: core.rfind(",")].split()
        for start in range(max(0, len(words) - 4), len(words)):
            mention = parse_subject(" ".join(words[start:]))
            if mention is not None and mention.kind == "person":
                before = words[start - 1] if start > 0 else ""
                if before.lower() in _NOT_BEFORE_NAME or before.endswith(","):
                    # "the wife of Walt Kimble, who said", "a spokesman for the operator,
                    # Kimco, who asked": the name is not the one who speaks
                    return None
                return mention, None
        return None
    clauses = list(_SUBORDINATORS.finditer(core))
    if not clauses:
        return None
    clause = clauses[-1]
    rest = _strip_connectives(core[clause.end() :])
    if rest.endswith(("’s", "'s")):
        return None  # "if Ruiz’s comments …": a possessive, not the subject
    if len(rest.split()) > 12:
        return None
    # "what Ada Ruiz, a historian, called", "whom Ruiz on Monday called"
    subject = _subject_before(rest + " ") if rest.endswith(",") else None
    mention = subject[0] if subject is not None else parse_subject(rest)
    if mention is None:
        trailing = _AFTER_NAME.search(rest)
        mention = parse_subject(rest[: trailing.start()]) if trailing else None
    if mention is not None and mention.kind == "person":
        return mention, (subject[1] if subject is not None else None)
    return None  # a pronoun here may be anyone the sentence named: not guessed


_NAME_RUN = re.compile(r"(?:\b[A-Z][\w’'.-]*(?:\s+|$)){1,4}")


def _names_in(text: str) -> list[tuple[str, str]]:
    """(kind, text) of the runs of capitalised words in a stretch of narration."""
    found: list[tuple[str, str]] = []
    for run in _NAME_RUN.finditer(text):
        mention = parse_subject(run.group(0))
        if mention is not None:
            found.append((mention.kind, mention.text))
    return found


_DESCRIBED_NAME = re.compile(
    r"^(?:[Aa]n?)\s+(?:[a-z][\w-]*(?:ed|ing|ful|ous|ive|ent|ant|ic|al|y)\s+){1,2}(?P<name>[A-Z][^\s,]*"
    r"(?:\s+[A-Z][^\s,]*){0,2})$"
)
_SUBORDINATE_OPENERS = word_set(
    "while when whenever if as after although though because since before until unless once whereas"
)
_NOT_BEFORE_NAME = word_set("of for to by with from against about on")


def _colon_lead_in(text: str, offset: int) -> Candidate | None:
    """`Yerbol Sarsenbayev, a welder, addressed them through a megaphone:` -> a bare cue."""
    if MASK in text:
        return None
    label = re.split(r"\s[-—–―]+\s", text)[-1].strip()
    whole = parse_subject(label) if len(label.split()) <= 8 else None
    if not _SPACED_LOWER_WORD.search(" " + text) or (whole is not None and whole.kind == "person"):
        # a transcript's or a roundup's speaker label: `Clinton: “…”`, `HEADLINE - Ada Ruiz: “…”`,
        # `Rep. Ada Ruiz (R-Ore.): “…”`, `Former secretary of state Ada Ruiz: “…”`
        mention = whole
        if mention is None or mention.kind != "person" or mention.text.isupper():
            return None
        where = text.rfind(label)
        return Candidate(
            mention.text,
            *_source_offsets(text, offset, mention.text, len(text)),
            ":",
            offset + where + len(label),
            bare=True,
            mention=mention,
        )
    for match in _SPACED_LOWER_WORD.finditer(text):
        if match.start() > 160:
            break
        subject = _subject_before(text[: match.start()])
        if subject is None:
            continue
        mention, appositive = subject
        if mention.kind not in ("person", "pronoun", "unnamed", "organisation"):
            return None
        cue = text[match.start() :].strip()
        return Candidate(
            mention.text,
            *_source_offsets(text, offset, mention.text, match.start()),
            cue,
            offset + match.start(),
            appositive,
            bare=True,
            mention=mention,
        )
    return None


# Verbs that take a partial quote in narration: `Clinton called them “deplorables.”`, `Ruiz
# likened the plan to “a fantasy”`, `Ruiz bemoaned a climate in which people “hate each other”`:
# the words of saying, judging and naming that news writing frames a source's phrase with.
_PARTIAL_QUOTE_VERBS = re.compile(
    r"\b(?:called|calls|dubbed|dubs|described|describes|likened|likens|labell?ed|labels|"
    r"branded|brands|termed|terms|referred to|refers to|characteri[sz]ed|characteri[sz]es|"
    r"deemed|deems|mocked|mocks|derided|derides|hailed|hails|dismissed|dismisses|denounced|"
    r"denounces|praised|praises|criticized|criticised|criticizes|criticises|slammed|slams|"
    r"blasted|blasts|cited|cites|promised|promises|vowed|vows|pledged|pledges|urged|urges|"
    r"touted|touts|defended|defends|rejected|rejects|bemoaned|bemoans|lamented|laments|"
    r"decried|decries|lauded|lauds|ridiculed|ridicules|scolded|scolds|chided|chides|"
    r"lambasted|lambastes|attacked|attacks|accused|accuses|heralded|heralds|proclaimed|"
    r"proclaims|identified|identifies|named|names|listed|lists|talked up|talks up|"
    r"trumpeted|trumpets|invoked|invokes|recalled|recalls|thanked|thanks|congratulated|"
    r"blamed|blames|credited|credits|challenged|challenges|mentioned|mentions|referenced|"
    r"spoke of|spoke about|speaks of|speaks about|talked about|talks about|wrote of|"
    r"wrote about|writes of|writes about|expressed|expresses|voiced|voices|"
    r"complained about|complained of|complains about|warned of|warns of|warned against|"
    r"warns against|groused|grouses|fumed about|apologi[sz]ed for|conceded|concedes|"
    r"acknowledged|acknowledges|admitted|admits|predicted|predicts|insisted on|"
    r"used the (?:word|words|term|phrase|label)|"
    r"(?:(?:is|was|are|were|has been|had been|kept)\s+)(?:calling|describing|telling|stressing|"
    r"saying|warning|urging|encouraging|insisting|arguing|claiming|promising|asking|"
    r"labell?ing|branding|dubbing|mocking|touting|pushing|repeating))\b"
)
# Participles that carry the main clause's subject: `…, saying “…”`, `…, adding that…`,
# `… by calling it “…”`
_PARTICIPLE_VERBS = (
    r"saying|adding|noting|arguing|insisting|warning|telling [^,;:§]{1,40}?|writing|asking|"
    r"explaining|declaring|calling|describing|claiming|stressing|suggesting|recalling|"
    r"joking|quipping|tweeting|posting|dubbing|labell?ing|branding|urging|accusing|blaming|"
    r"praising|promising|vowing|pledging|predicting|touting|referring to|lamenting|"
    r"complaining|conceding|acknowledging|admitting|pointing out|proclaiming|stating|"
    r"responding|replying|citing|likening|characteri[sz]ing|deriding|mocking|hailing"
)
_PARTICIPLES = re.compile(
    r"(?:,\s+(?:(?:and|while|before|after|even as)\s+)?|\s+by\s+)(?P<cue>"
    + _PARTICIPLE_VERBS
    + r")\b"
)
# `…, with Ruiz noting the absurdity of “…”`: the subject is named before the participle
_WITH_PARTICIPLE = re.compile(
    r"(?:\bwith\s+|[,;—–]\s*|\s-\s|\band\s+)(?P<who>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})(?:\s+(?:[a-z]+ly|also|again|later|then))?"
    r"\s+(?P<cue>" + _PARTICIPLE_VERBS + r")\b"
)
# A dash signature after a quote: `“…” — Sonya Herridge, 42, a nurse`
_DASH_SIGNATURE = re.compile(
    rf"{MASK}[\s,.]*(?P<dash>—|–|―|--|-)\s*(?P<who>[A-Z][^{MASK}—–―]*?)\s*(?={MASK}|$)"
)


DASHES = "—–―-"
SIGNATURE = "—"  # the cue text of a dash signature, however the dash was typed
_TWEET_SIGNATURE = re.compile(
    r"(?P<dash>—|–|―|--|-)\s*(?P<who>[A-Z][\w.’' -]{1,60}?)\s*\(@\w{1,15}\)"
)
_ONE_OF = re.compile(
    r"^(?P<subject>[^§;:]{2,80}?\s)(?:was|is|were|are)\s+(?:one|among)\b[^§;:]{0,80}\bwho\s*$"
)
# "That was the verdict of Luis Ortega, the mayor": a source named after the quote it signs
_VERDICT = re.compile(
    r"^\s*(?:That|This|Such|So|These|Those)\s+(?:was|is|were|are)\s+(?P<cue>(?:the|his|her)\s+"
    r"(?:verdict|view|assessment|words?|message|reaction|response|conclusion|opinion|complaint|"
    r"warning|advice|prediction|summary|answer)\s+of)\s+(?P<who>[^,;:§]+?)(?:,\s*(?P<role>[^;:§]+?))?"
    r"[.!]?\s*$"
)
# A stance or a reaction before a quote: "Ashcroft is unconvinced.", "Ms. Valdez dismissed the
# idea." Speech only when a quote follows (see `Candidate.tentative`).
_STANCE = re.compile(
    r"^\s*(?P<subject>[^,;:§]{2,60}?\s)(?P<cue>(?:(?:is|was|are|were|remains|remained|seemed|"
    r"sounded|appeared|appears)\s+(?:not\s+|less\s+|more\s+|far\s+|much\s+|still\s+)?"
    r"(?:unconvinced|unimpressed|sceptical|skeptical|unmoved|blunter|blunt|adamant|defiant|"
    r"optimistic|pessimistic|cautious|undeterred|unapologetic|unfazed|dismissive|scathing|"
    r"convinced|confident|doubtful|sure|philosophical|hopeful|angry|furious|unrepentant)|"
    r"(?:has\s+|had\s+)?(?:dismissed|rejected|disputed|objected|demurred|scoffed|bristled|"
    r"balked|shrugged|disagreed|agreed)(?:\s+(?:the|that|this|it|such|at)\b[^,;:§]{0,30})?))"
    r"[.!]?\s*$"
)
# A signature split off as a sentence of its own: `…this low?” ― Jacklyn Ashley`
_SIGNATURE_ALONE = re.compile(r"^\s*(?P<dash>—|–|―|--|-)\s*(?P<who>[A-Z][^§]*?)[\s.]*$")


def _person_before_occasion(head: str) -> tuple[Mention, re.Match[str]] | None:
    """The person named before a phrase about the place or occasion (`Ada Brennan of Oregon`,
    `Walt Kimble in a statement`, `Ana Ruiz on Twitter`), and that phrase's match."""
    trailing = _AFTER_NAME.search(head)
    if trailing is None or trailing.start() == 0:
        return None
    mention = parse_subject(head[: trailing.start()])
    if mention is None or mention.kind != "person":
        return None
    return mention, trailing


def _signer(who: str) -> tuple[Mention, str | None] | None:
    """Who signs a quote after a dash, and the role the line gives: `Ana Ruiz, 42, a nurse`,
    `Sen. Ana Ruiz (D-Ore.)`, `Ana Ruiz on Twitter`, `Ana Ruiz, in a statement`."""
    head, _, role = who.partition(",")
    mention = parse_subject(head)
    if mention is None:
        # "— Ana Ruiz on Twitter", "— Ana Ruiz to reporters": the occasion after the name
        found = _person_before_occasion(head)
        if found is None or len(found[0].text.split()) < 2:
            return None
        mention = found[0]
        # the occasion is no role; a role after it still is ("on Twitter, a nurse")
    return mention, role.strip() or None


def quote_cues(masked: str, offset: int) -> list[Candidate]:
    """Cues of a sentence that holds a quote but no reporting verb: a dash signature, a verb
    that frames a partial quote, or a participle after the main clause."""
    signatures = []
    for dash in _DASH_SIGNATURE.finditer(masked):
        signer = _signer(dash.group("who").split("(@")[0].rstrip(" ."))
        if signer is not None and signer[0].kind in ("person", "unnamed", "organisation"):
            signed_by, role_text = signer
            signature = _candidate(
                masked, offset, signed_by, "—", dash.start("dash"), role=role_text
            )
            if masked.find(MASK, dash.end()) >= 0:
                # `…” ― Ana Ruiz “Next quote…` in one sentence: the sentence opens a quote
                # the signature does not sign; it has no one speaker
                signature = dataclasses.replace(signature, mixed=True)
            signatures.append(signature)
    if signatures:
        return signatures
    first_quote = masked.find(MASK)
    participle = _PARTICIPLES.search(masked)
    if participle and masked.find(MASK, participle.end()) >= 0:
        clause = masked[: participle.start()]
        subject = _main_subject(clause) or (
            _main_subject(clause, whole_clause=True) if not clause.startswith(MASK) else None
        )
        if subject is not None:
            mention, role = subject
            cue = participle.group("cue").strip()
            return [_candidate(masked, offset, mention, cue, participle.start("cue"), role=role)]
    with_participle = _WITH_PARTICIPLE.search(masked)
    if with_participle and masked.find(MASK, with_participle.end()) >= 0:
        who = parse_subject(with_participle.group("who"))
        if who is not None and who.kind == "person":
            cue = with_participle.group("cue")
            candidate = _candidate(masked, offset, who, cue, with_participle.start("cue"))
            others = {
                m.group("who") for m in _WITH_PARTICIPLE.finditer(masked, with_participle.end())
            }
            if others - {with_participle.group("who")}:
                # "– Ruiz saying “…” and Kimble calling it “…”": two sources, no one speaker
                candidate = dataclasses.replace(candidate, mixed=True)
            return [candidate]
    for verb in _PARTIAL_QUOTE_VERBS.finditer(masked):
        if verb.start() > first_quote and MASK in masked[first_quote : verb.start()]:
            break  # the verb comes after the quote: it frames something else
        if masked.find(MASK, verb.end()) < 0:
            break
        subject = _subject_before(masked[: verb.start()].rstrip()) or _clause_subject(
            masked[: verb.start()]
        )
        if subject is None:
            continue  # "a turn that called to mind …, Cruz pledged …": a later verb may do
        mention, role = subject
        if mention.kind not in ("person", "pronoun", "organisation", "unnamed"):
            continue
        return [_candidate(masked, offset, mention, verb.group(0), verb.start(), role=role)]
    narrated = _narration_subject(masked, offset, first_quote)
    return [narrated] if narrated is not None else []


def _narration_subject(masked: str, offset: int, first_quote: int) -> Candidate | None:
    """A partial quote in a sentence whose subject is a named person and names nobody else
    before the quote: `Ruiz defended the plan as “a fair start.”`, `Ruiz ticked off her
    priorities, including a “fair share” of taxes`. News writing quotes a fragment in the
    middle of a sentence about a person to give that person's own words."""
    head = masked[:first_quote]
    if head.rstrip().endswith(":"):
        return None  # a colon lead-in: `_colon_lead_in` reads its verb phrase
    if len(head.split()) < 2 or head.split()[0].lower() in _SUBORDINATE_OPENERS:
        return None  # "While Ruiz ran, Kimble’s use of “…”": the first subject is not the main one
    subject = _main_subject(head, whole_clause=True)
    if subject is None or subject[0].kind != "person":
        return None
    mention, role = subject
    at = head.find(mention.text)
    if at < 0:
        return None
    between = head[at + len(mention.text) :]
    if between.startswith(("’s", "'s")):
        return None  # "Kimble’s use of “…”": a possessive, not the subject
    verb = _SPACED_LOWER_WORD.search(" " + between)
    if verb is None or any(kind == "person" for kind, _ in _names_in(between)):
        return None
    cue_start = at + len(mention.text) + verb.start() - 1
    return _candidate(masked, offset, mention, verb.group(0), cue_start, role=role)


def _main_subject(clause: str, *, whole_clause: bool = False) -> tuple[Mention, str | None] | None:
    """The subject of a clause: the phrase before its first lower-case word (of the words
    after the last quote, unless `whole_clause`: then of the sentence's opening words)."""
    if MASK in clause:
        clause = clause.split(MASK)[0] if whole_clause else clause.split(MASK)[-1]
    for match in _SPACED_LOWER_WORD.finditer(" " + clause):
        if match.start() > 120:
            break
        subject = _subject_before(clause[: match.start() - 1])
        if subject is not None:
            if subject[0].text.lower() in _PREPOSITION_STARTS:
                continue  # "For months, Cruz had praised …": an adverbial opens the clause
            if subject[0].text in SENTENCE_WORDS or subject[0].text.endswith("ing"):
                # "Democratic presidential candidate X", "Speaking at a rally, X …": not yet
                continue
            if subject[0].kind in ("person", "pronoun", "unnamed", "organisation"):
                return subject
            return None
    return None


_PREPOSITION_STARTS = _ADVERBIAL_STARTS | word_set(
    "for with by to of despite under over among without within through throughout amid "
    "like unlike following upon"
)
