"""One JSON error shape for the whole API, on every error path, never a stack trace.

Every entry of `ERROR_PATHS` is a request that must fail; each is checked for the exact shape
{"error": {"status", "code", "message"}}. The test also checks that every code of the catalogue
(`gongbao.api.errors.CODES`) is produced by some path, so the catalogue cannot drift.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from _web_support import DOC_132_ID, SAMPLES, build_web_archive
from gongbao.api import CODES, create_app
from gongbao.store import ArchiveError

AUTH = {"Authorization": "Bearer token-1"}
SAMPLE = (SAMPLES / "yangquan-gazette-2023-04.txt").read_bytes()
# The first half of an issue the archive holds: a new version that would drop documents.
TRUNCATED = b"\n".join((SAMPLES / "yangquan-gazette-2020-06.txt").read_bytes().split(b"\n")[:1500])

# (label, method, url, request keyword arguments, app to use, expected status, expected code)
ERROR_PATHS = [
    ("limit too large", "GET", "/api/search?q=x&limit=1000", {}, "ro", 400, "bad-parameter"),
    ("limit not a number", "GET", "/api/documents?limit=lots", {}, "ro", 400, "bad-parameter"),
    ("negative offset", "GET", "/api/documents?offset=-5", {}, "ro", 400, "bad-parameter"),
    ("year not a number", "GET", "/api/documents?year=MMXX", {}, "ro", 400, "bad-parameter"),
    ("unreadable date", "GET", "/api/search?q=x&from=31/31/2020", {}, "ro", 400, "bad-parameter"),
    ("dates reversed", "GET", "/api/documents?from=2022&to=2021", {}, "ro", 400, "bad-parameter"),
    ("query too long", "GET", "/api/search?q=" + "长" * 600, {}, "ro", 400, "bad-parameter"),
    ("bad filter in query", "GET", "/api/search?q=year:soon", {}, "ro", 400, "bad-query"),
    ("empty query", "GET", "/api/search", {}, "ro", 400, "bad-query"),
    ("unknown document id", "GET", "/api/documents/nothing-here", {}, "ro", 404, "not-found"),
    ("unknown document number", "GET", "/api/documents/" + quote("阳政发〔2099〕1号"), {}, "ro", 404, "not-found"),
    ("unknown printed document", "GET", "/api/documents/nothing/printed", {}, "ro", 404, "not-found"),
    ("unknown issue", "GET", "/api/issues/1900-01", {}, "ro", 404, "not-found"),
    ("unknown API path", "GET", "/api/nowhere", {}, "ro", 404, "not-found"),
    ("API root", "GET", "/api", {}, "ro", 404, "not-found"),
    ("method not allowed", "DELETE", f"/api/documents/{quote(DOC_132_ID)}", {}, "ro", 405, "method-not-allowed"),
    ("post to search", "POST", "/api/search", {}, "ro", 405, "method-not-allowed"),
    ("upload when read-only", "POST", "/api/issues", {"files": {"file": ("a.txt", SAMPLE)}}, "ro", 403, "read-only"),
    ("upload without token", "POST", "/api/issues", {"files": {"file": ("a.txt", SAMPLE)}}, "rw", 401, "unauthorized"),
    ("upload with wrong token", "POST", "/api/issues",
     {"files": {"file": ("a.txt", SAMPLE)}, "headers": {"Authorization": "Bearer nope"}}, "rw", 401, "unauthorized"),
    ("upload not a bearer", "POST", "/api/issues",
     {"files": {"file": ("a.txt", SAMPLE)}, "headers": {"Authorization": "Basic dXNlcjpwdw=="}}, "rw", 401, "unauthorized"),
    ("upload of binary", "POST", "/api/issues",
     {"files": {"file": ("x.bin", bytes(range(256)) * 40)}, "headers": AUTH}, "rw", 400, "bad-input"),
    ("upload without file", "POST", "/api/issues", {"headers": AUTH}, "rw", 400, "bad-parameter"),
    ("upload dropping documents", "POST", "/api/issues",
     {"files": {"file": ("2020-06-cut.txt", TRUNCATED)}, "headers": AUTH}, "rw", 409, "refused"),
    ("unknown version", "GET", "/api/issues/2023-04/source?version=99", {}, "ro", 404, "not-found"),
    ("version zero", "GET", "/api/issues/2023-04/source?version=0", {}, "ro", 400, "bad-parameter"),
    ("versions of unknown issue", "GET", "/api/issues/1900-01/versions", {}, "ro", 404, "not-found"),
    ("upload too large", "POST", "/api/issues",
     {"files": {"file": ("big.txt", b"x" * 3000)}, "headers": AUTH}, "rw-small", 413, "too-large"),
    ("archive fails", "GET", "/api/stats", {}, "broken", 503, "unavailable"),
    ("read over time limit", "GET", "/api/documents?limit=100", {}, "slow", 503, "unavailable"),
    ("unexpected exception", "GET", "/api/issues", {}, "buggy", 500, "internal"),
]


@pytest.fixture(scope="module", params=("sqlite", "postgresql"))
def apps(request, tmp_path_factory):
    pg = request.getfixturevalue("pg_database")("errors") if request.param == "postgresql" else None
    db = build_web_archive(tmp_path_factory.mktemp("errors"), pg)
    made = {
        "ro": create_app(db),
        "rw": create_app(db, upload_token="token-1"),
        "rw-small": create_app(db, upload_token="token-1", max_upload_bytes=1000),
        "broken": create_app(db),
        "slow": create_app(db, time_limit_ms=1e-6),
        "buggy": create_app(db),
    }
    clients = {name: TestClient(app, raise_server_exceptions=False) for name, app in made.items()}
    for c in clients.values():
        c.__enter__()

    def broken_stats(self):
        raise ArchiveError("archive error: database disk image is malformed")

    def buggy_issues(self):
        raise RuntimeError("a bug with a secret /home/path in it")

    patch = pytest.MonkeyPatch()
    # Each broken app gets archives whose one method fails; the others are untouched.
    for name, method, fn in (("broken", "stats", broken_stats), ("buggy", "issues", buggy_issues)):
        pool = made[name].state.pool
        original_get = pool.get

        def get(original_get=original_get, method=method, fn=fn):
            archive = original_get()
            patch.setattr(archive, method, fn.__get__(archive), raising=True)
            return archive

        patch.setattr(pool, "get", get)
    yield clients
    patch.undo()
    for c in clients.values():
        c.__exit__(None, None, None)


@pytest.mark.parametrize("label, method, url, kwargs, app, status, code", ERROR_PATHS,
                         ids=[p[0] for p in ERROR_PATHS])
def test_every_error_has_the_one_shape(apps, label, method, url, kwargs, app, status, code):
    clients = apps
    response = clients[app].request(method, url, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["error"]
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code and code in CODES
    message = body["error"]["message"]
    assert isinstance(message, str) and message.strip()
    for leak in ("Traceback", 'File "', "/home/path", "sqlite3.", "pydantic"):
        assert leak not in response.text, (label, response.text)


def test_every_code_is_produced_by_some_path():
    assert {p[6] for p in ERROR_PATHS} == set(CODES)


def test_web_pages_get_error_pages_not_json(apps):
    clients = apps
    r = clients["ro"].get("/documents/nothing-here")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "未找到" in r.text
    r = clients["buggy"].get("/issues")
    assert r.status_code == 500 and "a bug with a secret" not in r.text and "Traceback" not in r.text
