"""Which passages need the sentence before them, and which sentence that is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.lead_in import needs_lead_in, sentence_before


@pytest.mark.parametrize(
    "text",
    [
        "The line runs for 988 kilometres.",
        "He has worked on the railway for 22 years.",
        "It was the third such protest this year.",
        "About one-fifth is Russian and slightly less than two per cent Ukrainian.",
        "But she believes there is also another reason.",
        "Its foreign ministry said the referendum was a true expression of Crimeans' wishes.",
        "Half were women.",
    ],
)
def test_passages_that_refer_back_need_a_lead_in(text: str) -> None:
    assert needs_lead_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Kazak foreign ministry called for a responsible approach.",
        "Kazakhstan has opened the Zhezkazgan–Beineu railway.",
        "“The new track is smoother than anything I have driven on,” said Yerzhan Kaliyev.",
        "Most of the workers live in Beineu.",
        "Experts say Kazakstan has only a limited amount to gain.",
        "",
    ],
)
def test_passages_that_name_their_subject_do_not(text: str) -> None:
    assert not needs_lead_in(text)


def test_the_sentence_before_is_in_the_paragraph_or_ends_the_one_before() -> None:
    paragraphs = [
        "Kazakhstan has opened a railway. It crosses the steppe.",
        "The line runs for 988 kilometres.",
        "Building took four years. The line cost 1.2 trillion tenge.",
    ]
    assert sentence_before(paragraphs, 1, paragraphs[1]) == "It crosses the steppe."
    assert sentence_before(paragraphs, 2, "The line cost 1.2 trillion tenge.") == (
        "Building took four years."
    )
    assert sentence_before(paragraphs, 0, "Kazakhstan has opened a railway.") is None
    assert sentence_before(paragraphs, 7, "anything") is None


@given(st.text(), st.lists(st.text(), max_size=4), st.integers(-2, 6))
def test_arbitrary_text_never_crashes(text: str, paragraphs: list[str], paragraph: int) -> None:
    assert isinstance(needs_lead_in(text), bool)
    found = sentence_before(paragraphs, paragraph, text)
    assert found is None or isinstance(found, str)
