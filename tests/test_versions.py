"""Versions, never deletion; byte-exact originals (issue 8).

Before: ingesting a truncated text of an issue replaced it (29 documents became 12, exit 0) and
the removed documents and the old text were gone; a cover slip made one issue replace another;
the original was stored decoded (CRLF, a final newline lost) and nothing returned it.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import SAMPLES
from gongbao.api import create_app
from gongbao.cli import app
from gongbao.store import Archive, ArchiveError, NotFoundError

runner = CliRunner()
ISSUE_2020 = (SAMPLES / "yangquan-gazette-2020-06.txt").read_bytes()
ISSUE_2022 = (SAMPLES / "yangquan-gazette-2022-02.txt").read_bytes()
# A truncated download of the 2020-06 issue: its first 40 % of lines.
_LINES = ISSUE_2020.split(b"\n")
TRUNCATED = b"\n".join(_LINES[: len(_LINES) * 2 // 5])
# The 2022-02 issue with its cover misread as another issue (2020 第6期), as OCR can.
COVER_SLIP = ISSUE_2022.replace("2022 第2期".encode(), "2020 第6期".encode(), 1)


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def raw_lines(output: str) -> list[str]:
    """The printed lines of `show --raw` output, without their numbers (the header line left out)."""
    return [re.match(r" *\d+  (.*)\Z", ln, re.S)[1] for ln in output.split("\n")[1:-1]]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "v.db"
    with Archive.open(path) as archive:
        assert archive.ingest_bytes(ISSUE_2020, "yangquan-gazette-2020-06.txt").status == "added"
    return path


def test_a_truncated_text_is_refused_and_says_what_would_go(db, tmp_path):
    with Archive.open(db) as archive:
        before = [d.id for d in archive.issue("2020-06").document_list]
        outcome = archive.ingest_bytes(TRUNCATED, "cut.txt")
        assert outcome.status == "refused" and not outcome.ok
        assert "would drop 14 of the 29 documents" in outcome.message and "--replace" in outcome.message
        assert [d.id for d in archive.issue("2020-06").document_list] == before
        assert len(archive.versions("2020-06")) == 1
    cut = tmp_path / "cut.txt"
    cut.write_bytes(TRUNCATED)
    result = run("ingest", cut, "--db", db)
    assert result.exit_code == 1 and "refused" in result.output and "阳政办发2020-131" in result.output


def test_with_replace_every_earlier_document_is_still_shown(db, tmp_path):
    with Archive.open(db) as archive:
        before = {d.id: d for d in archive.issue("2020-06").document_list}
    cut = tmp_path / "cut.txt"
    cut.write_bytes(TRUNCATED)
    result = run("ingest", cut, "--replace", "--db", db)
    assert result.exit_code == 0 and "replaced" in result.output, result.output
    with Archive.open(db, readonly=True) as archive:
        current = {d.id for d in archive.issue("2020-06").document_list}
        assert len(current) == 15 and current < set(before)
        for doc_id, summary in before.items():
            doc = archive.document(doc_id)
            assert (doc.id, doc.doc_number, doc.title) == (summary.id, summary.doc_number, summary.title)
            assert doc.current == (doc_id in current) and doc.version == (2 if doc.current else 1)
            assert archive.document(summary.doc_number).id == doc_id  # by 文号 too
        gone = next(i for i in before if i not in current)
        versions = archive.versions("2020-06")
        assert [(v.version, v.current, len(v.documents)) for v in versions] == [(1, False, 29), (2, True, 15)]
        assert gone in versions[0].documents and gone in versions[1].note
        # Search and listings hold current documents only.
        assert archive.stats().documents == 15
    shown = run("show", gone, "--db", db)
    assert shown.exit_code == 0 and "earlier version" in shown.output
    raw = run("show", gone, "--raw", "--db", db)
    doc = Archive.open(db, readonly=True).document(gone)
    printed = ISSUE_2020.decode("utf-8").split("\n")[doc.start_line - 1: doc.end_line]
    assert raw_lines(raw.output) == printed
    with TestClient(create_app(db)) as client:
        body = client.get(f"/api/documents/{quote(gone)}").json()
        assert body["current"] is False and body["version"] == 1 and body["doc_number"] == doc.doc_number
        printed_json = client.get(f"/api/documents/{quote(gone)}/printed").json()
        assert [ln["text"] for ln in printed_json["lines"]] == printed
        page = client.get(f"/documents/{quote(gone)}").text
        assert "earlier-version" in page


def test_a_document_printed_again_is_current_again_under_its_id(db):
    with Archive.open(db) as archive:
        ids = [d.id for d in archive.issue("2020-06").document_list]
        archive.ingest_bytes(TRUNCATED, "cut.txt", replace=True)
        outcome = archive.ingest_bytes(ISSUE_2020 + b"\n", "whole-again.txt")
        assert outcome.status == "replaced" and outcome.version == 3
        assert [d.id for d in archive.issue("2020-06").document_list] == ids
        assert all(archive.document(i).current for i in ids)


def test_a_cover_slip_does_not_replace_another_issue(db):
    with Archive.open(db) as archive:
        outcome = archive.ingest_bytes(COVER_SLIP, "2022-02-misread.txt")
        assert outcome.status == "refused" and outcome.issue_id == "2020-06"
        assert "front matter also says 2022年第2期" in outcome.message
        assert "signed after 2020" in outcome.message
        assert archive.issue("2020-06").documents == 29


def test_a_cover_disagreeing_with_its_text_alone_is_refused(tmp_path):
    with Archive.open(tmp_path / "c.db") as archive:
        assert archive.ingest_bytes(COVER_SLIP, "misread.txt").status == "added"  # nothing to replace
        again = archive.ingest_bytes(COVER_SLIP + "\n附：勘误。\n".encode(), "misread-2.txt")
        assert again.status == "refused" and "would drop" not in again.message
        assert "published on 2022-04-30" in again.message
        assert archive.ingest_bytes(COVER_SLIP + b"\n", "misread-2.txt", replace=True).status == "replaced"


@pytest.mark.parametrize("form", ["crlf", "cr", "gb18030", "trailing spaces, no final newline"])
def test_source_gives_back_the_bytes_as_ingested(tmp_path, form):
    text = ISSUE_2022.decode("utf-8")
    if form == "crlf":
        data = text.replace("\n", "\r\n").encode("utf-8")
    elif form == "cr":
        data = text.replace("\n", "\r").encode("utf-8")
    elif form == "gb18030":
        data = text.replace("\n", "\r\n").encode("gb18030")
    else:
        data = "\n".join(line + "  \t " if k % 3 else line for k, line in enumerate(text.split("\n"))).rstrip("\n").encode()
    db = tmp_path / "s.db"
    path = tmp_path / "issue.txt"
    path.write_bytes(data)
    assert run("ingest", path, "--db", db).exit_code == 0
    with Archive.open(db, readonly=True) as archive:
        stored, version = archive.source("2022-02")
        assert stored == data and version.sha256 == sha(data) == archive.issue("2022-02").sha256
    out = tmp_path / "out.txt"
    assert run("source", "2022-02", "--output", out, "--db", db).exit_code == 0
    assert sha(out.read_bytes()) == sha(data)
    with TestClient(create_app(db)) as client:
        r = client.get("/api/issues/2022-02/source")
        assert r.status_code == 200 and sha(r.content) == sha(data) == r.headers["x-content-sha256"]
        versions = client.get("/api/issues/2022-02/versions").json()["versions"]
        assert [(v["version"], v["current"], v["sha256"]) for v in versions] == [(1, True, sha(data))]
        assert versions[0]["source_url"] == "/api/issues/2022-02/source?version=1"
    # The printed lines (show --raw, the printed view) are the file's lines, verbatim.
    lines = data.decode("gb18030" if form == "gb18030" else "utf-8").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    doc = Archive.open(db, readonly=True).document("阳政办发〔2022〕16号")
    raw = run("show", doc.id, "--raw", "--db", db)
    assert raw_lines(raw.output) == lines[doc.start_line - 1: doc.end_line]


def test_raw_lines_keep_brackets_tabs_and_trailing_spaces(tmp_path):
    text = ISSUE_2022.decode("utf-8").replace("\n阳政办发〔2022〕16号", "\n阳政办发[2022]16号\t ")
    db = tmp_path / "b.db"
    with Archive.open(db) as archive:
        archive.ingest_bytes(text.encode(), "b.txt")
        doc = archive.document("阳政办发〔2022〕16号")
    raw = run("show", doc.id, "--raw", "--db", db)
    assert "阳政办发[2022]16号\t \n" in raw.output


def test_damaged_stored_bytes_are_an_error_never_wrong_bytes(db):
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE blobs SET data = zeroblob(10)")
    conn.close()
    with Archive.open(db, readonly=True) as archive, pytest.raises(ArchiveError, match="damaged"):
        archive.source("2020-06")
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        r = client.get("/api/issues/2020-06/source")
        assert r.status_code == 503 and r.json()["error"]["code"] == "unavailable"


def test_history_lists_versions_and_a_parsed_value_keeps_no_bytes(db):
    result = run("history", "2020-06", "--db", db)
    assert result.exit_code == 0 and "version 1" in result.output and sha(ISSUE_2020) in result.output
    with Archive.open(db, readonly=True) as archive, pytest.raises(NotFoundError, match="version 2"):
        archive.source("2020-06", 2)
    assert run("history", "1999-01", "--db", db).exit_code == 2


def test_an_upload_dropping_documents_is_409_unless_replace(db):
    app = create_app(db, upload_token="t")
    auth = {"Authorization": "Bearer t"}
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/issues", files={"file": ("cut.txt", TRUNCATED)}, headers=auth)
        assert r.status_code == 409 and r.json()["error"]["code"] == "refused"
        assert "replace=true" in r.json()["error"]["message"]
        assert client.get("/api/issues/2020-06").json()["version"] == 1
        r = client.post("/api/issues?replace=true", files={"file": ("cut.txt", TRUNCATED)}, headers=auth)
        assert r.status_code == 201 and r.json()["status"] == "replaced" and r.json()["version"] == 2
        versions = client.get("/api/issues/2020-06/versions").json()["versions"]
        assert [v["current"] for v in versions] == [False, True]
        assert sha(client.get(versions[0]["source_url"]).content) == sha(ISSUE_2020)
        for doc in versions[0]["documents"]:
            assert client.get(doc["url"]).status_code == 200


def test_the_issue_page_lists_its_versions(db):
    with Archive.open(db) as archive:
        archive.ingest_bytes(TRUNCATED, "cut.txt", replace=True)
    with TestClient(create_app(db)) as client:
        page = client.get("/issues/2020-06").text
        assert "第 1 版" in page and "第 2 版（现行）" in page
        assert 'href="/api/issues/2020-06/source?version=1"' in page


# --- reparse: the kept files parsed again by a newer gongbao ------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_archive(request, tmp_path):
    """An empty archive on each backend (PostgreSQL: a database of its own, skipped without a server)."""
    if request.param == "sqlite":
        return tmp_path / "r.db"
    return request.getfixturevalue("pg_database")(f"reparse_{tmp_path.name[-20:]}")


def _as_an_older_parser_left_it(archive):
    """Ingest 2020-06 with its file kept but two facts an older parser did not read: every
    publicity note, and one document's title."""
    from gongbao.store.ingest import prepare_file

    prepared = prepare_file("yangquan-gazette-2020-06.txt", ISSUE_2020, sha(ISSUE_2020))
    prepared.original = ISSUE_2020
    for doc in prepared.documents:
        doc.row["publicity"] = None
    prepared.documents[16].row["title"] = None
    assert archive.ingest_prepared(prepared).status == "added"
    return [d.id for d in archive.issue("2020-06").document_list]


def test_reparse_makes_a_changed_result_the_next_version_and_skips_the_same(fresh_archive):
    with Archive.open(fresh_archive) as archive:
        ids = _as_an_older_parser_left_it(archive)
        assert archive.document(ids[16]).title is None
        [outcome] = archive.reparse()
        assert (outcome.status, outcome.version) == ("replaced", 2) and "re-parsed" in outcome.message
        # what moved, document by document (the first five, then how many more)
        assert f"{ids[0]} (publicity)" in outcome.message and "and 24 more" in outcome.message
        # the same documents, under the same ids, with what this parser reads
        assert [d.id for d in archive.issue("2020-06").document_list] == ids
        assert archive.document(ids[16]).title == "阳泉市人民政府办公室关于印发阳泉市重污染天气应急预案的通知"
        assert archive.search("重污染天气应急预案").hits[0].id == ids[16]
        assert all(d.publicity for d in archive.issue("2020-06").document_list if d.doc_number)
        # both versions are the one file; the first is kept as it was read
        v1, v2 = archive.versions("2020-06")
        assert v1.sha256 == v2.sha256 == sha(ISSUE_2020) and v2.current and "re-parsed" in v2.note
        assert archive.source("2020-06", 1)[0] == archive.source("2020-06", 2)[0] == ISSUE_2020
        # parsed again, it is the same: nothing new
        [again] = archive.reparse(["2020-06"])
        assert again.status == "skipped" and "the same" in again.message
        assert len(archive.versions("2020-06")) == 2
        with pytest.raises(NotFoundError):
            archive.reparse(["2099-01"])


def test_reparse_of_an_issue_whose_file_was_not_kept_says_so(tmp_path):
    from gongbao.pipeline import parse_bytes

    with Archive.open(tmp_path / "p.db") as archive:
        archive.ingest_parsed(parse_bytes(ISSUE_2022, "yangquan-gazette-2022-02.txt"))
        [outcome] = archive.reparse()
        assert outcome.status == "skipped" and "not kept" in outcome.message
    result = run("reparse", "--db", tmp_path / "p.db")
    assert result.exit_code == 0 and "not kept" in result.output
    result = run("reparse", "2099-01", "--db", tmp_path / "p.db")
    assert result.exit_code == 2 and "Traceback" not in result.output
    # no archive there: an error, and none is made
    result = run("reparse", "--db", tmp_path / "none.db")
    assert result.exit_code == 2 and "no archive" in result.output and not (tmp_path / "none.db").exists()
