"""Stage 3, issue: the cover and the table of contents -> Issue and TocEntry list.

The cover gives the gazette's name, year, number, cumulative number and publication date. An
issue printed without a cover (as some are) still names itself in its running headers
(`3/2024 阳泉市人民政府公报`), so those fill what the cover does not say; anything else is None.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from gongbao.docnumber import find_doc_numbers, match_whole
from gongbao.model import Issue, Paragraph, TocEntry, Warning
from gongbao.parse.heads import section_mark, title_genre
from gongbao.text.chinese import DATE, chinese_number, parse_date, remove_layout_spaces
from gongbao.text.layout import GAZETTE_NAME_END, SPACED_PAGE, Furniture

GAZETTE_NAME = re.compile(rf"^(?P<name>[\u4e00-\u9fff]{{2,20}}{GAZETTE_NAME_END}(?:选编|选辑|汇编|增刊)?)$")
ISSUE_NUMBER = re.compile(r"(?P<year>(?:19|20)\d\d)\s*年?\s*第\s*(?P<number>\d{1,2})\s*期")
# A cover's line of the name in pinyin (`DUODI ZHENGBAO XUANBIAN`), printed under the name.
PINYIN_LINE = re.compile(r"^[A-Za-z][A-Za-z \u3000·.-]{3,80}$")
CUMULATIVE = re.compile(r"总\s*第\s*0*(?P<n>\d{1,4})\s*期")
# The same in Chinese numerals, as older covers print them: `二○一○年第十期`, `（总第一百二十期）`.
ISSUE_NUMBER_CN = re.compile(r"(?P<year>[一二九〇○零OＯ][一二三四五六七八九〇○零OＯ]{3})\s*年\s*第\s*(?P<number>[一二三四五六七八九十]{1,3})\s*期")
CUMULATIVE_CN = re.compile(r"总\s*第\s*(?P<n>[一二三四五六七八九十百千零〇○]{1,8})\s*期")
PUBLISHED = re.compile(rf"(?:{DATE.pattern})\s*出\s*版")
# The date after its label: `出版日期：2024年6月30日`, `出版时间：…`.
PUBLISHED_LABELLED = re.compile(rf"出\s*版\s*(?:日\s*期|时\s*间)\s*[：:]?\s*(?:{DATE.pattern})")
EDITOR = re.compile(r"^(?P<editor>[\u4e00-\u9fff]{2,30}?)\s*主管\s*主办")
# The editor after its label, on a cover: `主管主办：某某编辑部`, `主办：…`, `主办单位：…` (a `主管：` line
# alone names the supervising organ, not the one that edits).
EDITOR_LABELLED = re.compile(r"^(?:主\s*管\s*)?主\s*办(?:\s*单\s*位)?\s*[：:]\s*(?P<editor>[\u4e00-\u9fff]{2,30})$")
TOC_HEADING = re.compile(r"^目\s*录$")
# A cover's name printed above its issue number, whatever words it ends in (…选刊, …专刊, …通讯).
COVER_NAME = re.compile(r"^[\u4e00-\u9fff]{4,20}$")
# A cover's date printed alone, without 出版.
DATE_ALONE = re.compile(rf"^(?:{DATE.pattern})$")
# The end of a TOC entry: dot leaders and the page number in brackets, `..... (19)`, `……（1）`, or
# bare after three leaders or two ellipses (`……1`, six dots as printed).
# Each alternative starts where the run of leaders starts (the lookbehinds), so a search stays
# linear in a long run of spaces or dots instead of retrying from every position inside it.
# Or, the leaders lost, a page spaced after the entry (layout.SPACED_PAGE).
PAGE_REF = re.compile(r"(?:(?<![\s.…·．。-])[\s.…·．。-]*[（(]\s*(?P<page>\d{1,4})\s*[）)]"
                      r"|(?<![\s.…·．])[\s.…·．]*(?:[.…·．]{3}|…{2})\s*(?P<bare>\d{1,4})"
                      rf"|{SPACED_PAGE}(?P<wide>\d{{1,4}}))\s*$")
# A TOC entry's page printed alone on the line under its title (the title wrapped, the number
# set on a line of its own, as a two-column TOC comes out of OCR or pdftotext): `1`, `12`.
PAGE_ALONE = re.compile(r"^\d{1,4}$")
# A TOC entry that prints no page: a complete title and its 文号 in brackets.
ENTRY_WITHOUT_PAGE = re.compile(r"(?:通知|意见|决定|命令|令|公报|公告|通告|通报|报告|请示|批复|议案|函|纪要)[（(][^（）()]{4,30}号[）)]$")
# A numbered TOC's entry number: `1．`, `12.`, `3、` (no part of the title).
ENTRY_NUMBER = re.compile(r"^\d{1,3}\s*[．.、](?!\d)\s*")
# An older TOC's entry: the page number first, then the title (`2　某市人民政府关于…的通知`), its
# 文号 on a line of its own under it (NUMBER_UNDER).
PAGE_FIRST = re.compile(r"^(?P<page>\d{1,4})[ \u3000]+(?P<title>[\u4e00-\u9fff《“（(].*)$")
# A 文号 or a 令's number alone in brackets, on the line under its title: `（某政发〔1999〕74号）`, `（第48号）`.
NUMBER_UNDER = re.compile(r"^[（(][^（）()]{2,30}号[）)]$")
# A 令's number in brackets after an entry's title (`某市人民政府令（第48号）`): no part of the title.
ORDER_SUFFIX = re.compile(r"[（(]第[\d一二三四五六七八九十百零〇○]{1,6}号[）)]$")
# What is left of a line that prints only the leaders and a page.
LEADERS_ONLY = re.compile(r"^[\s.…·．。-]*$")
# A TOC entry still being read is given up as not a TOC entry beyond this many characters.
MAX_ENTRY = 200
# A TOC section heading numbered like a body heading: 一、市级文件, 二、人事任免 (a short name that
# is no title).
NUMBERED_SECTION = re.compile(r"^[一二三四五六七八九十]{1,3}\s*、\s*(?P<name>[\u4e00-\u9fff]{2,12})$")


def read_cover(paragraphs: list[Paragraph], furniture: list[Furniture]) -> Issue:
    """Cover data from the paragraphs before the first document, else from running headers."""
    gazette = year = number = cumulative = published = editor = None
    cover_name = None  # the line above the issue number, if it can be a name
    in_cover = True  # before the TOC
    for i, p in enumerate(paragraphs):
        text = p.text.strip()
        in_cover = in_cover and not TOC_HEADING.match(remove_layout_spaces(text))
        if gazette is None and (m := GAZETTE_NAME.match(remove_layout_spaces(text))):
            gazette = m["name"]
        if number is None and (issue_number := _issue_number(text)):
            year, number = issue_number
            above = remove_layout_spaces(paragraphs[i - 1].text.strip()) if i else ""
            if PINYIN_LINE.match(above) and i >= 2:  # the name's pinyin between it and the number
                above = remove_layout_spaces(paragraphs[i - 2].text.strip())
            if in_cover and COVER_NAME.match(above) and not title_genre(above):
                cover_name = above
        elif in_cover and number is not None and published is None and (m := DATE_ALONE.match(text)):
            published = parse_date(m)  # a date alone under the issue number
        if cumulative is None and ((m := CUMULATIVE.search(text)) or (m := CUMULATIVE_CN.search(text))):
            cumulative = chinese_number(m["n"])
        if ((m := PUBLISHED.search(text)) or (m := PUBLISHED_LABELLED.search(text))) and published is None:
            published = parse_date(m)
        if ((m := EDITOR.match(text)) or (in_cover and (m := EDITOR_LABELLED.match(text)))) and editor is None:
            editor = m["editor"]
    gazette = gazette or cover_name
    headers = [f for f in furniture if f.kind == "running-header"]
    if headers:
        if gazette is None:
            gazette = _most_common(f.gazette for f in headers)
        if year is None:
            year = _most_common(f.year for f in headers)
        if number is None:
            number = _most_common(f.number for f in headers)
    if year is None and published is not None:
        year = published.year
    return Issue(gazette, year, number, cumulative, published, editor)


def _issue_number(text: str) -> tuple[int, int] | None:
    """The year and number of an issue line, in Arabic or Chinese numerals (`2024年第6期`, `二○一○年第十期`)."""
    if m := ISSUE_NUMBER.search(text):
        return int(m["year"]), int(m["number"])
    if (m := ISSUE_NUMBER_CN.search(text)) and (year := chinese_number(m["year"])) and 1949 <= year <= 2100:
        return year, chinese_number(m["number"])
    return None


def _most_common(values) -> int | str | None:
    counted = Counter(v for v in values if v is not None)
    return counted.most_common(1)[0][0] if counted else None


def read_toc(paragraphs: list[Paragraph], sections: dict[str, str]) -> tuple[list[TocEntry], list[Warning]]:
    """Table-of-contents entries from the front matter (the paragraphs before the first document).

    An entry may run over several lines and paragraphs; it ends with its page reference. Section
    names are mapped to canonical ones with `sections` (data/sections.tsv).
    """
    entries: list[TocEntry] = []
    warnings: list[Warning] = []
    start = next((i for i, p in enumerate(paragraphs) if TOC_HEADING.match(p.text.strip())), None)
    if start is None:
        return entries, warnings
    section = None
    section_column = None  # a TOC table's column of sections (栏目), if its header has one
    pending: list[Paragraph] = []
    paged = any(PAGE_REF.search(p.text.strip()) for p in paragraphs[start + 1:])
    end = start + 1 + (len(paragraphs) if paged else _pageless_toc_length(paragraphs[start + 1:]))
    under = -1  # a 文号 line already read with the page-first entry above it
    tabled = False  # entries read from a TOC table's rows
    for k in range(start + 1, min(end, len(paragraphs))):
        p = paragraphs[k]
        text = p.text.strip()
        if k == under:
            continue
        if not pending and (first := _page_first(paragraphs, k)):
            page, joined, under = first
            entries.append(_entry(joined, page, section, p.first_line))
            continue
        if p.kind == "table" and not pending and _cells_of_entries(p):  # a TOC laid out as a table
            cells = [remove_layout_spaces(c) for c in p.cells]
            if all(HEADER_CELL.match(c) for c in cells):  # the header: which column names the section
                section_column = next((j for j, c in enumerate(cells) if c in SECTION_COLUMNS), None)
            elif entry := _table_entry(p, section, section_column, sections):
                entries.append(entry)
                tabled = True
            continue
        if tabled and not pending and p.kind != "table" and not (_toc_section(p, sections) or PAGE_ALONE.match(text)):
            break  # a TOC table's entries are its rows: the first line after them that is no section begins the body
        if pending and PAGE_ALONE.match(text):  # the page under the entry's title
            joined = " ".join(q.text.strip() for q in pending)
            entries.append(_entry(joined, int(text), section, pending[0].first_line))
            pending.clear()
            continue
        name = _toc_section(p, sections) if not pending else section_mark(text)
        if name:
            section = sections.get(name, name)
            pending.clear()
            continue
        pending.append(p)
        joined = " ".join(q.text.strip() for q in pending)
        page = PAGE_REF.search(joined)
        page_below = k + 1 < end and k + 1 < len(paragraphs) and PAGE_ALONE.match(paragraphs[k + 1].text.strip())
        if page:
            number = int(page["page"] or page["bare"] or page["wide"])
            if not LEADERS_ONLY.match(joined[: page.start()]):
                entries.append(_entry(joined[: page.start()], number, section, pending[0].first_line))
            elif entries and entries[-1].page is None:
                # The leaders and page of the entry above, on a line of their own (the entry ended
                # in its 文号 in brackets, as one without a page does).
                entries[-1] = replace(entries[-1], page=number)
            pending.clear()
        elif page_below:
            continue  # its page is on the next line
        elif ENTRY_WITHOUT_PAGE.search(joined) or (not paged and title_genre(joined)):
            entries.append(_entry(joined, None, section, pending[0].first_line))  # no page printed
            pending.clear()
        elif len(joined) > MAX_ENTRY:
            break
    for p in pending:
        warnings.append(Warning(p.first_line, "toc-unreadable", f"a table-of-contents line without a page number: {p.text[:40]}"))
    return entries, warnings


def pageless_toc_end(paragraphs: list[Paragraph]) -> int:
    """Where a table of contents that prints no pages ends (the index after its last line), or 0:
    after 目录, its section headings and complete titles (two at least), up to the first line
    printed again (the body repeating the first section or title)."""
    start = next((i for i, p in enumerate(paragraphs[:200]) if "目" in p.text and TOC_HEADING.match(p.text.strip())),
                 None)
    if start is None:
        return 0
    length = _pageless_toc_length(paragraphs[start + 1:])
    return start + 1 + length if length >= 2 else 0  # (a 目录 of an instrument lists its headings)


def _pageless_toc_length(paragraphs: list[Paragraph]) -> int:
    """Lines of a TOC read as a run of section headings and complete titles; an entry whose page
    stands alone on the next line is an entry whatever its title says (an instrument's name, 某县
    人民政府工作规则), its page line with it."""
    seen: set[str] = set()
    n = 0
    tabled = False
    while n < len(paragraphs):
        if paragraphs[n].kind == "table":  # a TOC laid out as a table: each row a line of it
            n, tabled = n + 1, True
            continue
        if first := _page_first(paragraphs, n):  # `2　title`, perhaps its 文号 under it
            n = first[2] + 1 if first[2] >= 0 else n + 1
            continue
        plain = paragraphs[n].plain()
        page_below = n + 1 < len(paragraphs) and bool(PAGE_ALONE.match(paragraphs[n + 1].text.strip()))
        if plain in seen or PAGE_ALONE.match(plain) or not (
                page_below or NUMBERED_SECTION.match(plain) or section_mark(plain) or title_genre(plain)):
            return n
        if tabled and not (NUMBERED_SECTION.match(plain) or section_mark(plain)):
            return n  # after a TOC table's rows, a title is the body's: the table held the entries
        seen.add(plain)
        n += 2 if page_below else 1
    return len(paragraphs)


def _page_first(paragraphs: list[Paragraph], k: int) -> tuple[int, str, int] | None:
    """An older TOC's entry at paragraph k, its page printed before its title (PAGE_FIRST): (page,
    the title with the 文号 printed under it in brackets, that line's index or -1). Only a complete
    title, or one with its 文号 under it (an instrument's name, 某市…暂行规定), is an entry: a
    numbered line of a body (`1　关于…`) stands after the TOC has ended."""
    m = PAGE_FIRST.match(paragraphs[k].text.strip())
    if m is None:
        return None
    title = m["title"].strip()
    below = paragraphs[k + 1].text.strip() if k + 1 < len(paragraphs) else ""
    if NUMBER_UNDER.match(remove_layout_spaces(below)):
        return int(m["page"]), title + remove_layout_spaces(below), k + 1
    if title_genre(remove_layout_spaces(title)):
        return int(m["page"]), title, -1
    return None


def _toc_section(p: Paragraph, sections: dict[str, str]) -> str | None:
    """The section a TOC line names, when it is a section heading: `【规范性文件】`, `·市政府文件·`, a
    markdown heading with no page (`## 政府令`), or a name this gazette's data knows."""
    text = p.text.strip()
    if name := section_mark(text):
        return name
    plain = remove_layout_spaces(text)
    if plain in sections:
        return plain
    if (m := NUMBERED_SECTION.match(plain)) and not title_genre(plain):
        return m["name"]
    if p.kind == "heading" and 2 <= len(plain) <= 12 and not PAGE_REF.search(text) and not find_doc_numbers(text):
        return plain
    return None


# A table's header cell: a short label (序号, 标题, 文号, 页码, 栏目), no digit in it.
HEADER_CELL = re.compile(r"^[\u4e00-\u9fff]{0,4}$")


def _cells_of_entries(p: Paragraph) -> bool:
    """Whether a table row of a TOC is a row of a table of entries (the header, a serial number,
    the 文号 or the page each in a cell of its own), not a TOC line whose page a tab parts from its
    title (`某某关于…的通知 (某政任字〔2022〕5号)<tab>(67)`, read as a line)."""
    cells = [remove_layout_spaces(c) for c in p.cells if c.strip()]
    return bool(cells) and (all(HEADER_CELL.match(c) for c in cells) or PAGE_ALONE.match(cells[0]) is not None
                            or PAGE_ALONE.match(cells[-1]) is not None or any(match_whole(c) for c in cells))


# A TOC table's header cell over the sections' column.
SECTION_COLUMNS = frozenset({"栏目", "分类", "类别", "版块", "板块", "类型"})


def _table_entry(p: Paragraph, section: str | None, section_column: int | None = None,
                 sections: dict[str, str] | None = None) -> TocEntry | None:
    """A TOC entry from a row of a TOC laid out as a table (`| 1 | 某某关于…的通知 | 某政发〔2024〕3号 | 5 |`):
    the title is the cell that reads as one (else the longest), the 文号 a cell that is one, the page
    a number in the last cell; a serial number in the first cell is neither. The header row
    (序号, 标题, 文号: short labels) gives none."""
    cells = [remove_layout_spaces(c) for c in p.cells]
    if all(HEADER_CELL.match(c) for c in cells):
        return None
    if section_column is not None and section_column < len(cells):
        if named := cells[section_column]:
            section = (sections or {}).get(named, named)
        cells = cells[:section_column] + cells[section_column + 1:]
    page = None
    if len(cells) > 2 and PAGE_ALONE.match(cells[-1]):
        page = int(cells.pop())
    if len(cells) > 1 and PAGE_ALONE.match(cells[0]):
        cells.pop(0)  # the row's serial number
    numbers = [n for c in cells if (n := match_whole(c)) is not None]
    rest = [c for c in cells if match_whole(c) is None]
    title = next((c for c in rest if title_genre(c)), max(rest, key=len, default=""))
    number = numbers[0] if numbers else None
    if not title and number is None:
        return None
    return TocEntry(title=title, doc_number=number, page=page, section=section, line=p.first_line)


def _entry(text: str, page: int | None, section: str | None, line: int) -> TocEntry:
    numbers = find_doc_numbers(text)
    if not numbers and find_doc_numbers(remove_layout_spaces(text)):
        # An entry wrapped inside its 文号's prefix (`…的通知（珠` / `府〔2018〕14号）`): the lines
        # were joined with a space, which a CJK line break never means.
        text = remove_layout_spaces(text)
        numbers = find_doc_numbers(text)
    title = text
    number = None
    if numbers:
        number, at, _ = numbers[-1]
        title = text[:at]
    title = ENTRY_NUMBER.sub("", remove_layout_spaces(title).rstrip("（(〔[ "))
    title = ORDER_SUFFIX.sub("", title) if number is None else title
    return TocEntry(title=title, doc_number=number, page=page, section=section, line=line)
