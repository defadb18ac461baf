"""Search results as Telegram HTML: who said it, what they said, where it comes from.

Every piece of text from the corpus or the user goes through `html.escape`; only the tags
written here reach Telegram. Messages are measured in UTF-16 code units, the way Telegram counts,
and kept under its 4096 limit by trimming passages around their highlighted words.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from corpus.models import (
    PUBLISHER_MAX,
    SPEAKER_NAME_MAX,
    SPEAKER_ROLE_MAX,
    TITLE_MAX,
    URL_MAX,
    Hit,
    Passage,
    Source,
    Speaker,
    shortened,
)
from index.results import ArticleSummary, SearchResult, SpeakerSummary
from index.tokenize import tokenize

MESSAGE_LIMIT = 4096
# Telegram's limit applies to the text after tags are parsed; the raw HTML is always longer, so
# measuring the raw HTML with a little headroom is safe without parsing it again.
_BUDGET = MESSAGE_LIMIT - 16
_MIN_PASSAGE = 120  # below this a trimmed passage stops making sense; drop hits instead
_LEAD_IN = 300  # characters of the sentence shown before a passage
QUESTION_LIMIT = 400  # longer questions are cut at a word boundary
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fits(text: str) -> bool:
    return utf16_len(text) <= _BUDGET


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def cut_question(text: str, limit: int = QUESTION_LIMIT) -> tuple[str, bool]:
    """The question trimmed to `limit` characters at a word boundary, and whether it was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text, False
    head = text[:limit]
    space = head.rfind(" ")
    return (head[:space] if space > limit // 2 else head).rstrip(" ,;:-"), True


def format_date(date: dt.date | None) -> str | None:
    return f"{date.day} {date:%B %Y}" if date else None


def _safe_url(url: str | None) -> str | None:
    if not url or len(url) > URL_MAX:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in {"http", "https"} and parts.netloc else None


def link(text: str, url: str | None) -> str:
    safe = _safe_url(url)
    return f'<a href="{html.escape(safe, quote=True)}">{esc(text)}</a>' if safe else esc(text)


def source_line(source: Source) -> str:
    """`Title · Publisher · 26 June 2014`, the title linking to the article when it has a URL."""
    # Capped here too, not only in the models: an index written before the caps, or an
    # ArticleSummary, may still carry a 100 kB title, and every message must fit regardless.
    parts = [link(shortened(source.title, TITLE_MAX), source.url)]
    if source.publisher:
        parts.append(esc(shortened(source.publisher, PUBLISHER_MAX)))
    date = format_date(source.date)
    if date:
        parts.append(esc(date))
    return " · ".join(parts)


def _name(speaker: str) -> str:
    """A speaker filter's name, escaped and capped, for headers."""
    return esc(shortened(speaker, SPEAKER_NAME_MAX))


def speaker_label(speaker: Speaker) -> str:
    label = shortened(speaker.label, SPEAKER_NAME_MAX)
    return label[:1].upper() + label[1:]


def speaker_line(speaker: Speaker, *, number: int | None = None) -> str:
    prefix = f"{number}. " if number is not None else ""
    line = f"<b>{esc(prefix + speaker_label(speaker))}</b>"
    if speaker.role and speaker.kind in {"person", "organisation", "unnamed"}:
        line += f", <i>{esc(shortened(speaker.role, SPEAKER_ROLE_MAX))}</i>"
    return line


@functools.lru_cache(maxsize=8192)
def _terms(word: str) -> frozenset[str]:
    return frozenset(tokenize(word))


def highlight(text: str, matched: Iterable[str]) -> str:
    """`text` escaped, with every word whose tokens include a matched query term in bold."""
    terms = set(matched)
    out: list[str] = []
    last = 0
    for word in _WORD.finditer(text):
        if terms and terms.intersection(_terms(word.group())):
            out.append(esc(text[last : word.start()]))
            out.append(f"<b>{esc(word.group())}</b>")
            last = word.end()
    out.append(esc(text[last:]))
    return "".join(out)


def excerpt(text: str, limit: int, matched: Iterable[str] = ()) -> str:
    """At most `limit` characters of `text`, cut at word boundaries, keeping the first match."""
    if len(text) <= limit:
        return text
    terms = set(matched)
    first = next(
        (w.start() for w in _WORD.finditer(text) if terms.intersection(_terms(w.group()))), 0
    )
    start = 0
    if first + len("…") > limit * 2 // 3:
        # Start a little before the first highlighted word, at a word boundary.
        start = max(0, text.rfind(" ", 0, max(0, first - limit // 4)) + 1)
    end = start + limit - 2
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + limit // 2 else end
    head = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return head + text[start:end].strip(" ,;:") + tail


def hit_block(
    hit: Hit, *, limit: int | None = None, numbered: bool = True, lead_in: str | None = None
) -> str:
    """Speaker, passage and source; `lead_in`: the sentence before a passage that does not
    name its own subject ("The line runs for…"), shown above it in italics."""
    passage = hit.passage
    text = passage.text if limit is None else excerpt(passage.text, limit, hit.matched)
    lines = [speaker_line(passage.speaker, number=hit.rank if numbered else None)]
    if lead_in:
        lines.append(f"<i>{esc(_tail(lead_in, min(limit or _LEAD_IN, _LEAD_IN)))}</i>")
    lines += [
        f"<blockquote>{highlight(text, hit.matched)}</blockquote>",
        source_line(passage.source),
    ]
    return "\n".join(lines)


def _header(result: SearchResult, *, question: str, speaker: str | None, cut: bool) -> str:
    first = result.offset + 1
    last = result.offset + len(result.hits)
    span = f"{first}" if first == last else f"{first}–{last}"
    count = f"{span} of {result.total}"
    if speaker and not question:
        head = f"What <b>{_name(speaker)}</b> said · {count}"
    else:
        shown, _ = cut_question(question, 120)
        head = f"🔎 <i>{esc(shown)}</i> · {count}"
        if speaker:
            head += f" · only <b>{_name(speaker)}</b>"
    lines = [head]
    if result.corrections:
        fixed = ", ".join(f"{esc(new)} (not {esc(old)})" for old, new in result.corrections.items())
        lines.append(f"<i>Searched for {fixed}.</i>")
    if cut:
        lines.append(f"<i>I read only the first {QUESTION_LIMIT} characters of your question.</i>")
    return "\n".join(lines)


def answer(
    result: SearchResult, *, question: str, speaker: str | None = None, cut: bool = False
) -> str:
    return fit_page(result, question=question, speaker=speaker, cut=cut)[0]


def fit_page(
    result: SearchResult, *, question: str, speaker: str | None = None, cut: bool = False
) -> tuple[str, SearchResult]:
    """One message with the hits of `result` that fit Telegram's limit, and those hits.

    Long passages are trimmed first (around their matches); only when every passage is already
    short are hits dropped from the end, and the returned result says so, so that "More" goes on
    from the last hit the user actually saw.
    """
    if not result.hits:
        if result.about and not result.offset:
            return no_answer(result, question=question, speaker=speaker), result
        return nothing_found(question=question, speaker=speaker, offset=result.offset), result
    hits = list(result.hits)
    limit: int | None = None
    while True:
        shown = result.model_copy(update={"hits": hits})
        header = _header(shown, question=question, speaker=speaker, cut=cut)
        blocks = (
            hit_block(hit, limit=limit, lead_in=result.lead_ins.get(hit.passage.id)) for hit in hits
        )
        text = "\n\n".join([header, *blocks])
        if fits(text):
            return text, shown
        longest = max(len(hit.passage.text) for hit in hits)
        if limit is None or limit > _MIN_PASSAGE:
            # No passage longer than a whole message can fit: start shrinking from there.
            limit = max(_MIN_PASSAGE, min(longest, limit or longest, _BUDGET) * 4 // 5)
        elif len(hits) > 1:
            hits.pop()
        else:
            return _trim_raw(text), shown


def nothing_found(*, question: str, speaker: str | None = None, offset: int = 0) -> str:
    if offset:
        return "That was everything: no more passages for this question."
    if speaker and not question:  # "what else did she say?" once everything was shown
        return f"That is all <b>{_name(speaker)}</b> said in the articles I have read."
    shown, _ = cut_question(question, 120)
    who = f" from <b>{_name(speaker)}</b>" if speaker else ""
    return (
        f"I found nothing{who} about <i>{esc(shown)}</i> in the articles I have read.\n"
        "Try other words, /speakers to see who is quoted, or /articles for what I have read."
    )


def no_answer(result: SearchResult, *, question: str, speaker: str | None = None) -> str:
    """No passage answers (index.evidence): say what was not found, what the articles are
    about and who is quoted."""
    shown, _ = cut_question(question, 120)
    who = f" from <b>{esc(speaker)}</b>" if speaker else ""
    if result.missing:
        why = f"the articles never mention {_word_list(result.missing, question)}"
    elif result.unquoted:
        named = " ".join(_as_typed(word, question) for word in result.unquoted)
        why = f"no passage quotes “{esc(named[:60])}”"
    elif result.uncounted:
        why = "the passages that match give no number"
    elif result.weak:
        verb = "runs" if len(result.weak) == 1 else "run"
        why = f"only {_word_list(result.weak, question, 'and')} matched, which {verb} through "
        why += "whole articles"
    elif result.lacking:
        lacking = _word_list(result.lacking, question)
        why = f"the passage that comes closest says nothing of {lacking}"
    else:
        why = "your question names nothing to look for; ask about a topic or a person"
    lines = [f"I found no passage{who} that answers <i>{esc(shown)}</i>: {why}."]
    lines.append("The articles are about: " + "; ".join(esc(t) for t in result.about) + ".")
    if result.quoted:
        lines.append("Quoted: " + ", ".join(esc(name) for name in result.quoted) + ".")
    lines.append("/speakers lists who is quoted, /articles what I have read.")
    text = "\n".join(lines)
    return text if fits(text) else _trim_raw(text)


def _word_list(words: Sequence[str], question: str, conjunction: str = "or") -> str:
    shown = [f"“{esc(_as_typed(word, question)[:40])}”" for word in words]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + f" {conjunction} " + shown[-1]


def _as_typed(word: str, question: str) -> str:
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", question, re.IGNORECASE)
    return found.group() if found else word


_NEIGHBOUR = 600  # characters of the paragraphs before and after a passage that fills its own


def context(
    passage: Passage,
    paragraph: str,
    matched: Sequence[str],
    *,
    before: str | None = None,
    after: str | None = None,
) -> str:
    """The whole paragraph around `passage`, the passage's own words underlined.

    When the passage is its whole paragraph, the paragraph alone adds nothing: the end of the
    one before (which often introduces the speaker) and the start of the one after are shown too.
    """
    start = paragraph.find(passage.text)
    if start < 0:
        body = highlight(paragraph, matched)
    else:
        end = start + len(passage.text)
        body = (
            highlight(paragraph[:start], matched)
            + "<u>"
            + highlight(paragraph[start:end], matched)
            + "</u>"
            + highlight(paragraph[end:], matched)
        )
    head = [
        speaker_line(passage.speaker),
        f"<i>Paragraph {passage.paragraph + 1} of the article</i>",
    ]
    quote = f"<blockquote>{body}</blockquote>"
    tail = [source_line(passage.source)]
    whole = start >= 0 and not paragraph.replace(passage.text, "").strip()
    if whole and (before or after):
        prev = [f"<i>{esc(_tail(before, _NEIGHBOUR))}</i>"] if before else []
        nxt = [f"<i>{esc(excerpt(after, _NEIGHBOUR))}</i>"] if after else []
        text = "\n".join([*head, *prev, quote, *nxt, *tail])
        if fits(text):
            return text
    text = "\n".join([*head, quote, *tail])
    if fits(text):
        return text
    # A paragraph longer than a message: show the passage itself, trimmed.
    hit = Hit.model_construct(rank=1, score=0.0, passage=passage, matched=list(matched))
    return _fitted(lambda limit: hit_block(hit, limit=limit, numbered=False))


def _fitted(make: Callable[[int], str]) -> str:
    """`make(limit)` with the longest passage limit that fits one message.

    The speaker and source lines are capped, so some limit always fits; the plain-text cut is
    the last resort should that ever change.
    """
    text = ""
    for limit in (_BUDGET // 2, _BUDGET // 4, _BUDGET // 8, _MIN_PASSAGE):
        text = make(limit)
        if fits(text):
            return text
    return _trim_raw(text)


def _tail(text: str, limit: int) -> str:
    """The last `limit` characters of `text`, starting at a word."""
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


INLINE_TITLE_MAX = 100  # what an inline result list shows of a line anyway
INLINE_DESCRIPTION_MAX = 200


def inline_title(hit: Hit) -> str:
    return shortened(speaker_label(hit.passage.speaker), INLINE_TITLE_MAX)


def inline_description(hit: Hit) -> str:
    source = hit.passage.source
    text = excerpt(hit.passage.text, 90, hit.matched) + f" — {source.title}"
    return shortened(text, INLINE_DESCRIPTION_MAX)


def inline_message(hit: Hit, *, question: str) -> str:
    shown, _ = cut_question(question, 120)
    head = f"🔎 <i>{esc(shown)}</i>\n\n"
    text = head + hit_block(hit, numbered=False)
    if fits(text):
        return text
    return _fitted(lambda limit: head + hit_block(hit, numbered=False, limit=limit))


def speakers(summaries: Sequence[SpeakerSummary]) -> list[str]:
    named = [s for s in summaries if s.name and s.kind in {"person", "organisation"}]
    others = [s for s in summaries if s not in named]
    lines = ["<b>Who is quoted</b>"]
    for summary in named:
        role = f", <i>{esc(shortened(summary.role, SPEAKER_ROLE_MAX))}</i>" if summary.role else ""
        name = esc(shortened(summary.name or "", SPEAKER_NAME_MAX))
        lines.append(f"• <b>{name}</b>{role} — {_passages(summary.passages)}")
    if others:
        lines.append("")
        lines.append("<b>Without a name</b>")
        for summary in others:
            label = Speaker(name=summary.name, role=summary.role, kind=summary.kind).label
            lines.append(
                f"• {esc(shortened(label, SPEAKER_NAME_MAX))} — {_passages(summary.passages)}"
            )
    if len(lines) == 1:
        return ["Nobody is quoted in the articles I have read yet."]
    lines += ["", "/who NAME shows what someone said, e.g. /who " + esc(_surname(named))]
    return split_lines(lines)


def _surname(named: Sequence[SpeakerSummary]) -> str:
    people = [s.name.split() for s in named if s.kind == "person" and s.name and s.name.split()]
    return people[0][-1] if people else "Svoik"


def articles(summaries: Sequence[ArticleSummary]) -> list[str]:
    if not summaries:
        return ["I have not read any articles yet."]
    lines = ["<b>The articles I have read</b>"]
    for article in summaries:
        lines.append(f"• {source_line(_source(article))} — {_passages(article.passages)}")
    return split_lines(lines)


def about(summaries: Sequence[ArticleSummary]) -> list[str]:
    lines = [
        "<b>About whosaid</b>",
        "I answer questions with passages from news articles, each with who said it and where "
        "it was published. Speakers are attributed automatically: check the article before you "
        "quote anyone.",
        "",
        "<b>Sources</b>",
    ]
    for article in summaries:
        lines.append(f"• {source_line(_source(article))}")
    if not summaries:
        lines.append("• none yet")
    lines += [
        "",
        "<b>How to cite</b>",
        "Name the speaker and the article, not this bot, e.g.:",
        f"<i>{esc(_citation(summaries))}</i>",
    ]
    return split_lines(lines)


def _source(article: ArticleSummary) -> Source:
    return Source(
        title=article.title, publisher=article.publisher, date=article.date, url=article.url
    )


def _citation(summaries: Sequence[ArticleSummary]) -> str:
    if not summaries:
        return "Speaker, quoted in “Title”, Publisher, date, URL."
    first = summaries[0]
    parts = [f"quoted in “{shortened(first.title, TITLE_MAX)}”"]
    publisher = shortened(first.publisher, PUBLISHER_MAX) if first.publisher else None
    parts += [p for p in (publisher, format_date(first.date), _safe_url(first.url)) if p]
    return "Speaker name, " + ", ".join(parts) + "."


def _passages(n: int) -> str:
    return f"{n} passage" if n == 1 else f"{n} passages"


def split_lines(lines: Sequence[str], fit: Callable[[str], bool] = fits) -> list[str]:
    """Join self-contained HTML lines into as few messages as fit, never splitting a line."""
    messages: list[str] = []
    current: list[str] = []
    for line in lines:
        if not fit(line):
            line = _trim_raw(line)
        if current and not fit("\n".join([*current, line])):
            messages.append("\n".join(current).strip("\n"))
            current = []
        current.append(line)
    if current:
        messages.append("\n".join(current).strip("\n"))
    return [m for m in messages if m]


def _trim_raw(text: str) -> str:
    """Last resort for one oversized piece of HTML: its plain text, cut to fit."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    cut = plain[: _BUDGET // 2]
    return esc(cut[: cut.rfind(" ")] if " " in cut else cut) + "…"
