"""Reading the stored tasks for the task ledger (registers/tasks.py derives the views)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from gongbao.store.queries import TASK_COLUMNS, summaries_by_rowid, task_record
from gongbao.store.records import DocumentSummary, TaskRecord

__all__ = ["StoredTask", "counted_documents", "stored_tasks"]


@dataclass(frozen=True)
class StoredTask:
    """A task with the document that assigns it and when its issue came into the archive."""

    document: DocumentSummary
    task: TaskRecord
    ingested_at: datetime | None
    gazette: str | None = None  # the name of the gazette that printed it (whose government)


def counted_documents() -> str:
    """The one condition (on documents `d`) saying which documents' tasks count in the ledger:
    every stored document today. (Where earlier versions of an issue stay stored, the condition
    that selects the current version goes here, and only here.)"""
    return "1 = 1"


def stored_tasks(conn: sqlite3.Connection, doc_rowid: int | None = None) -> list[StoredTask]:
    """Every task of the documents that count (of one document, if given), in document order."""
    where = counted_documents()
    params: list = []
    if doc_rowid is not None:
        where += " AND d.rowid = ?"
        params.append(doc_rowid)
    rows = conn.execute(
        f"SELECT t.doc_rowid, i.ingested_at, i.gazette, {', '.join('t.' + c.strip() for c in TASK_COLUMNS.split(','))} "
        f"FROM tasks t JOIN documents d ON d.rowid = t.doc_rowid JOIN issues i ON i.rowid = d.issue_rowid "
        f"WHERE {where} ORDER BY d.rowid, t.seq", params).fetchall()
    docs = summaries_by_rowid(conn, sorted({r[0] for r in rows}))
    out = []
    for r in rows:
        ingested = datetime.fromisoformat(r[1]) if r[1] else None
        out.append(StoredTask(docs[r[0]], task_record(r[3:]), ingested, r[2]))
    return out
