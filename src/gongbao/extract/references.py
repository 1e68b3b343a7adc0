"""Stage 7a, references: a document's paragraphs -> cites / repeals / amends.

Every document number in the text is a citation; one in a sentence that says the cited document
is repealed (同时废止, 不再执行, 停止执行) is a repeal; one in a sentence that deletes or changes
its clauses (修正, 修改, 删除 ... 条款) is an amendment. Cited 《titles》 without a number are kept
as citations by title.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from gongbao.docnumber import DocNumber, find_doc_numbers
from gongbao.model import Paragraph, Reference

REPEAL = re.compile(r"同时废止|予以废止|一并废止|废止|不再执行|停止执行|失效")
AMEND = re.compile(r"修正|修改|删除|调整为|修订")
SENTENCE_END = re.compile(r"[。；;！？]")
TITLE = re.compile(r"《(?P<title>[^《》]{4,80})》")
# A 《title》 right before a number: 《阳泉市…预案》（阳政办发〔2020〕105号）. Searched for in the
# TITLE_REACH characters before the number only, so a paragraph citing thousands of numbers
# stays linear (a title is at most 80 characters).
TITLE_BEFORE = re.compile(r"《(?P<title>[^《》]{2,80})》\s*[（(]?\s*$")
TITLE_REACH = 120


# A title followed by a pointer to one of the document's own attachments: 《…清单》（见附件2）.
OWN_ATTACHMENT_AFTER = re.compile(r"^\s*[（(]\s*(?:见|详见)?\s*附件")
# What a title comparison ignores: spaces and the brackets' widths.
_SPACES = re.compile(r"\s+")
_KIND_RANK = {"repeals": 0, "amends": 1, "cites": 2}


def find_references(paras: list[Paragraph], own: DocNumber | None, own_titles: tuple[str, ...] = ()) -> list[Reference]:
    """References out of a document; `own_titles` (its own, its instrument's and its attachments')
    are not citations, nor are filing numbers (备案号). One reference per document referred to (see `merge_references`)."""
    own_keys = tuple(k for k in (_key(t) for t in own_titles) if k)
    refs: list[Reference] = []
    for p in paras:
        text = p.text
        numbered_titles = set()
        numbers = find_doc_numbers(text)
        ends = [m.end() for m in SENTENCE_END.finditer(text)] if numbers else []
        kinds: dict[tuple[int, int], str] = {}  # each sentence read once, however many numbers
        for number, start, end in numbers:
            if number == own or number.is_filing:
                continue
            bounds = _sentence_around(start, end, ends, len(text))
            if bounds not in kinds:
                sentence = text[bounds[0]:bounds[1]]
                kinds[bounds] = "repeals" if REPEAL.search(sentence) else \
                    "amends" if AMEND.search(sentence) and "条" in sentence else "cites"
            kind = kinds[bounds]
            title = _title_before(text, start)
            numbered_titles.add(title)
            refs.append(Reference(kind, number, title, p.first_line))
        for m in TITLE.finditer(text) if "《" in text else ():
            if m["title"] in numbered_titles or _is_own(m["title"], own_keys) \
                    or OWN_ATTACHMENT_AFTER.match(text[m.end():m.end() + 8]):
                continue
            refs.append(Reference("cites", None, m["title"], p.first_line))
    return merge_references(refs)


def merge_references(refs: list[Reference], links=()) -> list[Reference]:
    """One reference per document referred to, in order of first mention: a number (or a title
    without one) named twice is listed once, with its strongest kind (repeals, amends, cites) and
    the line of that mention. `links` (repeals and amends read by extract.validity, which reads
    sentences across paragraphs) set the kind of what they name, and add what they name by title."""
    out: list[Reference] = []
    index: dict[str, int] = {}
    candidates = [*refs, *(Reference(x.kind, x.doc_number, x.title, x.line) for x in links)]
    for r in candidates:
        key = str(r.doc_number) if r.doc_number else "t:" + (_key(r.title) or "")
        if key in index:
            i = index[key]
            if _KIND_RANK[r.kind] < _KIND_RANK[out[i].kind]:
                out[i] = Reference(r.kind, out[i].doc_number, out[i].title or r.title, r.line)
            elif out[i].title is None and r.title:
                out[i] = Reference(out[i].kind, out[i].doc_number, r.title, out[i].line)
            continue
        if r.doc_number is None and not r.title:
            continue
        index[key] = len(out)
        out.append(r)
    return out


def _key(title: str | None) -> str | None:
    return _SPACES.sub("", title) if title else None


def _is_own(title: str, own_keys: tuple[str, ...]) -> bool:
    """The document's own title, its instrument's, or one of its attachments' (the text may cite an
    attachment a little shorter than its list entry: 《…会商意见》 for 附件 …会商意见表)."""
    key = _key(title) or ""
    return any(key == k or (len(key) >= 6 and k.startswith(key)) for k in own_keys)


def _sentence_around(start: int, end: int, ends: list[int], length: int) -> tuple[int, int]:
    """Where the sentence holding [start, end) begins and ends; `ends` are the offsets after
    every SENTENCE_END of the text (found once per paragraph, so the work stays linear)."""
    k = bisect_left(ends, start + 1)  # ends[k - 1] <= start: the last sentence end before it
    left = ends[k - 1] if k else 0
    k = bisect_left(ends, end + 1)  # the first sentence end whose mark lies at or after `end`
    return left, (ends[k] if k < len(ends) else length)


def _title_before(text: str, start: int) -> str | None:
    """The 《title》 printed right before a number: 《阳泉市…预案》（阳政办发〔2020〕105号）."""
    m = TITLE_BEFORE.search(text, max(0, start - TITLE_REACH), start)
    return m["title"] if m else None
