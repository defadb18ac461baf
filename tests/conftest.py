"""Fixtures every test area shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from index.build import build_index


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real index of the bundled article, built once; tests that change an index copy it."""
    index_dir = tmp_path_factory.mktemp("bundled") / "index"
    build_index(BUNDLED_CORPUS_DIR, index_dir)
    return index_dir
