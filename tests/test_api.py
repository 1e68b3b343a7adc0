"""The REST API over the sample archive (plus one synthetic issue): every endpoint, with good and
bad parameters, checked against what the samples really hold."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from _web_support import CITING_ID, DOC_132, DOC_132_ID, XSS_ID, build_web_archive
from gongbao.api import create_app
from gongbao.errors import GongbaoError


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def web_db(request, tmp_path_factory):
    """The web archive on each backend (PostgreSQL: skipped when no server answers)."""
    db = request.getfixturevalue("pg_database")("api") if request.param == "postgresql" else None
    return build_web_archive(tmp_path_factory.mktemp("api"), db)


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        yield c


BASE = "http://testserver"  # the TestClient's host: every url in an answer is absolute


def ok(response):
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"]["status"] == status and body["error"]["code"] == code, body
    return body["error"]["message"]


# --- search ---------------------------------------------------------------------------------------

def test_search_ranks_hits_with_snippets_and_facets(client):
    body = ok(client.get("/api/search", params={"q": "重污染天气"}))
    assert body["query"] == "重污染天气"
    assert body["total"] >= 5 and len(body["hits"]) == min(body["total"], 20)
    top = body["hits"][0]
    assert "重污染天气" in top["title"]
    assert "<mark>" in top["snippet"] and "重污染天气" in top["snippet"]
    assert top["url"] == f"{BASE}/api/documents/{quote(top['id'], safe='')}"
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)
    # Facets count the whole result, not just this page.
    assert sum(body["facets"]["year"].values()) == body["total"]
    assert set(body["facets"]) == {"year", "genre", "issuer", "section"}


def test_search_by_document_number_puts_it_first(client):
    for typed in ("阳政办发2020 132", "阳政办发[2020]132号", DOC_132):
        hits = ok(client.get("/api/search", params={"q": typed}))["hits"]
        assert hits[0]["doc_number"] == DOC_132 and hits[0]["match"] == "doc_number", typed
        assert hits[0]["signed"] == "2020-12-09"


def test_search_filters_as_parameters_and_in_the_query(client):
    by_param = ok(client.get("/api/search", params={"q": "应急预案", "year": 2022}))
    in_query = ok(client.get("/api/search", params={"q": "应急预案 year:2022"}))
    assert by_param["total"] == in_query["total"] > 0
    assert {h["year"] for h in by_param["hits"]} == {2022}
    both = ok(client.get("/api/search", params=[("q", "应急预案"), ("year", "2020"), ("year", "2022")]))
    assert set(both["facets"]["year"]) == {"2020", "2022"}
    dated = ok(client.get("/api/search", params={"q": "应急预案", "from": "2022-03", "to": "2022-03-31"}))
    assert dated["total"] > 0
    assert all("2022-03-01" <= h["signed"] <= "2022-03-31" for h in dated["hits"])
    appointments = ok(client.get("/api/search", params={"q": "任命", "section": "人事任免"}))
    assert appointments["total"] > 0 and set(appointments["facets"]["section"]) == {"人事任免"}


def test_search_with_filters_only_lists_documents(client):
    body = ok(client.get("/api/search", params={"genre": "意见"}))
    assert body["total"] == 4 and {h["genre"] for h in body["hits"]} == {"意见"}


def test_search_paginates(client):
    first = ok(client.get("/api/search", params={"q": "通知", "limit": 5}))
    second = ok(client.get("/api/search", params={"q": "通知", "limit": 5, "offset": 5}))
    assert first["total"] == second["total"] > 10
    assert len(first["hits"]) == len(second["hits"]) == 5
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}
    assert second["offset"] == 5 and second["limit"] == 5


@pytest.mark.parametrize("params, code, needle", [
    ({"q": "x", "limit": 0}, "bad-parameter", "limit"),
    ({"q": "x", "limit": 101}, "bad-parameter", "limit"),
    ({"q": "x", "limit": "ten"}, "bad-parameter", "limit"),
    ({"q": "x", "offset": -1}, "bad-parameter", "offset"),
    ({"q": "x", "offset": 10_001}, "bad-parameter", "offset"),
    ({"q": "x", "year": "abc"}, "bad-parameter", "year"),
    ({"q": "x", "year": 1066}, "bad-parameter", "year"),
    ({"q": "x", "from": "yesterday"}, "bad-parameter", "from"),
    ({"q": "x", "to": "2021-13-01"}, "bad-parameter", "to"),
    ({"q": "x", "from": "2022-01-01", "to": "2021-01-01"}, "bad-parameter", "after"),
    ({"q": "x" * 501}, "bad-parameter", "q"),
    ({"q": "x", "genre": "通" * 201}, "bad-parameter", "genre"),
    ({"q": "year:abc"}, "bad-query", "year"),
    ({"q": ""}, "bad-query", "empty"),
    ({}, "bad-query", "empty"),
])
def test_search_rejects_bad_parameters(client, params, code, needle):
    message = error(client.get("/api/search", params=params), 400, code)
    assert needle in message


def test_search_survives_odd_queries(client):
    for q in ('"unbalanced', "OR OR -", "-阳泉", "（）【】", "a\x00b", "*", "NEAR(", "'; DROP TABLE documents; --"):
        r = client.get("/api/search", params={"q": q})
        assert r.status_code in (200, 400), (q, r.text)


# --- documents ------------------------------------------------------------------------------------

def test_documents_lists_newest_first_with_filters(client, web_db):
    body = ok(client.get("/api/documents"))
    assert body["total"] == 78 and len(body["documents"]) == 20  # 76 samples + 2 synthetic
    dates = [d["date"] for d in body["documents"]]
    assert dates == sorted(dates, reverse=True)
    assert ok(client.get("/api/documents", params={"genre": "意见"}))["total"] == 4
    assert ok(client.get("/api/documents", params={"section": "人事任免", "limit": 100}))["total"] == 14
    year_2023 = ok(client.get("/api/documents", params={"year": 2023, "limit": 100}))
    assert year_2023["total"] == 7 and {d["year"] for d in year_2023["documents"]} == {2023}
    page = ok(client.get("/api/documents", params={"limit": 3, "offset": 75}))
    assert len(page["documents"]) == 3


def test_documents_rejects_bad_parameters(client):
    error(client.get("/api/documents", params={"limit": 500}), 400, "bad-parameter")
    error(client.get("/api/documents", params={"from": "2021-02-30"}), 400, "bad-parameter")


def test_document_has_everything(client):
    doc = ok(client.get(f"/api/documents/{quote(DOC_132_ID)}"))
    assert doc["id"] == DOC_132_ID and doc["doc_number"] == DOC_132
    assert doc["title"] == "阳泉市人民政府办公室关于印发阳泉市重污染天气应急预案的通知"
    assert doc["issuer"] == "阳泉市人民政府办公室" and doc["genre"] == "通知"
    assert doc["signed"] == "2020-12-09" and doc["section"] == "市政府办公室文件"
    assert doc["publicity"] == "此件公开发布" and doc["page"] == 39
    assert doc["issue"]["id"] == "2020-06" and doc["issue"]["web_url"] == f"{BASE}/issues/2020-06"
    assert "path" not in doc["issue"] and doc["issue"]["source_file"] == "yangquan-gazette-2020-06.txt"
    assert doc["outline"][0]["label"] == "1" and doc["outline"][0]["heading"] == "总则"
    assert "《阳泉市重污染天气应急预案》已经市人民政府同意" in doc["text"]
    assert doc["paragraphs"][0]["first_line"] == doc["start_line"]
    assert len(doc["attachments"]) == 11 and {a["status"] for a in doc["attachments"]} == {"omitted"}
    assert "阳政办发〔2019〕92号" in [r["doc_number"] for r in doc["references"]]
    # Cited by the synthetic issue's document, with a link to it.
    assert [(c["kind"], c["source"]["id"]) for c in doc["cited_by"]] == [("cites", CITING_ID)]
    assert doc["cited_by"][0]["source"]["url"] == f"{BASE}/api/documents/{quote(CITING_ID, safe='')}"


def test_references_link_to_documents_in_the_archive(client):
    doc = ok(client.get(f"/api/documents/{quote(CITING_ID)}"))
    linked = [r for r in doc["references"] if r["target_id"]]
    assert [(r["doc_number"], r["target_id"]) for r in linked] == [(DOC_132, DOC_132_ID)]
    assert linked[0]["url"] == f"{BASE}/api/documents/{quote(DOC_132_ID, safe='')}"


@pytest.mark.parametrize("ref", [DOC_132, "阳政办发2020 132", "阳政办发[2020]132号", "阳政办发（2020）132号"])
def test_document_by_document_number(client, ref):
    assert ok(client.get(f"/api/documents/{quote(ref, safe='')}"))["id"] == DOC_132_ID


def test_unknown_document_is_404(client):
    assert "阳政发〔2099〕1号" in error(client.get(f"/api/documents/{quote('阳政发〔2099〕1号')}"), 404, "not-found")
    error(client.get("/api/documents/no-such-id"), 404, "not-found")
    error(client.get("/api/documents/no-such-id/printed"), 404, "not-found")


def test_printed_lines_and_corrections(client):
    body = ok(client.get(f"/api/documents/{quote(DOC_132_ID)}/printed"))
    assert body["first_line"] == 1772 and body["last_line"] == 2324
    numbers = [ln["number"] for ln in body["lines"]]
    assert numbers == list(range(1772, 2325))
    assert body["lines"][0]["text"].startswith("## 阳泉市人民政府办公室")
    # The one OCR slip inside this document: 孟县 printed where 盂县 is meant, line 1870.
    assert [(c["line"], c["printed"], c["suggested"]) for c in body["corrections"]] == [(1870, "孟县", "盂县")]
    assert "孟县" in body["lines"][1870 - 1772]["text"]


# --- issues and stats -----------------------------------------------------------------------------

def test_issues(client):
    issues = ok(client.get("/api/issues"))["issues"]
    assert {i["id"] for i in issues} == {"2020-06", "2022-02", "2023-04", "2024-03", "2021-01"}
    i2020 = next(i for i in issues if i["id"] == "2020-06")
    assert i2020["label"] == "阳泉市人民政府公报 2020年第6期" and i2020["documents"] == 29
    assert i2020["published"] == "2020-12-31" and i2020["cumulative"] == 6
    assert "path" not in i2020 and i2020["url"] == f"{BASE}/api/issues/2020-06"


def test_issue_has_cover_and_linked_toc(client):
    issue = ok(client.get("/api/issues/2020-06"))
    assert issue["gazette"] == "阳泉市人民政府公报" and issue["year"] == 2020 and issue["number"] == 6
    assert issue["editor"] == "阳泉市人民政府办公室"
    first = issue["toc"][0]
    assert first["doc_number"] == "阳政发〔2020〕10号" and first["section"] == "政府文件" and first["page"] == 1
    assert first["document_id"] == "阳政发2020-10" and first["web_url"] == f"{BASE}/documents/%E9%98%B3%E6%94%BF%E5%8F%912020-10"
    linked = [e for e in issue["toc"] if e["document_id"]]
    assert len(linked) >= 25
    for entry in linked[:5]:
        target = ok(client.get(entry["url"]))
        assert target["doc_number"] == entry["doc_number"]
    assert len(issue["document_list"]) == 29
    assert {"line", "code", "message"} <= set(issue["warnings"][0])


def test_issue_without_cover(client):
    issue = ok(client.get("/api/issues/2024-03"))
    assert issue["published"] is None and issue["toc"] == [] and len(issue["document_list"]) == 9


def test_unknown_issue_is_404(client):
    error(client.get("/api/issues/1999-01"), 404, "not-found")


def test_stats(client, web_db):
    stats = ok(client.get("/api/stats"))
    assert stats["issues"] == 5 and stats["documents"] == 78
    assert stats["facets"]["section"]["人事任免"] == 14
    # The file's name; a PostgreSQL archive's database name (never its host or user).
    name = web_db.rpartition("/")[2] if isinstance(web_db, str) else "web.db"
    assert stats["archive_file"] == name and "path" not in stats


# --- OpenAPI --------------------------------------------------------------------------------------

def test_openapi_and_docs(client):
    spec = ok(client.get("/openapi.json"))
    paths = spec["paths"]
    for path in ("/api/search", "/api/documents", "/api/documents/{ref}", "/api/documents/{ref}/printed",
                 "/api/issues", "/api/issues/{issue_id}", "/api/stats"):
        assert "get" in paths[path], path
    upload = paths["/api/issues"]["post"]
    assert "file" in upload["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
    assert {"201", "400", "401", "403", "413"} <= set(upload["responses"])
    assert not any(p == "/" or p.startswith("/search") for p in paths)  # the web pages are not API
    params = {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    assert {"q", "limit", "offset", "year", "genre", "issuer", "section", "from", "to"} <= params
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


# --- read-only, and uploads with a token -----------------------------------------------------------

SAMPLE_2023 = "yangquan-gazette-2023-04.txt"


def test_api_is_read_only_without_a_token(client):
    from _web_support import SAMPLES

    data = (SAMPLES / SAMPLE_2023).read_bytes()
    message = error(client.post("/api/issues", files={"file": (SAMPLE_2023, data)}), 403, "read-only")
    assert "upload-token" in message
    # Nothing else accepts writes either.
    error(client.delete(f"/api/documents/{quote(DOC_132_ID)}"), 405, "method-not-allowed")
    error(client.put("/api/issues/2020-06"), 405, "method-not-allowed")


def test_upload_requires_the_token_and_ingests(tmp_path):
    from _web_support import EXTRA_ISSUE, SAMPLES

    from gongbao.store import Archive

    db = tmp_path / "up.db"
    with Archive.open(db) as archive:
        archive.ingest_file(SAMPLES / "yangquan-gazette-2024-03.txt")
    app = create_app(db, upload_token="s3cret")
    data = EXTRA_ISSUE.encode("utf-8")
    with TestClient(app, raise_server_exceptions=False) as c:
        files = {"file": ("issue-2021-01.txt", data, "text/plain")}
        error(c.post("/api/issues", files=files), 401, "unauthorized")
        r = c.post("/api/issues", files=files, headers={"Authorization": "Bearer wrong"})
        error(r, 401, "unauthorized")
        assert r.headers["www-authenticate"] == "Bearer"
        r = c.post("/api/issues", files=files, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201, r.text
        assert r.json()["status"] == "added" and r.json()["issue_id"] == "2021-01" and r.json()["documents"] == 2
        assert r.json()["path"] == "issue-2021-01.txt"
        # Readers see the new issue at once; sending it again changes nothing.
        assert ok(c.get("/api/stats"))["issues"] == 2
        assert ok(c.get(f"/api/documents/{quote(XSS_ID)}"))["signed"] == "2021-01-04"
        again = c.post("/api/issues", files=files, headers={"Authorization": "Bearer s3cret"})
        assert again.status_code == 200 and again.json()["status"] == "skipped"  # nothing created
        # Not a gazette text: refused with a reason, the archive untouched.
        for name, junk in (("empty.txt", b""), ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)):
            bad = c.post("/api/issues", files={"file": (name, junk)}, headers={"Authorization": "Bearer s3cret"})
            assert name in error(bad, 400, "bad-input")
        error(c.post("/api/issues", headers={"Authorization": "Bearer s3cret"}), 400, "bad-parameter")
        assert ok(c.get("/api/stats"))["issues"] == 2


def test_upload_size_is_capped(tmp_path):
    from gongbao.store import Archive

    db = tmp_path / "cap.db"
    Archive.open(db).close()
    with TestClient(create_app(db, upload_token="t", max_upload_bytes=1000), raise_server_exceptions=False) as c:
        r = c.post("/api/issues", files={"file": ("big.txt", "公".encode() * 400)},
                   headers={"Authorization": "Bearer t"})
        assert "1,000 bytes" in error(r, 413, "too-large")
        # Refused from its declared length, before the body is read.
        r = c.post("/api/issues", files={"file": ("big.txt", b"x" * 200_000)},
                   headers={"Authorization": "Bearer t"})
        error(r, 413, "too-large")
        # A body that is not multipart at all.
        r = c.post("/api/issues", content=b"just bytes", headers={"Authorization": "Bearer t",
                                                                   "Content-Type": "text/plain"})
        assert "file" in error(r, 400, "bad-parameter")
        assert ok(c.get("/api/stats"))["issues"] == 0


def _written_state(web_db):
    """What a write would change: the file's time and head; a PostgreSQL archive's generation."""
    if isinstance(web_db, str):
        from gongbao.store import Archive

        with Archive.open(web_db, readonly=True) as archive:
            return archive.generation()
    return web_db.stat().st_mtime_ns, web_db.read_bytes()[:4096]


def test_serving_never_writes_the_archive(web_db, client):
    before = _written_state(web_db)
    for url in ("/api/search?q=应急", "/api/documents", f"/api/documents/{quote(DOC_132_ID)}", "/api/issues",
                "/api/issues/2020-06", "/api/stats", "/", "/search?q=预案"):
        assert client.get(url).status_code == 200
    assert _written_state(web_db) == before


def test_other_sites_may_read_the_api_but_not_write(client):
    r = client.get("/api/stats", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options("/api/issues", headers={"Origin": "https://example.org",
                                                  "Access-Control-Request-Method": "POST"})
    assert "POST" not in pre.headers.get("access-control-allow-methods", "")


def test_create_app_refuses_a_missing_archive(tmp_path):
    with pytest.raises(GongbaoError, match="no archive"):
        create_app(tmp_path / "missing.db")
