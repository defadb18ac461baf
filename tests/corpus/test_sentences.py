"""Sentence splitting of news English."""

from __future__ import annotations

import pytest

from corpus.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        (
            "Dr. Aliya Serikbayeva met Mr. Smith on Jan. 5. They talked.",
            ["Dr. Aliya Serikbayeva met Mr. Smith on Jan. 5.", "They talked."],
        ),
        (
            "The U.S. State Department paid 3.5 per cent. It rose.",
            ["The U.S. State Department paid 3.5 per cent.", "It rose."],
        ),
        (
            "He flew to the U.S. The next day he left.",
            ["He flew to the U.S.", "The next day he left."],
        ),
        (
            "J. R. Halvorsen spoke. Then he sat down.",
            ["J. R. Halvorsen spoke.", "Then he sat down."],
        ),
        (
            "“Even before, it was not able. Now it is even less able to,” Svoik said.",
            ["“Even before, it was not able.", "Now it is even less able to,” Svoik said."],
        ),
        ("“Why?” he asked. “Because.”", ["“Why?” he asked.", "“Because.”"]),
        (
            '"Last year it took two hours. Now three days," he says. "Nobody can plan."',
            ['"Last year it took two hours.', 'Now three days," he says.', '"Nobody can plan."'],
        ),
        ("It is No. 10 on the list. Good.", ["It is No. 10 on the list.", "Good."]),
        ("He said no. Then he left.", ["He said no.", "Then he left."]),
        (
            "Prices rose 2.5% in 2014. 20 shops closed.",
            ["Prices rose 2.5% in 2014.", "20 shops closed."],
        ),
        ("e.g. the river, i.e. the basin.", ["e.g. the river, i.e. the basin."]),
        ("Wait... and see.", ["Wait... and see."]),
        ("", []),
        ("   ", []),
    ],
)
def test_split(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_sentences_rebuild_the_paragraph() -> None:
    text = "“One. Two,” she said. Three? Four! Mr. Five went to the U.N. in Sept. 2020."
    assert " ".join(split_sentences(text)) == text
