"""Deadlines as printed in a task -> the last day the text allows, or a recurring cadence.

`2024年底前` -> 2024-12-31; `6月底前` -> June 30 of the document's year; `2021年3月-6月` ->
2021-06-30; `年内` -> December 31 of the document's year; `每月2日前` and `每季度` are recurring
duties (no one date); `长期坚持` / `持续推进` say there is no deadline. Where a task gives several
dates, the latest is the last day it allows.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Deadline", "find_deadline", "DEADLINE_WORDS"]

_Y = r"(?P<y>(?:19|20)\d\d)\s*年"
_M = r"(?P<m>\d{1,2})\s*月"
# Each pattern: a way of printing the last day allowed, and a character it cannot match without.
# Spaces between the parts are print layout (`2024 年 6 月底前`). Order matters where one
# contains another: the first wins at a place.
_PATTERNS: tuple[tuple[str, re.Pattern, str], ...] = (
    # 2021年3月-6月, 2021年3月至6月: the end of the second month
    ("range", re.compile(_Y + r"\s*\d{1,2}\s*月?\s*(?:[-—–~～至到]\s*)(?P<m2>\d{1,2})\s*月(?:\s*(?:底|末|份))?"), "年"),
    # 2024年6月30日前 / 2024年6月30日之前 / 截至2024年6月30日
    ("ymd", re.compile(_Y + r"\s*" + _M + r"\s*(?P<d>\d{1,2})\s*日\s*(?:之?前|以前|前完成)"), "年"),
    # 2024年6月底前, 2024年6月前, 2024年6月底, 2024年6月上旬/中旬/下旬/初
    ("ym", re.compile(_Y + r"\s*" + _M + r"\s*(?P<part>底|末|份|上旬|中旬|下旬|初|中)?\s*(?P<before>之?前|以前)?"), "年"),
    # 6月底前, 6月30日前 in the document's year
    ("md", re.compile(r"(?<![\d年])" + _M + r"\s*(?P<d>\d{1,2})\s*日\s*(?:之?前|以前)"), "月"),
    ("m", re.compile(r"(?<![\d年月])" + _M + r"\s*(?P<part>底|末|上旬|中旬|下旬|初|中)?\s*(?P<before>之?前|以前)"), "月"),
    # 2024年底前, 2024年年底, 2024年末, 到2027年, 2024年上半年 / 下半年
    ("y", re.compile(r"(?P<to>到|至|截至)?\s*" + _Y + r"\s*(?P<part>年?底|年?末|上半年|下半年|前|内|全年)?(?:之?前)?"
                     r"(?P<done>(?:要|力争|全面|基本|全部|确保)?(?:完成|建成|实现|投运|投用|竣工|达标))?"), "年"),
    # 年内, 年底前, 今年底 in the document's year
    ("this-year", re.compile(r"(?<![\d年半当每一二三四五六七八九十两几多数])(?:年内|年底前|年末前|今年底|今年内|本年度内|年底)"), "年"),
)
# What a deadline cannot be printed without: the dates need 年 or 月 (each pattern's character
# above), a cadence 每, an ongoing duty 长期 / 持续 / 常态化 (ONGOING). A text with none has none.
DEADLINE_WORDS = ("年", "月", "每", "长期", "持续", "常态化")
# Recurring duties: 每月2日前, 每季度, 每周, 每半年, 每年12月底前.
RECURRING = re.compile(
    r"每(?:个)?(?:月|季度|季|周|旬|半年)(?:第?\s*\d{1,2}\s*(?:个工作日|日|号)\s*(?:之?前|以前)?|末|底|初|前)?(?!每)"
    r"|每(?:日|天|年度?)\s*(?:\d{1,2}\s*月)?\s*\d{1,2}\s*(?:日|号)\s*(?:之?前|以前)"
    r"|每年\s*(?:\d{1,2}\s*月\s*(?:底|末|上旬|中旬|下旬)?|年底|年末|底)\s*(?:之?前|以前)?"
)
# No deadline: an ongoing duty, as a time-limit field says it (完成时限：长期坚持) or a note in
# brackets; in running text 持续推进 is only a verb.
ONGOING = re.compile(r"^(?:长期坚持|持续推进|长期执行|长期|常态化推进)$|[（(](?:长期坚持|持续推进|长期执行)[）)]")


@dataclass(frozen=True)
class Deadline:
    date: date | None
    text: str | None
    recurring: str | None


def _month_end(y: int, m: int) -> date | None:
    if not 1 <= m <= 12:
        return None
    return date(y, m, calendar.monthrange(y, m)[1])


def _part_day(y: int, m: int, part: str | None) -> date | None:
    if not 1 <= m <= 12:
        return None
    day = {"上旬": 10, "初": 10, "中旬": 20, "中": 20}.get(part or "")
    return date(y, m, day) if day else _month_end(y, m)


def _dates(text: str, year: int | None, signed: date | None = None) -> list[tuple[date, int, int]]:
    """Every deadline date in the text with its span, overlapping matches left out."""
    found: list[tuple[date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern, needs in _PATTERNS:
        if needs not in text:
            continue  # every pattern needs its character: most text has no date at all
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            d = _date_of(kind, m, year)
            if d is None:
                continue
            if kind in ("md", "m") and signed and d < signed and year == signed.year:
                d = _date_of(kind, m, year + 1) or d
            found.append((d, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return found


def text_after(m: re.Match) -> str:
    return m.string[m.end():].lstrip()


def _date_of(kind: str, m: re.Match, year: int | None) -> date | None:
    try:
        if kind == "range":
            return _month_end(int(m["y"]), int(m["m2"]))
        if kind == "ymd":
            return date(int(m["y"]), int(m["m"]), int(m["d"]))
        if kind == "ym":
            if not (m["part"] or m["before"]):
                return None  # 2024年6月 in a sentence is a date, not a limit
            return _part_day(int(m["y"]), int(m["m"]), m["part"])
        if kind == "md" and year:
            return date(year, int(m["m"]), int(m["d"]))
        if kind == "m" and year:
            return _part_day(year, int(m["m"]), m["part"])
        if kind == "y":
            y, part = int(m["y"]), (m["part"] or "")
            if part == "上半年":
                return date(y, 6, 30)
            if part or m["done"] or (m["to"] and text_after(m).startswith(("，", ",", "，", "年底", "末"))):
                return date(y, 12, 31)
            return None  # a bare year (2024 年新增…) is when, not by when
        if kind == "this-year" and year:
            return date(year, 12, 31)
    except ValueError:
        return None
    return None


def find_deadline(text: str, year: int | None, signed: date | None = None) -> Deadline:
    """The last day `text` allows (`year`: the document's, for 6月底前 and 年内), its wording as
    printed, and a recurring cadence if the duty repeats. A month without a year that falls
    before the day the document was signed (`signed`) is the next year's: a plan signed in
    December that says 3月底前 means March of the next year."""
    dates = _dates(text, year, signed)
    recurring = RECURRING.search(text) if "每" in text else None
    rec = re.sub(r"\s+", "", recurring.group()) if recurring else None
    if dates:
        d, a, b = max(dates, key=lambda x: (x[0], -x[1]))
        return Deadline(d, re.sub(r"\s+", "", text[a:b]), rec)
    if rec:
        return Deadline(None, rec, rec)
    if ongoing := ONGOING.search(text.strip()):
        return Deadline(None, ongoing.group().strip("（()）"), None)
    return Deadline(None, None, None)
