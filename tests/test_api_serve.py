"""`gongbao serve` as a real process, and the server's search cache."""

from __future__ import annotations

import subprocess
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from _web_support import EXTRA_ISSUE, SAMPLES, XSS_ID, Server, build_web_archive, gongbao_command
from gongbao.api import create_app


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def web_db(request, tmp_path_factory):
    """The web archive on each backend (PostgreSQL: skipped when no server answers)."""
    db = request.getfixturevalue("pg_database")("serve") if request.param == "postgresql" else None
    return build_web_archive(tmp_path_factory.mktemp("serve"), db)


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_pages_and_api_and_prints_its_address(web_db, tmp_path, workers):
    log = tmp_path / "serve.log"
    server = Server(web_db, log=log, extra_args=["--workers", str(workers)])
    try:
        server.wait()
        home = httpx.get(server.url + "/")
        assert home.status_code == 200 and "政府公报档案" in home.text
        assert httpx.get(server.url + "/api/search", params={"q": "重污染天气"}).json()["total"] >= 5
        assert httpx.get(server.url + f"/api/documents/{quote(XSS_ID)}").status_code == 200
        assert httpx.get(server.url + "/static/style.css").status_code == 200
        assert "server" not in httpx.get(server.url + "/api/stats").headers  # no version banner
        r = httpx.post(server.url + "/api/issues", files={"file": ("x.txt", EXTRA_ISSUE.encode())})
        assert r.status_code == 403 and r.json()["error"]["code"] == "read-only"
    finally:
        server.stop()
    assert f"serving {web_db} at {server.url}/" in log.read_text()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_serve_with_a_token_accepts_uploads(tmp_path, backend, request):
    from gongbao.store import Archive

    db = request.getfixturevalue("pg_database")("upload") if backend == "postgresql" else tmp_path / "up.db"
    with Archive.open(db) as archive:
        archive.ingest_file(SAMPLES / "yangquan-gazette-2023-04.txt")
    server = Server(db, upload_token="letmein", log=tmp_path / "serve.log").wait()
    try:
        files = {"file": ("2021-01.txt", EXTRA_ISSUE.encode())}
        assert httpx.post(server.url + "/api/issues", files=files).status_code == 401
        r = httpx.post(server.url + "/api/issues", files=files, headers={"Authorization": "Bearer letmein"})
        assert r.status_code == 201 and r.json()["status"] == "added"
        assert httpx.get(server.url + "/api/stats").json()["issues"] == 2
    finally:
        server.stop()


def test_serve_refuses_a_missing_archive_in_one_line(tmp_path):
    done = subprocess.run([*gongbao_command(), "serve", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "no archive" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_help_names_every_option():
    done = subprocess.run([*gongbao_command(), "serve", "--help"], capture_output=True, text=True,
                          timeout=60, env={"COLUMNS": "200", "PATH": ""})
    assert done.returncode == 0
    for option in ("--host", "--port", "--db", "--upload-token", "--workers", "--search-cache"):
        assert option in done.stdout


def test_cli_default_cache_size_matches_the_server():
    from gongbao.api.access import SEARCH_CACHE_SIZE
    from gongbao.commands import serve

    assert serve.SEARCH_CACHE_SIZE == SEARCH_CACHE_SIZE


def test_search_cache_serves_repeats_and_follows_changes_to_the_archive(tmp_path):
    from gongbao.store import Archive

    db = tmp_path / "cache.db"
    with Archive.open(db) as archive:
        archive.ingest_file(SAMPLES / "yangquan-gazette-2023-04.txt")
    app = create_app(db)
    cache = app.state.pool.searches
    with TestClient(app) as c:
        assert c.get("/api/search", params={"q": '"网页安全"'}).json()["total"] == 0
        assert c.get("/api/search", params={"q": '"网页安全"'}).json()["total"] == 0
        assert (cache.hits, cache.misses) == (1, 1)
        # Another process (here: another connection) ingests an issue: the next search sees it.
        with Archive.open(db) as writer:
            assert writer.ingest_bytes(EXTRA_ISSUE.encode(), "extra.txt").status == "added"
        hits = c.get("/api/search", params={"q": '"网页安全"'}).json()["hits"]
        assert [h["id"] for h in hits] == [XSS_ID]
        assert cache.misses == 2
        page = c.get("/search", params={"q": '"网页安全"'})
        assert XSS_ID in page.text or quote(XSS_ID, safe="") in page.text


def test_search_cache_can_be_off(tmp_path):
    from gongbao.api.access import SearchCache

    calls = []
    cache = SearchCache(0)
    for _ in range(3):
        cache.get(("q",), (1,), lambda: calls.append(1) or "result")
    assert len(calls) == 3
    small = SearchCache(2)
    for key in ("a", "b", "c", "a"):
        small.get((key,), (1,), lambda key=key: calls.append(key) or key)
    assert calls[3:] == ["a", "b", "c", "a"]  # "a" was evicted by "c"
    assert small.get(("c",), (1,), lambda: "fresh") == "c"
    assert small.get(("c",), (2,), lambda: "fresh") == "fresh"  # the archive changed


def test_search_cache_is_bounded_in_bytes(archive):
    from gongbao.api.access import SearchCache, result_bytes

    big = archive.search("通知", limit=50)
    small = archive.search("林长制", limit=1)
    assert result_bytes(big) > 10 * result_bytes(small) > 0
    cache = SearchCache(100_000, max_bytes=int(result_bytes(big) * 2.5))
    for i in range(5):  # five large results: only two fit
        cache.get(("big", i), (1,), lambda: big)
    assert len(cache) == 2 and cache.bytes <= cache.max_bytes
    many = cache.max_bytes // result_bytes(small)
    for i in range(many):  # small ones push the large ones out, as many as fit
        cache.get(("small", i), (1,), lambda: small)
    assert cache.bytes <= cache.max_bytes and len(cache) == many
    calls = []
    cache.get(("big", 4), (1,), lambda: calls.append(1) or big)
    assert calls == [1]  # evicted: run again
