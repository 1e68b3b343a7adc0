"""The archive: parsed gazette issues in SQLite, searchable in Chinese.

    from gongbao.store import Archive
    with Archive.open("gongbao.db") as archive:
        archive.ingest_paths(["samples"])            # -> [IngestOutcome(status=added|replaced|skipped|failed)]
        result = archive.search("重污染天气 应急预案 year:2020", limit=10)
        result.total, result.hits[0].title, result.hits[0].snippet, result.facets.genre
        doc = archive.document("阳政办发2020 132")      # by id or by 发文字号 in any common form
        doc.paragraphs[0].first_line, doc.references, doc.cited_by, doc.appointments
        archive.printed_lines(doc.issue_id, doc.start_line, doc.end_line)

Everything returned is a frozen dataclass (store.records). All SQL lives in this package: schema
and migrations (schema.py), writing (ingest.py), reading (queries.py), searching (search.py).
Every failure the user can act on is a `GongbaoError`.
"""

from gongbao.search.query import Clause, Filters, Query, QueryError, Term, parse_query
from gongbao.store.archive import Archive, default_db_path, gazette_files
from gongbao.store.records import (
    AppointmentRecord, ArchiveError, AttachmentRecord, Citation, CorrectionRecord, DocumentList,
    DocumentRecord, DocumentSummary, FacetCount, Facets, Hit, IngestOutcome, IssueRecord,
    IssueSummary, NotFoundError, OutlineNode, ParagraphRecord, PrintedLine, ReferenceRecord,
    SearchResult, Stats, TaskRecord, TocLink, WarningRecord, to_plain,
)

__all__ = [
    "Archive", "default_db_path", "gazette_files",
    "Query", "Clause", "Term", "Filters", "QueryError", "parse_query",
    "AppointmentRecord", "ArchiveError", "AttachmentRecord", "Citation", "CorrectionRecord",
    "DocumentList", "DocumentRecord", "DocumentSummary", "FacetCount", "Facets", "Hit",
    "IngestOutcome", "IssueRecord", "IssueSummary", "NotFoundError", "OutlineNode",
    "ParagraphRecord", "PrintedLine", "ReferenceRecord", "SearchResult", "Stats", "TaskRecord",
    "TocLink", "WarningRecord", "to_plain",
]
