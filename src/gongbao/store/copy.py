"""Copy a whole archive into an empty one, SQLite or PostgreSQL either way (`gongbao migrate`).

Every stored row goes across with its rowid, so ids, versions, former documents, the kept
originals (blobs) and the registers' facts are the same on the other side; the full-text index is
then rebuilt on the target from the copied documents (the two servers store it differently),
which also records the tokenizer. The target must hold no issue: nothing is ever merged into, or
written over, an archive that has documents.
"""

from __future__ import annotations

from collections.abc import Callable

from gongbao.errors import GongbaoError
from gongbao.store.schema import transaction

__all__ = ["COPIED_TABLES", "copy_archive"]

# Every table of stored facts, parents before children (foreign keys). Not copied: migrations
# (each archive has its own), meta (the target's own), and the full-text index (rebuilt).
COPIED_TABLES = (
    "issues", "toc_entries", "issue_warnings", "corrections", "documents", "document_texts",
    "paragraphs", "attachments", "refs", "appointments", "tasks", "appointment_posts", "plans",
    "validity", "validity_links", "validity_status", "document_facets", "blobs", "issue_versions",
    "former_documents", "issue_pages", "embeddings", "document_embeddings", "document_issuers",
)
BATCH = 500


def _columns(conn, table: str) -> list[str]:
    catalog = getattr(conn, "catalog", None)
    if catalog is not None:  # PostgreSQL
        return list(catalog.columns.get(table, ()))
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def copy_archive(source, target, *, on_table: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every row of `source` (an open Archive) into `target` (an open, writable, empty
    Archive) in one transaction, then re-index the target. Returns the rows copied per table."""
    target._writable()
    counts: dict[str, int] = {}
    with source._reading() as src, target._reading() as dst:
        held = dst.execute("SELECT count(*) FROM issues").fetchone()[0]
        if held:
            raise GongbaoError(f"the target archive already holds {held} issues: "
                               "migrate copies into an empty archive only")
        with transaction(dst):
            for table in COPIED_TABLES:
                theirs = set(_columns(dst, table))
                columns = [c for c in _columns(src, table) if c in theirs]
                if not columns:
                    continue
                names = ", ".join(columns)
                insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
                rows = src.execute(f"SELECT {names} FROM {table}").fetchall()
                for start in range(0, len(rows), BATCH):
                    dst.executemany(insert, rows[start:start + BATCH])
                counts[table] = len(rows)
                if on_table:
                    on_table(table, len(rows))
            if getattr(dst, "catalog", None) is not None:
                # PostgreSQL: the identity columns continue after the copied rowids.
                for table in ("issues", "documents"):
                    dst.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'rowid'), "
                                f"coalesce((SELECT max(rowid) FROM {table}), 0) + 1, false)")
    target.reindex()
    return counts
