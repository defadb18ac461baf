"""Shared fixtures: an index of the bundled article (built once) and small corpora of real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from index.build import build_index
from index.search import Searcher
from tests.index.articles import GRAIN, MINES, RAIL, write_article


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("bundled") / "index"
    build_index(BUNDLED_CORPUS_DIR, index_dir)
    return index_dir


@pytest.fixture(scope="session")
def bundled(bundled_index: Path) -> Searcher:
    return Searcher.open(bundled_index)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "articles"
    write_article(corpus, "grain.txt", "Record Harvest Expected", GRAIN)
    write_article(corpus, "rail.txt", "Railway to China", RAIL)
    return corpus


@pytest.fixture
def mines_article() -> tuple[str, list[str]]:
    return "Copper Country", MINES
