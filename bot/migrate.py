"""The user's folders on first use, and what an older whosaid left inside the package.

whosaid 0.1 saved added articles into the package's `corpus/articles/` and built the index in
`index/built/`: refused on a system-wide install, lost or mixed up on upgrade. Now both live in
the user's data folder. The first run that uses the default folders picks up what it finds in
the old places, once, by copying (the package may be read-only; nothing is written there), and
says so in one line each.
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from pathlib import Path

from bot.settings import Settings
from corpus.paths import (
    ARTICLE_SUFFIXES,
    BUNDLED_ARTICLES,
    BUNDLED_CORPUS_DIR,
    is_default_corpus,
    user_articles_dir,
    user_data_dir,
)
from index.paths import OLD_INDEX_DIR, default_index_dir

_ARTICLES_DONE = ".picked-up-old-articles"
_INDEX_DONE = ".picked-up-old-index"


def prepare(settings: Settings) -> None:
    """Create the default folders in use; pick up old articles and index once; notes on stderr."""
    for note in pick_up(settings):
        print(f"whosaid: {note}", file=sys.stderr)


def pick_up(settings: Settings) -> list[str]:
    notes: list[str] = []
    try:
        if is_default_corpus(settings.corpus_dir):
            settings.corpus_dir.mkdir(parents=True, exist_ok=True)
            notes += _once(_ARTICLES_DONE, _articles)
        if settings.index_dir.resolve() == default_index_dir().resolve():
            notes += _once(_INDEX_DONE, _index)
    except OSError as error:  # a read-only home: the commands say what they cannot do
        notes.append(f"cannot set up {user_data_dir()} ({error.strerror or error})")
    return notes


def _once(marker: str, step: object) -> list[str]:
    done = user_data_dir() / marker
    if done.exists():
        return []
    assert callable(step)
    notes: list[str] = step()
    done.parent.mkdir(parents=True, exist_ok=True)
    done.touch()
    return notes


def _old_articles() -> list[Path]:
    """Files a user added to the package's corpus folder (anything not shipped with whosaid)."""
    if not BUNDLED_CORPUS_DIR.is_dir():
        return []
    return sorted(
        path
        for path in BUNDLED_CORPUS_DIR.iterdir()
        if path.suffix.lower() in ARTICLE_SUFFIXES
        and not path.name.startswith(".")
        and path.name not in BUNDLED_ARTICLES
        and path.is_file()
    )


def _articles() -> list[str]:
    found = _old_articles()
    target = user_articles_dir()
    copied = 0
    for path in found:
        destination = target / path.name
        if destination.exists():
            continue
        temporary = target / f".{path.name}.picking-up"
        shutil.copy2(path, temporary)
        temporary.replace(destination)
        copied += 1
    if not copied:
        return []
    noun = "article" if copied == 1 else "articles"
    return [
        f"picked up {copied} {noun} added to {BUNDLED_CORPUS_DIR} by an older whosaid: copied "
        f"to {target}, where added articles now live (the old copies are no longer read)"
    ]


def _index() -> list[str]:
    from index.store import MANIFEST, Manifest, atomic_write_text

    target = default_index_dir()
    if target.exists() or not (OLD_INDEX_DIR / MANIFEST).is_file():
        return []
    staging = target.with_name(f".{target.name}.picking-up")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(OLD_INDEX_DIR, staging, ignore=shutil.ignore_patterns(".verified.json"))
    with contextlib.suppress(Exception):  # an unreadable manifest: the next build replaces it
        manifest = Manifest.from_json((staging / MANIFEST).read_text(encoding="utf-8"))
        if Path(manifest.corpus_dir) == BUNDLED_CORPUS_DIR:
            # Built from the old default corpus, whose articles are now the new default's.
            manifest.corpus_dir = str(user_articles_dir().resolve())
            atomic_write_text(staging / MANIFEST, manifest.to_json())
    staging.rename(target)
    return [f"picked up the index built in {OLD_INDEX_DIR} by an older whosaid: copied to {target}"]
