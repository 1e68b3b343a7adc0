"""Reading the stored appointments for the people and posts register (registers/people.py)."""

from __future__ import annotations

import sqlite3
from datetime import date

from gongbao.registers.people import AppointmentFact

__all__ = ["appointment_facts", "COUNTED_DOCUMENTS"]

# Which documents count for the register: every stored document. The one place to narrow it
# (e.g. to the current version of each issue) for every query of the people and posts register.
COUNTED_DOCUMENTS = "1"


def appointment_facts(conn: sqlite3.Connection, person: str | None = None) -> list[AppointmentFact]:
    """Every stored appointment (or one name's) with its document's number, date and issue, in
    archive order."""
    where, params = COUNTED_DOCUMENTS, []
    if person is not None:
        where += " AND a.person = ?"
        params.append(person)
    rows = conn.execute(
        "SELECT a.person, a.action, a.post, a.note, a.line, d.id, d.doc_number, d.title, d.signed, "
        "i.id, d.rowid FROM appointments a JOIN documents d ON d.rowid = a.doc_rowid "
        f"JOIN issues i ON i.rowid = d.issue_rowid WHERE {where} ORDER BY d.rowid, a.seq", params)
    return [AppointmentFact(person=r[0], action=r[1], post=r[2], note=r[3], line=r[4], doc_id=r[5],
                            doc_number=r[6], title=r[7],
                            signed=date.fromisoformat(r[8]) if r[8] else None, issue_id=r[9],
                            order=r[10])
            for r in rows]
