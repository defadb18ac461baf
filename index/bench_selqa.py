"""Benchmark: search on questions nobody here wrote — SelQA's answer sentence selection.

    python -m index.bench_selqa --selqa DIR [--split dev] [--limit N] [--no-answer]

SelQA (Jurczyk, Zhai and Choi, ICTAI 2016; Emory University, Apache-2.0;
`fetch github:emorynlp/selqa`) has crowd-written questions on sections of Wikipedia articles,
each with the section's sentences and which of them answer it; about half the questions were
rewritten by other workers in other words (`is_paraphrase`), which is what people do to a
newsroom's articles too. Every section of the split goes into an article file (one per
Wikipedia article, a sentence a paragraph, as news is written) in a temporary corpus, indexed
by the real pipeline; each question is asked of the whole corpus, not of its own section, as a
user would. A result answers when it is from the question's article and holds an answer
sentence (or lies within one: passages may be finer than sentences).

Printed per kind of question (original, paraphrased, all): hit@1, hit@3, MRR over DEPTH results,
and the share answered "no answer" (every SelQA question here has an answer, so each of those is
a false refusal) for whosaid with the semantic rerank, without it, and naive rank-bm25 over
the same sentences (lower-cased, split on whitespace, as its README does).

With `--no-answer`, some sections are left out of the corpus (by a hash of their names: one
section of each article that has several, and half the articles that have one) and their
questions are asked too: each should get "no answer". Printed: hit@1, hit@3 and false refusals
on the questions whose section stayed, and the share answered "no answer" of the questions on a
left-out section of an article still indexed (the hard kind: the right names and topic, not the
answer) and on a left-out article. A left-out section's answer may stand, in other words, in a
section that stayed (Wikipedia repeats itself): those few count against whosaid here though a
reader would call them answered.

DIR is a checkout of the repository or its bare git directory (read through `git show`). Nothing
of SelQA is committed. Default: dev. The test split trained a cross-encoder once (an experiment,
not adopted: it is no longer unseen); the train split is not in the stored snapshot (too large).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from index.evaluate import DEPTH, Metrics, fold, metrics, naive_searcher
from index.search import Searcher

Results = list[tuple[str, str]]


def read_split(location: Path, split: str) -> list[dict[str, Any]]:
    name = f"ass/selqa-ass-{split}.json"
    path = location / name
    if path.is_file():
        text = path.read_text("utf-8")
    else:
        text = subprocess.run(
            ["git", f"--git-dir={location}", "show", f"HEAD:{name}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    items: list[dict[str, Any]] = json.loads(text)
    return items


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "article"


def write_corpus(items: Sequence[dict[str, Any]], folder: Path) -> dict[str, str]:
    """One article file per Wikipedia article, a paragraph per sentence; Wikipedia title → id."""
    sections: dict[str, dict[str, list[str]]] = {}
    for item in items:
        sections.setdefault(item["article"], {}).setdefault(item["section"], item["candidates"])
    ids: dict[str, str] = {}
    for number, (title, parts) in enumerate(sorted(sections.items())):
        article_id = f"2016-01-01-{_slug(title)}-{number}"
        ids[title] = article_id
        # A sentence a paragraph, as news is written (and as whosaid's passages then are), so
        # that whosaid and the baseline both choose among the same sentences.
        body = "\n\n".join(sentence for sentences in parts.values() for sentence in sentences)
        header = (
            f"+++\ntitle = {json.dumps(title)}\ndate = 2016-01-01\n"
            f'publisher = "Wikipedia (SelQA)"\nurl = "https://en.wikipedia.org/wiki/'
            f'{_slug(title)}"\n+++\n\n'
        )
        (folder / f"{article_id}.txt").write_text(header + body + "\n", "utf-8")
    return ids


def rank_of(results: Results, answers: Sequence[str], article: str) -> int | None:
    wanted = [fold(a) for a in answers]
    for rank, (found_in, text) in enumerate(results, start=1):
        if found_in != article:
            continue
        folded = fold(text)
        if any(a in folded or (len(folded) > 20 and folded in a) for a in wanted):
            return rank
    return None


def measure(
    questions: Sequence[tuple[str, list[str], str]], search: Callable[[str], Results]
) -> Metrics:
    ranks: list[int | None] = []
    refused: list[bool] = []
    for question, answers, article in questions:
        results = search(question)
        refused.append(not results)
        ranks.append(rank_of(results, answers, article))
    # `answered` of metrics() counts "no answer" among unanswerable questions; here every
    # question has an answer, so its share is the share of false refusals.
    return metrics(ranks, [not r for r in refused])


def removed_sections(items: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
    """The sections left out of the corpus for `--no-answer`, chosen by a hash of their names
    (the same on every run and machine, blind to the questions): one section of each article
    that has several, so that the article's names and topic stay in the corpus (the hard kind
    of question a reader asks: the right article, not in it); and half of the articles of one
    section, so that other articles on the same subjects remain (the easy kind)."""
    sections: dict[str, set[str]] = {}
    for item in items:
        sections.setdefault(item["article"], set()).add(item["section"])
    removed: set[tuple[str, str]] = set()
    for article, names in sections.items():
        ordered = sorted(names, key=lambda name: _digest(f"{article}\n{name}"))
        if len(ordered) > 1 or _digest(article) % 2:
            removed.add((article, ordered[0]))
    return removed


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def run(location: Path, split: str, limit: int | None, no_answer: bool = False) -> int:
    from index import embed

    setting = os.environ.get(embed.SETTING)
    try:
        if no_answer:
            return _run_no_answer(location, split, limit)
        return _run(location, split, limit)
    finally:  # the runs below switch the rerank on and off
        if setting is None:
            os.environ.pop(embed.SETTING, None)
        else:
            os.environ[embed.SETTING] = setting


def _run(location: Path, split: str, limit: int | None) -> int:
    from index import embed
    from index.build import build_index

    items = _items(location, split, limit)
    with tempfile.TemporaryDirectory(prefix="whosaid-selqa-") as tmp:
        corpus = Path(tmp) / "articles"
        corpus.mkdir()
        ids = write_corpus(items, corpus)
        questions = [
            (
                str(item["question"]),
                [item["candidates"][i] for i in item["answers"]],
                ids[item["article"]],
                bool(item["is_paraphrase"]),
            )
            for item in items
            if item["answers"]
        ]
        report = build_index(corpus, Path(tmp) / "index")
        print(
            f"SelQA {split}: {len(questions)} questions over {report.articles} articles, "
            f"{report.passages} passages (built in {report.seconds:.0f} s)",
            flush=True,
        )
        sentences = [
            (ids[item["article"]], sentence) for item in items for sentence in item["candidates"]
        ]
        runs: dict[str, Callable[[str], Results]] = {"naive rank-bm25": naive_searcher(sentences)}
        searchers = []
        for label, setting in (("whosaid + semantic", "on"), ("whosaid", "off")):
            os.environ[embed.SETTING] = setting
            searcher = Searcher.open(Path(tmp) / "index")
            searchers.append(searcher)
            if setting == "on" and (searcher.vectors is None or embed.encoder() is None):
                continue  # the model is not installed: nothing to compare

            runs[label] = _results_of(searcher)
        table: list[tuple[str, str, Metrics]] = []
        for label, search in runs.items():
            os.environ[embed.SETTING] = "on" if "semantic" in label else "off"
            for kind, keep in (("original", False), ("paraphrased", True), ("all", None)):
                chosen = [q[:3] for q in questions if keep is None or q[3] is keep]
                table.append((kind, label, measure(chosen, search)))
        for searcher in searchers:
            searcher.close()
    print(f"\n{'questions':12} {'search':20} {'n':>5} {'hit@1':>6} {'hit@3':>6} {'MRR':>6} refused")
    for kind, label, m in sorted(
        table, key=lambda row: ["original", "paraphrased", "all"].index(row[0])
    ):
        print(
            f"{kind:12} {label:20} {m.questions:>5} {m.hit_at_1:6.3f} {m.hit_at_3:6.3f} "
            f"{m.mrr:6.3f} {m.no_answer:7.3f}"
        )
    return 0


def _run_no_answer(location: Path, split: str, limit: int | None) -> int:
    from index import embed
    from index.build import build_index

    items = _items(location, split, limit)
    removed = removed_sections(items)
    kept = [item for item in items if not _gone(item, removed)]
    with tempfile.TemporaryDirectory(prefix="whosaid-selqa-") as tmp:
        corpus = Path(tmp) / "articles"
        corpus.mkdir()
        ids = write_corpus(kept, corpus)
        answerable = [
            (str(item["question"]), [item["candidates"][i] for i in item["answers"]])
            for item in kept
        ]
        answerable_ids = [ids[item["article"]] for item in kept]
        hard = [str(i["question"]) for i in items if _gone(i, removed) and i["article"] in ids]
        easy = [str(i["question"]) for i in items if _gone(i, removed) and i["article"] not in ids]
        # The answer sentence of a left-out section may stand in a kept one as well (Wikipedia
        # repeats itself): such a question is answerable after all; they are counted, not
        # dropped, so that the figure stays comparable across changes.
        corpus_text = {fold(s) for item in kept for s in item["candidates"]}
        repeated = sum(
            1
            for item in items
            if _gone(item, removed)
            and any(fold(item["candidates"][i]) in corpus_text for i in item["answers"])
        )
        report = build_index(corpus, Path(tmp) / "index")
        print(
            f"SelQA {split}, no answer: {len(answerable)} answerable questions over "
            f"{len(ids)} articles ({report.passages} passages); "
            f"{len(hard)} unanswerable on a left-out section of an indexed article, "
            f"{len(easy)} on a left-out article ({repeated} of them have their answer "
            "sentence elsewhere in the corpus as well)",
            flush=True,
        )
        # "No answer" is decided on BM25's order, with or without the rerank.
        os.environ[embed.SETTING] = "off"
        sentences = [(ids[i["article"]], s) for i in kept for s in i["candidates"]]
        naive = naive_searcher(sentences)
        searcher = Searcher.open(Path(tmp) / "index")
        try:
            rows = []
            for label, search in (("whosaid", _results_of(searcher)), ("naive rank-bm25", naive)):
                found = measure(
                    [(q, a, i) for (q, a), i in zip(answerable, answerable_ids, strict=True)],
                    search,
                )
                refusals = [not search(q) for q in hard], [not search(q) for q in easy]
                rows.append((label, found, *refusals))
        finally:
            searcher.close()
    print(
        f"\n{'search':16} {'n':>5} {'hit@1':>6} {'hit@3':>6} {'refused':>8} "
        f"{'no answer: same article':>24} {'other article':>14}"
    )
    for label, found, same, other in rows:
        print(
            f"{label:16} {found.questions:>5} {found.hit_at_1:6.3f} {found.hit_at_3:6.3f} "
            f"{found.no_answer:8.3f} {_share(same):>24} {_share(other):>14}"
        )
    return 0


def _items(location: Path, split: str, limit: int | None) -> list[dict[str, Any]]:
    items = read_split(location, split)
    return items[:limit] if limit else items


def _results_of(searcher: Searcher) -> Callable[[str], Results]:
    def results(question: str) -> Results:
        return [
            (h.passage.article_id, h.passage.text) for h in searcher.search(question, DEPTH).hits
        ]

    return results


def _gone(item: dict[str, Any], removed: set[tuple[str, str]]) -> bool:
    return (item["article"], item["section"]) in removed


def _share(flags: Sequence[bool]) -> str:
    return f"{sum(flags) / len(flags):.3f} ({len(flags)})" if flags else "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m index.bench_selqa", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--selqa", type=Path, required=True, help="checkout or git directory")
    parser.add_argument("--split", default="dev", choices=["dev", "test", "train"])
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions")
    parser.add_argument(
        "--no-answer",
        action="store_true",
        help="leave sections out and ask their questions too: are they answered 'no answer'?",
    )
    args = parser.parse_args(argv)
    try:
        return run(args.selqa, args.split, args.limit, args.no_answer)
    except (FileNotFoundError, subprocess.CalledProcessError, ValueError) as error:
        print(f"bench_selqa: cannot read SelQA's {args.split} split at {args.selqa} ({error})")
        return 1


if __name__ == "__main__":
    sys.exit(main())
