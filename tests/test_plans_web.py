"""The plan pages (/plans, /plans/{ref}) and API (/api/plans, /api/plans/{ref}) over the samples."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from gongbao.api import create_app
from test_web import Page, check_local_anchors, check_page_basics


@pytest.fixture(scope="module")
def client(archive_path):
    with TestClient(create_app(archive_path), raise_server_exceptions=False) as c:
        yield c


def test_plans_page_lists_every_plan_by_hazard(client):
    r = client.get("/plans")
    assert r.status_code == 200
    p = Page(r.text)
    check_page_basics(p)
    cards = [link for link in p.links if link.startswith("/plans/")]
    assert len(cards) == 10
    hazards = [h for tag, h in p.headings if tag == "h2"]
    assert hazards == sorted(hazards) and "森林草原火灾" in hazards and "重污染天气" in hazards
    assert "/plans" in Page(client.get("/").text).links  # in the site navigation


def test_plan_card_links_each_fact_to_its_printed_line(client):
    r = client.get("/plans/" + quote("阳政办发2024-32"))
    assert r.status_code == 200
    p = Page(r.text)
    check_page_basics(p)
    check_local_anchors(p)
    for needle in ("市森林草原防灭火指挥部", "市应急管理局", "市森防办主任", "市应急救援总指挥部总指挥", "30分钟内", "每2小时"):
        assert needle in p.text
    lines = {int(m) for link in p.links for m in re.findall(r"/documents/[^/]+/printed#L(\d+)$", link)}
    assert {3756, 3810, 4588, 4639, 4705, 4768, 4369, 4371, 4675} <= lines
    printed = Page(client.get("/documents/" + quote("阳政办发2024-32") + "/printed").text)
    assert all(f"L{n}" in printed.ids for n in lines)
    assert 'href="/static/style.css"' in r.text and "<script" not in r.text


def test_a_plan_by_number_or_hazard_redirects_to_its_card(client):
    for ref in ("阳政办发〔2022〕15号", "阳政办发2022 15"):
        r = client.get("/plans/" + quote(ref), follow_redirects=False)
        assert r.status_code == 302 and unquote(urlsplit(r.headers["location"]).path) == "/plans/阳政办发2022-15"
    assert client.get("/plans/" + quote("阳政办发〔2022〕22号")).status_code == 404  # a document, but no plan
    assert client.get("/plans/" + quote("阳政办发〔2099〕1号")).status_code == 404


def test_api_plans_and_one_card(client):
    every = client.get("/api/plans").json()
    assert every["total"] == 10 and all(p["web_url"].startswith("/plans/") for p in every["plans"])
    assert client.get("/api/plans", params={"hazard": "森林"}).json()["total"] == 1
    card = client.get("/api/plans/" + quote("阳政办发〔2020〕132号")).json()
    assert card["responses_follow_alerts"] is True and card["office_at"] == "市生态环境局"
    assert [(r["level"], r["follows_alert"], r["activated_by"]) for r in card["responses"]] == [
        (1, "红色", "总指挥"), (2, "橙色", "市重污染天气应急指挥部副总指挥"), (3, "黄色", "市重污染天气应急指挥部副总指挥")]
    missing = client.get("/api/plans/" + quote("阳政办发〔2022〕22号"))
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not-found"
