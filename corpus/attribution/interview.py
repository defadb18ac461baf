"""Question-and-answer articles: the answers are the interviewee's words.

An interview printed as Q&A ("Five questions for the new harbour master") introduces one
person, then alternates the outlet's questions with that person's answers, with no "she
said" anywhere. Two layouts are read: labelled (`Q: …` / `A: …`) and unlabelled (a paragraph
that is one question, then the answer paragraphs). The answers go to the one person the
introduction names; with nobody, or more than one person, named there they stay as they were.
The questions stay the article's own voice.
"""

from __future__ import annotations

import re

from corpus.attribution.govern import Quote, Sentence
from corpus.attribution.people import SpeakerRegistry, name_mentions
from corpus.attribution.quotes import MASK
from corpus.attribution.resolve import Cue
from corpus.models import Speaker

_QUESTION_LABEL = re.compile(r"^\s*(?:Q|Question)\s*[:.—–-]\s*")
_ANSWER_LABEL = re.compile(r"^\s*(?:A|Answer)\s*[:.—–-]\s*")
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|we|We|my|My|our|Our)\b")
ANSWERED = "answered"  # the cue of an answer: the interview's own layout says who speaks


def _is_question(paragraph: str) -> bool:
    text = paragraph.strip()
    return (
        text.endswith("?")
        and len(text.split()) <= 40
        and MASK not in text
        and text.count("?") == 1
        and not _ANSWER_LABEL.match(text)
    )


def _answer_paragraphs(masks: list[str]) -> tuple[int, list[int]] | None:
    """(first question, answer paragraphs) of a Q&A layout, or None for any other article."""
    labelled = [n for n, text in enumerate(masks) if _QUESTION_LABEL.match(text)]
    if len(labelled) >= 2:
        questions = set(labelled)
    else:
        questions = {
            n
            for n, text in enumerate(masks)
            if _is_question(text) and n + 1 < len(masks) and not _is_question(masks[n + 1])
        }
        if len(questions) < 2:
            return None
    first = min(questions)
    answers = [n for n in range(first + 1, len(masks)) if n not in questions]
    if not labelled or len(labelled) < 2:
        # no labels: the answers must read as a person speaking (I, we, my, our) and the
        # questions be paragraphs of their own, not an article's rhetorical questions
        spoken = sum(1 for n in answers if _FIRST_PERSON.search(masks[n]))
        if spoken * 2 < len(answers) or len(answers) > 4 * len(questions):
            return None
    return first, answers


def interview_answers(
    masks: list[str], sentences: list[Sentence], quotes: list[Quote], registry: SpeakerRegistry
) -> None:
    """Gives the answers of a Q&A article to its interviewee (see the module's docstring)."""
    layout = _answer_paragraphs(masks)
    if layout is None:
        return
    first, answers = layout
    named = {registry.full_name(name) for text in masks[:first] for name, *_ in name_mentions(text)}
    if len(named) != 1 or None in named:
        return
    (name,) = named
    assert name is not None
    index = registry._by_name.get(name)
    if index is None:
        return
    speaker = registry.person_speaker(index)
    wanted = set(answers)
    for sentence in sentences:
        if sentence.paragraph not in wanted:
            continue
        if sentence.span is not None and quotes[sentence.span].cue is not None:
            continue  # a quote the answer gives with its own source
        if not sentence.cues or all(_own_voice(cue.speaker) for cue in sentence.cues):
            sentence.cues = [Cue(speaker, ANSWERED, sentence.start)]


def _own_voice(speaker: Speaker) -> bool:
    """ "I have told the board…": outside quotes "I" is the writer, but in an answer it is the
    interviewee."""
    return speaker.kind == "narrator"
