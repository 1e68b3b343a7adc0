"""The people and posts register commands: `gongbao people [NAME]`, `gongbao posts [POST]`.

One library call each (`Archive.people`, `Archive.posts`); JSON as in docs/spec/registers-json.md.
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


def _dump(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def people(
    words: Optional[list[str]] = typer.Argument(None, metavar="NAME", help="A person's name (padding spaces ignored: 晋 玮 = 晋玮); all people without it."),
    as_json: bool = typer.Option(False, "--json", help="As JSON (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """People named by appointments, each with their events in date order."""
    from gongbao.registers.people import person_json

    name = "".join(words or []) or None
    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            found = archive.people(name)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        shown = [person_json(p) for p in found]
        warnings = list({json.dumps(w, ensure_ascii=False): w
                         for p in shown for w in p["warnings"]}.values())
        _dump({"people": shown, "warnings": warnings})
        return
    if not found:
        out.print(f"no appointment of {escape(name or '')} in the archive" if name
                  else "no appointments in the archive")
        raise typer.Exit(1)
    for p in found:
        out.print(f"[bold]{escape(p.person_id)}[/]")
        for e in p.events:
            note = f" （{e.note}）" if e.note else ""
            when = e.date.isoformat() if e.date else "—"
            out.print(f"  {when}  {escape(e.action):<4} {escape(e.post)}{escape(note)}  "
                      f"[dim]{escape(e.doc_number or e.doc_id)} line {e.line}[/]")
        for w in p.warnings:
            out.print(f"  [yellow]warning[/] {escape(w.message)}")


def posts(
    words: Optional[list[str]] = typer.Argument(None, metavar="POST", help="A post in any printed form or alias (市住建局局长), or words posts contain (交通运输局)."),
    as_json: bool = typer.Option(False, "--json", help="As JSON (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Posts and their holders: who held each, from which document to which."""
    from gongbao.registers.people import post_json

    post = "".join(words or []) or None
    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            found = archive.posts(post)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        _dump({"posts": [post_json(p) for p in found]})
        return
    if not found:
        out.print(f"no post {escape(post or '')} in the archive" if post else "no posts in the archive")
        raise typer.Exit(1)
    for p in found:
        kind = "one holder" if p.single_holder else "several holders"
        out.print(f"[bold]{escape(p.post)}[/] [dim]({kind})[/]")
        for h in p.holders:
            start = h.start.isoformat() if h.start else "…"
            end = h.end.isoformat() if h.end else "in office"
            extra = []
            if h.probation_ends:
                extra.append(f"试用期至 {h.probation_ends.isoformat()}"
                             + (f"，{h.confirmed.isoformat()} 正式任命" if h.confirmed else ""))
            if h.ended_by:
                extra.append(h.ended_by)
            docs = " → ".join(d for d in (h.from_doc, h.to_doc) if d)
            out.print(f"  {escape(h.person_id):<8} {start} – {end}  "
                      f"[dim]{escape('; '.join(extra))}  {escape(docs)}[/]")


def register(app: typer.Typer) -> None:
    """Add the register commands to the `gongbao` app."""
    app.command()(people)
    app.command()(posts)
