"""One entry per speaker across articles, and finding one from what a user types."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.speakers import SpeakerDirectory, SpeakerForm, gender_of, identities


def _entries(*forms: SpeakerForm) -> dict[str, str]:
    return {i.name: i.identity for i in identities(list(forms))}


def test_spellings_titles_and_bare_surnames_of_one_person_are_one_entry() -> None:
    found = _entries(
        SpeakerForm("Nursultan Nazarbayev", "person", 3, frozenset({"a"})),
        SpeakerForm("President Nazarbaev", "person", 1, frozenset({"b"})),
        SpeakerForm("Nazarbayev", "person", 1, frozenset({"c"})),
        SpeakerForm("N. Nazarbayev", "person", 1, frozenset({"d"})),
    )
    assert set(found.values()) == {"Nursultan Nazarbayev"}


def test_two_first_names_are_two_people_and_a_bare_surname_stays_apart() -> None:
    found = _entries(
        SpeakerForm("Aigerim Tulegenova", "person", 1, frozenset({"a"})),
        SpeakerForm("Dana Tulegenova", "person", 1, frozenset({"b"})),
        SpeakerForm("Tulegenova", "person", 1, frozenset({"c"})),
    )
    assert found == {
        "Aigerim Tulegenova": "Aigerim Tulegenova",
        "Dana Tulegenova": "Dana Tulegenova",
        "Tulegenova": "Tulegenova",
    }


def test_a_bare_surname_joins_the_person_of_its_own_article() -> None:
    found = _entries(
        SpeakerForm("Aigerim Tulegenova", "person", 1, frozenset({"a"})),
        SpeakerForm("Dana Tulegenova", "person", 1, frozenset({"b"})),
        SpeakerForm("Tulegenova", "person", 2, frozenset({"b"})),
    )
    assert found["Tulegenova"] == "Dana Tulegenova"


def test_organisations_and_groups_merge_by_their_words_not_their_case() -> None:
    found = _entries(
        SpeakerForm("the Kazak foreign ministry", "organisation", 2),
        SpeakerForm("the Kazakh Foreign Ministry", "organisation", 1),
        SpeakerForm("Kazakhstan's foreign ministry", "organisation", 1),
        SpeakerForm("some analysts", "unnamed", 1),
        SpeakerForm("analysts", "unnamed", 2),
    )
    assert found["the Kazakh Foreign Ministry"] == "the Kazak foreign ministry"
    assert found["Kazakhstan's foreign ministry"] == "Kazakhstan's foreign ministry"
    assert found["some analysts"] == "analysts"


def test_gender_evidence_in_order_of_strength() -> None:
    said = ("“We will build it,” she said.",)
    assert gender_of([SpeakerForm("Ms Seitova", "person")]) == "female"
    assert gender_of([SpeakerForm("Seitova", "person", texts=said)]) == "female"
    assert gender_of([SpeakerForm("Pyotr Svoik", "person")]) == "male"
    assert gender_of([SpeakerForm("Svoik", "person")]) is None  # nothing to go on
    both = ("“No,” he said.", "“Yes,” she said.")
    assert gender_of([SpeakerForm("Svoik", "person", texts=both)]) is None
    assert gender_of([SpeakerForm("the ministry", "organisation", texts=said)]) is None


DIRECTORY = SpeakerDirectory(
    [
        ("Tolganay Umbetalieva", "person", "Tolganay Umbetalieva", "female", 5),
        ("Andrei Grishin", "person", "Andrei Grishin", "male", 4),
        ("Nazarbaev", "person", "Nursultan Nazarbayev", "male", 1),
        ("Nursultan Nazarbayev", "person", "Nursultan Nazarbayev", "male", 1),
        ("experts", "unnamed", "experts", None, 2),
        ("the Kazak foreign ministry", "organisation", "the Kazak foreign ministry", None, 2),
    ]
)


def test_find_reads_what_users_type() -> None:
    def name(typed: str) -> str | None:
        found = DIRECTORY.find(typed)
        return found.name if found else None

    assert name("unnamed experts") == "experts"
    assert name("Experts") == "experts"
    assert name("foreign ministry") == "the Kazak foreign ministry"
    assert name("KAZAKH FOREIGN MINISTRY") == "the Kazak foreign ministry"
    assert name("President Nazarbayev") == "Nursultan Nazarbayev"
    assert name("umbetalieva") == "Tolganay Umbetalieva"
    assert name("Putin") is None
    grishin = DIRECTORY.find("grishn")
    assert grishin is not None and grishin.corrected and grishin.name == "Andrei Grishin"
    assert not DIRECTORY.find("Nazarbaev").corrected  # type: ignore[union-attr]
    assert DIRECTORY.gender("Nazarbaev") == "male"


@given(st.text(max_size=80))
def test_find_never_crashes_on_arbitrary_text(text: str) -> None:
    DIRECTORY.find(text)
    DIRECTORY.gender(text)


@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=30),
            st.sampled_from(["person", "unnamed", "organisation", "unknown"]),
        ),
        max_size=8,
    )
)
def test_every_form_gets_exactly_one_entry(forms: list[tuple[str, str]]) -> None:
    unique = list(dict.fromkeys(forms))
    found = identities([SpeakerForm(name, kind) for name, kind in unique])
    assert sorted((i.name, i.kind) for i in found) == sorted(unique)


def test_the_speaker_benchmark_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    from index.bench_speakers import main

    assert main(["--passages", "300"]) == 0
    header, _, row = capsys.readouterr().out.splitlines()
    assert header.startswith("| passages | forms | build_s | speaker_table_s |")
    cells = row.strip("|").split("|")
    assert int(cells[0]) > 0 and int(cells[1]) > 0
