"""`whosaid speakers [--json]`: who is quoted in the corpus, most quoted first."""

from __future__ import annotations

import argparse

from bot.cli import EXIT_OK
from bot.commands._searcher import open_searcher_for


def run(args: argparse.Namespace) -> int:
    searcher, _ = open_searcher_for(args)
    speakers = searcher.speakers()
    if args.json:
        from bot.render_json import models_json

        print(models_json(speakers))
        return EXIT_OK
    from bot.safe_text import terminal_safe
    from corpus.models import Speaker

    rows = []
    for summary in speakers:
        label = Speaker(name=summary.name, role=None, kind=summary.kind).label
        rows.append(
            (
                terminal_safe(label),
                summary.kind,
                str(summary.passages),
                str(len(summary.articles)),
                terminal_safe(summary.role or ""),
            )
        )
    header = ("SPEAKER", "KIND", "PASSAGES", "ARTICLES", "ROLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1])]
        cells += [row[2].rjust(widths[2]), row[3].rjust(widths[3]), row[4]]
        print("  ".join(cells).rstrip())
    return EXIT_OK
