"""Where the bundled corpus lives: resolved against the installed package, not the cwd."""

from pathlib import Path

BUNDLED_CORPUS_DIR = Path(__file__).resolve().parent / "articles"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
