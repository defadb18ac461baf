"""Golden tests on three more news styles (issue 9, known bugs of a feature story style):
a British present-tense feature ("…,’ she says"), with a name inside a quote, a signature on a
line of its own and the writer's sign-off; a wire story with anonymous officials, a statement
by one of two people sharing a surname, and two senators quoted in one sentence; and a Q&A
interview with no "she said" at all.

Every body sentence, in order, with the speaker a careful journalist would name (see
`test_news_styles_golden`). The fixtures were written for these tests; none is copied.
"""

from __future__ import annotations

from corpus.attribution import attribute
from corpus.models import Article
from tests.corpus.golden import FIXTURES, Row, assert_golden

BAIRD, ROURKE = "Morag Baird", "Declan Rourke"

SKERRIN: list[Row] = [
    ("Morag Baird has crossed the sound to Skerrin", "narrator", None),
    ("She knows the tide tables by heart", "narrator", None),
    ("‘You plan your whole week around that boat,’", "person", BAIRD),
    ("‘Miss it and you wait seven days.’", "person", BAIRD),
    ("The council wants to cut the Tuesday sailing", "narrator", None),
    ("Its transport committee says the route loses", "organisation", "its transport committee"),
    ("Baird is unimpressed.", "person", BAIRD),
    ("‘They’ve never stood on this pier in January,", "person", BAIRD),
    # a name inside the quote is not its speaker
    ("‘Declan told me the same thing twenty years a", "person", BAIRD),
    ("‘Declan told me they would try again,’ says B", "person", BAIRD),
    ("‘He said nobody in Edinburgh would notice.’", "person", BAIRD),
    ("Declan Rourke, who skippered the ferry until", "narrator", None),
    ("‘We had three hundred letters in a week,’ he", "person", ROURKE),
    ("‘The council backed down by Christmas.’", "person", ROURKE),
    ("He thinks this time is different.", "person", ROURKE),
    ("‘The money isn’t there any more, and they kno", "person", ROURKE),
    # a quote signed on the line below it
    ("‘I’d give it two years.’", "person", ROURKE),
    ("— Declan Rourke, former skipper", "person", ROURKE),
    ("A council spokeswoman said no final decision", "unnamed", "a council spokeswoman"),
    # the writer's sign-off signs no quote: the article's own voice, not a speaker
    ("— Ruth Calloway", "narrator", None),
]

ORTIZ, DUNMORE = "Ana Ortiz", "Carl Dunmore"

PENTAGON: list[Row] = [
    ("WASHINGTON — The Pentagon is weighing a pullb", "narrator", None),
    ("The officials, who spoke on condition of anon", "unnamed", "the officials"),
    # what sources did not say is nobody's words
    ("The sources did not say when one was expected", "narrator", None),
    ("A spokesman for the Defense Department did no", "narrator", None),
    ("Former Vice President Dick Holloway and his d", "narrator", None),
    # two Holloways: the statement is a person's, which one the text does not say
    ("Holloway said in a written statement that a p", "unknown", "Holloway"),
    # two sources, two quotes, one sentence: each clause has its own speaker
    ('"We have heard these warnings for a decade," ', "person", ORTIZ),
    ('while Rep. Carl Dunmore, R-Ohio, said "the ad', "person", DUNMORE),
    ('Ortiz called the plan "a retreat dressed up a', "person", ORTIZ),
    ('Dunmore said it was "long overdue."', "person", DUNMORE),
    ("Ortiz said she would ask for a briefing next", "person", ORTIZ),
    ("Dunmore declined to say whether he would join", "narrator", None),
]

NANDAKUMAR = "Priya Nandakumar"

HARBOUR: list[Row] = [
    ("Priya Nandakumar took over as harbour master", "narrator", None),
    ("We asked her about dredging, fees and the win", "narrator", None),
    ("What is your first priority?", "narrator", None),
    ("The channel.", "person", NANDAKUMAR),
    ("It has not been dredged properly since 2015,", "person", NANDAKUMAR),
    ("Will mooring fees go up?", "narrator", None),
    ("Not this year.", "person", NANDAKUMAR),
    ("I have told the board that we cannot ask fish", "person", NANDAKUMAR),
    ("How bad were the storms?", "narrator", None),
    ("The worst I have seen.", "person", NANDAKUMAR),
    ("We lost two pontoons and most of the lighting", "person", NANDAKUMAR),
    ("What would you say to the council?", "narrator", None),
    ("Come down and look.", "person", NANDAKUMAR),
    ("My door is open.", "person", NANDAKUMAR),
]


def test_a_british_present_tense_feature() -> None:
    assert_golden(FIXTURES / "skerrin-ferry-feature.txt", SKERRIN)


def test_a_wire_story_with_anonymous_officials_and_two_senators_in_one_sentence() -> None:
    assert_golden(FIXTURES / "pentagon-advisers-wire.txt", PENTAGON)


def test_a_question_and_answer_interview() -> None:
    assert_golden(FIXTURES / "harbour-master-qa.txt", HARBOUR)


def _speakers(*paragraphs: str) -> list[tuple[str, str | None, str]]:
    article = Article(id="t", title="T", paragraphs=list(paragraphs))
    return [(p.speaker.kind, p.speaker.name, p.text) for p in attribute(article)]


def test_labelled_answers_go_to_the_interviewee_and_questions_stay_the_outlets() -> None:
    speakers = _speakers(
        "Tomas Lind has run the county food bank for a decade. We spoke to him in March.",
        "Q: How many families do you feed?",
        "A: About four hundred a week, up from ninety when I started.",
        "Q: What do you need most?",
        "A: Volunteers on Saturdays. Tins we have.",
    )
    assert [(kind, name) for kind, name, _ in speakers[1:]] == [
        ("narrator", None),
        ("person", "Tomas Lind"),
        ("narrator", None),
        ("person", "Tomas Lind"),
    ]


def test_an_interview_introducing_two_people_leaves_the_answers_alone() -> None:
    # Who answers is not written down: nobody is guessed.
    speakers = _speakers(
        "Tomas Lind and Ada Moreau run the county food bank. We spoke to them in March.",
        "Q: How many families do you feed?",
        "A: About four hundred a week.",
        "Q: What do you need most?",
        "A: Volunteers on Saturdays.",
    )
    assert all(kind != "person" for kind, _name, _text in speakers)


def test_rhetorical_questions_in_a_news_story_are_no_interview() -> None:
    speakers = _speakers(
        "Gov. Lena Harwick signed the budget on Friday.",
        "Will it pass the House?",
        "The vote is set for May. Leaders expect a narrow margin.",
        "Who pays for it?",
        "Property owners, mostly, through a new levy on second homes.",
    )
    assert all(kind == "narrator" for kind, _name, _text in speakers)


def test_a_surname_said_in_a_statement_is_no_organisation_and_a_company_is() -> None:
    speakers = _speakers(
        "Ruth Varga and her brother Paul Varga both sit on the board.",
        'Varga said in a statement that the sale was "the right decision."',
        'Brightwater said in a statement that it "welcomes the review."',
    )
    assert speakers[1][:2] == ("unknown", "Varga")
    assert speakers[2][:2] == ("organisation", "Brightwater")
