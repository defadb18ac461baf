"""Follow-ups as a person types them in a chat, with the bundled article's speakers."""

from __future__ import annotations

import pytest

from bot.conversation import Conversation, Turn
from corpus.models import Hit, Passage, Source, Speaker
from index.results import SearchResult, SpeakerSummary
from index.speakers import SpeakerMatch

SPEAKERS = {
    "svoik": "Pyotr Svoik",
    "pyotr svoik": "Pyotr Svoik",
    "umbetalieva": "Tolganay Umbetalieva",
    "tolganay umbetalieva": "Tolganay Umbetalieva",
    "grishin": "Andrei Grishin",
    "andrei grishin": "Andrei Grishin",
    "grishn": "Andrei Grishin",
    "the kazak foreign ministry": "the Kazak foreign ministry",
    "foreign ministry": "the Kazak foreign ministry",
    "the foreign ministry": "the Kazak foreign ministry",
    "experts": "experts",
    "abjan": "Mahambet Abjan",
}
GENDERS = {"Pyotr Svoik": "male", "Tolganay Umbetalieva": "female", "Andrei Grishin": "male"}
KINDS = {"the Kazak foreign ministry": "organisation", "experts": "unnamed"}


class Book:
    """The bundled article's speakers, as index.search.Searcher answers for them."""

    def find_speaker(self, name: str) -> SpeakerMatch | None:
        found = SPEAKERS.get(name.lower().strip())
        if found is None:
            return None
        kind = KINDS.get(found, "person")
        return SpeakerMatch(found, kind, GENDERS.get(found), name, name.lower() == "grishn")  # type: ignore[arg-type]

    def speaker_gender(self, name: str) -> str | None:
        return GENDERS.get(name)

    def speakers(self) -> list[SpeakerSummary]:
        return [
            SpeakerSummary(name=n, role=None, kind=KINDS.get(n, "person"), passages=1, articles=[])  # type: ignore[arg-type]
            for n in ("Tolganay Umbetalieva", "Andrei Grishin", "Pyotr Svoik", "experts")
        ]


find_speaker = Book()


def answer(query: str, speaker: Speaker, hits: int = 3, first: int = 0) -> SearchResult:
    source = Source(title="Kazakstan's Balancing Act Over Ukraine Ties", publisher="IWPR")
    passages = [
        Passage(
            id=f"a:{n}:0", article_id="a", paragraph=n, text="…", speaker=speaker, source=source
        )
        for n in range(first, first + hits)
    ]
    return SearchResult(
        query=query,
        took_ms=0.1,
        hits=[Hit(rank=i + 1, score=1.0, passage=p) for i, p in enumerate(passages)],
        total=10,
    )


SVOIK = Speaker(name="Pyotr Svoik", role="an Almaty-based political analyst", kind="person")


def asked(
    conv: Conversation, text: str, speaker: Speaker = SVOIK, hits: int = 3, first: int = 0
) -> Turn:
    turn = conv.interpret(text, find_speaker)
    conv.record(turn, answer(turn.query, speaker, hits, first))
    return turn


def test_a_fresh_question_is_searched_as_typed() -> None:
    assert Conversation().interpret("  Why did Kazakhstan abstain? ", find_speaker) == Turn(
        query="Why did Kazakhstan abstain?"
    )


@pytest.mark.parametrize("word", ["more", "More", "next", "/more", "show more", "More please!"])
def test_more_pages_through_the_last_question(word: str) -> None:
    conv = Conversation()
    asked(conv, "multi-vector foreign policy")
    turn = asked(conv, word)
    assert turn == Turn(query="multi-vector foreign policy", offset=3, is_more=True)
    assert asked(conv, word).offset == 6


def test_more_with_nothing_asked_yet_is_just_a_question() -> None:
    assert Conversation().interpret("more", find_speaker) == Turn(query="more")


@pytest.mark.parametrize(
    "text", ["What else did he say?", "what else did they say", "And what else did he tell IWPR?"]
)
def test_what_else_lists_the_last_speakers_passages(text: str) -> None:
    conv = Conversation()
    asked(conv, "multi-vector foreign policy", hits=1)
    assert conv.interpret(text, find_speaker) == Turn(
        query="", speaker="Pyotr Svoik", exclude=frozenset({"a:0:0"})
    )


def test_what_else_leaves_out_everything_of_theirs_already_shown_and_more_keeps_it_out() -> None:
    conv = Conversation()
    asked(conv, "multi-vector foreign policy", hits=1)
    asked(conv, "what else did he say?", hits=2, first=1)
    turn = asked(conv, "more", hits=1, first=3)
    assert turn.exclude == frozenset({"a:0:0"})
    assert conv.interpret("what else did he say?", find_speaker).exclude == frozenset(
        {"a:0:0", "a:1:0", "a:2:0", "a:3:0"}
    )


def test_a_new_speaker_starts_with_nothing_left_out() -> None:
    conv = Conversation()
    asked(conv, "multi-vector foreign policy", hits=1)
    umbetalieva = Speaker(name="Tolganay Umbetalieva", kind="person")
    asked(conv, "fear of protests", speaker=umbetalieva, hits=1, first=7)
    assert conv.interpret("what else did she say?", find_speaker).exclude == frozenset({"a:7:0"})


def test_the_last_speaker_is_the_top_hit_only_when_it_is_a_person() -> None:
    conv = Conversation()
    asked(conv, "multi-vector foreign policy")
    asked(conv, "crimea referendum", speaker=Speaker(kind="narrator"))
    assert conv.interpret("what else did he say?", find_speaker).speaker == "Pyotr Svoik"


@pytest.mark.parametrize(
    "text", ["and Umbetalieva?", "What about umbetalieva?", "how about Umbetalieva"]
)
def test_and_name_asks_the_last_question_of_another_speaker(text: str) -> None:
    conv = Conversation()
    asked(conv, "independent policy towards Ukraine")
    assert conv.interpret(text, find_speaker) == Turn(
        query="independent policy towards Ukraine", speaker="Tolganay Umbetalieva"
    )


def test_and_unknown_name_is_searched_as_a_question() -> None:
    conv = Conversation()
    asked(conv, "independent policy towards Ukraine")
    assert conv.interpret("and Crimea?", find_speaker) == Turn(query="and Crimea?")


def test_what_did_name_say_about_restricts_to_that_speaker() -> None:
    turn = Conversation().interpret("What did Grishin say about ethnic origin?", find_speaker)
    assert turn == Turn(query="about ethnic origin", speaker="Andrei Grishin")


def test_a_pronoun_question_keeps_the_last_speaker() -> None:
    conv = Conversation()
    asked(conv, "multi-vector foreign policy")
    turn = conv.interpret("what did he say about the Ukrainian government?", find_speaker)
    assert turn == Turn(query="about the ukrainian government", speaker="Pyotr Svoik")
    turn = conv.interpret("does he think Kazakhstan is independent?", find_speaker)
    assert turn.speaker == "Pyotr Svoik"


def test_after_a_follow_up_more_stays_with_that_speaker() -> None:
    conv = Conversation()
    asked(conv, "independent policy towards Ukraine")
    asked(conv, "and Umbetalieva?", hits=2)
    assert conv.interpret("more", find_speaker) == Turn(
        query="independent policy towards Ukraine",
        speaker="Tolganay Umbetalieva",
        offset=2,
        is_more=True,
    )


def test_and_name_after_who_is_asks_about_the_topic_not_the_literal_question() -> None:
    conv = Conversation()
    asked(conv, "Who is Svoik?")
    turn = conv.interpret("and Umbetalieva?", find_speaker)
    assert turn == Turn(query="", speaker="Tolganay Umbetalieva")


def test_and_name_keeps_the_content_words_of_the_last_question() -> None:
    conv = Conversation()
    asked(conv, "What does Svoik think about the multi-vector policy?")
    turn = conv.interpret("and Umbetalieva?", find_speaker)
    assert turn.speaker == "Tolganay Umbetalieva"
    assert turn.query == "about the multi-vector policy"
    asked(conv, "Who is Grishin and what did he say about picketing the Russian embassy?")
    assert conv.interpret("and Abjan?", Book()).query == "picketing russian embassy"


def test_she_after_a_man_asks_whom_she_means() -> None:
    conv = Conversation()
    asked(conv, "Who is Svoik?")
    turn = conv.interpret("what else did she say?", find_speaker)
    assert turn.speaker is None
    assert turn.reply is not None
    assert "“She” does not fit the last speaker, Pyotr Svoik" in turn.reply
    assert "Umbetalieva" in turn.reply  # a woman who is quoted, as an example
    # Asking back changes nothing: "he" still means Svoik.
    conv.record(turn, answer("", SVOIK, hits=0))
    assert conv.interpret("what else did he say?", find_speaker).speaker == "Pyotr Svoik"


@pytest.mark.parametrize(
    "text", ["what else did he say?", "What did she say about Russian media?", "anything else"]
)
def test_a_pronoun_with_nobody_quoted_yet_asks_whom_it_means(text: str) -> None:
    turn = Conversation().interpret(text, find_speaker)
    assert turn.reply is not None and turn.reply.startswith("Whom do you mean")
    assert turn.query == "" and turn.speaker is None


def test_he_does_not_fit_an_organisation_or_a_group() -> None:
    for speaker in ("the foreign ministry", "experts"):
        conv = Conversation()
        asked(conv, f"what did {speaker} say?")
        turn = conv.interpret("what else did he say?", find_speaker)
        assert turn.reply is not None and "does not fit" in turn.reply
        assert conv.interpret("what else did they say?", find_speaker).reply is None


def test_a_misspelt_follow_up_name_is_corrected_and_says_so() -> None:
    conv = Conversation()
    asked(conv, "protests at the embassy")
    turn = conv.interpret("and grishn?", find_speaker)
    assert turn.speaker == "Andrei Grishin"
    assert turn.corrected == ("grishn", "Andrei Grishin")


def test_the_conversation_state_is_plain_json() -> None:
    import dataclasses
    import json

    conv = Conversation()
    asked(conv, "Who is Svoik?")
    asked(conv, "what else did he say?")
    state = {
        key: sorted(value) if isinstance(value, set | frozenset) else value
        for key, value in dataclasses.asdict(conv).items()
    }
    restored = Conversation(**json.loads(json.dumps(state)))
    assert restored.last_speaker == "Pyotr Svoik"
    assert set(restored.seen) == conv.seen
