"""The values that pass between pipeline stages.

Plain dataclasses, never dicts: each stage is a pure function from one of these to the next, and
`ParsedIssue` is everything the parser knows about one gazette file. Line numbers are always 1-based
lines of the *source file*, never of transformed text, so every fact points back to the print.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from gongbao.docnumber import DocNumber

__all__ = [
    "SourceText", "PageText", "Paragraph", "Warning", "Correction", "Issue", "TocEntry", "Attachment",
    "Provision", "Table", "Reference", "Appointment", "Task", "Validity", "ValidityLink", "Document", "ParsedIssue", "DocNumber",
    "PlanGrade", "PlanAlert", "PlanResponse", "PlanReport", "Plan",
]


@dataclass(frozen=True)
class PageText:
    """One page of a PDF: which lines of the extracted text it printed, and how they were read.

    `kind` is "text" (its text layer), "ocr" (a scanned page, recognised; `confidence` holds each
    line's score, 0..1, in order) or "empty". A page with no lines has last_line = first_line - 1.
    """

    number: int  # 1-based page of the PDF file (what `file.pdf#page=N` opens)
    first_line: int
    last_line: int
    kind: str
    confidence: tuple[float | None, ...] = ()


@dataclass(frozen=True)
class SourceText:
    """A decoded gazette file: the printed record every later stage points back to."""

    path: str
    sha256: str
    encoding: str
    lines: tuple[str, ...]  # without line terminators; lines[0] is line 1
    # What decoding had to repair (bytes replaced by U+FFFD, lines in another encoding), by line.
    warnings: tuple[Warning, ...] = ()
    # A PDF's pages, in order (empty for a text file): line numbers are lines of the text
    # extracted from them, and each page knows its lines.
    pages: tuple[PageText, ...] = ()

    def line(self, number: int) -> str:
        return self.lines[number - 1]

    def page_of(self, line: int) -> int | None:
        """The PDF page that printed `line`, or None for a text file."""
        return page_of(self.pages, line)


def page_of(pages: tuple[PageText, ...] | list[PageText], line: int) -> int | None:
    """The page among `pages` whose lines hold `line` (the last page starting at or before it)."""
    i = bisect_right(pages, line, key=attrgetter("first_line"))
    return pages[i - 1].number if i else None


@dataclass(slots=True)  # not frozen: made for every paragraph, and a frozen init costs 5x
class Paragraph:
    """One logical paragraph after layout clean-up, with the source lines it came from.

    `kind` is "text", "heading" (the source marked it as a markdown heading), "table" (a row of
    tab-separated cells, kept in `cells`) or "rule" (a markdown horizontal rule).
    """

    text: str
    first_line: int
    last_line: int
    kind: str = "text"
    heading_level: int | None = None  # the markdown level the source gave, if any
    cells: tuple[str, ...] = ()
    lines: tuple[int, ...] = ()  # every source line joined into this paragraph
    line_starts: tuple[int, ...] = ()  # where each of `lines` starts in `text` (same order)
    _plain: str | None = field(default=None, init=False, repr=False, compare=False)

    def plain(self) -> str:
        """The text without its layout spaces (text.chinese.remove_layout_spaces), worked out once:
        the parse stages ask it of the same paragraph many times."""
        if self._plain is None:
            from gongbao.text.chinese import remove_layout_spaces

            self._plain = remove_layout_spaces(self.text)
        return self._plain

    def line_at(self, offset: int) -> int:
        """The source line that printed the character at `offset` of `text`."""
        line = self.first_line
        for number, start in zip(self.lines, self.line_starts):
            if start > offset:
                break
            line = number
        return line


@dataclass(frozen=True)
class Warning:
    """Something the parser noticed and could not resolve; never fatal."""

    line: int | None
    code: str
    message: str


@dataclass(frozen=True)
class Correction:
    """A suggested OCR correction: reported beside the printed text, never applied to it."""

    line: int
    printed: str
    suggested: str
    reason: str


@dataclass(frozen=True)
class Issue:
    """Cover data of one gazette issue; None where the source does not say."""

    gazette: str | None = None
    year: int | None = None
    number: int | None = None
    cumulative: int | None = None
    published: date | None = None
    editor: str | None = None


@dataclass(frozen=True)
class TocEntry:
    title: str
    doc_number: DocNumber | None
    page: int | None
    section: str | None
    line: int


@dataclass(frozen=True)
class Attachment:
    title: str
    status: str  # "included" | "omitted" (略) | "online" (见网络版)
    line: int


@dataclass
class Provision:
    """A node of a document's outline: 第一章, 第一条, 一、, （一）, 1., （1） or decimal 2.2.1."""

    label: str
    heading: str
    line: int
    level: int  # the numbering kind's rank, outermost first (see parse.outline.LEVELS)
    children: list[Provision] = field(default_factory=list)


@dataclass(frozen=True)
class Table:
    """A table printed as tab-separated lines: one row per source line, merged cells left empty."""

    first_line: int
    last_line: int
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Reference:
    """A link to another document, found in the text."""

    kind: str  # "cites" | "repeals" | "amends"
    doc_number: DocNumber | None
    title: str | None
    line: int


@dataclass(frozen=True)
class Appointment:
    person: str
    action: str  # 任命 | 聘任 | 免去 | 解聘 | ...
    post: str
    note: str | None
    line: int


@dataclass(frozen=True)
class Task:
    """A piece of work the text assigns to agencies (the smallest numbered provision or table row
    that names them), with its deadline if one is given. Agencies are as printed, in order."""

    label: str | None  # the provision's numbering label (（一）, 1., （3）) or a table row's 序号
    heading: str | None  # the provision's heading, or the enclosing heading of an unnumbered task
    text: str
    responsible: tuple[str, ...]  # every agency named for it, as printed, leads first
    lead: tuple[str, ...]  # those marked as leading (牵头), as printed
    deadline: date | None  # the last day the text allows
    deadline_text: str | None
    recurring: str | None  # a recurring duty's cadence as printed: 每月2日前, 每季度
    first_line: int
    last_line: int
    form: str  # how the text assigns it: "unit" (责任单位：…), "lead" (…牵头，…配合),
    #           "charge" (…负责，…落实 / 按职责分工负责), "line" (a marker line), "table"
    marker_line: int  # where the assignment is printed

    @property
    def support(self) -> tuple[str, ...]:
        return tuple(a for a in self.responsible if a not in self.lead)


@dataclass(frozen=True)
class PlanGrade:
    """An event grade of an emergency plan: 特别重大 (1) … 一般 (4)."""

    level: int
    label: str
    line: int


@dataclass(frozen=True)
class PlanAlert:
    """A warning level (预警): its colour as printed, 1 for 红色 … 4 for 蓝色."""

    level: str  # 红色 | 橙色 | 黄色 | 蓝色
    rank: int
    criteria: str | None
    activated_by: str | None  # who approves issuing it, as printed
    line: int
    activated_by_line: int | None = None


@dataclass(frozen=True)
class PlanResponse:
    """A response level (应急响应) and who starts it, as printed."""

    level: int  # 1 is the most severe
    label: str  # as printed: 四级响应, Ⅱ级响应, II级响应
    activated_by: str | None
    criteria: str | None
    line: int
    activated_by_line: int | None = None
    follows_alert: str | None = None  # the warning colour that starts it (重污染天气: 黄色预警 -> Ⅲ级)
    criteria_line: int | None = None


@dataclass(frozen=True)
class PlanReport:
    """A time limit for reporting upward (1小时内 -> 60), or a repeating cadence (每2小时)."""

    minutes: int
    text: str
    to: str | None
    line: int


@dataclass(frozen=True)
class Plan:
    """The one-page card of an emergency plan (应急预案)."""

    title: str
    hazard: str | None
    headquarters: str | None
    headquarters_line: int | None
    office_at: str | None
    office_line: int | None
    grades: tuple[PlanGrade, ...]
    alerts: tuple[PlanAlert, ...]
    responses: tuple[PlanResponse, ...]
    reporting: tuple[PlanReport, ...]
    reporting_periodic: tuple[PlanReport, ...]
    responses_follow_alerts: bool
    first_line: int
    last_line: int


@dataclass(frozen=True)
class ValidityLink:
    """An earlier document this one repeals or amends, by number and/or 《title》."""

    kind: str  # "repeals" | "amends"
    doc_number: DocNumber | None
    title: str | None
    line: int
    last_line: int
    text: str  # the sentence, as joined


@dataclass(frozen=True)
class Validity:
    """What a document says about its own validity; None where it says nothing."""

    effective: date | None = None
    effective_text: str | None = None
    effective_line: int | None = None
    expires: date | None = None
    validity_text: str | None = None
    validity_line: int | None = None
    links: tuple[ValidityLink, ...] = ()

    @property
    def repeals(self) -> tuple[ValidityLink, ...]:
        return tuple(x for x in self.links if x.kind == "repeals")

    @property
    def amends(self) -> tuple[ValidityLink, ...]:
        return tuple(x for x in self.links if x.kind == "amends")


@dataclass
class Document:
    """One official document (公文) of an issue, a 印发 notice and its instrument together."""

    start_line: int
    end_line: int
    title: str | None = None
    title_line: int | None = None
    doc_number: DocNumber | None = None
    doc_number_line: int | None = None
    issuer: str | None = None
    addressees: list[str] = field(default_factory=list)
    signed: date | None = None
    signature: str | None = None
    section: str | None = None
    publicity: str | None = None
    genre: str | None = None
    page: int | None = None
    attachments: list[Attachment] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    outline: list[Provision] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    instrument_title: str | None = None  # the plan/办法 issued by a 印发 notice, if any
    issuers: list[str] = field(default_factory=list)  # every issuer of a joint document, `issuer` first
    order_number: str | None = None  # a 政府令's 第N号 (no year, so not a DocNumber)
    registration: str | None = None  # registration code of a 规范性文件 (SZDR-2023-01001)
    index_number: str | None = None  # 索引号 of a web reprint
    filing_number: str | None = None  # 备案号 (某文备〔2022〕15号), never the document's own number
    published: date | None = None  # the 发布日期 a legal database's or a portal's field block gives
    printed_status: str | None = None  # its 时效性 / 有效性 as the site prints it (现行有效, 失效 …)
    plan: Plan | None = None  # the emergency-plan card, when the document is or issues an 应急预案
    validity: Validity = field(default_factory=lambda: Validity())  # extract.validity
    pages: tuple[int, int] | None = None  # first and last PDF page it is printed on (PDF input)

    @property
    def text(self) -> str:
        """The cleaned text: one paragraph per line, furniture removed, seams joined."""
        return "\n".join(p.text for p in self.paragraphs)

    def numbers(self, kind: str | None = None) -> list[DocNumber]:
        """Distinct document numbers referred to (of one kind, or any), in order of first mention,
        never the document's own."""
        seen: list[DocNumber] = []
        for ref in self.references:
            if kind in (None, ref.kind) and ref.doc_number and ref.doc_number not in seen:
                if ref.doc_number != self.doc_number:
                    seen.append(ref.doc_number)
        return seen


@dataclass
class ParsedIssue:
    """Everything parsed from one gazette file: the only value the parser hands on."""

    source: SourceText
    layout: str  # "markdown" | "plain" | "hardwrap"
    issue: Issue
    toc: list[TocEntry]
    documents: list[Document]
    warnings: list[Warning]
    corrections: list[Correction]
