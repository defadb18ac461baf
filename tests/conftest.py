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


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled article beside a railway report (tests/index/articles.py): a corpus of two
    countries' worth of news where "Kazakhstan" and "say" match something somewhere.
    Returns (corpus folder, index folder)."""
    import shutil

    from corpus.loader import iter_article_files
    from tests.index.articles import DESERT_RAILWAY, DESERT_RAILWAY_TITLE, write_article

    base = tmp_path_factory.mktemp("mixed")
    corpus = base / "articles"
    corpus.mkdir()
    for path in iter_article_files(BUNDLED_CORPUS_DIR):
        shutil.copy2(path, corpus / path.name)
    write_article(corpus, "2024-03-01-desert-railway.txt", DESERT_RAILWAY_TITLE, DESERT_RAILWAY)
    build_index(corpus, base / "index")
    return corpus, base / "index"
