"""Text from articles, file names and URLs made safe to print on a terminal.

Everything the CLI prints that it did not write itself (titles, publishers, authors, urls, ids,
passage text, speaker names and roles, cues, file names, error messages that quote them) goes
through `terminal_safe`, on the colour path and the plain one alike. A terminal obeys control
characters: ESC starts sequences that clear the screen (`\\e[2J`), retitle the window
(`\\e]0;…\\a`) or redefine keys; bidi overrides and isolates reorder what is shown after them, so
`evil\\u202egnp.txt` reads as `eviltxt.png`. Such characters are never passed through and never
silently dropped: each is shown as its Python escape (`\\x1b`, `\\u202e`), so a hostile value is
visible as such and an honest one with a stray control character is still recognisable.

Line breaks: a single-line field must stay one line (a newline in a file name would forge a
second `skipped:` line). In prose (`names=False`) runs of whitespace, line breaks included,
become one space, as they would in a paragraph; in names (`names=True`: file names, paths, URLs,
ids) a line break or tab is shown as `\\n`/`\\t`, because there the exact characters matter.
"""

from __future__ import annotations

import re
import unicodedata

# Embeddings, overrides (U+202A-202E) and isolates (U+2066-2069): they reorder the rest of the
# line. The plain marks (LRM, RLM, ALM) only nudge neutral characters and are left alone, since
# right-to-left text needs them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# C0, DEL, C1, unpaired surrogates (undecodable bytes of a file name), line/paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
_SAFE_RUN = re.compile(r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]*")


def _unsafe(char: str) -> bool:
    return char in _BIDI_CONTROLS or unicodedata.category(char) in _UNSAFE_CATEGORIES


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def terminal_safe(text: str, *, names: bool = False) -> str:
    """`text` as one line a terminal shows but never obeys (see the module docstring)."""
    if not names:
        text = " ".join(text.split())
    if _SAFE_RUN.fullmatch(text):
        return text
    return "".join(_escaped(char) if _unsafe(char) else char for char in text)
