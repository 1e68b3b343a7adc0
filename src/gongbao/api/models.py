"""The API's answers as pydantic models: what /openapi.json tells a client developer.

The routes build their JSON with `gongbao.api.serialize` (fast, no validation on the way out);
these models describe it, and tests/test_newcomer.py validates every route's real answers on the
samples against them, so the description cannot drift from what is sent. Every answer may carry
more fields than listed (`extra="allow"`): clients must ignore what they do not know.

`fix_openapi(app)` also makes the description say what the server really sends on a bad request:
400 with the one error shape (gongbao.api.errors), never FastAPI's 422.
"""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

__all__ = ["ErrorAnswer", "SearchAnswer", "DocumentListAnswer", "DocumentAnswer", "PrintedAnswer",
           "IssueListAnswer", "IssueAnswer", "StatsAnswer", "UploadAnswer", "PeopleAnswer", "PostsAnswer", "PlanCard", "PlansAnswer", "TasksAnswer", "AgenciesAnswer", "AgencyAnswer",
           "StatusAnswer", "RepealedAnswer", "GapsAnswer", "VersionsAnswer",
           "fix_openapi"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- errors ---------------------------------------------------------------------------------------

class ErrorDetail(_Model):
    status: int = Field(description="the HTTP status, repeated", examples=[404])
    code: str = Field(description="stable code for programs: bad-query, bad-parameter, bad-input, "
                                  "unauthorized, read-only, not-found, method-not-allowed, "
                                  "too-large, unavailable, internal", examples=["not-found"])
    message: str = Field(description="what went wrong, for people",
                         examples=["no document 阳政发〔2099〕1号 in the archive"])


class ErrorAnswer(_Model):
    """Every error, whatever the route."""

    error: ErrorDetail


# --- pieces ---------------------------------------------------------------------------------------

Url = str  # an absolute URL on this server


class Facets(_Model):
    """Counts of the whole result set (not only the page), largest first."""

    year: dict[str, int] = Field(description="year -> documents")
    genre: dict[str, int] = Field(description="公文种类 -> documents")
    issuer: dict[str, int] = Field(description="发文机关 -> documents")
    section: dict[str, int] = Field(description="gazette section -> documents")


class DocumentSummary(_Model):
    id: str = Field(description="stable id, e.g. 阳政办发2020-132")
    issue_id: str = Field(description="the issue it was printed in, e.g. 2020-06")
    seq: int = Field(description="position in the issue, from 1")
    doc_number: str | None = Field(description="发文字号, canonical: 阳政办发〔2020〕132号")
    title: str | None
    issuer: str | None = Field(description="发文机关")
    genre: str | None = Field(description="公文种类: 通知, 意见, …")
    section: str | None = Field(description="gazette section, e.g. 人事任免")
    signed: dt.date | None = Field(description="成文日期")
    year: int | None = Field(description="of the date signed, else of the 文号, else of the issue")
    date: dt.date | None = Field(description="signed, else the issue's publication date")
    page: int | None = Field(description="page in the printed issue (from its table of contents)")
    publicity: str | None = Field(description="公开属性 as printed, e.g. 此件公开发布")
    start_line: int = Field(description="first line in the issue's text (1-based)")
    end_line: int = Field(description="last line in the issue's text")
    instrument_title: str | None = Field(None, description="what a 印发 notice issues or an order promulgates")
    url: Url = Field(description="this document in the API")
    web_url: Url = Field(description="this document's page")
    issue_url: Url = Field(description="its issue in the API")


class Hit(_Model):
    id: str
    doc_number: str | None
    title: str | None
    signed: dt.date | None
    issuer: str | None
    genre: str | None
    section: str | None
    year: int | None
    issue_id: str
    score: float = Field(description="higher is better")
    snippet: str = Field(description="HTML: escaped text, matches in <mark>…</mark>")
    match: str = Field(description="why it is here: doc_number (the 文号 asked for), cites (it "
                                   "cites that 文号), post, text (its words), or dense (near the "
                                   "query's meaning only: semantic search)")
    date: dt.date | None
    page: int | None
    url: Url
    web_url: Url
    issue_url: Url


class Page(_Model):
    offset: int = Field(description="how many results were skipped")
    limit: int = Field(description="the page size asked for")
    next: Url | None = Field(description="the next page, null on the last")
    prev: Url | None = Field(description="the previous page, null on the first")


class IssueSummary(_Model):
    id: str = Field(description="stable id, e.g. 2020-06")
    gazette: str | None = Field(description="the gazette's name, e.g. 阳泉市人民政府公报")
    year: int | None
    number: int | None = Field(description="期 within the year")
    cumulative: int | None = Field(description="总第 … 期")
    published: dt.date | None
    editor: str | None = Field(description="主管主办")
    layout: str = Field(description="markdown, plain or hardwrap")
    sha256: str = Field(description="of the file as ingested")
    encoding: str
    ingested_at: str = Field(description="ISO timestamp, UTC")
    documents: int
    lines: int = Field(description="lines of the issue's text")
    source_file: str = Field(description="name (not path) of the file it was ingested from")
    version: int = Field(description="the current version: how many texts of the issue were ingested")
    label: str = Field(description="e.g. 阳泉市人民政府公报 2020年第6期")
    url: Url
    web_url: Url


class TocEntry(_Model):
    title: str
    doc_number: str | None
    page: int | None
    section: str | None
    line: int
    document_id: str | None = Field(description="the document it lists, when the archive has it")
    url: Url | None
    web_url: Url | None


class WarningItem(_Model):
    line: int | None
    code: str = Field(description="toc-mismatch, toc-missing, not-in-toc, duplicate-number, …")
    message: str


class Correction(_Model):
    line: int
    printed: str = Field(description="as printed (never changed)")
    suggested: str
    reason: str


class Paragraph(_Model):
    text: str
    kind: str
    first_line: int
    last_line: int
    heading_level: int | None
    cells: list[str] = Field(description="a table row's cells")
    lines: list[int] = Field(description="the source lines it came from")


class OutlineNode(_Model):
    label: str = Field(description="第一章, 第三条, 一、, （二）, 2.2.1 …")
    heading: str = Field(description="the first sentence when short, else ''")
    line: int
    level: int
    children: list[OutlineNode]


class Attachment(_Model):
    title: str
    status: str = Field(description="included, omitted (略) or online (见网络版)")
    line: int


class Reference(_Model):
    kind: str = Field(description="cites, repeals or amends")
    doc_number: str | None
    title: str | None
    line: int
    target_id: str | None = Field(description="the cited document, when the archive has it")
    target_title: str | None
    url: Url | None


class Citation(_Model):
    kind: str
    line: int
    source: DocumentSummary = Field(description="the document that cites this one")


class Appointment(_Model):
    person: str
    action: str = Field(description="任命, 免去, 聘任, …")
    post: str
    note: str | None
    line: int


class Task(_Model):
    text: str
    lead: list[str]
    support: list[str]
    deadline: str | None
    line: int


class PrintedLineItem(_Model):
    number: int = Field(description="line number in the issue's text")
    text: str
    page: int | None = Field(None, description="the PDF page that printed it (null for a text file)")
    confidence: float | None = Field(None, description="its OCR score 0..1, on a scanned PDF page")


# --- answers --------------------------------------------------------------------------------------

class SearchAnswer(Page):
    """docs/spec/search-json.md, plus paging and links."""

    query: str
    total: int = Field(description="matching documents in all")
    hits: list[Hit]
    facets: Facets
    doc_number: str | None = Field(description="the 发文字号 read from the query, canonical")
    relaxed: bool = Field(description="no document holds every word: these hold the most")
    message: str | None = Field(description="something to know about how the query was run")
    retrieval: str = Field("bm25", description="bm25 (keywords only: the archive has no vectors) "
                                               "or bm25+dense (fused with semantic search)")
    sort: str = Field("relevance", description="relevance or date (newest first)")
    vectors: bool = Field(False, description="the archive has vectors (gongbao embed): false means "
                                             "every search is by keywords only")


class PrintedMetadata(_Model):
    """What a document prints about itself beyond the main elements (empty for documents
    ingested before migration 0020_document_metadata, but for `issuers`)."""

    issuers: list[str] = Field(description="every issuer of a joint document (联合发文), `issuer` first")
    order_number: str | None = Field(None, description="a 政府令's 令号 as printed, e.g. 第77号")
    registration: str | None = Field(None, description="a 规范性文件's registration code, e.g. XXDR-2023-01001")
    index_number: str | None = Field(None, description="索引号 of a web reprint")
    filing_number: str | None = Field(None, description="备案号, e.g. 某文备〔2022〕15号 (never its own 文号)")
    published: dt.date | None = Field(None, description="发布日期 a legal database's or a portal's field block gives")
    printed_status: str | None = Field(None, description="时效性 / 有效性 as that site prints it "
                                                         "(现行有效, 失效 …): the site's word, not the archive's status")


class DocumentListAnswer(Page):
    total: int
    documents: list[DocumentSummary]


class DocumentAnswer(DocumentSummary):
    """Everything stored about one document."""

    issue: IssueSummary
    current: bool = Field(description="false: only an earlier version of its issue holds it")
    version: int = Field(description="the version of its issue it is shown from")
    title_line: int | None
    doc_number_line: int | None
    addressees: list[str] = Field(description="主送机关")
    signature: str | None
    instrument_title: str | None = Field(description="what a 印发 notice issues")
    text: str = Field(description="the cleaned text")
    paragraphs: list[Paragraph]
    outline: list[OutlineNode]
    attachments: list[Attachment]
    references: list[Reference] = Field(description="references out of it")
    cited_by: list[Citation] = Field(description="documents of the archive that refer to it")
    appointments: list[Appointment]
    tasks: list[Task]
    printed_url: Url = Field(description="its lines as printed")
    pages: list[int] | None = Field(None, description="first and last page of the issue's PDF it is "
                                                      "printed on (null for an issue read from text)")
    pdf_url: Url | None = Field(None, description="the issue's PDF, opened at the document's first "
                                                  "page (…/source?version=N#page=P); null for text")
    metadata: PrintedMetadata = Field(description="what it prints beyond the main elements")


class PrintedAnswer(_Model):
    id: str
    doc_number: str | None
    issue_id: str
    first_line: int
    last_line: int
    lines: list[PrintedLineItem]
    corrections: list[Correction] = Field(description="suggested OCR corrections of these lines")


class IssueListAnswer(_Model):
    issues: list[IssueSummary]


class IssueAnswer(IssueSummary):
    toc: list[TocEntry]
    document_list: list[DocumentSummary]
    warnings: list[WarningItem]
    corrections: list[Correction]


class StatsAnswer(_Model):
    issues: int
    documents: int
    paragraphs: int
    references: int
    appointments: int
    attachments: int
    text_bytes: int
    printed_bytes: int
    file_bytes: int
    migrations: list[str]
    tokenizer: str
    archive_file: str = Field(description="name (not path) of the archive file")
    facets: Facets


class UploadAnswer(_Model):
    path: str = Field(description="the uploaded file's name")
    status: str = Field(description="added (201), replaced (201) or skipped (200: already there)")
    issue_id: str | None
    documents: int
    text_bytes: int
    sha256: str | None
    message: str
    url: Url | None


# --- the OpenAPI description ----------------------------------------------------------------------

_BAD_REQUEST = {"description": "bad query or parameter (the one error shape)",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorAnswer"}}}}


# --- the registers (docs/spec/registers-json.md) ------------------------------------------------------

class PersonEvent(_Model):
    date: dt.date | None = Field(description="the appointing document's date signed")
    action: str = Field(description="as printed: 任命, 免去, 聘任, 正式任命, 挂职 …")
    post: str = Field(description="the post as printed")
    note: str | None = Field(description="试用期一年, a rank printed in brackets …")
    doc_number: str | None = Field(description="canonical 发文字号 of the document")
    line: int | None = Field(description="1-based line of the issue as printed")


class PersonEntry(_Model):
    name: str
    events: list[PersonEvent]


class PeopleAnswer(_Model):
    """People named by appointments, each with their events in date order."""

    people: list[PersonEntry]


class PostHolder(_Model):
    name: str
    from_: dt.date | None = Field(alias="from", description="date of the appointing document")
    to: dt.date | None = Field(description="date of the removing or next appointing document; null: holds it")
    from_doc: str | None
    to_doc: str | None


class PostEntry(_Model):
    post: str
    holders: list[PostHolder]


class PostsAnswer(_Model):
    """Posts with the timeline of their holders."""

    posts: list[PostEntry]


class PlanCard(_Model):
    """An emergency plan's card (gongbao plan REF --json)."""

    doc_number: str | None = Field(default=None, description="canonical 发文字号 of the document")
    title: str
    hazard: str | None
    headquarters: str | None = Field(description="the command body, as printed (…应急指挥部)")
    office_at: str | None = Field(description="where the command body's office sits")
    grades: list[dict] = Field(description="event grades: level (1 most severe), label, line")
    alerts: list[dict] = Field(description="warning colours with their criteria and lines")
    responses: list[dict] = Field(description="response levels: level, label, activated_by, criteria, line")
    reporting: list[dict] = Field(description="one-off reporting time limits: minutes, text, to, line")
    reporting_periodic: list[dict] = Field(description="repeating reporting cadences")


class PlansAnswer(_Model):
    total: int
    plans: list[PlanCard]


class LedgerTask(_Model):
    id: str = Field(description="document id # task number")
    doc_number: str | None
    label: str | None = Field(description="the provision's numbering, or null")
    heading: str | None
    text: str
    place: str | None = Field(description="the government whose task it is (the issuer's jurisdiction, else the gazette's)")
    responsible: list[str] = Field(description="canonical agencies, printed order, leads first")
    responsible_as_printed: list[str]
    responsible_full: list[str] = Field(description="the same with their place: 阳泉市发展和改革委员会")
    lead: list[str]
    lead_as_printed: list[str]
    lead_full: list[str]
    deadline: dt.date | None = Field(description="the last day the text allows")
    deadline_text: str | None
    recurring: str | None
    lines: list[int] = Field(description="[first, last] printed lines")
    overdue: bool


class TasksAnswer(_Model):
    """The task ledger (docs/spec/registers-json.md)."""

    total: int
    as_of: dt.date
    tasks: list[LedgerTask]


class AgencyEntry(_Model):
    name: str = Field(description="the canonical name")
    full_name: str = Field(description="the name with its place (阳泉市财政局); the name where it has none")
    place: str | None = Field(description="the government it belongs to; null for one name of several places")
    aliases: list[str]
    tasks: int
    lead: int
    overdue: int


class AgenciesAnswer(_Model):
    total: int
    as_of: dt.date
    agencies: list[AgencyEntry]
    unknown: list[str] = Field(description="agencies not in the aliases data, as printed")


class AgencyAnswer(AgencyEntry):
    """One agency with its tasks as lead and as participant."""

    as_of: dt.date
    lead_tasks: list[LedgerTask]
    participant_tasks: list[LedgerTask]


class StatusAnswer(_Model):
    """Is the document in force on `as_of`, with the evidence (gongbao status REF --json)."""

    doc_number: str | None
    title: str | None
    as_of: dt.date
    status: str = Field(description="in-force | not-yet-in-force | expired | repealed | unknown")
    effective: dt.date | None = Field(description="the day it takes effect, as it says; null: it says nothing")
    effective_text: str | None
    effective_line: int | None
    expires: dt.date | None
    validity_text: str | None
    repealed_by: list[dict] = Field(description="the repealing documents, with the sentence and line")
    repeals: list[dict] = Field(description="what it repeals: doc_number, title, in_archive, line")
    amended_by: list[dict]
    amends: list[dict]
    printed_status: str | None = Field(None, description="时效性 as a legal database printed it (现行有效, "
                                                         "失效 …): the site's word, not evidence for `status`")


class RepealedAnswer(_Model):
    total: int
    repealed: list[dict] = Field(description="doc_number, title, in_archive, id, repealed_by")


class GapsSeries(_Model):
    prefix: str
    year: int
    first: int
    last: int
    in_archive: list[int]
    cited_only: list[int] = Field(description="missing serials some archived document cites")
    missing: list[int]


class GapsAnswer(_Model):
    series: list[GapsSeries]


class VersionEntry(_Model):
    version: int
    current: bool
    sha256: str = Field(description="of the file exactly as ingested")
    documents: list = Field(description="the documents this version holds")
    note: str


class VersionsAnswer(_Model):
    """Every text ingested of an issue, oldest first (nothing is ever deleted)."""

    issue_id: str
    versions: list[VersionEntry]


def fix_openapi(app: FastAPI) -> None:
    """Make /openapi.json say 400 with ErrorAnswer where FastAPI would say 422, and give every
    error response the ErrorAnswer schema."""

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ErrorAnswer"] = ErrorAnswer.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in components["ErrorAnswer"].pop("$defs", {}).items():
            components.setdefault(name, sub)
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                had_422 = responses.pop("422", None) is not None
                if had_422 or operation.get("parameters") or operation.get("requestBody"):
                    responses.setdefault("400", _BAD_REQUEST)
                for status, response in responses.items():
                    if status[0] in "45":
                        example = response.get("content", {}).get("application/json", {}).get("example")
                        body = {"schema": {"$ref": "#/components/schemas/ErrorAnswer"}}
                        response["content"] = {"application/json": {**body, **(
                            {"example": example} if example else {})}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi
