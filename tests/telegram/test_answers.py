"""Issue 10 in the real bot (fake Bot API): no answer, corrections, the sentence before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.telegram.conftest import make_settings
from tests.telegram.fake_bot_api import FakeBotAPI

UNANSWERABLE = [
    "What did Putin say about NATO?",
    "What is the weather like in Paris?",
    "How many medals did Kazakhstan win at the Olympics?",
    "What do experts think about climate change?",
]


@pytest.fixture
async def mixed_bot(launch: Any, api: FakeBotAPI, mixed_corpus: tuple[Path, Path]) -> Any:
    corpus, index = mixed_corpus
    return await launch(settings=make_settings(api, index, corpus_dir=corpus))


async def test_questions_the_articles_cannot_answer_get_a_reply_that_says_so(
    mixed_bot: Any,
) -> None:
    api = mixed_bot.api
    for count, question in enumerate(UNANSWERABLE, start=1):
        api.send_text(42, question)
        sent = await api.message(42, count=count)
        assert sent.plain.startswith(f"I found no passage that answers {question}: "), sent.plain
        assert "The articles are about: Kazakstan's Balancing Act Over Ukraine Ties" in sent.plain
        assert "Quoted: " in sent.plain
        assert not sent.buttons()  # nothing to page through or open


async def test_a_typo_is_corrected_and_a_variant_spelling_is_not_called_one(
    mixed_bot: Any,
) -> None:
    api = mixed_bot.api
    api.send_text(42, "embasy protest")
    sent = await api.message(42)
    assert "Searched for embassy (not embasy)." in sent.plain
    assert "picket the Russian embassy" in sent.plain
    api.send_text(42, "Why did Kazakhstan abstain at the UN?")
    sent = await api.message(42, count=2)
    assert "Searched for" not in sent.plain
    assert "abstained from voting" in sent.plain


async def test_the_sentence_before_shows_above_a_passage_and_context_shows_the_paragraph(
    mixed_bot: Any,
) -> None:
    api = mixed_bot.api
    api.send_text(42, "How long is the Zhezkazgan–Beineu line?")
    sent = await api.message(42)
    assert "<i>Kazakhstan has opened the Zhezkazgan–Beineu railway" in sent.html
    blocks = sent.plain.split("\n\n")  # the header, then one block per passage
    position = next(n for n, block in enumerate(blocks) if "The line runs for 988" in block)
    block = blocks[position]
    assert block.index("Kazakhstan has opened the Zhezkazgan") < block.index("The line runs")
    api.press(sent, f"Context {position}")
    await api.expect("editMessageText", chat_id=42)
    assert "Paragraph 2 of the article" in sent.plain
    assert "<u>The <b>line</b> runs for 988 kilometres" in sent.html  # the passage, marked


async def test_a_question_on_the_right_article_it_does_not_answer_gets_no_answer(
    launch: Any, api: FakeBotAPI, newsroom_corpus: tuple[Path, Path]
) -> None:
    corpus, index = newsroom_corpus
    await launch(settings=make_settings(api, index, corpus_dir=corpus))
    api.send_text(42, "What did the Prime Minister say about the floods?")
    sent = await api.message(42)
    assert sent.plain.startswith(
        "I found no passage that answers What did the Prime Minister say about the floods?: "
        "no passage quotes “Prime Minister”."
    ), sent.plain
    assert not sent.buttons()
    api.send_text(42, "Who is the CEO of Pemberton Securities?")
    sent = await api.message(42, count=2)
    assert "the articles never mention “CEO”" in sent.plain
    api.send_text(42, "When was Nazarbayev born?")  # named, but not what is asked
    sent = await api.message(42, count=3)
    assert sent.plain.startswith(
        "I found no passage that answers When was Nazarbayev born?: "
        "the articles never mention “born”."
    ), sent.plain
    api.send_text(42, "what did the deputy mayor say")  # the same shape, answered
    sent = await api.message(42, count=4)
    assert "Usupov" in sent.plain and "no passage" not in sent.plain
