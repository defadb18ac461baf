"""Write the `+++` TOML front matter that `corpus.reader` parses (tomllib only reads TOML)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

FRONT_MATTER_FENCE = "+++"
# TOML basic strings must escape these; everything else may stand as it is.
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}

FrontMatterValue = str | dt.date | Sequence[str] | None


def toml_string(value: str) -> str:
    """A TOML basic string that reads back as exactly `value`."""
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value: str | dt.date | Sequence[str]) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, dt.datetime):  # a datetime is a date too; only the day is kept
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()  # a TOML local date: tomllib gives back a datetime.date
    return "[" + ", ".join(toml_string(item) for item in value) + "]"


def render_front_matter(meta: Mapping[str, FrontMatterValue]) -> str:
    """`+++` … `+++` with a `key = value` line per field that is set (None, empty: left out)."""
    lines = [FRONT_MATTER_FENCE]
    for key, value in meta.items():
        if value is None or (not isinstance(value, dt.date) and len(value) == 0):
            continue
        lines.append(f"{key} = {_value(value)}")
    lines.append(FRONT_MATTER_FENCE)
    return "\n".join(lines) + "\n"
