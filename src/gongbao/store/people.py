"""Reading the stored appointments for the people and posts register (registers/people.py)."""

from __future__ import annotations

import sqlite3
from datetime import date

from gongbao.registers.agencies import document_places
from gongbao.registers.people import AppointmentFact
from gongbao.registers.postnames import normalize_post, post_name

__all__ = ["appointment_facts", "COUNTED_DOCUMENTS", "appointment_post_rows", "rebuild_post_index",
           "known_post", "post_documents"]

# Which documents count for the register: every stored document. The one place to narrow it
# (e.g. to the current version of each issue) for every query of the people and posts register.
COUNTED_DOCUMENTS = "1"


def appointment_facts(conn: sqlite3.Connection, person: str | None = None, *,
                      post_key: str | None = None) -> list[AppointmentFact]:
    """Every stored appointment (or one name's, or those to one post) with its document's
    number, date and issue, in archive order."""
    where, params = COUNTED_DOCUMENTS, []
    if person is not None:
        where += " AND a.person = ?"
        params.append(person)
    if post_key is not None:
        where += (" AND EXISTS (SELECT 1 FROM appointment_posts p WHERE p.doc_rowid = a.doc_rowid"
                  " AND p.seq = a.seq AND p.post_key = ?)")
        params.append(post_key)
    rows = conn.execute(
        "SELECT a.person, a.action, a.post, a.note, a.line, d.id, d.doc_number, d.title, d.signed, "
        "i.id, d.rowid, d.issuer, i.gazette FROM appointments a JOIN documents d ON d.rowid = a.doc_rowid "
        f"JOIN issues i ON i.rowid = d.issue_rowid WHERE {where} ORDER BY d.rowid, a.seq", params)
    return [AppointmentFact(person=r[0], action=r[1], post=r[2], note=r[3], line=r[4], doc_id=r[5],
                            doc_number=r[6], title=r[7],
                            signed=date.fromisoformat(r[8]) if r[8] else None, issue_id=r[9],
                            order=r[10], places=document_places(r[11], r[12]))
            for r in rows]


def appointment_post_rows(appointments, places: tuple[str, ...] = ()) -> list[tuple]:
    """(seq, post key, agency key) of each appointment (of a document of `places`:
    registers.agencies.document_places): the rows of `appointment_posts`, the index by which a
    search finds the appointment documents of a post or an agency."""
    rows = []
    for i, a in enumerate(appointments, 1):
        pn = post_name(a.post, places)
        rows.append((i, pn.key, normalize_post(pn.agency) if pn.agency else None))
    return rows


def rebuild_post_index(conn: sqlite3.Connection) -> None:
    """Fill `appointment_posts` again from the stored appointments (after a migration, or when
    the data files that name posts have changed)."""
    conn.execute("DELETE FROM appointment_posts")
    rows = conn.execute("SELECT a.doc_rowid, a.seq, a.post, d.issuer, i.gazette FROM appointments a "
                        "JOIN documents d ON d.rowid = a.doc_rowid JOIN issues i ON i.rowid = d.issue_rowid "
                        "ORDER BY a.doc_rowid, a.seq")
    out = []
    for doc_rowid, seq, post, issuer, gazette in rows.fetchall():
        pn = post_name(post, document_places(issuer, gazette))
        out.append((doc_rowid, seq, pn.key, normalize_post(pn.agency) if pn.agency else None))
    conn.executemany("INSERT INTO appointment_posts VALUES (?, ?, ?, ?)", out)


def known_post(conn: sqlite3.Connection, key: str) -> str | None:
    """"post" when some appointment is to the post `key`, "agency" when some is in the agency
    `key`, else None."""
    if conn.execute("SELECT 1 FROM appointment_posts WHERE post_key = ? LIMIT 1", (key,)).fetchone():
        return "post"
    if conn.execute("SELECT 1 FROM appointment_posts WHERE agency_key = ? LIMIT 1", (key,)).fetchone():
        return "agency"
    return None


def post_documents(conn: sqlite3.Connection, key: str, kind: str) -> list[tuple[int, float, str]]:
    """(rowid, share, date) of the documents appointing to (or removing from) the post or the
    agency `key`: share is the part of the document's appointments that concern it."""
    column = "post_key" if kind == "post" else "agency_key"
    return [(r[0], r[1], r[2] or "") for r in conn.execute(
        f"SELECT p.doc_rowid, CAST(count(*) AS REAL) / (SELECT count(*) FROM appointments a "
        f"WHERE a.doc_rowid = p.doc_rowid), d.date FROM appointment_posts p "
        f"JOIN documents d ON d.rowid = p.doc_rowid WHERE p.{column} = ? AND {COUNTED_DOCUMENTS} "
        f"GROUP BY p.doc_rowid, d.date", (key,))]
