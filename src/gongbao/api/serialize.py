"""Archive records as the API's JSON: plain data, dates as ISO strings, with links.

Every document and issue carries `url` (its API address) and `web_url` (its page). The server's
own file-system paths are not exposed: an issue shows the name of the file it was ingested from
(`source_file`), the stats the name of the archive file.
"""

from __future__ import annotations

from dataclasses import fields
from pathlib import PurePath
from urllib.parse import quote

from gongbao.store.records import (
    Citation, DocumentList, DocumentRecord, DocumentSummary, IngestOutcome, IssueRecord,
    IssueSummary, PrintedLine, ReferenceRecord, SearchResult, Stats, TocLink, to_plain,
)

__all__ = ["document_url", "document_web_url", "issue_url", "issue_web_url", "summary_json",
           "document_json", "issue_summary_json", "issue_json", "search_json", "list_json",
           "stats_json", "printed_json", "outcome_json"]


def document_url(doc_id: str) -> str:
    return f"/api/documents/{quote(doc_id, safe='')}"


def document_web_url(doc_id: str) -> str:
    return f"/documents/{quote(doc_id, safe='')}"


def issue_url(issue_id: str) -> str:
    return f"/api/issues/{quote(issue_id, safe='')}"


def issue_web_url(issue_id: str) -> str:
    return f"/issues/{quote(issue_id, safe='')}"


def summary_json(doc: DocumentSummary) -> dict:
    if type(doc) is not DocumentSummary:  # a Hit or a DocumentRecord: only the summary's fields
        doc = DocumentSummary(**{f.name: getattr(doc, f.name) for f in fields(DocumentSummary)})
    out = to_plain(doc)
    out["url"] = document_url(doc.id)
    out["web_url"] = document_web_url(doc.id)
    out["issue_url"] = issue_url(doc.issue_id)
    return out


def issue_summary_json(issue: IssueSummary) -> dict:
    out = {f.name: to_plain(getattr(issue, f.name)) for f in fields(IssueSummary) if f.name != "path"}
    out["source_file"] = PurePath(issue.path).name
    out["label"] = issue.label
    out["url"] = issue_url(issue.id)
    out["web_url"] = issue_web_url(issue.id)
    return out


def _toc_json(entry: TocLink) -> dict:
    out = to_plain(entry)
    out["url"] = document_url(entry.document_id) if entry.document_id else None
    out["web_url"] = document_web_url(entry.document_id) if entry.document_id else None
    return out


def issue_json(issue: IssueRecord) -> dict:
    out = issue_summary_json(issue)
    out["toc"] = [_toc_json(e) for e in issue.toc]
    out["document_list"] = [summary_json(d) for d in issue.document_list]
    out["warnings"] = to_plain(issue.warnings)
    out["corrections"] = to_plain(issue.corrections)
    return out


def _reference_json(ref: ReferenceRecord) -> dict:
    out = to_plain(ref)
    out["url"] = document_url(ref.target_id) if ref.target_id else None
    return out


def _citation_json(cit: Citation) -> dict:
    return {"kind": cit.kind, "line": cit.line, "source": summary_json(cit.source)}


def document_json(doc: DocumentRecord) -> dict:
    out = summary_json(doc.summary())
    skip = {f.name for f in fields(DocumentSummary)} | {"issue", "references", "cited_by"}
    for f in fields(DocumentRecord):
        if f.name not in skip:
            out[f.name] = to_plain(getattr(doc, f.name))
    out["issue"] = issue_summary_json(doc.issue)
    out["tasks"] = [_task_json(doc, t) for t in doc.tasks]
    out["references"] = [_reference_json(r) for r in doc.references]
    out["cited_by"] = [_citation_json(c) for c in doc.cited_by]
    out["printed_url"] = document_url(doc.id) + "/printed"
    return out


def _task_json(doc: DocumentRecord, t) -> dict:
    """A task of the document in the ledger's shape (spec/registers-json.md), without `overdue`
    (which needs a date: /api/tasks?doc=… gives it)."""
    from gongbao.registers.tasks import canonical_names as canonical

    return {"id": f"{doc.id}#{t.seq}", "label": t.label, "heading": t.heading, "text": t.text,
            "responsible": list(canonical(t.responsible)), "responsible_as_printed": list(t.responsible),
            "lead": list(canonical(t.lead)), "lead_as_printed": list(t.lead),
            "deadline": t.deadline.isoformat() if t.deadline else None, "deadline_text": t.deadline_text,
            "recurring": t.recurring, "lines": [t.first_line, t.last_line], "marker_line": t.marker_line,
            "form": t.form}


def search_json(result: SearchResult) -> dict:
    out = result.to_json_dict()
    for hit, plain in zip(result.hits, out["hits"]):
        plain["date"] = hit.date.isoformat() if hit.date else None
        plain["page"] = hit.page
        plain["url"] = document_url(hit.id)
        plain["web_url"] = document_web_url(hit.id)
    return out


def list_json(listing: DocumentList, *, limit: int, offset: int) -> dict:
    return {"total": listing.total, "offset": offset, "limit": limit,
            "documents": [summary_json(d) for d in listing.documents]}


def stats_json(stats: Stats) -> dict:
    out = {f.name: to_plain(getattr(stats, f.name)) for f in fields(Stats)
           if f.name not in ("path", "facets")}
    out["archive_file"] = PurePath(stats.path).name
    out["facets"] = stats.facets.as_dict()
    return out


def printed_json(doc: DocumentRecord, lines: tuple[PrintedLine, ...], corrections) -> dict:
    return {"id": doc.id, "doc_number": doc.doc_number, "issue_id": doc.issue_id,
            "first_line": doc.start_line, "last_line": doc.end_line,
            "lines": [{"number": ln.number, "text": ln.text} for ln in lines],
            "corrections": to_plain(corrections)}


def outcome_json(outcome: IngestOutcome) -> dict:
    out = to_plain(outcome)
    out["path"] = PurePath(outcome.path).name
    out["url"] = issue_url(outcome.issue_id) if outcome.issue_id else None
    return out
