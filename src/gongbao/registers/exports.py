"""An agency's ledger as files a bureau uses: CSV for Excel, iCalendar of its deadlines, and an
Atom feed of the tasks new to the archive, so it can subscribe to what the next gazette gives it.
Pure functions: ledger tasks in, bytes out."""

from __future__ import annotations

import calendar
import csv
import io
import re
from urllib.parse import quote
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from xml.etree import ElementTree as ET

from icalendar import Calendar, Event

from gongbao.registers.tasks import LedgerTask

__all__ = ["CSV_COLUMNS", "ledger_csv", "deadlines_ics", "tasks_atom"]

# Columns of the CSV, in Chinese as a 督办台账 has them, with the JSON field each holds.
CSV_COLUMNS = (
    ("编号", "id"), ("发文字号", "doc_number"), ("文件标题", "title"), ("成文日期", "signed"),
    ("序号", "label"), ("标题", "heading"), ("任务内容", "text"),
    ("地方", "place"),
    ("牵头单位", "lead_as_printed"), ("责任单位", "responsible_as_printed"), ("责任单位（规范名称）", "responsible"),
    ("责任单位（全称）", "responsible_full"),
    ("完成时限", "deadline"), ("时限原文", "deadline_text"), ("周期", "recurring"),
    ("是否逾期", "overdue"), ("原文行", "lines"),
)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if not all(isinstance(v, int) for v in value) \
            else "-".join(str(v) for v in value)
    return str(value)


def ledger_csv(tasks: Sequence[LedgerTask]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text as Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in CSV_COLUMNS])
    for t in tasks:
        d = t.to_dict()
        writer.writerow([_cell(d[key]) for _, key in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _summary(t: LedgerTask) -> str:
    head = " ".join(x for x in (t.task.label, t.task.heading) if x)
    return f"【截止】{head or t.task.text[:30]}"


def deadlines_ics(agency: str, tasks: Sequence[LedgerTask], base_url: str = "") -> bytes:
    """One all-day event on each task's deadline; a duty due every month or every year on a day
    repeats (RRULE); tasks without a date are left out."""
    cal = Calendar()
    cal.add("prodid", "-//gongbao//task ledger//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{agency} 任务截止日期")
    for t in tasks:
        first, rule = (t.task.deadline, None) if t.task.deadline else _repeating(t)
        if first is None:
            continue
        ev = Event()
        ev.add("uid", f"{t.id}@gongbao")
        ev.add("dtstamp", _stamp(t))
        ev.add("dtstart", first)
        ev.add("dtend", first + timedelta(days=1))
        if rule:
            ev.add("rrule", rule)
        ev.add("summary", _summary(t))
        ev.add("description", "\n".join(x for x in (
            f"{t.document.doc_number or ''} {t.document.title or ''}".strip(),
            f"时限：{t.task.deadline_text}" if t.task.deadline_text else None,
            "责任单位：" + "、".join(t.task.responsible), t.task.text,
            f"原文第 {t.task.first_line}–{t.task.last_line} 行") if x))
        if base_url:
            ev.add("url", f"{base_url}/documents/{quote(t.document.id)}")
        cal.add_component(ev)
    return cal.to_ical()


# A recurring duty the calendar can repeat: 每月2日前 (monthly, that day), 每年5月底前 (yearly).
_MONTHLY = re.compile(r"^每个?月\s*(?P<day>\d{1,2})\s*(?:日|号)")
_YEARLY = re.compile(r"^每年\s*(?P<month>\d{1,2})\s*月\s*(?P<end>底|末)?(?:\s*(?P<day>\d{1,2})\s*(?:日|号))?")


def _repeating(t: LedgerTask) -> tuple[date | None, dict | None]:
    """The first occurrence (on or after the document's date) and the rule of a recurring duty."""
    text = t.task.recurring or ""
    since = t.document.signed or t.document.date
    if since is None:
        return None, None
    if m := _MONTHLY.match(text):
        day = int(m["day"])
        if not 1 <= day <= 28:
            return None, None
        first = date(since.year, since.month, day)
        if first < since:
            first = date(since.year + (since.month == 12), since.month % 12 + 1, day)
        return first, {"freq": "monthly", "bymonthday": day}
    if m := _YEARLY.match(text):
        month = int(m["month"])
        if not 1 <= month <= 12:
            return None, None
        day = int(m["day"]) if m["day"] else calendar.monthrange(since.year, month)[1]
        first = date(since.year, month, min(day, 28) if month == 2 else day)
        if first < since:
            first = first.replace(year=since.year + 1)
        rule = {"freq": "yearly", "bymonth": month}
        rule["bymonthday"] = -1 if not m["day"] else day
        return first, rule
    return None, None


def _stamp(t: LedgerTask) -> datetime:
    if t.ingested_at:
        return t.ingested_at if t.ingested_at.tzinfo else t.ingested_at.replace(tzinfo=timezone.utc)
    signed = t.document.signed or t.document.date
    return datetime.combine(signed, time(0), timezone.utc) if signed else datetime(1970, 1, 1, tzinfo=timezone.utc)


_ATOM = "http://www.w3.org/2005/Atom"


def tasks_atom(agency: str, tasks: Sequence[LedgerTask], base_url: str, self_url: str, page_url: str) -> bytes:
    """An Atom feed of the agency's tasks, newest in the archive first (at most 100)."""
    ET.register_namespace("", _ATOM)
    newest = sorted(tasks, key=lambda t: (_stamp(t), t.id), reverse=True)[:100]
    feed = ET.Element(f"{{{_ATOM}}}feed")

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", f"tag:gongbao,2024:agency:{agency}")
    sub(feed, "title", f"{agency}：新任务")
    sub(feed, "updated", (_stamp(newest[0]) if newest else datetime(1970, 1, 1, tzinfo=timezone.utc)).isoformat())
    sub(feed, "link", rel="self", href=self_url)
    sub(feed, "link", rel="alternate", href=page_url)
    author = sub(feed, "author")
    sub(author, "name", "gongbao")
    for t in newest:
        entry = sub(feed, "entry")
        sub(entry, "id", f"tag:gongbao,2024:task:{t.id}")
        sub(entry, "title", f"{t.document.doc_number or ''} {_summary(t)[4:]}".strip())
        sub(entry, "updated", _stamp(t).isoformat())
        sub(entry, "link", rel="alternate", href=f"{base_url}/documents/{quote(t.document.id)}")
        due = t.task.deadline.isoformat() if t.task.deadline else (t.task.recurring or t.task.deadline_text or "未规定")
        sub(entry, "summary", f"完成时限：{due}。责任单位：{'、'.join(t.task.responsible)}。{t.task.text}")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
