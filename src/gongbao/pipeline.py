"""The parsing pipeline: one pure function per stage, wired in order.

read -> layout -> segment -> issue (cover, TOC) -> header -> outline -> extract, then the
issue-level checks that need every document at once (TOC matching, duplicate numbers, sections).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from gongbao.data import read_table
from gongbao.docnumber import DocNumber
from gongbao.extract.appointments import find_appointments, issuer_places
from gongbao.extract.plans import find_plan
from gongbao.extract.references import find_references, merge_references
from gongbao.extract.tasks import find_tasks
from gongbao.extract.validity import find_validity
from gongbao.model import Document, ParsedIssue, SourceText, TocEntry, Warning
from gongbao.docnumber import match_whole
from gongbao.parse.header import read_header
from gongbao.parse.heads import EXPLAINER_TITLE, NUMBER_AFTER_TITLE, title_genre
from gongbao.text.chinese import remove_layout_spaces
from gongbao.parse.issue import read_cover, read_toc
from gongbao.parse.likeness import TitleIndex
from gongbao.parse.likeness import likeness as _likeness
from gongbao.parse.outline import build_outline
from gongbao.parse.tables import find_tables
from gongbao.parse.segment import Span, add_spans_by_toc_title, find_spans, front_matter_end, own_head, section_marks
from gongbao.text.corrections import suggest_corrections
from gongbao.text.layout import Furniture, analyse_layout
from gongbao.text.read import read_bytes, read_source

TITLE_MATCH = 0.75  # how alike a TOC title and a body title must be to be one document


def parse_file(path: str | Path, *, on_page=None) -> ParsedIssue:
    """Parse a gazette file (text or PDF); `on_page(done, total)` after each page of a PDF."""
    return parse_source(read_source(path, on_page=on_page))


def parse_bytes(data: bytes, path: str = "<bytes>", *, ocr_cache=None, on_page=None) -> ParsedIssue:
    """Parse a gazette file's bytes: text in any usual encoding, or PDF (see `text.read`)."""
    return parse_source(read_bytes(data, path, ocr_cache=ocr_cache, on_page=on_page))


def parse_source(source: SourceText) -> ParsedIssue:
    layout = analyse_layout(source)
    paragraphs = layout.paragraphs
    spans = find_spans(paragraphs)
    front = paragraphs[: front_matter_end(paragraphs, spans)]
    issue = read_cover(front, layout.furniture)
    names = section_names(issue.gazette)
    toc, toc_warnings = read_toc(front, names)
    spans, warnings = add_spans_by_toc_title(paragraphs, spans, toc)
    documents = []
    for span in spans:
        doc, doc_warnings = build_document(paragraphs, span, source)
        documents.append(doc)
        warnings.extend(doc_warnings)
    warnings.extend(toc_warnings)
    warnings.extend(source.warnings)
    warnings.extend(match_toc(toc, documents))
    warnings.extend(check_numbers(documents))
    marks = section_marks(paragraphs, frozenset(e.section for e in toc if e.section),
                          frozenset(span.start for span in spans))
    assign_sections(documents, issue.gazette, layout.furniture, marks, paragraphs, names)
    if source.pages:
        for doc in documents:
            doc.pages = (source.page_of(doc.start_line), source.page_of(doc.end_line))
    if not documents:
        warnings.append(Warning(None, "no-documents", "no official document (no 发文字号 line) found in this file"))
    warnings.sort(key=lambda w: (w.line or 0, w.code))
    return ParsedIssue(source, layout.kind, issue, toc, documents, warnings, suggest_corrections(source))


def build_document(paragraphs, span: Span, source: SourceText | None = None) -> tuple[Document, list[Warning]]:
    paras = paragraphs[span.start: span.end]
    rel = span.start
    number_at = span.number_at - rel if span.number_at is not None else None
    header = read_header(paras, number_at, span.title_end - rel, span.title_start - rel, span.body_from - rel)
    body = paras[span.body_from - rel:]
    if span.doc_number is None and span.title_end > span.title_start:
        # a heading that prints its 文号 in brackets after the title (`…的通知（某政发〔2019〕3号）`)
        raw = remove_layout_spaces("".join(p.text for p in paras[span.title_start - rel:span.title_end - rel]))
        if raw[-2:-1] == "号" and (m := NUMBER_AFTER_TITLE.search(raw)) and title_genre(raw[:m.start()]) \
                and (number := match_whole(m["number"])) is not None and not number.is_filing:
            span = replace(span, doc_number=number)
    own_titles = tuple(t for t in (header.title, header.instrument_title) if t)
    head = own_head(paragraphs, span) - rel
    doc = Document(
        start_line=paras[head].first_line,  # index lines of a web reprint above the head stay in the text
        end_line=paras[-1].last_line,
        title=header.title,
        title_line=paras[span.title_start - rel].first_line,
        doc_number=span.doc_number,
        doc_number_line=paras[number_at].first_line if number_at is not None else None,
        issuer=header.issuer,
        issuers=list(header.issuers),
        addressees=header.addressees,
        signed=header.signed,
        signature=header.signature,
        publicity=header.publicity,
        genre=header.genre,
        attachments=header.attachments,
        references=find_references(body, span.doc_number, own_titles + tuple(a.title for a in header.attachments)),
        outline=build_outline(body),
        tables=find_tables(body),
        paragraphs=paras,
        instrument_title=header.instrument_title,
        order_number=span.order_number,
        registration=header.registration,
        index_number=header.index_number,
        filing_number=header.filing_number,
        validity=find_validity(body, header.signed, span.doc_number,
                               tuple(t for t in (header.title, header.instrument_title) if t)),
        published=header.published,
        printed_status=header.printed_status,
    )
    if doc.validity.effective is None and header.effective_field is not None:
        # the text says not when it takes effect (or was cut before): the field block's 实施日期
        when, k = header.effective_field
        doc.validity = replace(doc.validity, effective=when, effective_text=paras[k].text.strip(),
                               effective_line=paras[k].first_line)
    doc.references = merge_references(doc.references, doc.validity.links)
    if is_personnel(doc):
        doc.appointments = find_appointments(body, issuer_places(doc.issuer))
    doc.plan = find_plan(doc, source.lines if source else None)  # source lines: each fact's print line
    year = doc.signed.year if doc.signed else (doc.doc_number.year if doc.doc_number else None)
    doc.tasks = find_tasks(body, year, source.lines if source else None, doc.signed)
    return doc, header.warnings


def body_at(span: Span, rel: int) -> int:
    return max(span.body_from - rel, 1)


def is_personnel(doc: Document) -> bool:
    """A 人事任免 document: by its 文号 (…任字) or its title (任免, 任职, 免职, 聘任, 挂职, 正式任命)."""
    if doc.doc_number and doc.doc_number.prefix.endswith("任字"):
        return True
    if bool(doc.title) and any(w in doc.title for w in ("任免", "任职的通知", "免职的通知", "聘任", "解聘",
                                                         "挂职", "正式任命")):
        return True
    # An order that appoints and removes (a 主席令 of 任免: `免去张三的某部部长职务；` / `任命李四为…`),
    # its clauses each a line that begins with the verb.
    return doc.order_number is not None and any(ORDER_APPOINTS.match(p.text.strip()) for p in doc.paragraphs)


ORDER_APPOINTS = re.compile(r"^(?:免去|任命)[\u4e00-\u9fff]{2,4}(?:的.{2,60}?职务|为.{2,60})[；;。]?$")


@lru_cache(maxsize=64)
def section_names(gazette: str | None) -> dict[str, str]:
    """Section names as printed -> canonical, for this gazette (data/sections.tsv)."""
    return {row[1]: row[2] for row in read_table("sections.tsv")
            if len(row) >= 3 and (row[0] == "*" or row[0] == gazette)}


@lru_cache(maxsize=64)
def section_rules(gazette: str | None) -> tuple[tuple[str, str], ...]:
    """(文号 prefix ending, section) of this gazette (data/section_rules.tsv)."""
    return tuple((row[1], row[2]) for row in read_table("section_rules.tsv")
                 if len(row) >= 3 and (row[0] == "*" or row[0] == gazette))


def match_toc(toc: list[TocEntry], documents: list[Document]) -> list[Warning]:
    """Give each document its TOC section and page; warn where TOC and body disagree."""
    warnings: list[Warning] = []
    if not toc:
        return warnings
    unmatched = set(range(len(documents)))
    titles, numbered = TitleIndex([d.title for d in documents]), {}  # linear, not pairwise
    instruments = TitleIndex([d.instrument_title or "" for d in documents])
    for i, d in enumerate(documents):
        numbered.setdefault(d.doc_number, {})[i] = None  # the unmatched documents of each number
    for entry in toc:
        scores: dict[int, float] = {}  # each document compared with the entry once

        def like(i: int) -> float:
            if i not in scores:
                scores[i] = _likeness(entry.title, documents[i].title)
            return scores[i]

        group = numbered.get(entry.doc_number or 0, {})
        same_number = list(titles.candidates(entry.title, group))
        best = max(same_number, key=like, default=None)
        if best is not None and len(same_number) > 1 and like(best) < TITLE_MATCH:
            best = None
        if best is None:
            by_title = max(titles.candidates(entry.title, unmatched), key=like, default=None)
            if by_title is not None and like(by_title) >= TITLE_MATCH:
                best = by_title
                if entry.doc_number and documents[best].doc_number and entry.doc_number != documents[best].doc_number:
                    warnings.append(Warning(entry.line, "toc-mismatch",
                                            f"the TOC gives {entry.doc_number} for “{entry.title}”, the body prints {documents[best].doc_number}"))
        if best is None:
            best = _by_instrument(entry, documents, instruments, unmatched)
        if best is None and EXPLAINER_TITLE.search(entry.title):
            continue  # a 政策解读 or 起草说明: no document, and none missing
        if best is None:
            warnings.append(Warning(entry.line, "toc-missing", f"TOC entry with no document in the body: {entry.doc_number} {entry.title}"))
            continue
        unmatched.discard(best)
        numbered[documents[best].doc_number].pop(best, None)
        doc = documents[best]
        doc.section = entry.section  # where TOC and body titles differ in wording, the body's stays
        doc.page = entry.page
    for i in sorted(unmatched):
        warnings.append(Warning(documents[i].start_line, "not-in-toc",
                                f"document {documents[i].doc_number} is not in the table of contents"))
    return warnings


# A TOC entry's closing bracket that names the order promulgating it: `（某省人民政府令第188号）`.
ORDER_NOTE = re.compile(r"[（(][^（）()]*令[^（）()]*第\s*\d+\s*号[^（）()]*[）)]$")


def _by_instrument(entry: TocEntry, documents: list[Document], instruments: TitleIndex, unmatched: set[int]) -> int | None:
    """The document whose instrument a TOC entry names: a gazette lists a 令 (or a 印发 notice) by
    the title of what it promulgates, perhaps with the order's number in brackets after it."""
    title = ORDER_NOTE.sub("", entry.title).rstrip()
    scored = [(_likeness(title, documents[i].instrument_title), i)
              for i in instruments.candidates(title, unmatched) if documents[i].instrument_title]
    score, best = max(scored, key=lambda s: s[0], default=(0.0, None))
    return best if score >= TITLE_MATCH else None


def check_numbers(documents: list[Document]) -> list[Warning]:
    seen: dict[DocNumber, Document] = {}
    warnings = []
    for doc in documents:
        if doc.doc_number is None:
            continue
        if doc.doc_number in seen:
            warnings.append(Warning(doc.doc_number_line or doc.start_line, "duplicate-number",
                                    f"{doc.doc_number} is printed on two documents (also line {seen[doc.doc_number].doc_number_line})"))
        else:
            seen[doc.doc_number] = doc
    return warnings


def assign_sections(documents: list[Document], gazette: str | None, furniture: list[Furniture],
                    marks: list[tuple[int, str]], paragraphs, names: dict[str, str]) -> None:
    """Documents in no TOC: the section of a running header inside them (or just above their
    head, on the page they begin on), else of the section
    heading printed before them, else by 文号 kind as the gazette's conventions say (data). A
    gazette that prints no sections and has no such data gives none."""
    headers = [f for f in furniture if f.kind == "running-header" and f.section]
    mark_lines = [(paragraphs[i].first_line, names.get(name, name)) for i, name in marks]
    rules = section_rules(gazette)
    previous_end = 0
    for doc in documents:
        # a header above its head, after the document before: the page it begins on
        above = [f for f in headers if previous_end < f.line < doc.start_line]
        previous_end = doc.end_line
        if doc.section:
            continue
        inside = [f for f in headers if doc.start_line <= f.line <= doc.end_line] or above[-1:]
        marked = [name for line, name in mark_lines if line < doc.start_line]
        if inside:
            doc.section = names.get(inside[0].section, inside[0].section)
        elif marked:
            doc.section = marked[-1]
        elif doc.doc_number:
            doc.section = next((s for end, s in rules if doc.doc_number.prefix.endswith(end)), None)
