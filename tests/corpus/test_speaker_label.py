"""How a speaker reads in an answer: never empty, and plain about who is not named."""

import pytest

from corpus.models import Speaker


@pytest.mark.parametrize(
    ("speaker", "label"),
    [
        (Speaker(kind="narrator"), "the article's own narration"),
        (Speaker(kind="unknown"), "unclear speaker"),
        (Speaker(name="experts", kind="unnamed"), "unnamed experts"),
        (Speaker(name="some analysts", kind="unnamed"), "some analysts"),
        (
            Speaker(name="a spokesman for the ministry", kind="unnamed"),
            "a spokesman for the ministry",
        ),
        (Speaker(name="official figures", kind="unnamed"), "official figures"),
        (Speaker(kind="unnamed"), "unnamed sources"),
        (
            Speaker(name="the Kazak foreign ministry", kind="organisation"),
            "the Kazak foreign ministry",
        ),
        (Speaker(name="Pyotr Svoik", role="an analyst", kind="person"), "Pyotr Svoik"),
    ],
)
def test_label(speaker: Speaker, label: str) -> None:
    assert speaker.label == label
