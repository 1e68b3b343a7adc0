"""Document vectors in the archive, and the nearest documents to a query vector.

Vectors are stored by *content*: `embeddings` holds the int8 vectors of one document text as
chunked for one model (keyed by a sha256 of the model, the chunking and the chunks' text), and
`document_embeddings` says which content each current document has. A document whose issue is
ingested again with the same text finds its vectors again without running the model; nothing
embedded is ever thrown away.

Each vector is stored as int8 with one float32 scale (v ≈ scale * q, q in -127..127): a quarter
of float32's size, and cosine scores within about 0.002 of the float ones. The index is the
stored vectors as one float32 matrix, searched by brute force (numpy: a few ms per 100,000
chunks); beyond ANN_THRESHOLD chunks an HNSW index (usearch, if installed) is built from the
stored vectors once per process. numpy is imported only here and only when vectors are used.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone

from gongbao.search.dense import CHUNKING, Chunk

__all__ = ["create_tables", "content_key", "pending_documents", "link_stored", "store_vectors",
           "VectorIndex", "DenseHit", "coverage", "quantize", "ANN_THRESHOLD"]

# Chunks beyond which an ANN index is used instead of brute force (when usearch is installed).
ANN_THRESHOLD = 400_000


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

    def __init__(self, model: str) -> None:
        self.model = model
        self._signature: tuple | None = None
        # (float32 chunks x dim, rows scaled back from int8; int64 per chunk: the document's
        # rowid; int32 chunks x 2: the passage's offsets)
        self._arrays = (None, None, None)
        self._ann = None
        self.documents = 0

    def _current(self, conn: sqlite3.Connection) -> tuple:
        """What changes whenever the stored vectors do, by any process, in SQL both backends run:
        the documents with vectors (count, sum and highest rowid) and the vectors stored."""
        return (*conn.execute("SELECT count(*), coalesce(sum(doc_rowid), 0), coalesce(max(doc_rowid), 0) "
                              "FROM document_embeddings").fetchone(),
                *conn.execute("SELECT count(*), coalesce(max(embedded_at), '') FROM embeddings").fetchone())

    def load(self, conn: sqlite3.Connection) -> VectorIndex:
        signature = self._current(conn)
        if signature == self._signature:
            return self
        import numpy as np

        blocks, docs, spans = [], [], []
        for rowid, dim, scales, vectors, span_json in conn.execute(
                "SELECT de.doc_rowid, e.dim, e.scales, e.vectors, e.spans FROM document_embeddings de "
                "JOIN embeddings e USING (content_key) WHERE e.model = ? AND e.chunking = ? "
                "ORDER BY de.doc_rowid", (self.model, CHUNKING)):
            q = np.frombuffer(vectors, dtype=np.int8).reshape(-1, dim)
            blocks.append((q, np.frombuffer(scales, dtype=np.float32)))
            docs.append(np.full(len(q), rowid, dtype=np.int64))
            spans.append(np.asarray(json.loads(span_json), dtype=np.int32).reshape(-1, 2))
        self.set_arrays(blocks, docs, spans)
        self._signature = signature
        return self

    def set_arrays(self, blocks, docs, spans) -> None:
        """Build the matrix from (int8 rows, scales) blocks (also used by bench/scale.py)."""
        import numpy as np

        self._ann = None
        if blocks:
            arrays = (np.concatenate([q.astype(np.float32) * s[:, None] for q, s in blocks]),
                      np.concatenate(docs), np.concatenate(spans))
        else:
            arrays = (None, None, None)
        # One assignment: a search in another thread sees the old arrays or the new, never a mix.
        self._arrays = arrays
        self.documents = len(blocks)

    @property
    def chunks(self) -> int:
        matrix = self._arrays[0]
        return 0 if matrix is None else len(matrix)

    def nearest(self, qvec, k: int, allowed: set[int] | None = None) -> list[DenseHit]:
        """The `k` documents whose best chunk is nearest to `qvec` (unit length), best first;
        only those in `allowed` when it is given."""
        import numpy as np

        matrix, doc, spans = self._arrays
        if matrix is None or k <= 0:
            return []
        q = np.asarray(qvec, dtype=np.float32)
        if self._ann is None and len(matrix) > ANN_THRESHOLD and allowed is None:
            self._ann = _ann_index(matrix)
        if self._ann is not None and allowed is None:
            found = self._ann.search(q, min(len(matrix), k * 8))
            idx = np.asarray(found.keys, dtype=np.int64)
            scores = 1.0 - np.asarray(found.distances, dtype=np.float32)
        else:
            scores = matrix @ q
            if allowed is not None:
                mask = np.isin(doc, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
                scores = np.where(mask, scores, -2.0)
            depth = min(len(scores), k * 8)
            idx = np.argpartition(-scores, depth - 1)[:depth]
            idx = idx[np.argsort(-scores[idx], kind="stable")]
            scores = scores[idx]
        out: list[DenseHit] = []
        seen: set[int] = set()
        for i, s in zip(idx.tolist(), scores.tolist()):
            if s <= -1.5:
                break
            rowid = int(doc[i])
            if rowid in seen:
                continue
            seen.add(rowid)
            start, stop = spans[i].tolist()
            out.append(DenseHit(rowid, float(s), start, stop))
            if len(out) == k:
                break
        return out


def _ann_index(matrix):
    """An HNSW index over the rows (cosine), or None when usearch is not installed."""
    try:
        from usearch.index import Index
    except ImportError:
        return None
    import numpy as np

    index = Index(ndim=matrix.shape[1], metric="cos", dtype="i8")
    index.add(np.arange(len(matrix), dtype=np.int64), matrix)
    return index
