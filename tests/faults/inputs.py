"""Questions a clumsy or hostile world sends: the same list for the CLI and for Telegram."""

from __future__ import annotations

import random
import string

EMPTY = {
    "empty": "",
    "spaces": "   ",
    "whitespace of all kinds": "\t\n \r\u00a0\u3000\u2003",
}

_rng = random.Random(6)
_NOISE = " ".join(
    "".join(_rng.choice(string.ascii_lowercase) for _ in range(_rng.randint(3, 9)))
    for _ in range(15_000)
)

HOSTILE = {
    "control characters": "\x1b[2J\x1b]0;pwned\x07 embassy\x08\x7f\x9b31m \r\x0b\x0c",
    "terminal escapes only": "\x1b]0;zzqx\x07\x1b[31m qqqq",
    "right-to-left override": "\u202eyssabme naissuR\u202c who picketed?",
    "arabic and hebrew": "من قال ذلك عن السفارة؟ מי אמר את זה",
    "emoji": "🇰🇿 embassy 👍🏽 🤔 👨‍👩‍👧",
    "zero-width characters": "em\u200bbassy\u200d \ufeffRussia\u2060",
    "html injection": "<b>embassy</b> <script>alert('x')</script> &amp; & &lt; <a href=x>",
    "markdown injection": "*bold* _it_ `code` [x](javascript:alert(1)) ~~s~~ embassy",
    "telegram html lookalike": "</b></i><tg-spoiler>Russia</tg-spoiler> <pre>",
    "100 kB of a real question": ("who pickets the Russian embassy and why " * 2600)[:100_000],
    "100 kB of unknown words": _NOISE[:100_000],
    "100 kB without a space": "x" * 100_000,
    "combining marks": "e\u0301\u0301\u0301mbassy Z\u0351\u0352\u0353algo",
}
# What must never reach a terminal raw: C0/C1 controls but newline, and bidi overrides.
FORBIDDEN = {chr(c) for c in range(32) if c != 10} | {chr(c) for c in range(0x7F, 0xA0)}
FORBIDDEN |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
