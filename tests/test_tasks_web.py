"""The task ledger on the web and in the API: /tasks, /agencies, /agencies/{name}, its CSV,
iCalendar and Atom downloads, the tasks section of a document page, /api/tasks, /api/agencies."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from gongbao.api import create_app


@pytest.fixture(scope="module")
def client(archive_path):
    with TestClient(create_app(archive_path), raise_server_exceptions=False) as c:
        yield c


def test_api_tasks_in_the_contract_shape(client):
    r = client.get("/api/tasks", params={"doc": "阳政办发〔2023〕54号", "as_of": "2023-11-01"})
    assert r.status_code == 200
    body = r.json()
    assert body["as_of"] == "2023-11-01" and body["total"] == 76
    t = next(t for t in body["tasks"] if t["lines"][0] == 585)  # 2023年10月底前, 牵头 / 配合
    assert t["deadline"] == "2023-10-31" and t["overdue"] is True
    assert t["lead_as_printed"] == ["市生态环境局"] and t["lead"] == ["市生态环境局"]
    for key in ("id", "doc_number", "document_id", "label", "heading", "text", "responsible",
                "responsible_as_printed", "deadline_text", "recurring", "lines"):
        assert key in t


def test_api_filters_and_errors(client):
    lead = client.get("/api/tasks", params={"agency": "市发展改革委", "role": "lead"}).json()
    assert all("市发展和改革委员会" in t["lead"] for t in lead["tasks"])
    for params in ({"as_of": "tomorrow"}, {"role": "boss"}, {"due_before": "2024-13-01"}):
        r = client.get("/api/tasks", params=params)
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad-parameter"
    r = client.get("/api/tasks", params={"doc": "阳政发〔2099〕1号"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not-found"


def test_api_agencies_and_one_agency(client):
    body = client.get("/api/agencies").json()
    assert body["total"] == len(body["agencies"]) and body["unknown"]
    one = client.get("/api/agencies/" + quote("市发改委")).json()
    assert one["name"] == "市发展和改革委员会" and "市发改委" in one["aliases"]
    assert len(one["lead_tasks"]) + len(one["participant_tasks"]) == one["tasks"]
    assert client.get("/api/agencies/" + quote("没有这个单位")).status_code == 404


def test_agency_page_lists_overdue_first_and_links_downloads(client):
    r = client.get("/agencies/" + quote("市生态环境局"), params={"as_of": "2024-01-01"})
    assert r.status_code == 200 and "<h1>市生态环境局</h1>" in r.text
    assert "牵头任务" in r.text and "参与任务" in r.text
    base = "/agencies/" + quote("市生态环境局", safe="")
    for suffix in ("ledger.csv", "deadlines.ics", "feed.atom"):
        assert f'href="{base}/{suffix}"' in r.text
    # in each table, the overdue rows come before the others
    for table in re.findall(r"<tbody>(.*?)</tbody>", r.text, re.S):
        rows = re.findall(r"<tr( class=\"overdue\")?>", table)
        flags = [bool(x) for x in rows]
        assert flags == sorted(flags, reverse=True)


def test_agency_ledger_as_csv_for_excel(client):
    r = client.get("/agencies/" + quote("市发改委") + "/ledger.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "发文字号", "文件标题"]
    api = client.get("/api/agencies/" + quote("市发改委")).json()
    assert len(rows) - 1 == api["tasks"]


def test_agency_deadlines_as_icalendar(client):
    r = client.get("/agencies/" + quote("市生态环境局") + "/deadlines.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(r.content)
    events = [c for c in cal.walk("VEVENT")]
    once = [e for e in events if "RRULE" not in e]
    dated = [t for t in client.get("/api/tasks", params={"agency": "市生态环境局"}).json()["tasks"] if t["deadline"]]
    assert len(once) == len(dated) > 0
    assert {e.decoded("dtstart").isoformat() for e in once} == {t["deadline"] for t in dated}
    # 2023-04 line 453: 每年5月底前完成一轮 (活性炭更换) repeats every year on May 31
    (yearly,) = [e for e in events if "RRULE" in e]
    assert yearly["RRULE"]["FREQ"] == ["YEARLY"] and yearly["RRULE"]["BYMONTH"] == [5]
    assert yearly.decoded("dtstart").isoformat() == "2024-05-31"  # the first after 2023-06-26


def test_agency_atom_feed(client):
    r = client.get("/agencies/" + quote("市商务局") + "/feed.atom")
    assert r.status_code == 200 and "atom" in r.headers["content-type"]
    feed = ET.fromstring(r.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert entries and all(e.find("a:id", ns).text.startswith("tag:gongbao") for e in entries)
    assert len({e.find("a:id", ns).text for e in entries}) == len(entries)


def test_tasks_page_and_agencies_page(client):
    r = client.get("/tasks", params={"agency": "市发改委", "overdue": "true", "as_of": "2026-01-01"})
    assert r.status_code == 200 and "任务台账" in r.text and "逾期" in r.text
    r = client.get("/agencies")
    assert r.status_code == 200 and "各县（区）人民政府" in r.text and "未收录" in r.text
    assert client.get("/tasks", params={"as_of": "someday"}).status_code == 400


def test_document_page_has_a_tasks_section_linking_to_agencies(client):
    r = client.get("/documents/阳政办发2024-30")
    assert r.status_code == 200 and "任务分工（44）" in r.text
    links = set(re.findall(r'href="(/agencies/[^"]+)"', r.text))
    assert links
    for href in links:
        assert client.get(href).status_code == 200, href


def test_document_api_gives_tasks_in_the_ledgers_shape(client):
    doc = client.get("/api/documents/阳政办发2024-30").json()
    ledger = client.get("/api/tasks", params={"doc": "阳政办发2024-30"}).json()["tasks"]
    assert len(doc["tasks"]) == len(ledger) == 44
    for mine, theirs in zip(doc["tasks"], ledger):
        assert {k: theirs[k] for k in mine} == mine
