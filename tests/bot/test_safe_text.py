"""terminal_safe: whatever the text, what is printed is one line a terminal cannot obey."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.safe_text import terminal_safe
from tests.faults.inputs import FORBIDDEN

_HOSTILE = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from([*sorted(FORBIDDEN), "\n", "\u2028", "\u2029", "\x85", "\ud8ff"]),
    )
)


@given(text=_HOSTILE, names=st.booleans())
def test_nothing_a_terminal_obeys_survives(text: str, names: bool) -> None:
    shown = terminal_safe(text, names=names)
    assert not FORBIDDEN.intersection(shown)
    assert "\n" not in shown and "\u2028" not in shown and "\u2029" not in shown
    shown.encode("utf-8")  # no lone surrogates (undecodable file names) to crash the print


def test_hostile_characters_are_shown_not_dropped() -> None:
    assert terminal_safe("a\x1b[2Jb\u202ec") == "a\\x1b[2Jb\\u202ec"
    assert terminal_safe("new\nline.txt", names=True) == "new\\nline.txt"
    assert terminal_safe("a  long\n title") == "a long title"  # prose: spacing is not content
    assert terminal_safe("bad-\udcff.txt", names=True) == "bad-\\udcff.txt"
    # Right-to-left text and emoji are text, not controls.
    assert terminal_safe("מה אמר? 👨‍👩‍👧\u200f") == "מה אמר? 👨‍👩‍👧\u200f"
