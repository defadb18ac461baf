"""A folder of article files -> articles, with one error per bad file (never a lost corpus)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus.models import Article
from corpus.paths import article_files, not_article_files
from corpus.reader import ArticleError, read_article


class CorpusMissing(FileNotFoundError):
    """The corpus folder does not exist or is not a folder; str() says which, in one line."""


@dataclass
class CorpusLoad:
    articles: list[Article] = field(default_factory=list)
    errors: list[ArticleError] = field(default_factory=list)


def iter_article_files(directory: Path) -> list[Path]:
    """Article files directly in `directory` (.txt .md .html .htm), sorted; hidden files skipped."""
    if not directory.is_dir():
        raise CorpusMissing(f"{directory}: no such folder")
    return article_files(directory)


def load_corpus(directory: Path) -> CorpusLoad:
    """Every readable article of the folder; each unreadable file becomes one ArticleError."""
    load = CorpusLoad()
    seen: dict[str, Path] = {}
    files = iter_article_files(directory)
    load.errors.extend(
        ArticleError(path, f"{what}, not an article file")
        for path, what in not_article_files(directory)
    )
    for path in files:
        try:
            article = read_article(path)
        except ArticleError as error:
            load.errors.append(error)
            continue
        if article.id in seen:
            load.errors.append(
                ArticleError(path, f"same article id as {seen[article.id].name}; rename one")
            )
            continue
        seen[article.id] = path
        load.articles.append(article)
    return load
