"""Webhook mode: Telegram posts updates to the bot's own HTTP server, with the secret token."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from bot.errors import UserError
from bot.telegram.app import webhook_parts
from tests.telegram.conftest import make_settings
from tests.telegram.fake_bot_api import FakeBotAPI


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _update(update_id: int, chat_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": chat_id, "type": "private", "first_name": "Ann"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "Ann"},
            "text": text,
        },
    }


async def test_webhook_mode_checks_the_secret_and_answers(
    api: FakeBotAPI, built_index: Any, launch: Any
) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/whosaid-hook"
    settings = make_settings(
        api,
        built_index,
        webhook_url=url,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=SecretStr("s3cret-Token_1"),
    )
    await launch(settings=settings)
    registered = api.webhook or {}
    assert registered["url"] == url and registered["secret_token"] == "s3cret-Token_1"
    assert not api.calls_to("getUpdates")

    async with httpx.AsyncClient(trust_env=False) as client:
        forged = await client.post(
            url,
            json=_update(1, 66, "What happens to people who picket the Russian embassy?"),
            headers={"X-Telegram-Bot-Api-Secret-Token": "guess"},
        )
        real = await client.post(
            url,
            content=json.dumps(_update(2, 42, "What did Svoik say?")),
            headers={
                "X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1",
                "Content-Type": "application/json",
            },
        )
    assert forged.status_code == 403 and real.status_code == 200
    sent = await api.message(42)
    assert "Pyotr Svoik" in sent.plain
    assert not api.calls_to("sendMessage", chat_id=66)


def test_webhook_settings_are_checked(api: FakeBotAPI, built_index: Any) -> None:
    plain_http = make_settings(api, built_index, webhook_url="http://example.org/hook")
    with pytest.raises(UserError, match="https://"):
        webhook_parts(plain_http)
    bad_secret = make_settings(
        api,
        built_index,
        webhook_url="https://example.org/hook",
        webhook_secret=SecretStr("no spaces allowed"),
    )
    with pytest.raises(UserError, match="WHOSAID_WEBHOOK_SECRET"):
        webhook_parts(bad_secret)
    path, secret = webhook_parts(make_settings(api, built_index, webhook_url="https://e.org/a/b"))
    assert path == "a/b" and len(secret) >= 32
