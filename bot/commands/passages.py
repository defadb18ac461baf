"""`whosaid passages [FILE ...] [--json]`: attributed passages of files, or of the corpus.

No index is needed: the files are read and attributed on the spot. A file that cannot be read
gets one line on stderr and a non-zero exit; the other files are still printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli import EXIT_OK, EXIT_USAGE
from bot.config import settings_for
from bot.errors import UserError
from bot.render_json import safe_dumps
from bot.safe_text import terminal_safe
from corpus.attribution import attribute
from corpus.loader import CorpusMissing, load_corpus
from corpus.models import Article, Passage
from corpus.reader import ArticleError, read_article


def _articles(args: argparse.Namespace) -> tuple[list[Article], list[str]]:
    files: list[Path] = list(args.files)
    if files:
        articles: list[Article] = []
        errors: list[str] = []
        for path in files:
            try:
                articles.append(read_article(path))
            except ArticleError as error:
                errors.append(str(error))
        return articles, errors
    corpus_dir = settings_for(args).corpus_dir
    try:
        load = load_corpus(corpus_dir)
    except CorpusMissing as error:
        raise UserError(f"corpus folder {error}") from None
    return load.articles, [str(error) for error in load.errors]


def format_passage(passage: Passage) -> str:
    """Speaker (name, role, kind), cue, then the text: one block per passage."""
    speaker = passage.speaker
    who = terminal_safe(speaker.label)
    if speaker.role:
        who += f", {terminal_safe(speaker.role)}"
    details = [who, speaker.kind]
    if passage.cue:
        details.append(f"cue: {terminal_safe(passage.cue)}")
    return f"[{terminal_safe(passage.id, names=True)}] {' · '.join(details)}\n" + terminal_safe(
        passage.text
    )


def run(args: argparse.Namespace) -> int:
    articles, errors = _articles(args)
    passages = [passage for article in articles for passage in attribute(article)]
    if args.json:
        print(safe_dumps([p.model_dump(mode="json") for p in passages], indent=2))
    else:
        print("\n\n".join(format_passage(passage) for passage in passages))
    sys.stdout.flush()
    for error in errors:
        print(f"whosaid: {terminal_safe(error, names=True)}", file=sys.stderr)
    return EXIT_USAGE if errors else EXIT_OK
