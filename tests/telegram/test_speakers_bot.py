"""Speakers as users name them, and follow-ups, in the real bot (fake Bot API, bundled index)."""

from __future__ import annotations

import pytest

from tests.telegram.conftest import RunningBot


@pytest.mark.parametrize(
    ("command", "speaker"),
    [
        ("/who foreign ministry", "the Kazak foreign ministry"),
        ("/who Kazakh foreign ministry", "the Kazak foreign ministry"),
        ("/who unnamed experts", "experts"),
        ("/who Experts", "experts"),
        ("/who SVOIK", "Pyotr Svoik"),
    ],
)
async def test_who_takes_organisations_groups_and_any_case(
    bot: RunningBot, command: str, speaker: str
) -> None:
    bot.api.send_text(42, command)
    sent = await bot.api.message(42)
    assert sent.plain.startswith(f"What {speaker} said · 1–")
    assert "Searched for" not in sent.plain


async def test_who_corrects_a_typo_and_says_so(bot: RunningBot) -> None:
    bot.api.send_text(42, "/who grishn")
    sent = await bot.api.message(42)
    assert sent.plain.startswith("What Andrei Grishin said · 1–3 of 4")
    assert "Searched for Andrei Grishin (not grishn)." in sent.plain


async def test_and_name_after_who_is_asks_the_other_speaker(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "Who is Svoik?")
    first = await api.message(42)
    assert "Pyotr Svoik" in first.plain
    api.send_text(42, "and Umbetalieva?")
    second = await api.message(42, count=2)
    # Not the literal "Who is Svoik?" among her passages: what she said.
    assert second.plain.startswith("What Tolganay Umbetalieva said · 1–3 of 5")


async def test_she_after_svoik_asks_whom_she_means(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "Who is Svoik?")
    await api.message(42)
    api.send_text(42, "what else did she say?")
    asked = await api.message(42, count=2)
    assert asked.plain.startswith("“She” does not fit the last speaker, Pyotr Svoik.")
    assert "That is all" not in asked.plain
    api.send_text(42, "what else did he say?")
    answered = await api.message(42, count=3)
    assert "Pyotr Svoik" in answered.plain  # "he" still means him


async def test_he_with_nobody_quoted_yet_asks_instead_of_searching(bot: RunningBot) -> None:
    bot.api.send_text(42, "what else did he say?")
    sent = await bot.api.message(42)
    assert sent.plain.startswith("Whom do you mean by “he”?")
    assert "Experts say" not in sent.plain
    assert not list(sent.buttons())
