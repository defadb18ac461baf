"""Passage assembly: consecutive sentences of a paragraph with one speaker form a passage."""

from __future__ import annotations

from corpus.attribution.govern import Quote, Sentence
from corpus.attribution.people import SpeakerRegistry
from corpus.models import NARRATOR, Article, Passage, Source, Speaker

_UNKNOWN = Speaker(kind="unknown")


def _speaker_of(sentence: Sentence, quotes: list[Quote]) -> tuple[Speaker, str | None]:
    speakers = {c.speaker for c in sentence.cues}
    if len(speakers) > 1 or any(c.mixed for c in sentence.cues):
        return _UNKNOWN, None  # two sources in one sentence: we will not split hairs here
    if sentence.cues:
        return sentence.cues[0].speaker, sentence.cues[0].text
    if sentence.span is not None:
        cue = quotes[sentence.span].cue
        if cue is None:
            return _UNKNOWN, None
        return cue.speaker, cue.text
    return NARRATOR, None


def assemble(
    article: Article,
    sentences: list[Sentence],
    quotes: list[Quote],
    registry: SpeakerRegistry,
) -> list[Passage]:
    source = Source.of(article)
    passages: list[Passage] = []
    run: list[str] = []
    run_key: tuple[int, Speaker] | None = None
    run_cue: str | None = None
    counters: dict[int, int] = {}

    def flush() -> None:
        if run_key is None or not run:
            return
        paragraph, speaker = run_key
        n = counters.get(paragraph, 0)
        counters[paragraph] = n + 1
        passages.append(
            Passage(
                id=f"{article.id}:{paragraph}:{n}",
                article_id=article.id,
                paragraph=paragraph,
                text=" ".join(run),
                speaker=registry.refreshed(speaker),
                cue=run_cue,
                source=source,
            )
        )

    for sentence in sentences:
        speaker, cue = _speaker_of(sentence, quotes)
        key = (sentence.paragraph, speaker)
        if key != run_key:
            flush()
            run, run_key, run_cue = [], key, cue
        run.append(sentence.text)
        run_cue = run_cue or cue
    flush()
    return passages
