"""The speaker of every body sentence of the bundled IWPR article, and the details that matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.attribution import attribute
from corpus.models import Passage
from corpus.paths import BUNDLED_CORPUS_DIR
from corpus.reader import read_article
from tests.corpus.golden import Row, assert_golden

BUNDLED = BUNDLED_CORPUS_DIR / "2014-06-26-kazakstans-balancing-act-over-ukraine-ties.txt"

GOLDEN: list[Row] = [
    ("Kazakstan is taking steps to build a working ", "narrator", None),
    ("Although Kazak president Nursultan Nazarbaev ", "narrator", None),
    ("In a visit interpreted as a sign Kazakstan wa", "narrator", None),
    ("Experts say Kazakstan has only a limited amou", "unnamed", "experts"),
    ("Official statistics for the first six months ", "narrator", None),
    ("As for Ukraine, some analysts say it is inter", "unnamed", "some analysts"),
    ("Instead, the revival of relations is being se", "narrator", None),
    ("In addition, it is keen to reach out to the W", "narrator", None),
    ("“Nazarbaev is trying to hang on to the multi-", "person", "Pyotr Svoik"),
    ("Experts note that Kazakstan initially struggl", "unnamed", "experts"),
    ("Two days after Russia’s parliament approved t", "organisation", "the Kazak foreign ministry"),
    ("As events gathered pace, with a referendum he", "narrator", None),
    ("Its foreign ministry said the referendum was ", "organisation", "the Kazak foreign ministry"),
    ("But Kazakstan subsequently abstained from vot", "narrator", None),
    ("Although Astana counts Moscow as a strategic ", "narrator", None),
    ("Northern Kazakstan is home to a substantial S", "narrator", None),
    ("Nonetheless, Kazakstan’s relations with Russi", "narrator", None),
    ("Last month, it signed an agreement to join th", "narrator", None),
    ("“Even before, Kazakstan was not able to pursu", "person", "Pyotr Svoik"),
    ("Now it is even less able to,” Svoik said.", "person", "Pyotr Svoik"),
    ("Tolganay Umbetalieva, director of the Central", "person", "Tolganay Umbetalieva"),
    ("But she believes there is also another reason", "person", "Tolganay Umbetalieva"),
    ("“Of course there’s the danger of losing the n", "person", "Tolganay Umbetalieva"),
    ("But in terms of importance, the first factor ", "person", "Tolganay Umbetalieva"),
    ("Analysts say the authorities’ reactions to di", "unnamed", "analysts"),
    ("“For example, a protest in front of the Ukrai", "person", "Andrei Grishin"),
    ("“But those who picket the Russian embassy get", "person", "Andrei Grishin"),
    ("Grishin recalled how the head of the state-fu", "person", "Andrei Grishin"),
    ("While anti-Russian protests are not encourage", "narrator", None),
    ("A campaign, which follows similar action in R", "narrator", None),
    ("There were reports of fundraising operations ", "narrator", None),
    ("RFE/RL’s Kazak service quoted Shymkent reside", "person", "Timofei Zaitsev"),
    ("In the city of Karagandy in central Kazakstan", "narrator", None),
    ("Murat Abenov, a well-known former member of p", "person", "Murat Abenov"),
    ("Some members of the public were clear that th", "narrator", None),
    ("Mahambet Abjan, who works with the Shanyrak N", "person", "Mahambet Abjan"),
    ("Analysts note that opinions on Ukraine are no", "unnamed", "analysts"),
    ("According to official figures, Kazaks constit", "unnamed", "official figures"),
    ("About one-fifth is Russian and slightly less ", "narrator", None),
    ("“What is interesting is that support for one ", "person", "Andrei Grishin"),
    ("Umbetalieva said this could be due to the inf", "person", "Tolganay Umbetalieva"),
    ("Coverage has dominated by reports of civilian", "narrator", None),
    ("“In the absence of a clearly-defined [officia", "person", "Tolganay Umbetalieva"),
    ("Grishin said the authorities seemed to be tol", "person", "Andrei Grishin"),
    ("Abjan added that there was nothing wrong with", "person", "Mahambet Abjan"),
    ("He noted that social networking sites had see", "person", "Mahambet Abjan"),
    ("This extended to making hostile declarations ", "narrator", None),
    ("More and more people seemed to be open about ", "unknown", None),
    ("“Some express provocative views openly callin", "person", "Mahambet Abjan"),
]


def test_every_body_sentence_has_its_speaker() -> None:
    assert_golden(BUNDLED, GOLDEN)


@pytest.fixture(scope="module")
def passages() -> list[Passage]:
    return attribute(read_article(BUNDLED))


def _passage(passages: list[Passage], fragment: str) -> Passage:
    found = [p for p in passages if fragment in p.text]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} passages"
    return found[0]


@pytest.mark.parametrize(
    ("fragment", "name", "role", "cue"),
    [
        ("multi-vector foreign policy", "Pyotr Svoik", "an Almaty-based political analyst", "said"),
        ("Even before, Kazakstan", "Pyotr Svoik", "an Almaty-based political analyst", "said"),
        (
            "But she believes there is also another reason",
            "Tolganay Umbetalieva",
            "director of the Central Asia Foundation for Democracy",
            "believes",
        ),
        (
            "collecting food, clothes and medical supplies",
            "Timofei Zaitsev",
            "Shymkent resident",
            "RFE/RL’s Kazak service quoted Shymkent resident Timofei Zaitsev who said",
        ),
        (
            "this kind of fundraising must be avoided",
            "Murat Abenov",
            "a well-known former member of parliament",
            "wrote on his Facebook page",
        ),
        (
            "he favoured helping ordinary people",
            "Mahambet Abjan",
            "who works with the Shanyrak NGO",
            "told IWPR",
        ),
        (
            "those who picket the Russian embassy get detained",
            "Andrei Grishin",
            "a member of staff with the Kazakstan International Bureau of Human Rights and "
            "Rule of Law",
            "said",
        ),
        (
            "He noted that social networking sites",
            "Mahambet Abjan",
            "who works with the Shanyrak NGO",
            "noted",
        ),
    ],
)
def test_people_keep_name_role_and_cue(
    passages: list[Passage], fragment: str, name: str, role: str, cue: str
) -> None:
    passage = _passage(passages, fragment)
    assert passage.speaker.kind == "person"
    assert (passage.speaker.name, passage.speaker.role, passage.cue) == (name, role, cue)


def test_unnamed_organisation_narrator_and_unknown(passages: list[Passage]) -> None:
    experts = _passage(passages, "Experts say Kazakstan has only")
    assert (experts.speaker.kind, experts.speaker.name, experts.cue) == (
        "unnamed",
        "experts",
        "say",
    )
    ministry = _passage(passages, "called for a “responsible approach”")
    assert ministry.speaker.kind == "organisation"
    assert (ministry.speaker.name, ministry.cue) == ("the Kazak foreign ministry", "called for")
    narration = _passage(passages, "Kazakstan is taking steps")
    assert narration.speaker.kind == "narrator" and narration.cue is None
    # "…extreme views, said." names nobody: unknown, never a guess at Abjan who spoke before
    broken = _passage(passages, "More and more people seemed")
    assert (broken.speaker.kind, broken.speaker.name, broken.cue) == ("unknown", None, "said")


def test_a_paragraph_mixing_narration_and_a_source_becomes_separate_passages(
    passages: list[Passage],
) -> None:
    paragraph = _passage(passages, "Its foreign ministry said").paragraph
    kinds = [p.speaker.kind for p in passages if p.paragraph == paragraph]
    assert kinds == ["narrator", "organisation", "narrator"]
    ids = [p.id for p in passages if p.paragraph == paragraph]
    article_id = BUNDLED.stem
    assert ids == [f"{article_id}:{paragraph}:{n}" for n in range(3)]


def test_the_cross_reference_is_not_part_of_the_quote(passages: list[Passage]) -> None:
    quote = _passage(passages, "Even before, Kazakstan")
    assert quote.text.endswith("Svoik said.")
    assert not any("See Economic Union" in p.text for p in passages)


def test_the_author_line_tags_and_site_chrome_are_not_passages(passages: list[Passage]) -> None:
    texts = " ".join(p.text for p in passages)
    for chrome in ("Mukhametrakhimova", "Frontline Updates", "Support local journalists"):
        assert chrome not in texts
    assert passages[-1].text.endswith("Abjan said.")
    assert all(p.source.publisher == "IWPR" for p in passages)


def test_the_file_path_does_not_matter(tmp_path: Path) -> None:
    copy = tmp_path / BUNDLED.name
    copy.write_bytes(BUNDLED.read_bytes())
    assert attribute(read_article(copy)) == attribute(read_article(BUNDLED))
