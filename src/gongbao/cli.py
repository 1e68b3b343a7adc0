"""The `gongbao` command: a thin layer over the library, one library call per command.

Every `GongbaoError` becomes a one-line message on stderr and exit code 2, never a traceback.
Commands of the archive (ingest, search, show, ...) and of the server live in their own modules
under `gongbao.commands` and register themselves on `app`.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer
from rich.console import Console

from gongbao.errors import GongbaoError

app = typer.Typer(
    name="gongbao",
    help="Turn government gazettes (政府公报) into a searchable archive of official documents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("gongbao")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            number = "unknown"
        out.print(f"gongbao {number}", markup=False)
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Turn government gazettes (政府公报) into a searchable archive of official documents.

    The JSON outputs are public contracts, specified in docs/spec/*.md of the repository.
    """


def fail(message: str, code: int = 2) -> None:
    """Print one line to stderr and leave with `code` (the message as it is: `[ocr]` is no markup)."""
    from rich.markup import escape

    err.print(f"[bold red]error:[/] {escape(message)}", markup=True)
    raise typer.Exit(code)


class ParseFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def parse(
    file: Path = typer.Argument(..., help="A gazette issue: text (UTF-8 or GB18030/GBK) or PDF (text layer or scanned)."),
    format: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="text (a summary) or json (docs/spec/parse-json.md)."),
) -> None:
    """Parse one gazette issue into documents, with metadata, outline and warnings."""
    from gongbao.pipeline import parse_file
    from gongbao.report import summary_lines
    from gongbao.serialize import to_json

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    try:
        # A PDF's pages, one by one (OCR takes seconds a page): a bar on a terminal only.
        with Progress(TextColumn("reading pages"), BarColumn(), MofNCompleteColumn(), console=err,
                      transient=True, disable=not err.is_terminal) as progress:
            task = progress.add_task("pages", total=None)
            parsed = parse_file(file, on_page=lambda done, total: progress.update(task, completed=done, total=total))
    except GongbaoError as e:
        fail(str(e))
    if format is ParseFormat.json:
        sys.stdout.write(to_json(parsed) + "\n")
    else:
        for line in summary_lines(parsed):
            out.print(line, markup=False)


def main() -> None:  # pragma: no cover - console entry point
    app()


def _register_commands() -> None:
    """Attach the command modules that exist (archive, server) to `app`."""
    import importlib

    for name in ("gongbao.commands.archive", "gongbao.commands.serve", "gongbao.commands.people",
                 "gongbao.commands.plans", "gongbao.commands.tasks",
                 "gongbao.commands.validity", "gongbao.commands.versions",
                 "gongbao.commands.embed"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if not (e.name and name.startswith(e.name)):
                raise
            continue
        module.register(app)


_register_commands()
