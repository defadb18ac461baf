"""The article-wide register of people and the name phrases it reads, on sentences written in
the style of news for these tests (no text from any corpus)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.attribution import attribute
from corpus.attribution.names import parse_subject
from corpus.attribution.people import build_register, name_mentions, sentence_words
from corpus.models import Article


def _speakers(*paragraphs: str, title: str = "T") -> list[tuple[str, str | None]]:
    article = Article(id="t", title=title, paragraphs=list(paragraphs))
    return [(p.speaker.kind, p.speaker.name) for p in attribute(article)]


def _names(text: str) -> list[tuple[str, str | None]]:
    return [(name, role) for name, role, _g, _s, _e in name_mentions(text)]


# -- name phrases -----------------------------------------------------------------------------


def test_a_capitalised_role_inside_the_phrase_ends_before_the_name() -> None:
    # Leaders, committees and chambers head long US titles; the name is what follows them.
    mention = parse_subject("Senate Minority Leader Dora Quell")
    assert mention is not None and mention.kind == "person"
    assert (mention.text, mention.role) == ("Dora Quell", "Senate Minority Leader")
    assert _names("House Budget Committee Chairman Amos Pettibone spoke.") == [
        ("Amos Pettibone", "House Budget Committee Chairman")
    ]


def test_a_role_prefix_need_not_be_a_listed_role_noun() -> None:
    # Newsrooms coin role prefixes freely: "cable host", "party boss", "presidential hopeful".
    for phrase, role in [
        ("cable news host Rina Voss", "cable news host"),
        ("Republican party boss Hal Brundage", "Republican party boss"),
        ("presidential hopeful Cal Odum", "presidential hopeful"),
        ("his nephew Tariq el Amrani", "his nephew"),
    ]:
        mention = parse_subject(phrase)
        assert mention is not None and mention.kind == "person", phrase
        assert mention.role == role


def test_a_clause_before_a_name_is_no_role() -> None:
    # "the wife of X" is somebody else; "Kimble and X" are two people; a verb makes a clause.
    for phrase in ["the wife of Walt Kimble", "Kimble and Dora Quell", "Kimble praised Dora Quell"]:
        mention = parse_subject(phrase)
        assert mention is None or mention.kind != "person" or mention.role is None, phrase


def test_a_possessive_outlet_or_party_is_the_role_of_a_person() -> None:
    # "the Daily Ledger's Mina Ostrova" is a reporter, not the newspaper.
    mention = parse_subject("the Daily Ledger’s Mina Ostrova")
    assert mention is not None and mention.kind == "person"
    assert (mention.text, mention.role) == ("Mina Ostrova", "the Daily Ledger’s")


def test_a_title_with_of_stays_one_title() -> None:
    mention = parse_subject("Former Secretary of State Edith Varga")
    assert mention is not None and mention.kind == "person"
    assert mention.text == "Edith Varga"


def test_a_surname_that_is_a_title_word_still_ends_a_name() -> None:
    mention = parse_subject("Lionel King")
    assert mention is not None and (mention.kind, mention.text) == ("person", "Lionel King")
    former = parse_subject("Former Secretary")
    assert former is None or former.kind != "person"


def test_sentence_adverbs_and_datelines_are_no_part_of_the_name() -> None:
    for phrase in ["Even Lars Udo", "BOISE, Idaho (AP) — Lars Udo", "From Lars Udo"]:
        mention = parse_subject(phrase)
        assert mention is not None and (mention.kind, mention.text) == ("person", "Lars Udo")


def test_nothing_after_the_is_a_person() -> None:
    # "the Kimble Foundation", "the Kimble Express": bodies and slogans named for a person.
    assert _names("Volunteers joined the Kimble Express in Ohio.") == []
    assert _names("The Rev. Amos Pettibone led the prayer.") == [("Amos Pettibone", "Rev.")]


# -- the register -----------------------------------------------------------------------------


def test_a_sentence_start_word_is_no_given_name() -> None:
    # "Former Kimble aides" and "See Kimble's letter": the article writes "former" and "see"
    # in lower case elsewhere and capitalises them only where a sentence starts.
    paragraphs = [
        "The former mayor Walt Kimble, a pollster, spoke first; see the letter below.",
        "Former Kimble aides disagreed. See Kimble for details.",
    ]
    words = sentence_words(paragraphs)
    assert {"Former", "See"} <= words
    register = build_register(paragraphs)
    assert register.full_name("Kimble") == "Walt Kimble"
    assert [p.name for p in register.people] == ["Walt Kimble"]


def test_a_given_name_written_mid_sentence_is_kept() -> None:
    paragraphs = [
        "Bill Pruitt said the bill would pass. Voters like former governor Bill Pruitt.",
    ]
    assert "Bill" not in sentence_words(paragraphs)
    assert build_register(paragraphs).full_name("Pruitt") == "Bill Pruitt"


def test_every_name_is_registered_before_its_surname_speaks() -> None:
    speakers = _speakers(
        "Senate Majority Leader Dora Quell is pressing the White House for a vote.",
        "“We have waited long enough,” Quell said.",
        "“The votes are there,” said Republican party boss Hal Brundage.",
        "“It will pass,” Brundage said.",
    )
    assert speakers[1] == ("person", "Dora Quell")
    assert speakers[2] == ("person", "Hal Brundage")
    assert speakers[3] == ("person", "Hal Brundage")


def test_a_compound_surname_alone_is_the_full_name() -> None:
    speakers = _speakers(
        "The novelist Julio Ferrer Soto signed the letter.",
        "“It is a disgrace,” Ferrer Soto said.",
    )
    assert speakers[-1] == ("person", "Julio Ferrer Soto")


def test_even_before_a_surname_does_not_make_a_second_person() -> None:
    speakers = _speakers(
        "“The plan is sound,” said Ed Marlow, a former governor.",
        "Even Marlow, a loyal supporter, said the timing was poor.",
        "“It will cost drivers money,” Marlow said.",
    )
    assert speakers[1] == ("person", "Ed Marlow")
    assert speakers[-1] == ("person", "Ed Marlow")


def test_a_headline_names_whom_the_body_calls_by_surname() -> None:
    speakers = _speakers(
        "The clinic chief spoke to students on Tuesday.",
        "“We will not close,” Okafor said.",
        title="Nneka Okafor: the clinic will stay open",
    )
    assert speakers[-1] == ("person", "Nneka Okafor")


def test_a_title_case_headline_registers_nobody() -> None:
    # Every word is capitalised in such a headline: "Okafor Says Clinic" is no name.
    speakers = _speakers(
        "“We will not close,” Okafor said.",
        title="Okafor Says Clinic Will Stay Open After Vote",
    )
    assert speakers[-1][0] == "unknown"


def test_two_people_of_one_surname_keep_the_bare_surname_unknown() -> None:
    speakers = _speakers(
        "Senate Majority Leader Dora Quell and her husband, Amos Quell, voted early.",
        "“It was quick,” Quell said.",
    )
    assert speakers[-1][0] == "unknown"


# -- robustness ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes_the_name_parsers(text: str) -> None:
    parse_subject(text)
    name_mentions(text)
    build_register([text], [text])


def test_a_bare_party_letter_goes_to_the_role() -> None:
    # State-level US politicians often carry only "(D)" or "(R)" after the name.
    assert _names("Gov. Phil Ames (R) signed the bill.") == [("Phil Ames", "Gov. (R)")]
    mention = parse_subject("state Sen. Jo Holt (D)")
    assert mention is not None and (mention.text, mention.role) == ("Jo Holt", "state Sen. (D)")


def test_a_surname_used_as_a_modifier_registers_nobody() -> None:
    # "New Hampshire Kimble supporters", "Team Kimble", "Chasing Kimble": no given names.
    paragraphs = [
        "Walt Kimble toured the state on Monday.",
        "New Hampshire Kimble supporters cheered. Team Kimble was pleased.",
        "Chasing Kimble, reporters filled the hall.",
    ]
    register = build_register(paragraphs)
    assert [p.name for p in register.people] == ["Walt Kimble"]
    assert register.full_name("Kimble") == "Walt Kimble"


def test_an_adverb_after_the_name_is_no_part_of_it() -> None:
    mention = parse_subject("Lars Udo however")
    assert mention is not None and (mention.kind, mention.text) == ("person", "Lars Udo")


def test_the_author_of_a_study_is_its_source() -> None:
    mention = parse_subject("calculations by Amy Odell of the Institute of Technology")
    assert mention is not None and (mention.kind, mention.text) == ("person", "Amy Odell")
    assert mention.role == "of the Institute of Technology"


def test_a_shared_surname_goes_to_the_one_its_pronouns_name() -> None:
    # The wife is the principal, called by surname; her husband by his full name. "Whitlock
    # said she…" twice, never "he": the bare surname is the woman, the one known woman.
    paragraphs = [
        "Dana Whitlock opened her campaign on Monday. Mrs. Whitlock spoke for an hour.",
        "Her husband, Roy Whitlock, watched from the front row. Roy Whitlock waved his hat.",
        "Whitlock said she would return in May.",
        "Later Whitlock told reporters she was tired.",
        "“We are ready,” Whitlock said.",
    ]
    speakers = _speakers(*paragraphs)
    assert speakers[-1] == ("person", "Dana Whitlock")


def test_a_shared_surname_followed_by_he_and_she_stays_unknown() -> None:
    paragraphs = [
        "Dana Whitlock opened her campaign on Monday. Mrs. Whitlock spoke for an hour.",
        "Her husband, Roy Whitlock, watched from the front row. Roy Whitlock waved his hat.",
        "Whitlock said she would return in May.",
        "Whitlock said he was proud.",
        "“We are ready,” Whitlock said.",
    ]
    assert _speakers(*paragraphs)[-1][0] == "unknown"


# -- people named by surname alone, and junk that is no name ----------------------------------


def test_a_host_named_by_surname_alone_is_a_person_on_the_articles_own_pronouns() -> None:
    # A television interview where the host is only ever "Okafor" (the show's name is quoted):
    # "Okafor asked", "Okafor said she…" make her a person; "Gallup said its poll…" does not.
    speakers = _speakers(
        'Gov. Lena Harwick sat down on Thursday with "The Okafor Hour" to defend the budget.',
        'Okafor asked whether the cuts would reach schools. "Not one classroom," Harwick said.',
        "Okafor said she had heard otherwise from teachers in three counties.",
        '"Then they heard wrong," Harwick said.',
        '"We will see in the spring," Okafor said.',
        "Gallup said its latest survey showed support for the cuts falling.",
    )
    assert ("person", "Okafor") in speakers
    assert speakers[-1][0] != "person"  # "its": whatever Gallup is, it is no person
    assert ("person", "Lena Harwick") in speakers


def test_an_honorific_and_surname_alone_name_a_person_of_that_gender() -> None:
    speakers = _speakers(
        "The mayor's office did not respond. Mr. Tennant, who runs the shelter, was blunter.",
        '"Nobody from City Hall has been here in a year," Tennant said.',
        '"He is wrong about that," said Councilwoman Ines Barra.',
    )
    assert speakers[1] == ("person", "Tennant")
    assert speakers[2] == ("person", "Ines Barra")


def test_a_lone_word_without_personal_pronouns_stays_unknown() -> None:
    # Nothing in the article says "Brightline" is a person: it is not made one.
    speakers = _speakers(
        '"Ridership is up," Brightline said on Monday, without giving figures.',
        "The figures will be published in March.",
    )
    assert speakers[0][0] != "person"


def test_junk_before_a_name_is_left_out_of_it() -> None:
    # A place made an adjective, a party label, a question's auxiliary and a straight
    # possessive are no part of a name.
    paragraphs = [
        "Dozens of Boise-area Pike volunteers knocked on doors, and Democrat Ada Brennan said so.",
        "Can Pike win? Rep. Gordon Pike thinks so, and Ada Brennan' aides agree.",
        "Tom Rivers' plan was the first to be scored.",
    ]
    registry = build_register(paragraphs)
    names = {person.name: person.role for person in registry.people}
    assert names == {"Ada Brennan": "Democrat", "Gordon Pike": "Rep.", "Tom Rivers": None}


def test_a_long_title_with_a_party_label_ends_before_the_name() -> None:
    mention = parse_subject("Senate Intelligence Ranking Democrat Nora Feld (D-Ore.)")
    assert mention is not None and mention.kind == "person"
    assert mention.text == "Nora Feld"
    speakers = _speakers(
        "Senate Intelligence Ranking Democrat Nora Feld (D-Ore.) said the review was over.",
        '"We have seen the documents," Feld said.',
    )
    assert speakers[1] == ("person", "Nora Feld")


def test_a_descriptor_resolves_only_to_the_person_whose_role_it_fits() -> None:
    # "the former president" is Hale, "the president" is Obeng: the qualifier must match.
    speakers = _speakers(
        "President Ada Obeng met former President Tom Hale on Monday.",
        '"We disagree on trade," the former president said.',
        '"We agree on schools," the president said.',
    )
    assert speakers[1:] == [("person", "Tom Hale"), ("person", "Ada Obeng")]


def test_a_surname_before_a_role_and_a_name_is_whose_role_not_a_person() -> None:
    # "Top Kimble adviser Nadia Sorel" names Sorel; "Kimble Live" is a programme.
    registry = build_register(
        [
            "Top Kimble adviser Nadia Sorel said the campaign would appeal.",
            "She spoke to Bloomberg Politics and to the Dora Quell Show on Sunday.",
        ]
    )
    assert [person.name for person in registry.people] == ["Nadia Sorel"]


def test_a_shared_surname_alone_is_the_person_not_introduced_as_a_relative() -> None:
    # News names the principal by surname and the relative as such; with no relative named
    # as one, the surname stays ambiguous.
    speakers = _speakers(
        "Sen. Walt Kimble campaigned in Dover with his wife, Jane Kimble, on Saturday.",
        '"We are going to win this state," Kimble said.',
        "Jane Kimble told the crowd she had never seen such energy.",
    )
    assert speakers[1:] == [("person", "Walt Kimble"), ("person", "Jane Kimble")]
    ambiguous = _speakers(
        "Ryan Bundy and Ammon Bundy spoke outside the courthouse on Monday.",
        '"We are not going anywhere," Bundy said.',
    )
    assert ambiguous[1] == ("unknown", "Bundy")


def test_an_age_before_a_name_is_its_role() -> None:
    # Vox-pops introduce people by age: "17-year-old Jared Potts echoed:".
    speakers = _speakers(
        "Voters at the county fair were blunt.",
        "17-year-old Jared Potts echoed:",
        '"He speaks his mind."',
    )
    assert speakers[1:] == [("person", "Jared Potts"), ("person", "Jared Potts")]


def test_name_phrases_of_us_politics_with_places_tags_and_openers() -> None:
    # "Rep. X of Oklahoma", a stray comma after a party tag, and an opening adjective or
    # participle before the subject ("Democratic presidential candidate…", "Speaking at…").
    cases = [
        (
            "Rep. Tom Cole of Oklahoma, an ally of the leadership, said his worry is growing.",
            "Tom Cole",
        ),
        (
            "Sen. Jack Reed (D-R.I.), said after a lunch on Tuesday that he had not read it.",
            "Jack Reed",
        ),
        (
            "Democratic presidential candidate Sen. Dora Quell (I-Vt.) on Saturday criticized the "
            "accord, saying it goes “nowhere near far enough.”",
            "Dora Quell",
        ),
        (
            "Speaking at a town hall in Salem, Sen. Walt Kimble went after the mayor, calling her "
            "“a total stiff.”",
            "Walt Kimble",
        ),
    ]
    for paragraph, name in cases:
        assert _speakers(paragraph) == [("person", name)], paragraph
    # a long clause before a comma is no name phrase: the president did not say "reformer"
    speakers = _speakers(
        "For instance: That Gov. Ada Ruiz also misjudged Syrian President Omar Kassem, having "
        'referred to him as a "reformer."'
    )
    assert speakers[0] != ("person", "Omar Kassem")


def test_a_shared_surname_the_articles_she_follows_every_time_is_the_woman() -> None:
    # Three times "Whitlock … she", never "he"; Roy Whitlock is never given a she: Dana.
    speakers = _speakers(
        "Mrs. Dana Whitlock opened her campaign on Monday. Roy Whitlock sat in the front row.",
        "Whitlock said she would return in May.",
        "Whitlock, in her speech, thanked the volunteers.",
        "Whitlock said she was ready for the debates.",
        "“We are ready,” Whitlock said.",
    )
    assert speakers[-1] == ("person", "Dana Whitlock")
