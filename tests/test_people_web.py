"""The register's pages and API routes over the sample archive: /people/{name}, /posts/{post}, the
agency index, /api/people, /api/posts; every event links to its document and its printed line."""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from gongbao.api import create_app
from test_web import Page, check_page_basics


@pytest.fixture(scope="module")
def client(archive_path):
    with TestClient(create_app(archive_path), raise_server_exceptions=False) as c:
        yield c


def get_page(client, url, status=200) -> Page:
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    p = Page(r.text)
    check_page_basics(p)
    return p


def check_line_link(client, href: str, text: str):
    """A link to a printed line: the printed view of the document has that line, holding `text`."""
    url = urlsplit(href)
    r = client.get(url.path)
    assert r.status_code == 200, href
    p = Page(r.text)
    assert url.fragment in p.ids
    line = int(url.fragment[1:])
    assert text in "".join(r.text.split(f'id="L{line}"', 1)[1].split("</tr>", 1)[0].split())


def test_person_page_lists_events_with_links_to_document_and_printed_line(client):
    p = get_page(client, "/people/" + quote("晋玮"))
    assert "平定经济技术开发区管委会主任" in p.text and "试用期至 2023年3月6日" in p.text
    printed = [h for h in p.links if "/printed#L" in h]
    assert [h.rsplit("#", 1)[1] for h in printed] == ["L2795", "L5590"]
    for href in printed:
        check_line_link(client, href, "晋")
    assert "/documents/" + quote("阳政任字2022-5", safe="") in p.links
    get_page(client, "/people/" + quote("无此人"), 404)


def test_post_page_shows_holders_from_and_to(client):
    p = get_page(client, "/posts/" + quote("市招商中心主任"))
    assert "阳泉市招商中心主任" in p.text
    assert "朱红梅" in p.text and "马江江" in p.text and "继任者任命" in p.text and "在任" in p.text
    for href in (h for h in p.links if "/printed#L" in h):
        check_line_link(client, href, "招商中心")
    assert "/people/" + quote("马江江", safe="") in p.links


def test_agency_index_lists_every_agency_with_its_posts(client):
    p = get_page(client, "/posts")
    assert "阳泉市交通运输局" in [h for _, h in p.headings]
    posts = [unquote(h) for h in p.links if h.startswith("/posts/")]
    assert "/posts/阳泉市交通运输局局长" in posts and "/posts/阳泉市交通运输局副局长" in posts
    for href in p.links:
        if href.startswith(("/posts/", "/people/")):
            assert client.get(href).status_code == 200, href
    narrowed = get_page(client, "/posts?q=" + quote("交通运输局"))
    assert [h for h in narrowed.links if h.startswith("/posts/")] == [
        "/posts/" + quote("阳泉市交通运输局副局长", safe=""), "/posts/" + quote("阳泉市交通运输局局长", safe="")]
    assert "/posts" in p.links and "/people" in p.links  # in the site navigation


def test_people_index_and_document_page_link_to_the_register(client):
    p = get_page(client, "/people")
    assert "/people/" + quote("王占山", safe="") in p.links
    doc = get_page(client, "/documents/" + quote("阳政任字2022-10", safe=""))
    assert "/people/" + quote("王刚", safe="") in doc.links


def test_api_people_and_posts(client):
    r = client.get("/api/people", params={"name": "晋 玮"})
    (person,) = r.json()["people"]
    event = person["events"][0]
    assert (event["date"], event["action"], event["doc_number"], event["line"]) == (
        "2022-03-07", "任命", "阳政任字〔2022〕5号", 2795)
    assert event["printed_url"] == "/documents/" + quote("阳政任字2022-5", safe="") + "/printed#L2795"
    assert client.get(event["url"]).status_code == 200
    r = client.get("/api/posts", params={"q": "市住建局局长"})
    (post,) = r.json()["posts"]
    assert post["post"] == "阳泉市住房和城乡建设局局长"
    assert [(h["name"], h["from"], h["to"]) for h in post["holders"]] == [("郭爱聪", "2022-03-25", None)]
    assert len(client.get("/api/posts").json()["posts"]) > 100
    assert client.get("/api/posts/" + quote("阳泉市审计局局长")).json()["posts"][0]["holders"][0]["name"] == "郗文保"
    r = client.get("/api/people/" + quote("无此人"))
    assert r.status_code == 404 and r.json()["error"]["code"] == "not-found"
    assert client.get("/api/posts", params={"q": "长" * 101}).json()["error"]["code"] == "bad-parameter"
