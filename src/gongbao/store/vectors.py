"""Document vectors in the archive, and the nearest documents to a query vector.

Vectors are stored by *content*: `embeddings` holds the int8 vectors of one document text as
chunked for one model (keyed by a sha256 of the model, the chunking and the chunks' text), and
`document_embeddings` says which content each current document has. A document whose issue is
ingested again with the same text finds its vectors again without running the model; nothing
embedded is ever thrown away.

Each vector is stored as int8 with one float32 scale (v ≈ scale * q, q in -127..127): a quarter
of float32's size, and cosine scores within about 0.002 of the float ones. The index is the
stored vectors as one float32 matrix, searched by brute force (numpy: about 8 ms per 100,000
chunks on one core). Beyond ANN_THRESHOLD chunks an unfiltered search asks an HNSW index
(usearch, the `ann` extra) instead, kept in a file beside the archive (`ann_file`): `gongbao
embed` builds it from the stored vectors (or extends it, when only documents were added), never
a search, since building it for 800,000 chunks takes minutes. The file records a digest of the
vectors it was built from (each document's rowid and content key, in matrix order); a search
uses it only when that digest is the one of the vectors it loaded, and is brute force (exact,
slower) when the file is missing or stale. The index is derived data: deleting it loses
nothing. numpy is imported only here and only when vectors are used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from gongbao.search.dense import CHUNKING, Chunk
from gongbao.store.schema import data_stamp

__all__ = ["create_tables", "content_key", "pending_documents", "link_stored", "store_vectors",
           "VectorIndex", "DenseHit", "coverage", "quantize", "ANN_THRESHOLD", "ann_file",
           "build_ann", "AnnReport"]

# Chunks beyond which an unfiltered search asks the ANN index file instead of brute force
# (when usearch is installed and the file is current): below it, results stay exact.
ANN_THRESHOLD = 400_000
# The HNSW graph's links per node and the candidate list while building (usearch's defaults are
# 16 and 128: 64 builds twice as fast for the same neighbours at this size, bench/scale.py).
ANN_CONNECTIVITY = 16
ANN_EXPANSION_ADD = 64
# Candidates the ANN search returns (then re-scored exactly from the matrix), per document asked:
# at 770,000 synthesised chunks (bench/scale.py) 8 finds 55% of brute force's 30 documents,
# 32 finds 81% (the others within 0.001 of their cosine) in about 6 ms, 64 finds 88% in 13 ms.
ANN_DEPTH = 32
# Candidates per document asked for brute force's partial sort.
BRUTE_DEPTH = 8
# A filtered search asks the ANN index, and keeps the allowed documents, when the filters leave
# at least this share of the documents; fewer are searched by brute force over their rows only.
ANN_FILTERED_SHARE = 0.25


def create_tables(conn: sqlite3.Connection) -> None:
    """The tables of migration 0014_vectors."""
    conn.execute("""CREATE TABLE embeddings (
        content_key TEXT PRIMARY KEY,     -- sha256 of model, chunking and the chunks' text
        model TEXT NOT NULL, chunking TEXT NOT NULL, dim INTEGER NOT NULL,
        spans TEXT NOT NULL,              -- JSON [[start, stop], ...]: each chunk's passage
        scales BLOB NOT NULL,             -- float32 per chunk
        vectors BLOB NOT NULL,            -- int8, chunks x dim
        embedded_at TEXT NOT NULL)""")
    conn.execute("""CREATE TABLE document_embeddings (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
        content_key TEXT NOT NULL REFERENCES embeddings (content_key))""")
    conn.execute("CREATE INDEX document_embeddings_content ON document_embeddings (content_key)")


def content_key(model: str, chunks: list[Chunk]) -> str:
    h = hashlib.sha256(f"{model}\x00{CHUNKING}".encode())
    for c in chunks:
        h.update(b"\x00" + c.text.encode())
    return h.hexdigest()


def quantize(vectors):
    """(int8 matrix, float32 scale per row) of float vectors."""
    import numpy as np

    v = np.asarray(vectors, dtype=np.float32)
    scale = np.abs(v).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(v / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


@dataclass(frozen=True)
class Pending:
    """A document to embed: its rowid, id, chunks and their content key."""

    rowid: int
    id: str
    chunks: list[Chunk]
    key: str


def pending_documents(conn: sqlite3.Connection, model: str) -> Iterator[Pending]:
    """The current documents without vectors of `model` and CHUNKING (in rowid order)."""
    from gongbao.search.dense import chunk_document
    from gongbao.store.schema import unpack_text

    rows = conn.execute(
        """SELECT d.rowid, d.id, d.title, t.text_z FROM documents d
           JOIN document_texts t ON t.doc_rowid = d.rowid
           WHERE d.rowid NOT IN (SELECT de.doc_rowid FROM document_embeddings de
                                 JOIN embeddings e USING (content_key)
                                 WHERE e.model = ? AND e.chunking = ?)
           ORDER BY d.rowid""", (model, CHUNKING)).fetchall()
    for rowid, doc_id, title, packed in rows:
        chunks = chunk_document(title, unpack_text(packed))
        if chunks:
            yield Pending(rowid, doc_id, chunks, content_key(model, chunks))


def link_stored(conn: sqlite3.Connection, doc: Pending) -> bool:
    """Point `doc` at vectors already stored for the same content; False if there are none."""
    if not conn.execute("SELECT 1 FROM embeddings WHERE content_key = ?", (doc.key,)).fetchone():
        return False
    conn.execute("INSERT OR REPLACE INTO document_embeddings VALUES (?, ?)", (doc.rowid, doc.key))
    return True


def store_vectors(conn: sqlite3.Connection, doc: Pending, model: str, vectors) -> None:
    """Store a document's chunk vectors (float, one row per chunk) and link it to them."""
    q, scale = quantize(vectors)
    spans = json.dumps([[c.start, c.stop] for c in doc.chunks])
    conn.execute("INSERT OR IGNORE INTO embeddings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (doc.key, model, CHUNKING, q.shape[1], spans, scale.tobytes(), q.tobytes(),
                  datetime.now(timezone.utc).isoformat(timespec="seconds")))
    conn.execute("INSERT OR REPLACE INTO document_embeddings VALUES (?, ?)", (doc.rowid, doc.key))


def coverage(conn: sqlite3.Connection, model: str) -> tuple[int, int]:
    """(documents with vectors of `model`, current documents)."""
    done = conn.execute(
        "SELECT count(*) FROM document_embeddings de JOIN embeddings e USING (content_key) "
        "WHERE e.model = ? AND e.chunking = ?", (model, CHUNKING)).fetchone()[0]
    return done, conn.execute("SELECT count(*) FROM documents").fetchone()[0]


@dataclass(frozen=True)
class DenseHit:
    """A document near the query: its best chunk's cosine score and passage offsets."""

    rowid: int
    score: float
    start: int
    stop: int


class VectorIndex:
    """The stored vectors of one model as a matrix in memory, reloaded when the archive's
    vectors change (see _current)."""

    def __init__(self, model: str, ann_path: Path | None = None) -> None:
        self.model = model
        self.ann_path = ann_path  # the ANN index file of these vectors (None: brute force only)
        self.ann_state = "none"  # "current", "missing", "stale", "unavailable" or "none" (small)
        self.digest = ""  # of the vectors loaded: each document's rowid and content key, in order
        self._signature: tuple | None = None
        # (float32 chunks x dim, rows scaled back from int8; int64 per chunk: the document's
        # rowid, ascending; int32 chunks x 2: the passage's offsets; the ANN index or None)
        self._arrays = (None, None, None, None)
        self._digest: _Digest | None = None
        self._want_prefix: int | None = None  # build_ann: the digest of so many documents too
        self._seen: dict[int, tuple] = {}  # id(connection) -> (connection, its stamp): see load
        self._ann_written: float | None = None  # the index file's time when it was last looked at
        self.documents = 0

    def _current(self, conn) -> tuple:
        """What changes whenever the stored vectors do, by any process: the documents with
        vectors (count, sum and highest rowid) and the vectors stored (SQLite: the highest rowid
        of `embeddings`, which only grows; elsewhere their count and latest time, a scan)."""
        docs = conn.execute("SELECT count(*), coalesce(sum(doc_rowid), 0), coalesce(max(doc_rowid), 0) "
                            "FROM document_embeddings").fetchone()
        if isinstance(conn, sqlite3.Connection):
            return (*docs, conn.execute("SELECT coalesce(max(rowid), 0) FROM embeddings").fetchone()[0])
        return (*docs, *conn.execute("SELECT count(*), coalesce(max(embedded_at), '') FROM embeddings").fetchone())

    def load(self, conn) -> VectorIndex:
        """The vectors as stored now (reloaded only when they changed). On SQLite, a connection
        that saw no commit by another one (PRAGMA data_version) and made no change itself
        (total_changes) since the last look skips even the signature: it reads every row of
        `document_embeddings`, tens of ms at 100,000 documents."""
        self._look_for_ann()
        stamp = _stamp(conn)
        if stamp is not None and self._signature is not None:
            seen = self._seen.get(id(conn))
            if seen is not None and seen[0] is conn and seen[1] == stamp:
                return self
        signature = self._current(conn)
        if stamp is not None:
            # The connection itself is kept with its stamp, so that its id is not another's.
            self._seen.pop(id(conn), None)
            self._seen[id(conn)] = (conn, stamp)
            while len(self._seen) > 32:
                self._seen.pop(next(iter(self._seen)))
        if signature == self._signature:
            return self
        import numpy as np

        blocks, docs, spans = [], [], []
        digest = _Digest()
        digest.want = self._want_prefix
        for rowid, key, dim, scales, vectors, span_json in conn.execute(
                "SELECT de.doc_rowid, de.content_key, e.dim, e.scales, e.vectors, e.spans "
                "FROM document_embeddings de JOIN embeddings e USING (content_key) "
                "WHERE e.model = ? AND e.chunking = ? ORDER BY de.doc_rowid", (self.model, CHUNKING)):
            q = np.frombuffer(vectors, dtype=np.int8).reshape(-1, dim)
            blocks.append((q, np.frombuffer(scales, dtype=np.float32)))
            docs.append(np.full(len(q), rowid, dtype=np.int64))
            spans.append(np.asarray(json.loads(span_json), dtype=np.int32).reshape(-1, 2))
            digest.add(rowid, key, len(q))
        self.set_arrays(blocks, docs, spans, digest=digest)
        self._signature = signature
        return self

    def _look_for_ann(self) -> None:
        """Open the ANN index file when it was missing or stale and has been written since
        (`gongbao embed` builds it while a server runs on the same vectors)."""
        if self.ann_state not in ("missing", "stale") or self._arrays[0] is None:
            return
        when = _written(self.ann_path)
        if when == self._ann_written:
            return
        self._ann_written = when
        ann, state = _open_ann(self.ann_path, self.digest, self._arrays[0].shape)
        if ann is not None:
            self._arrays = (*self._arrays[:3], ann)
        self.ann_state = state

    def set_arrays(self, blocks, docs, spans, digest: _Digest | None = None) -> None:
        """Build the matrix from (int8 rows, scales) blocks (also used by bench/scale.py), and
        open the ANN index file when the matrix is large and the file was built from it."""
        import numpy as np

        if blocks:
            arrays = (np.concatenate([q.astype(np.float32) * s[:, None] for q, s in blocks]),
                      np.concatenate(docs), np.concatenate(spans))
        else:
            arrays = (None, None, None)
        self.digest = digest.hexdigest() if digest else ""
        self._digest = digest
        ann, self.ann_state = None, "none"
        if arrays[0] is not None and len(arrays[0]) > ANN_THRESHOLD:
            self._ann_written = _written(self.ann_path)
            ann, self.ann_state = _open_ann(self.ann_path, self.digest, arrays[0].shape)
        # One assignment: a search in another thread sees the old arrays and index or the new
        # ones, never a mix.
        self._arrays = (*arrays, ann)
        self.documents = len(blocks)

    @property
    def chunks(self) -> int:
        matrix = self._arrays[0]
        return 0 if matrix is None else len(matrix)

    @property
    def _ann(self):
        return self._arrays[3]

    def nearest(self, qvec, k: int, allowed: set[int] | None = None, *,
                excluded: set[int] | None = None) -> list[DenseHit]:
        """The `k` documents whose best chunk is nearest to `qvec` (unit length), best first;
        only those in `allowed` when it is given, none of `excluded`. Exact (brute force) unless
        the matrix is beyond ANN_THRESHOLD and the ANN index file is current; scores are always
        exact."""
        import numpy as np

        matrix, doc, spans, ann = self._arrays
        if matrix is None or k <= 0:
            return []
        q = np.asarray(qvec, dtype=np.float32)
        depth = min(len(matrix), k * ANN_DEPTH)
        share = 1.0 if allowed is None else len(allowed) / max(1, self.documents)
        if excluded:
            share = max(0.0, share - len(excluded) / max(1, self.documents))
        if ann is not None and share >= ANN_FILTERED_SHARE:
            found = ann.search(q, min(len(matrix), int(depth / share) + 1), threads=1)
            idx = np.asarray(found.keys, dtype=np.int64)
            if allowed is not None:
                idx = idx[np.isin(doc[idx], _as_array(allowed))]
            if excluded:
                idx = idx[~np.isin(doc[idx], _as_array(excluded))]
            out = _best_per_document(idx, matrix[idx] @ q, doc, spans, k)
            if len(out) == k or len(found.keys) == len(matrix):
                return out
            # Too few allowed documents among the candidates: brute force over theirs.
        rows = None if allowed is None else _rows_of(doc, allowed)
        if rows is not None and not len(rows):
            return []
        scores = matrix @ q if rows is None else matrix[rows] @ q
        if excluded:
            if rows is None:
                scores[_rows_of(doc, excluded)] = -2.0
            else:
                scores[np.isin(doc[rows], _as_array(excluded))] = -2.0
        depth = min(len(scores), k * BRUTE_DEPTH)
        top = np.argpartition(-scores, depth - 1)[:depth]
        top = top[scores[top] > -1.5]
        idx = top if rows is None else rows[top]
        return _best_per_document(idx, scores[top], doc, spans, k)


    def nearest_among(self, qvec, k: int, keep) -> list[DenseHit] | None:
        """With a current ANN index: the `k` documents nearest to `qvec` among the ANN's
        candidates that `keep` (rowids -> the rowids of them the filters allow) lets through,
        so that a filter is checked on a few hundred documents instead of listing all it allows;
        None without an index, or when fewer than `k` candidates pass (a narrow filter: the
        caller then lists the allowed documents for `nearest`)."""
        import numpy as np

        matrix, doc, spans, ann = self._arrays
        if ann is None or matrix is None or k <= 0:
            return None
        q = np.asarray(qvec, dtype=np.float32)
        found = ann.search(q, min(len(matrix), k * ANN_DEPTH), threads=1)
        idx = np.asarray(found.keys, dtype=np.int64)
        passed = keep(np.unique(doc[idx]).tolist())
        if len(passed) < k:
            return None
        idx = idx[np.isin(doc[idx], _as_array(set(passed)))]
        out = _best_per_document(idx, matrix[idx] @ q, doc, spans, k)
        return out if len(out) == k else None


def _stamp(conn) -> tuple | None:
    """(PRAGMA data_version, total_changes) of an SQLite connection: both stay the same until a
    commit by another connection or a change by this one; None for other databases."""
    if not isinstance(conn, sqlite3.Connection):
        return None
    return data_stamp(conn)


def _as_array(allowed: set[int]):
    import numpy as np

    return np.fromiter(allowed, dtype=np.int64, count=len(allowed))


def _rows_of(doc, allowed: set[int]):
    """The matrix rows of the `allowed` documents (`doc` is ascending: each document's rows are
    one run), without scanning every row."""
    import numpy as np

    wanted = np.sort(_as_array(allowed))
    starts = np.searchsorted(doc, wanted, side="left")
    stops = np.searchsorted(doc, wanted, side="right")
    keep = stops > starts
    starts, stops = starts[keep], stops[keep]
    if not len(starts):
        return np.zeros(0, dtype=np.int64)
    lengths = stops - starts
    # Each run's row numbers: a running count, shifted at every run's start.
    steps = np.ones(lengths.sum(), dtype=np.int64)
    firsts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    steps[0] = starts[0]
    steps[firsts[1:]] = starts[1:] - stops[:-1] + 1
    return np.cumsum(steps)


def _best_per_document(idx, scores, doc, spans, k: int) -> list[DenseHit]:
    """The `k` best documents among candidate rows `idx` with their exact `scores`."""
    import numpy as np

    order = np.argsort(-scores, kind="stable")
    out: list[DenseHit] = []
    seen: set[int] = set()
    for i, s in zip(idx[order].tolist(), scores[order].tolist()):
        rowid = int(doc[i])
        if rowid in seen:
            continue
        seen.add(rowid)
        start, stop = spans[i].tolist()
        out.append(DenseHit(rowid, float(s), start, stop))
        if len(out) == k:
            break
    return out


class _Digest:
    """A running sha256 of the vectors loaded, document by document in matrix order; it can say
    what it was after the first n documents (so that an index of those can be extended)."""

    def __init__(self) -> None:
        self._h = hashlib.sha256(CHUNKING.encode())
        self.prefixes: list[tuple[int, str]] = []  # (documents, digest) kept on request
        self.want: int | None = None
        self.documents = self.rows = 0

    def add(self, rowid: int, key: str, rows: int) -> None:
        if self.want == self.documents:
            self.prefixes.append((self.documents, self._h.hexdigest()))
        self._h.update(f"{rowid}\x00{key}\x00{rows}\n".encode())
        self.documents += 1
        self.rows += rows

    def hexdigest(self) -> str:
        return self._h.hexdigest()


def ann_file(archive_path: str | os.PathLike, model: str) -> Path | None:
    """The ANN index file of an archive file's vectors of `model`, beside the archive (None for
    a server database: its searches are brute force)."""
    text = str(archive_path)
    if "://" in text:
        return None
    tag = hashlib.sha256(model.encode()).hexdigest()[:12]
    return Path(f"{text}-ann-{tag}.usearch")


def _written(path: Path | None) -> float | None:
    """When the index file's record (written last) was written; None when there is none."""
    try:
        return _meta_path(path).stat().st_mtime_ns if path is not None else None
    except OSError:
        return None


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _read_meta(path: Path | None) -> dict | None:
    if path is None:
        return None
    try:
        meta = json.loads(_meta_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def _open_ann(path: Path | None, digest: str, shape: tuple[int, int]):
    """(the index of `path` if it was built from the vectors of `digest`, its state)."""
    if path is None:
        return None, "unavailable"
    try:
        from usearch.index import Index
    except ImportError:
        return None, "unavailable"
    meta = _read_meta(path)
    if meta is None or not path.exists():
        return None, "missing"
    if meta.get("digest") != digest or meta.get("rows") != shape[0] or meta.get("dim") != shape[1]:
        return None, "stale"
    try:
        index = Index.restore(str(path), view=True)
    except (OSError, RuntimeError, ValueError):
        index = None
    if index is None or len(index) != shape[0]:
        return None, "stale"
    return index, "current"


@dataclass(frozen=True)
class AnnReport:
    """What `build_ann` did: "built", "extended", "current" (nothing to do), "small" (brute
    force is used: no index needed), "unavailable" (usearch is not installed) or "failed"
    (the file could not be written: `error` says why; searches are brute force)."""

    action: str
    chunks: int
    added: int
    seconds: float
    path: Path | None
    error: str = ""


def build_ann(conn: sqlite3.Connection, model: str, path: Path | None, *,
              threads: int = 0, force: bool = False, progress=None) -> AnnReport:
    """Make the ANN index file `path` current for the stored vectors of `model`: extend it when
    the vectors only gained documents after the ones it holds, else build it anew (written to a
    temporary file, then renamed: a search never sees half an index). Below ANN_THRESHOLD
    chunks a stale file is removed and none is built (`force`: build it anyway)."""
    import time

    import numpy as np

    started = time.monotonic()
    meta = _read_meta(path) if path is not None else None
    index = VectorIndex(model, path)
    index._want_prefix = int(meta["documents"]) if meta and isinstance(meta.get("documents"), int) else None
    index.load(conn)
    matrix = index._arrays[0]
    chunks = 0 if matrix is None else len(matrix)
    if path is None:
        return AnnReport("unavailable", chunks, 0, 0.0, None)
    if matrix is None or (chunks <= ANN_THRESHOLD and not force):
        for stale in (path, _meta_path(path)):
            stale.unlink(missing_ok=True)
        return AnnReport("small", chunks, 0, 0.0, path)
    try:
        from usearch.index import Index
    except ImportError:
        return AnnReport("unavailable", chunks, 0, 0.0, path)
    if _open_ann(path, index.digest, matrix.shape)[1] == "current":
        return AnnReport("current", chunks, 0, time.monotonic() - started, path)
    ann, start, action = None, 0, "built"
    prefixes = dict(index._digest.prefixes) if index._digest else {}
    if meta and path.exists() and prefixes.get(meta.get("documents")) == meta.get("digest") \
            and isinstance(meta.get("rows"), int) and 0 < meta["rows"] < chunks:
        ann = Index.restore(str(path), view=False)
        if ann is not None and len(ann) == meta["rows"]:
            start, action = meta["rows"], "extended"
        else:
            ann = None
    if ann is None:
        ann = Index(ndim=matrix.shape[1], metric="cos", dtype="i8", connectivity=ANN_CONNECTIVITY,
                    expansion_add=ANN_EXPANSION_ADD)
    ann.add(np.arange(start, chunks, dtype=np.int64), matrix[start:], threads=threads,
            progress=progress)
    tmp = path.with_name(path.name + ".tmp")
    meta_tmp = tmp.with_name(tmp.name + ".json")
    try:
        ann.save(str(tmp))
        meta_tmp.write_text(json.dumps({"model": model, "chunking": CHUNKING, "digest": index.digest,
                                        "documents": index.documents, "rows": chunks,
                                        "dim": int(matrix.shape[1])}), encoding="utf-8")
        # The index first, then what says it is current: a stop between the two leaves a
        # stale pair, which searches do not use.
        os.replace(tmp, path)
        os.replace(meta_tmp, _meta_path(path))
    except BaseException:
        for left in (tmp, meta_tmp):
            left.unlink(missing_ok=True)
        raise
    return AnnReport(action, chunks, chunks - start, time.monotonic() - started, path)
