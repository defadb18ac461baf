"""Where article files are: the bundled corpus, resolved against the installed package (not the
cwd), and which files of a folder count as articles. Light on purpose: every question lists the
corpus to check staleness, and must not import the reader to do it."""

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
