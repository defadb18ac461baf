"""The semantic rerank in the real bot (fake Bot API): the answer put in other words first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from index import embed
from index.build import build_index
from tests.index.test_semantic import ANSWER, PARAPHRASED
from tests.telegram.conftest import make_settings
from tests.telegram.fake_bot_api import FakeBotAPI

# BM25's own first passage for the question, which matches its "stops" and "Kazakh" (as
# tests/index/test_semantic.py shows, the answer's passage is not first by BM25 alone).
BM25_FIRST = "the campaign was stopped by the local authorities"


@pytest.mark.parametrize("setting", ["on", "off"])
async def test_the_bot_puts_the_reworded_answer_first_with_the_rerank(
    setting: str,
    launch: Any,
    api: FakeBotAPI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(embed.SETTING, "on")
    assert embed.encoder() is not None, "needs the model: see .ci/run"
    build_index(BUNDLED_CORPUS_DIR, tmp_path / "index")
    monkeypatch.setenv(embed.SETTING, setting)
    await launch(settings=make_settings(api, tmp_path / "index"))
    api.send_text(42, PARAPHRASED)
    sent = await api.message(42)
    assert ANSWER in sent.plain and BM25_FIRST in sent.plain, sent.plain
    reranked = sent.plain.index(ANSWER) < sent.plain.index(BM25_FIRST)
    assert reranked is (setting == "on"), sent.plain
