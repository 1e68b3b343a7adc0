"""Reading emergency-plan cards (table `plans`, written at ingest from extract/plans.py)."""

from __future__ import annotations

import json
import sqlite3

from gongbao.docnumber import DocNumber
from gongbao.serialize import plan_from_dict
from gongbao.store.queries import resolve_document, summaries_by_rowid
from gongbao.store.records import NotFoundError, PlanRecord

__all__ = ["plan_rowids", "plan_records", "plan_record"]


def plan_rowids(conn: sqlite3.Connection) -> list[int]:
    """Every document that counts as a plan of the archive, newest first.

    The one query of this feature that decides which documents count (an issue's earlier
    versions, once kept, are to be left out here)."""
    return [r[0] for r in conn.execute(
        "SELECT p.doc_rowid FROM plans p JOIN documents d ON d.rowid = p.doc_rowid "
        "ORDER BY d.date DESC, d.rowid")]


def plan_records(conn: sqlite3.Connection, rowids: list[int]) -> tuple[PlanRecord, ...]:
    if not rowids:
        return ()
    summaries = summaries_by_rowid(conn, rowids)
    marks = ",".join("?" * len(rowids))
    cards = dict(conn.execute(f"SELECT doc_rowid, card FROM plans WHERE doc_rowid IN ({marks})", rowids))
    return tuple(PlanRecord(summaries[r], plan_from_dict(json.loads(cards[r]))) for r in rowids if r in cards)


def plan_record(conn: sqlite3.Connection, ref: str) -> PlanRecord:
    """The plan `ref` names: a document id or 发文字号, else words of its hazard or title."""
    counted = plan_rowids(conn)
    try:
        rowid = resolve_document(conn, ref)
    except NotFoundError:
        if DocNumber.try_parse(ref) is not None:
            raise
        words = ref.split()
        rows = conn.execute("SELECT doc_rowid, title, coalesce(hazard, '') FROM plans").fetchall()
        named = [r[0] for r in rows if r[0] in counted and words and all(w in r[1] + r[2] for w in words)]
        if not named:
            raise NotFoundError(f"no emergency plan {ref!r} in the archive (give an id, a 发文字号 or a hazard)") from None
        rowid = min(named, key=counted.index)
    if rowid not in counted:
        raise NotFoundError(f"document {ref} is not an emergency plan (应急预案)")
    return plan_records(conn, [rowid])[0]
