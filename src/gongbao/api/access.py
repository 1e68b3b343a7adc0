"""Read-only access to the archive from the server's worker threads.

An `Archive` serialises its calls on one connection, and FastAPI runs each (synchronous) route in
a worker thread, so every worker thread gets its own read-only `Archive` (with a time limit on
every read), opened on first use and closed when the server stops: requests read in parallel. Writes (an upload to ingest) open a short-lived writable
`Archive` of their own, one at a time.
"""

from __future__ import annotations

import threading
from pathlib import Path

from gongbao.store import Archive

__all__ = ["ArchivePool", "TIME_LIMIT_MS"]

# The longest a read may take while serving; a slower query is stopped and answered with an error.
TIME_LIMIT_MS = 5000


class ArchivePool:
    def __init__(self, path: str | Path, *, time_limit_ms: int | None = TIME_LIMIT_MS):
        self.path = Path(path)
        self.time_limit_ms = time_limit_ms
        self._local = threading.local()
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._open: list[Archive] = []

    def check(self) -> None:
        """Open the archive once, so that a missing or unusable file fails at start-up."""
        archive = Archive.open(self.path, readonly=True)
        try:
            archive.stats()
        finally:
            archive.close()

    def get(self) -> Archive:
        """This thread's read-only archive."""
        archive = getattr(self._local, "archive", None)
        if archive is None:
            archive = Archive.open(self.path, readonly=True, time_limit_ms=self.time_limit_ms)
            self._local.archive = archive
            with self._lock:
                self._open.append(archive)
        return archive

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
            self.pool._write_lock.release()
