"""Shared fixtures: the real index of the bundled corpus, a fake Bot API, the bot running on it."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from bot.telegram.app import build_application, engine_for, serve
from bot.telegram.engine import Engine
from corpus.paths import BUNDLED_CORPUS_DIR
from tests.telegram.fake_bot_api import FakeBotAPI

# httpx honours proxy variables; the fake server is on loopback and must be reached directly.
for _name in ("NO_PROXY", "no_proxy"):
    os.environ[_name] = ",".join(filter(None, ["127.0.0.1,localhost", os.environ.get(_name)]))


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as fake:
        yield fake


def make_settings(api: FakeBotAPI, index_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_base_url": api.base_url,
        "corpus_dir": BUNDLED_CORPUS_DIR,
        "index_dir": index_dir,
        "top_k": 3,
        "log_level": "DEBUG",
        # Each bot its own state file: tests share one index, and must not share conversations.
        "state_file": index_dir.parent / f"bot-state-{uuid.uuid4().hex}.sqlite3",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class RunningBot:
    api: FakeBotAPI
    settings: Settings
    engine: Engine
    task: asyncio.Task[None]
    stop: asyncio.Event

    async def shutdown(self) -> None:
        self.stop.set()
        # Stopping waits for the updates in hand and the long poll: seconds on a loaded
        # machine. Generous, yet a bot that never stops still fails the test.
        await asyncio.wait_for(asyncio.shield(self.task), timeout=60)


async def start_bot(
    api: FakeBotAPI,
    settings: Settings,
    engine: Engine | None = None,
) -> RunningBot:
    """Run the bot exactly as `whosaid telegram` does, until the returned bot is shut down."""
    engine = engine or engine_for(settings)
    app = build_application(settings, engine)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, settings, stop, poll_timeout=2))
    running = RunningBot(api, settings, engine, task, stop)
    # Started means polling (the first getUpdates has arrived) or the webhook is set.
    ready = "setWebhook" if settings.webhook_url else "getUpdates"
    deadline = asyncio.get_running_loop().time() + 10
    while not api.calls_to(ready):
        if task.done():
            task.result()
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the bot never started polling")
        await asyncio.sleep(0.01)
    while settings.webhook_url and not await _accepts(
        settings.webhook_listen, settings.webhook_port
    ):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("the webhook server never started listening")
        await asyncio.sleep(0.01)
    return running


async def _accepts(host: str, port: int) -> bool:
    try:
        _, writer = await asyncio.open_connection(host, port)
    except OSError:
        return False
    writer.close()
    await writer.wait_closed()
    return True


@pytest.fixture
async def bot(api: FakeBotAPI, built_index: Path) -> AsyncIterator[RunningBot]:
    running = await start_bot(api, make_settings(api, built_index))
    yield running
    await running.shutdown()


@pytest.fixture
async def launch(api: FakeBotAPI, built_index: Path) -> AsyncIterator[Callable[..., Any]]:
    """Start bots with other settings or engines; all are shut down after the test.

    `await launch(allowed_chats=…)`, `await launch(settings=…, engine=…)`.
    """
    started: list[RunningBot] = []

    async def start(
        *, settings: Settings | None = None, engine: Engine | None = None, **overrides: Any
    ) -> RunningBot:
        settings = settings or make_settings(api, built_index, **overrides)
        running = await start_bot(api, settings, engine)
        started.append(running)
        return running

    yield start
    for running in started:
        await running.shutdown()
