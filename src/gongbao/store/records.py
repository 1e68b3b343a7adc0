"""The values the archive hands out: frozen dataclasses, never dicts or database rows.

Summaries (`IssueSummary`, `DocumentSummary`) are what lists and search hits carry; records
(`IssueRecord`, `DocumentRecord`) extend them with everything stored about one issue or document.
Dates are `datetime.date`; line numbers are 1-based lines of the issue's printed text.
"""

from __future__ import annotations

import json
import types
import typing
from dataclasses import asdict, dataclass, fields, is_dataclass
from datetime import date

from gongbao.errors import GongbaoError
from gongbao.model import Plan

__all__ = [
    "NotFoundError", "ArchiveError", "IngestOutcome", "IssueSummary", "TocLink", "WarningRecord",
    "CorrectionRecord", "IssueRecord", "DocumentSummary", "ParagraphRecord", "OutlineNode",
    "AttachmentRecord", "ReferenceRecord", "Citation", "AppointmentRecord", "TaskRecord",
    "DocumentRecord", "PrintedMetadata", "DocumentList", "PrintedLine", "FacetCount", "Facets", "Hit",
    "SearchResult", "Stats", "VersionRecord", "PageRecord", "to_plain", "from_plain", "metadata_json", "metadata_from_json", "PlanRecord",
]


class ArchiveError(GongbaoError):
    """The archive file cannot be used: missing, not an archive, locked, or from a newer gongbao."""


class NotFoundError(GongbaoError, LookupError):
    """No issue or document by that id or document number."""


@dataclass(frozen=True)
class IngestOutcome:
    """What ingesting one file did. `status` is added, replaced, skipped, refused (a replacement
    that would drop documents or whose cover disagrees with itself: see `message`) or failed."""

    path: str
    status: str
    issue_id: str | None = None
    documents: int = 0
    text_bytes: int = 0  # size of the issue's printed text, UTF-8
    sha256: str | None = None
    message: str = ""  # why it was skipped, replaced or refused, or what failed
    version: int | None = None  # the version of its issue this file is (1 for a new issue)

    @property
    def ok(self) -> bool:
        return self.status not in ("failed", "refused")


@dataclass(frozen=True)
class IssueSummary:
    """One gazette issue in the archive (its cover data and where it came from)."""

    id: str
    gazette: str | None
    year: int | None
    number: int | None
    cumulative: int | None
    published: date | None
    editor: str | None
    layout: str
    path: str
    sha256: str
    encoding: str
    ingested_at: str  # ISO timestamp, UTC
    documents: int
    lines: int
    version: int  # the current version: how many texts of this issue were ingested

    @property
    def is_pdf(self) -> bool:
        """Whether the issue was read from a PDF (its original file is then a PDF)."""
        return self.encoding == "pdf"

    @property
    def label(self) -> str:
        """`阳泉市人民政府公报 2020年第6期`; when the cover gives no number, the gazette and its
        date (or its id): never the name of the file it was ingested from."""
        if self.year and self.number:
            return f"{self.gazette or ''} {self.year}年第{self.number}期".strip()
        when = (f"{self.published.year}年{self.published.month}月{self.published.day}日"
                if self.published else self.id)
        return f"{self.gazette or '公报'}（{when}）"


@dataclass(frozen=True)
class TocLink:
    """A table-of-contents entry, linked to the document it lists when the archive has it."""

    title: str
    doc_number: str | None
    page: int | None
    section: str | None
    line: int
    document_id: str | None


@dataclass(frozen=True)
class WarningRecord:
    line: int | None
    code: str
    message: str


@dataclass(frozen=True)
class CorrectionRecord:
    line: int
    printed: str
    suggested: str
    reason: str


@dataclass(frozen=True)
class DocumentSummary:
    """One document's metadata, as lists and search hits show it."""

    id: str
    issue_id: str
    seq: int  # position in the issue, from 1
    doc_number: str | None  # canonical, e.g. 阳政办发〔2020〕132号
    title: str | None
    issuer: str | None
    genre: str | None
    section: str | None
    signed: date | None
    year: int | None  # of the signing date, else of the document number, else of the issue
    date: date | None  # signed, else the issue's publication date
    page: int | None
    publicity: str | None
    start_line: int
    end_line: int
    instrument_title: str | None  # what a 印发 notice issues or an order promulgates (《…办法》)


@dataclass(frozen=True)
class IssueRecord(IssueSummary):
    """An issue with its table of contents (linked to documents), documents and warnings."""

    toc: tuple[TocLink, ...]
    document_list: tuple[DocumentSummary, ...]
    warnings: tuple[WarningRecord, ...]
    corrections: tuple[CorrectionRecord, ...]


@dataclass(frozen=True)
class ParagraphRecord:
    """A paragraph of a document's text and the printed lines it came from."""

    text: str
    kind: str
    first_line: int
    last_line: int
    heading_level: int | None
    cells: tuple[str, ...]
    lines: tuple[int, ...]


@dataclass(frozen=True)
class OutlineNode:
    label: str
    heading: str
    line: int
    level: int
    children: tuple[OutlineNode, ...]


@dataclass(frozen=True)
class AttachmentRecord:
    title: str
    status: str  # included | omitted | online
    line: int


@dataclass(frozen=True)
class ReferenceRecord:
    """A reference out of a document; `target_id` when the archive holds the cited document."""

    kind: str  # cites | repeals | amends
    doc_number: str | None
    title: str | None
    line: int
    target_id: str | None
    target_title: str | None


@dataclass(frozen=True)
class Citation:
    """A reference *into* a document: `source` cites (or repeals, amends) it at `line`."""

    kind: str
    source: DocumentSummary
    line: int


@dataclass(frozen=True)
class AppointmentRecord:
    person: str
    action: str
    post: str
    note: str | None
    line: int


@dataclass(frozen=True)
class TaskRecord:
    """A task as stored: agencies as printed (canonical names are derived when read)."""

    seq: int
    label: str | None
    heading: str | None
    text: str
    responsible: tuple[str, ...]
    lead: tuple[str, ...]
    deadline: date | None
    deadline_text: str | None
    recurring: str | None
    first_line: int
    last_line: int
    form: str
    marker_line: int


@dataclass(frozen=True)
class PrintedMetadata:
    """What a document prints about itself beyond the main elements, as the parser read it
    (model.Document): every issuer of a joint document, a 政府令's 令号, a 规范性文件's
    registration code, a reprint's 索引号, a 备案号, and a legal database's or a portal's
    发布日期 and 时效性 as the site prints them. Empty for documents ingested before
    migration 0020_document_metadata."""

    issuers: tuple[str, ...] = ()
    order_number: str | None = None
    registration: str | None = None
    index_number: str | None = None
    filing_number: str | None = None
    published: date | None = None
    printed_status: str | None = None


@dataclass(frozen=True)
class DocumentRecord(DocumentSummary):
    """Everything stored about one document."""

    issue: IssueSummary
    title_line: int | None
    doc_number_line: int | None
    addressees: tuple[str, ...]
    signature: str | None
    instrument_title: str | None
    text: str
    paragraphs: tuple[ParagraphRecord, ...]
    outline: tuple[OutlineNode, ...]
    attachments: tuple[AttachmentRecord, ...]
    references: tuple[ReferenceRecord, ...]
    cited_by: tuple[Citation, ...]
    appointments: tuple[AppointmentRecord, ...]
    tasks: tuple[TaskRecord, ...]
    version: int = 1  # the version of its issue this record is from
    current: bool = True  # False: only an earlier version of its issue holds this document
    pages: tuple[int, int] | None = None  # first and last page of its PDF (None for a text file)
    metadata: PrintedMetadata = PrintedMetadata()

    def summary(self) -> DocumentSummary:
        return DocumentSummary(**{f.name: getattr(self, f.name) for f in fields(DocumentSummary)})


@dataclass(frozen=True)
class VersionRecord:
    """One ingested text of an issue. Its bytes are kept (`kept`) unless it was ingested before
    gongbao kept originals, or from a parsed value without bytes."""

    issue_id: str
    version: int
    current: bool
    sha256: str  # of the bytes as ingested
    size: int | None  # bytes, when kept
    kept: bool
    path: str
    encoding: str
    ingested_at: str
    lines: int
    documents: tuple[str, ...]  # ids of the documents this version holds
    note: str  # what ingesting it did (documents dropped with --replace, ...)


@dataclass(frozen=True)
class DocumentList:
    """One page of a document listing and how many documents there are in all."""

    total: int
    documents: tuple[DocumentSummary, ...]


@dataclass(frozen=True)
class PrintedLine:
    number: int
    text: str
    page: int | None = None  # the PDF page that printed it (None for a text file)
    confidence: float | None = None  # its OCR score, 0..1, on a scanned page


@dataclass(frozen=True)
class PageRecord:
    """One page of a PDF issue: the lines of the printed text it holds and how it was read."""

    page: int
    first_line: int
    last_line: int
    kind: str  # "text" | "ocr" | "empty"
    confidence: tuple[float | None, ...] = ()  # per line, OCR pages only


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    """Counts of the whole result set by year, genre, issuer and section, largest first."""

    year: tuple[FacetCount, ...] = ()
    genre: tuple[FacetCount, ...] = ()
    issuer: tuple[FacetCount, ...] = ()
    section: tuple[FacetCount, ...] = ()

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {name: {fc.value: fc.count for fc in getattr(self, name)}
                for name in ("year", "genre", "issuer", "section")}


@dataclass(frozen=True)
class Hit(DocumentSummary):
    """A search hit: a document summary, its score (higher is better) and a snippet.

    `snippet` is HTML: the text is escaped and the matches are wrapped in <mark>…</mark>.
    `match` says why it is here: doc_number (the 发文字号 asked for), cites (it cites that
    number) or text (full-text match).
    """

    score: float
    snippet: str
    match: str


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, the total number of matching documents and the facets of all of them.

    `doc_number` is the 发文字号 read from the query (canonical), if any; `relaxed` is true when
    no document matched every word and the hits are documents matching some of them.
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: Facets
    offset: int
    limit: int
    doc_number: str | None
    relaxed: bool
    message: str | None  # something the user should know about how the query was run
    # How the hits were found (store/hybrid.py): "bm25" (keywords only: no vectors, or nothing
    # to embed) or "bm25+dense" (fused with the vectors of `gongbao embed`); and the order.
    retrieval: str = "bm25"
    sort: str = "relevance"
    vectors: bool = False  # the archive has vectors (gongbao embed): semantic search is possible

    def to_json_dict(self) -> dict:
        """The shape of docs/spec/search-json.md (plus offset, limit, doc_number, relaxed, message)."""
        return {
            "query": self.query,
            "total": self.total,
            "hits": [{
                "id": h.id, "doc_number": h.doc_number, "title": h.title,
                "instrument_title": h.instrument_title,
                "signed": h.signed.isoformat() if h.signed else None,
                "issuer": h.issuer, "genre": h.genre, "section": h.section, "year": h.year,
                "issue_id": h.issue_id, "score": round(h.score, 4), "snippet": h.snippet,
                "match": h.match,
            } for h in self.hits],
            "facets": self.facets.as_dict(),
            "offset": self.offset,
            "limit": self.limit,
            "doc_number": self.doc_number,
            "relaxed": self.relaxed,
            "message": self.message,
            "retrieval": self.retrieval,
            "sort": self.sort,
            "vectors": self.vectors,
        }


@dataclass(frozen=True)
class Stats:
    """What the archive holds."""

    path: str
    issues: int
    documents: int
    paragraphs: int
    references: int
    appointments: int
    attachments: int
    text_bytes: int  # UTF-8 size of all documents' text
    printed_bytes: int  # UTF-8 size of all issues' printed text
    file_bytes: int  # the database file (and its WAL)
    migrations: tuple[str, ...]
    tokenizer: str
    facets: Facets  # of all documents


@dataclass(frozen=True)
class PlanRecord:
    """An emergency plan of the archive: the document and its card (model.Plan)."""

    document: DocumentSummary
    plan: Plan


def to_plain(value):
    """A record as JSON-ready plain data (dates as ISO strings, tuples as lists)."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value


def from_plain(cls, value):
    """The inverse of `to_plain` for a record class: rebuild nested records, tuples and dates."""
    if value is None:
        return None
    if is_dataclass(cls):
        hints = typing.get_type_hints(cls)
        return cls(**{f.name: from_plain(hints[f.name], value[f.name])
                      for f in fields(cls) if f.name in value})
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        kinds = [a for a in typing.get_args(cls) if a is not type(None)]
        return from_plain(kinds[0], value)
    if origin is tuple:
        (item, *_) = typing.get_args(cls)
        return tuple(from_plain(item, v) for v in value)
    if cls is date:
        return date.fromisoformat(value)
    return value


def metadata_json(meta: PrintedMetadata) -> str | None:
    """The stored form of a document's PrintedMetadata: a JSON object of the fields it has
    (None when it has none: most documents print none of them)."""
    kept = {k: v for k, v in to_plain(meta).items() if v not in (None, [], "")}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None


def metadata_from_json(text: str | None) -> PrintedMetadata:
    return from_plain(PrintedMetadata, json.loads(text)) if text else PrintedMetadata()
