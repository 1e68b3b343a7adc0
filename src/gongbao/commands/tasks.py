"""The task ledger commands: `tasks` (which tasks, whose, by when) and `agencies`. One library
call each; JSON as in docs/spec/registers-json.md."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from gongbao.commands.archive import _db_option
from gongbao.errors import GongbaoError

__all__ = ["register", "parse_day"]


def parse_day(value: str | None, option: str) -> date | None:
    """An ISO date given on the command line (or in a URL), or a GongbaoError naming the option."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise GongbaoError(f"{option} wants a date like 2024-12-31, not {value!r}") from None


def tasks(
    agency: Optional[str] = typer.Option(None, "--agency", help="Only this agency's tasks (any of its names: 市发改委)."),
    role: str = typer.Option("any", "--role", help="lead: only the tasks it leads; any: all it is named in."),
    doc: Optional[str] = typer.Option(None, "--doc", help="Only the tasks of this document (id or 发文字号)."),
    due_before: Optional[str] = typer.Option(None, "--due-before", help="Only tasks due before this date (YYYY-MM-DD)."),
    overdue: bool = typer.Option(False, "--overdue", help="Only tasks whose deadline has passed (as of --as-of)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The day overdue is judged on (default: today)."),
    place: Optional[str] = typer.Option(None, "--place", help="Only the tasks of this government's documents (阳泉市)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """The task ledger: tasks the archive's documents assign to agencies, with deadlines."""
    from gongbao.commands.archive import _consoles, _fail, _open

    out, _ = _consoles()
    try:
        day = parse_day(as_of, "--as-of") or date.today()
        before = parse_day(due_before, "--due-before")
        with _open(db, readonly=True) as archive:
            found = archive.tasks(agency=agency, role=role, doc=doc, due_before=before,
                                  overdue=overdue, as_of=day, place=place)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        body = {"total": len(found), "as_of": day.isoformat(), "tasks": [t.to_dict() for t in found]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return
    for t in found:
        due = t.task.deadline.isoformat() if t.task.deadline else (t.task.recurring or t.task.deadline_text or "-")
        flag = " [bold red]逾期[/]" if t.overdue else ""
        where = " ".join(x for x in (t.task.label, t.task.heading) if x)
        out.print(f"{escape(t.id)}  {escape(due)}{flag}  {escape(where)}  "
                  f"[dim]{escape('、'.join(t.task.responsible))}  lines {t.task.first_line}-{t.task.last_line}[/]")
    out.print(f"{len(found)} tasks", markup=False)


def agencies(
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The day overdue is judged on (default: today)."),
    place: Optional[str] = typer.Option(None, "--place", help="Only the agencies this government's documents name (阳泉市)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Every agency the tasks name, with its other names and counts (lead, all, overdue)."""
    from gongbao.commands.archive import _consoles, _fail, _open

    out, _ = _consoles()
    try:
        day = parse_day(as_of, "--as-of") or date.today()
        with _open(db, readonly=True) as archive:
            found = archive.agencies(as_of=day, place=place)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        body = {"total": len(found), "as_of": day.isoformat(), "agencies": [a.to_dict() for a in found],
                "unknown": [a.name for a in found if not a.known]}
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        return
    for a in found:
        mark = "" if a.known else "  [yellow](not in agencies.tsv)[/]"
        where = f" ({a.place})" if a.place and not a.full_name.startswith(a.place) else ""
        out.print(f"{escape(a.full_name + where)}  tasks {a.tasks}, lead {a.lead}, overdue {a.overdue}{mark}")
    unknown = sum(not a.known for a in found)
    out.print(f"{len(found)} agencies, {unknown} not in the aliases data", markup=False)


def register(app: typer.Typer) -> None:
    """Add the task ledger commands to the `gongbao` app."""
    app.command()(tasks)
    app.command()(agencies)
