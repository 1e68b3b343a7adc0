"""The web UI's pages, rendered over the sample archive (plus one synthetic issue): what each page
shows, that every link on it leads somewhere, that it is accessible and escapes every value."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest
from fastapi.testclient import TestClient

from _web_support import CITING_ID, DOC_132, DOC_132_ID, XSS_ID, build_web_archive
from gongbao.api import create_app


class Page(HTMLParser):
    """What the tests look at in a page: ids, links, form fields, labels, headings, text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.inputs: list[dict] = []
        self.labels: set[str] = set()
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.attrs: list[tuple[str, dict]] = []
        self._text: list[str] = []
        self._heading: list | None = None
        self.feed(html)
        self.text = "".join(self._text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag == "input":
            self.inputs.append(a)
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if self._heading and tag == self._heading[0]:
            self.headings.append((self._heading[0], self._heading[1].strip()))
            self._heading = None

    def handle_data(self, data):
        self._text.append(data)
        if self._heading is not None:
            self._heading[1] += data


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = build_web_archive(tmp_path_factory.mktemp("web"))
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def page(client, url: str, status: int = 200) -> Page:
    r = client.get(url, follow_redirects=True)
    assert r.status_code == status, (url, r.status_code, r.text[:500])
    assert r.headers["content-type"].startswith("text/html")
    return Page(r.text)


def check_page_basics(p: Page):
    """Every page: Chinese, phone viewport, one h1, unique ids, every field labelled, no script."""
    assert ("html", {"lang": "zh-CN"}) in p.attrs
    assert any(t == "meta" and a.get("name") == "viewport" and "width=device-width" in a.get("content", "")
               for t, a in p.attrs)
    assert [h for h in p.headings if h[0] == "h1"], "no h1"
    assert len([h for h in p.headings if h[0] == "h1"]) == 1
    assert len(p.ids) == len(set(p.ids)), [i for i in p.ids if p.ids.count(i) > 1]
    for field in p.inputs:
        if field.get("type") != "hidden":
            assert field.get("id") in p.labels or field.get("aria-label"), field
    assert "script" not in p.tags


def check_local_anchors(p: Page):
    for href in p.links:
        if href.startswith("#"):
            assert unquote(href[1:]) in p.ids, href


# --- home -----------------------------------------------------------------------------------------

def test_home_has_search_issues_and_counts(client):
    p = page(client, "/")
    check_page_basics(p)
    assert any(f.get("name") == "q" and f.get("type") == "search" for f in p.inputs)
    for label in ("阳泉市人民政府公报 2020年第6期", "阳泉市人民政府公报 2024年第3期", "阳泉市人民政府公报 2021年第1期"):
        assert label in p.text
    assert "/issues/2020-06" in p.links
    assert re.search(r"公文\s*78", p.text) and re.search(r"公报期数\s*5", p.text)
    assert "/search?section=%E4%BA%BA%E4%BA%8B%E4%BB%BB%E5%85%8D" in p.links  # browse by section


# --- search ---------------------------------------------------------------------------------------

def hit_titles(client, url: str) -> list[str]:
    r = client.get(url)
    return re.findall(r'<h3 class="result-title"><a href="[^"]+">([^<]+)</a>', r.text)


def test_search_shows_ranked_hits_with_highlights_and_metadata(client):
    r = client.get("/search", params={"q": "重污染天气"})
    assert r.status_code == 200
    p = Page(r.text)
    check_page_basics(p)
    titles = hit_titles(client, "/search?q=" + quote("重污染天气"))
    assert titles and "重污染天气" in titles[0]
    assert "<mark>重污染天气</mark>" in r.text
    assert DOC_132 in p.text and "2020年12月9日" in p.text and "阳泉市人民政府办公室" in p.text
    assert f"/documents/{quote(DOC_132_ID, safe='')}" in p.links
    # The query stays in the search box and in every page/facet link, so results can be shared.
    assert any(f.get("name") == "q" and f.get("value") == "重污染天气" for f in p.inputs)
    facet_links = [h for h in p.links if h.startswith("/search?") and "year=" in h]
    assert facet_links and all(parse_qs(urlsplit(h).query)["q"] == ["重污染天气"] for h in facet_links)


def test_facets_narrow_the_results(client):
    base = page(client, "/search?q=" + quote("应急预案"))
    total = int(re.search(r"共\s*(\d+)\s*件公文", base.text)[1])
    year_link = next(h for h in base.links if "year=2022" in h)
    narrowed = page(client, year_link)
    count = int(re.search(r"共\s*(\d+)\s*件公文", narrowed.text)[1])
    assert 0 < count < total
    assert "年份：2022" in narrowed.text  # the filter in force, with a link that removes it
    remove = next(h for h in narrowed.links if h.startswith("/search?") and "year=2022" not in h
                  and "q=" in h and "genre" not in h and "issuer" not in h and "section" not in h)
    assert int(re.search(r"共\s*(\d+)\s*件公文", page(client, remove).text)[1]) == total
    # Every result on the narrowed page is from 2022.
    r = client.get(year_link)
    assert set(re.findall(r'<time datetime="(\d{4})-', r.text)) == {"2022"}
    # Two facets at once.
    both = page(client, year_link + "&genre=" + quote("通知"))
    assert "年份：2022" in both.text and "文种：通知" in both.text


def test_search_paginates_and_browses_everything(client):
    first = page(client, "/search")
    check_page_basics(first)
    assert re.search(r"共\s*78\s*件公文", first.text) and "第 1/4 页" in first.text
    assert "/search?page=2" in first.links
    second = client.get("/search?page=2").text
    assert hit_titles(client, "/search?page=2") != hit_titles(client, "/search")
    assert 'start="21"' in second
    assert "/search?page=4" in Page(second).links
    # Past the last page: sent to the last page.
    r = client.get("/search?page=9", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/search?page=4"
    q = page(client, "/search?q=" + quote("通知") + "&page=2")
    assert "/search?q=%E9%80%9A%E7%9F%A5&page=3" in q.links


def test_search_by_document_number(client):
    titles = hit_titles(client, "/search?q=" + quote("阳政办发2020 132"))
    assert titles[0] == "阳泉市人民政府办公室关于印发阳泉市重污染天气应急预案的通知"


@pytest.mark.parametrize("url, needle", [
    ("/search?q=year:abc", "year"),
    ("/search?q=x&from=yesterday", "from"),
    ("/search?q=x&year=20x2", "年份"),
    ("/search?q=x&page=0", "页码"),
    ("/search?q=x&page=abc", "页码"),
    ("/search?q=" + "长" * 501, "查询过长"),
])
def test_search_explains_bad_input_on_the_page(client, url, needle):
    r = client.get(url)
    assert r.status_code == 400
    p = Page(r.text)
    check_page_basics(p)
    assert needle in p.text and any(f.get("name") == "q" for f in p.inputs)


def test_search_with_no_match(client):
    p = page(client, "/search?q=" + quote('"没有这样的短语存在"'))
    assert "没有找到符合条件的公文" in p.text


# --- issue ----------------------------------------------------------------------------------------

def test_issue_page_has_cover_and_linked_toc(client):
    p = page(client, "/issues/2020-06")
    check_page_basics(p)
    assert "阳泉市人民政府公报" in p.headings[0][1] or ("h1", "阳泉市人民政府公报") in p.headings
    assert "2020 年第 6 期" in p.text and "总第 6 期" in p.text and "2020年12月31日" in p.text
    assert "阳泉市人民政府办公室" in p.text  # the editor
    for section in ("【政府文件】", "【人事任免】", "【市政府办公室文件】"):
        assert section in p.text
    doc_links = [h for h in p.links if h.startswith("/documents/")]
    assert len(doc_links) >= 29
    for href in dict.fromkeys(doc_links):
        assert client.get(href).status_code == 200, href
    assert "阳政发〔2020〕10号" in p.text


def test_issue_without_cover_lists_its_documents(client):
    p = page(client, "/issues/2024-03")
    check_page_basics(p)
    assert "封面未载" in p.text and "本期没有印刷目录" in p.text
    assert len([h for h in p.links if h.startswith("/documents/")]) == 9


def test_issues_page(client):
    p = page(client, "/issues")
    check_page_basics(p)
    assert {h for h in p.links if h.startswith("/issues/")} == {
        "/issues/2020-06", "/issues/2022-02", "/issues/2023-04", "/issues/2024-03", "/issues/2021-01"}


# --- document -------------------------------------------------------------------------------------

def test_document_page_shows_metadata_outline_text_and_relations(client):
    p = page(client, f"/documents/{quote(DOC_132_ID)}")
    check_page_basics(p)
    check_local_anchors(p)
    assert ("h1", "阳泉市人民政府办公室关于印发阳泉市重污染天气应急预案的通知") in p.headings
    for value in (DOC_132, "阳泉市人民政府办公室", "2020年12月9日", "通知", "市政府办公室文件", "此件公开发布",
                  "阳泉市人民政府公报 2020年第6期", "第 39 页", "《阳泉市重污染天气应急预案》"):
        assert value in p.text, value
    assert "/issues/2020-06" in p.links
    # The outline navigates to headings in the text.
    assert "#L1788" in p.links and ("h3", "1 总则1788") in p.headings
    assert ("h2", "阳泉市重污染天气应急预案1786") in p.headings  # the instrument's own title
    # Attachments, shown as omitted (略).
    assert "阳泉市重污染天气专家组名单" in p.text and p.text.count("公报未刊载（原文注“略”）") == 11
    # References out (not in the archive) and in (with a link).
    assert "阳政办发〔2019〕92号" in p.text and "档案未收录" in p.text
    assert f"/documents/{quote(CITING_ID, safe='')}" in p.links
    assert "阳泉市人民政府办公室关于做好重污染天气应急预案演练工作的通知" in p.text
    # Every paragraph points at its printed line.
    assert f"/documents/{quote(DOC_132_ID, safe='')}/printed#L1778" in p.links


def test_references_are_listed_once_each_repeals_first(client):
    r = client.get(f"/documents/{quote(DOC_132_ID)}").text
    refs = r[r.index('id="refs-h"'):r.index('id="citedby-h"')]
    kinds = re.findall(r'<span class="tag tag-(\w+)">', refs)
    assert kinds[0] == "repeals" and set(kinds[1:]) == {"cites"}
    # 阳政办发〔2019〕92号 is cited (line 1792) and repealed (line 2302): listed once, as repealed.
    assert refs.count("阳政办发〔2019〕92号") == 1
    # The instrument the notice issues is not listed as something it cites: the title appears
    # only with the number of the old plan of that name, which it repeals.
    items = re.findall(r"<li>.*?</li>", refs, re.S)
    same_title = [i for i in items if "《阳泉市重污染天气应急预案》" in i]
    assert len(same_title) == 1 and all("阳政办发〔2019〕92号" in i for i in same_title)
    assert refs.count("《中华人民共和国环境保护法》") == 1


def test_documents_sharing_a_number_point_at_each_other(client):
    a = Page(client.get("/documents/" + quote("阳政办函2022-46")).text)
    b = Page(client.get("/documents/" + quote("阳政办函2022-46@2022-02")).text)
    assert "另有 1 件公文印有同一发文字号" in a.text and "另有 1 件公文印有同一发文字号" in b.text
    assert "/documents/" + quote("阳政办函2022-46@2022-02", safe="") in a.links
    assert "/documents/" + quote("阳政办函2022-46", safe="") in b.links
    assert "同一发文字号" not in page(client, f"/documents/{quote(DOC_132_ID)}").text


def test_document_references_link_into_the_archive(client):
    p = page(client, f"/documents/{quote(CITING_ID)}")
    assert f"/documents/{quote(DOC_132_ID, safe='')}" in p.links
    assert "本文未引用其他文件" not in p.text and "档案中没有引用本文的文件" in p.text


def test_document_with_online_attachments_and_appointments(client):
    online = client.get("/documents/" + quote("阳政办函2024-55")).text
    assert online.count('<span class="status status-online"') == 2 and online.count("公报仅在网络版刊载") == 2
    appointments = page(client, "/documents/" + quote("阳政任字2024-7"))
    assert ("h2", "人事任免") in appointments.headings
    assert "魏砚明" in appointments.text and "任命" in appointments.text


def test_document_by_number_redirects_to_its_page(client):
    for ref in (DOC_132, "阳政办发2020 132", "阳政办发[2020]132号"):
        r = client.get("/documents/" + quote(ref, safe=""), follow_redirects=False)
        assert r.status_code == 302 and r.headers["location"] == f"/documents/{quote(DOC_132_ID, safe='')}"


def test_printed_view_numbers_lines_and_marks_corrections(client):
    r = client.get(f"/documents/{quote(DOC_132_ID)}/printed")
    assert r.status_code == 200
    p = Page(r.text)
    check_page_basics(p)
    check_local_anchors(p)
    assert "L1772" in p.ids and "L2324" in p.ids and "L1771" not in p.ids and "L2325" not in p.ids
    assert re.search(r'<mark class="correction" title="建议更正为：盂县[^"]*">孟县</mark>', r.text)
    assert "#L1870" in p.links
    # The line as a reader of the print sees it: the conversion's markdown marker is not shown.
    assert "阳泉市人民政府办公室" in p.text and "## " not in p.text


def test_unknown_pages_are_404_pages(client):
    for url in ("/documents/nothing-here", "/documents/" + quote("阳政发〔2099〕1号"), "/issues/1999-01",
                "/documents/nothing/printed", "/no/such/page"):
        r = client.get(url)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), url
        p = Page(r.text)
        check_page_basics(p)
        assert "未找到" in p.text


# --- escaping -------------------------------------------------------------------------------------

def test_html_in_the_archive_is_shown_as_text(client):
    """The synthetic document's title and text hold <script> and <img onerror>: every page that
    shows them must show them as text, never as markup."""
    pages = {
        "document": f"/documents/{quote(XSS_ID)}",
        "printed": f"/documents/{quote(XSS_ID)}/printed",
        "search": "/search?q=" + quote("网页安全"),
        "issue": "/issues/2021-01",
        "browse": "/search?year=2021",
    }
    for name, url in pages.items():
        r = client.get(url)
        assert r.status_code == 200, name
        assert "<script" not in r.text.lower(), name
        assert "<img" not in r.text.lower(), name
        p = Page(r.text)
        assert "script" not in p.tags and "img" not in p.tags, name
        assert '<script>alert("title")</script>' in p.text, name  # shown, as text
        assert "default-src 'none'" in r.headers["content-security-policy"]
    doc = Page(client.get(pages["document"]).text)
    assert '<script>alert("xss")</script>' in doc.text and "<img src=x onerror=alert(1)>" in doc.text
    assert "& 符号" in doc.text


def test_snippet_lets_only_mark_through():
    from gongbao.web.present import safe_snippet

    assert str(safe_snippet("a &lt;b&gt; <mark>c</mark>")) == "a &lt;b&gt; <mark>c</mark>"
    assert str(safe_snippet("<script>x</script><mark>y")) == "&lt;script&gt;x&lt;/script&gt;<mark>y</mark>"
    assert str(safe_snippet('<mark onclick="x">y</mark>')) == "&lt;mark onclick=&#34;x&#34;&gt;y"
    assert str(safe_snippet(None)) == ""


# --- presentation helpers ------------------------------------------------------------------------

def test_pages_and_search_state_links():
    from gongbao.web.present import SearchState, pages

    assert pages(1, 1) == [1]
    assert pages(1, 4) == [1, 2, 3, 4]
    assert pages(6, 12) == [1, None, 4, 5, 6, 7, 8, None, 12]
    state = SearchState(q="预案 应急", year=["2022"], page=3)
    assert state.url(page=4) == "/search?q=%E9%A2%84%E6%A1%88+%E5%BA%94%E6%80%A5&year=2022&page=4"
    assert state.url(add=("genre", "通知")).endswith("&year=2022&genre=%E9%80%9A%E7%9F%A5")
    assert state.url(remove=("year", "2022")) == "/search?q=%E9%A2%84%E6%A1%88+%E5%BA%94%E6%80%A5"


def test_printed_rows_cut_lines_around_corrections():
    from gongbao.store import CorrectionRecord, PrintedLine
    from gongbao.web.present import printed_rows

    fix = CorrectionRecord(2, "孟县", "盂县", "盂 read as 孟")
    rows = printed_rows((PrintedLine(1, "城区、矿区"), PrintedLine(2, "平定县、孟县和孟县")), (fix,))
    assert rows[0].segments == [("城区、矿区", None)]
    assert rows[1].segments == [("平定县、", None), ("孟县", fix), ("和", None), ("孟县", fix)]
