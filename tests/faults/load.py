"""Load through the fake Bot API: many chats asking at once, every answer checked.

`python -m tests.faults.load [--chats 100] [--per-chat 5] [--telegram-limits]` prints how long
the bot took to answer (p50/p95/max from the moment a question was queued to the moment its
answer reached the API) and whether every chat got every answer, in order.

The bot throttles itself to Telegram's flood limits (30 requests a second overall, 20 messages a
minute per group) with PTB's AIORateLimiter. Against a local fake that limit is all one would
measure, so by default it is lifted and the figures show the bot's own capacity (updates, per-chat
ordering, search threads, rendering). `--telegram-limits` keeps it, as in production.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from telegram.ext import AIORateLimiter

import bot.telegram.app as telegram_app
from corpus.paths import BUNDLED_CORPUS_DIR
from index.build import build_index
from tests.telegram.conftest import make_settings, start_bot
from tests.telegram.fake_bot_api import FakeBotAPI

# Questions the bundled article answers; each chat asks all of them, in its own rotation, so an
# answer out of order shows as a wrong question in a reply's header.
QUESTIONS = (
    "Who pickets the Russian embassy?",
    "Why did Kazakstan abstain on the Crimea resolution?",
    "multi-vector foreign policy",
    "Eurasian Economic Union membership",
    "ethnic Russians in northern Kazakstan",
    "Ukrainian diaspora protests",
    "Nazarbayev statement on Ukraine",
)


@dataclass
class Figures:
    questions: int
    answered: int
    in_order: bool
    lost: list[tuple[int, int]]  # (chat, question number) never answered
    disordered: list[int]  # chats whose answers came in another order
    seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float

    def line(self) -> str:
        return (
            f"{self.answered}/{self.questions} answered in {self.seconds:.1f} s "
            f"({self.answered / self.seconds:.0f} answers/s), "
            f"{'all in order' if self.in_order else f'{len(self.disordered)} chats out of order'}; "
            f"reply latency p50 {self.p50_ms:.0f} ms, p95 {self.p95_ms:.0f} ms, "
            f"max {self.max_ms:.0f} ms"
        )


@contextlib.contextmanager
def without_flood_limits() -> Iterator[None]:
    """The bot's own AIORateLimiter, with retries on 429 kept but no self-imposed waiting."""
    original = telegram_app.AIORateLimiter

    def unthrottled(max_retries: int = 0) -> AIORateLimiter:
        return AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=max_retries)

    telegram_app.AIORateLimiter = unthrottled  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        telegram_app.AIORateLimiter = original  # type: ignore[misc]


def _percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _question(chat: int, turn: int) -> str:
    return QUESTIONS[(chat + turn) % len(QUESTIONS)]


async def hammer(
    api: FakeBotAPI,
    *,
    chats: int = 100,
    per_chat: int = 5,
    timeout: float = 60,
    stall: float | None = None,
) -> Figures:
    """Queue `per_chat` questions in each of `chats` private chats at once; await every answer.

    Waits until every answer is in, `timeout` seconds have passed or, with `stall`, no new
    answer came for that long: a bot that stopped answering is caught in `stall` seconds, while
    a bot that is merely slow (a loaded machine) is given until `timeout`."""
    chat_ids = [10_000 + n for n in range(chats)]
    queued: dict[tuple[int, int], float] = {}
    started = time.monotonic()
    for turn in range(per_chat):  # interleaved, as real traffic from many chats would be
        for chat in chat_ids:
            queued[(chat, turn)] = time.monotonic()
            api.send_text(chat, _question(chat, turn))
    total = chats * per_chat
    deadline = started + timeout
    answered, progress_at = 0, started
    while answered < total:
        now = time.monotonic()
        if now > deadline or (stall is not None and now - progress_at > stall):
            break
        await asyncio.sleep(0.02)
        count = len([c for c in api.calls_to("sendMessage") if c.ok])
        if count > answered:
            answered, progress_at = count, time.monotonic()
    seconds = time.monotonic() - started

    latencies: list[float] = []
    lost: list[tuple[int, int]] = []
    disordered: list[int] = []
    for chat in chat_ids:
        calls = [c for c in api.calls_to("sendMessage", chat_id=chat) if c.ok]
        headers = [api.messages[(chat, c.params["_message_id"])].plain for c in calls]
        for turn in range(per_chat):
            if turn >= len(calls):
                lost.append((chat, turn))
                continue
            latencies.append((calls[turn].at - queued[(chat, turn)]) * 1000)
        wanted = [f"🔎 {_question(chat, turn)} · " for turn in range(per_chat)]
        if [h[: len(w)] for h, w in zip(headers, wanted, strict=False)] != wanted[: len(headers)]:
            disordered.append(chat)
    latencies = latencies or [0.0]
    return Figures(
        questions=total,
        answered=total - len(lost),
        in_order=not disordered,
        lost=lost,
        disordered=disordered,
        seconds=seconds,
        p50_ms=_percentile(latencies, 0.50),
        p95_ms=_percentile(latencies, 0.95),
        max_ms=max(latencies),
    )


async def run(
    index_dir: Path,
    *,
    chats: int,
    per_chat: int,
    telegram_limits: bool,
    timeout: float = 120,
    stall: float | None = None,
) -> Figures:
    with FakeBotAPI() as api:
        limits = contextlib.nullcontext() if telegram_limits else without_flood_limits()
        with limits:
            running = await start_bot(api, make_settings(api, index_dir, log_level="WARNING"))
        try:
            return await hammer(api, chats=chats, per_chat=per_chat, timeout=timeout, stall=stall)
        finally:
            await running.shutdown()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.faults.load", description=__doc__)
    parser.add_argument("--chats", type=int, default=100)
    parser.add_argument("--per-chat", type=int, default=5)
    parser.add_argument(
        "--telegram-limits", action="store_true", help="keep the bot's 30 requests/s throttle"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        index_dir = Path(folder) / "index"
        build_index(BUNDLED_CORPUS_DIR, index_dir)
        figures = asyncio.run(
            run(
                index_dir,
                chats=args.chats,
                per_chat=args.per_chat,
                telegram_limits=args.telegram_limits,
                timeout=600,
            )
        )
    mode = "with Telegram's flood limits" if args.telegram_limits else "bot capacity (no throttle)"
    print(f"{args.chats} chats x {args.per_chat} questions, {mode}: {figures.line()}")
    return 0 if figures.answered == figures.questions and figures.in_order else 1


if __name__ == "__main__":
    sys.exit(main())
