"""Put a `ParsedIssue` into the archive: prepare the rows (pure, the slow part: segmentation), then
write them in one transaction.

`prepare_issue` needs no database, so it can run in another process; `write_issue` holds the write
lock only while inserting. Everything an issue adds is written inside one BEGIN IMMEDIATE …
COMMIT: a crash, a kill or an exception in the middle leaves the archive as it was.

Identity: an issue is the same issue when its gazette, year and number are the same (or, when the
cover gives no year and number, when its file has the same name). Ingesting the same content again
is a no-op (sha256 of the file); a changed file of the same issue becomes its next *version*: the
current one, whose documents fill `documents`. The documents keep their ids when their 发文字号
(or title) is unchanged, so links survive re-ingest. Nothing is lost: every version's bytes stay
(compressed, by sha256), and a document the new version no longer holds moves to
`former_documents`. A replacement that would drop documents, or whose cover disagrees with the
rest of its text (`parse.consistency`), is refused unless `replace=True`.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import multiprocessing
import os
import re
import signal
import sqlite3
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace as replace_fields
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path

from gongbao.data import read_table
from gongbao.errors import GongbaoError
from gongbao.model import Document, ParsedIssue, Provision
from gongbao.parse.consistency import cover_conflicts
from gongbao.search.tokenize import dictionary_words, index_form, search_words, words
from gongbao.search.vocab import agency_tokens_in
from gongbao.serialize import plan_dict
from gongbao.registers.agencies import document_places
from gongbao.store.people import appointment_post_rows
from gongbao.store.records import IngestOutcome, PrintedMetadata, metadata_json, to_plain
from gongbao.store.schema import FTS_COLUMNS, PRINTED_LEVEL, TITLE_COLUMNS, pack_text, transaction, unpack_text
from gongbao.store.validity import (VALIDITY_INSERT, VALIDITY_LINKS_INSERT, names_of_issue,
                                     rebuild_status, validity_rows)

__all__ = ["PreparedIssue", "PreparedDocument", "prepare_issue", "prepare_parsed", "prepare_file",
           "prepare_in_parallel", "read_file", "write_issue", "fts_columns", "issue_identity",
           "index_document", "index_documents", "unindex_documents", "rebuild_index"]


@dataclass
class PreparedDocument:
    seq: int
    key: str  # what identifies the document within its issue across re-ingests
    preferred_id: str
    row: dict
    text_z: bytes  # the clean text, compressed here in the worker (store.schema.pack_text)
    text_size: int  # its UTF-8 bytes
    paragraphs: list[tuple]
    attachments: list[tuple]
    refs: list[tuple]
    appointments: list[tuple]
    tasks: list[tuple]
    fts: tuple[str, ...]
    digest: bytes  # index_digest(fts), what document_texts.indexed records
    posts: list[tuple] = field(default_factory=list)  # (seq, post key, agency key) per appointment
    plan: tuple | None = None  # (title, hazard, headquarters, office_at, card JSON) of an 应急预案
    validity: tuple = ()  # store.validity.validity_rows
    validity_links: list[tuple] = field(default_factory=list)
    issuers: tuple[str, ...] = ()  # every issuer of a joint document, the first (`issuer`) first
    # The index as its server stores it, when the writer's archive asked for it to be made where
    # the issue is prepared (`Archive.finish_prepared`; PostgreSQL: its two tsvectors, binary).
    index: tuple | None = None


@dataclass
class PreparedIssue:
    path: str
    key: str
    preferred_id: str
    sha256: str
    row: dict
    toc: list[tuple]
    warnings: list[tuple]
    corrections: list[tuple]
    documents: list[PreparedDocument] = field(default_factory=list)
    text_bytes: int = 0
    conflicts: list[str] = field(default_factory=list)  # where the cover disagrees with the text
    original: bytes | None = None  # the file's bytes, kept as this version's record
    # A PDF's pages: (page, first_line, last_line, kind, confidences as JSON or None).
    pages: list[tuple] = field(default_factory=list)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _slug(text: str) -> str:
    slug = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-.")  # never . or ..
    return slug or "issue"


def issue_identity(parsed: ParsedIssue) -> tuple[str, str]:
    """(key, preferred id) of the issue: gazette + year + number, else the file name."""
    iss = parsed.issue
    if iss.year and iss.number:
        return f"{iss.gazette or ''}|{iss.year}|{iss.number}", f"{iss.year}-{iss.number:02d}"
    stem = Path(parsed.source.path).stem
    return f"file|{stem}", _slug(stem)


@lru_cache(maxsize=1)
def _ocr_confusions() -> tuple[tuple[str, str], ...]:
    """(printed, suggested) pairs of ideographs from data/ocr_confusions.tsv, normalised."""
    pairs = []
    for row in read_table("ocr_confusions.tsv"):
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            pairs.append((index_form(row[0]), index_form(row[1])))
    return tuple(pairs)


def fts_columns(*, title: str | None, instrument_title: str | None, persons: list[str],
                issuer: str | None, signature: str | None, doc_number: str | None,
                text: str) -> tuple[str, ...]:
    """The values of the FTS columns (schema.FTS_COLUMNS) for one document: segmented text."""
    title_form = index_form("\n".join(t for t in (title, instrument_title) if t))
    title_words = search_words(title_form, prepared=True)
    # Titles are short: their words across segmentation boundaries (市政府 in 阳泉市政府) too.
    title_extra = sorted(dictionary_words(title_form, prepared=True) - set(title_words))
    names = [" ".join(words(n)) for n in [*persons, issuer, signature, doc_number] if n]
    body_form = index_form(text)
    body_words = search_words(body_form, prepared=True)
    # An agency named in any of its forms is findable by all of them (one token per agency);
    # a word the print garbled (孟县 for 盂县) is findable by its correct form too.
    extra = agency_tokens_in(title_form) | agency_tokens_in(body_form)
    for printed, suggested in _ocr_confusions():
        if printed in body_form or printed in title_form:
            extra.update(words(suggested, prepared=True))
    cols = (" ".join(title_words + title_extra), "\n".join(names), " ".join(body_words),
            " ".join(sorted(extra)))
    assert len(cols) == len(FTS_COLUMNS)
    return cols


def _lines_json(lines: tuple[int, ...], first: int, last: int) -> str | None:
    """The paragraph's source lines as a JSON array; None when they are just first..last."""
    if not lines or (len(lines) == last - first + 1 and lines[0] == first and lines[-1] == last):
        return None
    return "[" + ",".join(map(str, lines)) + "]"


def _outline(nodes: list[Provision]) -> list:
    return [[n.label, n.heading, n.line, n.level, _outline(n.children)] for n in nodes]


def _doc_key(doc_number: str | None, title: str | None, seq: int) -> str:
    if doc_number:
        return "n:" + doc_number
    if title:
        return "t:" + title
    return f"s:{seq}"


def _prepare_document(doc: Document, seq: int, issue: ParsedIssue, issue_pid: str) -> PreparedDocument:
    number = str(doc.doc_number) if doc.doc_number else None
    paragraphs = []
    parts = []
    pos = 0
    for i, p in enumerate(doc.paragraphs, 1):
        if i > 1:
            pos += 1  # the "\n" between paragraphs
        start, stop = pos, pos + len(p.text)
        parts.append(p.text)
        pos = stop
        paragraphs.append((i, p.kind, p.heading_level, start, stop, p.first_line, p.last_line,
                           _lines_json(p.lines, p.first_line, p.last_line),
                           json.dumps(list(p.cells), ensure_ascii=False) if p.cells else None))
    text = "\n".join(parts)
    year = (doc.signed.year if doc.signed else None) or (doc.doc_number.year if doc.doc_number else None) \
        or issue.issue.year
    when = doc.signed or issue.issue.published
    row = {
        "seq": seq, "start_line": doc.start_line, "end_line": doc.end_line,
        "title": doc.title, "title_line": doc.title_line,
        "doc_number": number, "doc_number_line": doc.doc_number_line,
        "dn_prefix": doc.doc_number.prefix if doc.doc_number else None,
        "dn_year": doc.doc_number.year if doc.doc_number else None,
        "dn_serial": doc.doc_number.serial if doc.doc_number else None,
        "issuer": doc.issuer, "addressees": json.dumps(list(doc.addressees), ensure_ascii=False),
        "signed": _iso(doc.signed), "signature": doc.signature, "section": doc.section,
        "publicity": doc.publicity, "genre": doc.genre, "page": doc.page,
        "instrument_title": doc.instrument_title, "year": year, "date": _iso(when),
        "outline": json.dumps(_outline(doc.outline), ensure_ascii=False),
        "metadata": metadata_json(PrintedMetadata(
            issuers=tuple(doc.issuers) if len(doc.issuers) > 1 else (), order_number=doc.order_number,
            registration=doc.registration, index_number=doc.index_number,
            filing_number=doc.filing_number, published=doc.published,
            printed_status=doc.printed_status)),
    }
    if number:
        n = doc.doc_number
        preferred = f"{n.prefix}{n.year}-{n.serial}"
    else:
        preferred = f"{issue_pid}-{seq}"
    persons = list(dict.fromkeys(a.person for a in doc.appointments))
    validity, validity_links = validity_rows(doc.validity, doc.title, doc.instrument_title)
    fts = fts_columns(title=doc.title, instrument_title=doc.instrument_title, persons=persons,
                      issuer=doc.issuer, signature=doc.signature, doc_number=number, text=text)
    return PreparedDocument(
        seq=seq, key=_doc_key(number, doc.title, seq), preferred_id=preferred, row=row,
        issuers=tuple(doc.issuers),
        text_z=pack_text(text), text_size=len(text.encode("utf-8")), paragraphs=paragraphs,
        attachments=[(i, a.title, a.status, a.line) for i, a in enumerate(doc.attachments, 1)],
        refs=[(i, r.kind, str(r.doc_number) if r.doc_number else None, r.title, r.line)
              for i, r in enumerate(doc.references, 1)],
        appointments=[(i, a.person, a.action, a.post, a.note, a.line)
                      for i, a in enumerate(doc.appointments, 1)],
        tasks=[(i, t.label, t.heading, t.text, json.dumps(list(t.responsible), ensure_ascii=False),
                json.dumps(list(t.lead), ensure_ascii=False), _iso(t.deadline), t.deadline_text,
                t.recurring, t.first_line, t.last_line, t.form, t.marker_line)
               for i, t in enumerate(doc.tasks, 1)],
        posts=appointment_post_rows(doc.appointments, document_places(doc.issuer, issue.issue.gazette)),
        fts=fts,
        digest=index_digest(fts),
        plan=(doc.plan.title, doc.plan.hazard, doc.plan.headquarters, doc.plan.office_at,
              json.dumps(plan_dict(doc.plan), ensure_ascii=False)) if doc.plan else None,
        validity=validity, validity_links=validity_links,
    )


def prepare_issue(parsed: ParsedIssue, *, sha256: str | None = None) -> PreparedIssue:
    """Everything to write for one issue, segmentation included; touches no database."""
    key, pid = issue_identity(parsed)
    src = parsed.source
    printed = "\n".join(src.lines)
    digest = sha256 or src.sha256 or hashlib.sha256(printed.encode("utf-8")).hexdigest()
    iss = parsed.issue
    row = {
        "gazette": iss.gazette, "year": iss.year, "number": iss.number,
        "cumulative": iss.cumulative, "published": _iso(iss.published), "editor": iss.editor,
        "layout": parsed.layout, "path": src.path, "sha256": digest, "encoding": src.encoding,
        "line_count": len(src.lines), "printed_z": zlib.compress(printed.encode("utf-8"), PRINTED_LEVEL),
        "printed_size": len(printed.encode("utf-8")),
    }
    prep = PreparedIssue(
        path=src.path, key=key, preferred_id=pid, sha256=digest, row=row,
        toc=[(i, t.title, str(t.doc_number) if t.doc_number else None, t.page, t.section, t.line)
             for i, t in enumerate(parsed.toc, 1)],
        warnings=[(i, w.line, w.code, w.message) for i, w in enumerate(parsed.warnings, 1)],
        corrections=[(i, c.line, c.printed, c.suggested, c.reason)
                     for i, c in enumerate(parsed.corrections, 1)],
        text_bytes=len(printed.encode("utf-8")),
        conflicts=cover_conflicts(parsed),
        pages=[(p.number, p.first_line, p.last_line, p.kind,
                json.dumps(list(p.confidence)) if p.confidence else None) for p in src.pages],
    )
    prep.documents = [_prepare_document(d, i, parsed, pid) for i, d in enumerate(parsed.documents, 1)]
    return prep


def prepare_parsed(parsed: ParsedIssue, *, sha256: str | None = None) -> PreparedIssue:
    """`prepare_issue`, refusing a text in which the parser found no document."""
    if not parsed.documents:
        raise GongbaoError(f"{parsed.source.path}: no documents found (is it a gazette issue?)")
    return prepare_issue(parsed, sha256=sha256)


def read_file(path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise GongbaoError(f"cannot read {path}: {e.strerror or e}") from None


def prepare_file(path: str, data: bytes, digest: str, *, ocr_cache=None) -> PreparedIssue:
    """Parse a gazette file's bytes and prepare the issue (GongbaoError if it is not one). The
    scanned pages of a PDF are read by OCR, each page's result kept in `ocr_cache` (a
    `text.ocr.OcrCache`; by default `text.ocr.default_cache()`), so a second try goes on where
    the first stopped."""
    from gongbao.pipeline import parse_bytes

    if ocr_cache is None and data[:1024].find(b"%PDF-") >= 0:
        from gongbao.text.ocr import default_cache

        ocr_cache = default_cache()
    return prepare_parsed(parse_bytes(data, path, ocr_cache=ocr_cache), sha256=digest)


# A parser bug on one file must not stop the others: these become a `failed` outcome too.
PARSE_ERRORS = (GongbaoError, ValueError, LookupError, TypeError, AttributeError, UnicodeError,
                RecursionError)


def _prepare_job(job: tuple, finish: Callable | None = None) -> PreparedIssue | str:
    """A worker's task: the prepared issue, or why the file failed (one line). A job may end
    with the folder of the OCR cache to use. `finish(prepared)`: what the archive that will
    write it adds in the worker (`Archive.finish_prepared`)."""
    _, path, data, digest, *cache = job
    try:
        if cache and cache[0] is not None:
            from gongbao.text.ocr import OcrCache

            prepared = prepare_file(path, data, digest, ocr_cache=OcrCache(cache[0]))
        else:
            prepared = prepare_file(path, data, digest)
        return finish(prepared) if finish else prepared
    except GongbaoError as e:
        return str(e)
    except PARSE_ERRORS as e:
        return f"could not parse: {type(e).__name__}: {e}"


def _ignore_sigint() -> None:  # pragma: no cover - runs in worker processes
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writing process's to handle


def prepare_in_parallel(jobs: list, workers: int | None = None,
                        task: Callable = _prepare_job) -> Iterator:
    """`task(job)` for each job, in order: in worker processes when there are several jobs (at
    most two jobs per worker ahead of the consumer, so memory stays bounded). `task` is by
    default a gazette file's (index, path, data, sha256) to its PreparedIssue or failure."""
    workers = min(os.cpu_count() or 1, 4) if workers is None else workers
    if workers <= 1 or len(jobs) < 2:
        yield from (task(job) for job in jobs)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context,
                             initializer=_ignore_sigint) as pool:
        pending: deque = deque()
        todo = iter(jobs)
        try:
            for job in itertools.islice(todo, 2 * workers):
                pending.append(pool.submit(task, job))
            while pending:
                result = pending.popleft().result()
                for job in itertools.islice(todo, 1):
                    pending.append(pool.submit(task, job))
                yield result
        finally:
            for future in pending:
                future.cancel()


def _free_id(conn: sqlite3.Connection, table: str, wanted: str, taken: set[str], suffix: str) -> str:
    """`wanted`, or `wanted` + suffix (+ -2, -3 …) if another row already has that id (a
    document of an earlier version keeps its id too)."""
    candidates = itertools.chain((wanted, f"{wanted}{suffix}"),
                                 (f"{wanted}{suffix}-{k}" for k in itertools.count(2)))
    tables = (table, "former_documents") if table == "documents" else (table,)
    for cand in candidates:
        if cand in taken:
            continue
        if not any(conn.execute(f"SELECT 1 FROM {t} WHERE id = ?", (cand,)).fetchone() for t in tables):
            return cand
    raise AssertionError("unreachable")  # pragma: no cover


def _occupied_ids(conn: sqlite3.Connection, wanted: list[str]) -> set[str]:
    """Those of `wanted` that a document or a former document already has as its id."""
    if not wanted:
        return set()
    sql = "SELECT id FROM {} WHERE id IN (SELECT value FROM json_each(?))"
    listed = json.dumps(sorted(set(wanted)), ensure_ascii=False)
    return {i for t in ("documents", "former_documents")
            for (i,) in conn.execute(sql.format(t), (listed,))}


# The tables of a document's rows (the document's rowid first), in the order they are written.
_DOC_ROWS = {
    "document_texts": "INSERT INTO document_texts (doc_rowid, text_z, size, indexed) VALUES (?, ?, ?, ?)",
    "paragraphs": "INSERT INTO paragraphs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "attachments": "INSERT INTO attachments VALUES (?, ?, ?, ?, ?)",
    "refs": "INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?)",
    "appointments": "INSERT INTO appointments VALUES (?, ?, ?, ?, ?, ?, ?)",
    "tasks": f"INSERT INTO tasks VALUES ({', '.join('?' * 14)})",
    "appointment_posts": "INSERT INTO appointment_posts VALUES (?, ?, ?, ?)",
    "plans": "INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?)",
    "validity": VALIDITY_INSERT,
    "validity_links": VALIDITY_LINKS_INSERT,
    "document_facets": "INSERT INTO document_facets VALUES (?, ?, ?, ?, ?, ?)",
    "document_issuers": "INSERT INTO document_issuers VALUES (?, ?, ?)",
}

_DOC_COLUMNS = ("id", "issue_rowid", "seq", "start_line", "end_line", "title", "title_line",
                "doc_number", "doc_number_line", "dn_prefix", "dn_year", "dn_serial", "issuer",
                "addressees", "signed", "signature", "section", "publicity", "genre", "page",
                "instrument_title", "year", "date", "outline", "metadata")
_ISSUE_COLUMNS = ("id", "key", "gazette", "year", "number", "cumulative", "published", "editor",
                  "layout", "path", "sha256", "encoding", "ingested_at", "line_count", "printed_z",
                  "printed_size", "version")
# How the bytes of every version are kept: zlib, level 6 (a gazette text shrinks to about a third).
BLOB_CODEC, BLOB_LEVEL = "zlib", 6
# A refusal lists at most this many of the documents a replacement would drop.
LISTED = 5


def keep_original(conn: sqlite3.Connection, sha256: str, data: bytes) -> None:
    """Store the bytes of a version whose bytes the archive lacks (ingested by an older gongbao)."""
    if conn.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha256,)).fetchone():
        return
    with transaction(conn):
        conn.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?, ?, ?)",
                     (sha256, len(data), BLOB_CODEC, zlib.compress(data, BLOB_LEVEL)))


def write_issue(conn: sqlite3.Connection, prep: PreparedIssue, *, replace: bool = False,
                reparse: str | None = None) -> IngestOutcome:
    """Insert one prepared issue, or make it the next version of its issue, in one transaction.
    `reparse` (a note): the same file parsed again, made the next version when what the parser
    derives from it changed (skipped when it did not)."""
    with transaction(conn):
        return _write(conn, prep, replace, reparse)


def derivation_changes(conn: sqlite3.Connection, issue_rowid: int, prep: PreparedIssue) -> list[str]:
    """What `prep` derives differently from the stored issue, as short phrases (none: the same):
    its cover, TOC, warnings and corrections, its number of documents, and each document's row,
    text, paragraphs, attachments, references, appointments, tasks, plan and validity, by its id
    (the full-text index and the registers follow from them)."""
    def stored(table: str, column: str, value: int) -> list[str]:  # each row without its owner
        return sorted(repr(tuple(r)[1:]) for r in conn.execute(
            f"SELECT * FROM {table} WHERE {column} = ?", (value,)).fetchall())

    def held(rows) -> list[str]:
        return sorted(repr(tuple(r)) for r in rows)

    changes = []
    cover = ("gazette", "year", "number", "cumulative", "published", "editor", "layout", "line_count")
    row = conn.execute(f"SELECT {', '.join(cover)} FROM issues WHERE rowid = ?", (issue_rowid,)).fetchone()
    if tuple(row) != tuple(prep.row[c] for c in cover):
        changes.append("the cover")
    for table, rows, name in (("toc_entries", prep.toc, "the TOC"), ("issue_warnings", prep.warnings, "the warnings"),
                              ("corrections", prep.corrections, "the corrections")):
        if stored(table, "issue_rowid", issue_rowid) != held(rows):
            changes.append(name)
    columns = [c for c in _DOC_COLUMNS if c not in ("id", "issue_rowid")]
    docs = conn.execute(f"SELECT rowid, id, {', '.join(columns)} FROM documents WHERE issue_rowid = ? "
                        "ORDER BY seq", (issue_rowid,)).fetchall()
    if len(docs) != len(prep.documents):
        return changes + [f"{len(prep.documents)} documents instead of {len(docs)}"]
    for (rowid, doc_id, *values), doc in zip(docs, prep.documents):
        moved = [c for c, v in zip(columns, values) if v != doc.row[c]]
        text = conn.execute("SELECT size, indexed FROM document_texts WHERE doc_rowid = ?", (rowid,)).fetchone()
        if text is None or tuple(text) != (doc.text_size, doc.digest):
            moved.append("text")
        for table, rows in (("paragraphs", doc.paragraphs), ("attachments", doc.attachments),
                            ("refs", doc.refs), ("appointments", doc.appointments), ("tasks", doc.tasks),
                            ("plans", [doc.plan] if doc.plan else []),
                            ("validity", [doc.validity] if doc.validity else []),
                            ("validity_links", doc.validity_links)):
            if stored(table, "doc_rowid", rowid) != held(rows):
                moved.append(table)
        if moved:
            changes.append(f"{doc_id} ({', '.join(moved)})")
    return changes


def _listed(phrases: list[str], sep: str = ", ", before_more: str = " ") -> str:
    """The first LISTED phrases, then how many more there are."""
    more = f"{before_more}and {len(phrases) - LISTED} more" if len(phrases) > LISTED else ""
    return sep.join(phrases[:LISTED]) + more


def _describe(docs: list[tuple]) -> str:
    return _listed([f"{doc_id} ({number or title or 'untitled'})" for _, doc_id, number, title, _ in docs])


def _write(conn: sqlite3.Connection, prep: PreparedIssue, replace: bool = False,
           reparse: str | None = None) -> IngestOutcome:
    existing = conn.execute("SELECT rowid, id, sha256, path, version FROM issues WHERE key = ?",
                            (prep.key,)).fetchone()
    if existing and reparse:
        changes = derivation_changes(conn, existing[0], prep)
        if not changes:
            return IngestOutcome(prep.path, "skipped", existing[1], len(prep.documents), prep.text_bytes,
                                 prep.sha256, "parsed again: the same as stored", existing[4])
        reparse = f"{reparse}: {_listed(changes, '; ', '; ')}"
    if existing and existing[2] == prep.sha256 and not reparse:
        return IngestOutcome(prep.path, "skipped", existing[1], 0, prep.text_bytes, prep.sha256,
                             "already in the archive, unchanged", existing[4])
    if not existing:
        same = conn.execute("SELECT id, path, version FROM issues WHERE sha256 = ?", (prep.sha256,)).fetchone()
        if same:
            return IngestOutcome(prep.path, "skipped", same[0], 0, prep.text_bytes, prep.sha256,
                                 f"same text as issue {same[0]} ({same[1]})", same[2])
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    stale = False  # the index could not be edited: rebuilt after the writes
    old_ids: dict[str, list[str]] = {}  # document key -> ids of the current version's documents
    former_ids: dict[str, str] = {}  # document key -> id of a document of an earlier version
    dropped: list[tuple] = []  # (key, id, number, title, rowid) of documents the new text drops
    note = ""
    old_numbers: set[str] = set()  # what the old text named: its statuses are re-derived too
    old_keys: set[str] = set()
    if existing:
        issue_rowid, issue_id, _, old_path, old_version = existing
        old_numbers, old_keys, _ = names_of_issue(conn, issue_rowid)
        version = old_version + 1
        wanted = Counter(d.key for d in prep.documents)
        for doc_number, title, seq, doc_id, rowid in conn.execute(
                "SELECT doc_number, title, seq, id, rowid FROM documents WHERE issue_rowid = ? "
                "ORDER BY seq", (issue_rowid,)).fetchall():
            key = _doc_key(doc_number, title, seq)
            old_ids.setdefault(key, []).append(doc_id)
            if wanted[key] > 0:
                wanted[key] -= 1
            else:
                dropped.append((key, doc_id, doc_number, title, rowid))
        if (dropped or prep.conflicts) and not replace:
            reasons = []
            if dropped:
                reasons.append(f"it would drop {len(dropped)} of the {sum(map(len, old_ids.values()))} "
                               f"documents of {issue_id}: {_describe(dropped)}")
            reasons.extend(prep.conflicts)
            return IngestOutcome(prep.path, "refused", issue_id, len(prep.documents), prep.text_bytes,
                                 prep.sha256, f"not made version {version} of {issue_id}, because "
                                 + "; ".join(reasons) + " (use --replace to make it the current "
                                 "version anyway: nothing is deleted)", old_version)
        former_ids = dict(conn.execute("SELECT key, id FROM former_documents WHERE issue_rowid = ?",
                                       (issue_rowid,)).fetchall())
        from gongbao.store.queries import document_record

        for key, doc_id, doc_number, title, rowid in dropped:
            record = to_plain(replace_fields(document_record(conn, rowid), current=False))
            conn.execute("INSERT OR REPLACE INTO former_documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (doc_id, issue_rowid, old_version, key, doc_number, title,
                          json.dumps(record, ensure_ascii=False)))
        stale = not unindex_documents(conn, [r for (r,) in conn.execute(
            "SELECT rowid FROM documents WHERE issue_rowid = ?", (issue_rowid,))])
        conn.execute("DELETE FROM documents WHERE issue_rowid = ?", (issue_rowid,))
        for table in ("toc_entries", "issue_warnings", "corrections", "issue_pages"):
            conn.execute(f"DELETE FROM {table} WHERE issue_rowid = ?", (issue_rowid,))
        values = {**prep.row, "id": issue_id, "key": prep.key, "ingested_at": now, "version": version}
        columns = [c for c in _ISSUE_COLUMNS if c not in ("id", "key")]
        conn.execute(f"UPDATE issues SET {', '.join(c + ' = ?' for c in columns)} WHERE rowid = ?",
                     [values[c] for c in columns] + [issue_rowid])
        note = reparse or f"replaced the earlier text of {issue_id} (version {old_version}, {old_path})"
        if dropped:
            note += (f", with --replace; {len(dropped)} documents only in earlier versions: "
                     f"{_describe(dropped)}")
        elif prep.conflicts:
            note += ", with --replace; " + "; ".join(prep.conflicts)
    else:
        version = 1
        issue_id = _free_id(conn, "issues", prep.preferred_id, set(),
                            "-" + hashlib.sha1(prep.key.encode()).hexdigest()[:6])
        values = {**prep.row, "id": issue_id, "key": prep.key, "ingested_at": now, "version": version}
        cur = conn.execute(
            f"INSERT INTO issues ({', '.join(_ISSUE_COLUMNS)}) VALUES ({', '.join('?' * len(_ISSUE_COLUMNS))})",
            [values[c] for c in _ISSUE_COLUMNS])
        issue_rowid = cur.lastrowid
    if prep.original is not None and hashlib.sha256(prep.original).hexdigest() == prep.sha256:
        conn.execute("INSERT OR IGNORE INTO blobs VALUES (?, ?, ?, ?)",
                     (prep.sha256, len(prep.original), BLOB_CODEC, zlib.compress(prep.original, BLOB_LEVEL)))
    conn.executemany("INSERT INTO toc_entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(issue_rowid, *t) for t in prep.toc])
    conn.executemany("INSERT INTO issue_warnings VALUES (?, ?, ?, ?, ?)",
                     [(issue_rowid, *w) for w in prep.warnings])
    conn.executemany("INSERT INTO corrections VALUES (?, ?, ?, ?, ?, ?)",
                     [(issue_rowid, *c) for c in prep.corrections])
    conn.executemany("INSERT INTO issue_pages VALUES (?, ?, ?, ?, ?, ?)",
                     [(issue_rowid, *p) for p in prep.pages])
    taken: set[str] = set()
    held: list[str] = []  # the ids of this version's documents, in order
    doc_sql = (f"INSERT INTO documents ({', '.join(_DOC_COLUMNS)}) "
               f"VALUES ({', '.join('?' * len(_DOC_COLUMNS))})")
    # The preferred ids some row already holds (one look-up for the issue, not two per document).
    occupied = _occupied_ids(conn, [doc.preferred_id for doc in prep.documents])
    # The rows of every document, written table by table once the documents are in (one
    # statement per table for the issue, not one per document: a server's round trips).
    rows: dict[str, list[tuple]] = {table: [] for table in _DOC_ROWS}
    indexed: list[tuple] = []
    for doc in prep.documents:
        ids = old_ids.get(doc.key)
        doc_id = ids.pop(0) if ids else former_ids.pop(doc.key, None)
        if doc_id is not None and doc_id not in taken:
            # A document of an earlier version printed again: current once more, same id.
            conn.execute("DELETE FROM former_documents WHERE id = ?", (doc_id,))
        if doc_id is None or doc_id in taken:
            if doc.preferred_id in occupied or doc.preferred_id in taken:
                doc_id = _free_id(conn, "documents", doc.preferred_id, taken, f"@{issue_id}")
            else:
                doc_id = doc.preferred_id
        taken.add(doc_id)
        held.append(doc_id)
        values = {**doc.row, "id": doc_id, "issue_rowid": issue_rowid}
        rowid = conn.execute(doc_sql, [values[c] for c in _DOC_COLUMNS]).lastrowid
        rows["document_texts"].append((rowid, doc.text_z, doc.text_size, doc.digest))
        rows["paragraphs"].extend((rowid, *p) for p in doc.paragraphs)
        rows["attachments"].extend((rowid, *a) for a in doc.attachments)
        rows["refs"].extend((rowid, *r) for r in doc.refs)
        rows["appointments"].extend((rowid, *a) for a in doc.appointments)
        rows["tasks"].extend((rowid, *t) for t in doc.tasks)
        rows["appointment_posts"].extend((rowid, *a) for a in doc.posts)
        if doc.plan:
            rows["plans"].append((rowid, *doc.plan))
        if doc.validity:
            rows["validity"].append((rowid, *doc.validity))
            rows["validity_links"].extend((rowid, *x) for x in doc.validity_links)
        rows["document_facets"].append((rowid, values["year"], values["genre"], values["issuer"],
                                        values["section"], values["date"]))
        rows["document_issuers"].extend((rowid, i, name) for i, name in enumerate(doc.issuers[1:], 1))
        if not stale:
            indexed.append((rowid, doc.fts, doc.index))
    for table, sql in _DOC_ROWS.items():
        conn.executemany(sql, rows[table])
    index_documents(conn, indexed)
    if stale:
        rebuild_index(conn)
    conn.execute("INSERT INTO issue_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (issue_rowid, version, prep.sha256, prep.path, prep.row["encoding"], now,
                  prep.row["line_count"], json.dumps(held, ensure_ascii=False), note))
    # Statuses across the archive: this issue may repeal an earlier one (or be repealed by a later
    # one already here); re-derived for every document that shares a name with it.
    numbers, keys, rowids = names_of_issue(conn, issue_rowid)
    rebuild_status(conn, (numbers | old_numbers, keys | old_keys), rowids)
    return IngestOutcome(prep.path, "replaced" if existing else "added", issue_id,
                         len(prep.documents), prep.text_bytes, prep.sha256, note, version)


# --- the full-text index ------------------------------------------------------------------------
# The indexes are contentless (schema 0016_one_copy): they hold tokens and column sizes, not the
# segmented text. Taking a document out needs the very values it was indexed with, which are
# derived again from the stored document; `document_texts.indexed` (a digest of the values
# indexed) tells whether the derivation still gives them. Editing a contentless index with other
# values would corrupt it, so when it does not, the whole index is rebuilt instead.

_FTS_INSERT = (f"INSERT INTO documents_fts (rowid, {', '.join(FTS_COLUMNS)}) "
               f"VALUES (?, {', '.join('?' * len(FTS_COLUMNS))})")
_TITLES_INSERT = (f"INSERT INTO documents_titles (rowid, {', '.join(TITLE_COLUMNS)}) "
                  f"VALUES (?, {', '.join('?' * len(TITLE_COLUMNS))})")
_FTS_DELETE = (f"INSERT INTO documents_fts (documents_fts, rowid, {', '.join(FTS_COLUMNS)}) "
               f"VALUES ('delete', ?, {', '.join('?' * len(FTS_COLUMNS))})")
_TITLES_DELETE = (f"INSERT INTO documents_titles (documents_titles, rowid, {', '.join(TITLE_COLUMNS)}) "
                  f"VALUES ('delete', ?, {', '.join('?' * len(TITLE_COLUMNS))})")


def index_digest(cols: tuple[str, ...]) -> bytes:
    """What identifies the values a document was indexed with (16 bytes)."""
    return hashlib.blake2b("\x00".join(cols).encode("utf-8"), digest_size=16).digest()


def index_document(conn: sqlite3.Connection, rowid: int, cols: tuple[str, ...]) -> None:
    """Add a document to both full-text indexes (the titles index takes the first columns)."""
    index_documents(conn, [(rowid, cols)])


def index_documents(conn: sqlite3.Connection, docs: list[tuple]) -> None:
    """Add documents to both full-text indexes: (rowid, index columns) each, perhaps followed by
    the index as a server stores it (`PreparedDocument.index`, None where not made)."""
    own = getattr(conn, "index_documents", None)
    if own is not None:  # a server that stores the index its own way (PostgreSQL: tsvectors)
        own(docs)
        return
    conn.executemany(_FTS_INSERT, [(doc[0], *doc[1]) for doc in docs])
    conn.executemany(_TITLES_INSERT, [(doc[0], *doc[1][:len(TITLE_COLUMNS)]) for doc in docs])


def stored_fts_columns(conn: sqlite3.Connection, rowids: list[int] | None = None) -> Iterator[tuple]:
    """(rowid, index columns, digest recorded when indexed) of the stored documents (all, or
    `rowids`), the columns derived from the document as `fts_columns` derives them at ingest."""
    sql = ("SELECT d.rowid, d.title, d.instrument_title, d.issuer, d.signature, d.doc_number, "
           "t.text_z, t.indexed FROM documents d JOIN document_texts t ON t.doc_rowid = d.rowid")
    if rowids is not None:
        sql += f" WHERE d.rowid IN ({','.join('?' * len(rowids))})"
    for rowid, title, instrument, issuer, signature, number, text, digest in \
            conn.execute(sql, rowids or []).fetchall():
        persons = [p for (p,) in conn.execute(
            "SELECT person FROM appointments WHERE doc_rowid = ? ORDER BY seq", (rowid,))]
        yield rowid, fts_columns(title=title, instrument_title=instrument,
                                 persons=list(dict.fromkeys(persons)), issuer=issuer,
                                 signature=signature, doc_number=number, text=unpack_text(text)), digest


def unindex_documents(conn: sqlite3.Connection, rowids: list[int]) -> bool:
    """Take documents out of both indexes before they are deleted. False, and nothing taken
    out, when one of them would not derive the values it was indexed with: the caller must then
    rebuild the index (`rebuild_index`) once the documents are deleted."""
    if not rowids:
        return True
    derived = list(stored_fts_columns(conn, rowids))
    if len(derived) != len(rowids) or any(index_digest(cols) != digest for _, cols, digest in derived):
        return False
    for rowid, cols, _ in derived:
        conn.execute(_FTS_DELETE, (rowid, *cols))
        conn.execute(_TITLES_DELETE, (rowid, *cols[:len(TITLE_COLUMNS)]))
    return True


def rebuild_index(conn: sqlite3.Connection) -> int:
    """Both full-text indexes made again from every stored document (inside the caller's
    transaction); returns the number of documents indexed."""
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
    conn.execute("INSERT INTO documents_titles (documents_titles) VALUES ('delete-all')")
    count = 0
    for batch in _batches(stored_fts_columns(conn), 500):
        index_documents(conn, [(rowid, cols) for rowid, cols, _ in batch])
        conn.executemany("UPDATE document_texts SET indexed = ? WHERE doc_rowid = ?",
                         [(index_digest(cols), rowid) for rowid, cols, _ in batch])
        count += len(batch)
    return count


def _batches(items, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(itertools.islice(items, size)):
        yield batch
