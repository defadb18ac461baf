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


# A railway opening as wire services write it: the line is named once, then referred back to.
DESERT_RAILWAY_TITLE = "Desert Railway Opens Across Kazakhstan"
DESERT_RAILWAY = [
    "Kazakhstan has opened the Zhezkazgan–Beineu railway, a new freight route across the central "
    "steppe that the national rail company says will halve the time goods take to travel from "
    "the Caspian Sea to the Chinese border.",
    "The line runs for 988 kilometres through some of the emptiest country in Central Asia, "
    "with 14 stations and sidings built from scratch.",
    "Work on the railway began in 2020. The line cost 1.2 trillion tenge, according to the "
    "transport "
    "ministry, most of it borrowed from the national welfare fund.",
    "“This is the shortest road from China to Europe that does not need a single border "
    "crossing,” said Nurlan Saparov, deputy head of the rail company.",
    "Critics say the money would have been better spent on roads in the regions, where many "
    "villages still lack a paved connection to the nearest town.",
    "“The new track is smoother than anything I have driven on,” said Yerzhan Kaliyev, a train "
    "driver from Beineu.",
    "He has worked on the railway for 22 years.",
    "Freight trains will carry grain, oil products and copper from the mines around Zhezkazgan. "
    "Passenger services are due to start in the spring, the company said.",
    "Residents of Shalkar, one of the towns on the route, hope the railway will bring jobs. "
    "“For twenty years nothing was built here,” said Gulnara Abenova, who runs a shop near the "
    "new station.",
    "Environmental groups have raised concerns about the saiga antelope, whose migration routes "
    "cross the track. The company says it has built underpasses for the animals.",
]
