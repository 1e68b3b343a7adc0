"""Small facts about Chinese text: character classes, display width, numerals, dates, spacing."""

from __future__ import annotations

import re
from datetime import date

# Punctuation that ends a sentence or a clause a paragraph may end with.
TERMINAL = set("。！？；：!?;:…")
# Closing marks that may follow a terminal mark at the very end of a paragraph: 。” 。） 。》
CLOSERS = set("”’」』）)》〉】〕]")
# Marks that can never start a paragraph: a line starting with one continues the one before.
CONTINUATION_START = set("，。、；：！？）》」』”’,.;:!?)%")

_HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))


def is_han(c: str) -> bool:
    return any(lo <= c <= hi for lo, hi in _HAN_RANGES)


# Half-width characters beyond ASCII (Latin-1, Greek, Cyrillic …, half-width katakana): rare.
_NARROW_NON_ASCII = re.compile(r"[\x80-\u1fff\uff61-\uffdc]")


def display_width(text: str) -> float:
    """Width in full-width character cells: a CJK or full-width character is 1, a half-width one
    (ASCII and the rest below U+2000, half-width katakana) is 1/2, a tab nothing."""
    tabs = text.count("\t")
    narrow = len(text.encode("ascii", "ignore")) - tabs  # counted in C: no match per character
    if not text.isascii() and _NARROW_NON_ASCII.search(text):
        narrow += len(_NARROW_NON_ASCII.findall(text))
    return len(text) - tabs - 0.5 * narrow


def ends_sentence(text: str) -> bool:
    """Whether the text ends with sentence- or clause-final punctuation (closing marks allowed)."""
    t = text.rstrip()
    while t and t[-1] in CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in TERMINAL


_LAYOUT_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_WORD_GAP = re.compile(r"[A-Za-z0-9][ \t\u3000\u00a0]+[A-Za-z0-9]")
_ASCII_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def remove_layout_spaces(text: str) -> str:
    """Drop spaces left by the print layout, keeping one only between two ASCII letters/digits.

    "阳泉市 2023 年水环境、 空气" -> "阳泉市2023年水环境、空气"; "PM 2.5 and NO x" keeps its spaces.
    """
    t = text.strip()
    if " " not in t and "\u3000" not in t and "\t" not in t and "\u00a0" not in t:
        return t  # most text has no spaces at all
    if _WORD_GAP.search(t) is None:
        return _LAYOUT_SPACES.sub("", t)  # no space between two ASCII letters/digits to keep
    return _LAYOUT_SPACES.sub(_one_space_between_words, t)


def _one_space_between_words(m: re.Match) -> str:
    """A run of spaces inside a stripped text: one space between two ASCII letters/digits, else none."""
    s = m.string
    return " " if s[m.start() - 1] in _ASCII_WORD and s[m.end()] in _ASCII_WORD else ""


_NUMERALS = {"〇": 0, "零": 0, "○": 0, "O": 0, "Ｏ": 0, "o": 0, "ｏ": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """二十七 -> 27, 一百零三 -> 103, 二〇二〇 -> 2020 (digit by digit), 15 -> 15; None if not a number."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(c in _NUMERALS for c in text) and len(text) > 1:
        return int("".join(str(_NUMERALS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in _NUMERALS:
            current = _NUMERALS[c]
        elif c in _UNITS:
            total += (current or 1) * _UNITS[c]
            current = 0
        else:
            return None
    return total + current


# A date as printed: 2020年12月7日, 2024 年 6 月 14 日, 二〇二〇年十二月七日; and as OCR slips on it:
# an O for a 0 in the year (2O22), a space inside a two-digit month or day (1 5日), 曰 for 日.
_CN_DIGITS = "〇零○OＯoｏ0一二三四五六七八九十"  # O, o and 0: typists' and OCR's stand-ins for 〇 (二oo四年)
_GAP = "[ \u3000]?"  # one space that OCR put between two digits
DATE_END = "日曰"  # the last character of a date (曰: OCR's 日), for quick checks before DATE
DATE = re.compile(
    rf"(?P<y>(?:[1１][9９]|[2２][0０OＯ])[\dOＯ]{{2}}|[{_CN_DIGITS}]{{4}})\s*年\s*"  # \d: full-width digits too
    rf"(?P<m>\d(?:{_GAP}\d)?|[{_CN_DIGITS}]{{1,2}})\s*月\s*"
    rf"(?P<d>\d(?:{_GAP}\d)?|[{_CN_DIGITS}]{{1,3}})\s*[{DATE_END}]"
)
# A paragraph that is nothing but a date: the 成文日期 line under a signature.
DATE_LINE = re.compile(rf"^\s*{DATE.pattern}\s*$")


def _slips_mended(part: str) -> str:
    """A date's year, month or day with OCR's slips undone: the space between its digits gone, an
    O among Arabic digits read as 0 (2O22; an all-numeral year, 二OO六, is chinese_number's)."""
    part = part.replace(" ", "").replace("\u3000", "")
    if any(c.isdigit() for c in part):
        part = part.replace("O", "0").replace("Ｏ", "0")
    return part


def parse_date(match: re.Match) -> date | None:
    """The date of a DATE match, or None when it is not a real calendar date."""
    y, m, d = (chinese_number(_slips_mended(match[k])) for k in ("y", "m", "d"))
    if y is None or m is None or d is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


# A date line whose 年 and 月 (and perhaps 日) a web page lost (they were printed apart and the
# copy dropped them): `20151214`, `2017817日`, `2024110`: the year, then month and day run together.
MARKLESS_DATE_LINE = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?P<md>\d{2,4})(?P<day>日)?\s*$")


def markless_date(text: str) -> date | None:
    """The date of a MARKLESS_DATE_LINE, when its month and day can be read only one way
    (`2017817日`: 8-17, never 81-7; `2024110`: 1-10; but `2024111` could be 1-11 or 11-1: None)."""
    m = MARKLESS_DATE_LINE.match(text)
    if m is None or (len(m["md"]) == 2 and not m["day"]):
        return None  # six digits alone: rather a code or a count than a date
    year, md = int(m["y"]), m["md"]
    found = set()
    for cut in (1, 2):
        if cut < len(md) and len(md) - cut <= 2:
            try:
                found.add(date(year, int(md[:cut]), int(md[cut:])))
            except ValueError:
                pass
    return found.pop() if len(found) == 1 else None


def to_halfwidth(text: str) -> str:
    """Full-width ASCII variants (Ｆ，１) to their ASCII forms, for matching only."""
    return "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text).replace("\u3000", " ")
