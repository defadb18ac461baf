from __future__ import annotations

from pathlib import Path

import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from index.build import build_index
from index.search import Searcher


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled article's index, built once for the CLI tests that only read it."""
    index_dir = tmp_path_factory.mktemp("cli") / "index"
    build_index(BUNDLED_CORPUS_DIR, index_dir)
    return index_dir


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working folder far from the checkout: the defaults must not depend on it."""
    folder = tmp_path / "somewhere" / "else"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def built_index_searcher(built_index: Path) -> Searcher:
    return Searcher.open(built_index)
