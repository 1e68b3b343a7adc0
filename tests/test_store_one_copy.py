"""One copy of each text (migration 0016_one_copy): contentless full-text indexes kept right when
documents are replaced or removed, the printed text compressed, and older archives migrated."""

from __future__ import annotations

import shutil
import sqlite3
import zlib

import pytest

from conftest import SAMPLE_FILES, build_issue
from gongbao.store import Archive
from gongbao.store.schema import FTS_COLUMNS, TITLE_COLUMNS


def integrity(path) -> None:
    conn = sqlite3.connect(path)
    try:
        for table in ("documents_fts", "documents_titles"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def tables(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def make_old(path) -> None:
    """Turn an archive into the shape gongbao wrote before 0016_one_copy: indexes holding their
    own copy of the segmented text (filled), the printed text and the clean texts as plain TEXT."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for table, columns in (("documents_fts", FTS_COLUMNS), ("documents_titles", TITLE_COLUMNS)):
        conn.execute(f"DROP TABLE IF EXISTS {table}_vocab")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5 ({', '.join(columns)}, "
                     "tokenize = 'ascii', detail = full)")
        conn.execute(f"CREATE TRIGGER {table}_delete AFTER DELETE ON documents BEGIN "
                     f"DELETE FROM {table} WHERE rowid = old.rowid; END")
    conn.execute("CREATE VIRTUAL TABLE documents_fts_vocab USING fts5vocab (documents_fts, 'row')")
    from gongbao.store.ingest import stored_fts_columns

    for rowid, cols, _ in list(stored_fts_columns(conn)):
        conn.execute(f"INSERT INTO documents_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?)",
                     (rowid, *cols))
        conn.execute("INSERT INTO documents_titles (rowid, title, names) VALUES (?, ?, ?)",
                     (rowid, *cols[:2]))
    conn.execute("ALTER TABLE issues ADD COLUMN printed TEXT NOT NULL DEFAULT ''")
    for rowid, packed in conn.execute("SELECT rowid, printed_z FROM issues").fetchall():
        conn.execute("UPDATE issues SET printed = ? WHERE rowid = ?",
                     (zlib.decompress(packed).decode("utf-8"), rowid))
    for column in ("printed_z", "printed_size"):
        conn.execute(f"ALTER TABLE issues DROP COLUMN {column}")
    # and the clean texts plain, as before 0017_texts_compressed
    conn.execute("CREATE TABLE plain_texts (doc_rowid INTEGER PRIMARY KEY "
                 "REFERENCES documents (rowid) ON DELETE CASCADE, text TEXT NOT NULL)")
    for rowid, packed in conn.execute("SELECT doc_rowid, text_z FROM document_texts").fetchall():
        conn.execute("INSERT INTO plain_texts VALUES (?, ?)", (rowid, zlib.decompress(packed).decode("utf-8")))
    conn.execute("DROP TABLE document_texts")
    conn.execute("ALTER TABLE plain_texts RENAME TO document_texts")
    conn.execute("DELETE FROM migrations WHERE name IN ('0016_one_copy', '0017_texts_compressed')")
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("one-copy") / "samples.db"
    with Archive.open(path) as archive:
        archive.ingest_paths(SAMPLE_FILES[:2], workers=1)
    return path


def test_the_indexes_keep_no_copy_of_the_text(samples_db):
    names = tables(samples_db)
    assert "documents_fts_content" not in names and "documents_titles_content" not in names
    conn = sqlite3.connect(samples_db)
    stored, size = conn.execute("SELECT sum(length(printed_z)), sum(printed_size) FROM issues").fetchone()
    texts, text_size = conn.execute("SELECT sum(length(text_z)), sum(size) FROM document_texts").fetchone()
    conn.close()
    assert stored < size / 2 and texts < text_size / 2  # compressed
    integrity(samples_db)


def test_clean_texts_read_back_exactly_and_count_their_bytes(samples_db):
    from gongbao.pipeline import parse_file

    parsed = [parse_file(p) for p in SAMPLE_FILES[:2]]
    with Archive.open(samples_db, readonly=True) as archive:
        for doc in (d for issue in parsed for d in issue.documents[:6]):
            record = archive.document(str(doc.doc_number) if doc.doc_number else doc.title)
            assert [p.text for p in record.paragraphs] == [p.text for p in doc.paragraphs]
        text_bytes = archive.stats().text_bytes
    assert text_bytes == sum(len("\n".join(p.text for p in d.paragraphs).encode("utf-8"))
                             for issue in parsed for d in issue.documents)


def test_printed_lines_read_back_exactly(samples_db):
    with Archive.open(samples_db, readonly=True) as archive:
        issues = archive.issues()
        texts = {i.path.split("/")[-1]: [line.text for line in archive.printed_lines(i.id)] for i in issues}
        printed_bytes = archive.stats().printed_bytes
    for name, lines in texts.items():
        source = next(p for p in SAMPLE_FILES if p.name == name)
        assert lines == source.read_text(encoding="utf-8").splitlines()
    assert printed_bytes == sum(len("\n".join(lines).encode("utf-8")) for lines in texts.values())


def test_replaced_and_removed_documents_leave_the_index(tmp_path):
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(docs=[{"serial": 5, "paragraphs": ["旧的正文：防汛抗旱。"]},
                                                {"serial": 6, "paragraphs": ["林长制工作。"]}]))
        archive.ingest_parsed(build_issue(number=2, docs=[{"serial": 9, "paragraphs": ["河长制工作。"]}]))
        assert archive.search("防汛抗旱").total == 1
        archive.ingest_parsed(build_issue(docs=[{"serial": 5, "paragraphs": ["新的正文：森林防火。"]},
                                                {"serial": 6, "paragraphs": ["林长制工作。"]}]))
        assert archive.search("防汛抗旱").total == 0
        assert archive.search("森林防火").total == 1
        integrity(db)
        archive.remove_issue("2021-01")  # its documents have the highest rowids
        assert archive.search("林长制").total == 0 and archive.search("森林防火").total == 0
        assert archive.search("河长制").total == 1
        integrity(db)
        # A new issue takes the rowids the removed documents had: it is found by its own words only.
        archive.ingest_parsed(build_issue(number=3, docs=[{"serial": 11, "paragraphs": ["质量奖评审。"]},
                                                          {"serial": 12, "paragraphs": ["评审。"]}]))
        assert archive.search("林长制").total == 0 and archive.search("森林防火").total == 0
        assert [h.doc_number for h in archive.search("质量奖").hits] == ["测政发〔2021〕11号"]
        integrity(db)


def test_a_derivation_that_changed_rebuilds_the_index_instead_of_corrupting_it(tmp_path):
    db = tmp_path / "a.db"
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(docs=[{"serial": 5, "paragraphs": ["旧的正文：防汛抗旱。"]}]))
        archive.ingest_parsed(build_issue(number=2, docs=[{"serial": 9, "paragraphs": ["河长制工作。"]}]))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE document_texts SET indexed = X'00'")  # as if indexed by other data files
    conn.commit()
    conn.close()
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(docs=[{"serial": 5, "paragraphs": ["新的正文：森林防火。"]}]),
                              replace=True)
        assert archive.search("防汛抗旱").total == 0
        assert archive.search("森林防火").total == 1
        assert archive.search("河长制").total == 1
    integrity(db)


def test_an_older_archive_opened_for_writing_migrates_and_re_indexes(samples_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(samples_db, db)
    with Archive.open(samples_db, readonly=True) as archive:
        expected = [(h.id, h.snippet) for h in archive.search("重污染天气 应急预案", limit=5).hits]
        issue = archive.issues()[0].id
        printed = archive.printed_lines(issue, 1, 40)
    make_old(db)
    assert "documents_fts_content" in tables(db)
    with pytest.raises(Exception, match="open it once for writing"):
        Archive.open(db, readonly=True)
    with Archive.open(db) as archive:
        assert {"0016_one_copy", "0017_texts_compressed"} <= set(archive.stats().migrations)
        assert [(h.id, h.snippet) for h in archive.search("重污染天气 应急预案", limit=5).hits] == expected
        assert archive.printed_lines(issue, 1, 40) == printed
    assert "documents_fts_content" not in tables(db)
    integrity(db)
    with Archive.open(db) as archive:  # and the migrated index can be edited
        archive.remove_issue(issue)
        assert all(h.issue_id != issue for h in archive.search("通知", limit=50).hits)
    integrity(db)


@pytest.mark.parametrize("query", ["通知", "应急预案 year:2022", "安全生产 OR 消防", "任命 -试用期"])
def test_facets_are_the_same_counted_on_the_search_connection_or_in_a_thread(samples_db, query):
    results = []
    for thread in (False, True):
        with Archive.open(samples_db, readonly=True) as archive:
            archive.facet_thread = thread
            results.append(archive.search(query, limit=5))
    inline, threaded = results
    assert inline.total == threaded.total > 0
    assert inline.facets == threaded.facets
    assert [h.id for h in inline.hits] == [h.id for h in threaded.hits]
