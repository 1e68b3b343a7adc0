"""Reading the archive: issues, documents, printed lines, listings, stats and export rows."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from gongbao.docnumber import DocNumber
from gongbao.search.query import Filters, QueryError
from gongbao.search.tokenize import normalize
from gongbao.search.vocab import canonical_agencies, canonical_sections
from gongbao.store.schema import unpack_text
from gongbao.store.validity import status_condition
from gongbao.store.records import (
    AppointmentRecord, AttachmentRecord, Citation, CorrectionRecord, DocumentList, DocumentRecord,
    DocumentSummary, FacetCount, Facets, IssueRecord, IssueSummary, NotFoundError, OutlineNode,
    ParagraphRecord, PrintedLine, ReferenceRecord, Stats, TaskRecord, TocLink, VersionRecord,
    WarningRecord, ArchiveError, PageRecord, PrintedMetadata, from_plain, metadata_from_json, to_plain,
)
from gongbao.model import PageText, page_of

__all__ = [
    "issue_summaries", "issue_record", "document_record", "resolve_document", "document_list",
    "printed_lines", "stats", "filter_sql", "summaries_by_rowid", "facets_for", "export_rows",
    "find_by_number", "citing_rowids", "texts_by_rowid", "issue_versions", "source_bytes",
    "former_document", "issue_pages",
]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- issues -------------------------------------------------------------------------------------

_ISSUE_SELECT = """SELECT i.id, i.gazette, i.year, i.number, i.cumulative, i.published, i.editor,
    i.layout, i.path, i.sha256, i.encoding, i.ingested_at,
    (SELECT count(*) FROM documents d WHERE d.issue_rowid = i.rowid), i.line_count, i.version
    FROM issues i"""


def _issue(row) -> IssueSummary:
    return IssueSummary(row[0], row[1], row[2], row[3], row[4], _date(row[5]), row[6], row[7],
                        row[8], row[9], row[10], row[11], row[12], row[13], row[14])


def issue_summaries(conn: sqlite3.Connection) -> tuple[IssueSummary, ...]:
    rows = conn.execute(_ISSUE_SELECT + " ORDER BY i.year DESC, i.number DESC, i.id")
    return tuple(_issue(r) for r in rows)


def _issue_rowid(conn: sqlite3.Connection, issue_id: str) -> int:
    row = conn.execute("SELECT rowid FROM issues WHERE id = ?", (issue_id,)).fetchone()
    if not row:
        raise NotFoundError(f"no issue {issue_id!r} in the archive")
    return row[0]


def issue_record(conn: sqlite3.Connection, issue_id: str) -> IssueRecord:
    rowid = _issue_rowid(conn, issue_id)
    summary = _issue(conn.execute(_ISSUE_SELECT + " WHERE i.rowid = ?", (rowid,)).fetchone())
    docs = summaries_where(conn, "d.issue_rowid = ?", (rowid,), order="d.seq")
    by_number = {d.doc_number: d.id for d in docs if d.doc_number}
    by_title = {normalize(d.title): d.id for d in docs if d.title}
    toc = tuple(
        TocLink(title, number, page, section, line,
                by_number.get(number) if number else by_title.get(normalize(title)))
        for title, number, page, section, line in conn.execute(
            "SELECT title, doc_number, page, section, line FROM toc_entries "
            "WHERE issue_rowid = ? ORDER BY seq", (rowid,)))
    warnings = tuple(WarningRecord(*r) for r in conn.execute(
        "SELECT line, code, message FROM issue_warnings WHERE issue_rowid = ? ORDER BY seq", (rowid,)))
    corrections = tuple(CorrectionRecord(*r) for r in conn.execute(
        "SELECT line, printed, suggested, reason FROM corrections WHERE issue_rowid = ? ORDER BY seq",
        (rowid,)))
    return IssueRecord(**summary.__dict__, toc=toc, document_list=docs, warnings=warnings,
                       corrections=corrections)


def printed_lines(conn: sqlite3.Connection, issue_id: str, first: int = 1,
                  last: int | None = None, version: int | None = None) -> tuple[PrintedLine, ...]:
    """Lines of the issue's current text, or of an earlier version's (decoded from its bytes)."""
    rowid = _issue_rowid(conn, issue_id)
    packed, count, current = conn.execute(
        "SELECT printed_z, line_count, version FROM issues WHERE rowid = ?", (rowid,)).fetchone()
    if version is not None and version != current:
        from gongbao.text.read import read_bytes

        data, record = source_bytes(conn, issue_id, version)
        source = read_bytes(data, record.path)  # a PDF: its text layer again (scans: OCR cache)
        lines = list(source.lines)
        pages = tuple(PageRecord(p.number, p.first_line, p.last_line, p.kind, p.confidence)
                      for p in source.pages)
        count = len(lines)
    else:
        lines = zlib.decompress(packed).decode("utf-8").split("\n") if count else []
        pages = _pages(conn, rowid)
    first = max(1, first)
    last = count if last is None else min(last, count)
    if not pages:
        return tuple(PrintedLine(n, lines[n - 1]) for n in range(first, last + 1))
    spans = [PageText(p.page, p.first_line, p.last_line, p.kind) for p in pages]
    scores = {p.first_line + k: c for p in pages for k, c in enumerate(p.confidence)}
    return tuple(PrintedLine(n, lines[n - 1], page_of(spans, n), scores.get(n))
                 for n in range(first, last + 1))


def _pages(conn: sqlite3.Connection, issue_rowid: int) -> tuple[PageRecord, ...]:
    return tuple(PageRecord(page, first, last, kind, tuple(json.loads(conf)) if conf else ())
                 for page, first, last, kind, conf in conn.execute(
                     "SELECT page, first_line, last_line, kind, confidence FROM issue_pages "
                     "WHERE issue_rowid = ? ORDER BY page", (issue_rowid,)))


def issue_pages(conn: sqlite3.Connection, issue_id: str) -> tuple[PageRecord, ...]:
    """The pages of a PDF issue (current version), empty for a text file."""
    return _pages(conn, _issue_rowid(conn, issue_id))


def document_pages(conn: sqlite3.Connection, issue_rowid: int, first: int, last: int) -> tuple[int, int] | None:
    """The first and last PDF page of lines first..last, None for an issue read from text."""
    spans = [PageText(p.page, p.first_line, p.last_line, p.kind) for p in _pages(conn, issue_rowid)]
    if not spans:
        return None
    return page_of(spans, first), page_of(spans, last)


# --- versions -----------------------------------------------------------------------------------

_VERSION_SELECT = """SELECT i.id, v.version, v.version = i.version, v.sha256, b.size, b.sha256 IS NOT NULL,
    v.path, v.encoding, v.ingested_at, v.line_count, v.documents, v.note
    FROM issue_versions v JOIN issues i ON i.rowid = v.issue_rowid
    LEFT JOIN blobs b ON b.sha256 = v.sha256"""


def _version(row) -> VersionRecord:
    return VersionRecord(row[0], row[1], bool(row[2]), row[3], row[4], bool(row[5]), row[6], row[7],
                         row[8], row[9], tuple(json.loads(row[10])), row[11])


def issue_versions(conn: sqlite3.Connection, issue_id: str) -> tuple[VersionRecord, ...]:
    """Every ingested text of an issue, oldest first."""
    rowid = _issue_rowid(conn, issue_id)
    return tuple(_version(r) for r in conn.execute(
        _VERSION_SELECT + " WHERE v.issue_rowid = ? ORDER BY v.version", (rowid,)))


def source_bytes(conn: sqlite3.Connection, issue_id: str,
                 version: int | None = None) -> tuple[bytes, VersionRecord]:
    """The bytes of one version of an issue (the current one by default), exactly as ingested:
    decompressed and checked against their sha256 on the way out."""
    rowid = _issue_rowid(conn, issue_id)
    if version is None:
        version = conn.execute("SELECT version FROM issues WHERE rowid = ?", (rowid,)).fetchone()[0]
    row = conn.execute(_VERSION_SELECT + " WHERE v.issue_rowid = ? AND v.version = ?",
                       (rowid, version)).fetchone()
    if row is None:
        raise NotFoundError(f"issue {issue_id} has no version {version}")
    record = _version(row)
    blob = conn.execute("SELECT codec, data FROM blobs WHERE sha256 = ?", (record.sha256,)).fetchone()
    if blob is None:
        raise NotFoundError(f"the bytes of version {version} of issue {issue_id} were not kept "
                            "(ingested before gongbao kept originals, or not from a file)")
    codec, packed = blob
    if codec != "zlib":
        raise ArchiveError(f"the bytes of version {version} of issue {issue_id} are stored as "
                           f"{codec!r}, which this gongbao cannot read")
    try:
        data = zlib.decompress(packed)
    except zlib.error as e:
        raise ArchiveError(f"the stored bytes of version {version} of issue {issue_id} are damaged "
                           f"({e})") from None
    if hashlib.sha256(data).hexdigest() != record.sha256:
        raise ArchiveError(f"the stored bytes of version {version} of issue {issue_id} do not match "
                           f"their sha256 {record.sha256}: the archive is damaged")
    return data, record


def former_document(conn: sqlite3.Connection, ref: str) -> DocumentRecord | None:
    """A document only an earlier version of its issue holds, by id or 发文字号, or None."""
    ref = ref.strip()
    row = conn.execute("SELECT record FROM former_documents WHERE id = ?", (ref,)).fetchone()
    if row is None:
        number = DocNumber.try_parse(ref)
        if number is None:
            return None
        row = conn.execute("SELECT record FROM former_documents WHERE doc_number = ? "
                           "ORDER BY version DESC LIMIT 1", (str(number),)).fetchone()
        if row is None:
            return None
    return from_plain(DocumentRecord, json.loads(row[0]))


# --- documents ----------------------------------------------------------------------------------

_SUMMARY_SELECT = """SELECT d.id, i.id, d.seq, d.doc_number, d.title, d.issuer, d.genre, d.section,
    d.signed, d.year, d.date, d.page, d.publicity, d.start_line, d.end_line, d.rowid, d.instrument_title
    FROM documents d JOIN issues i ON i.rowid = d.issue_rowid"""


def _summary(row) -> DocumentSummary:
    return DocumentSummary(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
                           _date(row[8]), row[9], _date(row[10]), row[11], row[12], row[13], row[14], row[16])


def summaries_where(conn: sqlite3.Connection, where: str, params=(), *, order: str = "d.rowid",
                    limit: int | None = None, offset: int = 0) -> tuple[DocumentSummary, ...]:
    sql = f"{_SUMMARY_SELECT} WHERE {where} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return tuple(_summary(r) for r in conn.execute(sql, params))


def summaries_by_rowid(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, DocumentSummary]:
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    rows = conn.execute(f"{_SUMMARY_SELECT} WHERE d.rowid IN ({marks})", rowids)
    return {r[15]: _summary(r) for r in rows}


def texts_by_rowid(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, str]:
    if not rowids:
        return {}
    marks = ",".join("?" * len(rowids))
    return {rowid: unpack_text(packed) for rowid, packed in conn.execute(
        f"SELECT doc_rowid, text_z FROM document_texts WHERE doc_rowid IN ({marks})", rowids)}


def find_by_number(conn: sqlite3.Connection, number: DocNumber) -> list[int]:
    """Rowids of documents numbered `number`; failing that, the same year and serial with a prefix
    that one of the two ends with (`政办发2020 132` finds 阳政办发〔2020〕132号)."""
    exact = [r[0] for r in conn.execute(
        "SELECT d.rowid FROM documents d JOIN issues i ON i.rowid = d.issue_rowid "
        "WHERE d.doc_number = ? ORDER BY i.published DESC, d.rowid", (str(number),))]
    if exact:
        return exact
    return [rowid for rowid, prefix in conn.execute(
        "SELECT rowid, dn_prefix FROM documents WHERE dn_year = ? AND dn_serial = ? ORDER BY rowid",
        (number.year, number.serial))
        if prefix and (prefix.endswith(number.prefix) or number.prefix.endswith(prefix))]


def citing_rowids(conn: sqlite3.Connection, number: str) -> list[int]:
    """Documents that refer to the document number `number` (canonical), in archive order."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT r.doc_rowid, d.date FROM refs r JOIN documents d ON d.rowid = r.doc_rowid "
        "WHERE r.doc_number = ? AND (d.doc_number IS NULL OR d.doc_number != ?) "
        "ORDER BY d.date DESC, r.doc_rowid", (number, number))]


def resolve_document(conn: sqlite3.Connection, ref: str) -> int:
    """The rowid of the document `ref` names: its id, or its 发文字号 typed in any common form."""
    ref = ref.strip()
    row = conn.execute("SELECT rowid FROM documents WHERE id = ?", (ref,)).fetchone()
    if row:
        return row[0]
    number = DocNumber.try_parse(ref)
    if number is not None:
        found = find_by_number(conn, number)
        if found:
            return found[0]
        raise NotFoundError(f"no document {number} in the archive")
    raise NotFoundError(f"no document {ref!r} in the archive (give an id or a 发文字号)")


TASK_COLUMNS = ("seq, label, heading, text, responsible, lead, deadline, deadline_text, recurring, "
                "first_line, last_line, form, marker_line")


def task_record(row) -> TaskRecord:
    """A row of TASK_COLUMNS -> TaskRecord."""
    return TaskRecord(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), tuple(json.loads(row[5])),
                      _date(row[6]), row[7], row[8], row[9], row[10], row[11], row[12])


def _outline(nodes: list) -> tuple[OutlineNode, ...]:
    return tuple(OutlineNode(label, heading, line, level, _outline(children))
                 for label, heading, line, level, children in nodes)


def document_record(conn: sqlite3.Connection, rowid: int) -> DocumentRecord:
    summary = summaries_where(conn, "d.rowid = ?", (rowid,))[0]
    (issue_rowid, title_line, dn_line, addressees, signature, instrument, outline, metadata,
     text) = conn.execute(
        "SELECT d.issue_rowid, d.title_line, d.doc_number_line, d.addressees, d.signature, "
        "d.instrument_title, d.outline, d.metadata, t.text_z FROM documents d "
        "JOIN document_texts t ON t.doc_rowid = d.rowid WHERE d.rowid = ?", (rowid,)).fetchone()
    text = unpack_text(text)
    issue = _issue(conn.execute(_ISSUE_SELECT + " WHERE i.rowid = ?", (issue_rowid,)).fetchone())
    paragraphs = tuple(
        ParagraphRecord(text[start:stop], kind, first, last, level,
                        tuple(json.loads(cells)) if cells else (),
                        tuple(json.loads(lines)) if lines else ())
        for kind, level, start, stop, first, last, lines, cells in conn.execute(
            "SELECT kind, heading_level, start, stop, first_line, last_line, lines, cells "
            "FROM paragraphs WHERE doc_rowid = ? ORDER BY seq", (rowid,)))
    references = []
    for kind, number, title, line in conn.execute(
            "SELECT kind, doc_number, title, line FROM refs WHERE doc_rowid = ? ORDER BY seq", (rowid,)):
        target = None
        if number:
            target = conn.execute("SELECT id, title FROM documents WHERE doc_number = ? "
                                  "ORDER BY rowid LIMIT 1", (number,)).fetchone()
        references.append(ReferenceRecord(kind, number, title, line,
                                          target[0] if target else None, target[1] if target else None))
    cited_by = ()
    if summary.doc_number:
        rows = conn.execute(
            "SELECT r.kind, r.doc_rowid, min(r.line) FROM refs r WHERE r.doc_number = ? "
            "AND r.doc_rowid != ? GROUP BY r.kind, r.doc_rowid ORDER BY r.doc_rowid",
            (summary.doc_number, rowid)).fetchall()
        sources = summaries_by_rowid(conn, [r[1] for r in rows])
        cited_by = tuple(Citation(kind, sources[src], line) for kind, src, line in rows)
    return DocumentRecord(
        **{**summary.__dict__, "instrument_title": instrument}, issue=issue, title_line=title_line,
        doc_number_line=dn_line, addressees=tuple(json.loads(addressees)), signature=signature,
        text=text, paragraphs=paragraphs, outline=_outline(json.loads(outline)),
        attachments=tuple(AttachmentRecord(*r) for r in conn.execute(
            "SELECT title, status, line FROM attachments WHERE doc_rowid = ? ORDER BY seq", (rowid,))),
        references=tuple(references), cited_by=cited_by,
        appointments=tuple(AppointmentRecord(*r) for r in conn.execute(
            "SELECT person, action, post, note, line FROM appointments WHERE doc_rowid = ? "
            "ORDER BY seq", (rowid,))),
        tasks=tuple(task_record(r) for r in conn.execute(
            f"SELECT {TASK_COLUMNS} FROM tasks WHERE doc_rowid = ? ORDER BY seq", (rowid,))),
        version=issue.version, current=True,
        pages=document_pages(conn, issue_rowid, summary.start_line, summary.end_line),
        metadata=_metadata(metadata, summary.issuer),
    )


def _metadata(stored: str | None, issuer: str | None) -> PrintedMetadata:
    """The stored PrintedMetadata; `issuers` only a joint document's are stored, else its issuer."""
    meta = metadata_from_json(stored)
    if not meta.issuers and issuer:
        meta = replace(meta, issuers=(issuer,))
    return meta


# --- filters and facets -------------------------------------------------------------------------

def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# The most values one filter may have (SQLite refuses expressions beyond a depth of 1000, and a
# thousand issuers is no search): more is a QueryError for the user, never an SQL error.
MAX_FILTER_VALUES = 50


def filter_sql(filters: Filters) -> tuple[str, list]:
    """A WHERE fragment over `documents d` (always valid SQL: "1" when there is no filter)."""
    for name, values in (("year", filters.years), ("genre", filters.genres),
                         ("issuer", filters.issuers), ("section", filters.sections)):
        if len(values) > MAX_FILTER_VALUES:
            raise QueryError(f"{name}: at most {MAX_FILTER_VALUES} values, not {len(values)}")
    where: list[str] = []
    params: list = []
    if filters.years:
        where.append(f"d.year IN ({','.join('?' * len(filters.years))})")
        params += list(filters.years)
    if filters.genres:
        where.append(f"d.genre IN ({','.join('?' * len(filters.genres))})")
        params += [g.strip() for g in filters.genres]
    if filters.sections:
        names = [s for v in filters.sections for s in (canonical_sections(v) or (v.strip(),))]
        where.append(f"d.section IN ({','.join('?' * len(names))})")
        params += names
    if filters.issuers:
        ors = []
        for value in filters.issuers:
            full = canonical_agencies(value)
            if full:
                # The full name, also with the city in front of it (市发改委 -> 阳泉市发展和改革委员会).
                test, args = "({c} = ? OR {c} LIKE ? ESCAPE '\\')", [full[0], "%" + _like(full[0])[1:-1]]
            else:
                test, args = "{c} LIKE ? ESCAPE '\\'", [_like("".join(value.split()))]
            # A joint document's other issuers too (document_issuers).
            ors.append(f"({test.format(c='d.issuer')} OR d.rowid IN "
                       f"(SELECT doc_rowid FROM document_issuers WHERE {test.format(c='issuer')}))")
            params += args + args
        where.append("(" + " OR ".join(ors) + ")")
    if filters.date_from:
        where.append("d.date >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to:
        where.append("d.date <= ?")
        params.append(filters.date_to.isoformat())
    if filters.statuses:
        cond, args = status_condition(filters.statuses, date.today())
        where.append(cond)
        params += args
    return (" AND ".join(where) or "1"), params


def facets_from_rows(rows) -> Facets:
    """Facets from (year, genre, issuer, section, count) rows."""
    counts: dict[str, dict[str, int]] = {"year": {}, "genre": {}, "issuer": {}, "section": {}}
    for year, genre, issuer, section, n in rows:
        for name, value in (("year", year), ("genre", genre), ("issuer", issuer), ("section", section)):
            if value is not None:
                key = str(value)
                counts[name][key] = counts[name].get(key, 0) + n
    def ordered(name: str) -> tuple[FacetCount, ...]:
        items = counts[name].items()
        if name == "year":
            ranked = sorted(items, key=lambda kv: kv[0], reverse=True)
        else:
            ranked = sorted(items, key=lambda kv: (-kv[1], kv[0]))
        return tuple(FacetCount(k, v) for k, v in ranked)
    return Facets(*(ordered(n) for n in ("year", "genre", "issuer", "section")))


def facets_for(conn: sqlite3.Connection, where: str, params) -> tuple[int, list[tuple]]:
    """(count, facet rows) of the documents matching a WHERE fragment over `documents d`."""
    rows = conn.execute(
        f"SELECT d.year, d.genre, d.issuer, d.section, count(*) FROM document_facets d WHERE {where} "
        "GROUP BY 1, 2, 3, 4", params).fetchall()
    return sum(r[4] for r in rows), rows


def document_list(conn: sqlite3.Connection, filters: Filters, limit: int, offset: int) -> DocumentList:
    where, params = filter_sql(filters)
    total = conn.execute(f"SELECT count(*) FROM document_facets d WHERE {where}", params).fetchone()[0]
    docs = summaries_where(conn, where, params, order="d.date DESC, d.dn_year DESC, d.dn_serial DESC, d.rowid",
                           limit=limit, offset=offset)
    return DocumentList(total, docs)


# --- stats and export ---------------------------------------------------------------------------

def stats(conn: sqlite3.Connection, path: str, migrations: tuple[str, ...], tokenizer: str) -> Stats:
    def count(table: str) -> int:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    text_bytes = conn.execute("SELECT coalesce(sum(size), 0) FROM document_texts").fetchone()[0]
    printed_bytes = conn.execute("SELECT coalesce(sum(printed_size), 0) FROM issues").fetchone()[0]
    file_bytes = sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    _, rows = facets_for(conn, "1", ())
    return Stats(path, count("issues"), count("documents"), count("paragraphs"), count("refs"),
                 count("appointments"), count("attachments"), text_bytes, printed_bytes, file_bytes,
                 migrations, tokenizer, facets_from_rows(rows))


EXPORT_FIELDS = ("id", "issue_id", "doc_number", "title", "issuer", "genre", "section", "signed",
                 "year", "publicity", "page", "start_line", "end_line", "addressees", "attachments",
                 "cites", "repeals", "appointments", "issuers", "order_number", "registration",
                 "index_number", "filing_number", "published", "printed_status", "text")


def export_rows(conn: sqlite3.Connection, filters: Filters) -> Iterator[dict]:
    """One plain dict per document (archive order), the fields of EXPORT_FIELDS."""
    where, params = filter_sql(filters)
    rows = conn.execute(
        "SELECT d.rowid, d.id, i.id, d.doc_number, d.title, d.issuer, d.genre, d.section, d.signed, "
        "d.year, d.publicity, d.page, d.start_line, d.end_line, d.addressees, t.text_z, d.metadata "
        "FROM documents d JOIN issues i ON i.rowid = d.issue_rowid "
        f"JOIN document_texts t ON t.doc_rowid = d.rowid WHERE {where} "
        "ORDER BY i.year, i.number, i.id, d.seq", params)
    for r in rows:
        rowid = r[0]
        refs = conn.execute("SELECT kind, doc_number FROM refs WHERE doc_rowid = ? ORDER BY seq",
                            (rowid,)).fetchall()
        yield {
            "id": r[1], "issue_id": r[2], "doc_number": r[3], "title": r[4], "issuer": r[5],
            "genre": r[6], "section": r[7], "signed": r[8], "year": r[9], "publicity": r[10],
            "page": r[11], "start_line": r[12], "end_line": r[13],
            "addressees": json.loads(r[14]),
            "attachments": [{"title": t, "status": s} for t, s in conn.execute(
                "SELECT title, status FROM attachments WHERE doc_rowid = ? ORDER BY seq", (rowid,))],
            "cites": list(dict.fromkeys(n for k, n in refs if k == "cites" and n)),
            "repeals": list(dict.fromkeys(n for k, n in refs if k == "repeals" and n)),
            "appointments": [{"person": p, "action": a, "post": post, "note": note}
                             for p, a, post, note in conn.execute(
                                 "SELECT person, action, post, note FROM appointments "
                                 "WHERE doc_rowid = ? ORDER BY seq", (rowid,))],
            **to_plain(_metadata(r[16], r[5])),  # records.PrintedMetadata's fields
            "text": unpack_text(r[15]),
        }
