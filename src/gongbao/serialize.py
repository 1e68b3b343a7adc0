"""ParsedIssue -> the JSON of `gongbao parse --format json` (docs/spec/parse-json.md).

Names and meanings in the spec are a public interface: add fields freely, never rename or drop.
A value the source does not give is null, never a guess and never an empty string.
"""

from __future__ import annotations

import json

from gongbao.model import (Document, ParsedIssue, Plan, PlanAlert, PlanGrade, PlanReport, PlanResponse,
                           Provision, Task, Validity)


def to_json(parsed: ParsedIssue) -> str:
    return json.dumps(to_json_dict(parsed), ensure_ascii=False, indent=2)


def to_json_dict(parsed: ParsedIssue) -> dict:
    issue = parsed.issue
    return {
        "source": {
            "path": parsed.source.path,
            "sha256": parsed.source.sha256,
            "encoding": parsed.source.encoding,
            "layout": parsed.layout,
            "lines": len(parsed.source.lines),
            "format": "pdf" if parsed.source.pages else "text",
            # A PDF's pages: the lines each printed, read from its text layer or by OCR (with
            # each line's confidence); none for a text file.
            "pages": [{"page": p.number, "first_line": p.first_line, "last_line": p.last_line,
                       "kind": p.kind, **({"confidence": list(p.confidence)} if p.kind == "ocr" else {})}
                      for p in parsed.source.pages],
        },
        "issue": {
            "gazette": issue.gazette,
            "year": issue.year,
            "number": issue.number,
            "cumulative": issue.cumulative,
            "published": _iso(issue.published),
            "editor": issue.editor,
        },
        "toc": [
            {"title": e.title, "doc_number": _str(e.doc_number), "page": e.page, "section": e.section, "line": e.line}
            for e in parsed.toc
        ],
        "documents": [document_dict(d, parsed.source.page_of if parsed.source.pages else None)
                      for d in parsed.documents],
        "warnings": [{"line": w.line, "code": w.code, "message": w.message} for w in parsed.warnings],
        "corrections": [
            {"line": c.line, "printed": c.printed, "suggested": c.suggested, "reason": c.reason}
            for c in parsed.corrections
        ],
    }


def document_dict(d: Document, page_of=None) -> dict:
    """One document; `page_of(line)` (a PDF's) gives every fact with a line its page too."""
    page = page_of or (lambda line: None)
    return {
        "start_line": d.start_line,
        "end_line": d.end_line,
        "title": d.title,
        "doc_number": _str(d.doc_number),
        "doc_number_parts": d.doc_number.as_dict() if d.doc_number else None,
        "issuer": d.issuer,
        "addressees": d.addressees,
        "signed": _iso(d.signed),
        "signature": d.signature,
        "section": d.section,
        "page": d.page,
        "pages": list(d.pages) if d.pages else None,
        "publicity": d.publicity,
        "genre": d.genre,
        "instrument_title": d.instrument_title,
        "issuers": d.issuers,
        "order_number": d.order_number,
        "registration": d.registration,
        "index_number": d.index_number,
        "filing_number": d.filing_number,
        "published": _iso(d.published),
        "printed_status": d.printed_status,
        "attachments": [{"title": a.title, "status": a.status, "line": a.line, "page": page(a.line)}
                        for a in d.attachments],
        "cites": [str(n) for n in d.numbers()],  # every other number mentioned, repealed ones too
        "repeals": [str(n) for n in d.numbers("repeals")],
        "amends": [str(n) for n in d.numbers("amends")],
        "cited_titles": list(dict.fromkeys(r.title for r in d.references if r.title and r.doc_number is None)),
        "appointments": [
            {"person": a.person, "action": a.action, "post": a.post, "note": a.note, "line": a.line,
             "page": page(a.line)}
            for a in d.appointments
        ],
        "tasks": [task_dict(t) for t in d.tasks],
        "validity": validity_dict(d.validity),
        "text": d.text,
        "outline": [_provision(p, page) for p in d.outline],
        "tables": [{"first_line": t.first_line, "last_line": t.last_line, "rows": [list(r) for r in t.rows]} for t in d.tables],
        "plan": plan_dict(d.plan) if d.plan else None,
    }


def plan_dict(p: Plan) -> dict:
    """An emergency-plan card in the shape of docs/spec/registers-json.md (`gongbao plan REF --json`)."""
    return {
        "title": p.title,
        "hazard": p.hazard,
        "headquarters": p.headquarters,
        "headquarters_line": p.headquarters_line,
        "office_at": p.office_at,
        "office_line": p.office_line,
        "grades": [{"level": g.level, "label": g.label, "line": g.line} for g in p.grades],
        "alerts": [{"level": a.level, "rank": a.rank, "criteria": a.criteria, "activated_by": a.activated_by,
                    "line": a.line, "activated_by_line": a.activated_by_line} for a in p.alerts],
        "responses_follow_alerts": p.responses_follow_alerts,
        "responses": [{"level": r.level, "label": r.label, "activated_by": r.activated_by, "criteria": r.criteria,
                       "line": r.line, "activated_by_line": r.activated_by_line, "follows_alert": r.follows_alert,
                       "criteria_line": r.criteria_line}
                      for r in p.responses],
        "reporting": [_report(r) for r in p.reporting],
        "reporting_periodic": [_report(r) for r in p.reporting_periodic],
        "lines": [p.first_line, p.last_line],
    }


def plan_from_dict(d: dict) -> Plan:
    """The inverse of `plan_dict`: a stored card back into its dataclass."""
    return Plan(
        title=d["title"], hazard=d["hazard"], headquarters=d["headquarters"],
        headquarters_line=d["headquarters_line"], office_at=d["office_at"], office_line=d["office_line"],
        grades=tuple(PlanGrade(g["level"], g["label"], g["line"]) for g in d["grades"]),
        alerts=tuple(PlanAlert(a["level"], a["rank"], a["criteria"], a["activated_by"], a["line"],
                               a.get("activated_by_line")) for a in d["alerts"]),
        responses=tuple(PlanResponse(r["level"], r["label"], r["activated_by"], r["criteria"], r["line"],
                                     r.get("activated_by_line"), r.get("follows_alert"), r.get("criteria_line"))
                        for r in d["responses"]),
        reporting=tuple(PlanReport(r["minutes"], r["text"], r["to"], r["line"]) for r in d["reporting"]),
        reporting_periodic=tuple(PlanReport(r["minutes"], r["text"], r["to"], r["line"])
                                 for r in d["reporting_periodic"]),
        responses_follow_alerts=d["responses_follow_alerts"],
        first_line=d["lines"][0], last_line=d["lines"][1],
    )


def _report(r: PlanReport) -> dict:
    return {"minutes": r.minutes, "text": r.text, "to": r.to, "line": r.line}


def task_dict(t: Task) -> dict:
    """A task as the parse JSON gives it: agencies as printed (the archive adds canonical names)."""
    return {"label": t.label, "heading": t.heading, "text": t.text,
            "responsible_as_printed": list(t.responsible), "lead_as_printed": list(t.lead),
            "deadline": _iso(t.deadline), "deadline_text": t.deadline_text, "recurring": t.recurring,
            "lines": [t.first_line, t.last_line], "marker_line": t.marker_line, "form": t.form}


def validity_dict(v: Validity) -> dict:
    """What the document says of its own validity (extract.validity), with its lines."""
    return {
        "effective": _iso(v.effective), "effective_text": v.effective_text, "effective_line": v.effective_line,
        "expires": _iso(v.expires), "validity_text": v.validity_text, "validity_line": v.validity_line,
        **{kind: [{"doc_number": _str(x.doc_number), "title": x.title, "line": x.line,
                   "lines": [x.line, x.last_line], "text": x.text}
                  for x in v.links if x.kind == kind] for kind in ("repeals", "amends")},
    }


def _provision(p: Provision, page=lambda line: None) -> dict:
    return {"label": p.label, "heading": p.heading, "line": p.line, "page": page(p.line), "level": p.level,
            "children": [_provision(c, page) for c in p.children]}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _str(value) -> str | None:
    return str(value) if value is not None else None
