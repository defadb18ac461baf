"""Optional TOML front matter between `+++` lines at the top of an article file."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field

FENCE = "+++"


class FrontMatterError(ValueError):
    """The front matter is there but cannot be read; the message says why, in one sentence."""


@dataclass(frozen=True)
class FrontMatter:
    title: str | None = None
    subtitle: str | None = None
    date: dt.date | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """(front matter or None, the rest of the text). Raises FrontMatterError when malformed."""
    stripped = text.lstrip("\n ")
    if not stripped.startswith(FENCE):
        return None, text
    lines = stripped.split("\n")
    if lines[0].strip() != FENCE:
        return None, text
    for end in range(1, len(lines)):
        if lines[end].strip() == FENCE:
            break
    else:
        raise FrontMatterError("the front matter opened with +++ is never closed")
    try:
        data = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as error:
        raise FrontMatterError(f"the front matter is not valid TOML ({error})") from None
    return _front_matter(data), "\n".join(lines[end + 1 :])


def _text(data: dict[str, object], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FrontMatterError(f"front matter {key!r} must be a string")
    return " ".join(value.split()) or None


def _date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise FrontMatterError("front matter 'date' must be a date such as 2014-06-26")


def _tags(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise FrontMatterError("front matter 'tags' must be a list of strings")
    return [tag.strip() for tag in value if tag.strip()]


def _front_matter(data: dict[str, object]) -> FrontMatter:
    # Keys other than these are allowed and ignored: other tools may record provenance there.
    return FrontMatter(
        title=_text(data, "title"),
        subtitle=_text(data, "subtitle"),
        date=_date(data.get("date")),
        author=_text(data, "author"),
        publisher=_text(data, "publisher"),
        url=_text(data, "url"),
        tags=_tags(data.get("tags")),
    )
