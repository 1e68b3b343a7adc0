"""The web UI in a real headless Chromium (Debian's `chromium`, driven by Playwright for Python),
against a real `gongbao serve` on a free 127.0.0.1 port. Screenshots go to tests/screenshots/.

`make test` installs Chromium when it can (`make browser-deps`); where it cannot, these tests
are skipped with a message saying what is missing. Every request the browser makes that is not
to the test server is refused, so all traffic stays on 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest

from _web_support import DOC_132, DOC_132_ID, SCREENSHOTS, XSS_ID, Server, build_web_archive

CHROMIUM = Path(os.environ.get("GONGBAO_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]


def _why_no_browser() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("browser tests skipped: Playwright for Python is not installed "
                "(pip install -c constraints.txt -e '.[test]')")
    if not CHROMIUM.exists():
        return (f"browser tests skipped: no Chromium at {CHROMIUM} "
                "(install Debian's chromium: `make browser-deps`, or set GONGBAO_CHROMIUM)")
    return None


_SKIP = _why_no_browser()
if _SKIP:  # say it in the warnings summary too, which pytest shows without -rs
    warnings.warn(_SKIP, stacklevel=1)
pytestmark = pytest.mark.skipif(_SKIP is not None, reason=_SKIP or "")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    db = build_web_archive(folder)
    srv = Server(db, log=folder / "serve.log")
    try:
        yield srv.wait()
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Tab:
    """A page in its own browser context, kept on the test server, recording dialogs."""

    def __init__(self, browser, server, *, width=1280, height=900, javascript=True):
        self.server = server
        self.context = browser.new_context(viewport={"width": width, "height": height},
                                           java_script_enabled=javascript, locale="zh-CN")
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1:%d/)" % server.port),
                           lambda route: route.abort())
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def go(self, path: str):
        response = self.page.goto(self.server.url + path)
        assert response is not None and response.ok, (path, response and response.status)
        return self.page

    def shot(self, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser, server):
    t = Tab(browser, server)
    yield t
    t.close()


def result_count(page) -> int:
    return int(re.search(r"共\s*(\d+)\s*件公文", page.locator(".result-count").inner_text())[1])


def test_search_open_a_result_and_follow_it_to_its_issue(tab):
    page = tab.go("/")
    page.get_by_label("搜索公文").fill("森林草原火灾")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(re.compile(r"/search\?q="))
    assert page.locator(".result").count() > 0
    tab.shot("01-search-results")

    first = page.locator(".result").first
    number = first.locator(".docnum").inner_text()
    date = first.locator("time").inner_text()
    assert "<mark>" not in first.inner_text() and first.locator("mark").count() > 0
    first.locator(".result-title a").click()
    page.wait_for_url(re.compile(r"/documents/"))

    # The plan of that name ranks first; its page shows the 文号 and date the hit showed.
    assert page.locator("#meta-doc-number").inner_text() == number == "阳政办发〔2024〕32号"
    assert page.locator("#meta-signed").inner_text() == date == "2024年6月4日"
    assert page.locator("h1").inner_text() == "阳泉市人民政府办公室关于印发阳泉市森林草原火灾应急预案的通知"
    tab.shot("02-document")

    page.locator("#source-issue").click()
    page.wait_for_url(re.compile(r"/issues/2024-03$"))
    assert page.locator("h1").inner_text() == "阳泉市人民政府公报"
    assert "2024 年第 3 期" in page.locator(".cover").inner_text()
    assert page.get_by_role("link", name="阳泉市人民政府办公室关于印发阳泉市森林草原火灾应急预案的通知").count() == 1
    tab.shot("03-issue")
    assert not tab.dialogs


def test_facets_narrow_the_results_and_stay_in_the_url(tab):
    page = tab.go("/search?q=" + quote("应急预案"))
    before = result_count(page)
    page.locator(".facet").filter(has_text="年份").get_by_role("link", name=re.compile(r"^2022")).click()
    page.wait_for_url(re.compile(r"year=2022"))
    after = result_count(page)
    assert 0 < after < before
    years = {t.get_attribute("datetime")[:4] for t in page.locator(".result time").all()}
    assert years == {"2022"}
    assert "q=%E5%BA%94%E6%80%A5%E9%A2%84%E6%A1%88" in page.url  # the query is kept, shareable
    tab.shot("04-facet-year-2022")
    page.get_by_role("link", name=re.compile("年份：2022")).click()  # remove the filter again
    page.wait_for_url(lambda url: "year=" not in url)
    assert result_count(page) == before


def test_outline_and_printed_view(tab):
    page = tab.go(f"/documents/{quote(DOC_132_ID)}")
    page.locator(".outline").get_by_role("link", name="3 预报与预警").click()
    assert page.url.endswith("#L1962")
    assert page.locator("#L1962").is_visible()
    page.get_by_role("link", name="查看原文（印刷行）").click()
    page.wait_for_url(re.compile(r"/printed$"))
    marks = page.locator(".printed-lines mark.correction")
    assert marks.count() == 1 and marks.first.inner_text() == "孟县"
    assert "盂县" in marks.first.get_attribute("title")
    page.get_by_role("link", name="第 1870 行").click()
    assert page.url.endswith("#L1870")
    tab.shot("05-printed")


def test_pages_fit_a_phone(browser, server):
    phone = Tab(browser, server, width=390, height=844)
    try:
        for name, path in (("06-phone-home", "/"), ("07-phone-search", "/search?q=" + quote("重污染天气")),
                           ("08-phone-document", f"/documents/{quote(DOC_132_ID)}"),
                           ("09-phone-printed", f"/documents/{quote(DOC_132_ID)}/printed"),
                           ("10-phone-issue", "/issues/2020-06")):
            page = phone.go(path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, (path, overflow)
            phone.shot(name)
    finally:
        phone.close()


def test_everything_works_without_javascript(browser, server):
    nojs = Tab(browser, server, javascript=False)
    try:
        page = nojs.go("/")
        page.get_by_label("搜索公文").fill("阳政办发2020 132")
        page.get_by_label("搜索公文").press("Enter")
        page.wait_for_url(re.compile(r"/search\?q="))
        page.locator(".result-title a").first.click()
        page.wait_for_url(re.compile(r"/documents/"))
        assert page.locator("#meta-doc-number").inner_text() == DOC_132
    finally:
        nojs.close()


def test_script_in_the_archive_never_runs(tab):
    page = tab.go(f"/documents/{quote(XSS_ID)}")
    assert page.locator("h1").inner_text() == '阳泉市人民政府办公室关于加强<script>alert("title")</script>网页安全的通知'
    assert '<script>alert("xss")</script>' in page.locator(".doc-text").inner_text()
    assert "<img src=x onerror=alert(1)>" in page.locator(".doc-text").inner_text()
    tab.shot("11-script-shown-as-text")
    for path in ("/search?q=" + quote("网页安全"), "/issues/2021-01", f"/documents/{quote(XSS_ID)}/printed"):
        tab.go(path)
    page.wait_for_timeout(300)
    assert tab.dialogs == []
