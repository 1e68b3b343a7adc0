"""Archive records as the API's JSON: plain data, dates as ISO strings, with links.

Every document and issue carries `url` (its API address) and `web_url` (its page), absolute when
the route passes `base` (the server's own address, as the client reached it). The server's own
file-system paths are not exposed: an issue shows the name of the file it was ingested from
(`source_file`), the stats the name of the archive file, messages no path (`scrub_paths`).
"""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import PurePath
from urllib.parse import quote

from gongbao.store.records import (
    Citation, DocumentList, DocumentRecord, DocumentSummary, IngestOutcome, IssueRecord,
    IssueSummary, PrintedLine, ReferenceRecord, SearchResult, Stats, TocLink, to_plain,
)

__all__ = ["document_url", "document_web_url", "issue_url", "issue_web_url", "summary_json",
           "document_json", "issue_summary_json", "issue_json", "search_json", "list_json",
           "stats_json", "printed_json", "outcome_json", "scrub_paths"]


def document_url(doc_id: str, base: str = "") -> str:
    return f"{base}/api/documents/{quote(doc_id, safe='')}"


def document_web_url(doc_id: str, base: str = "") -> str:
    return f"{base}/documents/{quote(doc_id, safe='')}"


def issue_url(issue_id: str, base: str = "") -> str:
    return f"{base}/api/issues/{quote(issue_id, safe='')}"


def issue_web_url(issue_id: str, base: str = "") -> str:
    return f"{base}/issues/{quote(issue_id, safe='')}"


# A file-system path in a message: an absolute one (/srv/a.db, ~/a.db, ../a.db), or a relative one
# whose last part has an extension (samples/a.txt); it is replaced by its last part, the file's
# name. Words with a slash (县/区) are not paths.
_PART = r"[^\s/()（）'\"`:]+"
_PATH = re.compile(rf"(?<![\w:/.])(?:(?:/|\.{{1,2}}/|~/)(?:{_PART}/)*|(?:{_PART}/)+(?={_PART}\.\w))"
                   rf"(?P<name>{_PART})")
_DATE = re.compile(r"[\d/年月日]+")  # 2021/6/30 is a date, not a path


def scrub_paths(message: str) -> str:
    """`cannot use /srv/gongbao/data/a.db as an archive` -> `cannot use a.db as an archive`."""
    if "/" not in message:
        return message
    return _PATH.sub(lambda m: m[0] if _DATE.fullmatch(m[0]) else m["name"], message)


def summary_json(doc: DocumentSummary, base: str = "") -> dict:
    if type(doc) is not DocumentSummary:  # a Hit or a DocumentRecord: only the summary's fields
        doc = DocumentSummary(**{f.name: getattr(doc, f.name) for f in fields(DocumentSummary)})
    out = to_plain(doc)
    out["url"] = document_url(doc.id, base)
    out["web_url"] = document_web_url(doc.id, base)
    out["issue_url"] = issue_url(doc.issue_id, base)
    return out


def issue_summary_json(issue: IssueSummary, base: str = "") -> dict:
    out = {f.name: to_plain(getattr(issue, f.name)) for f in fields(IssueSummary) if f.name != "path"}
    out["source_file"] = PurePath(issue.path).name
    out["label"] = issue.label
    out["url"] = issue_url(issue.id, base)
    out["web_url"] = issue_web_url(issue.id, base)
    return out


def _toc_json(entry: TocLink, base: str) -> dict:
    out = to_plain(entry)
    out["url"] = document_url(entry.document_id, base) if entry.document_id else None
    out["web_url"] = document_web_url(entry.document_id, base) if entry.document_id else None
    return out


def issue_json(issue: IssueRecord, base: str = "") -> dict:
    out = issue_summary_json(issue, base)
    out["toc"] = [_toc_json(e, base) for e in issue.toc]
    out["document_list"] = [summary_json(d, base) for d in issue.document_list]
    out["warnings"] = to_plain(issue.warnings)
    out["corrections"] = to_plain(issue.corrections)
    return out


def _reference_json(ref: ReferenceRecord, base: str) -> dict:
    out = to_plain(ref)
    out["url"] = document_url(ref.target_id, base) if ref.target_id else None
    return out


def _citation_json(cit: Citation, base: str) -> dict:
    return {"kind": cit.kind, "line": cit.line, "source": summary_json(cit.source, base)}


def document_json(doc: DocumentRecord, base: str = "") -> dict:
    out = summary_json(doc.summary(), base)
    skip = {f.name for f in fields(DocumentSummary)} | {"issue", "references", "cited_by"}
    for f in fields(DocumentRecord):
        if f.name not in skip:
            out[f.name] = to_plain(getattr(doc, f.name))
    out["issue"] = issue_summary_json(doc.issue, base)
    out["tasks"] = [_task_json(doc, t) for t in doc.tasks]
    out["references"] = [_reference_json(r, base) for r in doc.references]
    out["cited_by"] = [_citation_json(c, base) for c in doc.cited_by]
    out["printed_url"] = document_url(doc.id, base) + "/printed"
    out["pages"] = list(doc.pages) if doc.pages else None
    out["pdf_url"] = (f"{issue_url(doc.issue_id, base)}/source?version={doc.version}#page={doc.pages[0]}"
                      if doc.pages else None)
    return out


def _task_json(doc: DocumentRecord, t) -> dict:
    """A task of the document in the ledger's shape (docs/spec/registers-json.md), without `overdue`
    (which needs a date: /api/tasks?doc=… gives it)."""
    from gongbao.registers.tasks import canonical_names as canonical

    return {"id": f"{doc.id}#{t.seq}", "label": t.label, "heading": t.heading, "text": t.text,
            "responsible": list(canonical(t.responsible)), "responsible_as_printed": list(t.responsible),
            "lead": list(canonical(t.lead)), "lead_as_printed": list(t.lead),
            "deadline": t.deadline.isoformat() if t.deadline else None, "deadline_text": t.deadline_text,
            "recurring": t.recurring, "lines": [t.first_line, t.last_line], "marker_line": t.marker_line,
            "form": t.form}


def search_json(result: SearchResult, base: str = "", links: dict | None = None) -> dict:
    """docs/spec/search-json.md, with absolute links; `links` are the page's `next` and `prev`."""
    out = result.to_json_dict()
    for hit, plain in zip(result.hits, out["hits"]):
        plain["date"] = hit.date.isoformat() if hit.date else None
        plain["page"] = hit.page
        plain["url"] = document_url(hit.id, base)
        plain["web_url"] = document_web_url(hit.id, base)
        plain["issue_url"] = issue_url(hit.issue_id, base)
    if out["message"]:
        out["message"] = scrub_paths(out["message"])
    out.update(links or {"next": None, "prev": None})
    return out


def list_json(listing: DocumentList, *, limit: int, offset: int, base: str = "",
              links: dict | None = None) -> dict:
    return {"total": listing.total, "offset": offset, "limit": limit,
            **(links or {"next": None, "prev": None}),
            "documents": [summary_json(d, base) for d in listing.documents]}


def stats_json(stats: Stats) -> dict:
    out = {f.name: to_plain(getattr(stats, f.name)) for f in fields(Stats)
           if f.name not in ("path", "facets")}
    out["archive_file"] = PurePath(stats.path).name
    out["facets"] = stats.facets.as_dict()
    return out


def printed_json(doc: DocumentRecord, lines: tuple[PrintedLine, ...], corrections) -> dict:
    return {"id": doc.id, "doc_number": doc.doc_number, "issue_id": doc.issue_id,
            "first_line": doc.start_line, "last_line": doc.end_line,
            "lines": [{"number": ln.number, "text": ln.text, "page": ln.page, "confidence": ln.confidence}
                      for ln in lines],
            "corrections": to_plain(corrections)}


def outcome_json(outcome: IngestOutcome, base: str = "") -> dict:
    out = to_plain(outcome)
    out["path"] = PurePath(outcome.path).name
    out["message"] = scrub_paths(outcome.message)
    out["url"] = issue_url(outcome.issue_id, base) if outcome.issue_id else None
    return out
