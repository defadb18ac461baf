"""Golden tests on news-style fixture articles: what the bundled article does not show."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.attribution import attribute
from corpus.models import Passage
from corpus.reader import read_article
from tests.corpus.golden import FIXTURES, Row, assert_golden

GOLDEN: dict[str, list[Row]] = {
    "aktau-oil-strike.txt": [
        ("About 400 workers at an oilfield near Aktau s", "narrator", None),
        (
            "A spokesman for the operator, KazMunayGas, wh",
            "unnamed",
            "a spokesman for the operator",
        ),
        ("Workers gathered outside the administration b", "narrator", None),
        ("Yerbol Sarsenbayev, a welder, addressed them ", "person", "Yerbol Sarsenbayev"),
        ("“We are not asking for luxury.", "person", "Yerbol Sarsenbayev"),
        ("We are asking to be paid what the job is wort", "person", "Yerbol Sarsenbayev"),
        ("“Prices in Aktau have gone up by a quarter si", "person", "Yerbol Sarsenbayev"),
        ("Our wages have not moved.”", "person", "Yerbol Sarsenbayev"),
        ("“Nobody wants a strike in winter.", "person", "Gulzhan Utepova"),
        ("But they left us no choice,” said Gulzhan Ute", "person", "Gulzhan Utepova"),
        ("“We will stay until they talk to us.”", "person", "Gulzhan Utepova"),
        ("KazMunayGas said in a statement on Monday eve", "organisation", "KazMunayGas"),
        ("Utepova says the workers have heard such prom", "person", "Gulzhan Utepova"),
        ("The last strike in the region, in 2011, ended", "narrator", None),
    ],
    "almaty-water-tariffs.txt": [
        (
            "Almaty’s water utility will raise household t",
            "organisation",
            "the city administration",
        ),
        ("According to the utility, the increase is nee", "organisation", "the utility"),
        ("Some of them leak so badly that a third of th", "narrator", None),
        ("Dr. Aliya Serikbayeva, an economist at the Ka", "person", "Aliya Serikbayeva"),
        ("“Tariffs have been frozen for six years.", "person", "Aliya Serikbayeva"),
        ("The network is falling apart,” she said.", "person", "Aliya Serikbayeva"),
        ("“Someone has to pay for it.”", "person", "Aliya Serikbayeva"),
        ("Serik Dzhaksybekov, 47, a taxi driver from th", "person", "Serik Dzhaksybekov"),
        ("“My family already spends a fifth of its inco", "person", "Serik Dzhaksybekov"),
        ("Where is the money supposed to come from?”", "person", "Serik Dzhaksybekov"),
        (
            "Officials at the city administration, who ask",
            "unnamed",
            "officials at the city administration",
        ),
        (
            "In a statement, the Ministry of National Econ",
            "organisation",
            "the Ministry of National Economy",
        ),
        ("Mr. Dzhaksybekov said he would speak at a pub", "person", "Serik Dzhaksybekov"),
        ("The city’s deputy mayor, Aidos Nurpeisov, sai", "person", "Aidos Nurpeisov"),
        ("“We will publish every comment,” said Yerlan ", "person", "Yerlan Kassymov"),
    ],
    "bishkek-border-traders.txt": [
        (
            "Traders at Bishkek's Dordoi bazaar say busine",
            "unnamed",
            "traders at Bishkek's Dordoi bazaar",
        ),
        ("Nurlan Abdyldaev, who has sold clothes at Dor", "person", "Nurlan Abdyldaev"),
        ('"Last year a lorry crossed in two hours.', "person", "Nurlan Abdyldaev"),
        ('Now it takes three days," he says.', "person", "Nurlan Abdyldaev"),
        ('"Nobody can plan like that."', "person", "Nurlan Abdyldaev"),
        ("Gulnara Temirova, a fabric seller, explained ", "person", "Gulnara Temirova"),
        ('"We buy our fabric in China and sell it to Ka', "person", "Gulnara Temirova"),
        ("If the trucks don't move, we don't eat.", "person", "Gulnara Temirova"),
        ('"Some of my neighbours have already closed th', "person", "Gulnara Temirova"),
        ('I will give it until the end of the year."', "person", "Gulnara Temirova"),
        (
            "The Kyrgyz economy ministry says the delays c",
            "organisation",
            "the Kyrgyz economy ministry",
        ),
        ("According to Kanat Isakov of the Association ", "person", "Kanat Isakov"),
        ("Kazakh officials say the checks are needed to", "unnamed", "Kazakh officials"),
        ("They have not said when the checks will end.", "narrator", None),
    ],
    "tashkent-water-talks.md": [
        ("Delegations from five Central Asian states me", "narrator", None),
        ("The river feeds farms in Uzbekistan and Turkm", "narrator", None),
        ("J. R. Halvorsen, a hydrologist with the U.N. ", "person", "J. R. Halvorsen"),
        ("“Every country here is upstream of someone,” ", "person", "J. R. Halvorsen"),
        ("A senior Uzbek official, speaking on conditio", "unnamed", "a senior Uzbek official"),
        ("“We came to listen,” said Bakhtiyor Rakhimov,", "person", "Bakhtiyor Rakhimov"),
        ("Tajikistan’s delegate, Firuza Nazarova, said ", "person", "Firuza Nazarova"),
        ("She said Dushanbe needed the water for its hy", "person", "Firuza Nazarova"),
        (
            "The U.S. embassy in Tashkent said in a statem",
            "organisation",
            "the U.S. embassy in Tashkent",
        ),
        ("Farmers in Karakalpakstan have watched the ta", "narrator", None),
        ("Many have lost their harvests to drought twic", "narrator", None),
    ],
}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_every_body_sentence_has_its_speaker(name: str) -> None:
    assert_golden(FIXTURES / name, GOLDEN[name])


def test_the_fixtures_are_all_checked() -> None:
    # Each fixture has its golden table here or in another golden test module.
    goldens = " ".join(p.read_text() for p in Path(__file__).parent.glob("test_*golden*.py"))
    unchecked = [p.name for p in FIXTURES.iterdir() if p.is_file() and f'"{p.name}"' not in goldens]
    assert unchecked == []


def _passages(name: str) -> list[Passage]:
    return attribute(read_article(FIXTURES / name))


def _one(passages: list[Passage], fragment: str) -> Passage:
    found = [p for p in passages if fragment in p.text]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} passages"
    return found[0]


def test_titles_ages_and_a_quote_broken_by_its_attribution() -> None:
    passages = _passages("almaty-water-tariffs.txt")
    doctor = _one(passages, "Someone has to pay for it.")
    assert doctor.speaker.name == "Aliya Serikbayeva"  # "Dr." is a title, not part of the name
    assert doctor.speaker.role == "an economist at the Kazakh-British Technical University"
    assert doctor.text.startswith("“Tariffs have been frozen")  # one passage across the break
    driver = _one(passages, "Mr. Dzhaksybekov said")
    assert (driver.speaker.name, driver.speaker.role) == (
        "Serik Dzhaksybekov",
        "47, a taxi driver from the Alatau district",
    )


def test_a_quote_paragraph_after_disagreed_keeps_its_speaker() -> None:
    passages = _passages("almaty-water-tariffs.txt")
    quote = _one(passages, "Where is the money supposed to come from?")
    assert (quote.speaker.name, quote.cue) == ("Serik Dzhaksybekov", "disagreed")


def test_anonymous_officials_an_organisation_and_according_to() -> None:
    passages = _passages("almaty-water-tariffs.txt")
    officials = _one(passages, "the decision had been taken in Astana")
    assert officials.speaker.kind == "unnamed"
    assert officials.speaker.name == "officials at the city administration"
    statement = _one(passages, "among the lowest in the region")
    assert statement.speaker == statement.speaker.model_copy(
        update={"name": "the Ministry of National Economy", "kind": "organisation"}
    )
    according = _one(passages, "According to the utility")
    assert (according.speaker.kind, according.cue) == ("organisation", "According to")


def test_two_speakers_in_one_paragraph_are_two_passages() -> None:
    passages = _passages("almaty-water-tariffs.txt")
    last = [p for p in passages if p.paragraph == passages[-1].paragraph]
    assert [(p.speaker.name, p.speaker.role) for p in last] == [
        ("Aidos Nurpeisov", "the city’s deputy mayor"),
        ("Yerlan Kassymov", "a member of the city council"),
    ]


def test_straight_quotes_present_tense_and_a_colon_lead_in() -> None:
    passages = _passages("bishkek-border-traders.txt")
    says = _one(passages, "Nobody can plan like that.")
    assert (says.speaker.name, says.cue) == ("Nurlan Abdyldaev", "says")
    # a multi-paragraph quote after "explained the problem:" keeps its speaker to the end
    for fragment in ("we don't eat", "until the end of the year"):
        quote = _one(passages, fragment)
        assert (quote.speaker.name, quote.cue) == ("Gulnara Temirova", "explained")
    ministry = _one(passages, "$2.5 million a week")
    assert (ministry.speaker.kind, ministry.cue) == ("organisation", "says")


def test_according_to_a_person_with_an_affiliation() -> None:
    passages = _passages("bishkek-border-traders.txt")
    isakov = _one(passages, "300 stalls")
    assert (isakov.speaker.name, isakov.speaker.role, isakov.speaker.kind) == (
        "Kanat Isakov",
        "of the Association of Market Traders",
        "person",
    )


def test_initials_acronyms_decimals_and_she_after_two_speakers() -> None:
    passages = _passages("tashkent-water-talks.md")
    assert _one(passages, "3.4 cubic kilometres").speaker.name == "J. R. Halvorsen"
    assert _one(passages, "hydropower plants").speaker.name == "Firuza Nazarova"
    embassy = _one(passages, "a fair and transparent agreement")
    assert (embassy.speaker.name, embassy.cue) == (
        "the U.S. embassy in Tashkent",
        "said in a statement",
    )
    official = _one(passages, "binding quotas")
    assert (official.speaker.kind, official.speaker.name) == ("unnamed", "a senior Uzbek official")


def test_a_spokesman_who_asked_not_to_be_named_and_a_company_statement() -> None:
    passages = _passages("aktau-oil-strike.txt")
    spokesman = _one(passages, "ready to negotiate")
    assert (spokesman.speaker.kind, spokesman.cue) == ("unnamed", "told Reuters")
    company = _one(passages, "opened a dialogue")
    assert (company.speaker.kind, company.speaker.name) == ("organisation", "KazMunayGas")
    assert company.cue == "said in a statement on Monday evening"


def test_a_multi_paragraph_quote_after_a_colon_keeps_its_speaker() -> None:
    passages = _passages("aktau-oil-strike.txt")
    for fragment in ("not asking for luxury", "Our wages have not moved."):
        assert _one(passages, fragment).speaker.name == "Yerbol Sarsenbayev"
    utepova = _one(passages, "We will stay until they talk to us.")
    assert (utepova.speaker.name, utepova.speaker.role) == (
        "Gulzhan Utepova",
        "38, a laboratory technician",
    )
