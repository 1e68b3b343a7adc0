"""The 发文字号 (document number) grammar: parse, canonicalise, format, find in running text.

A document number is 机关代字 + kind (the *prefix*, e.g. 阳政办发), the year and a serial:
``阳政办发〔2020〕132号``. Serials restart every year, so (prefix, year, serial) identifies a
document. People type numbers sloppily, so `DocNumber.parse` accepts any bracket, spacing and
even the year in front; `find_doc_numbers` is stricter, because running text is full of
bracketed years that are not document numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from gongbao.errors import GongbaoError

# A CJK ideograph, the only characters a prefix is made of.
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff"

# Opening and closing brackets people put around the year: 〔〕 is the standard's; the rest are
# what typists and OCR substitute for it.
_OPEN = r"〔\[［（(【﹝〖{"
_CLOSE = r"〕\]］）)】﹞〗}"
# Brackets users also type around the year (never seen around one in printed text, so only the
# typed forms accept them): corner and angle brackets, full-width braces.
_TYPED_OPEN = _OPEN + r"「『《〈<＜｛⟨"
_TYPED_CLOSE = _CLOSE + r"」』》〉>＞｝⟩"

# Sloppy input as typed by a user: prefix, optional bracketed year, serial, optional 号.
_TYPED = re.compile(
    rf"""^\s*
    (?P<prefix>[{_HAN}]{{1,10}}?)      # 机关代字 + kind, e.g. 阳政办发
    \s*[{_TYPED_OPEN}]?\s*
    (?P<year>(?:19|20)\d\d)           # the year, four digits
    \s*[{_TYPED_CLOSE}]?\s*(?:年)?\s*
    第?\s*(?P<serial>\d{{1,5}})         # the serial
    \s*号?\s*$""",
    re.VERBOSE,
)

# The year in two digits, which must then be bracketed or followed by 年 (阳政发19年第7号,
# 阳政发〔19〕7号): a bare 阳政发 19 7 is too ambiguous to be read as a number.
_TYPED_SHORT_YEAR = re.compile(
    rf"""^\s*
    (?P<prefix>[{_HAN}]{{1,10}}?)
    \s*(?:[{_TYPED_OPEN}]\s*(?P<bracketed>\d\d)\s*[{_TYPED_CLOSE}]\s*年?|(?P<year>\d\d)\s*年)\s*
    第?\s*(?P<serial>\d{{1,5}})\s*号?\s*$""",
    re.VERBOSE,
)

# Digits of a year written in Chinese numerals (二〇二一, 二零二一, 二○二一), as in print.
_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "Ｏ": "0", "O": "0", "一": "1", "二": "2", "三": "3",
              "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_CN_YEAR = re.compile(r"[一二][〇○零Ｏ九][〇○零Ｏ一二三四五六七八九]{2}")

# The same with the year in front: 2022年阳政办发15号.
_TYPED_YEAR_FIRST = re.compile(
    rf"""^\s*
    (?P<year>(?:19|20)\d\d)\s*年?\s*
    (?P<prefix>[{_HAN}]{{1,10}}?)
    \s*第?\s*(?P<serial>\d{{1,5}})\s*号?\s*$""",
    re.VERBOSE,
)

# In running text: a bracketed year, a serial and 号 (with 第 before the serial, as older
# documents print it: 某政发[1999]第5号; the year in two digits as 1990s prints cite, 株政发〔98〕4号,
# after a prefix that ends in a kind character only). The ideographs before the bracket are the prefix, cut
# out by `_RUN_BEFORE` and `_trim_prefix`. Whitespace may stand anywhere, as OCR and line joins
# leave it. (Anchoring on the bracket keeps the scan linear in the text's length.)
_IN_TEXT = re.compile(
    rf"""
    (?P<open>[{_OPEN}])\s*
    (?P<year>(?:19|20)\d\d|\d\d)
    \s*(?P<close>[{_CLOSE}])\s*(?P<di>第?)\s*
    (?P<serial>\d{{1,5}})\s*号
    """,
    re.VERBOSE,
)
_RUN_BEFORE = re.compile(rf"(?P<run>[{_HAN}]{{1,16}})\s*$")

# The last character of a prefix names the kind of document: 发, 函, 字 (任字, 通字), 令, 复 ...
# A run that does not end in one of these is taken as a prefix only when it ends in a known
# prefix from the data file, or is bracketed with the standard's 〔.
_KIND_END = set("发函字令复电明传报通告办委")

# Words that often stand right before a document number in running text, never part of it.
# A reply names the number it answers after the addressee (`你局某民〔2007〕42号文收悉`).
_LEAD_WORDS = ("根据", "按照", "依据", "依照", "参照", "印发", "关于", "和", "与", "及", "见", "的",
               "于", "以", "原", "即", "同", "按", "你局", "你县", "你市", "你区", "你镇", "你乡", "你委",
               "你办", "你厅", "你单位", "贵局", "贵单位")


# A genre's name alone is no prefix of a two-digit-year number: 公告（12）3号 is no 文号.
_GENRE_WORDS = frozenset(("公告", "通告", "报告", "通报", "批复", "通知", "请示", "决定", "命令", "电报"))


class DocNumberError(GongbaoError, ValueError):
    """Raised by `DocNumber.parse` for text that is not a document number."""


@dataclass(frozen=True, order=True)
class DocNumber:
    prefix: str
    year: int
    serial: int

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    @classmethod
    def parse(cls, text: str) -> DocNumber:
        """Read a document number typed in any common form; DocNumberError if it is not one.

        Beyond brackets and spacing: full-width digits (２０２１), a year in Chinese numerals
        (〔二〇二一〕), a two-digit year bracketed or followed by 年 (阳政发19年第7号)."""
        cleaned = _typed_form(text)
        for pattern in (_TYPED, _TYPED_YEAR_FIRST):
            m = pattern.match(cleaned)
            if m:
                return cls(m["prefix"], int(m["year"]), int(m["serial"]))
        m = _TYPED_SHORT_YEAR.match(cleaned)
        if m:
            return cls(m["prefix"], _full_year(int(m["bracketed"] or m["year"])), int(m["serial"]))
        raise DocNumberError(f"not a document number (发文字号): {text!r}")

    @classmethod
    def try_parse(cls, text: str) -> DocNumber | None:
        try:
            return cls.parse(text)
        except DocNumberError:
            return None

    def as_dict(self) -> dict:
        return {"prefix": self.prefix, "year": self.year, "serial": self.serial}

    @property
    def is_filing(self) -> bool:
        """A filing (备案) number such as 某文备〔2022〕15号: metadata of the document that
        prints it, never its own 发文字号 nor a citation."""
        return self.prefix.endswith("备") or "备案" in self.prefix or self.prefix.endswith("备字")


def _typed_form(text: str) -> str:
    """Typed text with full-width digits and spaces made ASCII and a Chinese-numeral year
    (二〇二一) made digits; nothing else changes."""
    cleaned = text.strip().replace("\u3000", " ")
    cleaned = cleaned.translate(_FULLWIDTH_DIGITS)
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m[0]), cleaned)


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def _full_year(two: int) -> int:
    """A two-digit year: this century unless that is in the future (98 -> 1998)."""
    from datetime import date

    year = 2000 + two
    return year if year <= date.today().year + 1 else 1900 + two


@lru_cache(maxsize=1)
def known_prefixes() -> tuple[str, ...]:
    """Prefixes listed in data/prefixes.txt, longest first."""
    from gongbao.data import read_list

    return tuple(sorted(read_list("prefixes.txt"), key=len, reverse=True))


# The brackets of a year in a 文号: GB/T 9704's 〔〕, its stand-ins in square brackets (half-width
# too: `黄民[2007]42号` as web pages type it) and OCR's readings of them, 【】, 〖〗, ﹝﹞ or a pair of
# two shapes (`[2020】`, `〔2022]`). After them the ideographs before are a prefix even when they end
# in no kind character; before a year in round brackets (`大厦（2020)3号楼`), only one that does.
_SQUARE_OPEN = "〔[［【〖﹝"
_SQUARE_CLOSE = "〕]］】〗﹞"


def _standard_bracket(open_: str, close: str) -> bool:
    """Whether a bracketed year is the standard's 〔〕 or a stand-in for it (not round brackets)."""
    return open_ in _SQUARE_OPEN or close in _SQUARE_CLOSE


def _trim_prefix(run: str, standard_bracket: bool) -> str | None:
    """Cut a run of ideographs before a bracketed year down to the document-number prefix."""
    for known in known_prefixes():
        if run.endswith(known):
            return known
    if run[-1] not in _KIND_END and not standard_bracket:
        return None
    # Drop words that introduce a number ("根据阳政发" -> "阳政发"), then keep at most 6 chars.
    for word in _LEAD_WORDS:
        at = run.rfind(word)
        if 0 <= at and len(run) - (at + len(word)) >= 2:
            run = run[at + len(word):]
    return run[-6:] if len(run) >= 2 else None


def find_doc_numbers(text: str) -> list[tuple[DocNumber, int, int]]:
    """Every document number in running text, with its character span, in order."""
    if "号" not in text:
        return []
    return _numbers_in(_printed_digits(text))


def _numbers_in(text: str) -> list[tuple[DocNumber, int, int]]:
    """find_doc_numbers of a text whose digits are ASCII already (`_printed_digits`)."""
    found = []
    for m in _IN_TEXT.finditer(text):
        before = _RUN_BEFORE.search(text, max(0, m.start() - 24), m.start())
        if before is None:
            continue
        prefix = _trim_prefix(before["run"], _standard_bracket(m["open"], m["close"]))
        if prefix is None or (m["di"] and prefix.endswith("令")):
            continue  # 某政府令〔2010〕第15号 is an order's 令号, no 文号 (see ORDER_NUMBER in parse.heads)
        year = int(m["year"])
        if year < 100:
            if prefix[-1] not in _KIND_END or prefix[-2:] in _GENRE_WORDS:
                continue  # (a known prefix or a kind character: 株政发〔98〕4号, not 某表（12）3号)
            year = _full_year(year)
        start = before.end("run") - len(prefix)
        found.append((DocNumber(prefix, year, int(m["serial"])), start, m.end()))
    return found


# A year in brackets with an O for a 0, as OCR and typists slip: 〔2O23〕.
_O_YEAR = re.compile(rf"(?<=[{_OPEN}])(?:19|20|2[OＯ])[0-9OＯ]{{2}}(?=[{_CLOSE}])")


def _printed_digits(text: str) -> str:
    """The text with full-width digits (２０２３) and an O slipped into a bracketed year made ASCII
    digits, one character for one, so that spans found in it are spans of the text."""
    if text.isascii():
        return text
    text = text.translate(_FULLWIDTH_DIGITS)
    if "O" in text or "Ｏ" in text:
        text = _O_YEAR.sub(lambda m: m[0].replace("O", "0").replace("Ｏ", "0"), text)
    return text


# A number printed in brackets under its title: （某府办发〔2021〕3号）, (某政发[2009]12号).
_ENCLOSED = re.compile(r"^[（(](?P<inner>.+号)[）)]$")
# A line that is nothing but a number: prefix, bracketed year, serial, 号.
_WHOLE_LINE = re.compile(rf"^(?P<prefix>[{_HAN}]{{2,12}})[{_OPEN}](?P<year>(?:19|20)\d\d)[{_CLOSE}]第?(?P<serial>\d{{1,5}})号$")
# The same with the year in two digits, as 1990s prints give it (`株政办〔98〕3号`, `某政发（99）12号`):
# only alone on its line, where nothing else can stand in brackets before a serial and 号.
_WHOLE_LINE_SHORT = re.compile(rf"^(?P<prefix>[{_HAN}]{{2,12}})[{_OPEN}](?P<year>\d\d)[{_CLOSE}]第?(?P<serial>\d{{1,5}})号$")
# A label some gazettes print before the number: 发文字号：, 文号:
_NUMBER_LABEL = re.compile(r"^(?:发文字号|文号)[：:]")


def match_whole(text: str) -> DocNumber | None:
    """The document number when `text` is nothing but one (a 文号 line), else None.

    The number may stand in brackets (printed under the title) or after a 文号： label."""
    if text.rstrip()[-1:] not in ("号", "）", ")") or len("".join(text[:100].split())) > 48:
        return None  # cheap tests first: a number line ends with 号 or a bracket, and is short
    stripped = _printed_digits("".join(text.split()))
    if len(stripped) > 48:
        return None
    if stripped[:1] in "（(" and (m := _ENCLOSED.match(stripped)):
        stripped = m["inner"]
    elif stripped[:1] in "发文" and (m := _NUMBER_LABEL.match(stripped)):
        stripped = stripped[m.end():]
    if not stripped.endswith("号") or len(stripped) > 40:
        return None
    hits = _numbers_in(stripped)  # its digits made ASCII above
    if len(hits) == 1 and hits[0][1] == 0 and hits[0][2] == len(stripped):
        return hits[0][0]
    m = _WHOLE_LINE.match(stripped)  # alone on its line, any prefix is a prefix: 沪建建[2003]89号
    if m:
        return DocNumber(m["prefix"], int(m["year"]), int(m["serial"]))
    m = _WHOLE_LINE_SHORT.match(stripped)
    return DocNumber(m["prefix"], _full_year(int(m["year"])), int(m["serial"])) if m else None
