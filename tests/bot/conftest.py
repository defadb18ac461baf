from __future__ import annotations

from pathlib import Path

import pytest

from index.search import Searcher


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A working folder far from the checkout: the defaults must not depend on it."""
    folder = tmp_path / "somewhere" / "else"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="session")
def built_index_searcher(built_index: Path) -> Searcher:
    return Searcher.open(built_index)
