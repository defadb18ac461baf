"""The data model shared by every stage: articles, speakers, passages, sources and hits."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SpeakerKind = Literal["person", "organisation", "unnamed", "narrator", "unknown"]


class _Model(BaseModel):
    # Frozen: passages are shared by the index, caches and renderers; nobody edits one in place.
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Model):
    id: str = Field(description="slug, unique in the corpus (the file name without extension)")
    title: str
    subtitle: str | None = None
    date: dt.date | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    tags: list[str] = Field(default_factory=list)
    paragraphs: list[str] = Field(description="body paragraphs, cleaned, in order")


class Speaker(_Model):
    name: str | None = Field(
        default=None,
        description="'Pyotr Svoik', 'the Kazak foreign ministry', 'experts'; None for the narrator "
        "and for an unknown speaker",
    )
    role: str | None = Field(
        default=None, description="apposition: 'an Almaty-based political analyst'"
    )
    kind: SpeakerKind

    @property
    def label(self) -> str:
        """How a person reads the speaker: never empty, says plainly when nobody is named."""
        if self.kind == "narrator":
            return "the article's own narration"
        if self.kind == "unknown":
            return self.name or "unclear speaker"
        if self.kind == "unnamed":
            name = self.name or "sources"
            # "experts" reads as "unnamed experts"; "some analysts" or "a spokesman" already say it.
            determiners = (
                "unnamed",
                "anonymous",
                "an ",
                "a ",
                "some ",
                "several ",
                "many ",
                "official ",
            )
            return name if name.lower().startswith(determiners) else f"unnamed {name}"
        return self.name or "unclear speaker"


NARRATOR = Speaker(kind="narrator")


class Source(_Model):
    title: str
    publisher: str | None = None
    author: str | None = None
    date: dt.date | None = None
    url: str | None = None

    @classmethod
    def of(cls, article: Article) -> Source:
        return cls(
            title=article.title,
            publisher=article.publisher,
            author=article.author,
            date=article.date,
            url=article.url,
        )


class Passage(_Model):
    id: str = Field(description="'{article_id}:{paragraph}:{n}': stable while the text is")
    article_id: str
    paragraph: int = Field(ge=0, description="0-based index into Article.paragraphs")
    text: str
    speaker: Speaker
    cue: str | None = Field(
        default=None, description="the reporting phrase as written: 'said', 'told IWPR'"
    )
    source: Source


class Hit(_Model):
    rank: int = Field(ge=1)
    score: float
    passage: Passage
    matched: list[str] = Field(default_factory=list, description="query terms that matched")
