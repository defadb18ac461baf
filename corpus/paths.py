"""Where article files are: the bundled corpus, resolved against the installed package (not the
cwd), and which files of a folder count as articles. Light on purpose: every question lists the
corpus to check staleness, and must not import the reader to do it."""

import os
from pathlib import Path

BUNDLED_CORPUS_DIR = Path(__file__).resolve().parent / "articles"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def article_files(directory: Path) -> list[Path]:
    """Article files directly in `directory` (.txt .md .html .htm), sorted; hidden files skipped.

    A folder that does not exist has none; callers that must tell the user say so themselves.
    """
    if not directory.is_dir():
        return []
    return sorted(
        path
        for path in directory.iterdir()
        if path.suffix.lower() in ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and path.is_file()
    )


def shown_name(name: str | Path) -> str:
    """A file name as text that can be stored, compared and printed.

    A name that is not valid UTF-8 comes from the OS with lone surrogates standing for its
    bytes; they cannot be encoded (SQLite, UTF-8 output), so such bytes become \\xff escapes.
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")
