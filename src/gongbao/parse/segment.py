"""Stage 4, segment: paragraphs -> document spans.

A document is anchored on its 发文字号 line (a paragraph that is nothing but a document number);
its title is the run of short paragraphs just before that line. A document runs until the next
document's title. So a 印发 notice and the instrument printed after its signature (which has a
title of its own but no 文号) stay one document. A document whose 文号 line is missing is found
by its table-of-contents title instead, and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongbao.docnumber import DocNumber, match_whole
from gongbao.model import Paragraph, TocEntry, Warning
from gongbao.text.chinese import display_width, ends_sentence, remove_layout_spaces
from gongbao.text.layout import OMITTED_END, PUBLICITY_NOTE, is_block_line
from gongbao.parse.issue import PAGE_REF

# A title is at most this many paragraphs and this wide (in character cells).
MAX_TITLE_PARAGRAPHS = 5
MAX_TITLE_WIDTH = 120
# The first paragraph of a title usually names the issuer: ...人民政府 / ...办公室 [关于...].
ISSUER_START = re.compile(r"^[\u4e00-\u9fff（）() ]{2,40}?(?:人民政府|办公室|委员会|管委会|办事处|人大常委会|局|厅)(?:\s*关于|$)")
# The back page: address, postcode, printing details.
BACK_MATTER = re.compile(r"(?:地\s*址|邮\s*编|邮政编码|电\s*话|传\s*真|网\s*址|准印证|印\s*刷|内部资料|免费交流)[:：]?")


@dataclass(frozen=True)
class Span:
    """Where one document lies in the paragraph list: title, 文号 line and end (exclusive)."""

    start: int  # index of the first title paragraph
    number_at: int | None  # index of the 文号 paragraph, None when found by TOC title
    end: int  # index after the last paragraph
    doc_number: DocNumber | None


def find_spans(paragraphs: list[Paragraph]) -> list[Span]:
    """Document spans in reading order, anchored on 文号 lines."""
    heads: list[tuple[int, int | None, DocNumber | None]] = []  # (title start, 文号 index, number)
    floor = _body_floor(paragraphs)
    for i, p in enumerate(paragraphs):
        if i < floor or p.kind == "table":
            continue
        number = match_whole(p.text)
        if number is None:
            continue
        lowest = heads[-1][1] + 1 if heads and heads[-1][1] is not None else floor
        start = _title_start(paragraphs, i, lowest)
        if start == i and not _addressed(paragraphs, i + 1):
            continue  # a number standing alone in a text (a list of cited documents), not a 文号 line
        heads.append((start, i, number))
    return _spans(paragraphs, heads)


def _addressed(paragraphs: list[Paragraph], i: int) -> bool:
    """Whether paragraph i looks like a 主送机关 line: short, ending with a colon."""
    return i < len(paragraphs) and len(paragraphs[i].text) <= 120 and paragraphs[i].text.rstrip().endswith(("：", ":"))


def add_spans_by_toc_title(paragraphs: list[Paragraph], spans: list[Span], toc: list[TocEntry]) -> tuple[list[Span], list[Warning]]:
    """Add the documents the TOC lists whose 文号 line is missing, found by their printed title."""
    warnings: list[Warning] = []
    heads = [(s.start, s.number_at, s.doc_number) for s in spans]
    extra = _found_by_toc_title(paragraphs, toc, heads, _body_floor(paragraphs), warnings)
    if not extra:
        return spans, warnings
    return _spans(paragraphs, sorted(heads + extra)), warnings


def _spans(paragraphs: list[Paragraph], heads) -> list[Span]:
    spans = []
    for k, (start, at, number) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else _end_of_body(paragraphs)
        spans.append(Span(start, at, max(end, (at or start) + 1), number))
    return spans


def front_matter_end(paragraphs: list[Paragraph], spans: list[Span]) -> int:
    """Index of the first paragraph of the first document: cover and TOC lie before it."""
    return spans[0].start if spans else len(paragraphs)


def _body_floor(paragraphs: list[Paragraph]) -> int:
    """Skip TOC entries: a 文号 line never stands inside the table of contents."""
    last_toc = -1
    for i, p in enumerate(paragraphs[:400]):
        if PAGE_REF.search(p.text) and ("…" in p.text or ".." in p.text or p.kind == "table"):
            last_toc = i
    return last_toc + 1


def _title_start(paragraphs: list[Paragraph], at: int, lowest: int) -> int:
    """Walk back from a 文号 paragraph over the title's paragraphs; return the first one's index."""
    start = at
    width = 0.0
    while start - 1 >= lowest and at - (start - 1) <= MAX_TITLE_PARAGRAPHS:
        p = paragraphs[start - 1]
        text = p.text.strip()
        if not _may_be_title(p):
            break
        width += display_width(text)
        if width > MAX_TITLE_WIDTH:
            break
        start -= 1
        if p.kind == "heading" and ISSUER_START.match(text):
            break  # a markdown heading holding the whole title, issuer first
    # Of the candidates, the title begins at the last one that starts with an issuer's name.
    # (The last one: an orphan signature of the previous document may stand just before it.)
    for i in reversed(range(start, at)):
        if ISSUER_START.match(paragraphs[i].text.strip()):
            return i
    return start


def _may_be_title(p: Paragraph) -> bool:
    text = p.text.strip()
    return not (
        p.kind in ("table", "rule")
        or not text
        or ends_sentence(text)
        or is_block_line(text)
        or PUBLICITY_NOTE.match(text)
        or OMITTED_END.search(text)
        or PAGE_REF.search(text)
        or text.startswith("附件")
        or BACK_MATTER.match(text)
    )


def _found_by_toc_title(paragraphs, toc, heads, floor, warnings) -> list[tuple[int, int | None, DocNumber | None]]:
    """Documents listed in the TOC whose 文号 line is missing: find their printed title."""
    found_numbers = {n for _, _, n in heads}
    starts = {s for s, _, _ in heads}
    extra = []
    index = None  # made when a first entry needs it (most issues: none)
    for entry in toc:
        if (entry.doc_number and entry.doc_number in found_numbers) or len(entry.title) < 8:
            continue
        if index is None:
            index = _title_index(paragraphs, floor, max(len(_key(e.title)) for e in toc))
        at = _find_title(paragraphs, _key(entry.title), floor, starts, index)
        if at is not None and not any(start <= at <= number_at for start, number_at, _ in heads if number_at):
            extra.append((at, None, entry.doc_number))
            starts.add(at)
            if entry.doc_number:
                warnings.append(Warning(paragraphs[at].first_line, "missing-doc-number",
                                        f"document {entry.doc_number} found by its TOC title; the body prints no 文号 line"))
    return extra


def _find_title(paragraphs: list[Paragraph], wanted: str, floor: int, taken: set[int],
                index: dict[str, list[int]] | None = None) -> int | None:
    """Index of the first paragraph where a title (possibly over several paragraphs) is printed."""
    starts = index.get(wanted, ()) if index is not None else range(floor, len(paragraphs))
    for i in starts:
        if i in taken or paragraphs[i].kind == "table" or not wanted.startswith(_key(paragraphs[i].text)[:4]):
            continue
        joined = ""
        for j in range(i, min(i + MAX_TITLE_PARAGRAPHS, len(paragraphs))):
            joined += _key(paragraphs[j].text)
            if joined == wanted:
                return i
            if len(joined) >= len(wanted) or not wanted.startswith(joined):
                break
    return None


def _title_index(paragraphs: list[Paragraph], floor: int, longest: int) -> dict[str, list[int]]:
    """Every title `_find_title` could find, up to `longest` characters, to the paragraphs where
    it starts: one pass over the text instead of one per TOC entry (linear, not quadratic)."""
    keys: dict[int, str] = {}  # only those of paragraphs short enough to be part of a title
    for j, p in enumerate(paragraphs):
        if len(p.text) - sum(p.text.count(c) for c in " \t\u3000\u00a0") <= longest:
            keys[j] = _key(p.text)
    index: dict[str, list[int]] = {}
    for i in range(floor, len(paragraphs)):
        joined = ""
        for j in range(i, min(i + MAX_TITLE_PARAGRAPHS, len(paragraphs))):
            if j not in keys:  # longer than any title
                break
            joined += keys[j]
            if len(joined) > longest:
                break
            index.setdefault(joined, []).append(i)
    return index


def _key(text: str) -> str:
    """A title reduced for comparison: no spaces, brackets and quotes unified."""
    t = remove_layout_spaces(text).replace(" ", "")
    return t.translate(str.maketrans("()[]\"'", "（）〔〕“’"))


def _end_of_body(paragraphs: list[Paragraph]) -> int:
    """Index after the last paragraph of the last document: drop the back page."""
    end = len(paragraphs)
    while end > 0 and (BACK_MATTER.match(paragraphs[end - 1].text.strip()) or _is_cover_line(paragraphs[end - 1].text)):
        end -= 1
    return end


def _is_cover_line(text: str) -> bool:
    t = remove_layout_spaces(text)
    return t.endswith("公报") and len(t) <= 20
