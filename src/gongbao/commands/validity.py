"""The validity register's commands: status, repealed, gaps. One library call each.

`--json` prints the objects of docs/spec/registers-json.md; every `GongbaoError` is one line on stderr
and exit code 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.markup import escape

from gongbao.commands.archive import _consoles, _db_option, _fail, _open
from gongbao.errors import GongbaoError

__all__ = ["register"]


def _print_json(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _as_of(value: Optional[str]):
    from gongbao.search.query import parse_date

    return parse_date(value) if value else None


def status(
    ref: str = typer.Argument(..., help="A document's id or 发文字号 (any common form)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="The day to judge on (default: today), e.g. 2021-01-01."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Is this document in force? Its status on a day, with the evidence (effective date, expiry, repeals)."""
    from gongbao.registers.validity import status_json

    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            st = archive.status(ref, _as_of(as_of))
    except GongbaoError as e:
        _fail(str(e))
    obj = status_json(st)
    if as_json:
        _print_json(obj)
        return
    out.print(f"[bold]{escape(obj['doc_number'] or obj['id'] or ref)}[/]  {escape(obj['title'] or '')}")
    out.print(f"[bold]{obj['status']}[/] ({obj['status_label']}) as of {obj['as_of']}")
    if obj["effective"]:
        out.print(f"[dim]  effective[/]  {obj['effective']}  “{escape(obj['effective_text'] or '')}” "
                  f"[dim](line {obj['effective_line']})[/]")
    if obj["expires"]:
        out.print(f"[dim]    expires[/]  {obj['expires']}  “{escape(obj['validity_text'] or '')}” "
                  f"[dim](line {obj['validity_line']})[/]")
    if obj.get("printed_status"):
        out.print(f"[dim] printed as[/]  {escape(obj['printed_status'])} [dim](the source site's 时效性, "
                  "not evidence the archive holds)[/]")
    for key, label in (("repealed_by", "repealed by"), ("amended_by", "amended by")):
        for e in obj[key]:
            out.print(f"[dim]{label:>11}[/]  {escape(e['doc_number'] or e['id'])} {escape(e['title'] or '')} "
                      f"[dim](from {e['date']}, line {e['line']})[/]")
    for key in ("repeals", "amends"):
        for x in obj[key]:
            where = f" → {x['id']}" if x["in_archive"] else " (not in the archive)"
            out.print(f"[dim]{key:>11}[/]  {escape(x['doc_number'] or '')} "
                      f"{escape('《' + x['title'] + '》' if x['title'] else '')}{escape(where)} [dim](line {x['line']})[/]")


def repealed(
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Every document named as repealed anywhere in the archive, held or not, with what repeals it."""
    from gongbao.registers.validity import repealed_json

    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            obj = repealed_json(archive.repealed())
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        _print_json(obj)
        return
    out.print(f"[bold]{obj['total']} repealed document{'s' if obj['total'] != 1 else ''}[/]")
    for x in obj["repealed"]:
        held = f"  → {x['id']}" if x["in_archive"] else "  (not in the archive)"
        by = "; ".join(f"{e['doc_number'] or e['id']} line {e['line']}" for e in x["repealed_by"])
        out.print(f"  {escape(x['doc_number'] or '')} {escape('《' + x['title'] + '》' if x['title'] else '')}"
                  f"{escape(held)}  [dim]by {escape(by)}[/]")


def gaps(
    prefix: Optional[str] = typer.Option(None, "--prefix", help="Only this 文号 prefix, e.g. 阳政办发."),
    year: Optional[int] = typer.Option(None, "--year", help="Only this year."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """文号 sequences: per prefix and year, the serials held, missing, and cited but missing."""
    from gongbao.registers.validity import gaps_json

    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            obj = gaps_json(archive.gaps(prefix, year))
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        _print_json(obj)
        return
    for s in obj["series"]:
        out.print(f"[bold]{escape(s['prefix'])} {s['year']}[/]  {s['first']}–{s['last']}: "
                  f"{len(s['in_archive'])} held, {len(s['missing'])} missing"
                  + (f" (cited: {', '.join(map(str, s['cited_only']))})" if s["cited_only"] else ""))
        if s["missing"]:
            out.print(f"  [dim]missing[/] {', '.join(map(str, s['missing']))}")


def register(app: typer.Typer) -> None:
    """Add the validity register's commands to the `gongbao` app."""
    for fn in (status, repealed, gaps):
        app.command()(fn)
