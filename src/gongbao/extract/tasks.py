"""Extract stage, tasks: a document's paragraphs -> the tasks it assigns to agencies.

A task is the smallest numbered provision (or table row) to which the text assigns agencies, by
a marker printed after it: `（责任单位：…）`, `〔责任单位：…〕`, `（牵头部门：…；配合部门：…）`,
`（X牵头，Y配合）`, `（X负责，Y落实）`, `（X等按职责分工负责）`, half- or full-width brackets;
or by a table with a 责任单位 column. The body is read as one stream, so a marker split over
printed lines, paragraphs or a page seam is still one marker, and several unnumbered tasks run
together in one paragraph of a hard-wrapped print are told apart by their markers. A marker
standing alone after a heading's several unmarked items makes one task of the heading. A
narrative sentence naming who leads (由领导小组办公室牵头…) has no marker and is not a task.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from operator import itemgetter

from gongbao.extract.deadlines import DEADLINE_WORDS, Deadline, find_deadline
from gongbao.model import Paragraph, Task
from gongbao.text.chinese import remove_layout_spaces
from gongbao.text.numbering import RANK, Label, match_label, starts_with_label

__all__ = ["cell_table_spans", "find_tasks", "parse_assignment", "split_agencies"]

# Brackets a marker is printed in, half- or full-width.
_OPEN, _CLOSE = re.escape("（(〔［[【"), re.escape("）)〕］]】")
# A marker: a bracketed group whose content holds no other bracket except a short one inside a
# name (各县（区）政府, 市委党史研究室(地方志研究室)). Newlines are paragraph joins of the stream.
MARKER = re.compile(
    rf"[{_OPEN}](?P<body>(?:[^{_OPEN}{_CLOSE}]|[（(][\u4e00-\u9fff]{{1,8}}[）)]){{2,300}}?)[{_CLOSE}]"
)
# A keyed marker whose closing bracket the print (or the OCR) lost: it ends with its paragraph.
UNCLOSED_MARKER = re.compile(
    rf"[{_OPEN}](?P<body>(?:责任|牵头)(?:单位|部门)\s*[:：](?:[^{_OPEN}{_CLOSE}\n]|[（(][\u4e00-\u9fff]{{1,8}}[）)]){{2,200}})(?=\n|$)"
)
# Key words of a `key：agencies` marker, by role. 责任单位 lists responsible agencies; 牵头 the
# leads; 配合 / 协办 / 参与 the others; 完成时限 the deadline.
KEYED = re.compile(
    r"(?P<key>(?:主要)?责任(?:单位|部门|主体)|牵头(?:单位|部门)|(?:配合|协办|协助|参与|协同|责任配合)(?:单位|部门)"
    r"|(?:完成)?时限|完成时间|时间节点|时间要求)\s*[:：]"
)
_KEY_FIRST = "主责牵配协参完时"  # the first characters of KEYED's keys
# What a line that assigns without brackets holds: a KEYED key naming agencies, or a lead form's
# 牵头 / 配合 (a time limit alone assigns nothing).
_RESPONSIBLE_WORDS = ("责任", "牵头", "配合", "协办", "协助", "参与", "协同")
# A role word closing a list of agencies: X牵头, Y配合, X负责, Y落实, X等按职责分工负责.
ROLE = re.compile(
    r"(?P<role>(?:等(?:部门|单位)?)?(?:按照?|根据)?(?:各自)?职责(?:分工)?(?:分别)?(?:牵头|负责|落实)|等?共同负责"
    r"|(?:负责)?落实|(?:等(?:部门|单位)?)?(?:配合|协助|参与)|(?:分别|共同)?牵头(?:负责)?|负责)(?=$|[，,；;、。])"
)
# The words every role ends with: a text without one of them assigns nothing.
ROLE_WORDS = ("牵头", "负责", "落实", "配合", "协助", "参与")
# What a marker cannot assign or time without: a role word, a key's word (责任单位, 牵头部门,
# 实施主体, 完成时限: KEYED, TIME_KEY), or what a time limit needs (deadlines.DEADLINE_WORDS).
_ASSIGNING = ROLE_WORDS + ("单位", "部门", "主体", "时") + DEADLINE_WORDS
# Separators between agencies of one list; and between clauses.
AGENCY_SEP = re.compile(r"[、，,；;]|(?<=[局委办府会社队司院行联位])和(?=[市县区各])")
# What an agency's name ends with: 局, 委, 政府, 管委会, 分公司 … (Chinese administrative
# vocabulary, not one city's names).
AGENCY_END = re.compile(
    r"(?:局|委|委员会|办|办公室|政府|管委会|部|队|社|公司|集团|院|行|室|中心|站|所|处|厅|党校|台|联|馆|会|单位|署"
    r"|组|办事处|街道|县|区|市|乡|镇|部门|机构|企业|协会|指挥部|银行|海关|集团公司)$"
)
# A name in a bracketed marker may end otherwise (阳泉海关, 国网阳泉供电公司): any short run of
# ideographs. A marker printed without brackets must use AGENCY_END names only.
LOOSE_AGENCY = re.compile(r"^[\u4e00-\u9fff（）()·]{2,20}$")
# A note inside a marker that names no task's agency: 以下均需…落实，不再一一列出.
MARKER_NOTE = re.compile(r"以下|不再一一|下同")
# A note in brackets closing a marker printed without them: `（除标注“分别牵头”外，列第一位为牵头单位，下同）`.
TRAILING_NOTE = re.compile(r"[（(][^（）()]{2,80}[）)]$")
# A leading `由` or trailing 等 around a list of agencies (市财政局等有关部门: 市财政局).
LIST_TRIM = re.compile(r"^(?:由|请)|等(?:有关|相关)?(?:部门|单位)?$")
# A paragraph that is nothing but an assignment, printed without brackets under a heading:
# 市大数据应用局牵头、市交通运输局配合. At most this many characters.
MARKER_LINE_MAX = 60
# Table header cells: the agencies' column(s), the deadline's, the row number's.
TABLE_UNIT = re.compile(r"(?:主要)?责任(?:单位|部门|主体)|牵头(?:单位|部门)|配合(?:单位|部门)|承办单位|实施主体")
TABLE_LEAD = re.compile(r"牵头")
TABLE_DEADLINE = re.compile(r"时限|完成时间|时间节点|进度安排")
TABLE_NUMBER = re.compile(r"^(?:序号|编号|序)$")
HEADING_MAX = 40  # characters of a task's heading
# A document's note that the first agency listed for each task leads it: 排在第一位的为牵头单位,
# 列第一位的部门为牵头部门, 首位单位为牵头单位.
FIRST_LEADS = re.compile(r"(?:排在|排|列|列在|居)?(?:第一|首)(?:位|个)?的?(?:单位|部门)?(?:为|是)(?:牵头|主要负责)(?:或汇总)?(?:单位|部门)")


@dataclass
class _When:
    """What a deadline without a year is read against: the document's year and signing date.
    Remembers what it read, for one document: the headings of a plan are read for every task."""

    year: int | None
    signed: date | None
    _read: dict = field(default_factory=dict)

    def deadline(self, text: str):
        if text not in self._read:
            self._read[text] = find_deadline(text, self.year, self.signed)
        return self._read[text]


@dataclass(frozen=True)
class Assignment:
    """What one marker says: the agencies as printed, in order, and which of them lead."""

    responsible: tuple[str, ...]
    lead: tuple[str, ...]
    form: str
    deadline_text: str | None = None


def _split_outside_brackets(text: str) -> list[str]:
    """AGENCY_SEP's parts, but not at a separator inside a name's brackets (各县(市、区)政府)."""
    if "(" not in text and "（" not in text:
        return AGENCY_SEP.split(text)
    parts, start = [], 0
    for m in AGENCY_SEP.finditer(text):
        if _open_brackets(text[start:m.start()]) > 0:
            continue
        parts.append(text[start:m.start()])
        start = m.end()
    parts.append(text[start:])
    return parts


def _open_brackets(text: str) -> int:
    return text.count("（") + text.count("(") - text.count("）") - text.count(")")


def split_agencies(text: str, strict: bool = False) -> list[str] | None:
    """`市发改委、市交通局，各县（区）政府` -> the names as printed; None if a part is no agency."""
    names = []
    for part in _split_outside_brackets(text):
        part = LIST_TRIM.sub("", part.strip())
        if not part:
            continue
        if len(part) > 40 or re.search(r"[。：:“”《》的]", part):
            return None
        if not AGENCY_END.search(part) and (strict or not LOOSE_AGENCY.match(part)):
            return None
        names.append(part)
    return names or None


def parse_assignment(body: str) -> Assignment | None:
    """The agencies a marker's content names, or None when it is not an assignment."""
    text = remove_layout_spaces(body.replace("\n", "")).strip().rstrip("。；;，,")
    if text[-1:] in "）)" and (note := TRAILING_NOTE.search(text)) and MARKER_NOTE.search(note.group()):
        text = text[:note.start()].rstrip("。；;，,")  # 责任单位：A、B（…列第一位为牵头单位，下同）: a note
    if not any(w in text for w in _ASSIGNING):
        return None  # most brackets hold no role, key or time: （一）, （试行）, （以下简称…）
    sentences = [s for s in re.split(r"[。]", text) if s and not MARKER_NOTE.search(s)]
    text = "。".join(sentences)
    text, deadline = _time_clauses(text)
    if not text:
        return Assignment((), (), "unit", deadline) if deadline else None
    a = _keyed(text) if KEYED.match(text) else _roles(text)
    if a is not None and deadline and not a.deadline_text:
        a = Assignment(a.responsible, a.lead, a.form, deadline)
    return a


# A clause of a marker that gives the time limit, not agencies: 2025年底前完成, 长期坚持, 每季度.
TIME_KEY = re.compile(r"^(?:(?:完成)?时限|完成时间|时间节点|时间要求|时间)\s*[:：]\s*")


# Clauses of a marker naming people, not agencies: 责任领导：张三, 牵头市领导：…, 联系人：….
PERSON_KEY = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}(?:领导|责任人|联系人|分管副?市长|市领导))\s*[:：]")


def _time_clauses(text: str) -> tuple[str, str | None]:
    """The marker without its time-limit clauses (and the clauses naming people), and the first
    time limit as printed."""
    kept, deadline = [], None
    for clause in re.split(r"[；;]", text):
        if PERSON_KEY.match(clause.strip()):
            continue
        parts = re.split(r"[，,]", clause)
        while parts and _is_time(parts[-1]):
            found = TIME_KEY.sub("", parts.pop().strip())
            deadline = deadline or found
        if parts:
            kept.append("，".join(parts))
    return "；".join(kept), deadline


def _is_time(clause: str) -> bool:
    clause = clause.strip()
    if TIME_KEY.match(clause):
        return True
    if not clause or len(clause) > 20 or AGENCY_END.search(clause):
        return False
    d = find_deadline(clause, 2000)
    return bool(d.date or d.recurring or d.text)


def _keyed(text: str) -> Assignment | None:
    """责任单位：A、B；牵头单位：A；配合单位：B、C；完成时限：2024年底前."""
    parts = list(KEYED.finditer(text))
    responsible: list[str] = []
    lead: list[str] = []
    deadline = None
    for i, m in enumerate(parts):
        value = text[m.end(): parts[i + 1].start() if i + 1 < len(parts) else len(text)].strip("；;，,。 ")
        key = m["key"]
        if "时" in key:
            deadline = value or None
            continue
        roles = _roles(value) if ROLE.search(value) else None
        names = list(roles.responsible) if roles else split_agencies(value)
        if names is None:
            return None
        if key.startswith("牵头"):
            lead.extend(names)
        elif roles:
            lead.extend(roles.lead)
        responsible.extend(names)
    if not responsible and not deadline:
        return None
    return Assignment(_ordered(responsible, lead), tuple(dict.fromkeys(lead)), "unit", deadline)


def _roles(text: str, strict: bool = False) -> Assignment | None:
    """A牵头，B、C配合 / A负责，B落实 / A、B等按职责分工负责 / A负责."""
    if not any(w in text for w in ROLE_WORDS):
        return None  # every role word ends with one of them
    responsible: list[str] = []
    lead: list[str] = []
    pos = 0
    form = "charge"
    while pos < len(text):
        m = ROLE.search(text, pos)
        if m is None:
            return None
        names = split_agencies(text[pos:m.start()], strict)
        if names is None:
            return None
        if "牵头" in m["role"]:
            lead.extend(names)
            form = "lead"
        elif "配合" in m["role"]:
            form = "lead"
        responsible.extend(names)
        pos = m.end()
        while pos < len(text) and text[pos] in "，,；;、。":
            pos += 1
    if not responsible:
        return None
    return Assignment(_ordered(responsible, lead), tuple(dict.fromkeys(lead)), form)


def _ordered(responsible: list[str], lead: list[str]) -> tuple[str, ...]:
    """Every agency once, in printed order, leads first."""
    names = list(dict.fromkeys(responsible))
    return tuple([n for n in names if n in lead] + [n for n in names if n not in lead])


@dataclass
class _Item:
    """A numbered provision open in the stream."""

    label: str
    rest: str  # its first paragraph after the label
    following: str  # the paragraph after that, when it has no label (a heading's cut-off end)
    rank: int
    start: int  # offset in the stream
    head_end: int  # end of its first paragraph
    parent: _Item | None
    children: list[_Item] = field(default_factory=list)
    tasks: list[int] = field(default_factory=list)  # indexes into the found tasks
    marked: bool = False

    @cached_property
    def heading(self) -> str:
        """Read only for the provisions that hold a task, or hold one that does."""
        return _heading(self.rest, self.following)


@dataclass
class _Found:
    item: _Item | None
    start: int
    end: int  # the end of the marker
    text_end: int  # the end of the task's own text (before the marker)
    assignment: Assignment
    marker_start: int
    labelled: bool  # the task is the whole item (label and heading are its own)
    form: str


class _Stream:
    """The body's paragraphs joined by newlines, with each offset's source line."""

    def __init__(self, paras: Sequence[Paragraph], printed: Sequence[str] | None):
        self.paras = list(paras)
        self.starts: list[int] = []
        self._printed = printed
        at = 0
        for p in self.paras:
            self.starts.append(at)
            at += len(p.text) + 1
        self.text = "\n".join(p.text for p in self.paras)

    @cached_property
    def _lines(self) -> list[tuple[int, int]]:
        """(offset where a source line starts, line): made when a task is placed (most bodies have none)."""
        lines: list[tuple[int, int]] = []
        for p, at in zip(self.paras, self.starts):
            lines.extend(_line_offsets(p, self._printed, at))
        return lines

    def line_at(self, offset: int) -> int:
        """The source line of the last line start at or before `offset` (else the first line)."""
        if not self._lines:
            return 0
        i = bisect.bisect_right(self._lines, offset, key=itemgetter(0))
        return self._lines[max(i - 1, 0)][1]

    def para_at(self, offset: int) -> int:
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)


def _line_offsets(p: Paragraph, printed: Sequence[str] | None, base: int) -> list[tuple[int, int]]:
    """Where in the paragraph's text each of its source lines starts. With the printed lines at
    hand, by counting the non-space characters of each line; otherwise spread evenly."""
    lines = p.lines or (p.first_line,)
    if len(lines) == 1:
        return [(base, lines[0])]
    if len(p.line_starts) == len(lines):  # the layout stage's map, where it made one
        return [(base + start, n) for n, start in zip(lines, p.line_starts)]
    if printed is None or any(n < 1 or n > len(printed) for n in lines):
        step = len(p.text) / len(lines)
        return [(base + int(i * step), n) for i, n in enumerate(lines)]
    out = []
    offset = 0
    text = p.text
    for n in lines:
        out.append((base + offset, n))
        want = len(re.sub(r"\s|<[^>]*>|^#+|\*\*", "", printed[n - 1].strip()))
        seen = 0
        while offset < len(text) and seen < want:
            if not text[offset].isspace():
                seen += 1
            offset += 1
    return out


def find_tasks(paras: Sequence[Paragraph], year: int | None = None,
               printed: Sequence[str] | None = None, signed: date | None = None) -> list[Task]:
    """Every task of a document's body. `year`: the document's (for 6月底前, 年内) and `signed`
    its date; `printed`: the issue's source lines, to place tasks that start inside a paragraph
    on their own line."""
    when = _When(year, signed)
    text_paras = [p for p in paras if p.kind not in ("table", "rule")]
    stream = _Stream(text_paras, printed)
    cell_rows: list[Paragraph] = []
    if ("序" in stream.text or "编号" in stream.text) and _NUMBER_CELL.search(stream.text):
        # a table printed one cell a line: a 序号 cell alone in its paragraph
        cell_rows, kept = _cell_line_tables(text_paras)
        if cell_rows:
            stream = _Stream(kept, printed)
    tasks = _stream_tasks(stream, when)
    tasks.extend(_table_tasks(paras, when))
    tasks.extend(_table_tasks(cell_rows, when))
    if any(("首" in p.text or ("第" in p.text and "第一" in p.text.replace(" ", "")))
           and FIRST_LEADS.search(remove_layout_spaces(p.text))
           for p in paras):
        tasks = [t if t.lead or not t.responsible else replace(t, lead=t.responsible[:1]) for t in tasks]
    tasks.sort(key=lambda t: (t.first_line, t.marker_line))
    return tasks


def _stream_tasks(stream: _Stream, when: _When) -> list[Task]:
    text = stream.text
    found: list[_Found] = []
    stack: list[_Item] = []
    cursor = 0
    para_starts = set(stream.starts)
    markers = [(m.start(), m.end(), a) for m in MARKER.finditer(text)
               if (a := parse_assignment(m["body"])) is not None]
    if "责任" in text or "牵头" in text:  # what every unclosed marker begins with
        markers += [(m.start(), m.end(), a) for m in UNCLOSED_MARKER.finditer(text)
                    if not any(x <= m.start() < y for x, y, _ in markers)
                    and (a := parse_assignment(m["body"])) is not None]
    if not markers:
        squeezed = text.replace(" ", "").replace("\u3000", "").replace("\t", "")
        if not any(w in squeezed for w in _RESPONSIBLE_WORDS):
            return []  # no marker, and no line of its own can name an agency (KEYED, a lead line)
    markers.sort(key=lambda x: x[0])
    marker_starts = [a for a, _, _ in markers]
    reach = list(itertools.accumulate((b for _, b, _ in markers), max))  # furthest end so far
    events: list[tuple[int, int, object]] = []
    marker_ends = {b for _, b, _ in markers}
    for i, p in enumerate(stream.paras):
        start = stream.starts[i]
        label = match_label(p.text)
        if label is not None:
            events.append((start, 0, label))
            if "(1)" in p.text or "（1）" in p.text or "①" in p.text:
                events.extend(_inline_items(p.text, start, marker_ends))
            continue
        k = bisect.bisect_right(marker_starts, start) - 1
        if k >= 0 and start < reach[k]:
            continue  # a marker runs over the paragraph's start
        if len(p.text) > MARKER_LINE_MAX and p.text.lstrip()[:1] not in _KEY_FIRST:
            continue  # no key begins it, and it is too long for a lead line: neither form below
        plain = remove_layout_spaces(p.text)
        if KEYED.match(plain) and not _group_line(stream, i) and (a := parse_assignment(plain)) is not None:
            # 责任单位：…  printed as a line of its own, without brackets; the lines naming people
            # right above it (牵头领导：常务副区长, 责任领导：…) belong to its block, not the task's text
            begin, j = start, i - 1
            while j >= 0 and len(stream.paras[j].text) <= MARKER_LINE_MAX and match_label(stream.paras[j].text) is None \
                    and PERSON_KEY.match(remove_layout_spaces(stream.paras[j].text)):
                begin, j = stream.starts[j], j - 1
            events.append((begin, 2, (start + len(p.text), a)))
        elif len(p.text) <= MARKER_LINE_MAX and ("牵头" in plain or "配合" in plain):  # a "lead" form
            a = _roles(plain.rstrip("。；;"), strict=True)
            if a is not None and a.form == "lead":
                events.append((start, 1, ("line", start + len(p.text), a)))
    events.extend((a, 2, (b, assignment)) for a, b, assignment in markers)
    events.sort(key=lambda e: (e[0], e[1]))
    for offset, kind, value in events:
        if offset < cursor:
            continue
        if kind == 0:
            label = value
            rank = RANK.get(label.kind, 9) if label.kind != "decimal" else label.decimal_depth - 10
            while stack and stack[-1].rank >= rank:
                stack.pop()
            i = stream.para_at(offset)
            item = _Item(label.label, label.rest, _next_text(stream, i), rank, offset,
                         offset + len(stream.paras[i].text), stack[-1] if stack else None)
            if item.parent:
                item.parent.children.append(item)
            stack.append(item)
            cursor = offset
        elif kind == 1:
            _, end, assignment = value
            item = stack[-1] if stack else None
            if item is None:
                continue
            nxt = next((e[0] for e in events if e[1] == 0 and e[0] > offset), len(text))
            found.append(_Found(item, item.start, end, nxt, assignment, offset, True, "line"))
            item.marked = True
            item.tasks.append(len(found) - 1)
            cursor = nxt
        else:
            end, assignment = value
            if found and not text[found[-1].end:offset].strip() and found[-1].end <= offset:
                # 牵头单位：… then 配合单位：… (or 完成时限：…) right after: one assignment
                found[-1].end = end
                found[-1].assignment = _merge(found[-1].assignment, assignment)
                cursor = end
                continue
            if not assignment.responsible:
                continue  # a time limit alone assigns nothing
            item = stack[-1] if stack else None
            standalone = offset in para_starts
            start = cursor
            if (standalone and item is not None and item.parent is not None and len(item.parent.children) >= 2
                    and not any(c.marked for c in item.parent.children) and not item.parent.marked
                    and item.parent.start <= start):
                item = item.parent  # closes a heading with several unmarked items
                start = item.start
                while stack and stack[-1] is not item:
                    stack.pop()
            if not text[start:offset].strip():
                cursor = end
                continue  # a marker with no text of its own before it
            if item is not None and item.tasks and _is_leaf(stream, item) and found[item.tasks[-1]].end <= start:
                # a second marker inside one numbered provision: still that provision's one task
                prev = found[item.tasks[-1]]
                prev.end, prev.text_end = end, offset
                prev.assignment = _merge(prev.assignment, assignment)
                cursor = end
                continue
            labelled = item is not None and start == item.start
            found.append(_Found(item, start, end, offset, assignment, offset, labelled, assignment.form))
            if item is not None:
                item.marked = True
                item.tasks.append(len(found) - 1)
            cursor = end
    return [_task(stream, f, when) for f in found]


# Sub-items run together in one paragraph: `1.深化商事制度改革。(1)全面落实…。(市工商质监局牵头负责)(2)完善…`.
INLINE_ITEM = re.compile(r"(?<=[。；;：:）)〕])(?:[（(](?P<n>\d{1,2})[）)]|(?P<c>[①②③④⑤⑥⑦⑧⑨⑩]))")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def _inline_items(text: str, base: int, marker_ends: set[int]) -> list[tuple[int, int, Label]]:
    """The sub-items (1)(2)… (or ①②…) printed inside one numbered paragraph, as label events,
    where they are sub-items the text assigns one by one: numbered from 1 without a gap, at least
    two, each after the first right after a marker's end. Otherwise none (a list in a sentence)."""
    items: list[tuple[int, int, Label]] = []
    for m in INLINE_ITEM.finditer(text):
        n = int(m["n"]) if m["n"] else _CIRCLED.index(m["c"]) + 1
        if n != len(items) + 1:
            continue
        if n > 1 and base + m.start() not in marker_ends:
            return []
        kind = "arabic-paren" if m["n"] else "circled"
        end = next((x.start() for x in INLINE_ITEM.finditer(text, m.end())), len(text))
        items.append((base + m.start(), 0, Label(kind, m.group(0), text[m.end():end].lstrip())))
    return items if len(items) >= 2 else []


# A working group's make-up in a plan (综合协调组 / 牵头单位：… / 成员单位：… / 主要职责：…) is no
# task: the lines after its 牵头单位 line name members and duties.
GROUP_LINE = re.compile(r"^(?:成员单位|组成单位|成员|组成|主要职责|职责|工作职责)\s*[:：]")


def _group_line(stream: _Stream, i: int) -> bool:
    nxt = stream.paras[i + 1].text.strip() if i + 1 < len(stream.paras) else ""
    return bool(GROUP_LINE.match(nxt)) or "成员单位" in stream.paras[i].text


def _is_leaf(stream: _Stream, item: _Item) -> bool:
    """A provision whose first paragraph holds a sentence, not only a heading: its markers all
    belong to it (an unnumbered task has a heading of its own before it)."""
    return "。" in stream.text[item.start:item.head_end] and not item.children


def _merge(a: Assignment, b: Assignment) -> Assignment:
    lead = list(dict.fromkeys(a.lead + b.lead))
    return Assignment(_ordered(list(a.responsible + b.responsible), lead), tuple(lead), a.form,
                      a.deadline_text or b.deadline_text)


# A heading line cut by a print break or a page seam: the rest of the heading (积极性。) opens the
# next paragraph. A short heading (（一）现代物流) before a task's own first sentence is whole.
HEADING_CUT = 10  # characters: a heading line at least this long, ending without a mark, was cut
HEADING_TAIL = 8  # characters: the most of a heading's end that the next paragraph can hold


def _next_text(stream: _Stream, i: int) -> str:
    if i + 1 < len(stream.paras) and not starts_with_label(stream.paras[i + 1].text):
        return stream.paras[i + 1].text
    return ""


_HEADING_END = re.compile(r"[。：:；;]")


def _heading(rest: str, following: str = "") -> str:
    end = _HEADING_END.search(rest)
    head = rest[:end.start()] if end else rest
    if head == rest.rstrip() and len(remove_layout_spaces(head)) >= HEADING_CUT and following:
        tail = _HEADING_END.split(following, maxsplit=1)
        if len(tail) > 1 and len(remove_layout_spaces(tail[0])) <= HEADING_TAIL:
            head += tail[0]
    return remove_layout_spaces(head)[:HEADING_MAX]


def _task(stream: _Stream, f: _Found, when: _When) -> Task:
    text = stream.text
    item = f.item
    start = f.start
    label = heading = None
    if item is not None:
        several = len(item.tasks) > 1
        if f.labelled and not several:
            label, heading = item.label, item.heading
        else:
            heading = item.label + item.heading
            if start == item.start and several and "。" not in text[item.start:item.head_end]:
                start = item.head_end  # the heading line belongs to the item, not its first task
    while start < len(text) and text[start] in "\n 　、，,。；;）)〕]":
        start += 1
    body = remove_layout_spaces(text[start:f.text_end].replace("\n", "")).strip()
    a = f.assignment
    scope = body if item is None else (item.label + item.heading + body if not f.labelled else body)
    deadline = when.deadline(a.deadline_text) if a.deadline_text else when.deadline(scope)
    outer = item.parent if item is not None else None
    while deadline == Deadline(None, None, None) and outer is not None:
        candidate = when.deadline(outer.heading)  # under (三) …（2023年7月底前完成）: that limit
        if candidate.date or candidate.recurring:
            deadline = candidate
        outer = outer.parent
    last = max(f.end - 1, f.text_end - 1, start)
    return Task(
        label=label, heading=heading, text=body,
        responsible=a.responsible, lead=a.lead,
        deadline=deadline.date, deadline_text=deadline.text, recurring=deadline.recurring,
        first_line=stream.line_at(start), last_line=stream.line_at(last),
        form=f.form,
        marker_line=stream.line_at(f.marker_start),
    )


# A table as a web page's text gives it: one cell a paragraph, the header's (序号 / 重点工作任务 /
# 责任单位 …) first, then each row's, its 序号 alone first; section rows (二、…) between rows.
_ROW_NUMBER = re.compile(r"^\d{1,3}[.、．]?$")
_CELL_HEADER_MAX = 8  # columns
_NUMBER_CELL = re.compile(r"(?:^|\n)[ \t\u3000]*(?:序[ \t\u3000]*号|编[ \t\u3000]*号|序)[ \t\u3000]*(?:\n|$)")


def _cell_line_tables(paras: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The rows of every table printed one cell per paragraph, as table paragraphs (a header row,
    then rows, then an empty paragraph closing the table), and the paragraphs left for the text."""
    rows: list[Paragraph] = []
    kept: list[Paragraph] = []
    i = 0
    while i < len(paras):
        table = _cell_line_table(paras, i) if TABLE_NUMBER.match(remove_layout_spaces(paras[i].text)) else None
        if table is None:
            kept.append(paras[i])
            i += 1
            continue
        found, i = table
        rows.extend(found + [Paragraph("", 0, 0)])
    return rows, kept


def _cell_line_table(paras: list[Paragraph], at: int) -> tuple[list[Paragraph], int] | None:
    """The table whose header starts with the 序号 paragraph `at`, as table paragraphs, and the
    index after it; None if no row follows a header with an agencies' column."""
    cells = [remove_layout_spaces(p.text) for p in paras]
    table = cell_table_spans(cells, at)
    if table is None:
        return None
    (h0, h1), rows, end = table
    header = tuple(cells[h0:h1])
    out = [Paragraph("\t".join(header), paras[h0].first_line, paras[h1 - 1].last_line, kind="table", cells=header)]
    for k, e in rows:
        row = (cells[k].rstrip(".、．"),) + tuple(cells[k + 1:e])
        out.append(Paragraph("\t".join(row), paras[k].first_line, paras[e - 1].last_line, kind="table", cells=row))
    return out, end


def cell_table_spans(cells: Sequence[str], at: int) -> tuple[tuple[int, int], list[tuple[int, int]], int] | None:
    """A table printed one cell a line (or paragraph) from its 序号 cell `at` on (`cells`: the
    lines' texts, spaces removed): the header's span, each row's span (its 序号 first), and the
    index after the table; None if it is no such table (no agencies' column, or no row). Section
    rows (二、…) between rows belong to no row. (The layout stage uses it to keep each cell a
    paragraph; the tasks read the rows.)"""
    if not TABLE_NUMBER.match(cells[at]):
        return None
    j = at + 1
    while (j < len(cells) and j - at < _CELL_HEADER_MAX and len(cells[j]) <= 15 and not _ROW_NUMBER.match(cells[j])
           and not starts_with_label(cells[j]) and not re.search(r"[。，,；;：:]", cells[j])):
        j += 1
    if j - at < 3 or not any(TABLE_UNIT.fullmatch(c) for c in cells[at:j]):
        return None
    width = j - at - 1  # cells after the 序号
    rows: list[tuple[int, int]] = []
    while j < len(cells):
        k = j
        while k < len(cells) and starts_with_label(cells[k]) and not _ROW_NUMBER.match(cells[k]):
            k += 1  # section rows (二、…) between the rows
        if k >= len(cells) or not _ROW_NUMBER.match(cells[k]):
            break
        end = k + 1
        while end < len(cells) and end - k <= width and not _ROW_NUMBER.match(cells[end]) \
                and not starts_with_label(cells[end]):
            end += 1
        rows.append((k, end))
        j = end
    return ((at, at + 1 + width), rows, j) if rows else None


def _table_tasks(paras: Sequence[Paragraph], when: _When) -> list[Task]:
    """Rows of a table whose header has a 责任单位 (牵头单位, 配合单位) column."""
    tasks: list[Task] = []
    header: tuple[str, ...] | None = None
    previous: tuple[str, ...] = ()
    for p in list(paras) + [Paragraph("", 0, 0)]:
        if p.kind != "table":
            header = None
            continue
        cells = tuple(remove_layout_spaces(c) for c in p.cells)
        if _is_header(cells):
            header, previous = cells, ()
            continue
        if header is None:
            continue
        task = _row_task(header, cells, previous, p, when)
        previous = cells
        if task is not None:
            tasks.append(task)
    return tasks


def _is_header(cells: tuple[str, ...]) -> bool:
    """A header row: short column names, one of them the agencies' column."""
    return (all(len(c) <= 15 for c in cells) and not any(c.isdigit() for c in cells)
            and any(TABLE_UNIT.fullmatch(c) for c in cells))


def _row_task(header: tuple[str, ...], cells: tuple[str, ...], previous: tuple[str, ...],
              p: Paragraph, when: _When) -> Task | None:
    unit_cols = [i for i, h in enumerate(header) if TABLE_UNIT.search(h)]
    lead_cols = [i for i in unit_cols if TABLE_LEAD.search(header[i])]
    deadline_cols = [i for i, h in enumerate(header) if TABLE_DEADLINE.search(h)]
    number_cols = [i for i, h in enumerate(header) if TABLE_NUMBER.match(h)]
    text_cols = [i for i in range(len(header)) if i not in unit_cols + deadline_cols + number_cols]

    def cell(i: int, inherit: bool = False) -> str:
        value = cells[i] if i < len(cells) else ""
        if not value and inherit and i < len(previous):
            value = previous[i]  # a merged cell: the value of the row above
        return value

    # A row with no agency of its own sits under a cell merged over several rows: the agencies
    # (and the time limit) of the row above. An empty 配合单位 beside a 牵头单位 is just none.
    merged = not any(cell(i) for i in unit_cols)
    responsible: list[str] = []
    lead: list[str] = []
    for i in unit_cols:
        value = cell(i, inherit=merged).rstrip("。；;，,")  # (a list of agencies ended as a sentence)
        a = parse_assignment(value) if value else None
        names = list(a.responsible) if a else (split_agencies(value) if value else None)
        if not names:
            continue
        responsible.extend(names)
        if i in lead_cols:
            lead.extend(names)
        elif a:
            lead.extend(a.lead)
    texts = [cell(i) for i in text_cols if cell(i)]
    if not responsible or not texts:
        return None
    number = next((cell(i) for i in number_cols if cell(i)), None)
    limit = " ".join(cell(i, inherit=merged) for i in deadline_cols if cell(i, inherit=merged))
    deadline = when.deadline(limit) if limit else when.deadline("；".join(texts))
    return Task(
        label=number, heading=texts[0][:HEADING_MAX], text="；".join(texts),
        responsible=_ordered(responsible, lead), lead=tuple(dict.fromkeys(lead)),
        deadline=deadline.date, deadline_text=deadline.text, recurring=deadline.recurring,
        first_line=p.first_line, last_line=p.last_line, form="table", marker_line=p.first_line,
    )
