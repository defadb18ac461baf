"""Each attribution stage on its own, with short news sentences written for these tests."""

from __future__ import annotations

from corpus.attribution import attribute
from corpus.attribution.cues import find_candidates
from corpus.attribution.people import build_register, name_mentions
from corpus.attribution.quotes import mask_quotes, quote_spans
from corpus.models import Article


def _speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    article = Article(id="t", title="T", paragraphs=list(paragraphs))
    return [(p.speaker.kind, p.speaker.name) for p in attribute(article)]


# -- register of people ---------------------------------------------------------------------


def test_titles_role_prefixes_and_party_tags_go_to_the_role() -> None:
    found = name_mentions("Sen. Ada Brennan (D-Ore.) met Democratic pollster Walt Kimble.")
    assert [(name, role) for name, role, _g, _s, _e in found] == [
        ("Ada Brennan", "Sen. (D-Ore.)"),
        ("Walt Kimble", "Democratic pollster"),
    ]


def test_places_and_bodies_named_for_people_are_not_people() -> None:
    found = name_mentions("The rally at Brennan Tower drew crowds from New York and Ohio.")
    assert found == []


def test_surname_and_honorific_resolve_to_the_one_full_name() -> None:
    register = build_register(["Walt Kimble, a pollster, spoke first. Mr. Kimble left early."])
    assert register.full_name("Kimble") == "Walt Kimble"
    assert register.people[0].gender == "male"


def test_an_ambiguous_surname_is_unknown() -> None:
    assert _speakers(
        "Ada Brennan and her brother Colm Brennan run the mill.",
        "Brennan said the mill would close.",
    )[-1] == ("unknown", "Brennan")


# -- quote spans ----------------------------------------------------------------------------


def test_mixed_curly_and_straight_marks_close_each_other() -> None:
    text = '“We waited a year," she said. "Nothing came.”'
    spans = quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == ['“We waited a year,"', '"Nothing came.”']
    assert "she said." in mask_quotes(text, spans)


# -- cue finding ------------------------------------------------------------------------------


def test_candidates_carry_the_source_phrase_with_its_offsets() -> None:
    text = "“It is over,” said Walt Kimble, a pollster."
    masked = mask_quotes(text, quote_spans(text))
    (candidate,) = find_candidates(masked, 0)
    assert (candidate.source, candidate.cue, candidate.role) == (
        "Walt Kimble",
        "said",
        "a pollster",
    )
    assert text[candidate.start : candidate.end] == "Walt Kimble"


def test_partial_quotes_participles_and_dash_signatures_have_cues() -> None:
    for text, cue in [
        ("Kimble called the plan “a fantasy”.", "called"),
        ("Kimble attacked the plan on Monday, saying it was “a fantasy”.", "saying"),
        ("“It is a fantasy.” — Walt Kimble, 61, a farmer", "—"),
        ("Kimble put it more bluntly: “It is a fantasy.”", "put it more bluntly"),
    ]:
        masked = mask_quotes(text, quote_spans(text))
        assert [c.cue for c in find_candidates(masked, 0)] == [cue], text


# -- pronoun resolution ---------------------------------------------------------------------


def test_he_never_goes_to_a_woman_and_skips_her_to_the_man() -> None:
    assert _speakers(
        "Sen. Roy Hale said he would vote no.",
        "Sen. Maria Delgado said she would vote yes.",
        "“There is no free lunch,” he said.",
    )[-1] == ("person", "Roy Hale")


def test_he_after_another_man_named_in_between_is_unknown() -> None:
    assert _speakers(
        "Roy Hale said he would vote no.",
        "Hale met his rival Tom Price in the lobby.",
        "“We agreed on nothing,” he said.",
    )[-1] == ("unknown", None)


def test_an_anonymous_official_is_who_he_said_refers_to() -> None:
    assert _speakers(
        "Maria Delgado said she was worried.",
        "An official at the ministry, who spoke on condition of anonymity, said talks had failed.",
        "“Nobody is coming back to the table,” he said.",
    )[-1] == ("unnamed", "an official at the ministry")


def test_a_company_in_an_apposition_is_an_organisation() -> None:
    assert _speakers("Tarnwell, the regional bus company, said fares would rise.") == [
        ("organisation", "Tarnwell")
    ]
