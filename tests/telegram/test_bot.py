"""The real Application, run as `whosaid telegram` runs it, against the fake Bot API.

Every test talks to the bot the way a Telegram user does (messages, button presses, inline
queries queued on the fake server) and reads what the user would see (the messages the bot
sent, after Telegram-style HTML checks). The index is the real one of the bundled article.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from bot.errors import UserError
from bot.telegram.access import REFUSAL
from bot.telegram.app import build_application, engine_for, serve
from bot.telegram.engine import Engine, SearcherLike
from bot.telegram.errors import SORRY
from corpus.paths import BUNDLED_CORPUS_DIR
from index.build import build_index
from index.results import SearchResult
from tests.telegram.conftest import RunningBot, make_settings
from tests.telegram.fake_bot_api import FakeBotAPI

PICKET = "What happens to people who picket the Russian embassy?"
GROUP = -100777


# PTB's own RetryAfter warns about its future timedelta type; nothing whosaid can change.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_a_question_gets_attributed_passages_even_after_a_429(bot: RunningBot) -> None:
    api = bot.api
    api.throttle_once("sendMessage", retry_after=1)
    api.send_text(42, PICKET)
    sent = await api.message(42)

    # Telegram said "retry after 1" once; the rate limiter waited and sent the answer anyway.
    assert [c.status for c in api.calls_to("sendMessage")] == [429, 200]
    first, delivered = api.calls_to("sendMessage")
    assert delivered.at - first.at >= 1.0
    # "typing…" was shown while searching, before the answer.
    typing = api.calls_to("sendChatAction", chat_id=42, action="typing")
    assert typing and typing[0].at < first.at
    # Who said it (bold, with role), what (quoted, matched words bold), where from.
    assert "<b>1. Andrei Grishin</b>, <i>a member of staff with the Kazakstan International" in (
        sent.html
    )
    assert "those who <b>picket</b> the <b>Russian</b> <b>embassy</b> get detained" in sent.html
    assert "Kazakstan's Balancing Act Over Ukraine Ties · IWPR · 26 June 2014" in sent.plain
    assert sent.plain.startswith(f"🔎 {PICKET} · 1–3 of ")
    assert set(sent.buttons()) == {"Context 1", "Context 2", "Context 3", "More ▶"}
    assert all(len(data.encode()) <= 64 for data in sent.buttons().values())


async def test_commands_are_registered_at_start(bot: RunningBot) -> None:
    registered = {c["command"] for c in next(iter(bot.api.commands.values()))}
    assert {"ask", "who", "speakers", "articles", "about", "help"} <= registered
    assert "reload" not in registered  # admins only


async def test_more_pages_and_a_repeated_press_is_harmless(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, PICKET)
    sent = await api.message(42)
    first_page, more = sent.html, sent.buttons()["More ▶"]

    api.press(sent, "More ▶")
    await api.expect("editMessageText", chat_id=42)
    second_page = sent.html
    assert "<b>4. " in second_page and "<b>1. " not in second_page
    assert {"◀ Back", "More ▶", "Context 4"} <= set(sent.buttons())

    # A second press of the same More (the client had not redrawn yet) asks for what is shown.
    again = api.press(sent, data=more)
    await api.expect("answerCallbackQuery", callback_query_id=again)
    assert sent.html == second_page
    refused = [c for c in api.calls_to("editMessageText") if not c.ok]
    assert [c.error for c in refused] == [
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    ]

    back = api.press(sent, "◀ Back")
    await api.expect("answerCallbackQuery", callback_query_id=back)
    assert sent.html == first_page
    # Nothing went wrong from the user's point of view: no apology, every press answered once.
    assert all(SORRY not in m.plain for m in api.sent_to(42))
    assert len(api.calls_to("answerCallbackQuery")) == 3
    assert all(c.ok and "text" not in c.params for c in api.calls_to("answerCallbackQuery"))


async def test_context_shows_the_whole_paragraph(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "multi-vector foreign policy")
    sent = await api.message(42)
    assert "Svoik" in sent.plain
    results = sent.html
    api.press(sent, "Context 1")
    await api.expect("editMessageText", chat_id=42)
    assert sent.plain.startswith("Pyotr Svoik, an Almaty-based political analyst")
    assert "Paragraph " in sent.plain
    assert "<u>" in sent.html  # the passage itself is marked inside its paragraph
    assert list(sent.buttons()) == ["◀ Back to the results"]
    api.press(sent, "◀ Back to the results")
    await api.expect("editMessageText", chat_id=42, count=2)
    assert sent.html == results


async def test_follow_ups_keep_the_last_speaker(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, PICKET)
    await api.message(42)
    api.send_text(42, "What else did he say?")
    other = await api.message(42, count=2)
    # Grishin has four passages; the two just shown are left out of "what else".
    assert other.plain.startswith("What Andrei Grishin said · 1–2 of 2")
    assert other.plain.count("Andrei Grishin") >= 2
    assert "picket the Russian embassy" not in other.plain

    api.send_text(42, "more")
    more = await api.message(42, count=3)
    assert more.plain.startswith("That was everything")

    api.send_text(42, "the Kazak elite")
    await api.message(42, count=4)
    api.send_text(42, "and Umbetalieva?")
    narrowed = await api.message(42, count=5)
    assert narrowed.plain.startswith("🔎 the Kazak elite · 1 of 1 · only Tolganay Umbetalieva")


async def test_expired_buttons_and_posted_inline_answers_are_handled_quietly(
    bot: RunningBot,
) -> None:
    api = bot.api
    api.send_text(42, PICKET)
    sent = await api.message(42)
    expired = api.press(sent, data="p:zz:3")  # a button from before a restart
    call = await api.expect("answerCallbackQuery", callback_query_id=expired)
    assert "expired" in call.params["text"]
    api.send_text(42, sent.plain, via_bot=True)  # the user shared an inline answer here
    api.send_text(42, "@whosaid_test_bot what did Svoik say")
    second = await api.message(42, count=2)
    assert second.plain.startswith("What Pyotr Svoik said · 1–2 of 2")
    assert len(api.calls_to("sendMessage", chat_id=42)) == 2


async def test_a_page_too_big_for_one_message_goes_on_where_it_stopped(launch: Any) -> None:
    running = await launch(top_k=50)
    api = running.api
    api.send_text(42, "Kazakstan Ukraine")  # nearly every passage, or the one before, has one
    sent = await api.message(42)
    first_line = sent.plain.splitlines()[0]
    shown = int(first_line.split("–")[1].split()[0])
    total = int(first_line.rsplit(" of ", 1)[1])
    assert 3 < shown < total and first_line.endswith(f"1–{shown} of {total}")
    api.press(sent, "More ▶")
    await api.expect("editMessageText", chat_id=42)
    assert sent.plain.startswith(f"🔎 Kazakstan Ukraine · {shown + 1}–")
    api.send_text(42, "more")
    typed = await api.message(42, count=2)
    assert (
        typed.plain.startswith("🔎 Kazakstan Ukraine · ") and f"· {shown + 1}–" not in typed.plain
    )


async def test_follow_ups_are_per_chat(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, PICKET)
    await api.message(42)
    api.send_text(43, "What else did he say?")  # another chat never asked anything
    sent = await api.message(43)
    assert "Andrei Grishin said" not in sent.plain


async def test_who_lists_a_speaker_and_says_when_it_knows_nobody(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "/who svoik")
    sent = await api.message(42)
    assert sent.plain.startswith("What Pyotr Svoik said · 1–2 of 2")
    assert "multi-vector" in sent.plain
    api.send_text(42, "/who Nobodyknows <b>")
    unknown = await api.message(42, count=2)
    assert unknown.plain.startswith("I don't know anyone called Nobodyknows <b>.")
    api.send_text(42, "/who")
    usage = await api.message(42, count=3)
    assert "/who Svoik" in usage.plain


async def test_listing_commands(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "/speakers")
    speakers = await api.message(42)
    assert "Pyotr Svoik, an Almaty-based political analyst — 2 passages" in speakers.plain
    assert "the Kazak foreign ministry" in speakers.plain
    api.send_text(42, "/articles")
    articles = await api.message(42, count=2)
    assert "Kazakstan's Balancing Act Over Ukraine Ties · IWPR · 26 June 2014 — " in articles.plain
    api.send_text(42, "/about")
    about = await api.message(42, count=3)
    assert "How to cite" in about.plain
    assert "quoted in “Kazakstan's Balancing Act Over Ukraine Ties”, IWPR, 26 June 2014" in (
        about.plain
    )
    api.send_text(42, "/help")
    helped = await api.message(42, count=4)
    assert "/who NAME" in helped.plain and "@whosaid_test_bot" in helped.plain


async def test_start_greets_with_example_questions_that_work(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "/start")
    sent = await api.message(42)
    assert sent.plain.startswith("Hello!")
    examples = [line[2:] for line in sent.plain.splitlines() if line.startswith("• ")]
    assert PICKET in examples
    for number, example in enumerate(examples, start=2):
        api.send_text(42, example)
        answer = await api.message(42, count=number)
        assert "1–" in answer.plain.splitlines()[0] or " · 1 of " in answer.plain


async def test_groups_answer_commands_mentions_and_replies_only(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(GROUP, "lol what a day", chat_type="supergroup", user_id=7)
    api.send_text(GROUP, "/ask@whosaid_test_bot " + PICKET, chat_type="supergroup", user_id=7)
    asked = await api.message(GROUP)
    assert "Andrei Grishin" in asked.plain
    api.send_text(GROUP, "@whosaid_test_bot what did Svoik say", chat_type="supergroup", user_id=8)
    mentioned = await api.message(GROUP, count=2)
    assert "Pyotr Svoik" in mentioned.plain
    api.send_text(GROUP, "more", chat_type="supergroup", user_id=7, reply_to=asked)
    replied = await api.message(GROUP, count=3)
    assert "chatter" not in replied.plain
    # Only those three were answered: the chatter and nothing else.
    await asyncio.sleep(0.2)
    answers = api.calls_to("sendMessage", chat_id=GROUP)
    assert len(answers) == 3
    # In a group the answer quotes the question it answers.
    assert all("reply_parameters" in c.params for c in answers)


async def test_non_text_gets_a_hint(bot: RunningBot) -> None:
    api = bot.api
    api.send_sticker(42)
    sent = await api.message(42)
    assert sent.plain.startswith("I can only read text.")
    api.send_sticker(GROUP, chat_type="supergroup")
    await asyncio.sleep(0.2)
    assert not api.calls_to("sendMessage", chat_id=GROUP)


async def test_a_very_long_question_is_cut_and_still_answered(bot: RunningBot) -> None:
    api = bot.api
    question = "Who picketed the Russian embassy? " + "and why " * 1000  # 8000+ characters
    api.send_text(42, question)
    sent = await api.message(42)
    assert "Andrei Grishin" in sent.plain
    assert "I read only the first 400 characters of your question." in sent.plain


async def test_nonsense_gets_a_helpful_nothing_found(bot: RunningBot) -> None:
    api = bot.api
    api.send_text(42, "<zzxq> & qqqq")
    sent = await api.message(42)
    assert sent.plain.startswith(
        "I found no passage that answers <zzxq> & qqqq: the articles never mention “zzxq” or "
        "“qqqq”."
    )
    assert not sent.buttons()


async def test_inline_mode_answers_with_attributed_results(bot: RunningBot) -> None:
    api = bot.api
    query_id = api.inline_query(42, "Russia")
    call = await api.expect("answerInlineQuery", inline_query_id=query_id)
    results = call.params["results"]
    assert 1 <= len(results) <= 50
    first = results[0]
    text = first["input_message_content"]["message_text"]
    assert first["title"] and "Kazakstan's Balancing Act Over Ukraine Ties" in first["description"]
    assert "<b>" in text and "IWPR · 26 June 2014" in text
    assert call.params.get("next_offset")  # more than one page of passages mention Russia

    # Paging never goes past 50 results in all.
    nxt = api.inline_query(42, "Russia", offset="45")
    last = await api.expect("answerInlineQuery", inline_query_id=nxt)
    assert len(last.params["results"]) <= 5 and not last.params.get("next_offset")

    empty = api.inline_query(42, "")
    call = await api.expect("answerInlineQuery", inline_query_id=empty)
    assert call.params["results"] == []


async def test_allowlist_refuses_others_once_and_then_stays_silent(
    api: FakeBotAPI, launch: Any
) -> None:
    await launch(allowed_chats=frozenset({42}))
    api.send_text(99, PICKET)
    refusal = await api.message(99)
    assert refusal.plain == REFUSAL
    api.send_text(99, "/help")
    api.inline_query(99, "Russia")
    api.send_text(42, PICKET)
    await api.message(42)
    await asyncio.sleep(0.2)
    assert len(api.calls_to("sendMessage", chat_id=99)) == 1
    assert not api.calls_to("answerInlineQuery")
    assert not api.calls_to("sendChatAction", chat_id=99)


async def test_reload_is_for_admins(api: FakeBotAPI, tmp_path: Path, launch: Any) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS_DIR, corpus)
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    settings = make_settings(api, index_dir, corpus_dir=corpus, admin_chats=frozenset({5}))
    await launch(settings=settings)
    api.send_text(42, "/reload")
    refused = await api.message(42)
    assert refused.plain == "Only the bot's admins can reload the index."
    api.send_text(5, "/reload")
    unchanged = await api.message(5)
    assert unchanged.plain.startswith("The index has not changed: build ")

    (corpus / "2015-02-01-bees.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    report = await asyncio.to_thread(build_index, corpus, index_dir)
    api.send_text(5, "/reload")
    reloaded = await api.message(5, count=2)
    assert reloaded.plain.startswith(f"Reloaded the index: build {report.build_id}, 2 articles, ")
    # Admins see /reload in their command menu.
    assert any("reload" in str(commands) for commands in api.commands.values())


NEW_ARTICLE = """+++
title = "Steppe Beekeepers <Face> a Hard Winter"
publisher = "Field & Hive"
date = 2015-02-01
url = "https://example.org/bees?a=1&b=2"
+++

Beekeepers in the steppe lost many hives this winter.

“The frost came early and the bees never recovered,” said Aigerim Bekova, a beekeeper from Taraz.
"""


async def test_a_rebuilt_index_is_noticed_without_a_restart(
    api: FakeBotAPI, tmp_path: Path, launch: Any
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED_CORPUS_DIR, corpus)
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir)
    await launch(settings=make_settings(api, index_dir, corpus_dir=corpus))
    api.send_text(42, "beekeepers frost")
    before = await api.message(42)
    assert "Bekova" not in before.plain

    (corpus / "2015-02-01-bees.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    await asyncio.to_thread(build_index, corpus, index_dir)
    await asyncio.sleep(1.1)  # the bot looks at the index folder at most once a second
    api.send_text(42, "beekeepers frost")
    after = await api.message(42, count=2)
    assert "Aigerim Bekova" in after.plain
    # Escaped title and publisher; the title links to the article.
    assert (
        '<a href="https://example.org/bees?a=1&amp;b=2">Steppe Beekeepers &lt;Face&gt; a Hard '
        "Winter</a> · Field &amp; Hive · 1 February 2015" in after.html
    )


class SlowFor:
    """The real searcher, but one question's first page takes `delay` seconds (a huge index)."""

    def __init__(self, searcher: SearcherLike, slow_query: str, delay: float) -> None:
        self._searcher = searcher
        self._slow = slow_query
        self._delay = delay

    def __getattr__(self, name: str) -> Any:
        return getattr(self._searcher, name)

    def search(self, query: str, k: int = 3, **kwargs: Any) -> SearchResult:
        if query == self._slow and not kwargs.get("offset"):
            time.sleep(self._delay)
        return self._searcher.search(query, k, **kwargs)


def slow_engine(settings: Any, slow_query: str, delay: float = 1.0) -> Engine:
    real = engine_for(settings)
    inner_open, inner_reopen = real._open_fresh, real._reopen
    return Engine(
        lambda: (SlowFor(inner_open()[0], slow_query, delay), []),
        lambda: SlowFor(inner_reopen(), slow_query, delay),
        settings.index_dir,
    )


async def test_many_chats_at_once_but_one_chat_in_order(
    api: FakeBotAPI, built_index: Path, launch: Any
) -> None:
    settings = make_settings(api, built_index)
    await launch(settings=settings, engine=slow_engine(settings, PICKET, delay=1.0))
    api.send_text(1, PICKET)  # slow
    api.send_text(1, "more")  # must wait for the question it follows
    api.send_text(2, "multi-vector foreign policy")  # another chat: must not wait
    fast = await api.message(2)
    slow = await api.message(1)
    follow_up = await api.message(1, count=2)
    order = [c.params["_message_id"] for c in api.calls_to("sendMessage") if c.ok]
    assert order == [fast.message_id, slow.message_id, follow_up.message_id]
    assert follow_up.plain.startswith(f"🔎 {PICKET} · 4–")


class Broken:
    def __getattr__(self, name: str) -> Any:
        raise RuntimeError("disk on fire")

    build_id = "broken"


async def test_errors_are_logged_and_the_user_gets_one_sentence(
    api: FakeBotAPI, built_index: Path, caplog: pytest.LogCaptureFixture, launch: Any
) -> None:
    engine = Engine(lambda: (Broken(), []), Broken, built_index)  # type: ignore[arg-type,return-value]
    await launch(engine=engine)
    with caplog.at_level(logging.ERROR):
        api.send_text(42, PICKET)
        sent = await api.message(42)
    assert sent.plain == SORRY
    assert "disk on fire" in caplog.text and "Traceback" in caplog.text


async def test_an_unreachable_api_is_one_clear_error(api: FakeBotAPI, built_index: Path) -> None:
    port = api.port
    api.stop()  # nothing listens there any more
    settings = make_settings(api, built_index, telegram_base_url=f"http://127.0.0.1:{port}/bot/")
    app = build_application(settings, engine_for(settings))
    with pytest.raises(UserError, match=rf"cannot reach the Telegram Bot API at 127.0.0.1:{port}"):
        await serve(app, settings, asyncio.Event())
    bad = make_settings(api, built_index, telegram_base_url="https://api.telegram.org/")
    with pytest.raises(UserError, match="must end in /bot"):
        build_application(bad, engine_for(bad))
