"""The archive commands: ingest, search, show, stats, export. One library call each.

Every `GongbaoError` becomes one line on stderr and exit code 2 (`gongbao.cli.fail`); `ingest`
exits 1 when some file failed and the others went in.
"""

from __future__ import annotations

import html
import json
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from gongbao.errors import GongbaoError

__all__ = ["register"]

_DB_HELP = ("The archive file, or a PostgreSQL database postgresql://user@host/dbname "
            "(default: $GONGBAO_DB, else gongbao.db in the working directory).")


def _db_option():
    return typer.Option(None, "--db", envvar="GONGBAO_DB", help=_DB_HELP, show_envvar=False)


def _open(db: Optional[Path], *, readonly: bool):
    from gongbao.store import Archive, default_db_path

    return Archive.open(db or default_db_path(), readonly=readonly)


def _fail(message: str, code: int = 2):
    from gongbao.cli import fail

    fail(message, code)


def _consoles():
    from gongbao.cli import err, out

    return out, err


def ingest(
    paths: list[Path] = typer.Argument(..., help="Gazette files, or folders of them (.txt, .md, .pdf)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, max=64,
                                          help="Processes that parse and segment (default: one per core)."),
    replace: bool = typer.Option(False, "--replace", help=(
        "Make a new text of an issue its current version even if it drops documents or its cover "
        "disagrees with its text (nothing is deleted: earlier versions stay).")),
    db: Optional[Path] = _db_option(),
) -> None:
    """Add gazette issues to the archive: one transaction per issue, unchanged files skipped,
    a changed file of an issue its next version."""
    from gongbao.store import gazette_files

    out, err = _consoles()
    try:
        files = gazette_files(paths)
        if not files:
            _fail("no gazette files (.txt, .md, .pdf) in " + ", ".join(str(p) for p in paths))
        archive = _open(db, readonly=False)
    except GongbaoError as e:
        _fail(str(e))
    outcomes = []
    try:
        with archive, Progress(TextColumn("[progress.description]{task.description}"), BarColumn(),
                               MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                               transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("ingesting", total=len(files))
            # While the bar is drawn on the terminal, the result lines go through its console, above
            # the bar (rich's own console for stdout would write through it and break both).
            lines = progress.console if progress.live.is_started and out.is_terminal else out

            def report(outcome, done, total):
                outcomes.append(outcome)
                progress.update(task, completed=done, description=Path(outcome.path).name)
                _print_outcome(outcome, lines)

            pages_task = None

            def page_read(path, done, total):  # OCR of scanned PDF pages, page by page
                nonlocal pages_task
                if pages_task is None:
                    pages_task = progress.add_task("OCR", total=total)
                progress.update(pages_task, completed=done, total=total,
                                description=f"OCR {Path(path).name} p.{done}/{total}")

            archive.ingest_paths(files, on_progress=report, workers=workers, replace=replace,
                                 on_page=page_read)
    except KeyboardInterrupt:
        err.print(_interrupted(outcomes, len(files), archive.path), markup=False)
        raise typer.Exit(130)
    except GongbaoError as e:
        _fail(str(e))
    counts = {s: sum(o.status == s for o in outcomes)
              for s in ("added", "replaced", "skipped", "refused", "failed")}
    if not counts["refused"]:
        del counts["refused"]
    out.print(", ".join(f"{n} {s}" for s, n in counts.items()) + f" → {archive.path}", markup=False)
    if counts["failed"] or counts.get("refused"):
        raise typer.Exit(1)


def _interrupted(outcomes, total: int, path: str) -> str:
    """What Ctrl-C left: the files done, and the issues the archive really holds now."""
    done = ", ".join(f"{sum(o.status == s for o in outcomes)} {s}" for s in ("added", "replaced", "skipped", "failed"))
    try:
        with _open(Path(path), readonly=True) as archive:
            n = archive.stats().issues
            held = f"the archive holds {n} issue{'s' if n != 1 else ''}"
    except GongbaoError:
        held = "the archive is as it was before the file being ingested"
    return (f"interrupted after {len(outcomes)} of {total} files ({done}): {held}; "
            "the file being ingested when interrupted was not added")


def _print_outcome(outcome, lines=None) -> None:
    out, err = _consoles()
    out = lines or out
    if outcome.status in ("failed", "refused"):
        err.print(f"[bold red]{outcome.status:<8}[/] {escape(outcome.path)}: {escape(outcome.message)}")
        return
    detail = f"{outcome.documents} documents" if outcome.status != "skipped" else outcome.message
    if outcome.status == "replaced":
        detail += f" ({outcome.message})"
    colour = {"added": "green", "replaced": "yellow", "skipped": "dim"}[outcome.status]
    out.print(f"[{colour}]{outcome.status:<8}[/] {escape(outcome.issue_id or '-'):<10} "
              f"{escape(outcome.path)}  {escape(detail)}")


def _snippet_markup(snippet: str) -> str:
    """An HTML snippet (<mark>) as rich markup."""
    parts = re.split(r"(<mark>.*?</mark>)", snippet)
    out = []
    for part in parts:
        if part.startswith("<mark>"):
            out.append("[bold yellow]" + escape(html.unescape(part[6:-7])) + "[/]")
        else:
            out.append(escape(html.unescape(part)))
    return "".join(out)


class SortOrder(str, Enum):
    relevance = "relevance"
    date = "date"


def search(
    query: list[str] = typer.Argument(None, help="Words, \"phrases\", OR, -excluded, filters (see README); "
                                            "none with a filter option lists what it selects, newest first.",
                                       show_default=False),
    year: list[int] = typer.Option([], "--year", help="Only documents of this year (repeatable)."),
    issuer: list[str] = typer.Option([], "--issuer", help="Only documents of this issuer, e.g. 市政府办公室."),
    genre: list[str] = typer.Option([], "--genre", help="Only this genre (公文种类), e.g. 通知."),
    section: list[str] = typer.Option([], "--section", help="Only this gazette section, e.g. 人事任免."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Signed on or after (2021-01-01)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Signed on or before (2021-06-30)."),
    status: list[str] = typer.Option([], "--status", help="Only documents of this validity status today: in-force, not-yet-in-force, expired, repealed."),
    limit: int = typer.Option(10, "--limit", "-n", min=0, max=1000, help="How many hits to show."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many hits (paging)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (docs/spec/search-json.md)."),
    sort: SortOrder = typer.Option(SortOrder.relevance, "--sort", help="relevance (the default) or date (newest first)."),
    keywords_only: bool = typer.Option(False, "--keywords-only", help="Keywords (BM25) only, even where the archive has vectors."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Search the archive: topic words, a 发文字号, a name or an "exact phrase", with filters;
    fused with semantic vectors where `gongbao embed` made them."""
    from gongbao.store import Filters
    from gongbao.search.query import parse_date, status_value

    out, _ = _consoles()
    try:
        filters = Filters(
            years=tuple(year), issuers=tuple(issuer), genres=tuple(genre), sections=tuple(section),
            date_from=parse_date(date_from) if date_from else None,
            date_to=parse_date(date_to, end=True) if date_to else None,
            statuses=tuple(status_value(s) for s in status))
        with _open(db, readonly=True) as archive:
            result = archive.search(" ".join(query or ()), limit=limit, offset=offset, filters=filters,
                                    sort=sort.value, semantic=not keywords_only)
            statuses = archive.status_values([h.id for h in result.hits])
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        obj = result.to_json_dict()
        for plain in obj["hits"]:  # the validity status today (gongbao status)
            plain["status"] = statuses.get(plain["id"])
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
        return
    if result.message:
        out.print(f"[dim]{escape(result.message)}[/]")
    shown = f"{result.offset + 1}–{result.offset + len(result.hits)} of " if result.hits else ""
    out.print(f"[bold]{shown}{result.total} document{'s' if result.total != 1 else ''}[/]")
    for i, hit in enumerate(result.hits, result.offset + 1):
        number = f"{hit.doc_number}  " if hit.doc_number else ""
        signed = f"  {hit.signed.isoformat()}" if hit.signed else ""
        out.print(f"{i:>3}. [bold cyan]{escape(number)}[/]{escape(hit.title or '(untitled)')}"
                  f"[dim]{signed}  {escape(hit.id)}[/]")
        if hit.instrument_title and hit.instrument_title not in (hit.title or ""):
            out.print(f"     《{escape(hit.instrument_title)}》")  # what an order or a 印发 notice issues
        if hit.snippet:
            out.print("     " + _snippet_markup(hit.snippet))
    facets = result.facets.as_dict()
    for name in ("year", "genre", "issuer", "section"):
        if facets[name]:
            values = "  ".join(f"{escape(k)} ({v})" for k, v in facets[name].items())
            out.print(f"[dim]{name}:[/] {values}")
    if not result.vectors and not keywords_only and result.query.strip():
        out.print("[dim]keyword search only: the archive has no vectors (gongbao embed adds semantic search)[/]")


def show(
    ref: str = typer.Argument(..., help="A document id or its 发文字号 in any common form."),
    raw: bool = typer.Option(False, "--raw", help="The printed lines, with line numbers."),
    as_json: bool = typer.Option(False, "--json", help="Everything stored, as JSON."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Show one document: metadata, outline and text (or the printed lines with --raw)."""
    from gongbao.store import to_plain

    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            doc = archive.document(ref)
            lines = archive.printed_lines(doc.issue_id, doc.start_line, doc.end_line,
                                          version=None if doc.current else doc.version) if raw else ()
            others = _same_number(archive, doc)
            status = archive.status(doc.id) if not (raw or as_json) and doc.current else None
    except GongbaoError as e:
        _fail(str(e))
    if others:  # a slip in the gazette: say which one this is, and where the others are
        _, err = _consoles()
        err.print(f"note: {len(others) + 1} documents in the archive carry {doc.doc_number}: showing "
                  f"{doc.id} ({doc.issue.label}); also "
                  + "; ".join(f"{o.id} ({o.title or '-'}, issue {o.issue_id})" for o in others),
                  markup=False)
    if as_json:
        sys.stdout.write(json.dumps(to_plain(doc), ensure_ascii=False, indent=2) + "\n")
        return
    if raw:
        out.print(f"[dim]{escape(doc.issue.label)} · {escape(doc.issue.path)} · "
                  f"lines {doc.start_line}–{doc.end_line}{_earlier(doc)}[/]")
        out.file.flush()
        for line in lines:  # verbatim: no markup, no tab expansion, trailing spaces kept
            sys.stdout.write(f"{line.number:>6}  {line.text}\n")
        return
    out.print(f"[bold]{escape(doc.title or '(untitled)')}[/]")
    meta = doc.metadata
    rows = [
        ("id", doc.id), ("文号", doc.doc_number), ("issuer", doc.issuer), ("genre", doc.genre),
        ("section", doc.section), ("signed", doc.signed.isoformat() if doc.signed else None),
        ("publicity", doc.publicity),
        ("issue", f"{doc.issue.label} (lines {doc.start_line}–{doc.end_line}"
                  + (f", page {doc.page}" if doc.page else "")
                  + (f", PDF pages {doc.pages[0]}–{doc.pages[1]}" if doc.pages else "") + ")"),
        ("addressees", "，".join(doc.addressees) or None),
        ("instrument", doc.instrument_title),
        ("issuers", "、".join(meta.issuers) if len(meta.issuers) > 1 else None),
        ("order", meta.order_number), ("registration", meta.registration),
        ("index no.", meta.index_number), ("filing no.", meta.filing_number),
        ("published", meta.published.isoformat() if meta.published else None),
        ("printed as", meta.printed_status),
        ("status", f"{status.status} ({status.label}) as of {status.as_of.isoformat()}" if status else None),
        ("version", _earlier(doc).strip(" ·") or None),
    ]
    for label, value in rows:
        if value:
            out.print(f"[dim]{label:>11}[/]  {escape(str(value))}")
    for a in doc.attachments:
        out.print(f"[dim] attachment[/]  {escape(a.title)} ({a.status})")
    for r in doc.references:
        target = f" → {r.target_id}" if r.target_id else ""
        out.print(f"[dim]{r.kind:>11}[/]  {escape(r.doc_number or r.title or '')}{escape(target)}")
    for c in doc.cited_by:
        out.print(f"[dim]{'cited by':>11}[/]  {escape(c.source.doc_number or c.source.id)} "
                  f"{escape(c.source.title or '')} ({c.kind})")
    for a in doc.appointments:
        note = f" ({a.note})" if a.note else ""
        out.print(f"[dim]{a.action:>11}[/]  {escape(a.person)} {escape(a.post)}{escape(note)}")
    if doc.outline:
        out.print("\n[bold]outline[/]")
        _print_outline(doc.outline, 0)
    out.print("\n[bold]text[/]")
    out.print(escape(doc.text))


def _same_number(archive, doc) -> list:
    """The other documents printed with the document's 发文字号 (the web page's notice, too)."""
    if not doc.doc_number:
        return []
    found = archive.search(doc.doc_number, limit=10)
    return [h for h in found.hits if h.match == "doc_number" and h.id != doc.id]


def _earlier(doc) -> str:
    """` · from version 1 of 2020-06, an earlier version …` for a document no longer current."""
    if doc.current:
        return ""
    return (f" · from version {doc.version} of issue {doc.issue_id}, an earlier version: "
            "its current version no longer holds this document")


def _print_outline(nodes, depth: int) -> None:
    out, _ = _consoles()
    for node in nodes:
        out.print(f"{'  ' * depth}{escape(node.label)} {escape(node.heading)} [dim]{node.line}[/]")
        _print_outline(node.children, depth + 1)


def stats(
    as_json: bool = typer.Option(False, "--json", help="As JSON."),
    db: Optional[Path] = _db_option(),
) -> None:
    """What the archive holds: issues, documents, sizes, and counts by year, genre, issuer, section."""
    from gongbao.store import to_plain

    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            s = archive.stats()
            issues = archive.issues()
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        data = to_plain(s)
        data["facets"] = s.facets.as_dict()
        data["issue_list"] = to_plain(issues)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(f"[bold]{escape(s.path)}[/]  {s.file_bytes / 1e6:.1f} MB")
    out.print(f"{s.issues} issues, {s.documents} documents, {s.paragraphs} paragraphs, "
              f"{s.references} references, {s.appointments} appointments, {s.attachments} attachments")
    out.print(f"text {s.text_bytes / 1e6:.2f} MB (printed {s.printed_bytes / 1e6:.2f} MB); "
              f"index {escape(s.tokenizer)}; schema {escape(', '.join(s.migrations))}")
    for issue in issues:
        out.print(f"  {escape(issue.id):<10} {escape(issue.label)}  {issue.documents} documents  "
                  f"[dim]{escape(issue.path)}[/]")
    facets = s.facets.as_dict()
    for name in ("year", "genre", "issuer", "section"):
        if facets[name]:
            out.print(f"[dim]{name}:[/] " + "  ".join(f"{escape(k)} ({v})" for k, v in facets[name].items()))


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


class ExportTable(str, Enum):
    documents = "documents"
    appointments = "appointments"


def export(
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", help="jsonl (one JSON object per document) or csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    table: ExportTable = typer.Option(ExportTable.documents, "--table", "-t", help="documents (one row per document) or appointments (one row per person, action and post)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Write every document (or every appointment) of the archive as JSON lines or CSV (UTF-8 with BOM)."""
    _, err = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            if output:
                with open(output, "w", encoding="utf-8", newline="") as fh:
                    n = archive.export(fh, format=format.value, table=table.value)
                err.print(f"{n} {table.value} → {output}", markup=False)
            else:
                archive.export(sys.stdout, format=format.value, table=table.value)
    except BrokenPipeError:  # the reader (| head) has gone: not an error
        sys.stderr.close()
        raise typer.Exit(0)
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")
    except GongbaoError as e:
        _fail(str(e))


def register(app: typer.Typer) -> None:
    """Add the archive commands to the `gongbao` app."""
    app.command()(ingest)
    app.command(context_settings={"ignore_unknown_options": True})(search)
    app.command()(show)
    app.command()(stats)
    app.command()(export)


