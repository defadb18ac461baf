"""Where article files are, and which files of a folder count as articles.

Two places: the bundled articles, read-only inside the installed package, and the user's own
articles folder in the platform's data folder for the user (platformdirs), where `whosaid add`
saves. The default corpus is both; `--corpus DIR` or WHOSAID_CORPUS_DIR is that folder alone.
Nothing is ever written inside the package (it may be a read-only site-packages).

Light on purpose: every question lists the corpus to check staleness, and must not import the
reader to do it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

BUNDLED_CORPUS_DIR = Path(__file__).resolve().parent / "articles"
# The articles shipped with whosaid. Anything else in BUNDLED_CORPUS_DIR was added by a user
# of an older version, which saved there; it is copied to the user's folder once (bot.migrate).
BUNDLED_ARTICLES = ("2014-06-26-kazakstans-balancing-act-over-ukraine-ties.txt",)
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
APP_NAME = "whosaid"


def user_data_dir() -> Path:
    """The user's whosaid folder (~/.local/share/whosaid on Linux; XDG_DATA_HOME moves it)."""
    import platformdirs  # lazy: only the default paths need it

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def user_articles_dir() -> Path:
    """Where the user's own articles live: the folder of the default corpus."""
    return user_data_dir() / "articles"


def is_default_corpus(directory: Path) -> bool:
    return directory.resolve() == user_articles_dir().resolve()


def _named_like_article(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not path.name.startswith(".")


def article_files(directory: Path) -> list[Path]:
    """Article files (regular files named .txt .md .html .htm, not hidden) in `directory`, sorted.

    The default corpus (the user's articles folder) also has the bundled articles; a user's
    file of the same name stands in for a bundled one. A folder that does not exist has none;
    callers that must tell the user say so themselves.
    """
    own = _regular_files(directory)
    if not is_default_corpus(directory):
        return own
    names = {path.name for path in own}
    bundled = [
        BUNDLED_CORPUS_DIR / name
        for name in BUNDLED_ARTICLES
        if name not in names and (BUNDLED_CORPUS_DIR / name).is_file()
    ]
    return sorted([*own, *bundled], key=lambda path: (path.name, str(path)))


def _regular_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    return sorted(
        path for path in directory.iterdir() if _named_like_article(path) and path.is_file()
    )


def not_article_files(directory: Path) -> list[tuple[Path, str]]:
    """Entries named like article files that are not regular files, each with what it is:
    folders, named pipes, sockets, devices, broken or looping symbolic links. They are never
    read (a pipe would block, a link to /dev/zero never ends), only named."""
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if not _named_like_article(path):
            continue
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            found.append((path, "is a broken symbolic link"))
            continue
        except OSError as error:
            loops = error.errno == errno.ELOOP
            found.append((path, "is a symbolic link that loops" if loops else "cannot be read"))
            continue
        what = file_kind(mode)
        if what is not None:
            found.append((path, what))
    return found


_KINDS = (
    (stat.S_ISDIR, "is a folder"),
    (stat.S_ISFIFO, "is a named pipe (FIFO)"),
    (stat.S_ISSOCK, "is a socket"),
    (stat.S_ISCHR, "is a device"),
    (stat.S_ISBLK, "is a device"),
)


def file_kind(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file ("is a folder", …), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), "is not a regular file")


def shown_name(name: str | Path) -> str:
    """A file name as text that can be stored, compared and printed.

    A name that is not valid UTF-8 comes from the OS with lone surrogates standing for its
    bytes; they cannot be encoded (SQLite, UTF-8 output), so such bytes become \\xff escapes.
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")
