"""Small real article files for tests: TOML front matter and paragraphs, as users write them."""

from __future__ import annotations

from pathlib import Path


def write_article(
    directory: Path,
    name: str,
    title: str,
    paragraphs: list[str],
    *,
    date: str = "2024-03-01",
    publisher: str = "Steppe News",
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    front = f'+++\ntitle = "{title}"\ndate = {date}\npublisher = "{publisher}"\n+++\n\n'
    path = directory / name
    path.write_text(front + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


GRAIN = [
    "Kazakhstan expects a record wheat harvest this year, officials in Nur-Sultan said.",
    "“The harvest in Kostanai will be the best in a decade,” said Aigerim Tulegenova, a grain "
    "analyst at the Steppe Institute.",
    "Farmers near Karaganda worry about the price of diesel.",
    "President Nazarbayev praised the farmers in a speech in Kyiv last week.",
    "Tulegenova added that Kazakh exports would go mostly to China.",
]

RAIL = [
    "A new railway will link Almaty with the border town of Khorgos.",
    "“Freight will double within five years,” said Daniyar Seitov, head of the rail authority.",
    "Critics say the project is too expensive for a country of 19 million people.",
]

MINES = [
    "Copper mines in the east employ thousands of workers.",
    "“Safety comes first,” said Yerlan Abdrakhmanov, a union leader in Oskemen.",
]
