"""Save new articles into the corpus folder: safe names, no overwrite, no duplicate, atomic.

An added article is always a text file with TOML front matter, whatever it came from (a .txt or
.md file, a saved web page, a fetched URL), so the corpus stays readable with a text editor and
the provenance (url, publisher, date, author) travels with the text.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from corpus.html import HtmlError, decode_html, html_to_text
from corpus.loader import iter_article_files
from corpus.models import Article
from corpus.paths import ARTICLE_SUFFIXES, article_files
from corpus.reader import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    decode,
    parse_article,
    read_article,
    read_bytes,
)
from corpus.toml_render import FRONT_MATTER_FENCE, FrontMatterValue, render_front_matter

MAX_SLUG_LENGTH = 80
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")

# Central Asian news often has Cyrillic titles; a file name should still say what it holds.
_CYRILLIC_LATIN = (
    "аa бb вv гg дd еe ёe жzh зz иi йi кk лl мm нn оo пp рr сs тt уu фf хkh цts чch шsh щshch ъ "
    "ыy ь эe юyu яya әa ғg қq ңn өo ұu үu һh іi"
)
_CYRILLIC = {pair[0]: pair[1:] for pair in _CYRILLIC_LATIN.split(" ")}
_APOSTROPHES = re.compile(r"['’ʼ‘`]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SPACE = re.compile(r"\s+")


class AddRefused(ValueError):
    """The source was not added; the message says why in one sentence."""


@dataclass(frozen=True)
class Added:
    path: Path
    article: Article


def slugify(title: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """'Kazakstan's Balancing Act' -> 'kazakstans-balancing-act': only [a-z0-9-], no leading,
    trailing or doubled hyphen; '' when no letter or digit survives."""
    text = _APOSTROPHES.sub("", title.lower())
    text = "".join(_CYRILLIC.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", text).strip("-")
    if len(slug) > max_length:
        cut = slug[:max_length]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug.strip("-")


def body_hash(article: Article) -> str:
    """Hash of the body only: the same text under another title or date is still a duplicate."""
    normal = (
        _SPACE.sub(" ", unicodedata.normalize("NFC", paragraph)).strip()
        for paragraph in article.paragraphs
    )
    return hashlib.sha256("\n".join(p for p in normal if p).encode("utf-8")).hexdigest()


def file_stem(article: Article, digest: str) -> str:
    slug = slugify(article.title) or f"article-{digest[:8]}"
    return f"{article.date.isoformat()}-{slug}" if article.date else slug


def _front_matter(article: Article) -> dict[str, FrontMatterValue]:
    return {
        "title": article.title,
        "subtitle": article.subtitle,
        "date": article.date,
        "author": article.author,
        "publisher": article.publisher,
        "url": article.url,
        "tags": article.tags,
    }


def _parse(text: str, article_id: str) -> Article:
    try:
        return parse_article(text, article_id=article_id)  # never an article without a body
    except ArticleError as error:
        raise AddRefused(error.reason) from None


def with_front_matter(text: str, *, url: str | None = None) -> str:
    """A plain text article with front matter saying what the reader makes of it (kept as it is
    when it already has front matter); the body stays exactly as written."""
    if text.lstrip("\ufeff").startswith(FRONT_MATTER_FENCE):
        return text
    article = _parse(text, "incoming")
    if url and not article.url:
        article = article.model_copy(update={"url": url})
    framed = render_front_matter(_front_matter(article)) + "\n" + text
    # The reader guesses title and dates from the first lines of plain text; if stating them up
    # front would make it read the body differently, keep the text as the author gave it.
    if url is None and _parse(framed, "incoming").paragraphs != article.paragraphs:
        return text
    return framed


def text_of_file(path: Path) -> str:
    """The article text to save for a .txt, .md, .html or .htm file."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        shown = f"{suffix} files" if suffix else "files without a suffix"
        raise AddRefused(f"{shown} are not articles (use .txt, .md, .html or .htm)")
    try:
        if not path.is_file():
            raise AddRefused("no such file" if not path.exists() else "not a file")
        data = read_bytes(path)  # a regular file within the size limit for its kind
    except ArticleError as error:
        raise AddRefused(error.reason) from None
    if not data.strip():
        raise AddRefused("the file is empty")
    if suffix in HTML_SUFFIXES:
        if b"\x00" in data[:8192]:
            raise AddRefused("this is a binary file, not a web page")
        try:
            return html_to_text(decode_html(data))
        except HtmlError as error:
            raise AddRefused(str(error)) from None
    try:
        text = decode(data, path)  # the reader's rule: UTF-8, else the encoding recognised
    except ArticleError as error:
        raise AddRefused(error.reason) from None
    return with_front_matter(text)


def text_of_page(text: str, *, kind: str, url: str) -> str:
    """The article text to save for a fetched page (`kind` 'html' or 'text')."""
    if not text.strip():
        raise AddRefused("the page is empty")
    if kind == "html":
        try:
            return html_to_text(text, url=url)
        except HtmlError as error:
            raise AddRefused(str(error)) from None
    return with_front_matter(text, url=url)


def _write_new(directory: Path, stem: str, text: str) -> Path:
    """Write `text` to `stem.txt` in `directory`, or `stem-2.txt`, … : never over another file,
    never a half-written file under an article name (hard link of a complete temporary file)."""
    directory.mkdir(parents=True, exist_ok=True)
    temp = directory / f".adding-{secrets.token_hex(8)}.tmp"
    # os.open rather than mkstemp: mkstemp's 0600 would hide the article from other users
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # The default corpus has the bundled articles too: their names are taken as well.
        taken = {path.stem for path in article_files(directory)}
        for n in itertools.count(1):
            name = stem if n == 1 else f"{stem}-{n}"
            # Article ids are file stems: 'x.html' already taken means 'x.txt' is taken too.
            if name in taken or any(
                (directory / f"{name}{suffix}").exists() for suffix in ARTICLE_SUFFIXES
            ):
                continue
            target = directory / f"{name}.txt"
            try:
                os.link(temp, target)  # atomic, and fails rather than replace an existing file
            except FileExistsError:
                continue
            except OSError:
                # no hard links on this file system: claim the name first, then replace it whole
                try:
                    os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
                except FileExistsError:
                    continue
                os.replace(temp, target)
            return target
        raise AssertionError("unreachable")  # pragma: no cover
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


@contextlib.contextmanager
def _corpus_lock(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on the corpus folder: two `whosaid add` runs at once must not both
    find an article new and both save it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, as before
        yield
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class Library:
    """The corpus folder, as a place to add articles to."""

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        # file -> ((size, mtime) when read, body hash or None for an unreadable file)
        self._files: dict[Path, tuple[tuple[int, int], str | None]] = {}

    def _holder(self, digest: str) -> Path | None:
        """The corpus file whose body hashes to `digest`, looking again at files new or changed
        since the last look (other processes add articles too)."""
        present = set(iter_article_files(self.corpus_dir))
        for gone in set(self._files) - present:
            del self._files[gone]
        for path in sorted(present):
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = (stat.st_size, stat.st_mtime_ns)
            if path in self._files and self._files[path][0] == stamp:
                continue
            try:
                found: str | None = body_hash(read_article(path))
            except ArticleError:
                found = None  # a broken file is reported by the index build, not here
            self._files[path] = (stamp, found)
        return next((p for p in sorted(self._files) if self._files[p][1] == digest), None)

    def add_text(self, text: str) -> Added:
        """Save article `text` (front matter + body) under a new name; AddRefused if its body is
        already in the corpus or it has none."""
        size = len(text.encode("utf-8", errors="surrogateescape"))
        if size > MAX_ARTICLE_BYTES:
            raise AddRefused(
                f"the article is too large ({size / (1 << 20):.1f} MB of text; one article "
                f"file may be {MAX_ARTICLE_BYTES / (1 << 20):.1f} MB)"
            )
        article = _parse(text, "incoming")
        digest = body_hash(article)
        self.corpus_dir.mkdir(parents=True, exist_ok=True)
        with _corpus_lock(self.corpus_dir):
            holder = self._holder(digest)
            if holder is not None:
                raise AddRefused(f"the same article is already in the corpus as {holder.name}")
            path = _write_new(self.corpus_dir, file_stem(article, digest), text)
        return Added(path=path, article=article.model_copy(update={"id": path.stem}))
