"""Reading article files and turning them into speaker-attributed passages.

The models load eagerly; the reader, loader and attributor load on first use, so that
`import corpus.models` (every query of the CLI and the bot) does not compile their rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from corpus.models import NARRATOR, Article, Hit, Passage, Source, Speaker, SpeakerKind

if TYPE_CHECKING:
    from corpus.attribution import attribute
    from corpus.loader import CorpusLoad, CorpusMissing, iter_article_files, load_corpus
    from corpus.reader import ArticleError, parse_article, read_article

_LAZY = {
    "attribute": "corpus.attribution",
    "CorpusLoad": "corpus.loader",
    "CorpusMissing": "corpus.loader",
    "iter_article_files": "corpus.loader",
    "load_corpus": "corpus.loader",
    "ArticleError": "corpus.reader",
    "parse_article": "corpus.reader",
    "read_article": "corpus.reader",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'corpus' has no attribute {name!r}")


__all__ = [
    "NARRATOR",
    "Article",
    "ArticleError",
    "CorpusLoad",
    "CorpusMissing",
    "Hit",
    "Passage",
    "Source",
    "Speaker",
    "SpeakerKind",
    "attribute",
    "iter_article_files",
    "load_corpus",
    "parse_article",
    "read_article",
]
