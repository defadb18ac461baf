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


def _item(
    question: str,
    answer: int,
    paraphrase: bool,
    article: str = "Marlow ferry",
    section: str = "Service",
    sentences: list[str] = _SECTION,
) -> dict[str, object]:
    return {
        "section": section,
        "question": question,
        "article": article,
        "is_paraphrase": paraphrase,
        "topic": "TRAVEL",
        "answers": [answer],
        "candidates": sentences,
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


def test_no_answer_leaves_sections_out_and_asks_their_questions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ass").mkdir()
    items = [
        _item("How often does the Marlow ferry cross the estuary?", 0, False),
        _item(
            "Which ironworks built the first chain ferry at Marlow?",
            0,
            False,
            section="History",
            sentences=["The first chain ferry at Marlow was built by a Norwich ironworks in 1887."],
        ),
    ]
    (tmp_path / "ass" / "selqa-ass-dev.json").write_text(json.dumps(items), "utf-8")
    removed = bench_selqa.removed_sections(items)
    # One of the article's two sections goes, the same one on every run.
    assert len(removed) == 1 and removed == bench_selqa.removed_sections(list(reversed(items)))
    assert bench_selqa.main(["--selqa", str(tmp_path), "--no-answer"]) == 0
    out = capsys.readouterr().out
    assert "1 answerable questions over 1 articles" in out
    assert (
        "1 unanswerable on a left-out section of an indexed article, 0 on a left-out article" in out
    )
    row = re.search(r"^whosaid\s+(\d+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+) \((\d+)\)\s+-$", out, re.M)
    assert row is not None, out
    # The kept section's question is found first; the left-out one's gets "no answer" (its
    # article is there, about a ferry at Marlow, but says nothing of who built it).
    assert row.groups() == ("1", "1.000", "1.000", "0.000", "1.000", "1")
    naive = re.search(r"^naive rank-bm25\s.*\s0\.000 \(1\)\s+-$", out, re.M)
    assert naive is not None, out  # rank-bm25 answers everything
