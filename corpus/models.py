"""The data model shared by every stage: articles, speakers, passages, sources and hits."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

SpeakerKind = Literal["person", "organisation", "unnamed", "narrator", "unknown"]

# Length caps on metadata, in characters, applied whenever a model is made (front matter, a saved
# page's metadata, an index written before the caps): a 100 kB title must not become every line
# of every answer. Generous for real news (the longest headlines run to ~200 characters); text
# over a cap is cut at a word and ends in "…". A URL cannot be cut and still work, so an
# over-long one is dropped instead. Documented in README ("Article files").
TITLE_MAX = 300
SUBTITLE_MAX = 600
AUTHOR_MAX = 200
PUBLISHER_MAX = 200
URL_MAX = 2048
TAG_MAX = 60
TAGS_MAX = 30
SPEAKER_NAME_MAX = 200
SPEAKER_ROLE_MAX = 300
CUE_MAX = 200


def shortened(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else cut at a word and ended with "…"."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-·–—") + "…"


def _capped(limit: int) -> AfterValidator:
    return AfterValidator(lambda text: None if text is None else shortened(text, limit))


def _url(url: str | None) -> str | None:
    return url if url is None or len(url) <= URL_MAX else None


def _tags(tags: list[str]) -> list[str]:
    return [shortened(tag, TAG_MAX) for tag in tags[:TAGS_MAX]]


Title = Annotated[str, _capped(TITLE_MAX)]
Subtitle = Annotated[str | None, _capped(SUBTITLE_MAX)]
Author = Annotated[str | None, _capped(AUTHOR_MAX)]
Publisher = Annotated[str | None, _capped(PUBLISHER_MAX)]
Url = Annotated[str | None, AfterValidator(_url)]
Tags = Annotated[list[str], AfterValidator(_tags)]


class _Model(BaseModel):
    # Frozen: passages are shared by the index, caches and renderers; nobody edits one in place.
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(_Model):
    id: str = Field(description="slug, unique in the corpus (the file name without extension)")
    title: Title
    subtitle: Subtitle = None
    date: dt.date | None = None
    author: Author = None
    publisher: Publisher = None
    url: Url = None
    tags: Tags = Field(default_factory=list)
    paragraphs: list[str] = Field(description="body paragraphs, cleaned, in order")


class Speaker(_Model):
    name: Annotated[str | None, _capped(SPEAKER_NAME_MAX)] = Field(
        default=None,
        description="'Pyotr Svoik', 'the Kazak foreign ministry', 'experts'; None for the narrator "
        "and for an unknown speaker",
    )
    role: Annotated[str | None, _capped(SPEAKER_ROLE_MAX)] = Field(
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
    title: Title
    publisher: Publisher = None
    author: Author = None
    date: dt.date | None = None
    url: Url = None

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
    cue: Annotated[str | None, _capped(CUE_MAX)] = Field(
        default=None, description="the reporting phrase as written: 'said', 'told IWPR'"
    )
    source: Source


class Hit(_Model):
    rank: int = Field(ge=1)
    score: float
    passage: Passage
    matched: list[str] = Field(default_factory=list, description="query terms that matched")
