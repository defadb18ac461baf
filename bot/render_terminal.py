"""Search results for a terminal: rich with the matched words highlighted, plain when piped.

Plain output (NO_COLOR, TERM=dumb) on a terminal wraps at word boundaries with the same
indentation as the colour output. Into a pipe or a file it is one line per field and no wrapping,
so that `grep` and scripts see whole passages. rich is imported only when colour is used.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

from bot.safe_text import terminal_safe
from corpus.models import Hit, Source, Speaker
from index.results import SearchResult

_LEAD_IN_LIMIT = 300  # characters of the sentence before a passage


def wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


# Every function here returns terminal-safe text (bot/safe_text.py): each string from an article
# or the index is made safe where it enters a line, on the plain and the colour path alike.


def speaker_line(speaker: Speaker) -> str:
    label = terminal_safe(speaker.label)
    if speaker.role:
        return f"{label}, {terminal_safe(speaker.role)}"
    return label


def source_line(source: Source) -> str:
    parts = [terminal_safe(source.title)]
    if source.publisher:
        parts.append(terminal_safe(source.publisher))
    if source.date:
        parts.append(source.date.isoformat())
    if source.url:
        parts.append(terminal_safe(source.url, names=True))
    return " · ".join(parts)


def corrections_line(corrections: dict[str, str]) -> str | None:
    if not corrections:
        return None
    searched = ", ".join(corrections.values())
    typed = ", ".join(corrections)
    return terminal_safe(f"searched for: {searched} (instead of {typed})")


def printable(text: str, limit: int = 120) -> str:
    """One short terminal-safe line, a pasted page cut to `limit` characters."""
    shown = terminal_safe(text[: limit * 4])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def no_results_text(
    result: SearchResult, *, speaker: str | None, examples: list[str], chat: bool = False
) -> str:
    """Why nothing was shown and what to try; `chat`: for `whosaid chat`, which has no flags."""
    who = f" from {printable(speaker)}" if speaker else ""
    query = printable(result.query)
    if speaker and not query:  # "what else did he say?" once everything was shown
        return f"That is all {printable(speaker)} said in the articles."  # "experts" too
    if result.offset and result.total:
        return f"No more passages{who} for “{query}” (all {result.total} shown)."
    if result.about and not result.offset:  # searched, and judged: no passage answers
        lines = no_answer_lines(result, who=who)
        if speaker:
            lines.append(
                "Try other words, or ask without naming the speaker."
                if chat
                else "Try without --speaker, or other words."
            )
        return "\n".join(lines)
    lines = [f"No passages{who} match “{query}”." if query else f"No passages{who}."]
    if speaker:
        if chat:
            lines.append("Try other words, or ask without naming the speaker.")
        else:
            lines.append("Try without --speaker, or other words.")
    else:
        hint = "Try other or fewer words"
        if examples:
            hint += ", or ask about someone quoted, e.g. " + ", ".join(examples)
        lines.append(hint + ("." if chat else " (`whosaid speakers` lists them)."))
    return "\n".join(lines)


def as_typed(word: str, question: str) -> str:
    """A normalised question word as the user wrote it ("nato" -> "NATO"), for messages."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", question, re.IGNORECASE)
    return found.group() if found else word


def word_list(words: list[str], question: str, *, conjunction: str = "or") -> str:
    shown = [f"“{printable(as_typed(word, question), 40)}”" for word in words]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + f" {conjunction} " + shown[-1]


def no_answer_why(result: SearchResult) -> str:
    """Why no passage answers, in a few words (shared with the Telegram reply's wording)."""
    if result.missing:
        return f"the articles never mention {word_list(result.missing, result.query)}"
    if result.unquoted:
        return f"no passage quotes {phrase(result.unquoted, result.query)}"
    if result.uncounted:
        return "the passages that match give no number"
    if result.weak:
        verb = "runs" if len(result.weak) == 1 else "run"
        weak = word_list(result.weak, result.query, conjunction="and")
        return f"only {weak} matched, which {verb} through whole articles"
    if result.lacking:
        lacking = word_list(result.lacking, result.query, conjunction="or")
        return f"the passage that comes closest says nothing of {lacking}"
    return "it names nothing to look for; ask about a topic or a person"


def phrase(words: list[str], question: str) -> str:
    """Words of the question shown together, as typed: “prime minister”."""
    return "“" + printable(" ".join(as_typed(word, question) for word in words), 60) + "”"


def no_answer_lines(result: SearchResult, *, who: str = "") -> list[str]:
    """'No answer': what was not found, what the articles are about, who is quoted."""
    lines = [f"No passage{who} answers “{printable(result.query)}”: {no_answer_why(result)}."]
    titles = "; ".join(printable(title, 80) for title in result.about)
    lines.append(f"The articles are about: {titles}.")
    if result.quoted:
        people = ", ".join(printable(name, 60) for name in result.quoted)
        lines.append(f"Quoted: {people} (`whosaid speakers` lists everyone).")
    return lines


def plain_result(result: SearchResult, width: int | None = None) -> str:
    """The result as plain text; `width`: wrap at word boundaries to fit (None: never wrap)."""
    lines: list[str] = []
    note = corrections_line(result.corrections)
    if note:
        lines.append(note)
    for hit in result.hits:
        if lines:
            lines.append("")
        lines.extend(_plain_hit(hit, result.lead_ins.get(hit.passage.id)))
    if width is None:
        return "\n".join(lines)
    return "\n".join(_wrapped(line, width) for line in lines)


def _wrapped(line: str, width: int) -> str:
    import textwrap

    indent = line[: len(line) - len(line.lstrip(" "))]
    if not indent:  # "1. Speaker, role": the continuation lines go under the speaker
        number = line.split(" ", 1)[0]
        indent = " " * (len(number) + 1) if number.endswith(".") else ""
    return textwrap.fill(
        line,
        width=max(width, len(indent) + 20),
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _plain_hit(hit: Hit, lead_in: str | None = None) -> list[str]:
    indent = " " * (len(str(hit.rank)) + 2)
    lines = [f"{hit.rank}. {speaker_line(hit.passage.speaker)}"]
    if lead_in:
        lines.append(f"{indent}{terminal_safe(lead_in_line(lead_in))}")
    lines += [
        f"{indent}{terminal_safe(hit.passage.text)}",
        f"{indent}{source_line(hit.passage.source)}",
    ]
    return lines


def lead_in_line(sentence: str) -> str:
    """The sentence before a passage that does not name its subject (index.lead_in)."""
    if len(sentence) > _LEAD_IN_LIMIT:
        sentence = sentence[: _LEAD_IN_LIMIT - 1].rsplit(" ", 1)[0] + "…"
    return f"[before: {sentence}]"


def print_result(result: SearchResult, stream: TextIO | None = None) -> None:
    stream = stream or sys.stdout
    if not wants_colour(stream):
        isatty = getattr(stream, "isatty", None)
        width = None
        if isatty and isatty():
            import shutil

            width = shutil.get_terminal_size().columns
        stream.write(plain_result(result, width) + "\n")
        return
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    console = Console(file=stream, highlight=False, soft_wrap=False)
    note = corrections_line(result.corrections)
    if note:
        console.print(Text(note, style="italic"))
    for position, hit in enumerate(result.hits):
        if position or note:
            console.print()
        indent = len(str(hit.rank)) + 2
        head = Text(f"{hit.rank}. ", style="bold")
        head.append(terminal_safe(hit.passage.speaker.label), style="bold cyan")
        if hit.passage.speaker.role:
            head.append(f", {terminal_safe(hit.passage.speaker.role)}", style="cyan")
        console.print(head)
        lead_in = result.lead_ins.get(hit.passage.id)
        if lead_in:
            before = Text(terminal_safe(lead_in_line(lead_in)), style="dim italic")
            console.print(Padding(before, (0, 0, 0, indent), expand=False))
        # expand=False: no trailing spaces to the terminal's edge (copy-paste stays clean)
        body = highlighted(hit.passage.text, set(hit.matched))
        console.print(Padding(body, (0, 0, 0, indent), expand=False))
        source = Text(source_line(hit.passage.source), style="dim")
        console.print(Padding(source, (0, 0, 0, indent), expand=False))


def highlighted(text: str, matched: set[str]) -> object:
    """The passage as rich Text (terminal-safe) with each word whose term matched in bold yellow."""
    from rich.text import Text

    from index.tokenize import spans

    text = terminal_safe(text)
    rendered = Text(text)
    for start, end, term in spans(text):
        if term in matched:
            rendered.stylize("bold yellow", start, end)
    return rendered
