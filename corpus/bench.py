"""Attribution speed on generated news articles: `python -m corpus.bench [--articles N]`.

The articles mix every pattern attribution handles (quotes with trailing and inverted cues,
appositions, surname and pronoun references, unnamed sources, organisations, colon lead-ins,
multi-paragraph quotes, narration), so the figure reflects real work, not a fast path.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Sequence

from corpus.attribution import attribute
from corpus.attribution.backends import default_backend
from corpus.models import Article
from corpus.reader import parse_article

FIRST = [
    "Pyotr",
    "Tolganay",
    "Andrei",
    "Murat",
    "Aliya",
    "Serik",
    "Gulnara",
    "Nurlan",
    "Dana",
    "Yerlan",
    "Firuza",
    "Kanat",
]
LAST = [
    "Svoik",
    "Umbetalieva",
    "Grishin",
    "Abenov",
    "Serikbayeva",
    "Akhmetov",
    "Temirova",
    "Isakov",
    "Nurpeisov",
]
ROLES = [
    "an Almaty-based political analyst",
    "director of the Central Asia Foundation for Democracy",
    "a member of parliament",
    "an economist at the national university",
    "47, a taxi driver",
]
TOPICS = [
    "tariffs",
    "border",
    "trade",
    "oil",
    "pipeline",
    "elections",
    "water",
    "quotas",
    "wages",
    "the",
    "currency",
]
UNNAMED = ["Experts", "Analysts", "Some analysts", "Officials", "Local residents"]
ORGS = ["the foreign ministry", "the central bank", "the city administration", "the embassy"]


def _sentence(rng: random.Random) -> str:
    topic = rng.choice(TOPICS)
    return rng.choice(
        [
            f"The debate over {topic} has dominated the news for weeks.",
            f"Prices linked to {topic} rose by {rng.randint(2, 30)}.{rng.randint(0, 9)} per cent.",
            f"Few expected the dispute over {topic} to last into Jan. next year.",
        ]
    )


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    paragraphs: list[str] = []
    people: list[str] = []
    while len(paragraphs) < count:
        topic = rng.choice(TOPICS)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        shape = rng.randrange(9)
        if shape == 0:
            paragraphs.append(f"{_sentence(rng)} {_sentence(rng)}")
        elif shape == 1:
            people.append(last)
            paragraphs.append(
                f"“The question of {topic} is harder than before. Nobody wants to move first,” "
                f"said {first} {last}, {rng.choice(ROLES)}."
            )
        elif shape == 2 and people:
            paragraphs.append(
                f"{rng.choice(people)} said the {topic} talks would resume. {_sentence(rng)}"
            )
        elif shape == 3:
            paragraphs.append(f"{rng.choice(UNNAMED)} say the row over {topic} will not end soon.")
        elif shape == 4:
            org = rng.choice(ORGS)
            paragraphs.append(f"In a statement, {org} said {topic} would remain a priority.")
        elif shape == 5:
            people.append(last)
            paragraphs.append(f"{first} {last}, {rng.choice(ROLES)}, explained the problem:")
            paragraphs.append(f"“We have waited for years on {topic}. We will wait no longer.")
            paragraphs.append("“Someone has to pay for it in the end.”")
        elif shape == 6 and people:
            paragraphs.append(
                f"“It is a matter of {topic},” she said. “Everyone knows it.” {_sentence(rng)}"
            )
        elif shape == 7:
            paragraphs.append(
                f"According to {rng.choice(ORGS)}, the {topic} figures are improving, said."
            )
        else:
            paragraphs.append(f"He noted that {topic} had been raised with the U.S. delegation.")
    return paragraphs[:count]


def generate_articles(count: int, paragraphs: int = 20, seed: int = 0) -> list[str]:
    """`count` article texts in the scraped-text format, reproducible for a seed."""
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        body = "\n\n".join(_paragraphs(rng, paragraphs))
        texts.append(f"Generated Article {number}\n\nThursday, 26 June, 2014\n\n{body}\n")
    return texts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpus.bench", description=__doc__)
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--paragraphs", type=int, default=20, help="paragraphs per article")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--backend",
        choices=("rules", "parser"),
        default=None,
        help="attribution backend (default: WHOSAID_ATTRIBUTION, else rules)",
    )
    args = parser.parse_args(argv)

    texts = generate_articles(args.articles, args.paragraphs, args.seed)
    # CPU time next to wall time: on a busy machine the wall clock measures the neighbours.
    wall0, cpu0 = time.perf_counter(), time.process_time()
    articles: list[Article] = [parse_article(t, article_id=f"a{i}") for i, t in enumerate(texts)]
    wall1, cpu1 = time.perf_counter(), time.process_time()
    if articles:  # what a backend loads once per process (the parser's model) is not timed
        attribute(articles[0], backend=args.backend)
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    passages = sum(len(attribute(article, backend=args.backend)) for article in articles)
    wall2, cpu2 = time.perf_counter(), time.process_time()
    wall_attr, cpu_attr = wall2 - wall_start, cpu2 - cpu_start

    rows = [
        ("read (parse_article)", wall1 - wall0, cpu1 - cpu0),
        ("attribute", wall_attr, cpu_attr),
        ("read + attribute", wall1 - wall0 + wall_attr, cpu1 - cpu0 + cpu_attr),
    ]
    sentences = sum(len(a.paragraphs) for a in articles)
    print(
        f"{args.articles} generated articles, {sentences} paragraphs, {passages} passages "
        f"(seed {args.seed}, backend {args.backend or default_backend()})"
    )
    print(f"{'stage':<22}{'wall s':>8}{'cpu s':>8}{'articles/s':>12}{'passages/s':>12}")
    for stage, wall, cpu in rows:
        # rates per CPU second: what one core sustains
        print(
            f"{stage:<22}{wall:>8.2f}{cpu:>8.2f}{args.articles / cpu:>12.0f}{passages / cpu:>12.0f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
