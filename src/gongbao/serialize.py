"""ParsedIssue -> the JSON of `gongbao parse --format json` (spec/parse-json.md).

Names and meanings in the spec are a public interface: add fields freely, never rename or drop.
A value the source does not give is null, never a guess and never an empty string.
"""

from __future__ import annotations

import json

from gongbao.model import Document, ParsedIssue, Provision, Validity


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
        "documents": [document_dict(d) for d in parsed.documents],
        "warnings": [{"line": w.line, "code": w.code, "message": w.message} for w in parsed.warnings],
        "corrections": [
            {"line": c.line, "printed": c.printed, "suggested": c.suggested, "reason": c.reason}
            for c in parsed.corrections
        ],
    }


def document_dict(d: Document) -> dict:
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
        "publicity": d.publicity,
        "genre": d.genre,
        "instrument_title": d.instrument_title,
        "attachments": [{"title": a.title, "status": a.status, "line": a.line} for a in d.attachments],
        "cites": [str(n) for n in d.numbers()],  # every other number mentioned, repealed ones too
        "repeals": [str(n) for n in d.numbers("repeals")],
        "amends": [str(n) for n in d.numbers("amends")],
        "cited_titles": list(dict.fromkeys(r.title for r in d.references if r.title and r.doc_number is None)),
        "appointments": [
            {"person": a.person, "action": a.action, "post": a.post, "note": a.note, "line": a.line}
            for a in d.appointments
        ],
        "validity": validity_dict(d.validity),
        "text": d.text,
        "outline": [_provision(p) for p in d.outline],
        "tables": [{"first_line": t.first_line, "last_line": t.last_line, "rows": [list(r) for r in t.rows]} for t in d.tables],
    }


def validity_dict(v: Validity) -> dict:
    """What the document says of its own validity (extract.validity), with its lines."""
    return {
        "effective": _iso(v.effective), "effective_text": v.effective_text, "effective_line": v.effective_line,
        "expires": _iso(v.expires), "validity_text": v.validity_text, "validity_line": v.validity_line,
        **{kind: [{"doc_number": _str(x.doc_number), "title": x.title, "line": x.line,
                   "lines": [x.line, x.last_line], "text": x.text}
                  for x in v.links if x.kind == kind] for kind in ("repeals", "amends")},
    }


def _provision(p: Provision) -> dict:
    return {"label": p.label, "heading": p.heading, "line": p.line, "level": p.level,
            "children": [_provision(c) for c in p.children]}


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _str(value) -> str | None:
    return str(value) if value is not None else None
