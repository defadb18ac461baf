"""Attribution rules on short news paragraphs: who is credited, and when nobody is."""

from __future__ import annotations

import pytest

from corpus.attribution import attribute
from corpus.models import Article

Credit = tuple[str, str | None, str | None]  # (kind, name, cue)


def credits(*paragraphs: str) -> list[Credit]:
    """(kind, name, cue) of each passage of an article made of these paragraphs."""
    article = Article(id="t", title="T", paragraphs=list(paragraphs))
    return [(p.speaker.kind, p.speaker.name, p.cue) for p in attribute(article)]


UNKNOWN_SAID: Credit = ("unknown", None, "said")
NARRATION: Credit = ("narrator", None, None)


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # a pronoun with nobody before it, or after two people met in narration: unknown
        (["“We will win,” he said."], [UNKNOWN_SAID]),
        (
            ["Masimov met his counterpart Arseny Yatsenyuk in Kiev.", "“We agreed,” he said."],
            [NARRATION, UNKNOWN_SAID],
        ),
        # a quote with no cue and no source just before it
        (
            ["The meeting ended late.", "“Nobody expected this.”"],
            [NARRATION, ("unknown", None, None)],
        ),
        # a reporting verb inside a relative clause does not hand the sentence to "critics"
        (["The law, which critics said was rushed, passed on Monday."], [NARRATION]),
        # two sources in one subject: the cue is real, the single speaker is not
        (
            ["Ivan Petrov, an analyst, and Olga Ivanova, a lawyer, said it was unfair."],
            [UNKNOWN_SAID],
        ),
        (["Svoik and Grishin said the talks failed."], [("unknown", "Svoik and Grishin", "said")]),
        (["Kazakstan’s president, who was in Moscow, said it was over."], [UNKNOWN_SAID]),
        (
            ["The firm, Kazakhmys Ltd., said it would appeal."],
            [("organisation", "the firm", "said")],
        ),
        # a bare surname never introduced is kept as written, but not promoted to a person
        (["“Why?” asked Svoik."], [("unknown", "Svoik", "asked")]),
        # "both agreed to restore" is not speech
        (["Masimov and Yatsenyuk both agreed to restore a commission."], [NARRATION]),
    ],
)
def test_when_unsure_the_speaker_is_unknown(paragraphs: list[str], expected: list[Credit]) -> None:
    assert credits(*paragraphs) == expected


def test_unnamed_definite_sources_and_it_they() -> None:
    assert credits(
        "“It was rushed,” said the minister.",
        "The company said profits rose. It added that it would hire 200 staff.",
        "Experts said prices would rise. They added that wages would lag.",
    ) == [
        ("unnamed", "the minister", "said"),
        ("organisation", "the company", "said"),
        ("unnamed", "experts", "said"),
    ]


def test_a_definite_role_refers_back_to_the_one_person_with_it() -> None:
    assert (
        credits(
            "Pyotr Svoik, an Almaty-based political analyst, said the policy had failed.",
            "“There is no way back,” the analyst said.",
        )
        == [("person", "Pyotr Svoik", "said")] * 2
    )


def test_names_introduced_in_narration_resolve_later_surnames() -> None:
    article = Article(
        id="t",
        title="T",
        paragraphs=[
            "President Nursultan Nazarbaev visited Astana.",
            "Nazarbaev told reporters the visit went well.",
        ],
    )
    last = attribute(article)[-1]
    assert (last.speaker.name, last.speaker.role, last.cue) == (
        "Nursultan Nazarbaev",
        "President",
        "told reporters",
    )


def test_single_quotes_hold_several_sentences() -> None:
    assert credits(
        "Pyotr Svoik, an analyst, said the talks had stalled.",
        "‘We will not give up. Never,’ he said. The Ukrainians’ views matter too.",
    ) == [
        ("person", "Pyotr Svoik", "said"),
        ("person", "Pyotr Svoik", "said"),
        NARRATION,
    ]


def test_a_quote_paragraph_continues_the_source_of_the_paragraph_before() -> None:
    assert (
        credits(
            "Olga Ivanova, 34, said: “We are tired. We want answers.”",
            "“Nobody listens to us.”",
        )
        == [("person", "Olga Ivanova", "said")] * 2
    )


def test_a_multi_paragraph_quote_attributed_at_its_end() -> None:
    assert (
        credits(
            "The strike entered its third day.",
            "“We are not asking for luxury.",
            "“We are asking to be paid what the job is worth,” said Yerbol Sarsenbayev, a welder.",
        )
        == [NARRATION] + [("person", "Yerbol Sarsenbayev", "said")] * 2
    )


def test_two_quotes_two_speakers_one_paragraph() -> None:
    assert credits("“Why?” asked Pyotr Svoik. “Because,” said Andrei Grishin.") == [
        ("person", "Pyotr Svoik", "asked"),
        ("person", "Andrei Grishin", "said"),
    ]


def test_she_skips_a_man_known_to_be_a_man() -> None:
    assert credits(
        "Tolganay Umbetalieva said she was worried.",
        "Mr. Andrei Grishin said he disagreed.",
        "She said the danger was real.",
    ) == [
        ("person", "Tolganay Umbetalieva", "said"),
        ("person", "Andrei Grishin", "said"),
        ("person", "Tolganay Umbetalieva", "said"),
    ]


def test_subjects_after_adverbials_and_around_parentheticals() -> None:
    assert credits(
        "Pyotr Svoik, an analyst, said it was over.",
        "Last week Svoik said the plan would fail.",
        "The move, analysts said, was a signal to Moscow.",
        "Speaking on condition of anonymity, one official said the deal was dead.",
        "Police said two men were detained.",
        "The court was told that the men had fled.",
    ) == [
        ("person", "Pyotr Svoik", "said"),
        ("person", "Pyotr Svoik", "said"),
        ("unnamed", "analysts", "said"),
        ("unnamed", "one official", "said"),
        ("organisation", "police", "said"),
        NARRATION,
    ]


def test_according_to_a_person_and_an_apposition() -> None:
    article = Article(
        id="t",
        title="T",
        paragraphs=[
            "According to Daniyar Ospanov, an Almaty-based energy analyst, the plant will close.",
            "According to plan, the plant will close. According to Ospanov, it will not.",
        ],
    )
    first, plan, ospanov = attribute(article)
    assert (first.speaker.name, first.speaker.role, first.cue) == (
        "Daniyar Ospanov",
        "an Almaty-based energy analyst",
        "According to",
    )
    assert plan.speaker.kind == "narrator"
    assert (ospanov.speaker.name, ospanov.text) == (
        "Daniyar Ospanov",
        "According to Ospanov, it will not.",
    )


def test_groups_and_bare_quantifiers_are_sources() -> None:
    assert credits(
        "Human rights groups say the law is too vague. Some say it is worse.",
        "Needless to say, the plan failed.",
    ) == [
        ("organisation", "human rights groups", "say"),
        ("unnamed", "some", "say"),
        NARRATION,
    ]
