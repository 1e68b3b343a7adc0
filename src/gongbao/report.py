"""The readable summary of `gongbao parse` (--format text): issue, one line per document, warnings."""

from __future__ import annotations

from gongbao.model import ParsedIssue


def summary_lines(parsed: ParsedIssue) -> list[str]:
    i = parsed.issue
    name = i.gazette or "(gazette name not printed)"
    number = f"{i.year or '?'}年第{i.number or '?'}期" + (f"（总第{i.cumulative}期）" if i.cumulative else "")
    published = f"，{i.published.isoformat()}出版" if i.published else ""
    lines = [
        f"{name} {number}{published}",
        f"{parsed.source.path}: {parsed.layout} layout, {len(parsed.source.lines)} lines, "
        f"{len(parsed.toc)} TOC entries, {len(parsed.documents)} documents",
        "",
    ]
    for d in parsed.documents:
        lines.append(
            f"{str(d.doc_number) if d.doc_number else '(无文号)':<18} {d.signed.isoformat() if d.signed else '----------'} "
            f"{d.genre or '--':<2} {d.title or '(untitled)'}  [line {d.start_line}]"
        )
    if parsed.warnings:
        lines.append("")
        lines.append(f"{len(parsed.warnings)} warnings:")
        lines.extend(f"  line {w.line or '-'}: {w.code}: {w.message}" for w in parsed.warnings)
    if parsed.corrections:
        lines.append("")
        lines.append(f"{len(parsed.corrections)} suggested OCR corrections (the printed text is kept):")
        lines.extend(f"  line {c.line}: {c.printed.strip()} -> {c.suggested} ({c.reason})" for c in parsed.corrections[:20])
        if len(parsed.corrections) > 20:
            lines.append(f"  … and {len(parsed.corrections) - 20} more (see --format json)")
    return lines
