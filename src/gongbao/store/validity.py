"""The validity facts in the archive: written with each document, read for the register.

`counted_documents` is the one query of "which documents count" for the validity register and
the 文号 sequences (one place to add a condition such as "current version of its issue only").
"""

from __future__ import annotations

import sqlite3
from datetime import date

from gongbao.registers.validity import STATUSES, DocFacts, LinkFact, Register, build_register
from gongbao.search.query import QueryError

__all__ = ["validity_rows", "write_validity", "counted_documents", "register", "rebuild_status",
           "status_condition", "numbers_and_citations"]

# The rule of registers.validity.status_at, in SQL over validity_status (for search filters).
STATUS_SQL = """CASE
    WHEN vs.starts IS NOT NULL AND ? < vs.starts THEN 'not-yet-in-force'
    WHEN vs.repealed_on IS NOT NULL AND vs.repealed_on <= ? THEN 'repealed'
    WHEN vs.expires IS NOT NULL AND vs.expires < ? THEN 'expired'
    ELSE 'in-force' END"""


def validity_rows(v) -> tuple[tuple, list[tuple]]:
    """The rows of one document's `model.Validity` (without the document's rowid)."""
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    row = (iso(v.effective), v.effective_text, v.effective_line, iso(v.expires), v.validity_text,
           v.validity_line)
    links = [(i, x.kind, str(x.doc_number) if x.doc_number else None, x.title, x.line, x.last_line, x.text)
             for i, x in enumerate(v.links, 1)]
    return row, links


def write_validity(conn: sqlite3.Connection, rowid: int, row: tuple, links: list[tuple]) -> None:
    conn.execute("INSERT INTO validity VALUES (?, ?, ?, ?, ?, ?, ?)", (rowid, *row))
    conn.executemany("INSERT INTO validity_links VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(rowid, *x) for x in links])


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def counted_documents(conn: sqlite3.Connection) -> list[DocFacts]:
    """Every document that counts for the register, with its validity facts."""
    links: dict[int, list[LinkFact]] = {}
    for rowid, kind, number, title, line, last, text in conn.execute(
            "SELECT doc_rowid, kind, doc_number, title, line, last_line, text FROM validity_links "
            "ORDER BY doc_rowid, seq"):
        links.setdefault(rowid, []).append(LinkFact(kind, number, title, line, last, text))
    out = []
    for r in conn.execute(
            "SELECT d.rowid, d.id, d.doc_number, d.title, d.instrument_title, d.signed, v.effective, "
            "v.effective_text, v.effective_line, v.expires, v.validity_text, v.validity_line, i.id "
            "FROM documents d JOIN issues i ON i.rowid = d.issue_rowid "
            "LEFT JOIN validity v ON v.doc_rowid = d.rowid ORDER BY d.rowid"):
        out.append(DocFacts(r[0], r[1], r[2], r[3], r[4], _date(r[5]), _date(r[6]), r[7], r[8],
                            _date(r[9]), r[10], r[11], tuple(links.get(r[0], ())), r[12]))
    return out


def register(conn: sqlite3.Connection) -> Register:
    return build_register(counted_documents(conn))


def rebuild_status(conn: sqlite3.Connection) -> None:
    """Re-derive `validity_status` from the facts of the whole archive (inside the caller's
    transaction: after every ingest or removal of an issue)."""
    reg = register(conn)
    conn.execute("DELETE FROM validity_status")
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    conn.executemany("INSERT INTO validity_status VALUES (?, ?, ?, ?)",
                     [(d.rowid, iso(d.starts), iso(d.expires), iso(reg.repealed_on(d.rowid)))
                      for d in reg.documents.values()])


def status_condition(statuses: tuple[str, ...], as_of: date) -> tuple[str, list]:
    """An SQL condition on `d.rowid`: the document's status on `as_of` is one of `statuses`."""
    for s in statuses:
        if s not in STATUSES:
            raise QueryError(f"status: expects one of {', '.join(STATUSES)}, not {s!r}")
    day = as_of.isoformat()
    marks = ",".join("?" * len(statuses))
    return (f"d.rowid IN (SELECT vs.doc_rowid FROM validity_status vs WHERE {STATUS_SQL} IN ({marks}))",
            [day, day, day, *statuses])


def numbers_and_citations(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """The 文号 of the counted documents, and every 文号 they refer to (cites, repeals, amends)."""
    rowids = {d.rowid: d.doc_number for d in counted_documents(conn)}
    numbers = [n for n in rowids.values() if n]
    cited = [n for rowid, n in conn.execute("SELECT doc_rowid, doc_number FROM refs WHERE doc_number IS NOT NULL")
             if rowid in rowids]
    cited += [n for rowid, n in conn.execute(
        "SELECT doc_rowid, doc_number FROM validity_links WHERE doc_number IS NOT NULL") if rowid in rowids]
    return numbers, cited
