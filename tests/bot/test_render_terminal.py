"""Terminal rendering: highlighted matches on a terminal, plain text everywhere else."""

from __future__ import annotations

import io

import pytest

from bot.render_terminal import plain_result, print_result
from index.search import Searcher


class Terminal(io.StringIO):
    """Collects output and says it is a terminal, as a real tty would."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def searcher(built_index_searcher: Searcher) -> Searcher:
    return built_index_searcher


def test_matched_words_are_highlighted_on_a_terminal(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    result = searcher.search("campaign in Karaganda stoped", 1)
    screen = Terminal()
    print_result(result, screen)
    output = screen.getvalue()
    # bold yellow (1;33) around the matched words only
    assert "\x1b[1;33mKaragandy\x1b[0m" in output
    assert "\x1b[1;33mcampaign\x1b[0m" in output
    assert "\x1b[1;33mstopped\x1b[0m" in output
    assert "\x1b[1;33mcentral" not in output
    assert "searched for: stopped (instead of stoped)" in output


def test_no_color_and_dumb_terminals_get_plain_text(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = searcher.search("campaign in Karaganda", 2)
    for variable, value in (("NO_COLOR", "1"), ("TERM", "dumb")):
        with monkeypatch.context() as patch:
            patch.delenv("NO_COLOR", raising=False)
            patch.setenv("TERM", "xterm")
            patch.setenv(variable, value)
            patch.setenv("COLUMNS", "50")
            screen = Terminal()
            print_result(result, screen)
            # Plain, but wrapped at word boundaries to the terminal's width, like colour output.
            assert screen.getvalue() == plain_result(result, 50) + "\n"
            assert "\x1b[" not in screen.getvalue()
            lines = screen.getvalue().splitlines()
            assert max(map(len, lines)) <= 50
            assert " ".join(screen.getvalue().split()) == " ".join(plain_result(result).split())
