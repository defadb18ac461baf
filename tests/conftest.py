"""Fixtures every test area shares, and a private home for every test.

Tests never read or write the user's own folders: before anything is imported, HOME and the XDG
folders point into a temporary folder (so whosaid's default corpus, index and bot state are
there, for this process and every subprocess it starts), and each test gets fresh ones.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

REAL_HOME = Path(os.path.expanduser("~"))
_XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")
SANDBOX = Path(tempfile.mkdtemp(prefix="whosaid-tests-"))


def _home_in(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(folder), **{name: str(folder / name.lower()) for name in _XDG}}


os.environ.update(_home_in(SANDBOX / "session"))
for _name in ("WHOSAID_CORPUS_DIR", "WHOSAID_INDEX_DIR"):
    os.environ.pop(_name, None)
# Indexes built in this process have no vectors, so tests assert BM25's own order (and builds
# stay fast); tests/index/test_semantic.py turns the rerank on. CLI subprocesses run with the
# user's default (on), but an index without vectors is ranked by BM25 alone.
os.environ["WHOSAID_SEMANTIC"] = "off"

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh, empty home for each test (and the processes it starts)."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in _home_in(home).items():
            patch.setenv(name, value)
        patch.delenv("WHOSAID_CORPUS_DIR", raising=False)
        patch.delenv("WHOSAID_INDEX_DIR", raising=False)
        yield home


from corpus.paths import BUNDLED_CORPUS_DIR  # noqa: E402
from index.build import build_index  # noqa: E402


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


@pytest.fixture(scope="session")
def newsroom_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The `newsroom` evaluation set's corpus as `whosaid eval` indexes it: its five articles
    (other outlets, other topics) beside the bundled one. Returns (corpus folder, index folder)."""
    import shutil

    from index.evaluate import load_sets, set_corpus

    newsroom = next(s for s in load_sets() if s.name == "newsroom")
    base = tmp_path_factory.mktemp("newsroom")
    with set_corpus(newsroom) as corpus:
        shutil.copytree(corpus, base / "articles")
    build_index(base / "articles", base / "index")
    return base / "articles", base / "index"
