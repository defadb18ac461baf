"""he/she never cross gender or person (issue 9): news-style sentences written for these tests.

A pronoun goes to the nearest person who spoke or was the subject of a sentence, in this
paragraph or the one before that names anybody, and only when nobody of that gender (or of a
gender the article does not show) was named since; otherwise the speaker is `unknown`.
"""

from __future__ import annotations

from corpus.attribution import attribute
from corpus.attribution.people import build_register
from corpus.models import Article
from tests.corpus.golden import FIXTURES, Row, assert_golden

AMELL, FERRANTE, OKAFOR, REYES = "Victor Amell", "Dolores Ferrante", "Elaine Okafor", "Samuel Reyes"
OFFICIAL = "a senior city official"

COUNCIL: list[Row] = [
    ("RIVERTON — The city council voted 6-3", "narrator", None),
    ("Councilman Victor Amell, who chairs the finance", "person", AMELL),
    ('"Nobody up here wanted this," he said of the vote.', "person", AMELL),
    ('"But a budget is not a wish list."', "person", AMELL),
    ("In a hallway interview after the vote, Councilwoman", "narrator", None),
    ('"We are cutting the routes', "person", FERRANTE),
    ("Amell met his predecessor, Grant Hollis", "narrator", None),
    ('"There were no easy answers," he said.', "unknown", None),
    ("Mayor Elaine Okafor did not attend the meeting.", "narrator", None),
    ("Along with her deputy, Samuel Reyes", "person", OKAFOR),
    ('"The state has to carry its share," she said', "person", OKAFOR),
    ("A senior city official, who spoke on condition", "unnamed", OFFICIAL),
    ('"If the tax fails in November', "unnamed", OFFICIAL),
    ("Ferrante was unmoved.", "person", FERRANTE),
    ('"I have heard about the spring budget', "person", FERRANTE),
    ("Mr. Reyes defended the mayor.", "narrator", None),
    ('"She has been making this case', "person", REYES),
    ("The cuts take effect on July 1.", "narrator", None),
]


def test_council_story_where_every_pronoun_is_a_trap() -> None:
    """A local-government story: `he said of the vote` after its speaker; a councilwoman named
    after an opening adverbial and her title, then `she said`; a man who meets another man, then
    `he said` (unknown: either could have said it); a woman whose deputy is named between her
    and `she` (his gender shown by `Mr. Reyes` later in the article); an anonymous official
    whose `he said` is his, never the named people before him; and a man quoting a woman."""
    assert_golden(FIXTURES / "council-budget-pronouns.txt", COUNCIL)


def _speakers(*paragraphs: str) -> list[tuple[str, str | None]]:
    article = Article(id="t", title="T", paragraphs=list(paragraphs))
    return [(p.speaker.kind, p.speaker.name) for p in attribute(article)]


def test_a_name_in_the_speakers_own_sentence_does_not_take_his_he() -> None:
    assert _speakers(
        "Sen. Roy Hale said Gov. Tom Price had misjudged the mood of the state.",
        "“He will find that out in November,” he said.",
    ) == [("person", "Roy Hale"), ("person", "Roy Hale")]


def test_the_subject_after_an_opening_adverbial_is_who_she_is() -> None:
    assert _speakers(
        "Walt Kimble spoke first.",
        "In an interview on Sunday, Nadia Sorel laughed off the attack ad. “It shows how worried "
        "they are,” she said.",
    )[-1] == ("person", "Nadia Sorel")


def test_a_name_before_the_pronoun_in_its_own_sentence_is_its_antecedent() -> None:
    speakers = _speakers(
        "Ana Lucero, the campaign manager, said the tone would change.",
        "Walt Kimble called the vote “a disgrace,” but he also noted that it was legal.",
    )
    assert speakers[-1] == ("person", "Walt Kimble")


def test_a_person_the_register_does_not_know_makes_he_unsure() -> None:
    # "Carson" alone is no registered name, but the article capitalises it mid-sentence
    speakers = _speakers(
        "Walt Kimble said the vote was close. Both Kimble and Carson had hoped to win.",
        "Carson defied the question. “It will be Denver,” he said.",
    )
    assert speakers[-1] == ("unknown", None)


def test_a_common_word_opening_a_sentence_is_no_rival() -> None:
    assert _speakers(
        "Walt Kimble said the plan would fail. Coverage has been thin all week.",
        "“Nobody is reading the fine print,” he said.",
    )[-1] == ("person", "Walt Kimble")


def test_a_role_before_the_name_is_not_the_subject() -> None:
    # "Kimble adviser Ana Lucero": the adviser is the subject, not the man she works for
    speakers = _speakers(
        "Walt Kimble won the county by nine points.",
        "Kimble adviser Nadia Sorel picked up the thread. “The map has changed,” she said.",
    )
    assert speakers[-1] == ("person", "Nadia Sorel")


def test_a_sentence_naming_one_person_votes_for_her_gender() -> None:
    register = build_register(["Nadia Sorel won the county, and the result solidified her lead."])
    assert register.people[0].gender == "female"


def test_a_pronoun_before_the_name_is_someone_elses() -> None:
    register = build_register(["Along with her deputy, Samuel Reyes, she argued for a tax."])
    assert register.people[0].gender is None
