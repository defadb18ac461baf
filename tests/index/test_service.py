"""Opening the index for a command: first build, staleness notes, outdated formats."""

from __future__ import annotations

import json
import os
from pathlib import Path

from index.build import build_index
from index.service import open_searcher
from index.store import FORMAT_VERSION, MANIFEST
from tests.index.articles import MINES, write_article


def test_the_first_question_builds_the_index(small_corpus: Path, tmp_path: Path) -> None:
    searcher, notes = open_searcher(small_corpus, tmp_path / "index")
    assert notes == [notes[0]] and notes[0].startswith("no index yet: built one from 2 articles")
    assert searcher.search("railway freight", 1).hits


def test_an_up_to_date_index_opens_without_notes(small_corpus: Path, tmp_path: Path) -> None:
    build_index(small_corpus, tmp_path / "index")
    _, notes = open_searcher(small_corpus, tmp_path / "index")
    assert notes == []


def test_added_changed_and_removed_articles_are_reported_with_the_command(
    small_corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    write_article(small_corpus, "mines.txt", "Copper Country", MINES)
    (small_corpus / "rail.txt").write_text("+++\ntitle = 'Rail'\n+++\n\nTrains are late.\n")
    (small_corpus / "grain.txt").unlink()
    searcher, notes = open_searcher(small_corpus, index_dir, rebuild_command="whosaid rebuild X")
    assert notes == [
        "3 article files changed since the index was built (1 added, 1 changed, 1 removed); "
        "run `whosaid rebuild X`"
    ]
    # The stale index still answers (with what it had) rather than blocking the question.
    assert searcher.search("wheat harvest", 1).hits


def test_touching_a_file_without_changing_it_is_not_staleness(
    small_corpus: Path, tmp_path: Path
) -> None:
    build_index(small_corpus, tmp_path / "index")
    os.utime(small_corpus / "grain.txt", ns=(1, 1))
    _, notes = open_searcher(small_corpus, tmp_path / "index")
    assert notes == []


def test_an_index_of_another_corpus_is_reported(small_corpus: Path, tmp_path: Path) -> None:
    build_index(small_corpus, tmp_path / "index")
    other = tmp_path / "other"
    write_article(other, "mines.txt", "Copper Country", MINES)
    _, notes = open_searcher(other, tmp_path / "index")
    assert len(notes) == 1 and "the index was built from" in notes[0]


def test_an_index_of_an_older_format_is_rebuilt(small_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    manifest = json.loads((index_dir / MANIFEST).read_text())
    manifest["format_version"] = 0
    (index_dir / MANIFEST).write_text(json.dumps(manifest))
    searcher, notes = open_searcher(small_corpus, index_dir)
    assert notes[0].startswith("the index was outdated: built one from 2 articles")
    assert searcher.manifest.format_version == FORMAT_VERSION


def test_staleness_counts_the_files_the_loader_reads(small_corpus: Path, tmp_path: Path) -> None:
    from corpus.loader import load_corpus
    from index.service import staleness
    from index.store import read_manifest

    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    (small_corpus / ".hidden.txt").write_text("x")
    (small_corpus / "notes.pdf").write_text("x")
    (small_corpus / "folder.md").mkdir()
    (small_corpus / "page.HTML").write_text("<p>x</p>")
    manifest = read_manifest(index_dir)
    assert staleness(small_corpus, manifest).added == ["page.HTML"]
    # The folder named like an article is not read, only named (issue 11).
    errors = [Path(error.source).name for error in load_corpus(small_corpus).errors]
    assert errors == ["folder.md", "page.HTML"]


def test_a_damaged_file_is_caught_even_after_a_clean_check_was_remembered(
    small_corpus: Path, tmp_path: Path
) -> None:
    import pytest

    from index.errors import IndexCorrupt
    from index.service import VERIFIED_STAMP

    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    open_searcher(small_corpus, index_dir)
    assert (index_dir / VERIFIED_STAMP).is_file()
    open_searcher(small_corpus, index_dir)  # the remembered check: still fine
    weights = index_dir / "bm25" / "bm25_weights.npy"
    data = bytearray(weights.read_bytes())
    data[-3] ^= 0x5A
    weights.write_bytes(bytes(data))
    with pytest.raises(IndexCorrupt, match=r"bm25_weights\.npy"):
        open_searcher(small_corpus, index_dir)
