"""`whosaid articles [--json]`: the indexed articles, in corpus order."""

from __future__ import annotations

import argparse

from bot.cli import EXIT_OK
from bot.commands._searcher import open_searcher_for
from bot.safe_text import terminal_safe


def run(args: argparse.Namespace) -> int:
    searcher, _ = open_searcher_for(args)
    articles = searcher.articles()
    if args.json:
        from bot.render_json import models_json

        print(models_json(articles))
        return EXIT_OK
    for position, article in enumerate(articles):
        if position:
            print()
        publisher = terminal_safe(article.publisher) if article.publisher else None
        details = [publisher, article.date.isoformat() if article.date else None]
        details.append(f"{article.passages} passages")
        print(terminal_safe(article.title))
        print(f"  {' · '.join(d for d in details if d)}")
        print(f"  id: {terminal_safe(article.id, names=True)}")
        if article.url:
            print(f"  {terminal_safe(article.url, names=True)}")
    return EXIT_OK
