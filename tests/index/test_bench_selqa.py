"""The SelQA benchmark's harness on a tiny split in SelQA's format, written here."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from index import bench_selqa

_SECTION = [
    "The Marlow ferry crosses the estuary every forty minutes.",
    "Its newest boat, the Heron, entered service in 2019.",
    "Tickets cost four pounds for adults.",
]


def _item(question: str, answer: int, paraphrase: bool) -> dict[str, object]:
    return {
        "section": "Service",
        "question": question,
        "article": "Marlow ferry",
        "is_paraphrase": paraphrase,
        "topic": "TRAVEL",
        "answers": [answer],
        "candidates": _SECTION,
        "q_types": ["what"],
    }


def test_a_tiny_split_is_indexed_asked_and_scored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ass").mkdir()
    items = [
        _item("How often does the Marlow ferry cross the estuary?", 0, False),
        _item("When did the Heron enter service?", 1, False),
        _item("What is the fare for a grown-up?", 2, True),
        _item("What did the mayor say about the ferry's fuel?", 0, True),
    ]
    (tmp_path / "ass" / "selqa-ass-dev.json").write_text(json.dumps(items), "utf-8")
    assert bench_selqa.main(["--selqa", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "SelQA dev: 4 questions over 1 articles" in out
    rows = {
        (m[1], m[2]): m.group(0)
        for m in re.finditer(
            r"^(original|paraphrased|all)\s+(naive rank-bm25|whosaid)\s.*$", out, re.M
        )
    }
    # The two original questions share their answer's words: both found first.
    assert re.search(r"\s2\s+1\.000\s+1\.000\s+1\.000\s+0\.000$", rows[("original", "whosaid")])
    assert ("all", "naive rank-bm25") in rows


def test_a_folder_without_selqa_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_selqa.main(["--selqa", str(tmp_path)]) == 1
    assert "cannot read SelQA's dev split" in capsys.readouterr().out
