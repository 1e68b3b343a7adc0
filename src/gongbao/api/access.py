"""Read-only access to the archive from the server's worker threads, and a cache of searches.

An `Archive` serialises its calls on one connection, and FastAPI runs each (synchronous) route in
a worker thread, so every worker thread gets its own read-only `Archive` (with a time limit on
every read), opened on first use and closed when the server stops: requests read in parallel.
Writes (an upload to ingest) open a short-lived writable `Archive` of their own, one at a time.

Searches are the expensive reads (ranking, facets, and snippets cut from every hit's text), and
people repeat them, so the results of the most recent ones are kept (`SearchCache`), for the
archive as it is: the cache is emptied when the archive file changes (its size or modification
time, or its write-ahead log's), whoever changed it.

Storage fails: a disk error, an archive file removed, or another archive moved over the served
one. Each such request is answered with 503, and the server recovers by itself: a thread's
archive is reopened when the file at the path is another file than the one it opened, and every
thread's after a storage error (`reset`), so that the next request reads the file as it now is.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

from gongbao.search.query import Filters
from gongbao.store import Archive, SearchResult
from gongbao.store.archive import file_identity, server_url

__all__ = ["ArchivePool", "SearchCache", "TIME_LIMIT_MS", "SEARCH_CACHE_SIZE", "SEARCH_CACHE_BYTES",
           "READ_THREADS", "result_bytes"]

# The longest a read may take while serving; a slower query is stopped and answered with an error.
TIME_LIMIT_MS = 5000
# How many search results to keep (each is one page of hits with snippets: a few KB) …
SEARCH_CACHE_SIZE = 1024
# … and how many bytes they may take in all (as `result_bytes` estimates them): a page of 50
# hits with long facet lists is far larger than one of 10, so a count alone does not bound memory.
SEARCH_CACHE_BYTES = 32 * 1024 * 1024
# Worker threads that run the (synchronous) routes of one server process. Each keeps its own
# read-only archive, with its page cache: more threads than cores add memory, not speed.
READ_THREADS = 8


def result_bytes(result: SearchResult) -> int:
    """About how many bytes of memory `result` holds: its strings and the objects around them."""
    if not isinstance(result, SearchResult):
        return sys.getsizeof(result)
    size = 600
    for hit in result.hits:
        size += 400 + sum(sys.getsizeof(v) for v in hit.__dict__.values() if isinstance(v, str))
    for counts in result.facets.__dict__.values():
        if isinstance(counts, tuple):
            size += sum(120 + sys.getsizeof(getattr(c, "value", "")) for c in counts)
    return size + sum(sys.getsizeof(v) for v in (result.query, result.message) if isinstance(v, str))


class SearchCache:
    """The results of the most recently run searches, for one state of the archive file, at most
    `size` of them and `max_bytes` in all (the least recently used go first)."""

    def __init__(self, size: int = SEARCH_CACHE_SIZE, max_bytes: int = SEARCH_CACHE_BYTES):
        self.size = size
        self.max_bytes = max_bytes
        self._results: OrderedDict[tuple, tuple[SearchResult, int]] = OrderedDict()
        self._generation: tuple | None = None
        self._lock = threading.Lock()
        self.hits = self.misses = 0
        self.bytes = 0  # what the kept results take, as result_bytes estimates them

    def get(self, key: tuple, generation: tuple, run: Callable[[], SearchResult]) -> SearchResult:
        """The cached result for `key`, or `run()`'s, kept when the archive is still `generation`."""
        if self.size <= 0:
            return run()
        with self._lock:
            if generation != self._generation:
                self._results.clear()
                self.bytes = 0
                self._generation = generation
            found = self._results.get(key)
            if found is not None:
                self._results.move_to_end(key)
                self.hits += 1
                return found[0]
            self.misses += 1
        result = run()  # outside the lock: searches run in parallel
        size = result_bytes(result)
        with self._lock:
            if generation == self._generation and size <= self.max_bytes and key not in self._results:
                self._results[key] = (result, size)
                self.bytes += size
                while len(self._results) > self.size or self.bytes > self.max_bytes:
                    _, (_, dropped) = self._results.popitem(last=False)
                    self.bytes -= dropped
        return result

    def __len__(self) -> int:
        return len(self._results)

    def clear(self) -> None:
        with self._lock:
            self._results.clear()
            self.bytes = 0
            self._generation = None


class ArchivePool:
    def __init__(self, path: str | Path, *, time_limit_ms: float | None = TIME_LIMIT_MS,
                 search_cache_size: int = SEARCH_CACHE_SIZE,
                 search_cache_bytes: int = SEARCH_CACHE_BYTES):
        # A PostgreSQL archive (postgresql://…) is named by its URL; its changes are read from
        # the archive itself (PgArchive.generation), not from file times.
        self.url = server_url(path)
        self.path = self.url or Path(path)
        self.time_limit_ms = time_limit_ms
        self.searches = SearchCache(search_cache_size, search_cache_bytes)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._open: list[Archive] = []
        self._epoch = 0  # raised by `reset`: archives opened before it are reopened

    def check(self) -> None:
        """Open the archive once, so that a missing or unusable file fails at start-up."""
        archive = Archive.open(self.path, readonly=True)
        try:
            archive.stats()
        finally:
            archive.close()

    def get(self) -> Archive:
        """This thread's read-only archive (reopened when the file was replaced, or after a
        storage error)."""
        archive = getattr(self._local, "archive", None)
        if archive is not None and (getattr(self._local, "epoch", None) != self._epoch
                                    or archive.identity != file_identity(self.path)):
            self._forget(archive)
            archive = None
        if archive is None:
            archive = Archive.open(self.path, readonly=True, time_limit_ms=self.time_limit_ms)
            self._local.archive, self._local.epoch = archive, self._epoch
            with self._lock:
                self._open.append(archive)
        return archive

    def _forget(self, archive: Archive) -> None:
        self._local.archive = None
        with self._lock:
            if archive in self._open:
                self._open.remove(archive)
        try:
            archive.close()
        except Exception:  # noqa: BLE001 - a connection to a file that has gone
            pass

    def reset(self) -> None:
        """After a storage error: every thread reopens its archive on its next request, and the
        search cache is emptied."""
        self._epoch += 1
        self.searches.clear()

    def generation(self) -> tuple:
        """What identifies the archive's current contents: size and time of its file and log."""
        if self.url:
            return self.get().generation()
        out = []
        for name in (str(self.path), f"{self.path}-wal"):
            try:
                st = os.stat(name)
            except FileNotFoundError:
                out.append(None)
                continue
            out.append((st.st_size, st.st_mtime_ns, st.st_ino))
        return tuple(out)

    def modified(self) -> float | None:
        """When the archive last changed: the later modification time of its file and its log."""
        if self.url:
            return self.get().modified()
        times = []
        for name in (str(self.path), f"{self.path}-wal"):
            try:
                times.append(os.stat(name).st_mtime)
            except OSError:
                pass
        return max(times) if times else None

    def search(self, query: str, *, limit: int, offset: int, filters: Filters,
               sort: str = "relevance") -> SearchResult:
        """`Archive.search`, through the cache of recent searches."""
        key = (query, limit, offset, filters, sort)
        return self.searches.get(key, self.generation(),
                                 lambda: self.get().search(query, limit=limit, offset=offset,
                                                           filters=filters, sort=sort))

    def writer(self):
        """A writable archive for one write; writes are serialised. Use as a context manager."""
        return _Writer(self)

    def close(self) -> None:
        with self._lock:
            archives, self._open = self._open, []
        for archive in archives:
            try:
                archive.close()
            except Exception:  # noqa: BLE001 - a connection of another (finished) thread
                pass


class _Writer:
    def __init__(self, pool: ArchivePool):
        self.pool = pool
        self.archive: Archive | None = None

    def __enter__(self) -> Archive:
        self.pool._write_lock.acquire()
        try:
            self.archive = Archive.open(self.pool.path, readonly=False)
        except BaseException:
            self.pool._write_lock.release()
            raise
        return self.archive

    def __exit__(self, *exc) -> None:
        try:
            if self.archive is not None:
                self.archive.close()
        finally:
            self.pool.searches.clear()
            self.pool._write_lock.release()
