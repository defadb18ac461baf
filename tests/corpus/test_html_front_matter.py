"""The front matter `whosaid add` writes reads back exactly, whatever a page's title holds."""

from __future__ import annotations

import datetime as dt
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.frontmatter import split_front_matter
from corpus.toml_render import render_front_matter, toml_string

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_any_string_reads_back_exactly(value: str) -> None:
    assert tomllib.loads(f"x = {toml_string(value)}")["x"] == value


@settings(max_examples=100, deadline=None)
@given(
    title=ANY_TEXT.filter(str.strip),
    author=st.none() | ANY_TEXT,
    date=st.none() | st.dates(),
    tags=st.lists(ANY_TEXT, max_size=3),
)
def test_front_matter_block_is_what_the_reader_splits(
    title: str, author: str | None, date: dt.date | None, tags: list[str]
) -> None:
    block = render_front_matter({"title": title, "author": author, "date": date, "tags": tags})
    data = tomllib.loads(block.strip().removeprefix("+++").removesuffix("+++"))
    assert data["title"] == title
    assert data.get("author") == (author or None)
    assert data.get("date") == date
    assert data.get("tags", []) == tags
    front, body = split_front_matter(block + "\nBody.\n")
    assert front is not None and front.date == date
    assert body.strip() == "Body."


def test_unset_fields_are_left_out() -> None:
    block = render_front_matter({"title": "T", "subtitle": None, "url": "", "tags": []})
    assert block == '+++\ntitle = "T"\n+++\n'
