"""What a newcomer trips over (issue 9): the text as displayed, the API contract, self-contained
docs, the CLI. One test (or a few) per point, on the samples and the extra web issue."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from _web_support import DOC_132_ID, build_web_archive
from gongbao.api import create_app


@pytest.fixture(scope="module")
def web_db(tmp_path_factory):
    return build_web_archive(tmp_path_factory.mktemp("newcomer"))


@pytest.fixture(scope="module")
def client(web_db):
    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        yield c


# --- the text as displayed ------------------------------------------------------------------------

class _Leads(HTMLParser):
    """The bold lead labels of a document page, each with the text of its paragraph after it."""

    def __init__(self):
        super().__init__()
        self.leads: list[list[str]] = []  # [bold lead, the paragraph's text after it]
        self._current: list[str] | None = None  # the lead of the paragraph being read
        self._in_lead = self._in_ln = False

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self._current = None
        elif tag == "a" and ("class", "ln") in attrs:
            self._in_ln = True
        elif tag == "strong" and ("class", "lead-label") in attrs:
            self._in_lead = True
            self._current = ["", ""]
            self.leads.append(self._current)

    def handle_endtag(self, tag):
        if tag == "a":
            self._in_ln = False
        elif tag == "strong":
            self._in_lead = False
        elif tag == "p":
            self._current = None

    def handle_data(self, data):
        if self._current is None or self._in_ln:
            return
        self._current[0 if self._in_lead else 1] += data


# A label alone (第二十一条, 一、, （三）, 1.) or text that ends a sentence.
_LABEL_ONLY = re.compile(r"^\s*(第[一二三四五六七八九十百零〇]+[章节条款]|[一二三四五六七八九十]+、|"
                         r"[（(][一二三四五六七八九十\d]+[）)]|\d+(\.\d+)*[.．、]?)\s*$")


def test_no_bold_heading_ends_inside_a_sentence(client):
    """Over every document of the five issues: a bold lead is the label alone, or the label and
    a first sentence that ends there (。：；) or the whole paragraph."""
    docs = client.get("/api/documents", params={"limit": 100}).json()["documents"]
    assert len(docs) > 70
    checked = 0
    for d in docs:
        page = client.get(f"/documents/{d['id']}")
        assert page.status_code == 200
        parser = _Leads()
        parser.feed(page.text)
        for lead, after in parser.leads:
            checked += 1
            lead = lead.strip()
            assert _LABEL_ONLY.match(lead) or lead[-1] in "。：:；;！？" or not after.strip(), \
                (d["id"], lead, after[:12])
    assert checked > 300


def test_quality_award_article_21_is_not_cut(client):
    """第二十一条 of the 质量奖管理办法 was cut at a fixed length: `…建立档案，进` | `行定期考核`."""
    doc = client.get("/api/documents/阳政发〔2020〕10号").json()

    def flat(nodes):
        for n in nodes:
            yield n
            yield from flat(n["children"])

    art = next(n for n in flat(doc["outline"]) if n["label"] == "第二十一条")
    assert not art["heading"].endswith("进")
    parser = _Leads()
    parser.feed(client.get(f"/documents/{doc['id']}").text)
    leads = [lead.strip() for lead, _ in parser.leads if lead.strip().startswith("第二十一条")]
    assert leads and all(not lead.endswith("进") for lead in leads), leads


def test_printed_view_shows_the_print_not_the_markdown_nor_blank_lines(client, web_db):
    from urllib.parse import quote

    from gongbao.store import Archive

    page = client.get(f"/documents/{quote(DOC_132_ID)}/printed").text
    rows = re.findall(r'<tr id="L(\d+)"[^>]*>\s*<th scope="row"><a href="#L\d+">\d+</a></th>\s*'
                      r'<td>(.*?)</td>', page, re.S)
    assert len(rows) > 100
    with Archive.open(web_db, readonly=True) as arc:
        doc = arc.document(DOC_132_ID)
        printed = {ln.number: ln.text for ln in arc.printed_lines(doc.issue_id, doc.start_line, doc.end_line)}
    assert any(t.lstrip().startswith("#") for t in printed.values())  # the file has markdown markers
    for number, cell in rows:
        assert printed[int(number)].strip(), f"blank line {number} shown as a printed line"
        assert not cell.lstrip().startswith("#"), (number, cell)
    blank = [n for n, t in printed.items() if not t.strip()]
    assert blank and not {str(n) for n in blank} & {n for n, _ in rows}


def test_ocr_correction_notes_are_chinese(client):
    from urllib.parse import quote

    page = client.get(f"/documents/{quote(DOC_132_ID)}/printed").text
    notes = re.findall(r'<span class="muted">([^<]*)</span></li>', page)
    assert notes and all(re.search(r"[\u4e00-\u9fff]", n) and not re.search(r"\bread as\b|[A-Za-z]{4,}", n)
                         for n in notes), notes


def test_issue_page_names_the_issue_not_the_file(client):
    for issue in client.get("/api/issues").json()["issues"]:
        page = client.get(f"/issues/{issue['id']}").text
        assert issue["source_file"] not in page, issue["id"]


def test_an_issue_without_a_number_is_labelled_by_its_gazette_not_its_file():
    from datetime import date

    from gongbao.store.records import IssueSummary

    issue = IssueSummary("gazette-x", "测试市人民政府公报", None, None, None, date(2021, 3, 1), None,
                         "plain", "/srv/data/uploads/gazette-x.txt", "0" * 64, "utf-8", "", 1, 10, 1)
    assert issue.label == "测试市人民政府公报（2021年3月1日）"


def test_look_of_the_pages(client):
    """Names in the appointments table do not wrap; facet items look like links; date hints look
    like hints; a favicon."""
    css = client.get("/static/style.css").text
    assert re.search(r"\.appointments td:first-child[^{]*\{[^}]*white-space:\s*nowrap", css)
    assert re.search(r"\.facet li a \{[^}]*text-decoration:\s*underline", css)
    assert re.search(r"::placeholder\s*\{[^}]*color", css)
    search = client.get("/search", params={"q": "应急预案"}).text
    assert 'placeholder="如 2021-01-01"' in search
    home = client.get("/").text
    icon = re.search(r'<link rel="icon" href="([^"]+)"', home)
    assert icon and client.get(icon[1]).status_code == 200
    assert client.get("/favicon.ico").status_code == 200


# --- the API contract: HTTP -----------------------------------------------------------------------

def test_docs_work_offline(client):
    """/docs loads its scripts and styles from this server, none from a CDN; its CSP allows
    this server's scripts, and only /docs does."""
    page = client.get("/docs")
    assert page.status_code == 200
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page.text), page.text
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', page.text)
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)
    for asset in assets:
        r = client.get(asset)
        assert r.status_code == 200 and r.content, asset
        if asset.endswith(".js") and "init" in asset:
            assert "https://" not in r.text and "http://" not in r.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    for other in ("/", "/search?q=预案", "/api/stats"):
        assert "script-src" not in client.get(other).headers["content-security-policy"], other


@pytest.mark.parametrize("url", ["/", "/search?q=预案", f"/documents/{DOC_132_ID}", "/issues/2020-06",
                                 "/api/search?q=预案", "/api/documents", f"/api/documents/{DOC_132_ID}",
                                 "/api/issues", "/api/issues/2020-06", "/api/stats", "/openapi.json",
                                 "/docs", "/static/style.css"])
def test_head_on_every_get_route(client, url):
    get, head = client.get(url), client.head(url)
    assert get.status_code == head.status_code == 200, url
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]




@pytest.mark.parametrize("url", ["/api/search?q=预案", f"/api/documents/{DOC_132_ID}", "/",
                                 "/static/style.css", "/issues/2020-06"])
def test_etag_and_last_modified_give_304(client, url):
    first = client.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": 'W/"something-else"'}).status_code == 200


def test_large_answers_are_gzipped(client):
    r = client.get("/api/search", params={"q": "应急预案", "limit": 50}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and int(r.headers["content-length"]) < len(r.content)
    small = client.get("/api/documents/nothing", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # a small answer is sent as it is


@pytest.mark.parametrize("url", ["/", "/api/stats", "/api/documents/nothing", "/static/style.css",
                                 "/openapi.json", "/docs", "/no/such/page", "/static/favicon.svg"])
def test_security_headers_on_every_response(client, url):
    h = client.get(url).headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["referrer-policy"]


# --- the API contract: OpenAPI and answers --------------------------------------------------------

def _resolve(schema: dict, spec: dict) -> dict:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def test_openapi_has_response_schemas_described_parameters_and_400(client):
    spec = client.get("/openapi.json").json()
    operations = [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()]
    assert len(operations) >= 8
    for path, method, op in operations:
        ok_status = "201" if method == "post" else "200"
        if "application/json" not in op["responses"][ok_status].get("content", {}):
            continue  # a file as ingested (/api/issues/{id}/source), not JSON
        schema = _resolve(op["responses"][ok_status]["content"]["application/json"]["schema"], spec)
        assert schema.get("properties"), (method, path)  # not the `{}` of a bare JSONResponse
        assert "422" not in op["responses"], (method, path)
        for param in op.get("parameters", []):
            assert param.get("description"), (method, path, param["name"])
        if op.get("parameters") or op.get("requestBody"):
            error = _resolve(op["responses"]["400"]["content"]["application/json"]["schema"], spec)
            assert "error" in error["properties"], (method, path)
    for path in ("/api/search", "/api/documents/{ref}"):
        props = _resolve(spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"], spec)["properties"]
        assert {"hits", "total", "facets"} <= props.keys() if path == "/api/search" else \
            {"doc_number", "title", "signed", "outline", "text", "references"} <= props.keys()
    assert "HTTPValidationError" not in spec["components"]["schemas"]


@pytest.mark.parametrize("url, model", [
    ("/api/search?q=重污染天气", "SearchAnswer"), ("/api/search?q=阳政办发2020 132", "SearchAnswer"),
    ("/api/documents?limit=100", "DocumentListAnswer"), (f"/api/documents/{DOC_132_ID}", "DocumentAnswer"),
    ("/api/documents/阳政发〔2020〕10号", "DocumentAnswer"), ("/api/documents/阳政办发2021-8", "DocumentAnswer"),
    (f"/api/documents/{DOC_132_ID}/printed", "PrintedAnswer"), ("/api/issues", "IssueListAnswer"),
    ("/api/issues/2020-06", "IssueAnswer"), ("/api/issues/2022-02", "IssueAnswer"), ("/api/stats", "StatsAnswer"),
    ("/api/documents/nothing", "ErrorAnswer"), ("/api/search?limit=1000", "ErrorAnswer")])
def test_every_answer_is_what_its_model_says(client, url, model):
    """The models of /openapi.json describe the real answers: each validates, and every field the
    answer has at the top level is one the model documents."""
    from gongbao.api import models

    body = client.get(url).json()
    cls = getattr(models, model)
    cls.model_validate(body)
    assert set(body) <= set(cls.model_fields), set(body) - set(cls.model_fields)


def test_urls_are_absolute_and_pages_are_linked(client):
    first = client.get("/api/search", params={"q": "应急预案", "limit": 3}).json()
    assert first["total"] > 6 and first["prev"] is None
    assert all(h["url"].startswith("http://testserver/api/documents/") for h in first["hits"])
    assert all(h["web_url"].startswith("http://testserver/documents/") for h in first["hits"])
    second = client.get(first["next"]).json()
    assert second["offset"] == 3 and second["prev"] and client.get(second["prev"]).json()["hits"] == first["hits"]
    assert {h["id"] for h in second["hits"]}.isdisjoint(h["id"] for h in first["hits"])
    listing = client.get("/api/documents", params={"limit": 50})
    body = listing.json()
    assert body["next"] and 'rel="next"' in listing.headers["link"]
    last = client.get(body["next"]).json()
    assert last["next"] is None and last["prev"] and len(last["documents"]) == body["total"] - 50
    doc = client.get(first["hits"][0]["url"]).json()
    assert doc["printed_url"].startswith("http://testserver/") and doc["issue"]["url"].startswith("http://")
    assert client.get(doc["printed_url"]).status_code == 200


# --- uploads and what answers reveal -------------------------------------------------------------

def test_upload_of_a_known_file_is_200_and_names_are_safe(tmp_path):
    from _web_support import EXTRA_ISSUE, SAMPLES
    from gongbao.store import Archive

    db = tmp_path / "up.db"
    with Archive.open(db) as arc:
        arc.ingest_file(SAMPLES / "yangquan-gazette-2024-03.txt")
    auth = {"Authorization": "Bearer t"}
    sample = (SAMPLES / "yangquan-gazette-2024-03.txt").read_bytes()
    with TestClient(create_app(db, upload_token="t"), raise_server_exceptions=False) as c:
        again = c.post("/api/issues", files={"file": ("copy.txt", sample)}, headers=auth)
        assert again.status_code == 200 and again.json()["status"] == "skipped"
        added = c.post("/api/issues", files={"file": ("new.txt", EXTRA_ISSUE.encode())}, headers=auth)
        assert added.status_code == 201 and added.json()["status"] == "added"
        # A text whose cover gives no year and number is named after its file: `..` must not
        # become an issue id (nor `.`, nor a path).
        coverless = "\n".join(EXTRA_ISSUE.splitlines()[3:]).replace("2021 年第 1 期", "").replace(
            "阳政办发〔2021〕7号", "阳政办发〔2021〕17号").replace("阳政办发〔2021〕8号", "阳政办发〔2021〕18号")
        for name in ("..", ".", "../..", "../../etc/passwd"):
            r = c.post("/api/issues", files={"file": (name, coverless.encode() + name.encode())}, headers=auth)
            assert r.status_code in (200, 201), r.text
            issue_id = r.json()["issue_id"]
            assert issue_id and issue_id.strip(".") and "/" not in issue_id, issue_id
            assert c.get(f"/api/issues/{issue_id}").status_code == 200
            assert c.get(f"/issues/{issue_id}").status_code == 200


def test_no_server_path_in_any_answer(tmp_path, monkeypatch):
    from _web_support import SAMPLES
    from gongbao.store import Archive, ArchiveError

    db = tmp_path / "secret-dir" / "paths.db"
    db.parent.mkdir()
    with Archive.open(db) as arc:
        arc.ingest_paths([SAMPLES.resolve()])
    secrets = (str(tmp_path), str(SAMPLES.resolve().parent))
    sample = (SAMPLES / "yangquan-gazette-2020-06.txt").read_bytes()
    app = create_app(db, upload_token="t")
    with TestClient(app, raise_server_exceptions=False) as c:
        answers = [c.get(u) for u in ("/api/stats", "/api/issues", "/api/issues/2020-06",
                                      f"/api/documents/{DOC_132_ID}", f"/api/documents/{DOC_132_ID}/printed",
                                      "/api/search?q=预案", "/", "/issues/2020-06", "/search?q=预案",
                                      f"/documents/{DOC_132_ID}", "/openapi.json")]
        answers.append(c.post("/api/issues", files={"file": ("again.txt", sample)},
                              headers={"Authorization": "Bearer t"}))  # skipped: "same text as …"
        assert answers[-1].json()["status"] == "skipped"

        def broken(*_, **__):
            raise ArchiveError(f"cannot use {db} as an archive: file is not a database")

        monkeypatch.setattr(app.state.pool, "get", broken)
        answers += [c.get("/api/stats"), c.get("/")]
        assert answers[-2].status_code == 503 and "paths.db" in answers[-2].json()["error"]["message"]
    for r in answers:
        for secret in secrets:
            assert secret not in r.text, (r.url, secret)


# --- the CLI -------------------------------------------------------------------------------------

def _cli(*args, env=None):
    from typer.testing import CliRunner

    from gongbao.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def test_a_foreign_sqlite_file_is_refused_and_left_byte_identical(tmp_path):
    import hashlib
    import sqlite3

    from _web_support import SAMPLES

    foreign = tmp_path / "other-app.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users (name) VALUES ('张三')")
    conn.close()
    before = hashlib.sha256(foreign.read_bytes()).hexdigest()
    r = _cli("ingest", SAMPLES / "yangquan-gazette-2023-04.txt", "--db", foreign)
    assert r.exit_code == 2 and "not a gongbao archive" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1
    assert hashlib.sha256(foreign.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-app.db"]
    # An empty file is a new archive.
    empty = tmp_path / "empty.db"
    empty.touch()
    assert _cli("ingest", SAMPLES / "yangquan-gazette-2023-04.txt", "--db", empty).exit_code == 0


def test_version():
    from importlib.metadata import version

    r = _cli("--version")
    assert r.exit_code == 0 and r.output.strip() == f"gongbao {version('gongbao')}"


def test_search_by_a_filter_alone_lists_that_year(archive_path, archive):
    r = _cli("search", "--year", "2022", "--limit", "100", "--json", "--db", archive_path)
    assert r.exit_code == 0, r.output
    import json

    body = json.loads(r.output)
    want = archive.documents(filters=__import__("gongbao.store", fromlist=["Filters"]).Filters(years=(2022,)), limit=100)
    assert body["total"] == want.total > 10
    assert {h["id"] for h in body["hits"]} == {d.id for d in want.documents}
    assert all(h["year"] == 2022 for h in body["hits"])
    none = _cli("search", "--db", archive_path)
    assert none.exit_code == 2 and len(none.output.strip().splitlines()) == 1


def test_show_says_when_two_documents_share_a_number(archive_path):
    # The 2022-02 sample prints 阳政办函〔2022〕46号 on two different documents (a slip in the gazette).
    r = _cli("show", "阳政办函〔2022〕46号", "--db", archive_path)
    assert r.exit_code == 0
    assert "2 documents in the archive carry 阳政办函〔2022〕46号" in r.output
    assert "阳政办函2022-46@2022-02" in r.output and "阳政办函2022-46" in r.output
    single = _cli("show", "阳政办发〔2020〕132号", "--db", archive_path)
    assert single.exit_code == 0 and "documents in the archive carry" not in single.output


def test_csv_exports_start_with_a_bom(archive_path, tmp_path):
    out = tmp_path / "docs.csv"
    assert _cli("export", "--format", "csv", "--output", out, "--db", archive_path).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,") and data.count(b"\xef\xbb\xbf") == 1
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 76 and rows[0]["id"]
    stdout = _cli("export", "--format", "csv", "--db", archive_path)
    assert stdout.output.startswith("\ufeffid,")
    jsonl = _cli("export", "--db", archive_path)
    assert jsonl.output.startswith("{")  # JSON lines have no BOM


def test_help_points_at_the_shipped_specs():
    from conftest import ROOT

    for args in (["parse", "--help"], ["search", "--help"], ["--help"]):
        r = _cli(*args)
        for spec in re.findall(r"(?:docs/)?spec/[\w-]+\.md", r.output):
            assert spec.startswith("docs/") and (ROOT / spec).exists(), (args, spec)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cited = re.findall(r"`?((?:docs/)?spec/[\w-]+\.md)", readme)
    assert cited and all(c.startswith("docs/spec/") and (ROOT / c).exists() for c in cited), cited


def test_docs_spec_is_in_step_with_the_shared_spec():
    from conftest import ROOT

    shared = ROOT.parent / "shared" / "spec"
    if not shared.is_dir():
        shared = ROOT.parent.parent / "shared" / "spec"
    if not shared.is_dir():
        pytest.skip("no ../shared/spec beside the repository")
    ours = ROOT / "docs" / "spec"
    assert sorted(p.name for p in ours.glob("*.md")) == sorted(p.name for p in shared.glob("*.md"))
    for spec in shared.glob("*.md"):
        assert (ours / spec.name).read_bytes() == spec.read_bytes(), f"docs/spec/{spec.name} differs"


def _on_a_terminal(args: list[str], *, interrupt_after: str | None = None, timeout: float = 120):
    """Run `gongbao ARGS` with stdout and stderr on one pseudo-terminal, as a person would see it;
    with `interrupt_after`, press Ctrl-C (SIGINT to the process group) once that text appears.
    Returns (exit code, what the terminal showed)."""
    import os
    import pty
    import signal
    import subprocess
    import time

    from _web_support import gongbao_command

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "LINES": "50", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    # Ctrl-C as on a person's terminal: the test's own process may run with SIGINT ignored
    # (a disposition a child inherits, and with which Python installs no KeyboardInterrupt).
    proc = subprocess.Popen([*gongbao_command(), *args], stdin=follower, stdout=follower,
                            stderr=follower, env=env, start_new_session=True, close_fds=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(follower)
    seen = b""
    sent = False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has ended
            break
        if not chunk:
            break
        seen += chunk
        if interrupt_after and not sent and interrupt_after.encode() in seen:
            os.killpg(proc.pid, signal.SIGINT)
            sent = True
    os.close(leader)
    code = proc.wait(30)
    return code, seen.decode("utf-8", "replace")


def _screen_lines(raw: str) -> list[str]:
    """The terminal's lines, with colour codes and cursor movements taken out."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw).replace("\r\n", "\n")
    return [part for line in text.split("\n") for part in line.split("\r") if part.strip()]


@pytest.fixture(scope="module")
def many_issues(tmp_path_factory):
    """Twelve files: the four samples and each again twice, changed (so: added, then replaced)."""
    from _web_support import SAMPLES

    folder = tmp_path_factory.mktemp("many")
    for i in range(3):
        for sample in sorted(SAMPLES.glob("*.txt")):
            text = sample.read_text(encoding="utf-8") + ("" if i == 0 else f"\n附 {i}\n")
            (folder / f"{sample.stem}-{i}.txt").write_text(text, encoding="utf-8")
    return folder


def test_progress_bar_and_result_lines_do_not_interleave(many_issues, tmp_path):
    code, raw = _on_a_terminal(["ingest", str(many_issues), "--db", str(tmp_path / "t.db"), "--workers", "1"])
    assert code == 0, raw
    assert "━" in raw  # the bar was drawn
    results = [ln for ln in _screen_lines(raw) if re.search(r"\b(added|replaced|skipped)\s", ln)]
    assert len(results) >= 12, raw
    for line in results:
        assert "━" not in line and "ingesting" not in line, line
        assert re.match(r"^(added|replaced|skipped)\s", line.strip()), line


def test_ctrl_c_says_how_many_issues_are_really_in(many_issues, tmp_path):
    from gongbao.store import Archive

    db = tmp_path / "c.db"
    code, raw = _on_a_terminal(["ingest", str(many_issues), "--db", str(db), "--workers", "1"],
                               interrupt_after="replaced ")
    assert code == 130, raw
    message = next(ln for ln in _screen_lines(raw) if "interrupted" in ln)
    with Archive.open(db, readonly=True) as arc:
        held = arc.stats().issues
    assert f"the archive holds {held} issue" in message, message
    assert "Traceback" not in raw and "KeyboardInterrupt" not in raw


def test_serve_on_a_busy_port_is_one_line_and_exit_2(archive_path):
    import socket
    import subprocess

    from _web_support import gongbao_command

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        r = subprocess.run([*gongbao_command(), "serve", "--db", str(archive_path), "--port", str(port)],
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "serving" not in r.stdout
    assert len(r.stderr.strip().splitlines()) == 1 and str(port) in r.stderr and "in use" in r.stderr


def test_headings_cut_in_an_older_archive_are_shown_whole(archive):
    """An archive ingested before this fix stores headings cut at 40 characters: the page reads
    them again from the paragraph, so no bold lead stops mid-sentence there either."""
    from dataclasses import replace

    from gongbao.web.present import outline_headings, text_blocks

    doc = archive.document("阳政发〔2020〕10号")

    def cut(nodes):
        return tuple(replace(n, heading=(n.heading + "，进行定期考核和动态监督")[:40], children=cut(n.children))
                     for n in nodes)

    old = replace(doc, outline=cut(doc.outline))
    leads = [b.lead.strip() for b in text_blocks(old) if b.lead]
    assert len(leads) > 20
    assert all(_LABEL_ONLY.match(lead) or lead[-1] in "。：:；;！？" for lead in leads), leads
    assert all(not h.endswith("进") for h in outline_headings(old).values())


@pytest.mark.parametrize("message, shown", [
    ("cannot use /srv/gongbao/data/a.db as an archive", "cannot use a.db as an archive"),
    ("same text as issue 2020-06 (samples/yangquan-gazette-2020-06.txt)",
     "same text as issue 2020-06 (yangquan-gazette-2020-06.txt)"),
    ("no archive at ../x/gongbao.db: run `gongbao ingest` first", "no archive at gongbao.db: run `gongbao ingest` first"),
    ("from 2021/6/30 is after to 2021-01-01", "from 2021/6/30 is after to 2021-01-01"),
    ("县/区 的文件", "县/区 的文件"),
])
def test_paths_in_messages_are_cut_to_file_names(message, shown):
    from gongbao.api.serialize import scrub_paths

    assert scrub_paths(message) == shown
