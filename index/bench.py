"""Benchmark: whosaid's search against naive rank-bm25 on a synthetic news archive.

    python -m index.bench --passages 100000 [--queries 300] [--seed 1]

Generates news-like article files (Zipfian vocabulary, quotes with speakers, about 40 passages
per article) into a temporary folder, builds them with the real pipeline
(`index.build.build_index`), then, in a fresh process, opens the index with
`index.search.Searcher.open` and times a few hundred searches as the process sees them
(`took_ms`) and the engine's `top_k` alone. Beside it, rank-bm25's `BM25Okapi.get_scores` runs on
the very same passage tokens and query tokens; its top 10 are compared with the engine's.
Then one article is added and the index rebuilt (incremental), and `whosaid ask` on the bundled
corpus is timed as a whole process.

The semantic rerank (index.semantic) is left out of that build unless `--semantic` is given:
embedding 100,000 passages takes tens of minutes on two cores. Its costs are measured apart
(when its model is installed): passages embedded per second on a sample of the generated
passages (and what that makes for the whole archive, once: rebuilds embed only new passages),
one question's embedding, the rerank of 20 passages, the vectors' size and the model's memory.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

# Calibrated on the attribution of generated articles: about 40 passages each.
PASSAGES_PER_ARTICLE = 40
_PARAGRAPHS_PER_ARTICLE = 34
# Above this many passages naive rank-bm25 (about 1 s a query, GBs of dicts) is timed on a sample.
_NAIVE_FULL_UP_TO = 200_000
_NAIVE_SAMPLE = 20
_EMBED_SAMPLE = 2_000  # passages embedded to measure the semantic rerank's build cost

_STOP = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
    "is",
    "was",
    "it",
    "has",
    "have",
    "be",
    "are",
]
_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "j",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "kr",
    "st",
    "tr",
    "sh",
    "ch",
    "pl",
    "gr",
    "dr",
]
_VOWELS = ["a", "e", "i", "o", "u", "ia", "ei", "ou"]
_CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "k"]
_ROLES = [
    "a political analyst in {city}",
    "the deputy foreign minister",
    "an economist at the {org} institute",
    "head of the {org} committee",
    "a spokesman for the {org} ministry",
    "a member of parliament from {city}",
    "director of the {org} foundation",
    "a professor at {city} university",
]
_VERBS = ["said", "told reporters", "noted", "added", "said in an interview", "said"]


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
    )


@dataclass
class _Lexicon:
    words: list[str]
    cdf: npt.NDArray[np.float64]
    first: list[str]
    last: list[str]
    places: list[str]


def _lexicon(seed: int, size: int = 60_000) -> _Lexicon:
    rng = random.Random(seed)
    seen: set[str] = set(_STOP)
    words: list[str] = []
    while len(words) < size:
        w = _word(rng, rng.choice((1, 2, 2, 2, 3, 3)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    # Zipf's law, exponent a little above 1 as in news text; the head of the distribution is
    # the stopwords mixed in separately, so content words start a few dozen ranks down.
    weights = 1.0 / (np.arange(1, size + 1) + 30) ** 1.07
    cdf = np.cumsum(weights / weights.sum())

    def names(n: int) -> list[str]:
        return [_word(rng, rng.choice((2, 3))).capitalize() for _ in range(n)]

    return _Lexicon(words, cdf, names(400), names(1500), names(300))


class _ArticleWriter:
    """News-like articles: narration, quotes with `said NAME, ROLE`, follow-ups by surname."""

    def __init__(self, lexicon: _Lexicon, seed: int) -> None:
        self.lex = lexicon
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)

    def _draw(self, n: int) -> list[str]:
        idx = np.searchsorted(self.lex.cdf, self.np_rng.random(n))
        np.minimum(idx, len(self.lex.words) - 1, out=idx)
        words = self.lex.words
        return [words[i] for i in idx.tolist()]

    def _sentence(self, keep: list[str] | None = None) -> str:
        rng = self.rng
        content = self._draw(rng.randint(7, 14))
        if keep is not None:
            keep.extend(content)
        out: list[str] = []
        for w in content:
            out.append(w)
            if rng.random() < 0.45:
                out.append(rng.choice(_STOP))
        out[0] = out[0].capitalize()
        return " ".join(out)

    def article(self, number: int) -> tuple[str, list[str]]:
        rng, lex = self.rng, self.lex
        speakers = []
        for _ in range(rng.randint(3, 6)):
            first, last = rng.choice(lex.first), rng.choice(lex.last)
            role = rng.choice(_ROLES).format(
                city=rng.choice(lex.places), org=self._draw(1)[0].capitalize()
            )
            speakers.append((f"{first} {last}", last, role))
        introduced: set[str] = set()
        paragraphs = []
        content_words: list[str] = []
        for _ in range(_PARAGRAPHS_PER_ARTICLE):
            kind = rng.random()
            name, last, role = rng.choice(speakers)
            first_mention = name not in introduced
            introduced.add(name)
            who = f"{name}, {role}" if first_mention else last
            verb = rng.choice(_VERBS)
            quote = self._sentence(content_words)
            if kind < 0.35:
                text = ". ".join(self._sentence() for _ in range(rng.randint(1, 3))) + "."
            elif kind < 0.7:
                text = (
                    f"“{quote},” said {name}, {role}."
                    if first_mention
                    else f"“{quote},” {last} {verb}."
                )
            elif kind < 0.85:
                text = f"{self._sentence()}. “{quote},” {name if first_mention else last} said."
            else:
                text = f"According to {who}, {quote[0].lower()}{quote[1:]}."
            paragraphs.append(text)
        title = " ".join(self._draw(rng.randint(4, 8))).capitalize()
        day = 1 + number % 28
        header = (
            "+++\n"
            f'title = "{title}"\n'
            f"date = 2014-{1 + number % 12:02d}-{day:02d}\n"
            'publisher = "Synthetic News"\n'
            f'url = "https://news.example/{number}"\n'
            "+++\n\n"
        )
        return header + "\n\n".join(paragraphs) + "\n", content_words


def generate_corpus(directory: Path, passages: int, seed: int) -> list[str]:
    """Write about `passages` passages worth of article files; returns some query strings."""
    lexicon = _lexicon(seed)
    writer = _ArticleWriter(lexicon, seed + 1)
    rng = random.Random(seed + 2)
    n_articles = max(1, math.ceil(passages / PASSAGES_PER_ARTICLE))
    queries: list[str] = []
    for number in range(n_articles):
        text, words = writer.article(number)
        (directory / f"article-{number:06d}.txt").write_text(text, "utf-8")
        if len(queries) < 2000:
            queries.append(_query(rng, words, lexicon))
    return queries


def _query(rng: random.Random, words: list[str], lexicon: _Lexicon) -> str:
    picked = rng.sample(words, min(len(words), rng.randint(1, 4)))
    style = rng.random()
    if style < 0.3:
        return f"what did {rng.choice(lexicon.last)} say about {' '.join(picked)}?"
    if style < 0.5:
        return f"why {' '.join(picked)} {rng.choice(_STOP)} {rng.choice(lexicon.words[:200])}"
    return " ".join(picked)


# -- serving, in a fresh process so its memory is the server's alone ------------------------


def serve(index_dir: Path, queries: list[str]) -> dict[str, Any]:
    """Open the index as the CLI does and time searches; returns figures and engine top-10 ids."""
    from index.fields import Fields
    from index.search import Searcher
    from index.tokenize import tokenize

    started = time.perf_counter()
    searcher = Searcher.open(index_dir)
    engine: Fields = searcher.fields  # both fields, ranked by their weighted sum
    opened = time.perf_counter() - started
    # The first query pays for what opening leaves lazy (the vocabulary dict): count it as load.
    started = time.perf_counter()
    searcher.search(queries[0], k=10)
    engine.top_k(tokenize(queries[0]), 10)
    first = time.perf_counter() - started

    took: list[float] = []
    took3: list[float] = []
    engine_ms: list[float] = []
    top10: list[list[int]] = []
    tokens: list[list[str]] = []
    for q in queries:
        took3.append(float(searcher.search(q).took_ms))  # the CLI's default page
        took.append(float(searcher.search(q, k=10).took_ms))
        toks = tokenize(q)
        t0 = time.perf_counter()
        top = engine.top_k(toks, 10)
        engine_ms.append((time.perf_counter() - t0) * 1000)
        tokens.append(toks)
        top10.append(top.ids.tolist())
    return {
        "open_s": opened,
        "first_query_s": first,
        "took_ms": took,
        "took3_ms": took3,
        "engine_ms": engine_ms,
        "top10": top10,
        "tokens": tokens,
        "loadavg": os.getloadavg()[0],
        # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
        "rss_mb": _status_mb("VmHWM"),
    }


# -- naive rank-bm25 -------------------------------------------------------------------------


def _documents(index_dir: Path) -> tuple[list[list[str]], list[list[str]]]:
    """The documents of both fields the build indexed, in passage order, re-derived from the
    store: text and metadata, and the context (index.documents) of each passage."""
    from index.documents import context_sources, document_terms
    from index.store import DATABASE, Store

    store = Store(index_dir / DATABASE)
    docs: list[list[str]] = []
    contexts: list[list[str]] = []
    for summary in store.article_rows():
        records, text_terms = store.passages_of_article(summary[0])
        docs.extend(document_terms(record) for record in records)
        for sources in context_sources([record.paragraph for record in records]):
            contexts.append([t for source in sources for t in text_terms[source]])
    store.close()
    return docs, contexts


def naive(
    fields: tuple[list[list[str]], list[list[str]]],
    tokens: Sequence[list[str]],
    top10: Sequence[list[int]],
    sample: int,
) -> dict[str, Any]:
    """rank-bm25 on each field, scores summed with the context weight: what whosaid ranks by."""
    from rank_bm25 import BM25Okapi

    from index.documents import CONTEXT_WEIGHT

    t0 = time.perf_counter()
    okapi = BM25Okapi(fields[0])
    context = BM25Okapi(fields[1])
    build_s = time.perf_counter() - t0
    del fields
    times: list[float] = []
    same = 0
    checked = 0
    worst = 0.0
    for toks, ours in list(zip(tokens, top10, strict=True))[:sample]:
        t0 = time.perf_counter()
        scores = okapi.get_scores(toks) + CONTEXT_WEIGHT * context.get_scores(toks)
        times.append((time.perf_counter() - t0) * 1000)
        positive = np.flatnonzero(scores > 0)
        order = positive[np.lexsort((positive, -scores[positive]))][:10]
        checked += 1
        same += order.tolist() == ours
        if ours:
            worst = max(
                worst, float(np.abs(np.sort(scores)[::-1][: len(ours)] - scores[ours]).max())
            )
    return {"ms": times, "build_s": build_s, "same": same, "checked": checked, "worst": worst}


# -- whole-process CLI -----------------------------------------------------------------------


def cli_wall_time(runs: int = 10, semantic: bool = False) -> dict[str, Any]:
    """`whosaid ask` on the bundled corpus, whole process, and the most expensive imports; with
    the semantic rerank or without (each in a data folder of its own, built on first use)."""
    question = "What did Svoik say about Ukraine?"
    cmd = [sys.executable, "-m", "bot", "ask", question]
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-home-") as home:
        env = {**os.environ, "XDG_DATA_HOME": home, "WHOSAID_SEMANTIC": "on" if semantic else "off"}
        env.pop("WHOSAID_INDEX_DIR", None)
        env.pop("WHOSAID_CORPUS_DIR", None)
        subprocess.run(cmd, capture_output=True, check=False, env=env)  # builds the index
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, check=False, env=env)
            times.append(time.perf_counter() - t0)
        imports = subprocess.run(
            [sys.executable, "-X", "importtime", *cmd[1:]],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        ).stderr
    costs: list[tuple[int, str]] = []
    for line in imports.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if len(name) - len(name.lstrip()) <= 2:  # top-level imports only
                costs.append((int(parts[1]), name.strip()))
    costs.sort(reverse=True)
    return {
        "exit": done.returncode,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "imports": costs[:8],
    }


# -- the run ---------------------------------------------------------------------------------


def _pct(values: Sequence[float], p: float) -> float:
    return float(np.percentile(np.asarray(values), p)) if values else float("nan")


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run(
    passages: int,
    queries: int,
    seed: int,
    naive_sample: int | None,
    cli: bool,
    workdir: Path | None,
    semantic: bool = False,
) -> None:
    from index import embed
    from index.build import build_index

    if not semantic:
        os.environ[embed.SETTING] = "off"  # for this process and the serving one it starts
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-") as tmp:
        base = workdir or Path(tmp)
        corpus_dir, index_dir = base / "corpus", base / "index"
        corpus_dir.mkdir(parents=True)
        t0 = time.perf_counter()
        pool = generate_corpus(corpus_dir, passages, seed)
        gen_s = time.perf_counter() - t0
        query_list = random.Random(seed).sample(pool, min(queries, len(pool)))
        print(f"generated {len(os.listdir(corpus_dir))} articles in {gen_s:.1f} s", flush=True)

        report = build_index(corpus_dir, index_dir)
        print(
            f"built {report.passages} passages, {report.speakers} speakers "
            f"in {report.seconds:.1f} s ({len(report.skipped)} skipped)",
            flush=True,
        )
        # Incremental, right away (the cache is void once the attribution code changes):
        # one new article beside the others.
        writer = _ArticleWriter(_lexicon(seed), seed + 99)
        for attempt in range(3):
            text, _ = writer.article(10**6 + attempt)
            (corpus_dir / f"article-new-{attempt}.txt").write_text(text, "utf-8")
            again = build_index(corpus_dir, index_dir)
            print(
                f"rebuilt with one more article in {again.seconds:.1f} s, "
                f"{again.attributed} articles re-read",
                flush=True,
            )
            if again.attributed <= 1:
                break
            # In a working tree someone may have edited the attribution code meanwhile, which
            # rightly voids the cache; the rebuild just made a fresh one: try again.

        (base / "queries.json").write_text(json.dumps(query_list), "utf-8")
        served = subprocess.run(
            [
                sys.executable,
                "-m",
                "index.bench",
                "--serve",
                str(index_dir),
                str(base / "queries.json"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        s = json.loads(served.stdout)
        sample = naive_sample or (
            len(query_list) if again.passages <= _NAIVE_FULL_UP_TO else _NAIVE_SAMPLE
        )
        print(f"served; naive rank-bm25 on {sample} queries ...", flush=True)
        nv = naive(_documents(index_dir), s["tokens"], s["top10"], sample)
        sem = semantic_costs(index_dir, query_list, report.passages)

    took = s["took_ms"]
    p95_search = _pct(took, 95)
    naive_p50, naive_p95 = _pct(nv["ms"], 50), _pct(nv["ms"], 95)
    rows = [
        ("passages", f"{report.passages:,} ({report.articles:,} articles)"),
        ("load average while serving (2 cores)", f"{s['loadavg']:.1f}"),
        ("build s (attribution incl.)", f"{report.seconds:.1f}"),
        ("load s (open + first query)", f"{s['open_s'] + s['first_query_s']:.3f}"),
        ("RSS MB serving (peak)", f"{s['rss_mb']:.0f}"),
        (
            "search took_ms p50 / p95, k=3",
            f"{_pct(s['took3_ms'], 50):.2f} / {_pct(s['took3_ms'], 95):.2f}  ({len(took)} queries)",
        ),
        ("search took_ms p50 / p95, k=10", f"{_pct(took, 50):.2f} / {p95_search:.2f}"),
        (
            "engine top_k p50 / p95 ms, k=10",
            f"{_pct(s['engine_ms'], 50):.2f} / {_pct(s['engine_ms'], 95):.2f}",
        ),
        (
            "naive get_scores p50 / p95 ms",
            f"{naive_p50:.1f} / {naive_p95:.1f}  ({len(nv['ms'])} queries"
            + (", a sample)" if len(nv["ms"]) < len(took) else ")"),
        ),
        (
            "speed-up vs naive, p50 / p95",
            f"search k=10 {naive_p50 / _pct(took, 50):.0f}x / {naive_p95 / p95_search:.0f}x; "
            f"engine {naive_p50 / _pct(s['engine_ms'], 50):.0f}x"
            f" / {naive_p95 / _pct(s['engine_ms'], 95):.0f}x",
        ),
        (
            "top-10 identical to BM25Okapi",
            f"{nv['same']}/{nv['checked']} (text + weight × context; "
            f"max |score diff| {nv['worst']:.1e})",
        ),
        (
            "incremental: +1 article rebuild",
            f"{again.seconds:.1f} s, re-read {again.attributed} of {again.articles} articles",
        ),
        ("bench process RSS MB now", f"{_status_mb('VmRSS'):.0f}"),
    ]
    rows += sem
    width = max(len(r[0]) for r in rows)
    print()
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    if cli:
        with_model = cli_wall_time(semantic=True)
        c = cli_wall_time()
        for label, figures in (("BM25 alone", c), ("with the semantic rerank", with_model)):
            print(
                f"\n`python -m bot ask` on the bundled corpus, whole process, {label}: "
                f"median {figures['median_s']:.3f} s, min {figures['min_s']:.3f} s "
                f"(10 runs, exit {figures['exit']})"
            )
        print("costliest top-level imports (cumulative µs):")
        for us, name in c["imports"]:
            print(f"  {us:>9,}  {name}")


def _embed_sample(passages: int) -> int:
    # A tenth of a small archive (a test's), at most _EMBED_SAMPLE of a large one.
    return min(_EMBED_SAMPLE, max(passages // 10, 50), passages)


def semantic_costs(index_dir: Path, queries: list[str], passages: int) -> list[tuple[str, str]]:
    """The semantic rerank's costs (index.semantic), measured on this archive's passages."""
    from index import embed, semantic
    from index.store import DATABASE, Store

    rss_before = _status_mb("VmRSS")
    setting = os.environ.get(embed.SETTING)
    os.environ[embed.SETTING] = "on"
    try:
        started = time.perf_counter()
        encoder = embed.encoder()
        loaded = time.perf_counter() - started
    finally:
        if setting is None:
            del os.environ[embed.SETTING]
        else:
            os.environ[embed.SETTING] = setting
    if encoder is None:
        return [("semantic rerank", "not measured: its model is not installed (index.embed)")]
    store = Store(index_dir / DATABASE)
    try:
        sample = [r.text for r in store.passages(list(range(_embed_sample(passages)))).values()]
    finally:
        store.close()
    started = time.perf_counter()
    vectors = encoder.encode(sample)
    rate = len(sample) / (time.perf_counter() - started)
    asked: list[float] = []
    reranked: list[float] = []
    rng = np.random.default_rng(1)
    matrix = rng.standard_normal((passages, embed.DIMENSIONS)).astype(np.float16)
    reranker = semantic.Reranker(semantic.Vectors(matrix, np.zeros(passages, np.int64)), encoder)
    for q in queries[:100]:
        t0 = time.perf_counter()
        encoder.encode([q])
        asked.append((time.perf_counter() - t0) * 1000)
        ids = rng.choice(passages, semantic.TOP, replace=False).tolist()
        t0 = time.perf_counter()
        reranker.rerank(q, ids, sorted(rng.random(semantic.TOP).tolist(), reverse=True))
        reranked.append((time.perf_counter() - t0) * 1000)
    del vectors
    return [
        (
            "semantic: embed passages",
            f"{rate:.0f} passages/s ({len(sample)} sampled); {passages:,} in about "
            f"{passages / rate / 60:.0f} min, once (rebuilds embed only new passages)",
        ),
        (
            "semantic: question embed p50 / p95 ms",
            f"{_pct(asked, 50):.1f} / {_pct(asked, 95):.1f}  ({len(asked)} queries)",
        ),
        (
            "semantic: rerank of 20, p50 / p95 ms",
            f"{_pct(reranked, 50):.1f} / {_pct(reranked, 95):.1f} (question embed included)",
        ),
        (
            "semantic: vectors on disk, model in memory",
            f"{passages * embed.DIMENSIONS * 2 / 1e6:.0f} MB (float16, memory-mapped); "
            f"model load {loaded:.2f} s, +{_status_mb('VmRSS') - rss_before:.0f} MB RSS",
        ),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--naive-queries", type=int, default=None, help="time naive rank-bm25 on this many"
    )
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep corpus and index here (a new folder)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip timing `whosaid ask`")
    parser.add_argument(
        "--semantic", action="store_true", help="embed every passage in the build (slow)"
    )
    parser.add_argument(
        "--serve", nargs=2, metavar=("INDEX_DIR", "QUERIES_JSON"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.serve:
        index_dir, queries_file = map(Path, args.serve)
        print(json.dumps(serve(index_dir, json.loads(queries_file.read_text("utf-8")))))
        return 0
    run(
        args.passages,
        args.queries,
        args.seed,
        args.naive_queries,
        not args.no_cli,
        args.workdir,
        args.semantic,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
