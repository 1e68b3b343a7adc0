"""Ingest: one transaction per issue, idempotent, replacing, and never half-written."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLES, build_issue
from gongbao.docnumber import DocNumber
from gongbao.errors import GongbaoError
from gongbao.store import Archive, ArchiveError, gazette_files
import gongbao.store.ingest as ingest_module

SRC = Path(__file__).resolve().parent.parent / "src"


def dump(path) -> list[str]:
    """Every row of every table (FTS shadow tables included), as SQL."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path):
    return tmp_path / "a.db"


def test_add_then_same_issue_again_is_a_no_op(db):
    issue = build_issue(docs=[{"paragraphs": ["关于安全生产的要求。"]}, {}])
    with Archive.open(db) as archive:
        first = archive.ingest_parsed(issue)
        before = dump(db)
        again = archive.ingest_parsed(issue)
    assert (first.status, first.issue_id, first.documents) == ("added", "2021-01", 2)
    assert again.status == "skipped" and again.issue_id == "2021-01"
    assert dump(db) == before


def test_changed_text_of_the_same_issue_replaces_it_and_keeps_document_ids(db):
    old = build_issue(docs=[{"serial": 5, "paragraphs": ["旧的正文：防汛。"]}, {"serial": 6}])
    new = build_issue(docs=[{"serial": 6}, {"serial": 5, "paragraphs": ["新的正文：抗旱。"]},
                            {"serial": 7}])
    with Archive.open(db) as archive:
        archive.ingest_parsed(old)
        ids = {d.doc_number: d.id for d in archive.issue("2021-01").document_list}
        outcome = archive.ingest_parsed(new)
        assert outcome.status == "replaced" and "replaced the earlier text" in outcome.message
        issue = archive.issue("2021-01")
        assert len(archive.issues()) == 1 and len(issue.document_list) == 3
        for doc in issue.document_list:
            if doc.doc_number in ids:
                assert doc.id == ids[doc.doc_number]
        assert archive.search("防汛").total == 0
        assert archive.search("抗旱").hits[0].id == ids["测政发〔2021〕5号"]


def test_same_text_under_another_file_name_is_skipped(db, tmp_path):
    copy = tmp_path / "copy-of-2023-04.txt"
    copy.write_bytes((SAMPLES / "yangquan-gazette-2023-04.txt").read_bytes())
    with Archive.open(db) as archive:
        archive.ingest_file(SAMPLES / "yangquan-gazette-2023-04.txt")
        outcome = archive.ingest_file(copy)
    assert outcome.status == "skipped" and "same text as issue 2023-04" in outcome.message


def test_a_bad_file_is_reported_and_the_others_go_in(db, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 100)
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "README.md").write_text("# not a gazette\n", encoding="utf-8")
    (folder / "c.txt").write_bytes((SAMPLES / "yangquan-gazette-2023-04.txt").read_bytes())
    with Archive.open(db) as archive:
        outcomes = archive.ingest_paths([folder])
        assert [Path(o.path).name for o in outcomes] == ["a-binary.txt", "b-empty.txt", "c.txt"]
        assert [o.status for o in outcomes] == ["failed", "failed", "added"]
        assert all(o.message for o in outcomes[:2])
        assert archive.stats().documents == 7


def test_a_text_with_no_documents_is_refused(db):
    with Archive.open(db) as archive, pytest.raises(GongbaoError, match="no documents"):
        archive.ingest_parsed(build_issue(docs=[]))


def test_gazette_files_takes_folders_and_files_and_refuses_missing_paths(tmp_path):
    files = gazette_files([SAMPLES, SAMPLES / "yangquan-gazette-2020-06.txt"])
    assert [f.name for f in files] == sorted(p.name for p in SAMPLES.glob("*.txt"))
    with pytest.raises(GongbaoError, match="no such file"):
        gazette_files([tmp_path / "missing"])


@pytest.mark.parametrize("exc", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_an_exception_in_the_middle_leaves_the_archive_as_it_was(db, monkeypatch, exc):
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(number=1, docs=[{}, {}]))
        before = dump(db)
        calls = []
        real = ingest_module._free_id

        def failing(*args, **kwargs):
            calls.append(1)
            if len(calls) == 3:  # two documents of the new issue are in when it fails
                raise exc
            return real(*args, **kwargs)

        monkeypatch.setattr(ingest_module, "_free_id", failing)
        with pytest.raises(type(exc)):
            archive.ingest_parsed(build_issue(number=2, docs=[{}, {}, {}, {}]))
        assert len(calls) == 3
        assert dump(db) == before
        monkeypatch.setattr(ingest_module, "_free_id", real)
        # The connection is usable afterwards: the next ingest goes in.
        assert archive.ingest_parsed(build_issue(number=2, docs=[{}, {}])).status == "added"


KILLER = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {src!r})
    from gongbao.store import Archive
    archive = Archive.open(sys.argv[1])
    seen = []
    def trace(sql):
        if sql.startswith("INSERT INTO paragraphs"):
            seen.append(sql)
            if len(seen) == int(sys.argv[3]):
                os.kill(os.getpid(), signal.SIGKILL)
    archive._conn.set_trace_callback(trace)
    archive.ingest_file(sys.argv[2])
    print("not killed")
""")


def kill_midway(db, file, after: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILLER.format(src=str(SRC)), str(db), str(file),
                           str(after)], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_an_ingest_killed_midway_leaves_the_archive_exactly_as_before(db, tmp_path):
    with Archive.open(db) as archive:
        archive.ingest_file(SAMPLES / "yangquan-gazette-2023-04.txt")
    before = dump(db)

    # A new issue, killed after 10 of its documents' paragraph inserts.
    run = kill_midway(db, SAMPLES / "yangquan-gazette-2020-06.txt", 10)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert integrity(db) == "ok"
    assert dump(db) == before

    # A changed text of an issue already in: killed after the old one was deleted.
    changed = tmp_path / "yangquan-gazette-2023-04.txt"
    changed.write_text((SAMPLES / "yangquan-gazette-2023-04.txt").read_text(encoding="utf-8")
                       .replace("货运源头", "货运源头源头"), encoding="utf-8")
    run = kill_midway(db, changed, 3)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert integrity(db) == "ok"
    assert dump(db) == before

    # And the archive works on: the replacement goes in when not killed.
    with Archive.open(db) as archive:
        assert archive.ingest_file(changed).status == "replaced"
        assert archive.search('"货运源头源头"').total == 1


def test_schema_is_migrated_once_and_recorded(db):
    from gongbao.store.schema import MIGRATIONS

    every = tuple(m.name for m in MIGRATIONS)
    assert every[:3] == ("0001_initial", "0002_fts_vocab", "0003_search_tables") and {"0010_posts", "0012_tasks", "0013_plans"} <= set(every)
    with Archive.open(db) as archive:
        assert archive.stats().migrations == every
    with Archive.open(db) as archive:  # re-opening applies nothing again
        assert archive.stats().migrations == every
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_an_archive_from_a_newer_gongbao_is_refused(db):
    Archive.open(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO migrations VALUES ('9999_future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="newer gongbao"):
        Archive.open(db)


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ArchiveError, match="cannot use"):
        Archive.open(bad)
    with pytest.raises(ArchiveError, match="no archive"):
        Archive.open(tmp_path / "missing.db", readonly=True)


def test_read_only_archive_refuses_writes(archive):
    with pytest.raises(ArchiveError, match="read-only"):
        archive.ingest_parsed(build_issue())


def test_a_changed_tokenizer_re_indexes_on_open(db, monkeypatch):
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(docs=[{"paragraphs": ["推进林长制工作。"]}]))
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = 'old-tokenizer' WHERE key = 'tokenizer'")
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('delete-all')")
    conn.commit()
    conn.close()
    with pytest.raises(ArchiveError, match="re-index"):
        Archive.open(db, readonly=True)
    with Archive.open(db) as archive:
        assert archive.search("林长制").total == 1


def test_documents_without_a_number_get_ids_from_the_issue(db):
    issue = build_issue(docs=[{"serial": None, "title": "测试市人民政府公告"}, {"serial": 3}])
    with Archive.open(db) as archive:
        archive.ingest_parsed(issue)
        ids = [d.id for d in archive.issue("2021-01").document_list]
    assert ids == ["2021-01-1", "测政发2021-3"]


def test_the_same_number_twice_gets_distinct_ids(db):
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(number=1, docs=[{"serial": 9}]))
        archive.ingest_parsed(build_issue(number=2, docs=[{"serial": 9, "title": "重印的通知"}]))
        ids = sorted(d.id for d in archive.documents().documents)
    assert ids == ["测政发2021-9", "测政发2021-9@2021-02"]


def test_issue_without_cover_number_is_keyed_by_file_name(db):
    issue = build_issue(path="/x/some-gazette-2024-03.txt")
    issue.issue = type(issue.issue)(gazette=None, year=None, number=None)
    with Archive.open(db) as archive:
        assert archive.ingest_parsed(issue).issue_id == "some-gazette-2024-03"


def test_signed_date_year_and_doc_number_are_stored_canonically(db):
    issue = build_issue(docs=[{"serial": 12, "signed": date(2020, 12, 30)}])
    with Archive.open(db) as archive:
        archive.ingest_parsed(issue)
        doc = archive.document("测政发（2021）12号")
    assert doc.doc_number == str(DocNumber("测政发", 2021, 12)) == "测政发〔2021〕12号"
    assert doc.signed == date(2020, 12, 30) and doc.year == 2020


def test_facets_follow_what_is_ingested_while_the_archive_is_open(db):
    with Archive.open(db) as archive:
        archive.ingest_parsed(build_issue(year=2021, docs=[{"paragraphs": ["防汛工作。"]}]))
        assert archive.search("防汛").facets.as_dict()["year"] == {"2021": 1}
        archive.ingest_parsed(build_issue(year=2022, docs=[{"paragraphs": ["防汛工作。"]}] * 2))
        result = archive.search("防汛")
        assert result.total == 3 and result.facets.as_dict()["year"] == {"2022": 2, "2021": 1}
        archive.remove_issue("2022-01")
        assert archive.search("防汛").facets.as_dict()["year"] == {"2021": 1}
