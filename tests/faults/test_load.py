"""500 questions from 100 chats at once, through the real Application and the fake Bot API:
all answered, none lost, each chat's answers in the order its questions were asked."""

from __future__ import annotations

from pathlib import Path

from tests.faults.load import run


async def test_500_questions_from_100_chats_are_all_answered_in_order(
    built_index: Path,
) -> None:
    figures = await run(built_index, chats=100, per_chat=5, telegram_limits=False, timeout=45)
    print(f"\nload: {figures.line()}")
    assert figures.lost == []
    assert figures.disordered == []
    assert figures.answered == figures.questions == 500
