"""How long speaker identities take at build time and speaker lookups at query time.

    python -m index.bench_speakers --passages 20000

Generates the same news-like corpus as `index.bench`, builds it, then times `speaker_table`
(grouping every form of a name into one speaker, with genders) on its passages, the first
`find_speaker` (which loads the directory), a typo's lookup and a `--speaker` search.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from index.bench import generate_corpus
from index.build import build_index
from index.search import Searcher
from index.speakers import speaker_table


def run(passages: int, seed: int = 7) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "corpus").mkdir()
        generate_corpus(root / "corpus", passages, seed)
        started = time.perf_counter()
        build_index(root / "corpus", root / "index")
        build = time.perf_counter() - started
        searcher = Searcher.open(root / "index")
        try:
            n = searcher.engine.n_docs
            records = list(searcher.store.passages(list(range(n))).values())
            started = time.perf_counter()
            table = speaker_table(records)
            grouping = time.perf_counter() - started
            names = [s.name for s in searcher.speakers() if s.kind == "person" and s.name]
            started = time.perf_counter()
            found = searcher.find_speaker(names[len(names) // 2])
            first = time.perf_counter() - started
            typo = names[len(names) // 3].lower()[:-1] + "x"
            started = time.perf_counter()
            searcher.find_speaker(typo)
            corrected = time.perf_counter() - started
            started = time.perf_counter()
            searcher.search("", 3, speaker=found.name if found else None)
            search = time.perf_counter() - started
        finally:
            searcher.close()
    return {
        "passages": n,
        "forms": len(table),
        "build_s": build,
        "speaker_table_s": grouping,
        "first_find_s": first,
        "typo_find_s": corrected,
        "speaker_search_s": search,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.bench_speakers")
    parser.add_argument("--passages", type=int, default=20_000)
    args = parser.parse_args(argv)
    row = run(args.passages)
    print("| " + " | ".join(row) + " |")
    print("|" + "---|" * len(row))
    print(
        "| "
        + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row.values())
        + " |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
