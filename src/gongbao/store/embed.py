"""`gongbao embed`: give the archive's documents their vectors, resumably.

Embedding costs about 0.15 s per chunk on one core, so it is a step of its own, run after
ingest. Each document is written in its own transaction as soon as its vectors are ready: a
stop (Ctrl-C, a kill) loses at most the documents being embedded, and the next run goes on with
what is not yet embedded. A document whose text was embedded before (its issue ingested again)
gets its stored vectors back without the model. Worker processes embed (one thread each:
OMP_NUM_THREADS=1; one process per core by default) while this process writes. At the end,
the ANN index file beside an archive file is made current for its vectors (store/vectors.py:
build_ann; only beyond ANN_THRESHOLD chunks), also when there was nothing to embed, so that
running `gongbao embed` again repairs a missing or stale index.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass

from gongbao.store.schema import transaction
from gongbao.store.vectors import (
    AnnReport, Pending, ann_file, build_ann, coverage, link_stored, pending_documents, store_vectors,
)

__all__ = ["EmbedReport", "embed_documents"]


@dataclass(frozen=True)
class EmbedReport:
    model: str
    embedded: int   # documents run through the model
    reused: int     # documents given vectors stored for the same text
    chunks: int     # chunks embedded
    seconds: float
    done: int       # documents with vectors now
    total: int      # current documents
    stopped: bool   # interrupted before the end
    ann: AnnReport | None = None  # what was done to the ANN index file (None: not looked at)


def _init_worker(spec: str | None) -> None:
    os.environ["OMP_NUM_THREADS"] = "1"
    from gongbao.search.dense import load_embedder

    load_embedder(spec)


def _embed(spec: str | None, texts: list[str]):
    from gongbao.search.dense import load_embedder

    return load_embedder(spec).passages(texts)


def embed_documents(conn: sqlite3.Connection, *, model: str | None = None, workers: int = 1,
                    limit: int | None = None,
                    progress: Callable[[int, int, int], None] | None = None,
                    archive_path: str | None = None) -> EmbedReport:
    """Embed the documents that have no vectors of `model` (at most `limit` of them);
    `progress(done, to_do, chunks)` is called after each document. `archive_path`: the archive
    file, whose ANN index file is then made current (not after a stop)."""
    import time

    from gongbao.search.dense import load_embedder

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    embedder = load_embedder(model)
    key = embedder.key
    todo: list[Pending] = []
    reused = 0
    for doc in pending_documents(conn, key):
        with transaction(conn):
            if link_stored(conn, doc):
                reused += 1
                continue
        todo.append(doc)
    if limit is not None:
        todo = todo[:limit]
    started = time.monotonic()
    embedded = chunks = 0
    stopped = False

    def write(doc: Pending, vectors) -> None:
        nonlocal embedded, chunks
        with transaction(conn):
            store_vectors(conn, doc, key, vectors)
        embedded += 1
        chunks += len(doc.chunks)
        if progress:
            progress(embedded, len(todo), chunks)

    try:
        if workers <= 1 or len(todo) <= 1:
            for doc in todo:
                write(doc, embedder.passages([c.text for c in doc.chunks]))
        else:
            with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(model,)) as pool:
                queue = list(reversed(todo))
                running = {}
                try:
                    while queue or running:
                        while queue and len(running) < workers * 2:
                            doc = queue.pop()
                            running[pool.submit(_embed, model, [c.text for c in doc.chunks])] = doc
                        finished, _ = wait(running, return_when=FIRST_COMPLETED)
                        for future in finished:
                            write(running.pop(future), future.result())
                except BaseException:
                    for future in running:
                        future.cancel()
                    raise
    except KeyboardInterrupt:
        stopped = True
    seconds = time.monotonic() - started
    ann = None
    if archive_path is not None and not stopped:
        path = ann_file(archive_path, key)
        try:
            ann = build_ann(conn, key, path, threads=workers)
        except KeyboardInterrupt:
            stopped = True
        except (OSError, RuntimeError) as e:  # the vectors are stored: only the index is missing
            ann = AnnReport("failed", 0, 0, 0.0, path, str(e))
    done, total = coverage(conn, key)
    return EmbedReport(key, embedded, reused, chunks, seconds, done, total, stopped, ann)
