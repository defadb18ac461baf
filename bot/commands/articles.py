"""`whosaid articles [--json]`: the indexed articles, in corpus order."""

from __future__ import annotations

import argparse

from bot.cli import EXIT_OK
from bot.commands._searcher import open_searcher_for


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
        details = [article.publisher, article.date.isoformat() if article.date else None]
        details.append(f"{article.passages} passages")
        print(article.title)
        print(f"  {' · '.join(d for d in details if d)}")
        print(f"  id: {article.id}")
        if article.url:
            print(f"  {article.url}")
    return EXIT_OK
