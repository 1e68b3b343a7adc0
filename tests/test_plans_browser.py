"""The plan cards in a real browser (Debian's chromium; skipped where it is missing, as in
test_browser.py): every card prints on one A4 sheet, and the pages fit a phone."""

from __future__ import annotations

import re
from urllib.parse import quote

from test_browser import Tab, browser, pytestmark, server  # noqa: F401 (fixtures and the skip mark)

PLAN_IDS = ["阳政办发2020-132", "阳政办发2020-134", "阳政办发2022-15", "阳政办发2022-16", "阳政办发2022-17",
            "阳政办发2022-18", "阳政办发2022-19", "阳政办发2022-20", "阳政办发2023-57", "阳政办发2024-32"]


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_every_plan_card_prints_on_one_a4_sheet(browser, server):  # noqa: F811
    tab = Tab(browser, server)
    try:
        for doc_id in PLAN_IDS:
            page = tab.go("/plans/" + quote(doc_id))
            assert pdf_pages(page.pdf(format="A4")) == 1, doc_id
    finally:
        tab.close()


def test_plan_pages_fit_a_phone(browser, server):  # noqa: F811
    phone = Tab(browser, server, width=390, height=844)
    try:
        for name, path in (("20-phone-plans", "/plans"), ("21-phone-plan", "/plans/" + quote("阳政办发2020-132"))):
            page = phone.go(path)
            assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, path
            phone.shot(name)
    finally:
        phone.close()
