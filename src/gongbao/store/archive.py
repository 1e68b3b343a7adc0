"""`Archive`: the library interface to a gongbao archive (one SQLite file).

The CLI and the web layer use only this class and the records it returns. Every method takes the
archive's lock, so one `Archive` may be shared by threads; for serving, open it `readonly=True`
with a `time_limit_ms`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sqlite3
import threading
import time
from datetime import date
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TextIO

from gongbao.docnumber import DocNumber
from gongbao.errors import GongbaoError
from gongbao.registers.validity import RepealedEntry, Series, Status, gaps, phantom_status
from gongbao.model import ParsedIssue
from gongbao.search.query import Filters, Query, parse_query
from gongbao.search.tokenize import TOKENIZER_ID
from gongbao.registers.people import Person, Post, find_posts, people_register, posts_register
from gongbao.store.people import appointment_facts, rebuild_post_index
from gongbao.registers.plans import select_plans
from gongbao.store import plans, queries, validity
from gongbao.store.ingest import (
    PreparedIssue, _prepare_job, keep_original, prepare_file, prepare_in_parallel, prepare_parsed,
    read_file, rebuild_index, unindex_documents, write_issue,
)
from gongbao.store.records import (
    ArchiveError, DocumentList, DocumentRecord, IngestOutcome, IssueRecord, IssueSummary, NotFoundError,
    PlanRecord, PrintedLine, SearchResult, Stats, VersionRecord,
)
from gongbao.store.schema import (
    applied_migrations, data_stamp, migrate, pending_migrations, refuse_foreign,
    transaction,
)
from gongbao.search.dense import semantic_available
from gongbao.store.hybrid import Dense, run_hybrid
from gongbao.store.search import FacetCounter

__all__ = ["Archive", "default_db_path", "gazette_files", "file_identity", "is_server_url"]

DEFAULT_DB = "gongbao.db"
# Starts every CSV export: Excel (on Chinese Windows above all) reads a CSV file without it in the
# local code page (GBK) and shows UTF-8 Chinese as mojibake.
CSV_BOM = "\ufeff"
# Files a folder given to `ingest` contributes: gazette texts and PDFs, not their READMEs.
GAZETTE_SUFFIXES = (".txt", ".md", ".pdf")


def default_db_path() -> str:
    """$GONGBAO_DB, else gongbao.db in the working directory."""
    return os.environ.get("GONGBAO_DB") or DEFAULT_DB


def server_url(path: str | os.PathLike | None) -> str | None:
    """The PostgreSQL URL `--db` names (postgresql://user@host/dbname), or None for an SQLite
    file. A URL that went through pathlib (the CLI's options are paths) lost a slash: put back."""
    import re

    m = re.match(r"^(postgres(?:ql)?):/+(.+)$", str(path or ""))
    return f"{m.group(1)}://{m.group(2)}" if m else None


def is_server_url(path: str | os.PathLike | None) -> bool:
    """Whether `--db` names a PostgreSQL database rather than an SQLite file."""
    return server_url(path) is not None


def file_identity(path: str | os.PathLike) -> tuple | None:
    """(device, inode) of the archive file, None when it is missing: another archive moved over
    a served one is another file, so the server reopens it."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _connect_readonly(path: str) -> tuple[sqlite3.Connection, str]:
    """A read-only connection, and the URI it was opened with. On storage the process cannot
    write (a read-only mount, a folder it may not write, so no -wal/-shm files can be made),
    SQLite's read-only mode cannot open a WAL archive: it is then opened immutable (no locks,
    no log), which is right there, since nothing can write it either."""
    base = Path(path).resolve().as_uri()
    for uri in (f"{base}?mode=ro", f"{base}?mode=ro&immutable=1"):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn, uri
        except sqlite3.OperationalError:
            conn.close()
            if not _unwritable(path):
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _unwritable(path: str) -> bool:
    """Whether the archive's folder or file cannot be written by this process."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.access(folder, os.W_OK) or not os.access(path, os.W_OK):
        return True
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # pragma: no cover
        return False


def gazette_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named directly, and the .txt/.md/.pdf files under folders (READMEs left out), sorted.

    A path that does not exist raises GongbaoError.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() in GAZETTE_SUFFIXES
                              and not p.name.lower().startswith("readme")))
        elif path.exists():
            out.append(path)
        else:
            raise GongbaoError(f"no such file or folder: {raw}")
    return list(dict.fromkeys(out))


class Archive:
    """A gazette archive in one SQLite file (WAL mode, FTS5 index segmented with jieba).

    Open with `Archive.open(path)`; use as a context manager or call `close()`.
    """

    # What a worker process adds to an issue it prepared for this archive, fn(prepared) ->
    # prepared (a module-level function, sent to the workers); None: nothing. PostgreSQL's
    # makes the index's tsvectors there, not in the writing process.
    finish_prepared: Callable[[PreparedIssue], PreparedIssue] | None = None

    def __init__(self, conn: sqlite3.Connection, path: str, *, readonly: bool,
                 time_limit_ms: int | None) -> None:
        self._conn = conn
        self.path = path
        self.readonly = readonly
        self.time_limit_ms = time_limit_ms
        self._lock = threading.RLock()
        self._deadline: float | None = None
        if time_limit_ms:
            conn.set_progress_handler(self._over_time, 2000)
        self._counter: FacetCounter | None = None  # see store.search.FacetCounter
        self._posts_cache: tuple[tuple, tuple[Post, ...]] | None = None  # see posts()
        self._register_cache: tuple | None = None  # (archive version, validity Register)
        self._uri: str | None = None  # how a read-only archive was opened (mode=ro or immutable)
        self.identity: tuple | None = None  # the file opened (device, inode): see file_identity
        self._dense = Dense(path) if semantic_available() else None  # model loaded on first use

    # --- opening and closing --------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, readonly: bool = False,
             time_limit_ms: int | None = None) -> Archive:
        """Open (and, unless `readonly`, create and migrate) the archive at `path`.

        `path` defaults to `default_db_path()`. A read-only archive must exist; `time_limit_ms`
        bounds every read (a query that runs longer raises GongbaoError).
        Raises ArchiveError when the file is missing (read-only), not an archive, or newer.
        """
        path = str(path or default_db_path())
        if is_server_url(path):
            from gongbao.store.postgres.archive import PgArchive

            return PgArchive.open_url(server_url(path), readonly=readonly, time_limit_ms=time_limit_ms)
        if readonly and not os.path.exists(path):
            raise ArchiveError(f"no archive at {path}: run `gongbao ingest` first")
        if os.path.isdir(path):
            raise ArchiveError(f"{path} is a folder, not an archive file")
        uri = None
        try:
            if readonly:
                conn, uri = _connect_readonly(path)
            else:
                conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                refuse_foreign(conn, path)  # before WAL mode, which rewrites the file's header
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
                # Fewer, larger checkpoints while ingesting (the WAL grows to about 16 MB).
                conn.execute("PRAGMA wal_autocheckpoint = 4000")
            # Reading: a modest page cache per connection (a server holds one per thread; the
            # operating system caches the file for all of them).
            conn.execute(f"PRAGMA cache_size = {-262144 if not readonly else -16384}")
            if readonly:
                if pending_migrations(conn):
                    raise ArchiveError(f"{path} is not a gongbao archive, or an older one: "
                                       "open it once for writing (gongbao ingest) to upgrade it")
            else:
                migrate(conn)
        except sqlite3.DatabaseError as e:
            raise ArchiveError(f"cannot use {path} as an archive: {e}") from None
        archive = cls(conn, path, readonly=readonly, time_limit_ms=time_limit_ms)
        archive._uri = uri
        archive.identity = file_identity(path)
        archive._check_tokenizer()
        return archive

    def close(self) -> None:
        with self._lock:
            if self._counter is not None:
                self._counter.close()
                self._counter = None
            self._conn.close()

    # Count a search's facets on a second connection in a thread while the first ranks: pays
    # only with a core to spare for it (see store.search.FacetCounter); otherwise on this one.
    facet_thread = False

    def _facet_counter(self) -> FacetCounter | None:
        """What counts facets while a search ranks (made on first use)."""
        if self._counter is None:
            try:
                self._counter = FacetCounter(self.path, self._over_time if self.time_limit_ms else None,
                                             uri=self._uri,
                                             conn=None if self.facet_thread else self._conn)
            except sqlite3.Error:  # pragma: no cover - an archive that cannot be opened twice
                return None
        return self._counter

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # The full-text steps of a search (store.search.FTS5_INDEX; PostgreSQL has its own).
    _text_index = None

    def _data_version(self, conn) -> tuple:
        """What changes whenever the archive does, by this connection or another."""
        return data_stamp(conn)

    def _over_time(self) -> int:
        return 1 if self._deadline is not None and time.monotonic() > self._deadline else 0

    @contextmanager
    def _reading(self):
        """Hold the lock, start the time limit, turn database errors into GongbaoErrors."""
        with self._lock:
            if self.time_limit_ms:
                self._deadline = time.monotonic() + self.time_limit_ms / 1000
            try:
                yield self._conn
            except sqlite3.OperationalError as e:
                if "interrupted" in str(e):
                    raise GongbaoError(f"the query took longer than {self.time_limit_ms} ms") from None
                raise ArchiveError(f"archive error: {e}") from None
            except sqlite3.DatabaseError as e:
                raise ArchiveError(f"archive error: {e}") from None
            finally:
                self._deadline = None

    def _writable(self) -> None:
        if self.readonly:
            raise ArchiveError("the archive is open read-only")

    def _check_tokenizer(self) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
        if row and row[0] == TOKENIZER_ID:
            return
        if self.readonly:
            if row:
                raise ArchiveError(f"the archive's index was built with {row[0]}; "
                                   "open it once for writing (gongbao ingest) to re-index it")
            return
        self.reindex()

    # --- ingest ---------------------------------------------------------------------------------

    def ingest_parsed(self, parsed: ParsedIssue, *, sha256: str | None = None,
                      replace: bool = False) -> IngestOutcome:
        """Add a parsed issue, or make it the next version of the same issue, in one transaction.

        Unchanged content (same sha256) is skipped. A new version that would drop documents or
        whose cover disagrees with its text is refused unless `replace`. Returns what was done.
        (A parsed value carries no bytes: this version's original is not kept.)
        """
        self._writable()
        return self.ingest_prepared(prepare_parsed(parsed, sha256=sha256), replace=replace)

    def ingest_prepared(self, prepared: PreparedIssue, *, replace: bool = False,
                        reparse: str | None = None) -> IngestOutcome:
        """Write an issue made ready by `store.ingest.prepare_issue` (segmentation done, perhaps
        in another process): one transaction, holding the write lock only for the inserts.
        `reparse` (the new version's note): its issue's own file parsed again (see `reparse`)."""
        self._writable()
        with self._reading() as conn:
            return write_issue(conn, prepared, replace=replace, reparse=reparse)

    def reparse(self, issue_ids: Iterable[str] | None = None, *, replace: bool = False,
                on_issue: Callable[[IngestOutcome], None] | None = None) -> list[IngestOutcome]:
        """Parse the current version's file of each issue (default: every issue) again with this
        gongbao, and where what it derives changed, make that the issue's next version (same
        file, same sha256, noted as re-parsed; its documents keep their ids, and a document the
        new parse no longer finds stays findable among the former ones). Unchanged issues are
        skipped; one whose file was not kept (ingested by a gongbao before 0004_versions, or as a
        parsed value) is skipped and says so; one the new parse would drop documents of is
        refused unless `replace`, as an ingest is. `on_issue(outcome)` after each."""
        from importlib.metadata import PackageNotFoundError, version

        self._writable()
        try:
            by = f"gongbao {version('gongbao')}"
        except PackageNotFoundError:
            by = "gongbao"
        ids = list(issue_ids) if issue_ids is not None else [i.id for i in self.issues()]
        for issue_id in ids:
            self.versions(issue_id)  # NotFoundError for an issue the archive does not hold, before any work
        outcomes = []
        for issue_id in ids:
            try:
                data, record = self.source(issue_id)
            except NotFoundError as e:
                outcome = IngestOutcome(issue_id, "skipped", issue_id,
                                        message=f"{e}: ingest its file once more to keep it, then reparse")
            else:
                try:
                    prepared = prepare_file(record.path, data, record.sha256)
                except GongbaoError as e:
                    outcome = IngestOutcome(record.path, "failed", issue_id, message=str(e))
                else:
                    with self._reading() as conn:
                        prepared.key = conn.execute("SELECT key FROM issues WHERE id = ?", (issue_id,)).fetchone()[0]
                    outcome = self.ingest_prepared(prepared, replace=replace, reparse=(
                        f"re-parsed by {by} from the file of version {record.version} ({record.path})"))
            outcomes.append(outcome)
            if on_issue:
                on_issue(outcome)
        return outcomes

    def _already_there(self, digest: str, path: str, data: bytes | None = None) -> IngestOutcome | None:
        with self._reading() as conn:
            row = conn.execute("SELECT id, path FROM issues WHERE sha256 = ?", (digest,)).fetchone()
            if row and data is not None:
                keep_original(conn, digest, data)  # an issue ingested before originals were kept
        if not row:
            return None
        same = "already in the archive, unchanged" if row[1] == path else \
            f"same text as issue {row[0]} ({row[1]})"
        return IngestOutcome(path, "skipped", row[0], 0, 0, digest, same)

    def ingest_bytes(self, data: bytes, path: str, *, replace: bool = False,
                     prepare: Callable[[str, bytes, str], PreparedIssue] = prepare_file) -> IngestOutcome:
        """Parse the bytes of a gazette file and ingest it (skipped at once if already there);
        the bytes are kept as the record of this version. `prepare(path, data, sha256)` parses
        them (the server passes one that runs in a worker process with limits)."""
        self._writable()
        digest = hashlib.sha256(data).hexdigest()
        skipped = self._already_there(digest, path, data)
        if skipped:
            return skipped
        prepared = prepare(path, data, digest)
        prepared.original = data
        outcome = self.ingest_prepared(prepared, replace=replace)
        if prepared.pages and outcome.status in ("added", "replaced"):
            from gongbao.text.ocr import default_cache

            default_cache().forget(digest)  # the OCR of its scanned pages, kept until now
        return outcome

    def ingest_file(self, path: str | os.PathLike, *, replace: bool = False) -> IngestOutcome:
        """Parse and ingest one gazette file. Raises GongbaoError if it cannot be read or parsed."""
        return self.ingest_bytes(read_file(path), str(path), replace=replace)

    def ingest_paths(self, paths: Iterable[str | os.PathLike], *,
                     on_progress: Callable[[IngestOutcome, int, int], None] | None = None,
                     workers: int | None = None, replace: bool = False,
                     on_page: Callable[[str, int, int], None] | None = None) -> list[IngestOutcome]:
        """Ingest files and folders (see `gazette_files`), one transaction per issue.

        A file that fails is reported as a `failed` outcome and the others still go in.
        `on_progress(outcome, done, total)` is called after each file, in file order. With
        several files, parsing and segmentation run in `workers` processes (default: one per
        core) while this one writes. `replace`: see `ingest_parsed`.

        The scanned pages of PDFs are read first, by OCR, page by page in the same workers;
        `on_page(path, done, total)` after each (pages read by an earlier, interrupted ingest
        count as done at once: each page's result is kept in `ocr_cache()` until its issue is
        in the archive, so a killed ingest goes on where it stopped).
        """
        self._writable()
        files = gazette_files(paths)
        outcomes: list[IngestOutcome] = []
        jobs = []  # (index, path, data, digest, OCR cache folder) of the files to parse
        early: dict[int, IngestOutcome] = {}
        cache = self.ocr_cache()
        for i, file in enumerate(files):
            try:
                data = read_file(file)
            except GongbaoError as e:
                early[i] = IngestOutcome(str(file), "failed", message=str(e))
                continue
            digest = hashlib.sha256(data).hexdigest()
            skipped = self._already_there(digest, str(file), data)
            if skipped:
                early[i] = skipped
            else:
                jobs.append((i, str(file), data, digest, str(cache.folder)))
        jobs = self._read_scans(jobs, early, cache, workers, on_page)
        originals = {job[0]: job[2] for job in jobs}  # kept here, not sent back by the workers
        results = prepare_in_parallel(jobs, workers, task=partial(_prepare_job, finish=self.finish_prepared))
        for i, file in enumerate(files):
            outcome = early.get(i)
            if outcome is None:
                prepared_or_error = next(results)
                if isinstance(prepared_or_error, str):
                    outcome = IngestOutcome(str(file), "failed", message=prepared_or_error)
                else:
                    prepared_or_error.original = originals.pop(i)
                    outcome = self.ingest_prepared(prepared_or_error, replace=replace)
                    if outcome.status in ("added", "replaced", "skipped"):
                        cache.forget(outcome.sha256)
            outcomes.append(outcome)
            if on_progress:
                on_progress(outcome, i + 1, len(files))
        return outcomes

    def ocr_cache(self):
        """Where OCR results wait, page by page, until their issue is in the archive:
        $GONGBAO_OCR_CACHE, else the folder `<archive>.ocr` beside the archive file."""
        from gongbao.text.ocr import OcrCache

        return OcrCache(os.environ.get("GONGBAO_OCR_CACHE") or f"{self.path}.ocr")

    def _read_scans(self, jobs: list, early: dict, cache, workers: int | None,
                    on_page: Callable[[str, int, int], None] | None) -> list:
        """OCR every scanned page of the PDFs among `jobs` not in `cache` yet, in `workers`
        processes; a PDF that cannot be read becomes a `failed` outcome (in `early`)."""
        from gongbao.errors import InputError
        from gongbao.text.ocr import ocr_file_page
        from gongbao.text.pdf import is_pdf, scanned_pages

        kept, pages, totals, done = [], [], {}, {}
        for job in jobs:
            i, path, data, digest, _ = job
            if not is_pdf(data):
                kept.append(job)
                continue
            try:
                scanned = scanned_pages(data, path)
            except InputError as e:
                early[i] = IngestOutcome(path, "failed", message=str(e))
                continue
            kept.append(job)
            if not scanned:
                continue
            have = cache.pages(digest)
            totals[path], done[path] = len(scanned), len(have & set(scanned))
            if on_page and done[path]:
                on_page(path, done[path], totals[path])
            pages.extend((path, digest, n, str(cache.folder)) for n in scanned if n not in have)
        failed: dict[str, str] = {}
        for path_digest_page, error in zip(pages, prepare_in_parallel(pages, workers, task=ocr_file_page)):
            path = path_digest_page[0]
            if error[2]:
                failed.setdefault(path, error[2])
            done[path] += 1
            if on_page:
                on_page(path, done[path], totals[path])
        for job in list(kept):
            if job[1] in failed:
                early[job[0]] = IngestOutcome(job[1], "failed", message=failed[job[1]])
                kept.remove(job)
        return kept

    def remove_issue(self, issue_id: str) -> None:
        """Delete an issue and its documents (one transaction)."""
        self._writable()
        with self._reading() as conn, transaction(conn):
            rowid = queries._issue_rowid(conn, issue_id)
            numbers, keys, _ = validity.names_of_issue(conn, rowid)
            edited = unindex_documents(conn, [r for (r,) in conn.execute(
                "SELECT rowid FROM documents WHERE issue_rowid = ?", (rowid,))])
            conn.execute("DELETE FROM documents WHERE issue_rowid = ?", (rowid,))
            conn.execute("DELETE FROM issues WHERE rowid = ?", (rowid,))
            if not edited:
                rebuild_index(conn)
            validity.rebuild_status(conn, (numbers, keys))

    def reindex(self) -> int:
        """Rebuild the full-text index from the stored documents (after a tokenizer change)."""
        self._writable()
        with self._reading() as conn, transaction(conn):
            count = rebuild_index(conn)
            # The post keys follow the same data files (agency aliases) as the agency tokens.
            rebuild_post_index(conn)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('tokenizer', ?)",
                         (TOKENIZER_ID,))
            return count

    # --- search and reading ---------------------------------------------------------------------

    def search(self, query: str | Query, *, limit: int = 10, offset: int = 0,
               filters: Filters | None = None, snippets: bool = True,
               sort: str = "relevance", semantic: bool = True) -> SearchResult:
        """Search the archive (query language: gongbao.search.query).

        `filters` are added to those written in the query. Raises QueryError (a GongbaoError with
        a message for the user) for a query that cannot be run; never an SQL error.
        `sort`: relevance or date (newest first). `semantic`: fuse with the archive's vectors
        when it has them (store/hybrid.py); False for keywords only.
        """
        q = parse_query(query) if isinstance(query, str) else query
        q = q.with_filters(filters)
        if limit < 0 or offset < 0:
            raise GongbaoError("limit and offset must not be negative")
        with self._reading() as conn:
            # --- dense retrieval, thesaurus and sorting (store/hybrid.py wraps run_search) ---
            return run_hybrid(conn, q, limit=limit, offset=offset, snippets=snippets,
                              counter=self._facet_counter(), sort=sort,
                              dense=self._dense if semantic else None,
                              **({"text_index": self._text_index} if self._text_index else {}))

    def load_semantic(self) -> bool:
        """Load the embedding model and the vector index now, if the archive has vectors (a
        server does so at start, so that its first search does not pay for it)."""
        if self._dense is None:
            return False
        with self._reading() as conn:
            return self._dense.index(conn) is not None

    def embed(self, *, model: str | None = None, workers: int = 1, limit: int | None = None,
              progress=None):
        """Give the documents without vectors their vectors (store/embed.py: resumable, one
        transaction per document); returns an EmbedReport."""
        self._writable()
        from gongbao.store.embed import embed_documents

        with self._lock:
            try:
                return embed_documents(self._conn, model=model, workers=workers, limit=limit,
                                       progress=progress, archive_path=self.path)
            except sqlite3.DatabaseError as e:
                raise ArchiveError(f"archive error: {e}") from None

    def document(self, ref: str) -> DocumentRecord:
        """A document by its id or its 发文字号 in any common form; NotFoundError if none.

        A document that only an earlier version of its issue holds is found too, as it was in
        that version (`current` False, `version` that version)."""
        with self._reading() as conn:
            try:
                return queries.document_record(conn, queries.resolve_document(conn, ref))
            except NotFoundError:
                former = queries.former_document(conn, ref)
                if former is None:
                    raise
                return former

    def versions(self, issue_id: str) -> tuple[VersionRecord, ...]:
        """Every text ingested of an issue (its versions), oldest first; the last is current."""
        with self._reading() as conn:
            return queries.issue_versions(conn, issue_id)

    def pages(self, issue_id: str):
        """The pages of an issue read from a PDF (current version; empty for a text file): the
        lines each printed, text layer or OCR, with OCR confidences (`PageRecord`)."""
        with self._reading() as conn:
            return queries.issue_pages(conn, issue_id)

    def source(self, issue_id: str, version: int | None = None) -> tuple[bytes, VersionRecord]:
        """The bytes of a version of an issue (default: the current one) exactly as ingested,
        checked against their sha256; NotFoundError when that version's bytes were not kept."""
        with self._reading() as conn:
            return queries.source_bytes(conn, issue_id, version)

    # --- the validity register -------------------------------------------------------------------

    def status(self, ref: str, as_of: date | None = None) -> Status:
        """A document's validity status on `as_of` (default today) with its evidence: in force,
        not yet in force, expired or repealed (registers.validity). A 文号 the archive does not
        hold but names as repealed gets status "repealed" with `in_archive` false."""
        as_of = as_of or date.today()
        with self._reading() as conn:
            reg = self._register(conn)
            try:
                rowid = queries.resolve_document(conn, ref)
            except NotFoundError:
                number = DocNumber.try_parse(ref)
                found = phantom_status(str(number), reg.repealed(), as_of) if number else None
                if found is None:
                    raise
                return found
            if rowid not in reg.documents:  # a document that does not count (e.g. superseded)
                raise NotFoundError(f"{ref}: not a document of the archive's register")
            return validity.with_printed_status(conn, reg.status(rowid, as_of))

    def _register(self, conn: sqlite3.Connection):
        """The validity register, rebuilt only when the archive changed (by this connection or
        another: PRAGMA data_version), so that pages listing many hits stay cheap."""
        key = self._data_version(conn)
        if self._register_cache is None or self._register_cache[0] != key:
            self._register_cache = (key, validity.register(conn))
        return self._register_cache[1]

    def statuses(self, ids: Iterable[str] | None = None, as_of: date | None = None) -> dict[str, Status]:
        """The status on `as_of` of the documents `ids` (default: all), by id: for lists of hits."""
        as_of = as_of or date.today()
        wanted = set(ids) if ids is not None else None
        with self._reading() as conn:
            reg = self._register(conn)
        return {d.id: reg.status(d.rowid, as_of) for d in reg.documents.values()
                if wanted is None or d.id in wanted}

    def status_values(self, ids: Iterable[str], as_of: date | None = None) -> dict[str, str]:
        """The status on `as_of` (default today) of the documents `ids`, by id, without its
        evidence: what a list of hits shows (`statuses` gives the evidence too)."""
        with self._reading() as conn:
            return validity.status_values(conn, ids, as_of or date.today())

    def repealed(self) -> list[RepealedEntry]:
        """Every document named as repealed anywhere in the archive, held or not, once each."""
        with self._reading() as conn:
            return self._register(conn).repealed()

    def gaps(self, prefix: str | None = None, year: int | None = None) -> list[Series]:
        """The 文号 sequences (prefix, year) of the archive: held, missing, cited but missing."""
        with self._reading() as conn:
            numbers, cited = validity.numbers_and_citations(conn)
        return gaps(numbers, cited, prefix=prefix, year=year)

    def documents(self, filters: Filters | None = None, *, limit: int = 50,
                  offset: int = 0) -> DocumentList:
        """Documents selected by `filters`, newest first, one page of them and the total."""
        with self._reading() as conn:
            return queries.document_list(conn, filters or Filters(), limit, offset)

    def plans(self, hazard: str | None = None) -> tuple[PlanRecord, ...]:
        """Every emergency plan (应急预案) card, newest first; `hazard`: words its hazard or title holds."""
        with self._reading() as conn:
            records = plans.plan_records(conn, plans.plan_rowids(conn))
        return select_plans(records, hazard)

    def plan(self, ref: str) -> PlanRecord:
        """One plan's card by document id, 发文字号 or hazard words; NotFoundError if none."""
        with self._reading() as conn:
            return plans.plan_record(conn, ref)
    def tasks(self, *, agency: str | None = None, role: str = "any", doc: str | None = None,
              due_before: date | None = None, overdue: bool = False, as_of: date | None = None,
              year: int | None = None, place: str | None = None) -> list:
        """The task ledger (registers.tasks.LedgerTask values, in document order): every task
        the archive's documents assign, narrowed to an agency (any of its names; role "lead"
        for the tasks it leads), a document (id or 文号), a deadline, overdue on `as_of`."""
        from gongbao.registers.tasks import ROLES, ledger, select
        from gongbao.store.tasks import stored_tasks

        if role not in ROLES:
            raise GongbaoError(f"--role must be one of {', '.join(ROLES)}, not {role!r}")
        with self._reading() as conn:
            rowid = queries.resolve_document(conn, doc) if doc else None
            stored = stored_tasks(conn, rowid)
        tasks = ledger(stored, as_of or date.today())
        return select(tasks, agency=agency, role=role, due_before=due_before, overdue=overdue, year=year,
                      place=place)

    def agencies(self, *, as_of: date | None = None, place: str | None = None) -> list:
        """Every agency the tasks name (registers.tasks.AgencySummary), most tasks first; with
        `place`, those its documents' tasks name (a place's ledger)."""
        from gongbao.registers.tasks import agency_summaries
        return agency_summaries(self.tasks(as_of=as_of, place=place))

    def issues(self) -> tuple[IssueSummary, ...]:
        """All issues, newest first."""
        with self._reading() as conn:
            return queries.issue_summaries(conn)

    def issue(self, issue_id: str) -> IssueRecord:
        """An issue with its TOC (entries linked to document ids), documents, warnings."""
        with self._reading() as conn:
            return queries.issue_record(conn, issue_id)

    def printed_lines(self, issue_id: str, first: int = 1, last: int | None = None, *,
                      version: int | None = None) -> tuple[PrintedLine, ...]:
        """Lines `first`..`last` (1-based, inclusive) of an issue's printed text (of its current
        version, or of `version`), each exactly as in the file but for its line end."""
        with self._reading() as conn:
            return queries.printed_lines(conn, issue_id, first, last, version)

    def stats(self) -> Stats:
        """Counts, sizes and the facets of the whole archive."""
        with self._reading() as conn:
            return queries.stats(conn, self.path, tuple(applied_migrations(conn)), TOKENIZER_ID)

    def people(self, name: str | None = None) -> tuple[Person, ...]:
        """Every person named by an appointment (or those of one name), events in date order."""
        wanted = "".join(name.split()) if name else None
        with self._reading() as conn:
            return people_register(appointment_facts(conn, wanted), wanted)

    def posts(self, query: str | None = None) -> tuple[Post, ...]:
        """Every post with its holders, or the posts `query` names (a post in any of its printed
        forms or aliases, or words such as an agency's name that posts contain)."""
        with self._reading() as conn:
            # The register is derived from every appointment: kept until the archive changes
            # (another connection's commit moves data_version, this one's total_changes).
            version = self._data_version(conn)
            if self._posts_cache is None or self._posts_cache[0] != version:
                self._posts_cache = (version, posts_register(appointment_facts(conn)))
            posts = self._posts_cache[1]
        return find_posts(posts, query) if query else posts

    def export(self, out: TextIO, *, format: str = "jsonl", filters: Filters | None = None,
               table: str = "documents") -> int:
        """Write every document (or those `filters` select) to `out` as JSON lines or CSV; or,
        with `table="appointments"`, every appointment of the people register (one row per
        person, action and post, with its date, document and line).

        Returns the number of rows written. CSV starts with a byte-order mark (Excel on a Chinese
        Windows reads UTF-8 only with one) and has the scalar fields and the lists joined with
        ';' (text included); JSON lines have the full structure (queries.EXPORT_FIELDS).
        """
        if format not in ("jsonl", "csv"):
            raise GongbaoError(f"unknown export format {format!r}: use jsonl or csv")
        if table not in EXPORT_TABLES:
            raise GongbaoError(f"unknown table {table!r}: use {' or '.join(EXPORT_TABLES)}")
        count = 0
        with self._reading() as conn:
            if table == "appointments":
                fields, rows = APPOINTMENT_FIELDS, _appointment_rows(appointment_facts(conn))
            else:
                fields, rows = queries.EXPORT_FIELDS, queries.export_rows(conn, filters or Filters())
            writer = None
            if format == "csv":
                out.write("\ufeff")
                writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
                writer.writeheader()
            for row in rows:
                if writer is None:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                else:
                    writer.writerow({k: _csv_cell(v) for k, v in row.items()})
                count += 1
        return count


# What `export` can write: the documents, or the appointments of the people register.
EXPORT_TABLES = ("documents", "appointments")
APPOINTMENT_FIELDS = ("person", "person_id", "date", "action", "post", "post_name", "note",
                      "probation_ends", "doc_number", "document_id", "title", "issue_id", "line")


def _appointment_rows(facts) -> Iterable[dict]:
    """The register's events, person by person, each in date order."""
    for person in people_register(facts):
        for e in person.events:
            yield {"person": person.name, "person_id": person.person_id,
                   "date": e.date.isoformat() if e.date else None, "action": e.action,
                   "post": e.post, "post_name": e.post_name, "note": e.note,
                   "probation_ends": e.probation_ends.isoformat() if e.probation_ends else None,
                   "doc_number": e.doc_number, "document_id": e.doc_id, "title": e.title,
                   "issue_id": e.issue_id, "line": e.line}


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, dict):
                parts.append(" ".join(str(v) for v in item.values() if v))
            else:
                parts.append(str(item))
        return "; ".join(parts)
    return str(value)


