"""What a search returns, shared by the CLI, the bot and scripts reading `--json`."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from corpus.models import Hit, SpeakerKind


class SearchResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    query: str
    took_ms: float = Field(description="search time inside the process, in milliseconds")
    corrections: dict[str, str] = Field(
        default_factory=dict, description="typed word -> word searched for instead"
    )
    hits: list[Hit] = Field(default_factory=list)
    total: int = Field(default=0, description="how many passages matched at all (for 'More')")
    offset: int = Field(default=0, description="rank of the first hit minus one")
    missing: list[str] = Field(
        default_factory=list, description="question words no article has (for 'no answer')"
    )
    weak: list[str] = Field(
        default_factory=list,
        description="question words the best passages matched only in passing ('no answer')",
    )
    lacking: list[str] = Field(
        default_factory=list,
        description="question words the passage that comes closest lacks ('no answer')",
    )
    unquoted: list[str] = Field(
        default_factory=list,
        description="words of the speaker or person asked about whom no passage quotes or "
        "names ('no answer')",
    )
    uncounted: bool = Field(
        default=False, description="'how many': the passages that match state no number"
    )
    about: list[str] = Field(
        default_factory=list, description="titles of some articles searched ('no answer')"
    )
    quoted: list[str] = Field(
        default_factory=list, description="some of the people quoted ('no answer')"
    )
    lead_ins: dict[str, str] = Field(
        default_factory=dict,
        description="passage id -> the sentence before it, for passages that do not name "
        "their subject themselves ('The line runs for…')",
    )


class SpeakerSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str | None
    role: str | None
    kind: SpeakerKind
    passages: int
    articles: list[str] = Field(description="ids of the articles the speaker appears in")


class ArticleSummary(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    publisher: str | None
    date: dt.date | None
    url: str | None
    passages: int
