"""The validity facts in the archive: written with each document, read for the register.

`counted_documents` is the one query of "which documents count" for the validity register and
the 文号 sequences (one place to add a condition such as "current version of its issue only").
`validity_status` (first day, last day, day repealed of every document) is re-derived inside each
ingest transaction, for the documents whose status the issue can change: its own, those named by
its repeals (and by those of the text it replaces), and those sharing a 文号 or title with them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from gongbao.extract.validity import title_key
from gongbao.registers.validity import STATUSES, DocFacts, LinkFact, Register, Status, build_register
from gongbao.search.query import QueryError
from gongbao.store.records import metadata_from_json

__all__ = ["validity_rows", "VALIDITY_INSERT", "VALIDITY_LINKS_INSERT", "counted_documents", "register", "rebuild_status",
           "names_of_issue", "status_condition", "numbers_and_citations"]

# The rule of registers.validity.status_at, in SQL over validity_status (for search filters).
STATUS_SQL = """CASE
    WHEN vs.starts IS NOT NULL AND ? < vs.starts THEN 'not-yet-in-force'
    WHEN vs.repealed_on IS NOT NULL AND vs.repealed_on <= ? THEN 'repealed'
    WHEN vs.expires IS NOT NULL AND vs.expires < ? THEN 'expired'
    ELSE 'in-force' END"""

_FACTS_SELECT = (
    "SELECT d.rowid, d.id, d.doc_number, d.title, d.instrument_title, d.signed, v.effective, "
    "v.effective_text, v.effective_line, v.expires, v.validity_text, v.validity_line, i.id "
    "FROM documents d JOIN issues i ON i.rowid = d.issue_rowid "
    "LEFT JOIN validity v ON v.doc_rowid = d.rowid")


def validity_rows(v, title: str | None, instrument_title: str | None) -> tuple[tuple, list[tuple]]:
    """The rows of one document's `model.Validity` (without the document's rowid)."""
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    row = (iso(v.effective), v.effective_text, v.effective_line, iso(v.expires), v.validity_text,
           v.validity_line, title_key(title), title_key(instrument_title))
    links = [(i, x.kind, str(x.doc_number) if x.doc_number else None, x.title, title_key(x.title),
              x.line, x.last_line, x.text) for i, x in enumerate(v.links, 1)]
    return row, links


# The rows of `validity_rows`, each after its document's rowid (written by store.ingest).
VALIDITY_INSERT = "INSERT INTO validity VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
VALIDITY_LINKS_INSERT = "INSERT INTO validity_links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def counted_documents(conn: sqlite3.Connection, rowids: set[int] | None = None) -> list[DocFacts]:
    """Every document that counts for the register (or those of `rowids` among them), with its
    validity facts."""
    where, params = "", []
    if rowids is not None:
        if not rowids:
            return []
        where, params = " WHERE d.rowid IN (SELECT value FROM json_each(?))", [_json(rowids)]
    links: dict[int, list[LinkFact]] = {}
    link_where = where.replace("d.rowid", "doc_rowid")
    for rowid, kind, number, title, line, last, text in conn.execute(
            "SELECT doc_rowid, kind, doc_number, title, line, last_line, text FROM validity_links"
            f"{link_where} ORDER BY doc_rowid, seq", params):
        links.setdefault(rowid, []).append(LinkFact(kind, number, title, line, last, text))
    return [DocFacts(r[0], r[1], r[2], r[3], r[4], _date(r[5]), _date(r[6]), r[7], r[8], _date(r[9]),
                     r[10], r[11], tuple(links.get(r[0], ())), r[12])
            for r in conn.execute(f"{_FACTS_SELECT}{where} ORDER BY d.rowid", params)]


def with_printed_status(conn: sqlite3.Connection, st: Status) -> Status:
    """`st` with the 时效性 a legal database printed for its document (records.PrintedMetadata):
    shown beside the status, never evidence for it (the register leaves it out)."""
    row = conn.execute("SELECT metadata FROM documents WHERE rowid = ?", (st.document.rowid,)).fetchone()
    printed = metadata_from_json(row[0]).printed_status if row and row[0] else None
    return replace(st, document=replace(st.document, printed_status=printed)) if printed else st


def _json(values) -> str:
    import json

    return json.dumps(sorted(values), ensure_ascii=False)


def register(conn: sqlite3.Connection) -> Register:
    return build_register(counted_documents(conn))


def names_of_issue(conn: sqlite3.Connection, issue_rowid: int) -> tuple[set[str], set[str], set[int]]:
    """The 文号 and title keys through which an issue's documents can change statuses (their own,
    and those their repeals and amendments name; a title only where a link names it without a
    number, as only those are resolved by title), and their rowids."""
    numbers: set[str] = set()
    own_keys: set[str] = set()
    rowids: set[int] = set()
    for rowid, number, tkey, ikey in conn.execute(
            "SELECT d.rowid, d.doc_number, v.title_key, v.instrument_key FROM documents d "
            "LEFT JOIN validity v ON v.doc_rowid = d.rowid WHERE d.issue_rowid = ?", (issue_rowid,)):
        rowids.add(rowid)
        numbers.update(x for x in (number,) if x)
        own_keys.update(x for x in (tkey, ikey) if x)
    keys = {k for (k,) in conn.execute(
        "SELECT DISTINCT title_key FROM validity_links WHERE doc_number IS NULL "
        "AND title_key IN (SELECT value FROM json_each(?))", (_json(own_keys),))}
    for number, tkey in conn.execute(
            "SELECT l.doc_number, l.title_key FROM validity_links l JOIN documents d ON d.rowid = l.doc_rowid "
            "WHERE d.issue_rowid = ?", (issue_rowid,)):
        if number:
            numbers.add(number)
        elif tkey:
            keys.add(tkey)
    return numbers, keys, rowids


def rebuild_status(conn: sqlite3.Connection, names: tuple[set[str], set[str]] | None = None,
                   also: set[int] = frozenset()) -> int:  # type: ignore[assignment]
    """Re-derive `validity_status` inside the caller's transaction: for the whole archive, or only
    for the documents `also` and those carrying one of `names` (文号, title keys). Returns how
    many documents it derived."""
    if names is None:
        docs = counted_documents(conn)
        conn.execute("DELETE FROM validity_status")
        targets = {d.rowid for d in docs}
    else:
        targets = _holders(conn, _json(names[0]), _json(names[1])) | set(also)
        # Every name a target goes by that some link names (its 文号, its title keys), not only the
        # names it was found by: a document found by its title may be repealed by its number too,
        # by a document of another issue, whose repeal its status must keep. Only names a target
        # holds: the many links to documents outside the archive are left out (they would grow
        # with every issue citing them).
        held_numbers, held_keys = _linked_names(conn, targets)
        # The holders of those names, so that each link resolves as over the whole archive (the
        # earliest holder of a 文号, the latest of a title signed before the source); the sources.
        holders = _holders(conn, held_numbers, held_keys)
        sources = {r[0] for r in conn.execute(
            "SELECT doc_rowid FROM validity_links WHERE doc_number IN (SELECT value FROM json_each(?)) "
            "OR (doc_number IS NULL AND title_key IN (SELECT value FROM json_each(?)))",
            (held_numbers, held_keys))}
        docs = counted_documents(conn, targets | holders | sources)
        targets &= {d.rowid for d in docs}
    reg = build_register(docs)
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    rows = [(d.rowid, iso(d.starts), iso(d.expires), iso(reg.repealed_on(d.rowid)))
            for d in docs if d.rowid in targets]
    if names is not None:  # write only what changed: a title shared by many copies stays cheap
        stored = set(conn.execute(
            "SELECT doc_rowid, starts, expires, repealed_on FROM validity_status "
            "WHERE doc_rowid IN (SELECT value FROM json_each(?))", (_json(targets),)))
        rows = [r for r in rows if r not in stored]
    conn.executemany("INSERT OR REPLACE INTO validity_status VALUES (?, ?, ?, ?)", rows)
    return len(targets)


def _holders(conn: sqlite3.Connection, numbers: str, keys: str) -> set[int]:
    """The documents holding one of the 文号 or title keys (JSON arrays): two look-ups, not one
    join with an OR across both tables, so that each uses its index."""
    held = {r for (r,) in conn.execute(
        "SELECT rowid FROM documents WHERE doc_number IN (SELECT value FROM json_each(?))", (numbers,))}
    return held | {r for (r,) in conn.execute(
        "SELECT doc_rowid FROM validity WHERE title_key IN (SELECT value FROM json_each(?)) "
        "OR instrument_key IN (SELECT value FROM json_each(?))", (keys, keys))}


def _linked_names(conn: sqlite3.Connection, rowids: set[int]) -> tuple[str, str]:
    """(文号, title keys) of the documents `rowids` that some validity link names (a title key only
    where a link names it without a number, as only those are resolved by title), as JSON arrays."""
    ids = _json(rowids)
    numbers = {n for (n,) in conn.execute(
        "SELECT DISTINCT l.doc_number FROM validity_links l WHERE l.doc_number IN "
        "(SELECT doc_number FROM documents WHERE rowid IN (SELECT value FROM json_each(?)))", (ids,))}
    keys = {k for (k,) in conn.execute(
        "SELECT DISTINCT l.title_key FROM validity_links l WHERE l.doc_number IS NULL AND l.title_key IN "
        "(SELECT title_key FROM validity WHERE doc_rowid IN (SELECT value FROM json_each(?)) "
        "UNION SELECT instrument_key FROM validity WHERE doc_rowid IN (SELECT value FROM json_each(?)))",
        (ids, ids))}
    return _json(numbers), _json(keys)


def status_condition(statuses: tuple[str, ...], as_of: date) -> tuple[str, list]:
    """An SQL condition on `d.rowid`: the document's status on `as_of` is one of `statuses`."""
    for s in statuses:
        if s not in STATUSES:
            raise QueryError(f"status: expects one of {', '.join(STATUSES)}, not {s!r}")
    day = as_of.isoformat()
    marks = ",".join("?" * len(statuses))
    return (f"d.rowid IN (SELECT vs.doc_rowid FROM validity_status vs WHERE {STATUS_SQL} IN ({marks}))",
            [day, day, day, *statuses])


def status_values(conn: sqlite3.Connection, ids: Iterable[str], as_of: date) -> dict[str, str]:
    """The status on `as_of` of the documents `ids`, by id, read from `validity_status` (what the
    register derived at ingest): for lists of hits, which need the status and not its evidence,
    without building the whole register (at 20,000 documents 0.36 s, and once per server thread)."""
    ids = list(dict.fromkeys(ids))
    if not ids:
        return {}
    day = as_of.isoformat()
    return dict(conn.execute(
        f"SELECT d.id, {STATUS_SQL} FROM documents d JOIN validity_status vs ON vs.doc_rowid = d.rowid "
        f"WHERE d.id IN ({','.join('?' * len(ids))})", [day, day, day, *ids]))


def numbers_and_citations(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
    """The 文号 of the counted documents, and every 文号 they refer to (cites, repeals, amends)."""
    rowids = {d.rowid: d.doc_number for d in counted_documents(conn)}
    numbers = [n for n in rowids.values() if n]
    cited = [n for rowid, n in conn.execute("SELECT doc_rowid, doc_number FROM refs WHERE doc_number IS NOT NULL")
             if rowid in rowids]
    cited += [n for rowid, n in conn.execute(
        "SELECT doc_rowid, doc_number FROM validity_links WHERE doc_number IS NOT NULL") if rowid in rowids]
    return numbers, cited
