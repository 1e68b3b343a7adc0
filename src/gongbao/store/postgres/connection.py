"""A psycopg connection that the store's modules can use as they use an sqlite3 connection.

`PgConnection.execute(sql, params)` takes the store's SQL (`?` placeholders, SQLite's INSERT OR
… forms), rewrites it once (`dialect.translate`, cached per statement text) and returns a cursor
with `fetchone`, `fetchall`, iteration and `lastrowid`. Transactions are explicit, as on SQLite
(`schema.transaction` sends BEGIN IMMEDIATE … COMMIT): the connection is in autocommit mode and
`BEGIN IMMEDIATE`, SQLite's "take the write lock now", becomes BEGIN plus a transaction-level
advisory lock (`WRITE_LOCK`), so that writers from any number of processes take turns exactly as
they do on one SQLite file, and each re-reads what the one before it committed.

The full-text index is the one place the two servers store differently: writes to SQLite's FTS5
tables (`documents_fts` with the columns of `schema.FTS_COLUMNS`, `documents_titles`) become one
row of weighted tsvectors (`tsvector.index_row`); the titles index is a column of that row.

Ingest writes many new rows at once: `executemany` of a plain INSERT (one row of placeholders,
no conflict clause) is one COPY, and `index_documents` (what `store.ingest.index_documents`
calls here) sends the documents' tsvectors in the binary format by one binary COPY.
"""

from __future__ import annotations

import re
import struct

from gongbao.store.postgres.dialect import Catalog, translate
from gongbao.store.postgres.tsvector import binary_index, index_row
from gongbao.store.schema import FTS_COLUMNS

__all__ = ["PgConnection", "WRITE_LOCK", "load_catalog"]

# The advisory lock every writing transaction takes (a constant of this application: "gongbao").
WRITE_LOCK = 0x676F6E67

_FTS_INSERT = re.compile(r"^\s*INSERT INTO (documents_fts|documents_titles) \(rowid, ([\w, ]+)\)")
# An INSERT of one row of placeholders, no conflict clause: many of them are one COPY.
_PLAIN_INSERT = re.compile(r"^\s*INSERT INTO (\w+)\s*(?:\(([\w, ]+)\))?\s*VALUES\s*"
                           r"\(\s*\?(?:\s*,\s*\?)*\s*\)\s*;?\s*$")
# A binary COPY: its header (signature, flags, no extension), each row's field count and its
# first fields (a bigint rowid, the length of the next), and the trailer.
_BINARY_HEADER = b"PGCOPY\n\xff\r\n\x00" + bytes(8)
_ROW_HEAD = struct.Struct(">hiqi")
_BINARY_TRAILER = b"\xff\xff"
_TITLES_DELETE = re.compile(r"^\s*DELETE FROM documents_titles\b")
# FTS5's commands, written as inserts into the table's own column: 'delete' one row, 'delete-all'.
_FTS_COMMAND = re.compile(r"^\s*INSERT INTO (documents_fts|documents_titles) \(\1\b")


def load_catalog(raw) -> Catalog:
    """The columns (in order) and primary keys of the archive's tables."""
    columns: dict[str, list[str]] = {}
    for table, column in raw.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
        columns.setdefault(table, []).append(column)
    keys: dict[str, list[str]] = {}
    for table, column in raw.execute(
            "SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name "
            "AND kcu.table_schema = tc.table_schema "
            "WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() "
            "ORDER BY tc.table_name, kcu.ordinal_position"):
        keys.setdefault(table, []).append(column)
    return Catalog({t: tuple(c) for t, c in columns.items()}, {t: tuple(c) for t, c in keys.items()})


class PgCursor:
    """What sqlite3's cursor offers the store: rows as tuples, and the new row's rowid."""

    def __init__(self, cursor, returning: bool):
        self._cursor = cursor
        self.lastrowid = None
        if returning:
            row = cursor.fetchone()
            self.lastrowid = row[0] if row else None

    def fetchone(self):
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self):
        return self._cursor.fetchall() if self._cursor.description else []

    def __iter__(self):
        return iter(self.fetchall())

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount


class _NoCursor(PgCursor):
    def __init__(self):
        self.lastrowid = None
        self._cursor = None

    def fetchone(self):
        return None

    def fetchall(self):
        return []

    rowcount = 0


class PgConnection:
    """An sqlite3-like face of one psycopg connection (autocommit; explicit transactions)."""

    def __init__(self, raw, catalog: Catalog):
        self.raw = raw
        self.catalog = catalog

    def execute(self, sql: str, params=()) -> PgCursor:
        head = sql.lstrip()[:20].upper()
        if head.startswith("BEGIN"):
            self.raw.execute("BEGIN")
            if "IMMEDIATE" in head:
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return _NoCursor()
        if head in ("COMMIT", "ROLLBACK"):
            self.raw.execute(head)
            return _NoCursor()
        if command := _FTS_COMMAND.match(sql):
            if command.group(1) == "documents_fts":  # the titles index is a column of documents_fts
                if "'delete-all'" in sql:
                    self.raw.execute("DELETE FROM documents_fts")
                else:
                    self.raw.execute("DELETE FROM documents_fts WHERE rowid = %s", (params[0],))
            return _NoCursor()
        fts = _FTS_INSERT.match(sql)
        if fts:
            return self._index(fts.group(1), [c.strip() for c in fts.group(2).split(",")], params)
        if _TITLES_DELETE.match(sql):
            return _NoCursor()  # the titles index is a column of documents_fts
        text, returning = translate(sql, self.catalog)
        return PgCursor(self.raw.execute(text, list(params)), returning)

    def executemany(self, sql: str, rows) -> None:
        rows = [list(r) for r in rows]
        if not rows:
            return
        if len(rows) == 1 and (_FTS_INSERT.match(sql) or _PLAIN_INSERT.match(sql)):
            self.execute(sql, rows[0])  # one row: one statement (a COPY takes two round trips)
            return
        if fts := _FTS_INSERT.match(sql):
            if fts.group(1) == "documents_fts":
                names = [c.strip() for c in fts.group(2).split(",")]
                self._copy("documents_fts", ("rowid", "everything", "heads"),
                           ((r[0], *index_row(dict(zip(names, r[1:])))) for r in rows))
            return
        if plain := _PLAIN_INSERT.match(sql):
            table = plain.group(1)
            names = plain.group(2)
            columns = [c.strip() for c in names.split(",")] if names else \
                self.catalog.columns[table][:len(rows[0])]
            self._copy(table, columns, rows)
            return
        text, _ = translate(sql, self.catalog)
        with self.raw.cursor() as cur:
            cur.executemany(text.replace(" RETURNING rowid", ""), rows)

    def index_documents(self, docs: list[tuple]) -> None:
        """`store.ingest.index_documents` here: (rowid, columns of schema.FTS_COLUMNS[, their
        tsvectors in the binary format if made already]) of new documents, one row of
        documents_fts each, written by one binary COPY (the server reads a binary tsvector
        with a fraction of the work a text one takes)."""
        if len(docs) == 1:
            rowid, cols = docs[0][:2]
            self._upsert_index(rowid, *index_row(dict(zip(FTS_COLUMNS, cols))))
            return
        if not docs:
            return
        with self.raw.cursor() as cur:
            with cur.copy("COPY documents_fts (rowid, everything, heads) FROM STDIN (FORMAT binary)") as copy:
                out = [_BINARY_HEADER]
                for doc in docs:
                    everything, heads = doc[2] if len(doc) > 2 and doc[2] else binary_index(doc[1])
                    out.append(_ROW_HEAD.pack(3, 8, doc[0], len(everything)))
                    out.append(everything)
                    out.append(len(heads).to_bytes(4, "big"))
                    out.append(heads)
                out.append(_BINARY_TRAILER)
                copy.write(b"".join(out))

    def _copy(self, table: str, columns, rows) -> None:
        """New rows into a table by one COPY (what many INSERTs of one row each would do)."""
        with self.raw.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _index(self, table: str, columns: list[str], params) -> PgCursor:
        if table == "documents_titles":
            return _NoCursor()
        self._upsert_index(params[0], *index_row(dict(zip(columns, params[1:]))))
        return _NoCursor()

    def _upsert_index(self, rowid: int, everything: str, heads: str) -> None:
        self.raw.execute("INSERT INTO documents_fts (rowid, everything, heads) "
                         "VALUES (%s, CAST(%s AS tsvector), CAST(%s AS tsvector)) "
                         "ON CONFLICT (rowid) DO UPDATE SET everything = EXCLUDED.everything, "
                         "heads = EXCLUDED.heads", (rowid, everything, heads))

    def close(self) -> None:
        self.raw.close()
