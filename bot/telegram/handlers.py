"""What the bot does with each kind of update: questions, commands, buttons, inline queries.

Handlers only turn updates into calls on the searcher (through the Engine, off the event loop)
and results into messages (render.py); they hold no search logic of their own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatAction, ChatType
from telegram.error import BadRequest, TelegramError
from telegram.ext import ContextTypes

from bot.conversation import Conversation, Turn, search_turn
from bot.settings import Settings
from bot.telegram import keyboards, render
from bot.telegram.chats import ChatState, chat_state
from bot.telegram.engine import Engine, SearcherLike
from index.results import SearchResult

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

INLINE_MAX = 50  # Telegram shows at most 50 results per inline answer
INLINE_PAGE = 10
_TYPING_EVERY = 4.5  # Telegram shows "typing…" for about five seconds
_EXAMPLES = (
    "What happens to people who picket the Russian embassy?",
    "Why did Kazakstan abstain on the UN resolution on Crimea?",
    "What do analysts say about the multi-vector foreign policy?",
)


def _engine(context: Context) -> Engine:
    engine: Engine = context.bot_data["engine"]
    return engine


def _settings(context: Context) -> Settings:
    settings: Settings = context.bot_data["settings"]
    return settings


def _is_private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


@contextlib.asynccontextmanager
async def typing(context: Context, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" while the body runs; the first action is sent before the answer."""
    first_sent = asyncio.Event()

    async def keep_typing() -> None:
        while True:
            try:
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError as error:  # cosmetic: never let it cost the answer
                log.debug("typing action failed: %s", error)
            first_sent.set()
            await asyncio.sleep(_TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(first_sent.wait(), timeout=2)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


# --- questions -------------------------------------------------------------------------------


def _search(
    searcher: SearcherLike, conversation: Conversation, text: str, k: int
) -> tuple[Turn, SearchResult | None]:
    turn = conversation.interpret(text, searcher)
    if turn.reply is not None:  # the bot asks back ("whom do you mean by “she”?")
        return turn, None
    return turn, search_turn(searcher, turn, k)


async def answer_question(update: Update, context: Context, text: str) -> None:
    message = update.effective_message
    if message is None:
        return
    question, cut = render.cut_question(text)
    if not question:
        await reply(message, "Ask me a question in words, e.g. <i>What did Svoik say?</i>")
        return
    state = chat_state(context.chat_data)
    k = _settings(context).top_k
    async with typing(context, message.chat_id):
        turn, result = await _engine(context).call(
            lambda s: _search(s, state.conversation, question, k)
        )
    if result is None:
        await reply(message, render.esc(turn.reply or ""))
        return
    await send_results(message, state, turn, result, k, cut=cut)


async def send_results(
    message: Message,
    state: ChatState,
    turn: Turn,
    result: SearchResult,
    k: int,
    *,
    cut: bool = False,
) -> None:
    """Reply with the page that fits one message; the conversation remembers what was shown."""
    text, shown = render.fit_page(result, question=turn.query, speaker=turn.speaker, cut=cut)
    # Questions are the users' words: only at DEBUG, never at the default level.
    log.debug(
        "chat %s: %r speaker=%s offset=%d -> %d of %d in %.1f ms",
        message.chat_id,
        turn.query,
        turn.speaker,
        turn.offset,
        len(shown.hits),
        result.total,
        result.took_ms,
    )
    state.conversation.record(turn, shown)
    ref = state.remember(turn.query, turn.speaker, turn.exclude)
    markup = keyboards.results(ref, shown, k) if shown.hits else None
    await reply(message, text, reply_markup=markup)


async def reply(message: Message, text: str, **kwargs: Any) -> Message:
    # In groups the answer quotes the question so it is clear whom it answers.
    return await message.reply_text(text, do_quote=not _is_private(message), **kwargs)


def _addressed_text(message: Message, username: str, bot_id: int) -> str | None:
    """The question in a message meant for the bot, or None for chatter the bot should ignore."""
    if message.via_bot is not None and message.via_bot.id == bot_id:
        return None  # one of our own inline answers, posted by a user: not a question
    text = message.text or ""
    mention = f"@{username}".lower()
    mentioned = any(
        value.lower() == mention
        for value in message.parse_entities([MessageEntity.MENTION]).values()
    )
    replied = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == bot_id
    )
    if not (mentioned or replied or _is_private(message)):
        return None
    if mentioned:
        index = text.lower().find(mention)
        text = text[:index] + text[index + len(mention) :]
    return text.strip(" ,:")


async def on_text(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    text = _addressed_text(message, context.bot.username, context.bot.id)
    if text is None:
        return
    await answer_question(update, context, text)


async def on_ask(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question.strip():
        await reply(
            message, "Put your question after /ask, e.g. <code>/ask What did Svoik say?</code>"
        )
        return
    # Keep the user's own spacing: everything after the command word.
    text = message.text or ""
    await answer_question(update, context, text.split(maxsplit=1)[1] if " " in text else question)


async def on_other(update: Update, context: Context) -> None:
    """Stickers, photos, voice…: a hint in private chats and in replies to the bot."""
    message = update.effective_message
    if message is None:
        return
    replied = (
        message.reply_to_message is not None
        and message.reply_to_message.from_user is not None
        and message.reply_to_message.from_user.id == context.bot.id
    )
    if _is_private(message) or replied:
        await reply(
            message,
            "I can only read text. Send me a question in words, e.g. "
            f"<i>{render.esc(_EXAMPLES[0])}</i>",
        )


async def on_unknown_command(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None or not _is_private(message):
        return  # in groups, unknown commands are probably meant for other bots
    command = (message.text or "/").split()[0]
    await reply(message, f"I don't know {render.esc(command)}. /help lists what I can do.")


# --- commands --------------------------------------------------------------------------------


async def _examples(context: Context) -> list[str]:
    def pick(searcher: SearcherLike) -> list[str]:
        people = [s.name for s in searcher.speakers() if s.kind == "person" and s.name]
        candidates = [*_EXAMPLES, *(f"What did {name.split()[-1]} say?" for name in people[:1])]
        found = [q for q in candidates if searcher.search(q, 1).hits]
        return found[:3]

    return await _engine(context).call(pick)


async def on_start(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    if context.args and context.args[0] == "help":
        await on_help(update, context)
        return
    examples = await _examples(context)
    lines = [
        "Hello! I find <b>who said what</b> in the news articles I have read.",
        "Ask me a question in your own words and I answer with the passages that answer it: "
        "who said it, what they said, and where it was published.",
    ]
    if examples:
        lines += ["", "Try for example:", *(f"• <i>{render.esc(q)}</i>" for q in examples)]
    lines += ["", "/help lists everything I can do."]
    await reply(message, "\n".join(lines))


def help_text(username: str) -> str:
    bot = render.esc(f"@{username}")
    return "\n".join(
        [
            "<b>How to use me</b>",
            "Send a question in your own words. Each answer shows who said it (in bold, with "
            "their role), the passage with your words highlighted, and the article it comes from.",
            "",
            "<b>Follow-ups</b>: <i>more</i> · <i>what else did he say?</i> · <i>and Svoik?</i>",
            "<b>Buttons</b>: Context shows the whole paragraph; More shows the next passages.",
            "",
            "/who NAME – what one speaker said",
            "/speakers – who is quoted",
            "/articles – the articles I have read",
            "/about – sources and how to cite them",
            "/ask QUESTION – ask in a group",
            "",
            f"In groups I answer /ask, mentions of {bot} and replies to my messages. "
            f"In any chat, type {bot} and a question to share an answer.",
        ]
    )


async def on_help(update: Update, context: Context) -> None:
    if update.effective_message is not None:
        await reply(update.effective_message, help_text(context.bot.username))


async def _send_all(message: Message, parts: list[str]) -> None:
    for part in parts:
        await reply(message, part)


async def on_speakers(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    summaries = await _engine(context).call(lambda s: s.speakers())
    await _send_all(update.effective_message, render.speakers(summaries))


async def on_articles(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    summaries = await _engine(context).call(lambda s: s.articles())
    await _send_all(update.effective_message, render.articles(summaries))


async def on_about(update: Update, context: Context) -> None:
    if update.effective_message is None:
        return
    engine = _engine(context)
    summaries = await engine.call(lambda s: s.articles())
    parts = render.about(summaries)
    if engine.warnings:
        parts.append("<i>Note: " + render.esc(" ".join(engine.warnings)) + "</i>")
    await _send_all(update.effective_message, parts)


async def on_who(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    name = " ".join(context.args or []).strip()
    if not name:
        await reply(
            message, "Whose words? e.g. <code>/who Svoik</code>. /speakers lists who is quoted."
        )
        return
    name, _ = render.cut_question(name, 100)
    state = chat_state(context.chat_data)
    k = _settings(context).top_k

    def run(searcher: SearcherLike) -> tuple[Turn, SearchResult] | None:
        found = searcher.find_speaker(name)
        if found is None:
            return None
        corrected = (found.typed, found.name) if found.corrected else None
        turn = Turn(query="", speaker=found.name, corrected=corrected)
        return turn, search_turn(searcher, turn, k)

    async with typing(context, message.chat_id):
        found = await _engine(context).call(run)
    if found is None:
        await reply(
            message,
            f"I don't know anyone called <i>{render.esc(name)}</i>. /speakers lists who is quoted.",
        )
        return
    await send_results(message, state, *found, k)


async def on_reload(update: Update, context: Context) -> None:
    message = update.effective_message
    if message is None:
        return
    if not context.bot_data["access"].is_admin(update):
        await reply(message, "Only the bot's admins can reload the index.")
        return
    try:
        reloaded = await _engine(context).reload()
    except Exception as error:
        log.exception("reload failed")
        await reply(
            message,
            f"Could not reload the index ({render.esc(str(error))}); still serving the old one.",
        )
        return
    summary = await _engine(context).call(lambda s: (len(s.articles()), len(s.speakers())))
    status = "Reloaded the index" if reloaded.changed else "The index has not changed"
    lines = [
        f"{status}: build <code>{render.esc(reloaded.build_id)}</code>, "
        f"{summary[0]} articles, {summary[1]} speakers."
    ]
    lines += [f"⚠️ {render.esc(w)}" for w in reloaded.warnings]
    await reply(message, "\n".join(lines))


# --- buttons ---------------------------------------------------------------------------------


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    press = keyboards.decode(query.data)
    state = chat_state(context.chat_data)
    asked = state.recall(press.ref) if press else None
    if press is None or asked is None or context.chat_data is None:
        await query.answer("This button has expired. Please ask your question again.")
        return
    k = _settings(context).top_k
    engine = _engine(context)
    result = await engine.call(
        lambda s: s.search(
            asked.query, k, speaker=asked.speaker, offset=press.offset, exclude=asked.exclude
        )
    )
    if press.action == "page":
        if not result.hits:
            await query.answer("There are no more passages for this question.")
            return
        turn = Turn(
            asked.query,
            asked.speaker,
            press.offset,
            is_more=press.offset > 0,
            exclude=asked.exclude,
        )
        text, shown = render.fit_page(result, question=asked.query, speaker=asked.speaker)
        state.conversation.record(turn, shown)
        markup = keyboards.results(press.ref, shown, k)
    else:
        if press.index >= len(result.hits):
            await query.answer("That passage is gone from the index. Please ask again.")
            return
        hit = result.hits[press.index]
        passage = hit.passage
        around = await engine.call(
            lambda s: [
                s.paragraph_text(passage.article_id, n) if n >= 0 else None
                for n in (passage.paragraph - 1, passage.paragraph, passage.paragraph + 1)
            ]
        )
        text = render.context(
            passage, around[1] or passage.text, hit.matched, before=around[0], after=around[2]
        )
        markup = keyboards.back_to_results(press.ref, press.offset)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        # A second press on the same button asks for what is already shown.
        if "not modified" not in error.message.lower():
            raise
    await query.answer()


# --- inline mode -----------------------------------------------------------------------------


async def on_inline(update: Update, context: Context) -> None:
    inline = update.inline_query
    if inline is None:
        return
    question, _ = render.cut_question(inline.query, 256)
    if not question:
        await inline.answer(
            [],
            cache_time=300,
            button=InlineQueryResultsButton("How to ask me", start_parameter="help"),
        )
        return
    offset = int(inline.offset) if inline.offset.isdecimal() else 0
    size = min(INLINE_PAGE, INLINE_MAX - offset)
    if size <= 0 or (inline.offset and not inline.offset.isdecimal()):
        await inline.answer([], cache_time=30)
        return

    def run(searcher: SearcherLike) -> tuple[Turn, SearchResult]:
        # A fresh conversation understands "what did Svoik say about …" but remembers nothing.
        turn = Conversation().interpret(question, searcher)
        if turn.reply is not None:  # "what else did he say?" means nobody here: search it
            turn = Turn(query=question)
        return turn, searcher.search(turn.query, size, speaker=turn.speaker, offset=offset)

    _, result = await _engine(context).call(run)
    results = [
        InlineQueryResultArticle(
            id=str(hit.rank),
            title=render.inline_title(hit),
            description=render.inline_description(hit),
            input_message_content=InputTextMessageContent(
                render.inline_message(hit, question=question)
            ),
        )
        for hit in result.hits
    ]
    end = offset + len(result.hits)
    more = bool(result.hits) and end < min(result.total, INLINE_MAX)
    # No more pages is next_offset=None, not "": PTB 22.8 with Defaults turns "" into "[]",
    # which Telegram would send back as the offset of a page that does not exist.
    await inline.answer(results, cache_time=30, next_offset=str(end) if more else None)
