"""Speakers as users name them, through the real CLI: organisations, groups, spellings, typos,
and one speaker across articles (news-style fixtures written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.build import build_index
from index.search import Searcher
from tests.bot.cli_runner import run_cli
from tests.index.articles import write_article

ROAD = [
    "“We will finish the road before the winter,” President Nursultan Nazarbayev said in "
    "Astana on Monday.",
    "“The harvest will pay for it,” said Aigerim Tulegenova, a grain analyst at the Steppe "
    "Institute.",
    "The Kazak foreign ministry said the road would also serve trade with China.",
]
TEACHERS = [
    "“Teachers deserve better pay,” President Nazarbaev told reporters in Almaty.",
    "“Our salaries have not changed in five years,” said Dana Tulegenova, a teacher at a school "
    "in Almaty. She added that many colleagues had left.",
    "The Kazakh Foreign Ministry said the talks with donors would continue.",
]
WHEAT = ["“Prices will fall further this autumn,” Tulegenova said."]


@pytest.fixture(scope="module")
def three_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("speakers")
    corpus = root / "articles"
    write_article(corpus, "road.txt", "New Road to Link Astana and Almaty", ROAD)
    write_article(
        corpus, "teachers.txt", "Teachers Ask for Higher Wages", TEACHERS, publisher="Herald"
    )
    write_article(corpus, "wheat.txt", "Wheat Prices Fall", WHEAT, publisher="Grain Daily")
    build_index(corpus, root / "index")
    return corpus, root / "index"


def _cli(paths: tuple[Path, Path], *args: str, cwd: Path) -> tuple[int, str, str]:
    corpus, index = paths
    done = run_cli(*args, "--corpus", str(corpus), "--index", str(index), cwd=cwd)
    return done.returncode, done.stdout, done.stderr


def test_one_person_across_articles_and_spellings_is_one_entry(
    three_articles: tuple[Path, Path], elsewhere: Path
) -> None:
    code, out, _ = _cli(three_articles, "speakers", "--json", cwd=elsewhere)
    assert code == 0
    entries = {(s["name"], s["kind"]): s for s in json.loads(out)}
    nazarbayev = entries[("Nursultan Nazarbayev", "person")]
    assert nazarbayev["passages"] == 2 and len(nazarbayev["articles"]) == 2
    assert not any(name == "Nazarbaev" for name, _ in entries)
    ministry = entries[("the Kazak foreign ministry", "organisation")]
    assert ministry["passages"] == 2
    # Two first names with one surname are two people; a bare "Tulegenova" could be either.
    assert ("Aigerim Tulegenova", "person") in entries
    assert ("Dana Tulegenova", "person") in entries
    assert entries[("Aigerim Tulegenova", "person")]["passages"] == 1
    assert entries[("Dana Tulegenova", "person")]["passages"] == 1


@pytest.mark.parametrize(
    "typed", ["Nazarbaev", "president nazarbayev", "NURSULTAN NAZARBAYEV", "Nazarbayev"]
)
def test_speaker_finds_every_form_of_one_persons_name(
    three_articles: tuple[Path, Path], elsewhere: Path, typed: str
) -> None:
    code, out, _ = _cli(three_articles, "ask", "", "--speaker", typed, "--json", cwd=elsewhere)
    assert code == 0
    hits = json.loads(out)["hits"]
    assert {h["passage"]["article_id"] for h in hits} == {"road", "teachers"}
    assert json.loads(out)["corrections"] == {}  # spellings are not typos: nothing reported


def test_a_surname_two_people_share_says_whom_else_it_may_mean(
    three_articles: tuple[Path, Path], elsewhere: Path
) -> None:
    code, _, err = _cli(three_articles, "ask", "", "--speaker", "tulegenova", cwd=elsewhere)
    assert code == 0
    assert "“tulegenova” may also mean Aigerim Tulegenova, Dana Tulegenova" in err


def test_two_people_who_share_a_surname_stay_apart(
    three_articles: tuple[Path, Path], elsewhere: Path
) -> None:
    code, out, _ = _cli(
        three_articles, "ask", "", "--speaker", "Dana Tulegenova", "--json", cwd=elsewhere
    )
    assert code == 0
    texts = [h["passage"]["text"] for h in json.loads(out)["hits"]]
    assert len(texts) == 1 and "salaries" in texts[0]


@pytest.mark.parametrize(
    "typed", ["foreign ministry", "Kazakh foreign ministry", "the KAZAK FOREIGN MINISTRY"]
)
def test_speaker_takes_an_organisation_as_people_name_it(
    three_articles: tuple[Path, Path], elsewhere: Path, typed: str
) -> None:
    code, out, _ = _cli(three_articles, "ask", "", "--speaker", typed, "--json", cwd=elsewhere)
    assert code == 0
    hits = json.loads(out)["hits"]
    assert len(hits) == 2
    assert {h["passage"]["speaker"]["kind"] for h in hits} == {"organisation"}


# The issue's own examples, on the bundled article.
@pytest.mark.parametrize(
    ("typed", "speaker"),
    [
        ("foreign ministry", "the Kazak foreign ministry"),
        ("Kazakh foreign ministry", "the Kazak foreign ministry"),
        ("unnamed experts", "experts"),
        ("experts", "experts"),
        ("EXPERTS", "experts"),
        ("svoik", "Pyotr Svoik"),
    ],
)
def test_speaker_on_the_bundled_article(
    built_index: Path, elsewhere: Path, typed: str, speaker: str
) -> None:
    done = run_cli("ask", "", "--speaker", typed, "--json", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["hits"]
    assert {h["passage"]["speaker"]["name"] for h in answer["hits"]} == {speaker}
    assert answer["corrections"] == {}


def test_a_misspelt_speaker_is_corrected_and_the_correction_shown(
    built_index: Path, elsewhere: Path
) -> None:
    done = run_cli("ask", "embassy", "--speaker", "grishn", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("searched for: Andrei Grishin (instead of grishn)")
    assert "Andrei Grishin" in done.stdout.splitlines()[2]
    done = run_cli("ask", "", "--speaker", "grishn", "--json", cwd=elsewhere, index_dir=built_index)
    assert json.loads(done.stdout)["corrections"] == {"grishn": "Andrei Grishin"}


def test_a_misspelt_speaker_in_the_question_is_corrected_too(
    built_index: Path, elsewhere: Path
) -> None:
    # The issue: `ask "What did Grishn say"` works; so must the speaker in the question.
    done = run_cli("ask", "What did Grishn say", "--json", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["corrections"] == {"grishn": "grishin"}
    assert answer["hits"][0]["passage"]["speaker"]["name"] == "Andrei Grishin"


def test_a_speaker_nobody_is_called_is_still_a_user_error(
    built_index: Path, elsewhere: Path
) -> None:
    done = run_cli("ask", "", "--speaker", "Putin", cwd=elsewhere, index_dir=built_index)
    assert done.returncode == 2
    assert "nobody called “Putin” is quoted" in done.stderr


def test_speakers_get_a_gender_from_pronouns_honorifics_or_first_names(
    three_articles: tuple[Path, Path], built_index: Path
) -> None:
    searcher = Searcher.open(three_articles[1])
    assert searcher.speaker_gender("Dana Tulegenova") == "female"  # "She added …"
    assert searcher.speaker_gender("Nazarbaev") == "male"  # any form: the entry's gender
    bundled = Searcher.open(built_index)
    assert bundled.speaker_gender("Pyotr Svoik") == "male"  # no pronoun: the first name
    assert bundled.speaker_gender("Tolganay Umbetalieva") == "female"  # “…,” she said
    assert bundled.speaker_gender("the Kazak foreign ministry") is None
