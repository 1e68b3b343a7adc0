"""The parsing pipeline: one pure function per stage, wired in order.

read -> layout -> segment -> issue (cover, TOC) -> header -> outline -> extract, then the
issue-level checks that need every document at once (TOC matching, duplicate numbers, sections).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from gongbao.data import read_table
from gongbao.docnumber import DocNumber
from gongbao.extract.appointments import find_appointments
from gongbao.extract.references import find_references
from gongbao.model import Document, ParsedIssue, SourceText, TocEntry, Warning
from gongbao.parse.header import genre_of, read_header
from gongbao.parse.issue import read_cover, read_toc
from gongbao.parse.likeness import MAX_CHARS, TitleIndex
from gongbao.parse.outline import build_outline
from gongbao.parse.tables import find_tables
from gongbao.parse.segment import Span, add_spans_by_toc_title, find_spans, front_matter_end
from gongbao.text.corrections import suggest_corrections
from gongbao.text.layout import Furniture, analyse_layout
from gongbao.text.read import decode_source, read_source

TITLE_MATCH = 0.75  # how alike a TOC title and a body title must be to be one document


def parse_file(path: str | Path) -> ParsedIssue:
    return parse_source(read_source(path))


def parse_bytes(data: bytes, path: str = "<bytes>") -> ParsedIssue:
    return parse_source(decode_source(data, path))


def parse_source(source: SourceText) -> ParsedIssue:
    layout = analyse_layout(source)
    paragraphs = layout.paragraphs
    spans = find_spans(paragraphs)
    front = paragraphs[: front_matter_end(paragraphs, spans)]
    toc, toc_warnings = read_toc(front, section_names())
    spans, warnings = add_spans_by_toc_title(paragraphs, spans, toc)
    issue = read_cover(front, layout.furniture)
    documents = []
    for span in spans:
        doc, doc_warnings = build_document(paragraphs, span)
        documents.append(doc)
        warnings.extend(doc_warnings)
    warnings.extend(toc_warnings)
    warnings.extend(source.warnings)
    warnings.extend(match_toc(toc, documents))
    warnings.extend(check_numbers(documents))
    assign_sections(documents, layout.furniture)
    if not documents:
        warnings.append(Warning(None, "no-documents", "no official document (no 发文字号 line) found in this file"))
    warnings.sort(key=lambda w: (w.line or 0, w.code))
    return ParsedIssue(source, layout.kind, issue, toc, documents, warnings, suggest_corrections(source))


def build_document(paragraphs, span: Span) -> tuple[Document, list[Warning]]:
    paras = paragraphs[span.start: span.end]
    number_at = span.number_at - span.start if span.number_at is not None else None
    title_end = number_at if number_at is not None else _title_length(paras)
    header = read_header(paras, number_at, title_end)
    body = paras[(number_at + 1 if number_at is not None else title_end):]
    doc = Document(
        start_line=paras[0].first_line,
        end_line=paras[-1].last_line,
        title=header.title,
        title_line=paras[0].first_line,
        doc_number=span.doc_number,
        doc_number_line=paras[number_at].first_line if number_at is not None else None,
        issuer=header.issuer,
        addressees=header.addressees,
        signed=header.signed,
        signature=header.signature,
        publicity=header.publicity,
        genre=header.genre,
        attachments=header.attachments,
        references=find_references(body, span.doc_number, tuple(t for t in (header.title, header.instrument_title) if t)),
        outline=build_outline(body),
        tables=find_tables(body),
        paragraphs=paras,
        instrument_title=header.instrument_title,
    )
    if is_personnel(doc):
        doc.appointments = find_appointments(body)
    return doc, header.warnings


def _title_length(paras) -> int:
    """Paragraphs of a title found without a 文号 line: those up to the genre word."""
    text = ""
    for i, p in enumerate(paras[:5]):
        text += p.text
        if genre_of(text):
            return i + 1
    return 1


def is_personnel(doc: Document) -> bool:
    """A 人事任免 document: by its 文号 (…任字) or its title (任免, 任职, 免职)."""
    if doc.doc_number and doc.doc_number.prefix.endswith("任字"):
        return True
    return bool(doc.title) and any(w in doc.title for w in ("任免", "任职的通知", "免职的通知", "聘任", "解聘"))


@lru_cache(maxsize=1)
def section_names() -> dict[str, str]:
    return {row[0]: row[1] for row in read_table("sections.tsv") if len(row) >= 2}


@lru_cache(maxsize=1)
def section_rules() -> tuple[tuple[str, str], ...]:
    return tuple((row[0], row[1]) for row in read_table("section_rules.tsv") if len(row) >= 2)


def match_toc(toc: list[TocEntry], documents: list[Document]) -> list[Warning]:
    """Give each document its TOC section and page; warn where TOC and body disagree."""
    warnings: list[Warning] = []
    if not toc:
        return warnings
    unmatched = set(range(len(documents)))
    titles, numbered = TitleIndex([d.title for d in documents]), {}  # linear, not pairwise
    for i, d in enumerate(documents):
        numbered.setdefault(d.doc_number, {})[i] = None  # the unmatched documents of each number
    for entry in toc:
        group = numbered.get(entry.doc_number or 0, {})
        same_number = list(titles.candidates(entry.title, group))
        best = max(same_number, key=lambda i: _likeness(entry.title, documents[i].title), default=None)
        if best is not None and len(same_number) > 1 and _likeness(entry.title, documents[best].title) < TITLE_MATCH:
            best = None
        if best is None:
            by_title = max(titles.candidates(entry.title, unmatched), key=lambda i: _likeness(entry.title, documents[i].title), default=None)
            if by_title is not None and _likeness(entry.title, documents[by_title].title) >= TITLE_MATCH:
                best = by_title
                warnings.append(Warning(entry.line, "toc-mismatch",
                                        f"the TOC gives {entry.doc_number} for “{entry.title}”, the body prints {documents[best].doc_number}"))
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


def _likeness(a: str | None, b: str | None) -> float:
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a.replace(" ", "")[:MAX_CHARS], b.replace(" ", "")[:MAX_CHARS], autojunk=False).ratio()


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


def assign_sections(documents: list[Document], furniture: list[Furniture]) -> None:
    """Documents in no TOC: the section of a running header inside them, else by 文号 kind."""
    names = section_names()
    headers = [f for f in furniture if f.kind == "running-header" and f.section]
    for doc in documents:
        if doc.section:
            continue
        inside = [f for f in headers if doc.start_line <= f.line <= doc.end_line]
        if inside:
            doc.section = names.get(inside[0].section, inside[0].section)
        elif doc.doc_number:
            doc.section = next((s for end, s in section_rules() if doc.doc_number.prefix.endswith(end)), None)
