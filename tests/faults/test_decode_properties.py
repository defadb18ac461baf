"""Bytes of any kind never crash the decoders: text comes out, or the one error a caller reports."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.charset import damaged_utf8, detect
from corpus.html import HtmlError, decode_html
from corpus.reader import ArticleError, decode

ENCODINGS = ["utf-8", "cp1252", "cp1251", "koi8_r", "latin-1", "utf-16"]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_decode_to_text_or_one_article_error(data: bytes) -> None:
    try:
        text = decode(data, "x.txt")
    except ArticleError as error:
        assert str(error).startswith("x.txt: ")
        return
    assert isinstance(text, str)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([None, "utf-8", "nonsense", "cp1251"]))
def test_any_page_bytes_decode_to_text_or_one_html_error(data: bytes, charset: str | None) -> None:
    try:
        assert isinstance(decode_html(data, charset), str)
    except HtmlError as error:
        assert "character encoding" in str(error)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400), st.sampled_from(ENCODINGS))
def test_text_encoded_any_way_is_never_misread_as_damaged_utf8(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    assert damaged_utf8(text.encode("utf-8")) == 0
    assert damaged_utf8(data) >= 0
    found = detect(data)
    assert found is None or isinstance(data.decode(found, errors="replace"), str)
