"""Bad questions in Telegram, through the real Application and the fake Bot API (which refuses
HTML the way Telegram does): every message gets one short, well-formed answer, never the
"something went wrong" apology, and whatever the user typed comes back as text, not markup."""

from __future__ import annotations

from typing import Any

import pytest

from bot.telegram.errors import SORRY
from tests.faults.inputs import EMPTY, HOSTILE
from tests.telegram.fake_bot_api import FakeBotAPI

QUESTIONS = {**EMPTY, **HOSTILE}
GROUP = -100555


def _failed(api: FakeBotAPI) -> list[tuple[str, int, str | None]]:
    return [(c.method, c.status, c.error) for c in api.calls if not c.ok]


def _seen_as_typed(question: str, plain: str) -> None:
    """Markup the user typed is shown literally (escaped), never rendered or dropped."""
    for literal in ("<b>embassy</b>", "<script>", "&amp;", "*bold*", "[x](javascript:", "</b>"):
        if literal in question[:300]:
            assert literal in plain, f"{literal!r} not shown as typed in {plain[:300]!r}"


@pytest.fixture
async def running(api: FakeBotAPI, launch: Any) -> FakeBotAPI:
    await launch()
    return api


async def test_bad_questions_in_a_private_chat(running: FakeBotAPI) -> None:
    api = running
    for number, (name, question) in enumerate(QUESTIONS.items(), start=1):
        chat = 1000 + number
        api.send_text(chat, question)
        sent = await api.message(chat, timeout=15)
        assert sent.plain != SORRY, name
        assert len(sent.plain) <= 4096
        if name in EMPTY:
            assert "question" in sent.plain.lower() or "text" in sent.plain.lower(), sent.plain
        else:
            assert sent.plain.startswith(
                ("🔎 ", "I found nothing about ", "I found no passage that answers ")
            ), (name, sent.plain)
            _seen_as_typed(question, sent.plain)
        if len(question) > 400 and sent.plain.startswith("🔎 "):
            assert "I read only the first 400 characters of your question." in sent.plain
    assert _failed(api) == []


async def test_bad_questions_as_commands_in_a_group_and_inline(running: FakeBotAPI) -> None:
    api = running
    group = GROUP
    for name, question in QUESTIONS.items():
        for text in (f"/ask {question}", f"/who {question}", f"@{api.username} {question}"):
            group -= 1  # the bot sends at most 20 messages a minute to one group, as Telegram asks
            api.send_text(group, text, chat_type="supergroup")
            sent = await api.message(group, timeout=15)
            assert sent.plain != SORRY, (name, text[:40])
            if question.strip() and text.startswith("/ask"):
                _seen_as_typed(question, sent.plain)
        query = api.inline_query(77, question)
        await api.expect("answerInlineQuery", inline_query_id=query, timeout=15)
    assert _failed(api) == []


async def test_hostile_inline_offsets_are_answered(running: FakeBotAPI) -> None:
    """The offset comes back from the client: anything there gets an answer, maybe empty."""
    api = running
    for offset in ("²", "٣", "-1", "99999999999999999999999", "abc", "1e3", " 5", "0x10", "10"):
        query = api.inline_query(77, "Russia", offset=offset)
        await api.expect("answerInlineQuery", inline_query_id=query, timeout=15)
    assert _failed(api) == []


async def test_hostile_buttons_are_answered_quietly(running: FakeBotAPI) -> None:
    """Callback data is user-controlled too: a forged or garbled button never breaks the bot."""
    api = running
    api.send_text(5, "Russian embassy")
    sent = await api.message(5)
    for data in ("", "x", "more:99999999:0", "ctx:<b>:&", "\x00\x1b", "🤔" * 16, "more:-1:-5"):
        query = api.press(sent, data=data)
        await api.expect("answerCallbackQuery", callback_query_id=query, timeout=15)
    assert all(m.plain != SORRY for m in api.sent_to(5))
    assert _failed(api) == []
