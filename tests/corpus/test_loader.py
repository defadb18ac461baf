"""Loading a corpus folder: every good file read, every bad file reported, none lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpus.loader import CorpusMissing, iter_article_files, load_corpus
from corpus.paths import BUNDLED_CORPUS_DIR
from tests.corpus.golden import FIXTURES


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for path in FIXTURES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.md").write_bytes(b"\x00\x01\x02\x03")
    (tmp_path / "notes.docx").write_text("not an article")
    (tmp_path / ".hidden.txt").write_text("Title\n\nBody.")
    return tmp_path


def test_article_files_are_sorted_and_filtered(corpus: Path) -> None:
    names = [path.name for path in iter_article_files(corpus)]
    assert names == sorted(names)
    assert "notes.docx" not in names and ".hidden.txt" not in names
    assert {"empty.txt", "binary.md", "tashkent-water-talks.md"} <= set(names)


def test_bad_files_cost_only_themselves(corpus: Path) -> None:
    load = load_corpus(corpus)
    assert sorted(a.id for a in load.articles) == sorted(p.stem for p in FIXTURES.iterdir())
    assert sorted(Path(e.source).name for e in load.errors) == ["binary.md", "empty.txt"]
    assert all(str(e).startswith(str(corpus)) for e in load.errors)


def test_two_files_with_one_id_are_reported(corpus: Path) -> None:
    shutil.copy(FIXTURES / "aktau-oil-strike.txt", corpus / "aktau-oil-strike.md")
    load = load_corpus(corpus)
    assert [a.id for a in load.articles].count("aktau-oil-strike") == 1
    assert any("same article id" in str(e) for e in load.errors)


def test_the_bundled_corpus_loads() -> None:
    load = load_corpus(BUNDLED_CORPUS_DIR)
    assert load.errors == []
    assert load.articles[0].id.startswith("2014-06-26-kazakstans")


def test_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(CorpusMissing, match="no such folder"):
        load_corpus(tmp_path / "nowhere")
