"""Corpus folder -> index folder, atomically and incrementally.

The new index is written into a staging folder beside the target and renamed into place, so a
crash mid-build leaves the previous index serving. Articles whose file content is unchanged are
taken from the previous index instead of being read and attributed again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import re
import shutil
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable, Collection, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from index import embed, related
from index import tokenize as tokenizer
from index.bm25 import BM25Index
from index.cache import Documents, PassageCache, pipeline_fingerprint
from index.correct import english_words, english_words_source
from index.documents import build_fields_encoded, context_sources, metadata_text
from index.errors import BuildError, DiskFull, WorkerDied
from index.semantic import VECTORS_DIR, Vectors
from index.speakers import speaker_table
from index.store import (
    BM25_DIR,
    CONTEXT_DIR,
    DATABASE,
    DOCUMENTS_DIR,
    MANIFEST,
    ArticleRecord,
    FileEntry,
    Manifest,
    PassageRecord,
    TermRecord,
    file_sha256,
    fsync_tree,
    read_manifest,
    recover,
    remove_leftovers,
    staging_dir,
    swap_in,
    write_database,
    write_manifest,
)
from index.tokenize import tokenize
from index.variants import key as transliteration_key
from index.workers import STALL_AFTER_S, WorkerLost, WorkerStuck, map_in_workers

BM25_PARAMS = {"k1": 1.5, "b": 0.75, "epsilon": 0.25}
# Below this many articles to attribute, starting worker processes costs more than it saves.
_PARALLEL_FROM = 64

Progress = Callable[[int, int], None]
_WORKER_DIED = (
    "an attribution worker process died (killed, or out of memory); the previous index is unchanged"
)
Notice = Callable[[str], None]
# A capitalised word right after a lower-case letter, digit, comma or closing quote: not a
# sentence start, so most likely a name ("said Pyotr Svoik", "in Karagandy", "…,” Abjan said").
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;”]\s)[A-Z][^\W\d_]+")


@dataclass
class BuildReport:
    articles: int
    passages: int
    speakers: int
    seconds: float
    skipped: list[str] = field(default_factory=list)  # one line per file that could not be read
    reused: int = 0  # articles taken from the previous index unchanged
    attributed: int = 0  # articles read and attributed in this build
    build_id: str = ""


@dataclass
class _Scanned:
    path: Path
    entry: FileEntry


def _attribute(path: Path, sha256: str) -> tuple[ArticleRecord, list[PassageRecord]] | str:
    """Read and attribute one file; a string is the reason it was skipped."""
    from corpus.attribution import attribute
    from corpus.paths import shown_name
    from corpus.reader import ArticleError, read_article

    try:
        article = read_article(path)
        passages = attribute(article)
    except ArticleError as error:
        return str(error)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return f"{shown_name(path.name)}: {error}"
    record = ArticleRecord.of(article, file=shown_name(path.name), sha256=sha256)
    return record, [PassageRecord.of(passage) for passage in passages]


def _attribute_star(job: tuple[Path, str]) -> tuple[ArticleRecord, list[PassageRecord]] | str:
    return _attribute(*job)


def _scan(files: Sequence[Path], previous: Manifest | None) -> list[_Scanned]:
    """Stat every file; hash only those whose size or time changed since the last build."""
    known = previous.files if previous else {}
    scanned = []
    for path in files:
        try:
            stat = path.stat()
            old = known.get(path.name)
            if old is not None and old.size == stat.st_size and old.mtime_ns == stat.st_mtime_ns:
                sha = old.sha256
            else:
                sha = file_sha256(path)
        except OSError:
            # Unreadable (a failing disk) or gone since listed: one bad file must not cost the
            # whole build; reading it again names it among the skipped files.
            scanned.append(_Scanned(path, FileEntry("", 0, 0, article_id=None)))
            continue
        scanned.append(
            _Scanned(path, FileEntry(sha, stat.st_size, stat.st_mtime_ns, article_id=None))
        )
    return scanned


@contextlib.contextmanager
def _build_lock(index_dir: Path, notice: Notice | None) -> Iterator[None]:
    """One build at a time per index folder; a second waits for the first to finish.

    The lock is taken on the parent folder itself, so no lock file is left lying around. The
    descriptor is close-on-exec and workers never come from a fork of this process
    (index.workers), so only this process ever holds the lock: when it dies, the lock goes.
    """
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(index_dir.parent, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    os.set_inheritable(descriptor, False)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if notice is not None:
                notice(f"waiting for another rebuild of {index_dir}…")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def build_index(
    corpus_dir: Path,
    index_dir: Path,
    *,
    progress: Progress | None = None,
    notice: Notice | None = None,
    stall_after_s: float = STALL_AFTER_S,
) -> BuildReport:
    """Build (or rebuild) the index of `corpus_dir` into `index_dir`, atomically.

    `notice` hears, once, that the build waits for another build of the same folder; the
    report's time counts from when this build got its turn. Raises WorkerDied or DiskFull
    (index.errors.BuildFailed) when the machine stops the build, also when no attribution
    worker finishes an article for `stall_after_s`; the old index stays as it was.
    """
    from corpus.loader import iter_article_files

    if not corpus_dir.is_dir():
        raise BuildError(f"corpus folder {corpus_dir} does not exist")
    with _build_lock(index_dir, notice):
        started = time.perf_counter()
        try:
            report = _locked_build(
                corpus_dir, index_dir, iter_article_files, started, progress, notice, stall_after_s
            )
        except (OSError, sqlite3.OperationalError) as error:
            if _disk_full(error):
                raise DiskFull(
                    f"the disk is full: there is no room to write the index in {index_dir} "
                    "(the previous index is unchanged); free some space and rebuild"
                ) from None
            raise
    report.seconds = time.perf_counter() - started
    return report


def _disk_full(error: BaseException) -> bool:
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    # numpy writes arrays with fwrite and reports a short write without an errno
    # ("71848 requested and 63472 written"): on a local file that means no space was left.
    return isinstance(error, OSError) and error.errno is None and "requested and" in str(error)


def _locked_build(
    corpus_dir: Path,
    index_dir: Path,
    list_files: Callable[[Path], list[Path]],
    started: float,
    progress: Progress | None,
    notice: Notice | None,
    stall_after_s: float,
) -> BuildReport:
    recover(index_dir)
    _refuse_foreign(index_dir)
    remove_leftovers(index_dir)
    try:
        previous: Manifest | None = read_manifest(index_dir)
    except Exception:  # any unreadable index is simply rebuilt from scratch
        previous = None
    pipeline = pipeline_fingerprint()
    files = list_files(corpus_dir)
    scanned = _scan(files, previous)
    cache = PassageCache.from_index(index_dir, pipeline)
    try:
        report, staging = _build_into(
            corpus_dir,
            index_dir,
            scanned,
            cache,
            pipeline,
            started,
            progress,
            notice,
            stall_after_s,
        )
    finally:
        cache.close()
    try:
        fsync_tree(staging)
        swap_in(staging, index_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report.skipped.extend(_not_articles(corpus_dir))
    return report


def _not_articles(corpus_dir: Path) -> list[str]:
    """Folders, pipes, sockets, devices and broken links named like articles: never read, named."""
    from corpus.paths import not_article_files, shown_name

    return [
        f"{shown_name(path)}: {what}, not an article file"
        for path, what in not_article_files(corpus_dir)
    ]


def _refuse_foreign(index_dir: Path) -> None:
    """Never swap away a folder that holds something other than an index (a typo in --index)."""
    if index_dir.exists() and not index_dir.is_dir():
        raise BuildError(f"{index_dir} is a file, not an index folder")
    # An index that lost its manifest (the user was told to rebuild it) still has its database.
    looks_like_index = any((index_dir / name).exists() for name in (MANIFEST, DATABASE))
    if index_dir.is_dir() and not looks_like_index and any(index_dir.iterdir()):
        raise BuildError(
            f"{index_dir} is not empty and holds no whosaid index; choose another --index folder"
        )


class _Documents:
    """BM25 documents (as term ids) and term statistics, grown one article at a time."""

    def __init__(self, reuse: Documents | None) -> None:
        # One id space for every document: the previous index's terms first, so that the ids
        # of its unchanged passages are taken over as they are; new terms after them.
        self.vocabulary: dict[str, int] = {}
        if reuse is not None:
            self.vocabulary = {term: i for i, term in enumerate(reuse.terms)}
        self.reused = False  # some ids came from the previous index: renumber them at the end
        self.tokens: list[npt.NDArray[np.int64]] = []
        self.lengths: list[npt.NDArray[np.int64]] = []
        self.own: list[npt.NDArray[np.int64]] = []  # each document starts with its own text's
        # Each passage's text terms, space-separated: stored, so rebuilds need not tokenize again.
        self.text_terms: list[str] = []
        self.capitalised: Counter[str] = Counter()  # words capitalised mid-sentence
        self.speaker_words: set[str] = set()
        self.context_sources: list[list[int]] = []  # passages whose text is passage i's context

    def add(
        self,
        title: str,
        passages: list[PassageRecord],
        text_terms: list[str] | None,
        encoded: tuple[npt.NDArray[np.int64], ...] | None = None,
    ) -> None:
        """One article's passages; `text_terms`: their text's terms, space-separated, and
        `encoded`: their documents as the previous index had them (term ids, lengths,
        own-text lengths), for passages taken from it unchanged."""
        # Name and role repeat across an article's passages: tokenize each pair once.
        metadata: dict[tuple[str | None, str | None], list[str]] = {}
        first = len(self.text_terms)
        for sources in context_sources([passage.paragraph for passage in passages]):
            self.context_sources.append([first + source for source in sources])
        docs: list[list[str]] = []
        for position, passage in enumerate(passages):
            self.capitalised.update(_MID_SENTENCE_CAPITAL.findall(passage.text))
            group = (passage.speaker_name, passage.speaker_role)
            extra = metadata.get(group)
            if extra is None:
                if passage.speaker_name and passage.speaker_kind == "person":
                    self.speaker_words.update(passage.speaker_name.split())
                extra = metadata[group] = [] if encoded else tokenize(metadata_text(passage))
            if encoded is not None and text_terms is not None:
                self.text_terms.append(text_terms[position])  # as stored: no need to split
                continue
            terms = text_terms[position].split() if text_terms else tokenize(passage.text)
            self.text_terms.append(" ".join(terms))
            docs.append(terms + extra)
        if encoded is not None:
            tokens, lengths, own = encoded
            self.reused = True
        else:
            ids = self.vocabulary
            tokens = np.fromiter(
                (ids.setdefault(t, len(ids)) for doc in docs for t in doc),
                np.int64,
                count=sum(len(doc) for doc in docs),
            )
            lengths = np.fromiter((len(doc) for doc in docs), np.int64, count=len(docs))
            own = np.fromiter(
                (
                    len(doc) - len(metadata[(p.speaker_name, p.speaker_role)])
                    for doc, p in zip(docs, passages, strict=True)
                ),
                np.int64,
                count=len(docs),
            )
        self.tokens.append(tokens)
        self.lengths.append(lengths)
        self.own.append(own)

    def text_counts(
        self, tokens: npt.NDArray[np.int64], terms: list[str], wanted: Collection[str]
    ) -> Counter[str]:
        """How often each of `wanted` occurs in the passages' own texts (not their speakers'
        names and roles), from the documents as ids (`tokens`, into `terms`)."""
        lengths = np.concatenate([np.empty(0, np.int64), *self.lengths])
        own = np.concatenate([np.empty(0, np.int64), *self.own])
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        in_text = np.arange(len(tokens)) - starts < np.repeat(own, lengths)
        counts = np.bincount(tokens[in_text], minlength=len(terms))
        return Counter({t: int(counts[i]) for i, t in enumerate(terms) if t in wanted})

    def fields(self) -> tuple[BM25Index, BM25Index, npt.NDArray[np.int64]]:
        """The text and context fields, and every document's ids in the text field's terms."""
        empty = np.empty(0, np.int64)
        return build_fields_encoded(
            np.concatenate([empty, *self.tokens]),
            np.concatenate([empty, *self.lengths]),
            list(self.vocabulary),
            np.concatenate([empty, *self.own]),
            self.context_sources,
            **BM25_PARAMS,
            # Ids are in order of first appearance unless some came from the previous index.
            ordered=not self.reused,
        )


# An article, its passages and (taken from the previous index) their text terms, joined.
_Cached = dict[int, tuple[ArticleRecord, list[PassageRecord], list[str]]]
_Outcome = tuple[ArticleRecord, list[PassageRecord], list[str] | None] | str


def _from_cache(scanned: list[_Scanned], cache: PassageCache) -> tuple[_Cached, list[int]]:
    """Articles whose file content was indexed before, by position; positions still to read."""
    from corpus.paths import shown_name

    hits = cache.get_many(
        {i: (item.entry.sha256, shown_name(item.path.stem)) for i, item in enumerate(scanned)}
    )
    cached: _Cached = {
        i: (article._replace(file=shown_name(scanned[i].path.name)), passages, terms)
        for i, (article, passages, terms) in hits.items()
    }
    return cached, [i for i in range(len(scanned)) if i not in cached]


def _outcomes(
    scanned: list[_Scanned],
    cached: _Cached,
    todo: list[int],
    progress: Progress | None,
    notice: Notice | None,
    stall_after_s: float,
) -> Iterator[_Outcome]:
    """Each file's article and passages (or why it was skipped), in file order.

    Unchanged files come from the cache; the others are attributed, by worker processes when
    there are many, while the caller already indexes the outcomes that are ready.
    """
    total = len(scanned)
    jobs = [(scanned[i].path, scanned[i].entry.sha256) for i in todo]
    fresh: Generator[tuple[ArticleRecord, list[PassageRecord]] | str, None, None]
    if len(jobs) >= _PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        fresh = map_in_workers(
            _attribute_star,
            jobs,
            max_workers=min(os.cpu_count() or 1, 4),
            stall_after_s=stall_after_s,
            alone=notice,
        )
    else:
        fresh = (_attribute(*job) for job in jobs)
    with contextlib.closing(fresh):  # on an error (Ctrl-C, a full disk) the workers stop now
        for position in range(total):
            found = cached.get(position)
            if found is not None:
                yield found
            else:
                try:
                    outcome = next(fresh)
                except WorkerLost:
                    raise WorkerDied(_WORKER_DIED) from None
                except WorkerStuck as stuck:
                    raise WorkerDied(f"{stuck}; the previous index is unchanged") from None
                yield outcome if isinstance(outcome, str) else (*outcome, None)
            if progress:
                progress(position + 1, total)


def _build_into(
    corpus_dir: Path,
    index_dir: Path,
    scanned: list[_Scanned],
    cache: PassageCache,
    pipeline: str,
    started: float,
    progress: Progress | None,
    notice: Notice | None,
    stall_after_s: float,
) -> tuple[BuildReport, Path]:
    articles: list[ArticleRecord] = []
    passages: list[PassageRecord] = []
    files: dict[str, FileEntry] = {}
    skipped: list[str] = []
    seen_ids: dict[str, str] = {}
    from corpus.paths import shown_name

    documents = _Documents(cache.documents)
    cached, todo = _from_cache(scanned, cache)
    if progress:
        progress(0, len(scanned))
    outcomes = _outcomes(scanned, cached, todo, progress, notice, stall_after_s)
    for item, outcome in zip(scanned, outcomes, strict=True):
        entry = item.entry
        files[item.path.name] = entry
        if isinstance(outcome, str):
            skipped.append(outcome)
            continue
        article, article_passages, text_terms = outcome
        if article.id in seen_ids:
            skipped.append(
                f"{shown_name(item.path.name)}: skipped, article id {article.id!r} is already "
                f"taken by {seen_ids[article.id]}"
            )
            continue
        seen_ids[article.id] = shown_name(item.path.name)
        entry.article_id = article.id
        articles.append(article)
        passages.extend(article_passages)
        documents.add(
            article.title,
            article_passages,
            text_terms,
            cache.encoded(article.id, len(article_passages)) if text_terms is not None else None,
        )
    engine, context, tokens = documents.fields()

    spellings = _name_spellings(documents.capitalised, documents.speaker_words)
    counts = documents.text_counts(tokens, engine.vocabulary(), spellings)
    names = _names(spellings, counts, documents.capitalised)
    terms = _term_records(engine, spellings, names)
    english_source = english_words_source()
    english = cache.english(english_source) or english_words()
    staging = staging_dir(index_dir)
    try:
        (staging / BM25_DIR).mkdir()
        engine.save(staging / BM25_DIR)
        (staging / CONTEXT_DIR).mkdir()
        context.save(staging / CONTEXT_DIR)
        Documents.save(
            staging / DOCUMENTS_DIR,
            tokens,
            np.concatenate([np.empty(0, np.int64), *documents.lengths]),
            np.concatenate([np.empty(0, np.int64), *documents.own]),
        )
        encoder = embed.encoder()
        if encoder is not None:
            # Only new or changed passages are embedded: the rest come from the previous index.
            texts = [p.text for p in passages]
            vectors = Vectors.compute(texts, encoder, cache.vectors, notice)
            vectors.save(staging / VECTORS_DIR)
        write_database(
            staging / DATABASE,
            articles,
            passages,
            terms,
            documents.text_terms,
            english=english,
            speakers=speaker_table(passages),
            related=related.for_vocabulary(engine.vocabulary(), names),
        )
        speakers = len({(p.speaker_name, p.speaker_kind) for p in passages if p.speaker_name})
        build_id = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        manifest = Manifest(
            build_id=build_id,
            created=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            corpus_dir=str(corpus_dir.resolve()),
            pipeline=pipeline,
            tokenizer=tokenizer.settings(),
            bm25=dict(BM25_PARAMS),
            files=files,
            counts={"articles": len(articles), "passages": len(passages), "speakers": speakers},
            english=english_source,
        )
        write_manifest(staging, manifest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    report = BuildReport(
        articles=len(articles),
        passages=len(passages),
        speakers=speakers,
        seconds=time.perf_counter() - started,
        skipped=skipped,
        reused=len(cached),
        attributed=len(todo),
        build_id=build_id,
    )
    return report, staging


def _name_spellings(capitalised: Counter[str], speaker_words: set[str]) -> dict[str, str]:
    """Term -> how the articles spell it (folded), for the terms that may be names."""
    spellings: dict[str, tuple[int, str]] = {}
    for word, count in [*capitalised.items(), *((w, 1) for w in speaker_words)]:
        for folded in tokenizer.words(word):
            term = tokenizer.term(folded)
            best = spellings.get(term)
            if best is None or count > best[0] or (count == best[0] and folded < best[1]):
                spellings[term] = (count, folded)
    return {term: spelling for term, (_, spelling) in spellings.items()}


def _names(spellings: dict[str, str], counts: Counter[str], capitalised: Counter[str]) -> set[str]:
    """Terms that are names: words of quoted people's names (counted 0 if only there), and
    words the texts capitalise mid-sentence at least half the time (sentence starts count
    against, to be safe). `counts`: occurrences of the spellings' terms in passage texts."""
    capitals: Counter[str] = Counter()
    for word, count in capitalised.items():
        for term in tokenize(word):
            capitals[term] += count
    return {term for term in spellings if 2 * capitals[term] >= counts[term]}


def _term_records(
    engine: BM25Index, spellings: dict[str, str], names: set[str]
) -> list[TermRecord]:
    """One row per index term: its spelling (for names), transliteration key, df, name flag."""
    records = []
    for term, df in zip(engine.vocabulary(), engine.doc_freqs().tolist(), strict=True):
        name = term in names
        # Only names are corrected towards, so only names need a spelling and a key.
        surface = spellings.get(term, term) if name else term
        key = transliteration_key(term) if name else ""
        records.append(TermRecord(term, surface, key, df, name))
    return records
