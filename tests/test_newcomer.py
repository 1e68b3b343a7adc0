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
