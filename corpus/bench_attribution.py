"""Attribution measured on news nobody here wrote: PolNeAR's annotated direct quotes.

    python -m corpus.bench_attribution --polnear DIR [--split dev|train] [--limit N]
        [--show-failures N] [--json]

DIR is a PolNeAR checkout or its bare git directory (read through `git cat-file`; nothing is
written). Only the train and dev splits can be chosen: the test split is kept for independent
checks and this module never names, lists or opens it. PolNeAR has no licence, so it is used for
measuring only: nothing read from it is stored, and failure examples are only printed.

What is counted
---------------
- A *direct quote* is a PolNeAR attribution whose content span holds text in double quotation
  marks (curly or straight, at least one letter inside): full quotes and partial quotes in
  narration alike. Quotes in the headline are left out (`attribute` reads the body only).
- Its *gold source is a named person* when the annotated source span contains a name that
  PolNeAR's own CoreNLP layer tags PERSON, at the head of the span: the PERSON run is followed
  inside the span by nothing, a comma, a bracket, a dash or "of" (so "Pat Caddell", "Mr. Obama",
  "said Sen. Tim Kaine (D-Va.)", "Trump campaign manager Kellyanne Conway" count, and "the Trump
  campaign" or "Trump's spokeswoman" do not). Joint sources ("X and Y") are left out. The name is
  the PERSON run as tagged ("Obama", "Kellyanne Conway").
- Sources that are a pronoun ("he", "she") whose CoreNLP coreference chain holds a
  PERSON-tagged mention are *not* in the headline figures, since the issue's target is about
  named sources; they are reported on a line of their own, judged against that chain's name.
  Other sources (organisations, "officials", "the senator" with no PERSON name) are not counted.

How a quote is judged
---------------------
The passage of `corpus.attribution.attribute(article)` that holds the quote's opening mark is
looked up. The quote is *right* when that passage's speaker is a person (kind "person": an `unknown`
speaker that merely carries the name, such as an unregistered "Caddell", is a miss) whose name is
the gold person: same surname (last word, after dropping honorifics such as Mr. or
Sen., suffixes such as Jr., party tags and possessives; case ignored), and, when both names have
a given name, the same one (or its initial), so "Pat Caddell" matches "Caddell" but "Bill
Clinton" does not match "Hillary Clinton". It is a *wrong person* when the speaker is a person
with another name, and *unattributed* otherwise (narration, unknown, unnamed, an organisation).
Every miss gets one cause, the first that applies, from what our passage says and where the
annotation puts the cue and source (see `CAUSES`).
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from corpus.models import Article, Passage, Speaker

SPLITS = ("dev", "train")  # never "test": it is kept for independent checks

Outcome = Literal["right", "wrong person", "unattributed"]

CAUSES = (
    "wrong person",
    "organisation instead of person",
    "name found but unknown (not registered)",
    "name phrase did not parse",
    "taken for an unnamed source",
    "dash signature",
    "cue in another paragraph",
    "no cue in the quote's sentence",
    "partial quote left as narration",
    "cue not recognised",
)

_QUOTE = re.compile(r"[“\"](?P<inner>[^“”\"]*[A-Za-z][^“”\"]*)[”\"]")
_DASHES = frozenset({"—", "–", "--", "-", "―"})
_HEAD_FOLLOWERS = frozenset({",", "(", "-LRB-", "—", "–", "--", "-", "of", ":", ";"})
_PRONOUNS = frozenset({"he", "she", "him", "her"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_HONORIFICS = _words(
    "mr mrs ms miss dr sen senator rep representative gov governor president pres gen general "
    "lt col sgt capt adm rev sir dame lord lady prof professor judge justice mayor secretary "
    "speaker chairman chairwoman"
)
_SUFFIXES = _words("jr sr ii iii iv")
_NAME_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


# -- reading PolNeAR -------------------------------------------------------------------------


class PolnearFiles(Protocol):
    def names(self, folder: str) -> list[str]:
        """File names directly in `folder` (a path inside the repository), sorted."""

    def read(self, paths: Sequence[str]) -> list[str | None]:
        """The UTF-8 text of each file, in order; None for a file that is not there."""


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")


class FolderFiles:
    """A normal checkout."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def names(self, folder: str) -> list[str]:
        directory = self._root / folder
        return sorted(p.name for p in directory.iterdir() if p.is_file())

    def read(self, paths: Sequence[str]) -> list[str | None]:
        files = [self._root / path for path in paths]
        return [f.read_text(encoding="utf-8") if f.is_file() else None for f in files]


class GitFiles:
    """A bare git directory, read at HEAD through `git ls-tree` and `git cat-file --batch`."""

    def __init__(self, git_dir: Path, rev: str = "HEAD") -> None:
        self._git_dir = git_dir
        self._rev = rev

    def _git(self, *args: str, stdin: bytes | None = None) -> bytes:
        completed = subprocess.run(
            ["git", f"--git-dir={self._git_dir}", *args],
            input=stdin,
            capture_output=True,
            check=True,
        )
        return completed.stdout

    def names(self, folder: str) -> list[str]:
        out = self._git("ls-tree", "--name-only", f"{self._rev}:{folder}")
        return sorted(line for line in out.decode().splitlines() if line)

    def read(self, paths: Sequence[str]) -> list[str | None]:
        if not paths:
            return []
        request = "".join(f"{self._rev}:{path}\n" for path in paths).encode()
        out = self._git("cat-file", "--batch", stdin=request)
        texts: list[str | None] = []
        position = 0
        for _path in paths:
            header_end = out.index(b"\n", position)
            header = out[position:header_end].split()
            if len(header) < 3 or header[1] != b"blob":  # "<name> missing"
                texts.append(None)
                position = header_end + 1
                continue
            size = int(header[2])
            start = header_end + 1
            texts.append(out[start : start + size].decode("utf-8"))
            position = start + size + 1
        return texts


def open_polnear(location: Path) -> PolnearFiles:
    """A checkout folder (with data/) or a git directory (bare, or a checkout's .git)."""
    if (location / "data").is_dir():
        return FolderFiles(location)
    if (location / "HEAD").is_file() and (location / "objects").is_dir():
        return GitFiles(location)
    raise FileNotFoundError(f"{location} is neither a PolNeAR checkout nor a git directory")


# -- the annotations -------------------------------------------------------------------------


Spans = list[tuple[int, int]]


@dataclass
class Attribution:
    source: Spans = field(default_factory=list)
    cue: Spans = field(default_factory=list)
    content: Spans = field(default_factory=list)


def parse_ann(text: str) -> list[Attribution]:
    """The attributions of a brat standoff file (T lines: spans, E lines: relations)."""
    spans: dict[str, Spans] = {}
    relations: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0].startswith("T"):
            _kind, _, ranges = fields[1].partition(" ")
            pieces: Spans = []
            for piece in ranges.split(";"):
                start, end = piece.split()
                pieces.append((int(start), int(end)))
            spans[fields[0]] = pieces
        elif len(fields) >= 2 and fields[0].startswith("E"):
            relations.append(
                [tuple(arg.split(":", 1)) for arg in fields[1].split() if ":" in arg]  # type: ignore[misc]
            )
    attributions = []
    for relation in relations:
        attribution = Attribution()
        for role, ref in relation:
            target = {"Source": attribution.source, "Cue": attribution.cue}.get(role)
            if role == "Content":
                target = attribution.content
            if target is not None:
                target.extend(spans.get(ref, []))
        attributions.append(attribution)
    return attributions


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    ner: str
    sentence: int
    number: int  # token id within its sentence, 1-based as in the file


@dataclass
class CoreNLP:
    tokens: list[Token]
    # coreference chains: mentions as (sentence, first token, end token), 1-based like the file
    chains: list[list[tuple[int, int, int]]]
    representative: list[int]
    by_position: dict[tuple[int, int], int]  # (sentence, token id) -> index in tokens
    starts: list[int] = field(default_factory=list)  # token start offsets, ascending

    def sentence_at(self, offset: int) -> int:
        index = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        return self.tokens[index].sentence if self.tokens else 0


# Parse trees, dependencies and per-token extras are most of a CoreNLP file and unused here.
_UNUSED_XML = re.compile(
    r"<dependencies.*?</dependencies>|<parse>.*?</parse>|<(lemma|POS|Speaker|NormalizedNER)>"
    r"[^<]*</\1>",
    re.S,
)


def parse_corenlp(xml: str) -> CoreNLP:
    root = ET.fromstring(_UNUSED_XML.sub("", xml))
    tokens: list[Token] = []
    for sentence in root.iter("sentence"):
        number = int(sentence.get("id", "0"))
        token_list = sentence.find("tokens")
        if token_list is None:
            continue
        for token in token_list.iter("token"):
            tokens.append(
                Token(
                    int(token.findtext("CharacterOffsetBegin", "0")),
                    int(token.findtext("CharacterOffsetEnd", "0")),
                    token.findtext("word", ""),
                    token.findtext("NER", "O"),
                    number,
                    int(token.get("id", "0")),
                )
            )
    chains: list[list[tuple[int, int, int]]] = []
    representative: list[int] = []
    outer = root.find("document/coreference")
    for chain in outer.findall("coreference") if outer is not None else []:
        mentions = []
        rep = 0
        for index, mention in enumerate(chain.findall("mention")):
            if mention.get("representative") == "true":
                rep = index
            mentions.append(
                (
                    int(mention.findtext("sentence", "0")),
                    int(mention.findtext("start", "0")),
                    int(mention.findtext("end", "0")),
                )
            )
        chains.append(mentions)
        representative.append(rep)
    tokens.sort(key=lambda t: t.start)
    return _indexed(tokens, chains, representative)


def _indexed(
    tokens: list[Token], chains: list[list[tuple[int, int, int]]], representative: list[int]
) -> CoreNLP:
    by_position: dict[tuple[int, int], int] = {}
    for index, token in enumerate(tokens):
        by_position[(token.sentence, token.number)] = index
    return CoreNLP(tokens, chains, representative, by_position, [t.start for t in tokens])


def _tokens_in(nlp: CoreNLP, spans: Spans) -> list[Token]:
    tokens: list[Token] = []
    for start, end in spans:
        index = bisect.bisect_left(nlp.starts, start)
        while index < len(nlp.tokens) and nlp.tokens[index].end <= end:
            tokens.append(nlp.tokens[index])
            index += 1
    return tokens


def _person_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for index, token in enumerate([*tokens, None]):
        person = token is not None and token.ner == "PERSON"
        if person and start is None:
            start = index
        elif not person and start is not None:
            runs.append((start, index))
            start = None
    return runs


def named_source(tokens: list[Token]) -> str | Literal[False] | None:
    """The head person's name in a source span; None if there is none, False if joint."""
    runs = _person_runs(tokens)
    for start, end in runs:
        following = tokens[end].word if end < len(tokens) else None
        if following is not None and following.lower() in ("and", "&"):
            return False
        if following is None or following in _HEAD_FOLLOWERS:
            return " ".join(t.word for t in tokens[start:end])
    return None


def coreferent_name(nlp: CoreNLP, tokens: list[Token]) -> str | None:
    """For a pronoun source: the PERSON name its CoreNLP coreference chain gives, if any."""
    if len(tokens) != 1 or tokens[0].word.lower() not in _PRONOUNS:
        return None
    index = nlp.by_position[(tokens[0].sentence, tokens[0].number)]
    for chain, rep in zip(nlp.chains, nlp.representative, strict=True):
        positions = [
            [nlp.by_position.get((s, t)) for t in range(first, end)] for s, first, end in chain
        ]
        if not any(index in mention for mention in positions):
            continue
        ordered = [positions[rep], *positions[:rep], *positions[rep + 1 :]]
        for mention in ordered:
            mention_tokens = [nlp.tokens[i] for i in mention if i is not None]
            name = named_source(mention_tokens)
            if name:
                return name
        return None
    return None


# -- the article as whosaid reads it ---------------------------------------------------------


@dataclass
class Layout:
    """The body paragraphs built from the raw text, and where each raw offset went."""

    article: Article
    title_end: int
    # per paragraph: its raw start offsets, one per character of the cleaned paragraph
    raw_starts: list[list[int]]
    paragraph_starts: list[int]  # raw offset of each paragraph's first character


def layout(raw: str, article_id: str) -> Layout:
    """Title = first line; paragraphs = blocks between blank lines, whitespace collapsed."""
    first_line = raw.find("\n")
    title_end = len(raw) if first_line < 0 else first_line
    paragraphs: list[str] = []
    raw_starts: list[list[int]] = []
    for block in re.finditer(r"\S(?:.|\n(?!\s*\n))*", raw[title_end:]):
        chars: list[str] = []
        starts: list[int] = []
        pending_space = False
        for offset, char in enumerate(block.group(0), start=title_end + block.start()):
            if char.isspace():
                pending_space = bool(chars)
                continue
            if pending_space:
                chars.append(" ")
                starts.append(offset - 1)
                pending_space = False
            chars.append(char)
            starts.append(offset)
        paragraphs.append("".join(chars))
        raw_starts.append(starts)
    article = Article(
        id=article_id, title=raw[:title_end].strip() or article_id, paragraphs=paragraphs
    )
    return Layout(article, title_end, raw_starts, [s[0] for s in raw_starts])


def _locate(layout_: Layout, raw_offset: int) -> tuple[int, int] | None:
    """(paragraph, offset in the cleaned paragraph) of a raw offset in the body."""
    if raw_offset < layout_.title_end or not layout_.paragraph_starts:
        return None
    number = bisect.bisect_right(layout_.paragraph_starts, raw_offset) - 1
    if number < 0:
        return None
    starts = layout_.raw_starts[number]
    position = bisect.bisect_left(starts, raw_offset)
    if position >= len(starts):
        return None
    return number, position


def passage_ranges(
    article: Article, passages: list[Passage]
) -> dict[int, list[tuple[int, int, Passage]]]:
    """Where each passage lies in its paragraph (passages are runs of the paragraph's sentences)."""
    ranges: dict[int, list[tuple[int, int, Passage]]] = {}
    cursor: dict[int, int] = {}
    for passage in passages:
        paragraph = article.paragraphs[passage.paragraph]
        position = cursor.get(passage.paragraph, 0)
        start = paragraph.find(passage.text, position)
        if start < 0:
            start = paragraph.find(passage.text[:40], position)
        if start < 0:
            start = position
        end = start + len(passage.text)
        cursor[passage.paragraph] = end
        ranges.setdefault(passage.paragraph, []).append((start, end, passage))
    return ranges


# -- judging ---------------------------------------------------------------------------------


def name_words(name: str) -> list[str]:
    name = name.replace("’", "'")  # "O’Connor" is "O'Connor"
    text = re.sub(r"\([^)]*\)", " ", name)  # party tags: (D-N.C.)
    text = re.sub(r"\b[DRI]-[A-Z][\w.]*", " ", text)  # R-Ky.
    words = []
    for token in _NAME_WORD.findall(text):
        token = re.sub(r"(?:’s|'s|’|')$", "", token)
        for part in token.split("."):  # "G.K." is two initials
            word = part.strip("-").casefold().replace("’", "'")  # O’Donnell is O'Donnell
            if word and word not in _HONORIFICS:
                words.append(word)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words


def same_person(gold: str, predicted: str) -> bool:
    """Same surname and, when both give one, the same given name (or its initial)."""
    a, b = name_words(gold), name_words(predicted)
    if not a or not b or a[-1] != b[-1]:
        return False
    if len(a) >= 2 and len(b) >= 2:
        # "Brad Holm" is "City Attorney Brad Holm"; "Hillary Clinton" is not "Bill Clinton"
        given = a[0]
        return any(
            word == given or (len(given) == 1 and word.startswith(given)) for word in b[:-1]
        ) or any(len(word) == 1 and given.startswith(word) for word in b[:-1])
    return True


def judge(gold: str, speaker: Speaker) -> Outcome:
    if speaker.kind != "person" or speaker.name is None:
        return "unattributed"
    return "right" if same_person(gold, speaker.name) else "wrong person"


@dataclass
class Quote:
    article: str
    gold: str
    pronoun: bool
    outcome: Outcome
    cause: str | None
    speaker: Speaker
    quote: str
    cue: str


@dataclass
class _Context:
    raw: str
    nlp: CoreNLP
    layout: Layout
    ranges: dict[int, list[tuple[int, int, Passage]]]


def _cause(
    attribution: Attribution, quote_start: int, passage: Passage, gold: str, ctx: _Context
) -> str:
    speaker = passage.speaker
    if speaker.kind == "person":
        return "wrong person"
    if speaker.kind == "organisation":
        return "organisation instead of person"
    if speaker.kind == "unknown" and speaker.name:
        return (
            "name found but unknown (not registered)"
            if same_person(gold, speaker.name)
            else "name phrase did not parse"
        )
    if speaker.kind == "unnamed":
        return "taken for an unnamed source"
    cue_text = " ".join(ctx.raw[s:e] for s, e in attribution.cue).strip()
    if cue_text in _DASHES:
        return "dash signature"
    here = _locate(ctx.layout, quote_start)
    cue_place = _locate(ctx.layout, attribution.cue[0][0]) if attribution.cue else None
    if here is None or cue_place is None or cue_place[0] != here[0]:
        return "cue in another paragraph"
    if ctx.nlp.sentence_at(quote_start) != ctx.nlp.sentence_at(attribution.cue[0][0]):
        return "no cue in the quote's sentence"
    if passage.cue is not None:
        return "name phrase did not parse"
    if speaker.kind == "narrator":
        return "partial quote left as narration"
    return "cue not recognised"


AttributeFn = Callable[[Article], list[Passage]]


def judge_article(name: str, raw: str, ann: str, xml: str, attribute: AttributeFn) -> list[Quote]:
    """Every direct quote with a named (or pronoun-with-named-antecedent) gold source, judged."""
    nlp = parse_corenlp(xml)
    laid = layout(raw, name)
    ctx = _Context(raw, nlp, laid, passage_ranges(laid.article, attribute(laid.article)))
    quotes: list[Quote] = []
    for attribution in parse_ann(ann):
        if not attribution.source or not attribution.content:
            continue
        found = None
        for start, end in attribution.content:
            found = _QUOTE.search(raw, start, end)
            if found:
                break
        if found is None:
            continue
        quote_start = found.start()
        place = _locate(laid, quote_start)
        if place is None:
            continue  # a quote in the headline
        source_tokens = _tokens_in(nlp, attribution.source)
        named = named_source(source_tokens)
        if named is False:
            continue
        pronoun = False
        if named is None:
            named = coreferent_name(nlp, source_tokens)
            pronoun = True
            if named is None:
                continue
        passage = _passage_at(ctx.ranges, place)
        if passage is None:
            continue
        outcome = judge(named, passage.speaker)
        cause = (
            None if outcome == "right" else _cause(attribution, quote_start, passage, named, ctx)
        )
        cue = " ".join(raw[s:e] for s, e in attribution.cue)
        quotes.append(
            Quote(name, named, pronoun, outcome, cause, passage.speaker, found.group(0), cue)
        )
    return quotes


def _passage_at(
    ranges: dict[int, list[tuple[int, int, Passage]]], place: tuple[int, int]
) -> Passage | None:
    paragraph, offset = place
    rows = ranges.get(paragraph, [])
    for start, end, passage in rows:
        if start <= offset < end:
            return passage
    # between sentences (a space): the next passage holds the quote
    later = [passage for start, _end, passage in rows if start > offset]
    return later[0] if later else (rows[-1][2] if rows else None)


# -- the split -------------------------------------------------------------------------------


def split_articles(files: PolnearFiles, split: str) -> list[tuple[str, str]]:
    """(article name, annotation file) pairs of a split; one annotator per article (the first)."""
    _check_split(split)
    texts = {
        n.removesuffix(".txt") for n in files.names(f"data/{split}/text") if n.endswith(".txt")
    }
    chosen: dict[str, str] = {}
    for ann in files.names(f"data/{split}/attributions"):
        if not ann.endswith(".ann"):
            continue
        article = ann.removesuffix(".ann").rsplit("_", 1)[0]
        if article in texts and article not in chosen:
            chosen[article] = ann
    return sorted(chosen.items())


def iter_quotes(
    files: PolnearFiles,
    split: str,
    attribute: AttributeFn,
    limit: int | None = None,
    batch: int = 20,
    skipped: list[str] | None = None,
) -> Iterator[Quote]:
    """The judged quotes of the split's articles; names of incomplete articles go to skipped."""
    skipped = [] if skipped is None else skipped
    pairs = split_articles(files, split)
    if limit is not None:
        pairs = pairs[:limit]
    base = f"data/{split}"
    for first in range(0, len(pairs), batch):
        chunk = pairs[first : first + batch]
        paths: list[str] = []
        for name, ann in chunk:
            paths += [f"{base}/text/{name}.txt", f"{base}/attributions/{ann}"]
            paths.append(f"{base}/corenlp/{name}.txt.xml")
        contents = files.read(paths)
        for index, (name, _ann) in enumerate(chunk):
            raw, ann_text, xml = contents[3 * index : 3 * index + 3]
            if raw is None or ann_text is None or xml is None:
                skipped.append(name)  # PolNeAR lacks a file for a few articles
                continue
            yield from judge_article(name, raw, ann_text, xml, attribute)


@dataclass
class Report:
    split: str
    articles: int
    seconds: float
    skipped: list[str] = field(default_factory=list)
    named: Counter[str] = field(default_factory=Counter)
    pronoun: Counter[str] = field(default_factory=Counter)
    causes: Counter[str] = field(default_factory=Counter)

    def as_json(self) -> dict[str, object]:
        return {
            "split": self.split,
            "articles": self.articles,
            "skipped_incomplete": len(self.skipped),
            "seconds": round(self.seconds, 2),
            "named_person_quotes": dict(self.named),
            "pronoun_quotes": dict(self.pronoun),
            "failure_causes": dict(self.causes),
        }


def _row(label: str, counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    cells = "".join(
        f"{counts[o]:>7}{100 * counts[o] / total:>6.1f}%"
        for o in ("right", "wrong person", "unattributed")
    )
    return f"{label:<34}{sum(counts.values()):>7}{cells}"


def render(report: Report) -> str:
    lines = [
        f"PolNeAR {report.split}: {report.articles} articles "
        f"({len(report.skipped)} skipped: a file missing), {report.seconds:.1f} s",
        f"{'direct quotes':<34}{'n':>7}{'right':>14}{'wrong person':>14}{'unattributed':>14}",
        _row("gold source a named person", report.named),
        _row("  (pronoun, named by coreference)", report.pronoun),
        "",
        f"{'misses of named-person quotes, by cause':<44}{'n':>7}{'% of quotes':>13}",
    ]
    total = sum(report.named.values()) or 1
    for cause in CAUSES:
        if report.causes[cause]:
            count = report.causes[cause]
            lines.append(f"{cause:<44}{count:>7}{100 * count / total:>12.1f}%")
    return "\n".join(lines)


def run(
    files: PolnearFiles,
    split: str,
    attribute: AttributeFn,
    limit: int | None = None,
    show_failures: int = 0,
    out: Callable[[str], None] = print,
) -> Report:
    started = time.perf_counter()
    report = Report(split, 0, 0.0)
    shown = 0
    report.articles = len(
        split_articles(files, split)[:limit] if limit else split_articles(files, split)
    )
    for quote in iter_quotes(files, split, attribute, limit, skipped=report.skipped):
        (report.pronoun if quote.pronoun else report.named)[quote.outcome] += 1
        if quote.pronoun or quote.cause is None:
            continue
        report.causes[quote.cause] += 1
        if shown < show_failures:
            shown += 1
            out(
                f"[{quote.cause}] {quote.article}\n  quote: {quote.quote[:100]}\n"
                f"  gold: {quote.gold} (cue {quote.cue!r}); ours: {quote.speaker.kind} "
                f"{quote.speaker.name!r}"
            )
    report.seconds = time.perf_counter() - started
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m corpus.bench_attribution",
        description="Attribution of PolNeAR direct quotes by named people (train/dev only).",
    )
    parser.add_argument("--polnear", type=Path, required=True, help="checkout or git directory")
    parser.add_argument("--split", choices=SPLITS, default="dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--show-failures", type=int, default=0, metavar="N")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from corpus.attribution import attribute

    try:
        files = open_polnear(args.polnear)
        report = run(files, args.split, attribute, args.limit, args.show_failures)
    except (FileNotFoundError, subprocess.CalledProcessError, ET.ParseError) as error:
        print(f"cannot read PolNeAR at {args.polnear}: {error}", file=sys.stderr)
        return 2
    print(json.dumps(report.as_json(), indent=2) if args.json else render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
