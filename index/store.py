"""The index on disk: articles, passages and terms in SQLite, a JSON manifest, atomic swaps.

Layout of an index folder:
    manifest.json       format version, build id, tokenizer settings, BM25 parameters, per-article
                        file + content hash, and a size + sha256 checksum per index file
    passages.sqlite     articles, passages (rowid = BM25 document number), terms (surface form,
                        transliteration key, document frequency) for corrections
    bm25/               the BM25Index files of the text field (owned by index.bm25)
    bm25_context/       the same for the context field (index.documents)
    documents/          each passage's text-field terms as ids, for the next rebuild (index.build)

SQLite lets a query fetch just the k passages it shows instead of parsing every passage at load.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from corpus.models import Article, Passage, Source, Speaker
from index.errors import IndexCorrupt, IndexMissing, IndexOutdated

# 3: speakers table; 4: context field, English words; 5: int64 ids; 6: Zipf; 7: related words
FORMAT_VERSION = 7
MANIFEST = "manifest.json"
DATABASE = "passages.sqlite"
BM25_DIR = "bm25"  # the text field (index.documents)
CONTEXT_DIR = "bm25_context"  # the context field
# Every passage's text-field document as term ids (the text field's vocabulary): rebuilds reuse
# those of unchanged articles instead of encoding them again (index.build).
DOCUMENTS_DIR = "documents"


class ArticleRecord(NamedTuple):
    id: str
    file: str
    sha256: str
    title: str
    subtitle: str | None
    date: str | None
    author: str | None
    publisher: str | None
    url: str | None
    tags: list[str]
    paragraphs: list[str]

    @classmethod
    def of(cls, article: Article, *, file: str, sha256: str) -> ArticleRecord:
        return cls(
            id=article.id,
            file=file,
            sha256=sha256,
            title=article.title,
            subtitle=article.subtitle,
            date=article.date.isoformat() if article.date else None,
            author=article.author,
            publisher=article.publisher,
            url=article.url,
            tags=list(article.tags),
            paragraphs=list(article.paragraphs),
        )


class PassageRecord(NamedTuple):
    id: str
    article_id: str
    paragraph: int
    text: str
    speaker_name: str | None
    speaker_role: str | None
    speaker_kind: str
    cue: str | None

    @classmethod
    def of(cls, passage: Passage) -> PassageRecord:
        return cls(
            id=passage.id,
            article_id=passage.article_id,
            paragraph=passage.paragraph,
            text=passage.text,
            speaker_name=passage.speaker.name,
            speaker_role=passage.speaker.role,
            speaker_kind=passage.speaker.kind,
            cue=passage.cue,
        )

    def passage(self, source: Source) -> Passage:
        return Passage(
            id=self.id,
            article_id=self.article_id,
            paragraph=self.paragraph,
            text=self.text,
            speaker=Speaker(
                name=self.speaker_name,
                role=self.speaker_role,
                kind=self.speaker_kind,  # written from a SpeakerKind
            ),
            cue=self.cue,
            source=source,
        )


class TermRecord(NamedTuple):
    term: str
    surface: str  # the word as the articles most often spell it, shown in "searched for: …"
    key: str  # transliteration key (index.variants.key)
    df: int
    name: bool  # mostly capitalised mid-sentence: a name, which corrections may aim at


@dataclass
class FileEntry:
    """One article file as it was when indexed (stat lets a staleness check skip hashing)."""

    sha256: str
    size: int
    mtime_ns: int
    article_id: str | None  # None: the file could not be read and was skipped


@dataclass
class Manifest:
    build_id: str
    created: str
    corpus_dir: str
    pipeline: str  # hash of the code that turns files into passages; a change voids the cache
    tokenizer: dict[str, object]
    bm25: dict[str, float]
    files: dict[str, FileEntry]  # file name -> entry
    counts: dict[str, int]
    checksums: dict[str, dict[str, Any]] = field(default_factory=dict)  # index file -> size, sha256
    format_version: int = FORMAT_VERSION
    english: str = ""  # what the english table holds (index.correct.english_words_source)

    def to_json(self) -> str:
        data = {
            "format_version": self.format_version,
            "build_id": self.build_id,
            "created": self.created,
            "corpus_dir": self.corpus_dir,
            "pipeline": self.pipeline,
            "tokenizer": self.tokenizer,
            "bm25": self.bm25,
            "counts": self.counts,
            "files": {
                name: {
                    "sha256": e.sha256,
                    "size": e.size,
                    "mtime_ns": e.mtime_ns,
                    "article_id": e.article_id,
                }
                for name, e in sorted(self.files.items())
            },
            "checksums": self.checksums,
            "english": self.english,
        }
        # ASCII: a file name that is not UTF-8 holds lone surrogates (Python's surrogateescape),
        # which JSON can carry only as \u escapes; they read back as the same name.
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("manifest is not a JSON object")
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise IndexOutdated(
                f"the index has format version {version}, this whosaid reads {FORMAT_VERSION}"
            )
        return cls(
            format_version=version,
            build_id=str(data["build_id"]),
            created=str(data["created"]),
            corpus_dir=str(data["corpus_dir"]),
            pipeline=str(data["pipeline"]),
            tokenizer=dict(data["tokenizer"]),
            bm25={k: float(v) for k, v in data["bm25"].items()},
            counts={k: int(v) for k, v in data["counts"].items()},
            files={
                name: FileEntry(
                    sha256=str(e["sha256"]),
                    size=int(e["size"]),
                    mtime_ns=int(e["mtime_ns"]),
                    article_id=e.get("article_id"),
                )
                for name, e in data["files"].items()
            },
            checksums=dict(data.get("checksums", {})),
            english=str(data.get("english", "")),
        )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _index_files(directory: Path) -> Iterator[Path]:
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            yield path


def checksums_of(directory: Path) -> dict[str, dict[str, Any]]:
    return {
        path.relative_to(directory).as_posix(): {
            "size": path.stat().st_size,
            "sha256": file_sha256(path),
        }
        for path in _index_files(directory)
    }


def write_manifest(directory: Path, manifest: Manifest) -> None:
    manifest.checksums = checksums_of(directory)
    atomic_write_text(directory / MANIFEST, manifest.to_json())


def read_manifest(directory: Path) -> Manifest:
    path = directory / MANIFEST
    if not directory.is_dir() or not path.is_file():
        if directory.is_dir() and any(directory.iterdir()):
            raise IndexCorrupt(f"{directory} has no {MANIFEST}; run `whosaid rebuild`")
        raise IndexMissing(f"there is no index in {directory} yet")
    try:
        manifest = Manifest.from_json(path.read_text(encoding="utf-8"))
    except IndexOutdated:
        raise
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise IndexCorrupt(f"{path} is not a readable manifest ({error})") from None
    # Sizes are checked on every open (cheap, catches truncated copies); sha256 by verify().
    for name, info in manifest.checksums.items():
        file = directory / name
        if not file.is_file() or file.stat().st_size != info.get("size"):
            raise IndexCorrupt(f"index file {file} is missing or has the wrong size")
    return manifest


def folder_intact(index_dir: Path, folder: str, checksums: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether every file of an index subfolder still has the sha256 the manifest recorded
    (a rebuild reuses such a folder of the previous index only then)."""
    try:
        return all(
            checksums.get(f"{folder}/{file.name}", {}).get("sha256") == file_sha256(file)
            for file in (index_dir / folder).iterdir()
        )
    except OSError:
        return False


def verify(directory: Path, manifest: Manifest) -> list[str]:
    """Index files whose sha256 differs from the manifest's (empty: all good)."""
    bad = []
    for name, info in manifest.checksums.items():
        file = directory / name
        if not file.is_file() or file_sha256(file) != info.get("sha256"):
            bad.append(name)
    return bad


def atomic_write_text(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def fsync_tree(directory: Path) -> None:
    """Make a freshly written index durable before it is swapped in."""
    for path in _index_files(directory):
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    with contextlib.suppress(OSError):
        manifest = directory / MANIFEST
        if manifest.exists():
            with manifest.open("rb") as handle:
                os.fsync(handle.fileno())


def staging_dir(target: Path) -> Path:
    """A fresh folder beside the target (same file system, so the final rename is atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    import shutil

    staging = target.with_name(f".{target.name}.building-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging


def swap_in(staging: Path, target: Path) -> None:
    """Replace `target` by `staging`: readers see either the old index or the new, never half.

    Two renames: the old folder steps aside, the new one takes its name. A crash between them
    leaves the old folder beside the target, which `recover` puts back.
    """
    import shutil

    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.rename(target, old)
        os.rename(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(staging, target)
    with contextlib.suppress(OSError):
        fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def recover(target: Path) -> None:
    """After a crash between the two renames of `swap_in`, put the previous index back."""
    if target.exists():
        return
    for old in sorted(target.parent.glob(f".{target.name}.old-*")):
        if (old / MANIFEST).is_file():
            with contextlib.suppress(OSError):
                os.rename(old, target)
                return


def remove_leftovers(target: Path) -> None:
    """Staging folders of builds that crashed (their process is gone)."""
    import shutil

    for leftover in target.parent.glob(f".{target.name}.building-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(leftover, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_SCHEMA = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, title TEXT NOT NULL,
    subtitle TEXT, date TEXT, author TEXT, publisher TEXT, url TEXT, tags TEXT NOT NULL,
    paragraphs TEXT NOT NULL, ord INTEGER NOT NULL
);
CREATE TABLE passages (
    doc INTEGER PRIMARY KEY, id TEXT NOT NULL, article_id TEXT NOT NULL, paragraph INTEGER NOT NULL,
    text TEXT NOT NULL, speaker_name TEXT, speaker_role TEXT, speaker_kind TEXT NOT NULL, cue TEXT,
    terms TEXT NOT NULL  -- index terms of the text, space-separated: rebuilds reuse them
);
-- One row per way the passages name a speaker; `identity` is the speaker's entry (index.speakers).
CREATE TABLE speakers (
    name TEXT NOT NULL, kind TEXT NOT NULL, identity TEXT NOT NULL, gender TEXT,
    PRIMARY KEY (name, kind)
) WITHOUT ROWID;
CREATE TABLE terms (
    term TEXT PRIMARY KEY, surface TEXT NOT NULL, key TEXT NOT NULL, df INTEGER NOT NULL,
    name INTEGER NOT NULL
) WITHOUT ROWID;
-- Real English words (index.correct.english_words): never "corrected" into index words; their
-- Zipf frequency tells index.evidence how little a common word the articles lack says.
CREATE TABLE english (word TEXT PRIMARY KEY, zipf REAL NOT NULL) WITHOUT ROWID;
-- Query term -> index terms searched with it (index.related): form 1 for an irregular form of
-- the word (searched as the word), 0 for a synonym or derivation (searched at a lower weight).
CREATE TABLE related (
    term TEXT NOT NULL, other TEXT NOT NULL, form INTEGER NOT NULL, PRIMARY KEY (term, other)
) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX passages_speaker ON passages (speaker_name COLLATE NOCASE, doc);
CREATE INDEX passages_article ON passages (article_id, doc);
CREATE INDEX speakers_identity ON speakers (identity);
-- Corrections only look among names: partial indexes keep those lookups small.
CREATE INDEX terms_key ON terms (key) WHERE name;
CREATE INDEX terms_name_length ON terms (length(term), term, df) WHERE name;
"""


def write_database(
    path: Path,
    articles: Sequence[ArticleRecord],
    passages: Iterable[PassageRecord],
    terms: Iterable[TermRecord],
    passage_terms: Iterable[str],
    english: Mapping[str, float] | None = None,
    speakers: Iterable[tuple[str, str, str, str | None]] = (),
    related: Iterable[tuple[str, str, int]] = (),
) -> None:
    """Write a new database file; passages are numbered 0.. in the order given (= BM25 docs).
    `passage_terms`: the index terms of each passage's text, space-separated."""
    connection = sqlite3.connect(path)
    try:
        # A staging file that is swapped in whole: no journal needed, durability comes from fsync.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    *record[:9],
                    json.dumps(record.tags, ensure_ascii=False),
                    json.dumps(record.paragraphs, ensure_ascii=False),
                    order,
                )
                for order, record in enumerate(articles)
            ),
        )
        connection.executemany(
            "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                (doc, *record, text_terms)
                for doc, (record, text_terms) in enumerate(
                    zip(passages, passage_terms, strict=True)
                )
            ),
        )
        connection.executemany("INSERT INTO terms VALUES (?,?,?,?,?)", terms)
        connection.executemany("INSERT INTO english VALUES (?,?)", sorted((english or {}).items()))
        connection.executemany("INSERT INTO speakers VALUES (?,?,?,?)", speakers)
        connection.executemany("INSERT OR IGNORE INTO related VALUES (?,?,?)", related)
        connection.executescript(_INDEXES)
        connection.commit()
    finally:
        connection.close()


class Store:
    """Read-only access to passages.sqlite of one built index."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise IndexCorrupt(f"index file {path} is missing; run `whosaid rebuild`")
        # immutable=1: the file never changes after the build (a rebuild swaps the whole folder),
        # so SQLite may skip locking.
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._db.execute("SELECT 1 FROM passages LIMIT 1").fetchall()
        except sqlite3.DatabaseError as error:
            raise IndexCorrupt(f"index file {path} is not readable ({error})") from None
        self._sources: dict[str, Source] = {}

    def close(self) -> None:
        self._db.close()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise IndexCorrupt(f"the index database is damaged ({error})") from None

    def count_passages(self) -> int:
        return int(self._rows("SELECT count(*) FROM passages")[0][0])

    def passages(self, docs: Sequence[int]) -> dict[int, PassageRecord]:
        if not docs:
            return {}
        marks = ",".join("?" * len(docs))
        rows = self._rows(
            f"SELECT doc, id, article_id, paragraph, text, speaker_name, speaker_role, "
            f"speaker_kind, cue FROM passages WHERE doc IN ({marks})",
            list(docs),
        )
        return {row[0]: PassageRecord(*row[1:]) for row in rows}

    def doc_of(self, passage_id: str) -> int | None:
        rows = self._rows("SELECT doc FROM passages WHERE id = ?", (passage_id,))
        return int(rows[0][0]) if rows else None

    def passages_of_article(self, article_id: str) -> tuple[list[PassageRecord], list[list[str]]]:
        """The article's passages in order, and the index terms of each passage's text."""
        rows = self._rows(
            "SELECT id, article_id, paragraph, text, speaker_name, speaker_role, speaker_kind, "
            "cue, terms FROM passages WHERE article_id = ? ORDER BY doc",
            (article_id,),
        )
        return [PassageRecord(*row[:8]) for row in rows], [row[8].split() for row in rows]

    def all_articles(self) -> dict[str, ArticleRecord]:
        """Every article, by id (one query: a rebuild takes most of them from here)."""
        rows = self._rows(f"SELECT {_ARTICLE_COLUMNS} FROM articles")
        return {row[0]: _article_record(row) for row in rows}

    def passages_by_article(
        self, article_ids: Collection[str]
    ) -> dict[str, tuple[list[PassageRecord], list[str], int]]:
        """For each of `article_ids`: its passages in order, the index terms of each one's text
        (space-separated, as stored) and its first passage's number, in one pass."""
        found: dict[str, tuple[list[PassageRecord], list[str], int]] = {}
        rows = self._rows(
            "SELECT doc, id, article_id, paragraph, text, speaker_name, speaker_role, "
            "speaker_kind, cue, terms FROM passages ORDER BY doc"
        )
        for row in rows:
            if row[2] in article_ids:
                records, terms, _ = found.setdefault(row[2], ([], [], int(row[0])))
                records.append(PassageRecord(*row[1:9]))
                terms.append(row[9])
        return found

    def english(self) -> dict[str, float]:
        return {
            str(word): float(zipf) for word, zipf in self._rows("SELECT word, zipf FROM english")
        }

    def docs_of_speaker(self, identity: str) -> list[int]:
        """The passages of one speaker entry (every form of their name), in index order."""
        rows = self._rows(
            "SELECT p.doc FROM speakers s JOIN passages p "
            "ON p.speaker_name = s.name AND p.speaker_kind = s.kind "
            "WHERE s.identity = ? ORDER BY p.doc",
            (identity,),
        )
        return [int(row[0]) for row in rows]

    def speaker_forms(self) -> list[tuple[str, str, str, str | None, int]]:
        """form name, kind, speaker entry, gender, passages: most quoted first."""
        return self._rows(
            "SELECT s.name, s.kind, s.identity, s.gender, count(*) FROM speakers s "
            "JOIN passages p ON p.speaker_name = s.name AND p.speaker_kind = s.kind "
            "GROUP BY s.name, s.kind ORDER BY count(*) DESC, s.name"
        )

    def speaker_rows(self) -> list[tuple[str | None, str | None, str, int, str]]:
        """speaker entry, most common role, kind, passages, article ids (comma-joined), by
        passages: every form of one speaker's name counts for their entry."""
        rows = self._rows(
            "SELECT coalesce(s.identity, p.speaker_name), p.speaker_kind, p.speaker_role, "
            "  count(*), min(p.doc), group_concat(DISTINCT p.article_id) FROM passages p "
            "LEFT JOIN speakers s ON p.speaker_name = s.name AND p.speaker_kind = s.kind "
            "GROUP BY 1, 2, 3"
        )
        merged: dict[tuple[str | None, str], list[Any]] = {}
        for who, kind, role, count, first, article_ids in rows:
            entry = merged.setdefault((who, kind), [0, set(), None])
            entry[0] += count
            entry[1].update(article_ids.split(",") if article_ids else ())
            # The most common role, the earliest on a tie.
            if role is not None and (entry[2] is None or (-count, first) < entry[2][0]):
                entry[2] = ((-count, first), role)
        result = [
            (who, entry[2][1] if entry[2] else None, kind, entry[0], ",".join(sorted(entry[1])))
            for (who, kind), entry in merged.items()
        ]
        result.sort(key=lambda row: (-row[3], row[0] or ""))
        return result

    def article(self, article_id: str) -> ArticleRecord | None:
        rows = self._rows(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
        return _article_record(rows[0]) if rows else None

    def source(self, article_id: str) -> Source:
        source = self._sources.get(article_id)
        if source is None:
            rows = self._rows(
                "SELECT title, publisher, author, date, url FROM articles WHERE id = ?",
                (article_id,),
            )
            if not rows:
                raise IndexCorrupt(f"the index lists passages of an unknown article {article_id}")
            title, publisher, author, date, url = rows[0]
            source = Source(
                title=title,
                publisher=publisher,
                author=author,
                date=dt.date.fromisoformat(date) if date else None,
                url=url,
            )
            self._sources[article_id] = source
        return source

    def article_rows(self) -> list[tuple[str, str, str | None, str | None, str | None, int]]:
        """id, title, publisher, date, url, passages: in corpus order."""
        return self._rows(
            "SELECT a.id, a.title, a.publisher, a.date, a.url, "
            "  (SELECT count(*) FROM passages p WHERE p.article_id = a.id) "
            "FROM articles a ORDER BY a.ord"
        )

    def term(self, term: str) -> TermRecord | None:
        rows = self._rows("SELECT term, surface, key, df, name FROM terms WHERE term = ?", (term,))
        return _term_record(rows[0]) if rows else None

    def names_with_key(self, key: str) -> list[TermRecord]:
        rows = self._rows(
            "SELECT term, surface, key, df, name FROM terms WHERE key = ? AND name", (key,)
        )
        return [_term_record(row) for row in rows]

    def is_english(self, word: str) -> bool:
        return bool(self._rows("SELECT 1 FROM english WHERE word = ?", (word,)))

    def zipf(self, words: Collection[str]) -> dict[str, float]:
        """Zipf frequency (wordfreq: log10 of uses per billion words) of those of `words` that
        are in the English list; a word missing is rarer than about once per million."""
        if not words:
            return {}
        marks = ",".join("?" * len(words))
        rows = self._rows(f"SELECT word, zipf FROM english WHERE word IN ({marks})", list(words))
        return {str(word): float(zipf) for word, zipf in rows}

    def related(self, terms: Collection[str]) -> dict[str, tuple[list[str], list[str]]]:
        """For each of `terms` that has any: its irregular forms and its related words that are
        index terms (index.related)."""
        if not terms:
            return {}
        marks = ",".join("?" * len(terms))
        rows = self._rows(
            f"SELECT term, other, form FROM related WHERE term IN ({marks}) ORDER BY term, other",
            list(terms),
        )
        found: dict[str, tuple[list[str], list[str]]] = {}
        for term, other, form in rows:
            forms, others = found.setdefault(str(term), ([], []))
            (forms if form else others).append(str(other))
        return found

    def article_span(self, article_id: str) -> tuple[int, int]:
        """First and last passage number of an article (its passages are numbered together)."""
        rows = self._rows(
            "SELECT min(doc), max(doc) FROM passages WHERE article_id = ?", (article_id,)
        )
        if not rows or rows[0][0] is None:
            raise IndexCorrupt(f"the index has no passages of article {article_id}")
        return int(rows[0][0]), int(rows[0][1])

    def names_of_length(self, shortest: int, longest: int) -> list[tuple[str, int]]:
        return self._rows(
            "SELECT term, df FROM terms WHERE name AND length(term) BETWEEN ? AND ?",
            (shortest, longest),
        )


_ARTICLE_COLUMNS = (
    "id, file, sha256, title, subtitle, date, author, publisher, url, tags, paragraphs"
)


def _article_record(row: Sequence[Any]) -> ArticleRecord:
    article_id, file, sha256, title, subtitle, date, author, publisher, url = row[:9]
    return ArticleRecord(
        article_id,
        file,
        sha256,
        title,
        subtitle,
        date,
        author,
        publisher,
        url,
        json.loads(row[9]),
        json.loads(row[10]),
    )


def _term_record(row: Sequence[Any]) -> TermRecord:
    term, surface, key, df, name = row
    return TermRecord(term, surface, key, int(df), bool(name))
