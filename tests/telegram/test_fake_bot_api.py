"""The fake Bot API refuses what Telegram refuses; otherwise the bot tests would prove little."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest, InvalidToken, RetryAfter

from tests.telegram.fake_bot_api import ApiError, FakeBotAPI, check_text, parse_html


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<p>para</p>", 'Unsupported start tag "p"'),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("a < b", "Unsupported start tag at byte offset 2"),
        ("fish & chips", "Character entity expected"),
        ('<a title="x">link</a>', "a tag without href"),
    ],
)
def test_html_telegram_cannot_parse_is_refused(html: str, error: str) -> None:
    with pytest.raises(ApiError, match="can't parse entities") as raised:
        parse_html(html)
    assert error in raised.value.description and raised.value.code == 400


def test_good_html_becomes_the_text_a_user_sees() -> None:
    html = (
        '<b>A &amp; B</b> <a href="https://x.org/?a=1&amp;b=2">&lt;link&gt;</a> &#8212; '
        "<blockquote>q</blockquote>"
    )
    assert parse_html(html) == "A & B <link> — q"


def test_length_is_counted_in_utf16_after_parsing() -> None:
    assert check_text("<b>" + "x" * 4096 + "</b>", "HTML")
    with pytest.raises(ApiError, match="message is too long"):
        check_text("🙂" * 2049, None)  # 4098 UTF-16 code units


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_the_fake_speaks_the_bot_api_as_ptb_expects() -> None:
    with FakeBotAPI() as api:
        async with Bot(api.token, base_url=api.base_url) as bot:
            assert bot.username == api.username
            sent = await bot.send_message(42, "<b>hi</b>", parse_mode="HTML")
            with pytest.raises(BadRequest, match="not modified"):
                await bot.edit_message_text("<b>hi</b>", 42, sent.message_id, parse_mode="HTML")
            with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
                await bot.send_message(42, "<b>hi", parse_mode="HTML")
            api.throttle_once("sendMessage", retry_after=3)
            with pytest.raises(RetryAfter):
                await bot.send_message(42, "again")
            await bot.send_message(42, "again")  # only once
    assert [m.plain for m in api.sent_to(42)] == ["hi", "again"]


async def test_a_wrong_token_is_unauthorized() -> None:
    with FakeBotAPI() as api, pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=api.base_url):
            pass
