"""Stage 7a, references: a document's paragraphs -> cites / repeals / amends.

Every document number in the text is a citation; one in a sentence that says the cited document
is repealed (同时废止, 不再执行, 停止执行) is a repeal; one in a sentence that deletes or changes
its clauses (修正, 修改, 删除 ... 条款) is an amendment. Cited 《titles》 without a number are kept
as citations by title.
"""

from __future__ import annotations

import re

from gongbao.docnumber import DocNumber, find_doc_numbers
from gongbao.model import Paragraph, Reference

REPEAL = re.compile(r"同时废止|予以废止|一并废止|废止|不再执行|停止执行|失效")
AMEND = re.compile(r"修正|修改|删除|调整为|修订")
SENTENCE_END = re.compile(r"[。；;！？]")
TITLE = re.compile(r"《(?P<title>[^《》]{4,80})》")


def find_references(paras: list[Paragraph], own: DocNumber | None, own_titles: tuple[str, ...] = (),
                    attachments: set[str] = frozenset()) -> list[Reference]:
    """References out of a document; `own_titles` (its own and its instrument's) and the titles
    of its own `attachments` are not citations, nor are filing numbers (备案号)."""
    refs: list[Reference] = []
    own_titles = tuple(own_titles) + tuple(attachments)
    for p in paras:
        text = p.text
        numbered_titles = set()
        for number, start, end in find_doc_numbers(text):
            if number == own or number.is_filing:
                continue
            sentence = _sentence_around(text, start, end)
            kind = "repeals" if REPEAL.search(sentence) else "amends" if AMEND.search(sentence) and "条" in sentence else "cites"
            title = _title_before(text, start)
            numbered_titles.add(title)
            refs.append(Reference(kind, number, title, p.first_line))
        for m in TITLE.finditer(text):
            if m["title"] not in numbered_titles and m["title"] not in own_titles:
                refs.append(Reference("cites", None, m["title"], p.first_line))
    return refs


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = SENTENCE_END.search(text, end)
    return text[left: right.end() if right else len(text)]


def _title_before(text: str, start: int) -> str | None:
    """The 《title》 printed right before a number: 《阳泉市…预案》（阳政办发〔2020〕105号）."""
    m = re.search(r"《(?P<title>[^《》]{2,80})》\s*[（(]?\s*$", text[:start])
    return m["title"] if m else None
