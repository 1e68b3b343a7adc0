"""The values that pass between pipeline stages.

Plain dataclasses, never dicts: each stage is a pure function from one of these to the next, and
`ParsedIssue` is everything the parser knows about one gazette file. Line numbers are always 1-based
lines of the *source file*, never of transformed text, so every fact points back to the print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongbao.docnumber import DocNumber

__all__ = [
    "SourceText", "Paragraph", "Warning", "Correction", "Issue", "TocEntry", "Attachment",
    "Provision", "Table", "Reference", "Appointment", "Task", "Document", "ParsedIssue", "DocNumber",
]


@dataclass(frozen=True)
class SourceText:
    """A decoded gazette file: the printed record every later stage points back to."""

    path: str
    sha256: str
    encoding: str
    lines: tuple[str, ...]  # without line terminators; lines[0] is line 1
    # What decoding had to repair (bytes replaced by U+FFFD, lines in another encoding), by line.
    warnings: tuple[Warning, ...] = ()

    def line(self, number: int) -> str:
        return self.lines[number - 1]


@dataclass(frozen=True)
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
    """A piece of work a plan assigns to agencies, with its deadline if one is given."""

    text: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    deadline: str | None
    line: int


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
