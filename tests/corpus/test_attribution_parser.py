"""The spaCy backend (`WHOSAID_ATTRIBUTION=parser`) on short news-style sentences of our own.

The `test` extra pulls in the `parser` extra (spaCy and the model), so nothing here is skipped:
a missing model fails the session fixture instead of passing silently.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.attribution import attribute, parser
from corpus.attribution.quotes import mask_quotes, quote_spans
from corpus.models import Article, Passage


@pytest.fixture(scope="session")
def nlp() -> Any:
    loaded = parser.load()
    assert loaded is not None, 'spaCy and its model are missing: pip install -e ".[test]"'
    return loaded


def _candidates(nlp: Any, sentence: str) -> list[parser.Candidate]:
    masked = mask_quotes(sentence, quote_spans(sentence))
    return parser.parse_candidates(nlp(sentence), masked, 0)


def _speakers(paragraphs: list[str], backend: str) -> list[tuple[int, str, str | None]]:
    article = Article(id="t", title="Test", paragraphs=paragraphs)
    passages: list[Passage] = attribute(article, backend=backend)
    return [(p.paragraph, p.speaker.kind, p.speaker.name) for p in passages]


def test_inverted_cue_gives_the_name_and_the_apposition_as_role(nlp: Any) -> None:
    [found] = _candidates(nlp, "“The figures do not add up,” said Paolo Conti, an economist.")
    assert (found.source, found.cue, found.role) == ("Paolo Conti", "said", "an economist")


def test_title_and_given_name_stay_in_the_source_phrase(nlp: Any) -> None:
    [found] = _candidates(nlp, "Health Minister Carla Ruiz warned that “the clinics are full.”")
    assert found.source == "Health Minister Carla Ruiz" and found.cue == "warned"


def test_participle_takes_the_subject_of_its_verb(nlp: Any) -> None:
    found = _candidates(nlp, "Conti dismissed the plan on Friday, saying it was “built on sand.”")
    assert [(c.source, c.cue) for c in found] == [("Conti", "saying")]


def test_according_to_names_its_object(nlp: Any) -> None:
    sentence = "According to Marta Oleynik, a baker, bread prices have doubled."
    [found] = _candidates(nlp, sentence)
    assert (found.source, found.cue) == ("Marta Oleynik", "according to")


def test_framing_verbs_count_only_around_a_quotation(nlp: Any) -> None:
    assert _candidates(nlp, "The mayor called for calm after the vote.") == []
    [found] = _candidates(nlp, "The mayor called the vote “a disgrace.”")
    assert found.source == "The mayor"


def test_no_source_is_read_from_inside_a_quotation(nlp: Any) -> None:
    # "said" and "Everyone" are quoted words, not a cue of the sentence
    assert _candidates(nlp, "“Everyone said it would fail.”") == []
    found = _candidates(nlp, "“Everyone said it would fail,” the report concluded.")
    assert [c.source for c in found] == ["the report"]


def test_partial_quote_in_narration_goes_to_its_speaker(nlp: Any) -> None:
    paragraphs = [
        "Marta Oleynik, who runs a bakery on the main square, has watched prices climb all year.",
        "Oleynik on Tuesday described the new levy as “a tax on the poor.”",
    ]
    # both backends: the rules read "described … as “…”" (a frame for a partial quote)
    assert _speakers(paragraphs, "rules")[1] == (1, "person", "Marta Oleynik")
    assert _speakers(paragraphs, "parser")[1] == (1, "person", "Marta Oleynik")


def test_a_quote_with_its_own_unlisted_cue_is_not_given_to_the_previous_speaker(
    nlp: Any,
) -> None:
    paragraphs = [
        "Health Minister Carla Ruiz warned lawmakers that the clinics were full.",
        "“We will be back next year,” chanted the strikers outside the plant.",
    ]
    kind, name = _speakers(paragraphs, "parser")[1][1:]
    assert name != "Carla Ruiz" and kind != "person"


def test_rules_are_the_fallback_without_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraphs = [
        "Oleynik on Tuesday described the new levy as “a tax on the poor.”",
        "“It is over,” said Paolo Conti, an economist.",
    ]
    monkeypatch.setattr(parser, "load", lambda: None)
    assert _speakers(paragraphs, "parser") == _speakers(paragraphs, "rules")


def test_only_sentences_with_quotes_or_speech_verbs_are_parsed() -> None:
    assert parser.needs_parse("“It is over.”")
    assert parser.needs_parse("The minister insisted the plan was sound.")
    assert not parser.needs_parse("Bread prices rose by a third last year.")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
        min_size=1,
        max_size=3,
    )
)
def test_arbitrary_text_never_crashes_the_backend(nlp: Any, paragraphs: list[str]) -> None:
    article = Article(id="h", title="H", paragraphs=[p + " said Anna “x”" for p in paragraphs])
    passages = attribute(article, backend="parser")
    assert {p.paragraph for p in passages} <= set(range(len(paragraphs)))


def test_the_backend_is_part_of_the_index_cache_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from index.cache import pipeline_fingerprint

    monkeypatch.setenv("WHOSAID_ATTRIBUTION", "rules")
    rules = pipeline_fingerprint()
    monkeypatch.setenv("WHOSAID_ATTRIBUTION", "parser")
    assert pipeline_fingerprint() != rules
    assert "en_core_web_sm" in parser.fingerprint()


def test_the_setting_reaches_attribution_and_a_bad_value_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import argparse

    from bot.config import settings_for
    from bot.errors import UserError
    from corpus.attribution.pipeline import default_backend

    monkeypatch.setenv("WHOSAID_ATTRIBUTION", "parser")
    assert settings_for(argparse.Namespace()).attribution == "parser"
    assert default_backend() == "parser"
    monkeypatch.setenv("WHOSAID_ATTRIBUTION", "spacy")
    with pytest.raises(UserError, match="bad setting"):
        settings_for(argparse.Namespace())
