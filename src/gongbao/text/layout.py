"""Stage 2, layout: SourceText -> paragraphs, with the source lines each came from.

Guarantees of this stage:
- every non-blank source line ends up in exactly one paragraph, or in `furniture` (running
  headers and page numbers), so nothing is thrown away unrecorded;
- markdown markers (#, list bullets, hard breaks, **) and HTML tags (<p>, <sub>) are removed from
  the paragraph text, never from the source;
- print line breaks and page seams inside a paragraph are joined; a paragraph knows every
  source line it joined (`Paragraph.lines`).

Three layouts are told apart by the shape of the text, not by the file: "markdown" (# headings,
used inconsistently), "plain" (one paragraph per line, blank lines between) and "hardwrap" (a
narrow printed column, one printed line per source line, usually a blank line after each).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace

from gongbao.docnumber import match_whole
from gongbao.model import Paragraph, SourceText
from gongbao.text.chinese import CLOSERS, CONTINUATION_START, DATE, DATE_END, DATE_LINE, TERMINAL, display_width, ends_sentence
from gongbao.text.numbering import DECIMAL_HEADING_LINE, LABEL_FIRST, starts_with_label
from gongbao.parse.heads import (BYLINED_ENDS, DATE_IN_BRACKETS, DATED_NUMBER, NUMBER_WITH_SIGNER, ORDER_NUMBER, ORGAN_LIST,
                                 SIGNING_ORGAN, TITLE_ABOUT,
                                 bylined_title, head_number, instrument_title, is_byline, is_metadata_line,
                                 promulgation_note, regulation_name, section_mark, title_genre)

# A running header names the gazette (…公报, …政报, perhaps with more words: 公报选编) and the issue,
# or the section, in any order: `3/2024 阳泉市人民政府公报 ·市政府文件·`, `阳泉市人民政府公报 2024年第3期`,
# `2024 · 1 某某政府公报选编`, `某某省人民政府公报 2021.12`.
# How a gazette's name ends: 公报, 政报, or (a periodical compilation of documents) 文件选编 / 文件汇编 /
# 公文选刊.
GAZETTE_NAME_END = r"(?:公报|政报|(?:文件|公文)(?:选编|汇编|选辑|选刊))"
_GAZETTE = rf"(?P<gazette>[\u4e00-\u9fff]{{2,20}}{GAZETTE_NAME_END}(?:[\u4e00-\u9fff]{{0,4}}))"
# An issue is a 期, or in a compilation a 辑.
_ISSUE = (r"(?:(?P<number>\d{1,2})\s*/\s*(?P<year>(?:19|20)\d\d)"
          r"|(?P<year2>(?:19|20)\d\d)\s*(?:年\s*第?\s*(?P<number2>\d{1,2})\s*[期辑]|[·•・.．/\-]\s*(?P<number3>\d{1,2}))"
          r"|第\s*(?P<number4>\d{1,3})\s*[期辑])")
_SECTION = r"(?:[·•・]\s*(?P<section>[\u4e00-\u9fff]{2,12})\s*[·•・]?)"
RUNNING_HEADER = re.compile(rf"^\s*(?:{_ISSUE}\s*)?{_GAZETTE}\s*(?:{_ISSUE.replace('?P<', '?P<t_')}\s*)?{_SECTION}?\s*$")
# A page number: `— 6 —`, `- 12 -`, `－６－`, `·7·`, `第 6 页`, and with the count of pages as word
# processors print it, `第 6 页 共 20 页`, `共20页 第6页`; OCR reads a dash as 一 (`-1一`).
_OF_PAGES = r"\s*[，,/]?\s*共\s*\d{1,4}\s*页"
# A flip-book's web edition heads each page with its number twice: `Page 24 - 2021年第3期`, `P. 24`.
PAGE_NUMBER = re.compile(r"^\s*(?:[—–\-－─一]{1,2}\s*(?P<page>\d{1,4})\s*[—–\-－─一]{1,2}|[·•・]\s*(?P<dot>\d{1,4})\s*[·•・]"
                         rf"|第\s*(?P<nth>\d{{1,4}})\s*页(?:{_OF_PAGES})?|共\s*\d{{1,4}}\s*页\s*[，,/]?\s*第\s*(?P<nth2>\d{{1,4}})\s*页"
                         r"|Page\s(?P<flip>\d{1,4})(?:\s[-–—]\s.{1,40})?|P\.\s?(?P<flip2>\d{1,4}))\s*$")
# Markdown: a heading, a list bullet, a horizontal rule, emphasis.
MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s*(?P<text>.*?)\s*#*\s*$")
MD_BULLET = re.compile(r"^\s*[-*+]\s+")
MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,}|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})\s*$")  # `- - -` too
# A markdown (pipe) table's row, `| 序号 | 标题 | 文号 |`, and the row under its header that only
# draws the rule, `|---|:---:|`.
MD_TABLE_ROW = re.compile(r"^\|(?:[^|]*\|){2,}$")
MD_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+$")
# A rule drawn in print or on a page, dashes alone on a line (`——`, `─────`): it parts what is above it
# from what is below as a blank line does (markdown's `---` is MD_RULE).
PRINT_RULE = re.compile(r"^[—–─━－＿＝]{2,}$")
# A web page's breadcrumb (`您所在的位置：首页>期刊栏目>正文`, `当前位置: 首页 > …`): navigation on a line
# of its own.
BREADCRUMB = re.compile(r"^(?:您(?:现在|当前)?(?:所在)?的?位置|当前(?:所在)?位置)\s*[:：]")
MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")  # no ** inside: linear
# HTML left by the converter: <p>, </p>, <br/>, <sub>2.5</sub> ...
HTML_TAG = re.compile(r"</?(?:p|br|sub|sup|span|div|b|i|u|strong|em|td|tr|table)\b[^>]*>", re.IGNORECASE)
# Lines of a cover, each standing alone even where no blank line parts them: the gazette's name,
# the issue (`2025年第2期（总第14期）`), the publication date (`2025年6月30日出版`).
COVER_LINE = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,20}}{GAZETTE_NAME_END}(?:选编|选辑|汇编|增刊)?"
                        r"|(?:19|20)\d\d\s*年\s*第\s*\d{1,2}\s*期(?:\s*[（(]\s*总\s*第\s*\d{1,4}\s*期\s*[）)])?"
                        rf"|{DATE.pattern}\s*出\s*版)$")
# Lines that always stand alone: the publicity note (in brackets, or bare: 此件公开发布) and the
# closing formula.
PUBLICITY_NOTE = re.compile(r"^(?:[（(]\s*此件[^）)]{0,30}[）)]|此件[\u4e00-\u9fff]{0,6}(?:公开|发布)[\u4e00-\u9fff]{0,4})$")
# The 版记's last line (GB/T 9704): the organ that printed the document and the date, then 印发.
PRINTED_LINE = re.compile(rf"^[\u4e00-\u9fff（）()]{{2,40}}\s*{DATE.pattern}\s*印\s*发$")
CLOSING_FORMULA = re.compile(r"^特此(?:通知|通报|批复|函告|公告|通告|决定)[。！]?$")
# Words a title or an instrument's name ends with: such a line is complete even without a 。
TITLE_END = re.compile(
    r"(?:通知|意见|决定|决议|命令|令|公报|公告|通告|通报|报告|请示|批复|议案|函|纪要|方案|办法|规划|预案|"
    r"计划|细则|规定|规则|条例|清单|目录|要点|标准|制度|职责|名单|体系|措施|指南|机制)$"
)
# A TOC entry's page when the leaders are lost (as OCR drops them): spaced after the title's last
# character or its 文号's (`…（某政字〔2021〕30号）　4`). The lookbehind keeps a search linear.
SPACED_PAGE = r"(?<=[）)〕\]号知见定令告复函报示案要议则法])[\u3000\t ]{1,8}"
# The end of a table-of-contents entry: dot leaders and the page, `……（7）`, `..... 12`, or a
# spaced page.
TOC_ENTRY_END = re.compile(rf"(?:[….·．]{{2,}}\s*[（(]?\s*\d{{1,4}}\s*[）)]?|{SPACED_PAGE}\d{{1,4}})$")
# Marks a paragraph never ends with: one ending with them was cut by a print break or a seam.
UNFINISHED_END = set("、，,（(《“—")
# Openers of a paragraph that never continues the one before: a 【section】 or ·section· heading,
# the TOC's heading 目录, a 《title》 after a closed one, an attachment line, a "field：" line of a
# list (联系人：, 组 长：).
NEW_BLOCK = re.compile(r"^(?:【|[·•・]\s*[\u4e00-\u9fff]{2,12}\s*[·•・]\s*$|目\s*录\s*$|附件\s*[\d一二三四五六七八九十：:]|附表"
                       r"|[\u4e00-\u9fff][\u4e00-\u9fff ]{0,7}[：:]\s*\S)")
# A text that ends with an organ's name and a date after a space, as a signature line or a run-on
# last paragraph does (`… 特此通告 某市公安局 2023年1月20日`): finished, whatever follows. (Not a
# date after a word, `自 2024 年 6 月 16 日` / `起施行`: that sentence runs on.)
ENDS_WITH_DATE = re.compile(rf"[府室厅会委局部院队处所站心署组]\s+{DATE.pattern}\s*$")
# A page's number glued to the end of a line by a PDF's text (`（此件主动公开）—2—`): the line ends
# there, its last dash is no dash left open.
GLUED_PAGE_NUMBER = re.compile(r"[）)。\u4e00-\u9fff][—–－]{1,2}\s*\d{1,4}\s*[—–－]{1,2}$")
# The end of an attachment line whose text the gazette left out: （略）, （见网络版）.
OMITTED_END = re.compile(r"[（(][^（）()]{0,8}(?:略|网络版)[）)]$")
# A title's first line: an organ's name, then 关于.
TITLE_START = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:人民政府|办公室|委员会)\s*关于")
# An organ's name alone on a line: a signature (发文机关署名).
ORGAN_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:人民政府|办公室|委员会|管委会|办事处|局|厅|部)$")
# "name post" entries of member lists: ideographs on both sides of a space.
SPACED_FIELDS = re.compile(r"[\u4e00-\u9fff）)]\s+[\u4e00-\u9fff（(]")
# Any of the three: a line so begun never continues the paragraph before it.
STARTS_ANEW = re.compile("|".join(f"(?:{p.pattern})" for p in (NEW_BLOCK, ORGAN_NAME, TITLE_START)))
SHORT_LINE = 24  # display cells; a shorter line without a final mark is taken as a heading
DATED_NOTE_START = re.compile(rf"^[（(]\s*{DATE.pattern}")
# A numbered line this short with no punctuation inside is a heading, whatever follows it.
HEADING_MAX = 16
_LAYOUT_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
HEADING_PUNCTUATION = re.compile(r"[，。；：,;:！？]")
# A paragraph joins at most this many print lines (real ones join a few dozen): every join looks
# at the paragraph so far, so an unbounded run of joins would take time quadratic in its length.
MAX_JOINED_LINES = 100


@dataclass(frozen=True)
class Furniture:
    """A running header or page number that was dropped from the text."""

    line: int
    kind: str  # "running-header" | "page-number"
    text: str
    number: int | None = None
    year: int | None = None
    gazette: str | None = None
    section: str | None = None
    page: int | None = None


@dataclass(slots=True)  # not frozen: one per source line, and a frozen init costs 5x
class PrintLine:
    """A non-blank source line with its markup removed and what the markup said."""

    number: int
    text: str
    gap_before: bool  # a blank line or dropped furniture stands before it
    heading_level: int | None = None
    bullet: bool = False
    rule: bool = False
    hard_break: bool = False
    cells: tuple[str, ...] = ()
    # Facts about the text, computed once: it stands alone (is_block_line), it starts with a
    # numbering label, its printed width.
    block: bool = False
    label: bool = False
    width: float = 0.0
    meta: bool = False  # an index line of a web reprint or a registration code (parse.heads)
    spaced: bool = False  # "name post" fields: ideographs on both sides of a space (SPACED_FIELDS)
    # What `_continues` asks first of every pair of lines, in one flag each: nothing continues
    # this line (a table row, rule, heading, block or index line), or it continues nothing (the
    # same, or a bullet or a numbering label).
    closed: bool = False
    opens: bool = False
    last: int = 0  # the last source line it holds, when more than its own (a table row's wrapped cells)


@dataclass(frozen=True)
class Layout:
    kind: str
    paragraphs: list[Paragraph]
    furniture: list[Furniture]
    column_width: float | None  # the printed column's width in cells (hardwrap only)


def analyse_layout(source: SourceText) -> Layout:
    """Turn source lines into paragraphs; the one function of this stage."""
    lines, furniture = _print_lines(source)
    if len(lines) > 0.9 * len(source.lines) and len(lines) >= 20:
        # No blank lines between paragraphs at all: a line break is the only paragraph mark.
        lines = [replace(pl, gap_before=True) for pl in lines]
    else:
        lines = _paragraph_runs(lines)
    lines = _cell_tables_apart(lines)
    kind = detect_layout(source, lines)
    width = _column_width(lines) if kind == "hardwrap" else None
    return Layout(kind, _paragraphs(lines, kind, width), furniture, width)


def _cell_tables_apart(lines: list[PrintLine]) -> list[PrintLine]:
    """A table a web page's text prints one cell a line, blank lines between (序号 / 重点工作任务 /
    责任单位 / 完成时限, then each row's cells): every cell a paragraph of its own, though a cell
    may end without a mark and the next begin with a digit (`2025年底前`, a row's `2`)."""
    if not any(len(pl.text) <= 4 and "序" in pl.text for pl in lines):
        return lines  # (the cheap test: no 序号 cell)
    from gongbao.extract.tasks import cell_table_spans  # (the one reading of such a table)

    out = list(lines)
    texts = [_LAYOUT_SPACES.sub("", pl.text) for pl in lines]
    i = 0
    while i < len(lines):
        if len(texts[i]) <= 4 and "序" in texts[i] and lines[i].gap_before \
                and (table := cell_table_spans(texts, i)) is not None:
            end = table[2]
            if all(pl.gap_before for pl in lines[i:end]):
                out[i:end] = [replace(pl, closed=True, opens=True) for pl in lines[i:end]]
                i = end
                continue
        i += 1
    return out


# No printed column holds a line this wide (in cells, spaces aside; an A4 column holds some 28 to
# 40, two columns run together by a converter some 60): a line that wide is a paragraph that a web
# page or a word processor put on one line.
PARAGRAPH_LINE_WIDTH = 80


def _paragraph_runs(lines: list[PrintLine]) -> list[PrintLine]:
    """A run of lines between blank lines that holds a whole paragraph on one line (wider than
    any printed column): there, as in a file without blank lines, each line break is a paragraph
    mark. (Web pages pasted one after another, some with blank lines and some without.)"""
    out = list(lines)
    start = 0
    for end in range(1, len(lines) + 1):
        if end < len(lines) and not lines[end].gap_before:
            continue
        if end - start >= 2 and any(not pl.cells and pl.width > PARAGRAPH_LINE_WIDTH
                                    and display_width(_LAYOUT_SPACES.sub("", pl.text)) > PARAGRAPH_LINE_WIDTH
                                    for pl in lines[start:end]):
            out[start + 1:end] = [replace(pl, gap_before=True) for pl in lines[start + 1:end]]
        start = end
    return out


def detect_layout(source: SourceText, lines: list[PrintLine]) -> str:
    if not lines:
        return "plain"
    widths = sorted(pl.width for pl in lines if not pl.cells)
    p90 = widths[int(len(widths) * 0.9)] if widths else 0
    if p90 and p90 <= 30 and len(lines) >= 20:
        return "hardwrap"
    headings = sum(1 for pl in lines if pl.heading_level)
    return "markdown" if headings >= 3 else "plain"


def reader_form(raw: str) -> str:
    """A source line as a reader of the print sees it: the markdown and HTML markers that the
    conversion to text added (`## `, `**`, `<br>`, a leading `- `) removed, spaces kept.
    For display only: the stored line and every line number stay as in the file."""
    text = HTML_TAG.sub("", raw) if "<" in raw else raw
    if "**" in text or "__" in text:
        text = MD_EMPHASIS.sub(r"\2", text)
    stripped = text.strip()
    if not stripped:
        return ""
    if stripped[0] in "-*_" and MD_RULE.match(stripped):
        return ""
    if stripped[0] == "#" and (m := MD_HEADING.match(text)):
        return m["text"]
    if stripped[0] in "-*+" and MD_BULLET.match(text):
        return MD_BULLET.sub("", text, count=1)
    return text.rstrip()


# A table as `pdftotext -layout` prints one: no rules and no tabs, each row's cells on one line at
# the columns of the header, runs of spaces between them; a cell too long for its column wraps, and
# its end stands on the next line alone under that column. The header names the columns in a
# table's words (序号, 任务, 责任单位, 完成时限 …): its cells are short and hold no sentence.
LAYOUT_TABLE_HEADER = re.compile(r"序号|编号|名称|项目|任务|内容|单位|部门|时限|时间|措施|目标|备注|事项|指标|要求|标准|类别|数量|金额|姓名|职务")
_LAYOUT_FIELD = re.compile(r"\S+(?: \S+)*")  # text between runs of two spaces or more (a full-width space ends a field too)
_HEADER_CELL_MAX = 10  # characters of a header cell
_SENTENCE_MARK = re.compile(r"[，。；：:,;]")  # what no header cell holds


def _layout_fields(raw: str) -> list[tuple[int, str]]:
    """Each field of a line with the display column it starts at."""
    return [(display_width(raw[:m.start()]), m.group()) for m in _LAYOUT_FIELD.finditer(raw)]


def _layout_cells(fields: list[tuple[int, str]], starts: list[int]) -> list[str] | None:
    """The fields of a row placed under the header's columns: one field a column, in order; a row
    with fewer fields puts each under the column it starts in. None when two fall in one column."""
    cells = [""] * len(starts)
    if len(fields) == len(starts):
        return [f for _, f in fields]
    for col, text in fields:
        k = max((i for i, s in enumerate(starts) if s <= col + 2), default=0)
        if cells[k]:
            return None
        cells[k] = text
    return cells


def _layout_table_at(lines: list[str], i: int, edges: dict[int, Furniture]) -> dict[int, tuple[tuple[str, ...], int] | None]:
    """The `-layout` table whose header is line i (0-based), by line number: each row's cells (its
    wrapped ends joined) and its last line, or None for a line that only holds the ends of the
    cells above it (of the header's too). The table runs on over a page seam (the page's foot and
    the next page's head, `edges` or any running head or page number), where the next page may
    print the header again. Empty when line i heads no table."""
    head = _layout_fields(lines[i])
    if len(head) < 3 or any(len(t) > _HEADER_CELL_MAX or _SENTENCE_MARK.search(t) for _, t in head):
        return {}
    starts = [c for c, _ in head]
    header = [t for _, t in head]
    rows: list[tuple[int, list[str], list[int]]] = []
    out: dict[int, tuple[tuple[str, ...], int] | None] = {}
    n = len(lines)
    j = i + 1
    while j < n:
        fields = _layout_fields(lines[j])
        if not fields:
            ahead, seam = j, False  # a blank line ends the table, unless a page seam follows it
            while ahead < n and (not (line := lines[ahead].strip()) or _furniture_at(ahead + 1, line, edges) is not None):
                seam = seam or bool(line)
                ahead += 1
            if not seam or ahead == n:
                break
            fields = _layout_fields(lines[ahead])
            if [f for _, f in fields] == header:
                j = ahead + 1  # the header printed again at the top of the page
                continue
            if not (len(fields) >= 2 and abs(fields[0][0] - starts[0]) <= 2):
                break
            j = ahead
        cells = _layout_cells(fields, starts) if len(fields) <= len(starts) else None
        if cells is None:
            break
        if len(fields) >= 2 and abs(fields[0][0] - starts[0]) <= 2:
            rows.append((j + 1, cells, [j + 1]))  # a row, from the first column
        elif not cells[0] and all(not c or display_width(c) <= (starts[k + 1] - starts[k] if k + 1 < len(starts) else 40)
                                  for k, c in enumerate(cells)):
            # the wrapped ends of the cells above (a row's, or the header's), each under its column
            above = rows[-1][1] if rows else header
            for k, c in enumerate(cells):
                above[k] += c
            if rows:
                rows[-1][2][0] = j + 1
            out[j + 1] = None
        else:
            break
        j += 1
    if not rows:
        return {}
    out[i + 1] = (tuple(header), i + 1)
    for number, cells, last in rows:
        out[number] = (tuple(cells), last[0])
    return out


def _furniture_at(number: int, stripped: str, edges: dict[int, Furniture]) -> Furniture | None:
    """The page's head or foot that line `number` is: a running head or page number by its form,
    or found recurring at the page edges (`edges`); None for a line of the text. (A running head's
    parts may stand far apart, as `pdftotext -layout` spreads them.)"""
    item = furniture_line(number, stripped) if (
        stripped[0] in _FURNITURE_FIRST or _names_gazette(stripped)) and (
        len(stripped) <= 60 or len(_LAYOUT_SPACES.sub(" ", stripped)) <= 60) else None
    return item if item is not None or not edges else edges.get(number)


def _print_lines(source: SourceText) -> tuple[list[PrintLine], list[Furniture]]:
    out: list[PrintLine] = []
    furniture: list[Furniture] = []
    gap = True
    edges = page_edge_furniture(source) or seam_furniture(source)
    tables: dict[int, tuple[tuple[str, ...], int] | None] = {}  # rows of `-layout` tables met so far
    for number, raw in enumerate(source.lines, 1):
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        item = _furniture_at(number, stripped, edges)
        if item:
            furniture.append(item)
            gap = True
            continue
        if stripped[0] in "—–─━－＿＝" and PRINT_RULE.match(stripped.replace(" ", "")):
            gap = True  # a drawn rule
            continue
        hard_break = raw.endswith("  ")
        text, level, bullet = stripped, None, False
        cells: tuple[str, ...] = ()
        last = 0
        # Markdown, HTML and tab-separated cells, where the line holds one of their characters
        # (most lines hold none).
        if "  " in stripped and number not in tables and LAYOUT_TABLE_HEADER.search(stripped):
            tables.update(_layout_table_at(source.lines, number - 1, edges))
        if tables and number in tables:
            row = tables[number]
            if row is None:
                continue  # the ends of the cells above, joined to them
            cells, last = row
            text = " ".join(c for c in cells if c)
        elif stripped[0] == "|" and MD_TABLE_ROW.match(stripped):
            if MD_TABLE_RULE.match(stripped):
                continue  # the rule under a table's header: no text, and the table runs on
            cells = tuple(MD_EMPHASIS.sub(r"\2", c.strip()) for c in stripped[1:-1].split("|"))
            text = " ".join(c for c in cells if c)
            if not text:  # a row of empty cells
                continue
        elif stripped[0] in "-+#" or "<" in raw or "*" in raw or "_" in raw or "\t" in raw:
            text = HTML_TAG.sub("", raw).strip() if "<" in raw else stripped
            if "**" in text or "__" in text:
                text = MD_EMPHASIS.sub(r"\2", text)
            if not text:  # nothing but HTML tags (`<p><p>`): a blank line
                gap = True
                continue
            if text[0] in "-*_" and MD_RULE.match(text):
                out.append(PrintLine(number, text, gap, rule=True, closed=True, opens=True))
                gap = True
                continue
            m = MD_HEADING.match(text) if text[0] == "#" else None
            if m and m["text"]:
                level, text = len(m["hashes"]), m["text"]
            bullet = text[0] in "-*+" and bool(MD_BULLET.match(text)) and level is None
            if bullet:
                text = MD_BULLET.sub("", text, count=1)
            if "\t" in raw and ("\t" in stripped or raw.count("\t") >= 2):
                cells = tuple(c.strip() for c in HTML_TAG.sub(" ", raw).split("\t"))
                text = " ".join(c for c in cells if c)
            text = text.strip()
            if not text:
                gap = True
                continue
        block = len(text) <= 120 and is_block_line(text)
        label = text[0] in LABEL_FIRST and (starts_with_label(text) or bool(DECIMAL_HEADING_LINE.match(text)))
        meta = len(text) <= 120 and is_metadata_line(text)
        # A section heading alone on its line (`【政府规章】`, `·市政府文件·`) stands alone too: the TOC
        # entry or the document under it begins anew, even when it wraps (a TOC's two levels).
        alone = bool(cells) or level is not None or block or (
            (text[0] in "【·•・〖" or text[-1] == "】") and section_mark(text) is not None)
        out.append(PrintLine(number, text, gap, level, bullet, False, hard_break, cells, block, label,
                             display_width(text), meta, _spaced(text),
                             alone or meta, alone or bullet or label, last))
        gap = False
    return out, furniture


# How a page number begins (P: a flip-book's `Page 24`, `P. 24`); what a running header that names
# the gazette holds (GAZETTE_NAME_END's last words).
_FURNITURE_FIRST = frozenset("—–-－─一第共·•・P")


def _names_gazette(text: str) -> bool:
    """Whether the text holds the last words of a gazette's name: 公报, 政报, 汇编, 选编 / 选辑 / 选刊."""
    return "公报" in text or "政报" in text or "选" in text or "汇编" in text


def _spaced(text: str) -> bool:
    """SPACED_FIELDS in the text; a scan only where a space (or another unprintable character,
    as every other whitespace is) stands."""
    return (" " in text or not text.isprintable()) and SPACED_FIELDS.search(text) is not None


def furniture_line(number: int, text: str) -> Furniture | None:
    """The running header or page number that line `number` is, or None."""
    if text[0] not in _FURNITURE_FIRST and not _names_gazette(text):
        return None
    m = PAGE_NUMBER.match(text)
    if m:
        return Furniture(number, "page-number", text, page=int(m["page"] or m["dot"] or m["nth"] or m["nth2"] or m["flip"] or m["flip2"]))
    m = RUNNING_HEADER.match(text)
    if m is None:
        return None
    found = {k: v for k, v in m.groupdict().items() if v}
    issue_number = next((found[k] for k in found if k.removeprefix("t_").startswith("number")), None)
    year = next((found[k] for k in found if k.removeprefix("t_").startswith("year")), None)
    if not (issue_number or found.get("section")):
        return None  # the gazette's name alone is a cover or a title, not a running header
    return Furniture(number, "running-header", text, number=int(issue_number) if issue_number else None,
                     year=int(year) if year else None, gazette=m["gazette"], section=found.get("section"))


# On a PDF, a line at the top or bottom of a page whose text (digits aside) recurs there on at
# least this share of the pages, and on three at least, is a running head or a page number,
# whatever the gazette prints in them (`·市政府文件·`, a bare `12`).
EDGE_SHARE = 0.3
GAZETTE_ALONE = re.compile(rf"^{_GAZETTE}$")
EDGE_LINES = 2  # how many printed lines at each edge of a page are looked at
_DIGITS = re.compile(r"\d+")


def page_ranges(source: SourceText) -> list[range]:
    """The line numbers of each page: a PDF's pages, or in a text, the parts its form feeds part
    (a PDF's text as `pdftotext` writes it, a form feed before each new page); none otherwise."""
    if source.pages:
        return [range(p.first_line, p.last_line + 1) for p in source.pages]
    if "\f" not in "".join(source.lines):  # one pass in C; most texts hold none
        return []
    starts = [n for n, line in enumerate(source.lines, 1) if line.startswith("\f")]
    if not starts:
        return []
    bounds = [1, *(n for n in starts if n > 1), len(source.lines) + 1]
    return [range(a, b) for a, b in zip(bounds, bounds[1:])]


def page_edge_furniture(source: SourceText) -> dict[int, Furniture]:
    """Lines of a PDF's page edges that recur from page to page, by line number."""
    candidates: dict[str, list[int]] = {}
    pages = page_ranges(source)
    if not pages:
        return {}
    for lines in pages:
        for number in {*_edge(source, lines), *_edge(source, reversed(lines))}:
            text = source.line(number).strip()
            # A date, a 文号, a publicity note or a closing formula is the text's; a line of the
            # cover (the gazette's name alone) recurring at the edges is a running head.
            if len(text) <= 60 and (not is_block_line(text) or COVER_LINE.match(text)):
                key = _DIGITS.sub("#", "".join(text.split()))
                candidates.setdefault(key, []).append(number)
    least = max(3, EDGE_SHARE * sum(1 for p in pages if p))
    found: dict[int, Furniture] = {}
    for key, numbers in candidates.items():
        if len(numbers) < least:
            continue
        for number in numbers:
            text = source.line(number).strip()
            digits = _DIGITS.findall(text)
            if not key.strip("#—–-－─一·•・()（）第页 |/"):  # a number and its decoration
                found[number] = Furniture(number, "page-number", text, page=int(digits[-1]) if digits else None)
            else:
                # A head that is the gazette's name alone names the gazette (the cover's name
                # line, the same words, is set aside with it).
                named = GAZETTE_ALONE.match("".join(text.split()))
                found[number] = Furniture(number, "running-header", text, gazette=named["gazette"] if named else None)
    return found


# In a text without form feeds, the seams are its page numbers; the first line under each that
# recurs under this many of them (two at least: a head may alternate, the gazette's name on one
# page, the issue on the next) is a running head.
SEAM_SHARE = 0.3
SEAM_HEAD_MAX = 30  # characters: a running head is short


def seam_furniture(source: SourceText) -> dict[int, Furniture]:
    """Running heads of a text whose pages only its page numbers part (no form feeds): the line
    right under a page number, when the same words (digits aside) stand there at several seams,
    in whatever form the gazette prints them (`二○一○年第十期`, its name alone). A section's
    heading, a title or a line of text that happens to open two pages is no head."""
    seams = [n for n, line in enumerate(source.lines, 1)
             if (t := line.strip()) and t[0] in _FURNITURE_FIRST and PAGE_NUMBER.match(t)]
    if len(seams) < 3:
        return {}
    candidates: dict[str, list[int]] = {}
    for n in seams:
        below = next((m for m in range(n + 1, min(n + 4, len(source.lines) + 1)) if source.line(m).strip()), None)
        if below is None:
            continue
        text = source.line(below).strip()
        if len(text) > SEAM_HEAD_MAX or ends_sentence(text) or text[-1] in "，、：:" \
                or (is_block_line(text) and not COVER_LINE.match(text)) or section_mark(text) or PAGE_NUMBER.match(text) or title_genre(text):
            continue
        candidates.setdefault(_DIGITS.sub("#", "".join(text.split())), []).append(below)
    least = max(2, SEAM_SHARE * len(seams))
    found: dict[int, Furniture] = {}
    for numbers in candidates.values():
        if len(numbers) < least:
            continue
        for number in numbers:
            text = source.line(number).strip()
            named = GAZETTE_ALONE.match("".join(text.split()))
            found[number] = Furniture(number, "running-header", text, gazette=named["gazette"] if named else None)
    return found


def _edge(source: SourceText, lines) -> list[int]:
    """The first EDGE_LINES lines that print something, in the order of `lines` (a page's top
    margin may leave blank lines above its header)."""
    found = []
    for number in lines:
        if source.line(number).strip():
            found.append(number)
            if len(found) == EDGE_LINES:
                break
    return found


def _column_width(lines: list[PrintLine]) -> float:
    """The printed column's width: the most common width among the longer lines."""
    widths = [round(pl.width) for pl in lines if pl.width >= 10]
    if not widths:
        return 0.0
    return float(max(statistics.multimode(widths)))


# The brackets a 文号's year stands in (and the C that OCR reads for 〔): a line without one is no
# number that lost its 号 or a bracket.
_OCR_NUMBER_MARKS = frozenset("〔[［【﹝Cc")


def is_block_line(text: str) -> bool:
    """A line that always stands alone: a 文号, a date, a publicity note, a closing formula, a web
    page's breadcrumb."""
    t = text.strip()
    if t[:1] in "您当" and len(t) <= 120 and BREADCRUMB.match(t):
        return True  # (a breadcrumb may be long: 当前位置：首页 > 政务公开 > … > 正文)
    if not t or len(t) > 40:
        return False
    first, last = t[0], t[-1]
    return bool(
        (last in DATE_END and DATE_LINE.match(t))
        or (first in "（(此" and PUBLICITY_NOTE.match(t))
        or (first == "特" and CLOSING_FORMULA.match(t))
        or (last == "发" and PRINTED_LINE.match(t))
        or (last in "号）)" and "号" in t and match_whole(t))
        or ((last in "）)号弓亏" or "0" <= last <= "9") and _OCR_NUMBER_MARKS.intersection(t)
            and head_number(t) is not None)  # a 文号 as OCR reads one: its 号 or a bracket lost, 〔 as C
        or ("签" in t and bool(NUMBER_WITH_SIGNER.match(t)) and bool(match_whole(NUMBER_WITH_SIGNER.match(t)["number"])))
        or (last == "号" and first in "12" and bool(DATED_NUMBER.match(t)) and bool(match_whole(DATED_NUMBER.match(t)["number"])))
        or (last in "报编辑期版）)" and COVER_LINE.match(t))
    )


def _paragraphs(lines: list[PrintLine], kind: str, width: float | None) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    group: list[PrintLine] = []
    previous_text = ""  # the paragraph before the one being built, for list-item seams
    # The paragraph being built, kept as it grows (joining again at every line would take time
    # quadratic in its length): its text, where each of its lines starts, brackets still open.
    text, starts, opened = "", [0], 0

    def flush() -> None:
        nonlocal previous_text
        if not group:
            return
        first = group[0]
        if first.rule:
            para = Paragraph(text, first.number, group[-1].number, "rule", lines=(first.number,))
        elif first.cells:
            para = Paragraph(text, first.number, max(first.number, first.last), "table", cells=first.cells,
                             lines=(first.number,))
        elif first.heading_level:
            para = Paragraph(text, first.number, group[-1].number, "heading", first.heading_level,
                             lines=tuple([pl.number for pl in group]), line_starts=tuple(starts))
        else:  # (positional: one is made for every paragraph, and keywords cost more)
            para = Paragraph(text, first.number, group[-1].number, "text", None, (),
                             tuple([pl.number for pl in group]), tuple(starts))
        paragraphs.append(para)
        previous_text = text

    for k, pl in enumerate(lines):
        if group and len(group) < MAX_JOINED_LINES and _continues(group[-1], text, opened, pl, kind, width,
                                                                   previous_text) \
                and not (pl.gap_before and "关于" in pl.text and _title_block_at(lines, k)):
            if _latin_seam(text, pl.text):
                text += " "
            starts.append(len(text))
            text += pl.text
            group.append(pl)
        else:
            flush()
            group, text, starts, opened = [pl], pl.text, [0], 0
        opened += _open_brackets(pl.text)
    flush()
    return paragraphs


# How many printed lines a title standing alone may take, and how long it may be.
TITLE_BLOCK_LINES, TITLE_BLOCK_MAX = 3, 90


def _title_block_at(lines: list[PrintLine], k: int) -> bool:
    """Whether print line k, after a gap, begins a complete title of its own printed over two or
    three lines, its issuer first (`某省人民政府办公厅关于印发省政府奖励基` / `金管理办法的通知`), a
    gap under its last line: at a page's top after a text cut at a comma it begins anew, as a
    title whole on one line does (see _continues)."""
    text = lines[k].text
    at = text.find("关于")
    if at < 2 or not SIGNING_ORGAN.match(text[:at]):
        return False
    joined = text
    for j in range(k + 1, min(k + TITLE_BLOCK_LINES, len(lines))):
        if lines[j].gap_before or lines[j].closed or lines[j].opens:
            return False
        joined += lines[j].text
        if len(joined) > TITLE_BLOCK_MAX:
            return False
        if j + 1 == len(lines) or lines[j + 1].gap_before:
            return "，" not in joined and title_genre(joined) is not None and bool(TITLE_ABOUT.match(joined))
    return False


def _continues(a: PrintLine, a_text: str, opened: int, b: PrintLine, kind: str, width: float | None,
               previous: str) -> bool:
    """Whether print line `b` continues the paragraph so far, `a_text` ending with print line `a`
    (`opened`: how many round brackets are still open in it). (The first and last characters are
    read once: this runs for every printed line.)"""
    if a.closed or b.opens:
        if opened > 0 and b.block and not a.closed and _closes_more(b.text):
            return True  # the end of a bracket the line before opened: `(环办大` / `气函〔2019〕648号)`
        return False  # a table row, rule, heading, block line, label or bullet, or an index line
    b_text = b.text
    b_first, b_last, a_last = b_text[0], b_text[-1], a_text[-1]
    if b_first in CONTINUATION_START:
        return True
    if STARTS_ANEW.match(b_text):
        return False
    if a_last in CLOSERS and b_first in "《“（(【":
        return False  # a list of titles or references, one per line
    if a.spaced and b.spaced:
        return False
    if a_last in "—–－" and GLUED_PAGE_NUMBER.search(a_text[-12:]):
        return False
    b_width = b.width
    if (b_first == "关" and b_width <= 60 and b_last in TITLE_LAST and opened == 0 and b_text.startswith("关于")
            and title_genre(b_text)):
        return False  # a complete title of its own, even after a text cut short (`森林火警，`)
    if (b_last in "：:" and b_first == "各" and b.gap_before and b_width <= 100 and opened == 0
            and len(a_text) > 120 and a_last not in UNFINISHED_END and ORGAN_LIST.match(b_text[:-1])):
        # addressees of their own after a long text cut short (a page that prints no title); such a
        # list begins 各… (各乡镇人民政府, …), a sentence's end after a seam does not (关规定报告市委、市政府：)
        return False
    if a_last in UNFINISHED_END or opened > 0:
        return True
    if (a_text[-2:] in BYLINED_ENDS and bylined_title(a_text)) or (
            len(a_text) == len(a.text) and previous and (previous[-2:] in BYLINED_ENDS or previous[0] in "（(—－-")
            and is_byline(a_text) and (bylined_title(previous) or is_byline(previous))):
        return False  # a speech's, a work report's or minutes' title, and each byline under it
    if ends_sentence(a_text) or (a_last in DATE_END and ENDS_WITH_DATE.search(a_text[-30:])):
        return False
    closing = a_last in "）)"
    if closing and _note_after_sentence(a_text):
        return False
    if (closing or a_last.isdigit()) and TOC_ENTRY_END.search(a_text[-40:]):
        return False  # a table-of-contents entry ends with its page
    if TITLE_END.search(a_text[-4:]) and ((b_last in "：:" and b_width <= 40)
                                          or (b_width <= 100 and ORGAN_LIST.match(b_text))):
        return False  # a title's last line, then the addressees (perhaps with their colon lost)
    if a_last == "》" and b_last in "：:" and b_width <= 40 and len(a_text) <= 160 and title_genre(a_text):
        return False  # a forwarding title's last line (关于转发《…的通知》), then the addressees
    if len(a_text) == len(a.text) <= 100 and TITLE_END.search(previous[-4:]) and ORGAN_LIST.match(a.text):
        return False  # the addressees under a title, their colon lost: the text begins anew
    if b.meta:
        return False  # a registration code under the title
    if b_width <= 60 and b_last in TITLE_LAST and title_genre(b_text):
        return False  # a complete title (关于…的通知) begins a document of its own
    if kind == "hardwrap" and a_last in TITLE_LAST and len(a_text) <= 60 and title_genre(a_text):
        return False  # a complete title that fills its line: the text begins under it
    if closing and a_text[-2:-1] == "号" and len(a_text) <= 160 and title_genre(a_text):
        return False  # a complete title with its number in brackets (a TOC entry that prints no page)
    if (b_last in "号）)" and len(b_text) <= 30 and ORDER_NUMBER.match(b_text)) \
            or (a_last in "号）)" and len(a_text) <= 30 and ORDER_NUMBER.match(a_text)):
        return False  # an order's or a 公告's number on its own line: 第8号, （十四届第一号）
    if b_first in "（(" and DATED_NOTE_START.match(b_text) and (title_genre(a_text) or instrument_title(a_text)
                                                               or (regulation_name(a_text) and promulgation_note(b_text))):
        return False  # the date (and meeting) in brackets under a title (a rule's too): （2012年9月28日…通过）
    if closing and opened == 0 and a_text[0] in "（(" and DATE_IN_BRACKETS.match(a_text):
        return False  # that note, closed
    if kind == "hardwrap":
        return _continues_column(a.width, a_text, width or 0.0)
    if a.label and len(a_text) <= HEADING_MAX and len(a_text) == len(a.text) and not HEADING_PUNCTUATION.search(a_text):
        return False  # a numbered heading on its own line: 一、总体要求, 二、人大常委会文件
    if not b.gap_before:
        return True  # a print line break inside one block (markdown hard break, plain wrap)
    return _cut_by_seam(a_text, previous)


# The last characters of a title's genre words (通知, 意见, 决定, 令, 通告, 批复, 函, 报告 …).
TITLE_LAST = frozenset("知见定令告复函报示案要议")


def _continues_column(used: float, text: str, width: float) -> bool:
    """In a hard-wrapped column, whether an unfinished printed line (`used` cells wide) runs on."""
    if used >= width - 2.5:  # a full line (a paragraph's first line is indented by 2)
        return True
    if ("。" not in text and starts_with_label(text)) or TITLE_END.search(text[-4:]):
        return False  # a heading or a title's last line
    return used >= width - 3.5  # nearly full: digits and Latin letters make lines ragged


# A line that assigns a task, printed without brackets (`责任单位:市发改委、市税务局`), ending with
# a whole agency's name: finished, though no mark ends it (a list of agencies has none).
ASSIGNMENT_LINE = re.compile(r"^(?:主要|协同)?(?:责任|牵头|配合|协办)(?:单位|部门)\s*[:：]")
ASSIGNMENT_END = re.compile(r"(?:^|[、，,；;:：])[\u4e00-\u9fff（）()]{2,30}(?:局|委|办|府|会|室|中心|院|队|处|所|站|集团|公司|部|厅)$")


def _cut_by_seam(text: str, previous: str) -> bool:
    """Whether a paragraph before a blank line was cut there by a page seam, not finished."""
    if TITLE_END.search(text[-4:]) or OMITTED_END.search(text[-16:]):
        return False
    if text[0] in "责牵配主协" and ASSIGNMENT_LINE.match(text) and ASSIGNMENT_END.search(text[-32:]):
        return False
    if text[-1] == "》" and title_genre(text):
        return False  # a title that forwards a document: 某局转发某部《关于…的通知》
    if starts_with_label(text):
        # A numbered item in a list of items ending with ；/， was cut; so was a numbered
        # paragraph of several sentences. Otherwise it is a heading: 一、总体要求.
        return previous.rstrip()[-1:] in ("；", "，", ";", ",") or "。" in text
    return display_width(text) > SHORT_LINE


def _note_after_sentence(text: str) -> bool:
    """Whether the text ends with a note in brackets after a finished sentence, as a task's
    marker follows it (`…12月底前完成。（责任单位：县住建局）`), or is a note alone (the note
    of its adoption under a title: `（2022年8月25日某某市人大常委会第四次会议通过）`)."""
    opening = max(text.rfind("（"), text.rfind("("))
    return (opening == 0 or (opening > 0 and text[opening - 1] in TERMINAL)) and _open_brackets(text[opening:]) == 0


def _closes_more(text: str) -> bool:
    """Whether the text closes more round brackets than it opens."""
    return text.count("）") + text.count(")") > text.count("（") + text.count("(")


def _open_brackets(text: str) -> int:
    """How many round brackets are still open at the end of the text."""
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def _latin_seam(before: str, after: str) -> bool:
    """Whether two print lines meet between two Latin letters (a word each side: keep a space)."""
    return bool(before) and before[-1].isascii() and before[-1].isalpha() and after[:1].isascii() \
        and after[:1].isalpha()
