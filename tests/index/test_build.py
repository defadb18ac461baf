"""Index on disk: manifest, checksums, atomic swaps, incremental rebuilds, damaged indexes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import index.build
from index.build import build_index
from index.errors import BuildError, DiskFull, IndexCorrupt, IndexMissing, IndexOutdated
from index.search import Searcher
from index.store import DATABASE, FORMAT_VERSION, MANIFEST, recover
from tests.index.articles import GRAIN, MINES, RAIL, write_article


def test_manifest_records_format_tokenizer_bm25_hashes_and_checksums(
    small_corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    report = build_index(small_corpus, index_dir)
    manifest = json.loads((index_dir / MANIFEST).read_text())
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["tokenizer"]["stemmer"] == "snowball-english"
    assert manifest["bm25"] == {"k1": 1.5, "b": 0.75, "epsilon": 0.25}
    grain = (small_corpus / "grain.txt").read_bytes()
    assert manifest["files"]["grain.txt"]["sha256"] == hashlib.sha256(grain).hexdigest()
    assert manifest["files"]["grain.txt"]["article_id"] == "grain"
    assert DATABASE in manifest["checksums"]
    for name, info in manifest["checksums"].items():
        data = (index_dir / name).read_bytes()
        assert info == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert report.articles == manifest["counts"]["articles"] == 2
    assert report.passages == manifest["counts"]["passages"] == 8
    assert not any(p.suffix in {".pkl", ".pickle"} for p in index_dir.rglob("*"))
    assert Searcher.open(index_dir).verify() == []


def test_adding_one_article_attributes_only_that_article(
    small_corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    first = build_index(small_corpus, index_dir)
    assert (first.attributed, first.reused) == (2, 0)
    write_article(small_corpus, "mines.txt", "Copper Country", MINES)
    second = build_index(small_corpus, index_dir)
    assert (second.attributed, second.reused, second.articles) == (1, 2, 3)
    assert second.build_id != first.build_id
    hit = Searcher.open(index_dir).search("copper mine safety", 1).hits[0]
    assert hit.passage.article_id == "mines"


def test_a_changed_article_is_read_again_and_a_removed_one_disappears(
    small_corpus: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    write_article(small_corpus, "rail.txt", "Railway to China", ["Camels still carry the tea."])
    report = build_index(small_corpus, index_dir)
    assert (report.attributed, report.reused) == (1, 1)
    searcher = Searcher.open(index_dir)
    assert searcher.search("camels tea", 1).hits[0].passage.article_id == "rail"
    (small_corpus / "rail.txt").unlink()
    assert build_index(small_corpus, index_dir).articles == 1
    assert Searcher.open(index_dir).search("camels", 1).hits == []


def test_a_bad_file_is_reported_and_the_others_are_indexed(
    small_corpus: Path, tmp_path: Path
) -> None:
    (small_corpus / "empty.txt").write_text("   \n")
    report = build_index(small_corpus, tmp_path / "index")
    assert report.articles == 2
    assert len(report.skipped) == 1 and "empty.txt" in report.skipped[0]


def test_a_crash_mid_build_leaves_the_previous_index_serving(
    small_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    before = Searcher.open(index_dir).build_id
    write_article(small_corpus, "mines.txt", "Copper Country", MINES)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index.build, "write_database", disk_full)
    with pytest.raises(DiskFull):
        build_index(small_corpus, index_dir)
    after = Searcher.open(index_dir)
    assert after.build_id == before
    assert after.search("copper", 1).hits == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".index.b")) == []


def test_a_crash_between_the_two_renames_is_recovered(small_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    build_id = Searcher.open(index_dir).build_id
    os.rename(index_dir, tmp_path / ".index.old-12345")
    recover(index_dir)
    assert Searcher.open(index_dir).build_id == build_id


def test_building_never_replaces_a_folder_that_is_not_an_index(
    small_corpus: Path, tmp_path: Path
) -> None:
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.tex").write_text("months of work")
    with pytest.raises(BuildError, match="holds no whosaid index"):
        build_index(small_corpus, precious)
    assert (precious / "chapter1.tex").read_text() == "months of work"


def test_a_missing_corpus_folder_is_a_build_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="does not exist"):
        build_index(tmp_path / "nowhere", tmp_path / "index")


def test_missing_damaged_and_outdated_indexes_are_told_apart(
    small_corpus: Path, tmp_path: Path
) -> None:
    with pytest.raises(IndexMissing):
        Searcher.open(tmp_path / "none")
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    database = index_dir / DATABASE
    database.write_bytes(database.read_bytes()[:100])
    with pytest.raises(IndexCorrupt, match="wrong size"):
        Searcher.open(index_dir)

    build_index(small_corpus, index_dir)
    manifest = index_dir / MANIFEST
    manifest.write_text("{not json")
    with pytest.raises(IndexCorrupt, match="not a readable manifest"):
        Searcher.open(index_dir)

    build_index(small_corpus, index_dir)
    data = json.loads(manifest.read_text())
    data["format_version"] = 0
    manifest.write_text(json.dumps(data))
    with pytest.raises(IndexOutdated):
        Searcher.open(index_dir)


def test_verify_finds_a_flipped_byte(small_corpus: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir)
    bm25_file = next((index_dir / "bm25").glob("*weights.npy"))
    data = bytearray(bm25_file.read_bytes())
    data[-1] ^= 0xFF
    bm25_file.write_bytes(bytes(data))
    assert Searcher.open(index_dir).verify() == [f"bm25/{bm25_file.name}"]


def test_an_incremental_rebuild_answers_exactly_like_a_fresh_build(
    small_corpus: Path, tmp_path: Path
) -> None:
    incremental = tmp_path / "incremental"
    build_index(small_corpus, incremental)
    write_article(small_corpus, "mines.txt", "Copper Country", MINES)
    assert build_index(small_corpus, incremental).reused == 2
    fresh = tmp_path / "fresh"
    build_index(small_corpus, fresh)
    one, other = Searcher.open(incremental), Searcher.open(fresh)
    for question in ("Kazakhstan harvest", "Tulegenova exports", "union leader safety", "Kostanay"):
        a, b = one.search(question, 5), other.search(question, 5)
        assert [(h.passage, h.score, h.matched) for h in a.hits] == [
            (h.passage, h.score, h.matched) for h in b.hits
        ]
        assert a.corrections == b.corrections
    terms = "SELECT term, surface, key, df, name FROM terms ORDER BY term"
    assert one.store._rows(terms) == other.store._rows(terms)
    # The rebuild reused the unchanged passages' encoded documents, yet wrote the very same
    # fields, bit for bit, as a build that encoded everything.
    for folder in ("bm25", "bm25_context", "documents"):
        files = sorted(p.name for p in (fresh / folder).iterdir())
        assert files == sorted(p.name for p in (incremental / folder).iterdir())
        for name in files:
            assert (incremental / folder / name).read_bytes() == (
                fresh / folder / name
            ).read_bytes()


def test_a_rebuild_after_changes_and_removals_writes_what_a_fresh_build_writes(
    small_corpus: Path, tmp_path: Path, mines_article: tuple[str, list[str]]
) -> None:
    incremental = tmp_path / "incremental"
    write_article(small_corpus, "mines.txt", *mines_article)
    build_index(small_corpus, incremental)
    (small_corpus / "grain.txt").unlink()  # the first article's terms go first: ids move
    write_article(small_corpus, "rail.txt", "Railway to China", [*RAIL, "A second line opens."])
    write_article(small_corpus, "a-new.txt", "Record Harvest Expected", GRAIN)
    report = build_index(small_corpus, incremental)
    assert (report.attributed, report.reused) == (2, 1)
    fresh = tmp_path / "fresh"
    build_index(small_corpus, fresh)
    for folder in ("bm25", "bm25_context", "documents"):
        for path in sorted((fresh / folder).iterdir()):
            assert (incremental / folder / path.name).read_bytes() == path.read_bytes(), path
