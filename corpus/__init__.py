"""Reading article files and turning them into speaker-attributed passages."""

from corpus.attribution import attribute
from corpus.loader import CorpusLoad, CorpusMissing, iter_article_files, load_corpus
from corpus.models import NARRATOR, Article, Hit, Passage, Source, Speaker, SpeakerKind
from corpus.reader import ArticleError, parse_article, read_article

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
