"""The plans commands: `gongbao plans` (every emergency plan) and `gongbao plan REF` (one card).

JSON shapes: docs/spec/registers-json.md. One library call each; a `GongbaoError` is one line and exit 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from gongbao.commands.archive import _db_option
from gongbao.errors import GongbaoError

__all__ = ["register"]

def _archive(db: Optional[Path]):
    from gongbao.store import Archive, default_db_path

    return Archive.open(db or default_db_path(), readonly=True)


def _fail(message: str) -> None:
    from gongbao.cli import fail

    fail(message)


def plans(
    hazard: Optional[str] = typer.Option(None, "--hazard", help="Only plans whose hazard or title holds these words (森林, 事故)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """Every emergency plan (应急预案) in the archive: hazard, command body, response levels."""
    from gongbao.registers.plans import plans_json

    try:
        with _archive(db) as archive:
            records = archive.plans(hazard)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        sys.stdout.write(json.dumps(plans_json(records), ensure_ascii=False, indent=2) + "\n")
        return
    from gongbao.cli import out

    for r in records:
        p = r.plan
        levels = "、".join(x.label for x in p.responses) or "—"
        out.print(f"{r.document.doc_number or r.document.id}  {p.hazard or p.title}  "
                  f"{p.headquarters or '—'}  响应：{levels}", markup=False)
    out.print(f"{len(records)} plans", markup=False)


def plan(
    ref: str = typer.Argument(..., help="The plan: document id, 发文字号 in any common form, or words of its hazard."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (docs/spec/registers-json.md)."),
    db: Optional[Path] = _db_option(),
) -> None:
    """One emergency plan's card: command body, grades, warnings, who starts each response, reporting limits."""
    from gongbao.registers.plans import card_json

    try:
        with _archive(db) as archive:
            record = archive.plan(ref)
    except GongbaoError as e:
        _fail(str(e))
    if as_json:
        sys.stdout.write(json.dumps(card_json(record), ensure_ascii=False, indent=2) + "\n")
        return
    from gongbao.cli import out

    for line in card_lines(record):
        out.print(line, markup=False)


def card_lines(record) -> list[str]:
    """The card as text, each fact with its printed line."""
    from gongbao.registers.plans import duration_text as _duration

    p, doc = record.plan, record.document
    lines = [f"{p.title}  {doc.doc_number or doc.id}  [lines {p.first_line}-{p.last_line}]",
             f"灾种：{p.hazard or '—'}",
             f"指挥机构：{p.headquarters or '—'}" + (f"  [line {p.headquarters_line}]" if p.headquarters_line else ""),
             f"办公室设在：{p.office_at or '—'}" + (f"  [line {p.office_line}]" if p.office_line else "")]
    if p.grades:
        lines.append("事件分级：" + "、".join(f"{g.label}({g.level})" for g in p.grades) + f"  [line {p.grades[0].line}]")
    for a in p.alerts:
        lines.append(f"{a.level}预警：{a.criteria or '（标准见附件）'}" + (f"；发布：{a.activated_by}" if a.activated_by else "")
                     + f"  [line {a.line}]")
    for r in p.responses:
        follows = f"（{r.follows_alert}预警）" if r.follows_alert else ""
        lines.append(f"{r.label}{follows}：启动 {r.activated_by or '—'}  [line {r.line}]")
    for r in p.reporting:
        lines.append(f"报告时限 {_duration(r.minutes)}：{r.text}  [line {r.line}]")
    for r in p.reporting_periodic:
        lines.append(f"定期报告 每{_duration(r.minutes)}：{r.text}  [line {r.line}]")
    return lines


def register(app: typer.Typer) -> None:
    app.command("plans")(plans)
    app.command("plan")(plan)
