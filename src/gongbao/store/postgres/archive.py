"""`PgArchive`: the `Archive` interface over a PostgreSQL database (`--db postgresql://…`).

Every method of `Archive` runs unchanged: the store's modules get a `PgConnection` (the dialect
seam) where they would get an sqlite3 connection, and searches run the PostgreSQL full-text steps
(`postgres/search.py`). What differs is how connections are had:

* writing (`readonly=False`): one connection of its own; every issue is one transaction that
  first takes the archive's advisory write lock, so ingests from several processes take turns
  and each sees what the others committed (identity, versions and idempotence as on SQLite);
* reading (`readonly=True`, what `gongbao serve` opens): connections come from a pool shared by
  every read-only archive of the process (`psycopg_pool`), each set to read-only transactions and
  a statement timeout (`time_limit_ms`); each call is one read-only REPEATABLE READ transaction,
  so a search and the summaries of its hits see one state of the archive.
"""

from __future__ import annotations

import atexit
import math
import re
import threading
from contextlib import contextmanager
from dataclasses import replace

from gongbao.errors import GongbaoError
from gongbao.search.dense import semantic_available
from gongbao.search.tokenize import TOKENIZER_ID
from gongbao.store import queries
from gongbao.store.archive import Archive
from gongbao.store.hybrid import Dense
from gongbao.store.postgres.connection import WRITE_LOCK, PgConnection, load_catalog
from gongbao.store.postgres.schema import applied_migrations, migrate, pending_migrations, refuse_foreign
from gongbao.store.postgres.search import PG_INDEX
from gongbao.store.postgres.statistics import analyze_stale
from gongbao.store.postgres.tsvector import add_index
from gongbao.store.records import ArchiveError, Stats

__all__ = ["PgArchive", "display_url", "close_pools", "POOL_SIZE"]

# Connections of the read-only pool of one process (one per server thread that reads at once).
POOL_SIZE = 8
_POOLS: dict[tuple, tuple] = {}  # (url, time limit) -> (ConnectionPool, Catalog)
_POOLS_LOCK = threading.Lock()


def display_url(url: str) -> str:
    """The URL without its password (what messages and `stats` show)."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1@", url)


def _psycopg():
    try:
        import psycopg
    except ImportError:  # pragma: no cover - the extra not installed
        raise ArchiveError("PostgreSQL needs psycopg: pip install 'gongbao[postgres]'") from None
    return psycopg


def _plan_each_statement(conn) -> None:
    """Plans made for each statement's own values: psycopg prepares a statement it has run five
    times, and the server then plans it once for any value (a generic plan). For a look-up with
    LIMIT 1 that plan is a sequential scan, expected to stop at once: for a key no row has (what
    the search asks of every query's words: is this a post, an agency?) it read all 213,000
    rows of `appointment_posts` at 100,000 documents, 12-25 ms each time, against 0.1 ms by the
    index. Planning a statement costs a fraction of a millisecond; the plans of a search depend
    on its values (how many documents a tsquery matches) anyway."""
    conn.execute("SET plan_cache_mode = force_custom_plan")


def _connect(url: str):
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as e:
        reason = " ".join(line.strip() for line in str(e).splitlines() if line.strip()) or type(e).__name__
        raise ArchiveError(f"cannot connect to {display_url(url)}: {reason}") from None
    _plan_each_statement(conn)
    return conn


def _read_pool(url: str, time_limit_ms: int | None):
    """The process's pool of read-only connections to `url` (made on first use)."""
    key = (url, time_limit_ms)
    with _POOLS_LOCK:
        if key not in _POOLS:
            from psycopg_pool import ConnectionPool

            def configure(conn):
                conn.execute("SET default_transaction_read_only = on")
                _plan_each_statement(conn)
                if time_limit_ms:  # whole milliseconds, at least one (0 would mean no limit)
                    conn.execute(f"SET statement_timeout = {max(1, math.ceil(time_limit_ms))}")

            raw = _connect(url)
            try:
                catalog = load_catalog(raw)
            finally:
                raw.close()
            pool = ConnectionPool(url, min_size=1, max_size=POOL_SIZE, open=True, timeout=30,
                                  kwargs={"autocommit": True}, configure=configure,
                                  name="gongbao-read")
            _POOLS[key] = (pool, catalog)
        return _POOLS[key]


def close_pools() -> None:
    """Close every read-only pool of the process (at exit, and in tests before a DROP DATABASE)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool, _ in pools:
        pool.close()


atexit.register(close_pools)


def _compress_with_lz4(raw) -> None:
    """The writing connection compresses long values (the documents' texts, the tsvectors) with
    lz4 where the server has it: about the size of pglz's, in a fraction of the server's time.
    Reading needs nothing: each value records how it was compressed."""
    psycopg = _psycopg()
    try:
        raw.execute("SET default_toast_compression = lz4")
    except psycopg.Error:  # a server built without lz4: its default (pglz) stays
        pass


class PgArchive(Archive):
    """A gazette archive in a PostgreSQL database. Open with `Archive.open("postgresql://…")`."""

    _text_index = PG_INDEX
    finish_prepared = staticmethod(add_index)  # the tsvectors made in the workers

    def __init__(self, url: str, *, readonly: bool, time_limit_ms: int | None, conn=None,
                 pool=None, catalog=None) -> None:
        self.url = url
        self.path = display_url(url)
        self.readonly = readonly
        self.time_limit_ms = time_limit_ms
        self._lock = threading.RLock()
        self._deadline = None
        self._counter = None
        self._posts_cache = None
        self._register_cache = None
        self._uri = None
        self.identity = None
        self._conn = conn
        self._pool = pool
        self._catalog = catalog
        self._translations: dict = {}
        self._dense = Dense(url) if semantic_available() else None  # vectors as on SQLite (0014_vectors)

    @classmethod
    def open_url(cls, url: str, *, readonly: bool = False,
                 time_limit_ms: int | None = None) -> PgArchive:
        psycopg = _psycopg()
        raw = _connect(url)
        try:
            if readonly:
                if pending_migrations(raw):
                    raise ArchiveError(f"no archive at {display_url(url)} (or an older one): "
                                       "run `gongbao ingest --db …` first")
                raw.close()
                pool, catalog = _read_pool(url, time_limit_ms)
                archive = cls(url, readonly=True, time_limit_ms=time_limit_ms, pool=pool,
                              catalog=catalog)
            else:
                refuse_foreign(raw, display_url(url))
                migrate(raw, WRITE_LOCK)
                _compress_with_lz4(raw)
                catalog = load_catalog(raw)
                archive = cls(url, readonly=False, time_limit_ms=time_limit_ms,
                              conn=PgConnection(raw, catalog), catalog=catalog)
        except psycopg.Error as e:
            raw.close()
            raise ArchiveError(f"cannot use {display_url(url)} as an archive: {e}") from None
        except BaseException:
            raw.close()
            raise
        archive._check_tokenizer()
        return archive

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # --- writing: each change keeps the planner's statistics (postgres/statistics.py) ---------

    def ingest_prepared(self, prepared, *, replace: bool = False, reparse: str | None = None):
        outcome = super().ingest_prepared(prepared, replace=replace, reparse=reparse)
        if outcome.status in ("added", "replaced"):
            self._analyze_stale()
        return outcome

    def remove_issue(self, issue_id: str) -> None:
        super().remove_issue(issue_id)
        self._analyze_stale()

    def reindex(self) -> int:
        count = super().reindex()
        self._analyze_stale()
        return count

    def ingest_paths(self, paths, **options):
        outcomes = super().ingest_paths(paths, **options)
        if any(o.status in ("added", "replaced") for o in outcomes):
            self._move_pending_lists()
        return outcomes

    def _move_pending_lists(self) -> None:
        """Empty the GIN indexes' pending lists into their trees. An index keeps new documents'
        lexemes in a pending list (up to 4 MB) until an insert moves them; every search reads
        the whole list meanwhile, and with autovacuum off nothing else empties it (a list raised
        to 32 MB for the writer cut an ingest's WAL by a third but cost every search 0.6 s while
        it filled: not adopted)."""
        psycopg = _psycopg()
        with self._lock:
            try:
                self._conn.raw.execute(
                    "SELECT gin_clean_pending_list(c.oid) FROM pg_index i "
                    "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                    "WHERE a.amname = 'gin' AND i.indrelid = 'documents_fts'::regclass").fetchall()
            except psycopg.errors.InsufficientPrivilege:
                pass  # indexes owned by another role: the next ingest past the limit moves them

    def _analyze_stale(self) -> None:
        psycopg = _psycopg()
        with self._lock:
            try:
                analyze_stale(self._conn.raw)
            except psycopg.errors.InsufficientPrivilege:
                pass  # tables owned by another role: their owner (or autovacuum) analyses them

    def _facet_counter(self):
        return None  # facets are counted in the same read-only transaction

    @contextmanager
    def _reading(self):
        psycopg = _psycopg()
        with self._lock:
            try:
                if self._conn is not None:
                    yield self._conn
                    return
                if self._pool is None:
                    raise ArchiveError("the archive is closed")
                with self._pool.connection() as raw:
                    raw.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    try:
                        yield PgConnection(raw, self._catalog)
                    finally:
                        raw.execute("ROLLBACK")
            except psycopg.errors.QueryCanceled:
                raise GongbaoError(f"the query took longer than {self.time_limit_ms} ms") from None
            except psycopg.Error as e:
                raise ArchiveError(f"archive error: {str(e).strip().splitlines()[0]}") from None

    def _check_tokenizer(self) -> None:
        with self._reading() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'tokenizer'").fetchone()
        if row and row[0] == TOKENIZER_ID:
            return
        if self.readonly:
            if row:
                raise ArchiveError(f"the archive's index was built with {row[0]}; "
                                   "open it once for writing (gongbao ingest) to re-index it")
            return
        self.reindex()

    def _data_version(self, conn) -> tuple:
        return (conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0],)

    def generation(self) -> tuple:
        """(generation, time of the last change): moved by every change of the archive."""
        with self._reading() as conn:
            return tuple(conn.execute("SELECT key, value FROM meta WHERE key IN "
                                      "('generation', 'changed_at') ORDER BY key").fetchall())

    def modified(self) -> float | None:
        """When the archive last changed (seconds since the epoch), None before any ingest."""
        changed = dict(self.generation()).get("changed_at")
        return float(changed) if changed and float(changed) > 0 else None

    def stats(self) -> Stats:
        with self._reading() as conn:
            found = queries.stats(conn, self.path, tuple(applied_migrations(conn.raw)), TOKENIZER_ID)
            size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        return replace(found, file_bytes=int(size))
