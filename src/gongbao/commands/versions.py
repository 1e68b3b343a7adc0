"""The version commands: `history` (every text ingested of an issue), `source` (one of them,
byte for byte) and `reparse` (the issues' files parsed again by this gongbao, a changed result
their next version). One library call each; errors are one line and exit code 2."""

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


def history(
    issue: str = typer.Argument(..., help="An issue id, as `gongbao stats` lists them (e.g. 2020-06)."),
    as_json: bool = typer.Option(False, "--json", help="As JSON."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Every version of an issue: when and from which file it was ingested, its sha256, size and
    documents; the last one is current."""
    from gongbao.store import to_plain

    out, _ = _consoles()
    try:
        with _open(db, readonly=True) as archive:
            versions = archive.versions(issue)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        sys.stdout.write(json.dumps({"issue_id": issue, "versions": to_plain(versions)},
                                    ensure_ascii=False, indent=2) + "\n")
        return
    for v in versions:
        mark = "[bold green]current[/]" if v.current else "[dim]earlier[/]"
        size = f"{v.size:,} bytes" if v.kept else "bytes not kept"
        out.print(f"[bold]version {v.version}[/]  {mark}  {escape(v.ingested_at)}  "
                  f"{escape(v.path)}  {size}, {v.lines} lines, {len(v.documents)} documents")
        out.print(f"           sha256 {v.sha256}  {escape(v.encoding)}")
        if v.note:
            out.print(f"           [dim]{escape(v.note)}[/]")


def source(
    issue: str = typer.Argument(..., help="An issue id (e.g. 2020-06)."),
    version: Optional[int] = typer.Option(None, "--version", min=1, help="That version (default: the current one)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    db: Optional[Path] = _db_option(),
) -> None:
    """The file of an issue exactly as it was ingested, byte for byte (its sha256 checked)."""
    try:
        with _open(db, readonly=True) as archive:
            data, _ = archive.source(issue, version)
    except GongbaoError as e:
        _fail(str(e))
    try:
        if output:
            output.write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    except BrokenPipeError:
        sys.stderr.close()
        raise typer.Exit(0)
    except OSError as e:
        _fail(f"cannot write {output}: {e.strerror or e}")


def reparse(
    issues: Optional[list[str]] = typer.Argument(None, help="Issue ids (default: every issue of the archive)."),
    replace: bool = typer.Option(False, "--replace", help=(
        "Make the new result current even where it drops documents the stored one holds "
        "(nothing is deleted: they stay findable as former documents).")),
    db: Optional[Path] = _db_option(),
) -> None:
    """Parse each issue's kept file again with this gongbao (after an upgrade): where the result
    changed it becomes the issue's next version, noted as re-parsed; unchanged issues are skipped."""
    from gongbao.commands.archive import _print_outcome

    from gongbao.store import default_db_path
    from gongbao.store.archive import is_server_url

    out, _ = _consoles()
    where = str(db or default_db_path())
    if not is_server_url(where) and not Path(where).exists():
        _fail(f"no archive at {where}: nothing to parse again (gongbao ingest makes one)")
    try:
        with _open(db, readonly=False) as archive:
            outcomes = archive.reparse(issues or None, replace=replace, on_issue=_print_outcome)
            where = archive.path
    except GongbaoError as e:
        _fail(str(e))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("replaced", "skipped", "refused", "failed")}
    out.print(f"{counts['replaced']} re-parsed into a new version, {counts['skipped']} unchanged or skipped"
              + "".join(f", {counts[s]} {s}" for s in ("refused", "failed") if counts[s]) + f" → {where}",
              markup=False)
    if counts["refused"] or counts["failed"]:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the version commands to the `gongbao` app."""
    app.command()(history)
    app.command()(source)
    app.command()(reparse)
    app.command()(migrate)


def migrate(
    source: str = typer.Argument(..., help="The archive to copy: an SQLite file or postgresql://user@host/dbname."),
    target: str = typer.Argument(..., help="An empty (or new) archive to copy it into: a file or a PostgreSQL URL."),
) -> None:
    """Copy a whole archive into an empty one, SQLite to PostgreSQL or back: every issue, version,
    kept original and register; the search index is rebuilt on the target."""
    from gongbao.store import Archive
    from gongbao.store.copy import copy_archive

    out, _ = _consoles()
    try:
        with Archive.open(source, readonly=True) as src, Archive.open(target) as dst:
            counts = copy_archive(src, dst)
    except GongbaoError as e:
        _fail(str(e))
    out.print(f"copied {counts.get('issues', 0)} issues, {counts.get('documents', 0)} documents, "
              f"{counts.get('issue_versions', 0)} versions and {counts.get('blobs', 0)} originals "
              f"into {dst.path}", markup=False)
