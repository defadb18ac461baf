"""500 questions from 100 chats at once, through the real Application and the fake Bot API:
all answered, none lost, each chat's answers in the order its questions were asked."""

from __future__ import annotations

from pathlib import Path

from tests.faults.load import run


async def test_500_questions_from_100_chats_are_all_answered_in_order(
    built_index: Path,
) -> None:
    # Bounded by progress, not by speed: the seven of us share two cores, where 500 answers may
    # take minutes; a bot that stops answering still fails within `stall` seconds.
    figures = await run(
        built_index, chats=100, per_chat=5, telegram_limits=False, timeout=600, stall=30
    )
    print(f"\nload: {figures.line()}")
    assert figures.lost == []
    assert figures.disordered == []
    assert figures.answered == figures.questions == 500
