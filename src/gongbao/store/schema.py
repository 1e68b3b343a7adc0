"""The archive's schema, as migrations registered by name and applied in order, each in a transaction.

A migration is applied once: its name is recorded in `migrations`. An archive that has a migration
this gongbao does not know was written by a newer gongbao and is refused.

Tables (all line numbers are 1-based lines of the issue's printed text):
    meta             key/value: the tokenizer the index was built with
    issues           cover data, source file, content hash, and the printed text (zlib, since 0016)
    toc_entries      the table of contents as printed
    issue_warnings   what the parser could not resolve; corrections: suggested OCR fixes
    documents        metadata of each document (narrow rows: facets and filters read them)
    document_texts   the cleaned text of each document (zlib, since 0017) and its UTF-8 size
    paragraphs       paragraphs as offsets into the text, with their source lines
    attachments, refs (cites / repeals / amends), appointments, tasks
    documents_fts    the FTS5 index over jieba-segmented text; rowid = documents.rowid; contentless
                     since 0016: the segmented text is derived from document_texts, not stored
    documents_titles a small FTS5 index of titles and names only (ranks title matches fast)
    document_facets  year, genre, issuer, section, date of each document: filters and facets
    blobs            the bytes of every ingested file, zlib-compressed, by their sha256
    issue_versions   every text ingested of each issue (version 1, 2, ...), with its blob
    former_documents documents an earlier version held and the current one does not, each kept
                     as its full record (JSON) of that version, under its id
    issue_pages      a PDF issue's pages: the lines each printed, text layer or OCR (confidences)

Versions: `issues` and `documents` (and every table hanging off them) hold the *current*
version of each issue only, so whatever reads documents reads current documents without a
filter. Nothing is deleted by a new version: its file's bytes stay in `blobs`, its row in
`issue_versions`, and a document it no longer holds moves to `former_documents` (still found
by its id and 文号, marked as from an earlier version). Ids never change.
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from gongbao.store.records import ArchiveError

__all__ = ["MIGRATIONS", "migrate", "applied_migrations", "refuse_foreign", "transaction", "data_stamp",
           "FTS_COLUMNS", "TITLE_COLUMNS", "pack_text", "unpack_text"]


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[sqlite3.Connection], None]


MIGRATIONS: list[Migration] = []


def migration(name: str):
    """Register a migration; they run in the order registered."""

    def register(fn: Callable[[sqlite3.Connection], None]):
        if any(m.name == name for m in MIGRATIONS):
            raise ValueError(f"duplicate migration {name}")
        MIGRATIONS.append(Migration(name, fn))
        return fn

    return register


@contextmanager
def transaction(conn: sqlite3.Connection, *, immediate: bool = True):
    """BEGIN … COMMIT, or ROLLBACK on any exception (including KeyboardInterrupt)."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def data_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """What changes whenever the archive does, by this connection or another: PRAGMA
    data_version (a commit by another connection) and total_changes (a change by this one)."""
    return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
    if not exists:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def pending_migrations(conn: sqlite3.Connection) -> list[Migration]:
    done = applied_migrations(conn)
    unknown = [name for name in done if name not in {m.name for m in MIGRATIONS}]
    if unknown:
        raise ArchiveError(f"the archive was written by a newer gongbao (migration {unknown[0]}); "
                           "upgrade gongbao to use it")
    return [m for m in MIGRATIONS if m.name not in done]


def refuse_foreign(conn: sqlite3.Connection, path: str) -> None:
    """Raise ArchiveError if the database holds tables but is not a gongbao archive (another
    application's SQLite file): it must be left exactly as it is, not given our tables."""
    names = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'")}
    if not names:
        return  # an empty file: a new archive
    ours = "migrations" in names and conn.execute(
        "SELECT 1 FROM migrations WHERE name = ?", (MIGRATIONS[0].name,)).fetchone()
    if not ours:
        raise ArchiveError(f"{path} is an SQLite database of another application, not a gongbao "
                           "archive: left untouched (give another --db file)")


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration, each in its own transaction; return the names applied."""
    applied = []
    for m in pending_migrations(conn):
        with transaction(conn):
            conn.execute("CREATE TABLE IF NOT EXISTS migrations ("
                         "name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            # Re-check inside the write lock: another process may have applied it meanwhile.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)).fetchone():
                continue
            m.apply(conn)
            conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                         (m.name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
        applied.append(m.name)
    return applied


# The columns of the full-text index, in order; ranking weights refer to them by position.
#   title  the title (and the instrument's), segmented in search mode, plus every dictionary word
#          found in it (full mode: 市政府 in 阳泉市政府)
#   names  persons (appointments), issuer, signature, the document's own number, each segmented
#          on its own so that a name typed as a query segments the same way
#   body   the text, segmented in jieba's search mode (tokenize.search_words)
#   words  tokens the text should also be found by: one per agency named in it (its full name,
#          whatever name is printed: search.vocab.agency_token), OCR-corrected forms (盂县 for 孟县)
FTS_COLUMNS = ("title", "names", "body", "words")

# The columns of the small titles index (the first two of the full-text index, same content).
TITLE_COLUMNS = FTS_COLUMNS[:2]


@migration("0001_initial")
def _initial(conn: sqlite3.Connection) -> None:
    statements = [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE issues (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,          -- stable, e.g. 2020-06
            key TEXT NOT NULL UNIQUE,         -- identity of the gazette issue (gazette, year, number)
            gazette TEXT, year INTEGER, number INTEGER, cumulative INTEGER,
            published TEXT, editor TEXT,
            layout TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,
            encoding TEXT NOT NULL, ingested_at TEXT NOT NULL,
            line_count INTEGER NOT NULL,
            printed TEXT NOT NULL             -- the printed text, lines joined with \\n
        )""",
        "CREATE INDEX issues_sha256 ON issues (sha256)",
        """CREATE TABLE toc_entries (
            issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, title TEXT NOT NULL, doc_number TEXT, page INTEGER,
            section TEXT, line INTEGER NOT NULL,
            PRIMARY KEY (issue_rowid, seq)) WITHOUT ROWID""",
        """CREATE TABLE issue_warnings (
            issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, line INTEGER, code TEXT NOT NULL, message TEXT NOT NULL,
            PRIMARY KEY (issue_rowid, seq)) WITHOUT ROWID""",
        """CREATE TABLE corrections (
            issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, line INTEGER NOT NULL, printed TEXT NOT NULL,
            suggested TEXT NOT NULL, reason TEXT NOT NULL,
            PRIMARY KEY (issue_rowid, seq)) WITHOUT ROWID""",
        """CREATE TABLE documents (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            start_line INTEGER NOT NULL, end_line INTEGER NOT NULL,
            title TEXT, title_line INTEGER,
            doc_number TEXT, doc_number_line INTEGER,
            dn_prefix TEXT, dn_year INTEGER, dn_serial INTEGER,
            issuer TEXT, addressees TEXT NOT NULL,   -- JSON array
            signed TEXT, signature TEXT, section TEXT, publicity TEXT, genre TEXT,
            page INTEGER, instrument_title TEXT,
            year INTEGER, date TEXT,
            outline TEXT NOT NULL                    -- JSON tree
        )""",
        "CREATE INDEX documents_issue ON documents (issue_rowid, seq)",
        "CREATE INDEX documents_number ON documents (doc_number)",
        "CREATE INDEX documents_year_serial ON documents (dn_year, dn_serial)",
        "CREATE INDEX documents_date ON documents (date)",
        """CREATE TABLE document_texts (
            doc_rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
            text TEXT NOT NULL)""",
        """CREATE TABLE paragraphs (
            doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, kind TEXT NOT NULL, heading_level INTEGER,
            start INTEGER NOT NULL, stop INTEGER NOT NULL,  -- offsets into document_texts.text
            first_line INTEGER NOT NULL, last_line INTEGER NOT NULL,
            lines TEXT, cells TEXT,                          -- JSON arrays, NULL when empty
            PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""",
        """CREATE TABLE attachments (
            doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL, line INTEGER NOT NULL,
            PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""",
        """CREATE TABLE refs (
            doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, kind TEXT NOT NULL, doc_number TEXT, title TEXT,
            line INTEGER NOT NULL,
            PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""",
        "CREATE INDEX refs_number ON refs (doc_number)",
        """CREATE TABLE appointments (
            doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, person TEXT NOT NULL, action TEXT NOT NULL, post TEXT NOT NULL,
            note TEXT, line INTEGER NOT NULL,
            PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""",
        "CREATE INDEX appointments_person ON appointments (person)",
        """CREATE TABLE tasks (
            doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
            seq INTEGER NOT NULL, text TEXT NOT NULL, lead TEXT NOT NULL, support TEXT NOT NULL,
            deadline TEXT, line INTEGER NOT NULL,
            PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""",
        f"""CREATE VIRTUAL TABLE documents_fts USING fts5 (
            {", ".join(FTS_COLUMNS)}, tokenize = 'ascii', detail = full)""",
        # The index follows the documents: deleting a document (directly or by cascade from
        # its issue) deletes its index row.
        """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            DELETE FROM documents_fts WHERE rowid = old.rowid;
        END""",
    ]
    for sql in statements:
        conn.execute(sql)


@migration("0002_fts_vocab")
def _fts_vocab(conn: sqlite3.Connection) -> None:
    # How many documents hold each indexed token: the IDF of a query unit when ranking relaxed
    # matches by how much of the query they cover.
    conn.execute("CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab (documents_fts, 'row')")


@migration("0003_search_tables")
def _search_tables(conn: sqlite3.Connection) -> None:
    # Searching a large archive: facets and filters read a narrow table (one small row per
    # document) instead of `documents`; a small index of titles and names ranks the documents
    # that match in their title without reading the body index's long position lists.
    conn.execute("""CREATE TABLE document_facets (
        rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
        year INTEGER, genre TEXT, issuer TEXT, section TEXT, date TEXT)""")
    conn.execute("INSERT INTO document_facets SELECT rowid, year, genre, issuer, section, date "
                 "FROM documents")
    conn.execute(f"CREATE VIRTUAL TABLE documents_titles USING fts5 ({', '.join(TITLE_COLUMNS)}, "
                 "tokenize = 'ascii', detail = full)")
    conn.execute("""CREATE TRIGGER documents_titles_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_titles WHERE rowid = old.rowid;
    END""")
    # The titles index is filled by re-indexing, which opening the archive for writing does
    # when the recorded tokenizer is not the current one.
    conn.execute("DELETE FROM meta WHERE key = 'tokenizer'")


@migration("0004_versions")
def _versions(conn: sqlite3.Connection) -> None:
    # Every ingested file is a version of its issue; its bytes are kept, content-addressed.
    conn.execute("""CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, codec TEXT NOT NULL, data BLOB NOT NULL)""")
    conn.execute("""CREATE TABLE issue_versions (
        issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
        version INTEGER NOT NULL, sha256 TEXT NOT NULL, path TEXT NOT NULL, encoding TEXT NOT NULL,
        ingested_at TEXT NOT NULL, line_count INTEGER NOT NULL,
        documents TEXT NOT NULL,                 -- JSON array of the ids it holds
        note TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (issue_rowid, version)) WITHOUT ROWID""")
    conn.execute("""CREATE TABLE former_documents (
        id TEXT PRIMARY KEY,
        issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
        version INTEGER NOT NULL,                -- the last version that held it
        key TEXT NOT NULL, doc_number TEXT, title TEXT,
        record TEXT NOT NULL)                    -- JSON: the document's full record then""")
    conn.execute("CREATE INDEX former_documents_number ON former_documents (doc_number)")
    conn.execute("CREATE INDEX former_documents_issue ON former_documents (issue_rowid)")
    conn.execute("ALTER TABLE issues ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    # Issues already in the archive become version 1 (their bytes were not kept).
    conn.execute("""INSERT INTO issue_versions
        SELECT i.rowid, 1, i.sha256, i.path, i.encoding, i.ingested_at, i.line_count,
               (SELECT json_group_array(d.id) FROM documents d WHERE d.issue_rowid = i.rowid), ''
        FROM issues i""")


@migration("0010_posts")
def _posts(conn: sqlite3.Connection) -> None:
    # The people and posts register: each appointment's post and agency as one key whatever
    # the printed form (registers/postnames.py), so that a search for a post finds the
    # documents appointing to it.
    conn.execute("""CREATE TABLE appointment_posts (
        doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL, post_key TEXT NOT NULL, agency_key TEXT,
        PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""")
    conn.execute("CREATE INDEX appointment_posts_post ON appointment_posts (post_key)")
    conn.execute("CREATE INDEX appointment_posts_agency ON appointment_posts (agency_key)")
    from gongbao.store.people import rebuild_post_index

    rebuild_post_index(conn)


@migration("0012_tasks")
def _tasks(conn: sqlite3.Connection) -> None:
    # The task ledger: each task of a document with its agencies as printed (JSON lists, in
    # printed order, leads first), its deadline and its printed lines. Canonical agencies are
    # derived when read (registers/agencies.py), so a grown aliases file needs no re-ingest.
    # Existing archives had no tasks (the old table was always empty): re-ingest to fill it.
    conn.execute("DROP TABLE IF EXISTS tasks")
    conn.execute("""CREATE TABLE tasks (
        doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL, label TEXT, heading TEXT, text TEXT NOT NULL,
        responsible TEXT NOT NULL, lead TEXT NOT NULL,
        deadline TEXT, deadline_text TEXT, recurring TEXT,
        first_line INTEGER NOT NULL, last_line INTEGER NOT NULL,
        form TEXT NOT NULL, marker_line INTEGER NOT NULL,
        PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""")
    conn.execute("CREATE INDEX tasks_deadline ON tasks (deadline)")


def _printed_texts(conn: sqlite3.Connection, holding: str) -> list[tuple[int, str, str, str]]:
    """(rowid, path, sha256, printed text) of the issues whose text holds `holding`, whether the
    text is stored plain (before 0016_one_copy) or compressed (since)."""
    import zlib

    columns = {r[1] for r in conn.execute("PRAGMA table_info(issues)")}
    if "printed" in columns:
        return conn.execute("SELECT rowid, path, sha256, printed FROM issues WHERE instr(printed, ?)",
                            (holding,)).fetchall()
    rows = [(r, p, h, zlib.decompress(z).decode("utf-8")) for r, p, h, z in conn.execute(
        "SELECT rowid, path, sha256, printed_z FROM issues").fetchall()]
    return [row for row in rows if holding in row[3]]


@migration("0013_plans")
def _plans(conn: sqlite3.Connection) -> None:
    # Emergency-plan cards (extract/plans.py), one per document that is or issues an 应急预案:
    # a few columns to list and filter by, and the whole card as JSON (serialize.plan_dict).
    conn.execute("""CREATE TABLE plans (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
        title TEXT NOT NULL, hazard TEXT, headquarters TEXT, office_at TEXT,
        card TEXT NOT NULL)""")
    # Issues already in the archive: their printed text is parsed again (only those that mention
    # an 应急预案) and each card is given to the stored document that starts on the same line.
    import json

    from gongbao.model import SourceText
    from gongbao.pipeline import parse_source
    from gongbao.serialize import plan_dict

    for issue_rowid, path, sha256, printed in _printed_texts(conn, "应急预案"):
        parsed = parse_source(SourceText(path, sha256, "utf-8", tuple(printed.split("\n"))))
        for doc in parsed.documents:
            if doc.plan is None:
                continue
            row = conn.execute("SELECT rowid FROM documents WHERE issue_rowid = ? AND start_line = ?",
                               (issue_rowid, doc.start_line)).fetchone()
            if row:
                p = doc.plan
                conn.execute("INSERT OR REPLACE INTO plans VALUES (?, ?, ?, ?, ?, ?)",
                             (row[0], p.title, p.hazard, p.headquarters, p.office_at,
                              json.dumps(plan_dict(p), ensure_ascii=False)))


@migration("0010_validity")
def _validity(conn: sqlite3.Connection) -> None:
    # What each document says of its own validity (extract.validity), and the repeals and
    # amendments it declares; `validity_status` is derived across the archive after every ingest
    # (registers.validity): the first day in force, the last, and the day a repeal took effect.
    # title_key / instrument_key / links.title_key: titles normalised for matching
    # (extract.validity.title_key), indexed so that an ingest re-derives only what it touches.
    conn.execute("""CREATE TABLE validity (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
        effective TEXT, effective_text TEXT, effective_line INTEGER,
        expires TEXT, validity_text TEXT, validity_line INTEGER,
        title_key TEXT, instrument_key TEXT)""")
    conn.execute("CREATE INDEX validity_title_key ON validity (title_key)")
    conn.execute("CREATE INDEX validity_instrument_key ON validity (instrument_key)")
    conn.execute("""CREATE TABLE validity_links (
        doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL, kind TEXT NOT NULL, doc_number TEXT, title TEXT, title_key TEXT,
        line INTEGER NOT NULL, last_line INTEGER NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (doc_rowid, seq)) WITHOUT ROWID""")
    conn.execute("CREATE INDEX validity_links_number ON validity_links (doc_number)")
    conn.execute("CREATE INDEX validity_links_title_key ON validity_links (title_key)")
    conn.execute("""CREATE TABLE validity_status (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
        starts TEXT, expires TEXT, repealed_on TEXT)""")
    # An archive ingested before this migration has no validity facts until its issues are
    # ingested again; meanwhile its documents count as in force from the date signed.
    from gongbao.store.validity import rebuild_status

    rebuild_status(conn)


@migration("0014_vectors")
def _vectors(conn: sqlite3.Connection) -> None:
    # Dense retrieval (store/vectors.py): int8 chunk vectors stored by content, and which content
    # each current document has; filled by `gongbao embed`, never by ingest.
    from gongbao.store.vectors import create_tables

    create_tables(conn)


@migration("0015_pages")
def _pages(conn: sqlite3.Connection) -> None:
    # The pages of an issue read from a PDF (text/pdf.py), current version: which lines of the
    # printed text each page printed (so each page's text is issues.printed's lines first..last),
    # read from its text layer ("text"), by OCR ("ocr", with each line's confidence as a JSON
    # array) or "empty". A text file has none. The PDF itself is the version's blob.
    conn.execute("""CREATE TABLE issue_pages (
        issue_rowid INTEGER NOT NULL REFERENCES issues (rowid) ON DELETE CASCADE,
        page INTEGER NOT NULL, first_line INTEGER NOT NULL, last_line INTEGER NOT NULL,
        kind TEXT NOT NULL, confidence TEXT,
        PRIMARY KEY (issue_rowid, page)) WITHOUT ROWID""")
# How the printed text of an issue is kept since 0016 (issues.printed_z): it is read only for the
# "as printed" view, a few lines at a time, so it is stored compressed.
PRINTED_CODEC, PRINTED_LEVEL = "zlib", 6
# How a document's clean text is kept since 0017 (document_texts.text_z, its UTF-8 size beside it):
# read whole, for the hits shown and the document page, so a fast level (2.5x on gazette text).
TEXT_LEVEL = 3


def pack_text(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), TEXT_LEVEL)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


@migration("0016_one_copy")
def _one_copy(conn: sqlite3.Connection) -> None:
    # One copy of each text. The full-text indexes become contentless (content=''): they keep the
    # index and the column sizes BM25 needs, not a second copy of the segmented text, which is
    # derived from the stored document when needed (store.ingest.unindex_documents, to take a
    # document out of the index; document_texts.indexed holds a digest of what was indexed, so a
    # derivation that no longer gives the same tokens is noticed and the index rebuilt instead).
    # The printed text of each issue is compressed (PRINTED_CODEC), its size kept beside it.
    import zlib

    for name in ("documents_fts_delete", "documents_titles_delete"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DROP TABLE IF EXISTS documents_fts_vocab")
    conn.execute("DROP TABLE IF EXISTS documents_fts")
    conn.execute("DROP TABLE IF EXISTS documents_titles")
    conn.execute(f"CREATE VIRTUAL TABLE documents_fts USING fts5 ({', '.join(FTS_COLUMNS)}, "
                 "tokenize = 'ascii', detail = full, content = '')")
    conn.execute(f"CREATE VIRTUAL TABLE documents_titles USING fts5 ({', '.join(TITLE_COLUMNS)}, "
                 "tokenize = 'ascii', detail = full, content = '')")
    conn.execute("CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab (documents_fts, 'row')")
    conn.execute("ALTER TABLE document_texts ADD COLUMN indexed BLOB")
    conn.execute("ALTER TABLE issues ADD COLUMN printed_z BLOB")
    conn.execute("ALTER TABLE issues ADD COLUMN printed_size INTEGER NOT NULL DEFAULT 0")
    for rowid, printed in conn.execute("SELECT rowid, printed FROM issues").fetchall():
        data = printed.encode("utf-8")
        conn.execute("UPDATE issues SET printed_z = ?, printed_size = ? WHERE rowid = ?",
                     (zlib.compress(data, PRINTED_LEVEL), len(data), rowid))
    conn.execute("ALTER TABLE issues DROP COLUMN printed")
    # The new indexes are filled by re-indexing, which opening the archive for writing does when
    # no tokenizer is recorded.
    conn.execute("DELETE FROM meta WHERE key = 'tokenizer'")


@migration("0017_texts_compressed")
def _texts_compressed(conn: sqlite3.Connection) -> None:
    # The clean text of each document, compressed (TEXT_LEVEL): it was the largest table of an
    # archive (a third of the file), and it is only ever read whole.
    conn.execute("""CREATE TABLE document_texts_z (
        doc_rowid INTEGER PRIMARY KEY REFERENCES documents (rowid) ON DELETE CASCADE,
        text_z BLOB NOT NULL, size INTEGER NOT NULL, indexed BLOB)""")
    rows = conn.execute("SELECT doc_rowid, text, indexed FROM document_texts")
    while batch := rows.fetchmany(500):
        conn.executemany("INSERT INTO document_texts_z VALUES (?, ?, ?, ?)",
                         [(rowid, pack_text(text), len(text.encode("utf-8")), indexed)
                          for rowid, text, indexed in batch])
    conn.execute("DROP TABLE document_texts")
    conn.execute("ALTER TABLE document_texts_z RENAME TO document_texts")


@migration("0018_tasks_rowid")
def _tasks_rowid(conn: sqlite3.Connection) -> None:
    # The task ledger as an ordinary table: its rows (a task's sentence, half a kilobyte) are too
    # wide for a WITHOUT ROWID b-tree, which left a third of its pages empty.
    conn.execute("""CREATE TABLE tasks_new (
        doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL, label TEXT, heading TEXT, text TEXT NOT NULL,
        responsible TEXT NOT NULL, lead TEXT NOT NULL,
        deadline TEXT, deadline_text TEXT, recurring TEXT,
        first_line INTEGER NOT NULL, last_line INTEGER NOT NULL,
        form TEXT NOT NULL, marker_line INTEGER NOT NULL,
        PRIMARY KEY (doc_rowid, seq))""")
    conn.execute("INSERT INTO tasks_new SELECT * FROM tasks ORDER BY doc_rowid, seq")
    conn.execute("DROP TABLE tasks")
    conn.execute("ALTER TABLE tasks_new RENAME TO tasks")
    conn.execute("CREATE INDEX tasks_deadline ON tasks (deadline)")


@migration("0019_status_rederived")
def _status_rederived(conn: sqlite3.Connection) -> None:
    # The stored statuses derived again in full: before this, an ingest that found a document by
    # its title dropped an earlier issue's repeal of it by its 文号 (store/validity.rebuild_status).
    from gongbao.store.validity import rebuild_status

    rebuild_status(conn)


@migration("0020_document_metadata")
def _document_metadata(conn: sqlite3.Connection) -> None:
    # What a document prints beyond the main elements (records.PrintedMetadata: a joint
    # document's issuers, 令号, registration code, 索引号, 备案号, a database's 发布日期 and
    # 时效性), one JSON object, NULL for most documents. Documents ingested before keep none.
    conn.execute("ALTER TABLE documents ADD COLUMN metadata TEXT")


@migration("0021_joint_issuers")
def _joint_issuers(conn: sqlite3.Connection) -> None:
    # The issuers of a joint document after its first (the first is `documents.issuer`), so that
    # the issuer: filter finds a joint document by any of them (queries.filter_sql).
    conn.execute("""CREATE TABLE document_issuers (
        doc_rowid INTEGER NOT NULL REFERENCES documents (rowid) ON DELETE CASCADE,
        seq INTEGER NOT NULL, issuer TEXT NOT NULL, PRIMARY KEY (doc_rowid, seq))""")
    conn.execute("CREATE INDEX document_issuers_issuer ON document_issuers (issuer)")
    for row in joint_issuer_rows(conn):
        conn.execute("INSERT INTO document_issuers VALUES (?, ?, ?)", row)


def joint_issuer_rows(conn) -> list[tuple[int, int, str]]:
    """(doc_rowid, seq, issuer) of every issuer after the first of the joint documents whose
    printed metadata (0020) lists them: what 0021 fills `document_issuers` with."""
    import json

    rows = []
    for rowid, metadata in conn.execute("SELECT rowid, metadata FROM documents "
                                        "WHERE metadata IS NOT NULL").fetchall():
        issuers = json.loads(metadata).get("issuers") or []
        rows += [(rowid, i, name) for i, name in enumerate(issuers[1:], 1)]
    return rows


@migration("0022_post_keys_by_place")
def _post_keys_by_place(conn: sqlite3.Connection) -> None:
    # A post printed without its place is keyed by the place of its document's issuer when that
    # is not the gazette's home jurisdiction (registers/postnames.py): 市交通局局长 of a 东莞
    # document is 东莞市交通运输局局长, no longer the home city's post.
    from gongbao.store.people import rebuild_post_index

    rebuild_post_index(conn)
