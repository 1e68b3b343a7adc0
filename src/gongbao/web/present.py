"""Presentation helpers: archive records into what the templates lay out.

No SQL and no parsing here: only arranging values the archive returns (grouping paragraphs into
blocks, cutting printed lines around suggested corrections, building page and filter links).
Values stay plain strings: the templates escape them (Jinja2 autoescape).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from markupsafe import Markup, escape

from gongbao.parse.outline import SENTENCE_END, heading_of
from gongbao.text.chinese import DATE_LINE
from gongbao.text.layout import reader_form
from gongbao.store.records import (
    CorrectionRecord, DocumentRecord, OutlineNode, ParagraphRecord, PrintedLine,
)

__all__ = ["cn_date", "safe_snippet", "Block", "text_blocks", "outline_anchors", "RefGroup",
           "reference_groups", "PrintedRow", "outline_headings",
           "printed_rows", "SearchState", "pages", "ATTACHMENT_STATUS", "REFERENCE_KIND",
           "FACET_NAMES"]

# How the UI names things the archive stores in English codes.
ATTACHMENT_STATUS = {
    "included": ("随文刊载", "附件全文见本文"),
    "omitted": ("略", "公报未刊载（原文注“略”）"),
    "online": ("见网络版", "公报仅在网络版刊载"),
}
REFERENCE_KIND = {"cites": "引用", "repeals": "废止", "amends": "修改"}
FACET_NAMES = {"year": "年份", "genre": "文种", "issuer": "发文机关", "section": "栏目"}


def cn_date(value: date | str | None) -> str:
    """2020年12月9日; '' for None."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    return f"{value.year}年{value.month}月{value.day}日"


_MARK = re.compile(r"(</?mark>)")


def safe_snippet(snippet: str | None) -> Markup:
    """The archive's snippet (escaped text with <mark> tags) as markup, with <mark> the only tag
    let through: whatever the archive did, nothing else in it can become markup."""
    if not snippet:
        return Markup("")
    out = []
    depth = 0
    for part in _MARK.split(snippet):
        if part == "<mark>":
            if depth == 0:
                out.append("<mark>")
            depth += 1
        elif part == "</mark>":
            if depth == 1:
                out.append("</mark>")
            depth = max(0, depth - 1)
        else:
            out.append(str(escape(html.unescape(part))))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))


# --- document text --------------------------------------------------------------------------------

@dataclass
class Block:
    """A piece of the document page's text: a heading, a paragraph or a table."""

    kind: str  # "heading" | "para" | "table"
    anchor: str
    text: str = ""
    level: int = 3  # for headings: the HTML heading level
    lead: str = ""  # for paragraphs opening with an outline label: the label and heading, in bold
    role: str = ""  # for a 公文's fixed elements: docnum, addressee, signature, date, note
    rows: list[tuple[str, ...]] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0


def _flatten(nodes: tuple[OutlineNode, ...], depth: int = 0):
    for node in nodes:
        yield node, depth
        yield from _flatten(node.children, depth + 1)


def _para_for_line(paragraphs: tuple[ParagraphRecord, ...], line: int) -> ParagraphRecord | None:
    for p in paragraphs:
        if p.first_line <= line <= p.last_line:
            return p
    return None


def _heading(node: OutlineNode, para: ParagraphRecord | None) -> str:
    """The node's heading read again from its paragraph (parse.outline.heading_of), so that an
    archive ingested before headings stopped being cut at a fixed length shows them whole."""
    if para is None:
        return node.heading
    label = node.label.replace(" ", "")
    if not para.text.replace(" ", "").startswith(label):
        return node.heading
    return heading_of(para.text[_cut_after(para.text, len(label)):])


def outline_headings(doc: DocumentRecord) -> dict[int, str]:
    """Outline node line -> its heading, as the page shows it (the outline navigation)."""
    return {node.line: _heading(node, _para_for_line(doc.paragraphs, node.line))
            for node, _ in _flatten(doc.outline)}


def outline_anchors(doc: DocumentRecord) -> dict[int, str]:
    """Outline node line -> the anchor of the text block that holds it."""
    out = {}
    for node, _ in _flatten(doc.outline):
        para = _para_for_line(doc.paragraphs, node.line)
        out[node.line] = f"L{para.first_line}" if para else f"L{node.line}"
    return out


def text_blocks(doc: DocumentRecord) -> list[Block]:
    """The document's paragraphs as blocks: outline headings and markdown headings become
    headings, table rows are gathered into tables, every block is anchored at its first line."""
    heads: dict[int, tuple[OutlineNode, int]] = {}
    for node, depth in _flatten(doc.outline):
        para = _para_for_line(doc.paragraphs, node.line)
        if para is not None:
            heads.setdefault(para.first_line, (node, depth))
    blocks: list[Block] = []
    for p in doc.paragraphs:
        anchor = f"L{p.first_line}"
        if p.kind == "rule":
            continue
        if p.kind == "table":
            cells = p.cells or tuple(p.text.split("\t"))
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(tuple(cells))
                blocks[-1].last_line = p.last_line
            else:
                blocks.append(Block("table", anchor, rows=[tuple(cells)], first_line=p.first_line,
                                    last_line=p.last_line))
            continue
        if _in_title(doc, p):
            continue  # the title is the page's <h1>
        head = heads.get(p.first_line)
        if head is not None:
            node, depth = head
            heading = _heading(node, p)
            label = f"{node.label}{heading}".strip()
            level = min(3 + depth, 6)
            if len(p.text) <= len(label) + 4:
                blocks.append(Block("heading", anchor, text=p.text, level=level,
                                    first_line=p.first_line, last_line=p.last_line))
                continue
            compact = p.text.replace(" ", "")
            if label and compact.startswith(label.replace(" ", "")):
                cut = _cut_after(p.text, len(label.replace(" ", "")))
                if heading and SENTENCE_END.match(p.text, cut):
                    cut += 1  # the bold heading ends with its sentence's end mark
                blocks.append(Block("para", anchor, text=p.text[cut:], lead=p.text[:cut],
                                    first_line=p.first_line, last_line=p.last_line))
                continue
        if p.kind == "heading" or (doc.instrument_title and _same(p.text, doc.instrument_title)):
            blocks.append(Block("heading", anchor, text=p.text, level=2 if _same(p.text, doc.instrument_title) else 3,
                                first_line=p.first_line, last_line=p.last_line))
            continue
        blocks.append(Block("para", anchor, text=p.text, role=_role(doc, p),
                            first_line=p.first_line, last_line=p.last_line))
    return blocks


def _role(doc: DocumentRecord, p: ParagraphRecord) -> str:
    """Which fixed element of a 公文 (GB/T 9704) a paragraph is, for its layout; '' for body text."""
    if doc.doc_number_line and p.first_line <= doc.doc_number_line <= p.last_line and len(p.text) < 40:
        return "docnum"
    if doc.addressees and p.text.rstrip().endswith(("：", ":")) and doc.addressees[0] in p.text \
            and len(p.text) < 120:
        return "addressee"
    if doc.signature and _same(p.text, doc.signature):
        return "signature"
    if DATE_LINE.match(p.text):
        return "date"
    if doc.publicity and doc.publicity in p.text and len(p.text) <= len(doc.publicity) + 4:
        return "note"
    return ""


def _in_title(doc: DocumentRecord, p: ParagraphRecord) -> bool:
    """A paragraph of the printed title (which a narrow column may break over several)."""
    if not doc.title or doc.title_line is None or p.first_line < doc.title_line:
        return False
    end = doc.doc_number_line or doc.title_line + 1
    if p.first_line >= end and p.first_line != doc.title_line:
        return False
    compact = "".join(p.text.split())
    return bool(compact) and compact in "".join(doc.title.split())


def _same(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return "".join(a.split()) == "".join(b.split())


def _cut_after(text: str, nonspace: int) -> int:
    """The index in `text` just after its first `nonspace` non-space characters."""
    seen = 0
    for i, ch in enumerate(text):
        if ch != " ":
            seen += 1
            if seen == nonspace:
                return i + 1
    return len(text)


# --- references ---------------------------------------------------------------------------------

@dataclass
class RefGroup:
    """One document referred to, however often: kind, number and/or title, where it is mentioned."""

    kind: str
    doc_number: str | None
    title: str | None
    target_id: str | None
    target_title: str | None
    lines: list[int]


_KIND_ORDER = {"repeals": 0, "amends": 1, "cites": 2}


def reference_groups(doc: DocumentRecord) -> list[RefGroup]:
    """The document's references, one entry per document referred to (repeals and amends first).

    A mention of the document's own title or of the instrument it issues is left out, and so is
    a title mentioned without a number when the same title is also referred to with one.
    """
    own = {"".join((t or "").split()) for t in (doc.title, doc.instrument_title) if t}
    numbered_titles = {(r.kind, r.title) for r in doc.references if r.doc_number and r.title}
    groups: dict[tuple, RefGroup] = {}
    for r in doc.references:
        if not r.doc_number:
            if not r.title or "".join(r.title.split()) in own or (r.kind, r.title) in numbered_titles:
                continue
        key = (r.kind, r.doc_number or r.title)
        group = groups.get(key)
        if group is None:
            groups[key] = RefGroup(r.kind, r.doc_number, r.title, r.target_id, r.target_title, [r.line])
        else:
            group.lines.append(r.line)
            group.title = group.title or r.title
            group.target_id = group.target_id or r.target_id
            group.target_title = group.target_title or r.target_title
    return sorted(groups.values(), key=lambda g: _KIND_ORDER.get(g.kind, 9))


# --- as printed -----------------------------------------------------------------------------------

@dataclass
class PrintedRow:
    number: int
    segments: list[tuple[str, CorrectionRecord | None]]
    corrections: list[CorrectionRecord]  # every correction suggested for this line
    gap: bool = False  # blank lines of the file come before this one
    page: int | None = None  # set on the first row of each PDF page: a page mark goes above it
    low_confidence: float | None = None  # its OCR score, when under text.ocr.LOW_CONFIDENCE


def printed_rows(lines: tuple[PrintedLine, ...], corrections: tuple[CorrectionRecord, ...]) -> list[PrintedRow]:
    """Each line with text, as a reader of the print sees it (no markdown markers), cut into
    plain segments and the segments a correction is suggested for. Blank lines of the file are
    not rows (they were not printed lines): the row after them is marked `gap`. Every row keeps
    its line number in the file. Lines of a PDF: the first of each page carries its page, and
    a line OCR read with a low score carries that score."""
    from gongbao.text.ocr import LOW_CONFIDENCE

    by_line: dict[int, list[CorrectionRecord]] = {}
    for c in corrections:
        by_line.setdefault(c.line, []).append(c)
    rows = []
    gap = False
    page = None
    for ln in lines:
        text = reader_form(ln.text)
        if not text.strip():
            gap = bool(rows)
            continue
        found = by_line.get(ln.number, [])
        low = ln.confidence if ln.confidence is not None and ln.confidence < LOW_CONFIDENCE else None
        rows.append(PrintedRow(ln.number, _segments(text, found), found, gap,
                               ln.page if ln.page is not None and ln.page != page else None, low))
        page = ln.page
        gap = False
    return rows


def _segments(text: str, corrections: list[CorrectionRecord]) -> list[tuple[str, CorrectionRecord | None]]:
    spans: list[tuple[int, int, CorrectionRecord]] = []
    for c in corrections:
        if not c.printed:
            continue
        start = 0
        while (i := text.find(c.printed, start)) >= 0:
            end = i + len(c.printed)
            if all(end <= s or i >= e for s, e, _ in spans):
                spans.append((i, end, c))
            start = end
    spans.sort(key=lambda s: s[0])
    out: list[tuple[str, CorrectionRecord | None]] = []
    pos = 0
    for s, e, c in spans:
        if s > pos:
            out.append((text[pos:s], None))
        out.append((text[s:e], c))
        pos = e
    if pos < len(text) or not out:
        out.append((text[pos:], None))
    return out


# --- search state, links, pagination --------------------------------------------------------------

@dataclass
class SearchState:
    """What a search page shows, as it stands in the URL: the query, filters, page."""

    q: str = ""
    year: list[str] = field(default_factory=list)
    genre: list[str] = field(default_factory=list)
    issuer: list[str] = field(default_factory=list)
    section: list[str] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    path: str = "/search"
    sort: str = "relevance"  # or date (newest first)

    @property
    def has_filters(self) -> bool:
        return bool(self.year or self.genre or self.issuer or self.section or self.date_from or self.date_to)

    def params(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.q:
            out.append(("q", self.q))
        for name in ("year", "genre", "issuer", "section"):
            out += [(name, v) for v in getattr(self, name)]
        if self.date_from:
            out.append(("from", self.date_from))
        if self.date_to:
            out.append(("to", self.date_to))
        if self.sort != "relevance":
            out.append(("sort", self.sort))
        if self.page > 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, *, page: int | None = None, add: tuple[str, str] | None = None,
            remove: tuple[str, str] | None = None) -> str:
        """This page's URL with another page, or a filter value added or removed (back to page 1)."""
        params = [(k, v) for k, v in self.params() if k != "page"]
        if add and add not in params:
            params.append(add)
        if remove:
            params = [p for p in params if p != remove]
        target = page if page is not None else (1 if (add or remove) else self.page)
        if target > 1:
            params.append(("page", str(target)))
        return self.path + ("?" + urlencode(params) if params else "")

    def export_url(self, path: str) -> str:
        """The API address of this search's results as a file or a feed (no page: all of it)."""
        params = [(k, v) for k, v in self.params() if k != "page"]
        return path + ("?" + urlencode(params) if params else "")

    def with_sort(self, sort: str) -> str:
        """This search sorted another way (back to page 1)."""
        params = [(k, v) for k, v in self.params() if k not in ("page", "sort")]
        if sort != "relevance":
            params.append(("sort", sort))
        return self.path + ("?" + urlencode(params) if params else "")

    def active(self) -> list[tuple[str, str, str]]:
        """(parameter, value, label) of every filter in force."""
        out = []
        for name in ("year", "genre", "issuer", "section"):
            out += [(name, v, f"{FACET_NAMES[name]}：{v}") for v in getattr(self, name)]
        if self.date_from:
            out.append(("from", self.date_from, f"起：{self.date_from}"))
        if self.date_to:
            out.append(("to", self.date_to, f"止：{self.date_to}"))
        return out

    def selected(self, name: str, value: str) -> bool:
        return value in getattr(self, name, [])


def pages(current: int, last: int, *, around: int = 2) -> list[int | None]:
    """Page numbers to link, None where a gap is: [1, None, 4, 5, 6, None, 12]."""
    if last <= 1:
        return [1] if last == 1 else []
    shown = {1, last} | set(range(max(1, current - around), min(last, current + around) + 1))
    out: list[int | None] = []
    prev = 0
    for n in sorted(shown):
        if n > prev + 1:
            out.append(None)
        out.append(n)
        prev = n
    return out


# --- validity -------------------------------------------------------------------------------------

def status_evidence(st) -> str:
    """One line saying why a document has its status (the badge's title)."""
    d = st.document
    parts = []
    if st.repealed_by:
        e = st.repealed_by[0]
        parts.append(f"被{e.source.doc_number or e.source.title}废止（第 {e.link.line} 行）")
    if d.effective:
        parts.append(f"{d.effective.isoformat()}起施行（第 {d.effective_line} 行）")
    if d.expires:
        parts.append(f"有效期至{d.expires.isoformat()}（第 {d.validity_line} 行）")
    if st.amended_by:
        e = st.amended_by[0]
        parts.append(f"被{e.source.doc_number or e.source.title}修改（第 {e.link.line} 行）")
    return "；".join(parts) or "文件未写明施行日期和有效期"
