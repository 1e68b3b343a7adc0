"""Stage 7c, validity: a document's body paragraphs -> when it takes effect, until when, and what
it repeals or amends, each fact with the source line(s) it was read from.

The body is read as one text (paragraphs joined with "\\n", every character mapped back to its
printed line), so a sentence that the print or a page seam split over several lines or paragraphs
(`…印发的《X》` / `（阳政办发〔2020〕105 号）同时废止。`) is still one sentence.

Only statements about the document itself count: `本办法自公布之日起三十日后施行，有效期2年`. A
campaign's period (从即日起至12月31日), an award's validity (奖项有效期5年) or a restriction's
start (限行自11月17日起) are not the document's validity and are not read as such.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from gongbao.docnumber import DocNumber, find_doc_numbers
from gongbao.model import Paragraph, Validity, ValidityLink
from gongbao.text.chinese import DATE, chinese_number, parse_date
from gongbao.text.numbering import starts_with_label

__all__ = ["Validity", "ValidityLink", "find_validity", "title_key", "add_years"]

_NUM = r"[0-9０-９一二三四五六七八九十百两〇零]{1,4}"
# chinese.DATE without its named groups, for a second date in one pattern.
_DATE_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", DATE.pattern)

# "自印发之日起施行", "自本预案印发之日起实施", "自公布之日起三十日后施行", "自发布之日起30日后开始执行":
# the event the period counts from, an optional delay, and the verb of taking effect.
EFFECTIVE_EVENT = re.compile(
    r"[自从]\s*(?:本[\u4e00-\u9fff]{1,8}?)?\s*(?P<event>印发|公布|发布|发文|颁布|下发|签发|公告|通过|发出)\s*之日\s*起\s*"
    rf"(?:(?P<n>{_NUM})\s*(?P<unit>日|天|个月|月)\s*[以之]?后\s*)?"
    r"(?:开始|正式)?\s*(?P<verb>施行|实施|执行|生效|试行)"
)
# "自2021年2月1日起施行", "自 2024 年 6 月 16 日起施行", "从…起执行", "于…起施行", and with the
# last day too: "自2021年1月1日起至2023年12月31日止施行". Not "…起施行的《条例》" (another text).
EFFECTIVE_DATE = re.compile(
    rf"(?:[自从于]\s*)?(?P<date>{DATE.pattern})\s*起\s*"
    rf"(?:(?:至|到)\s*(?P<until>{_DATE_PLAIN})\s*止?\s*)?"
    r"(?:开始|正式)?\s*(?P<verb>施行|实施|执行|生效|试行|有效)(?!的)"
)
# "有效期2年", "有效期为五年", "有效期暂定3年": a period counted from the effective date.
VALIDITY_YEARS = re.compile(rf"(?:有效期限?|试行期)\s*(?:为|暂定为?|是)?\s*(?P<n>{_NUM})\s*年")
# "有效期至2025年12月31日", "有效期自2021年1月1日至2025年12月31日", "有效期为…至…": the last day.
VALIDITY_UNTIL = re.compile(
    rf"(?:有效期限?|试行期|执行期限?)\s*(?:为|暂定为?|是)?\s*(?:(?:自|从)?\s*(?P<start>{_DATE_PLAIN})\s*起?)?\s*"
    rf"(?:至|到|截至|截止至?|截止到)\s*(?P<date>{DATE.pattern})")
# "2025年12月31日废止", "至2023年底自行失效": a document that names its own last day.
ENDS_ON = re.compile(rf"(?:(?:至|到)\s*)?(?P<date>{DATE.pattern})\s*(?:止|后)?\s*(?:自行|自动)?(?:废止|失效|停止执行|终止)")
# Every word one of the patterns above or below needs: a sentence without any is skipped.
VALIDITY_WORDS = re.compile(r"施行|实施|执行|生效|试行|有效|废止|失效|终止|撤销|删除|删去|改为|修正为|修订为|调整为|变更为|替换为")
# The subject of a validity clause must be the document itself: 本办法, 本方案, 本通知 …
SELF_SUBJECT = re.compile(r"(?:本|以上|上述|此)[\u4e00-\u9fff]{0,6}?(?:办法|规定|方案|预案|通知|意见|细则|制度|规则|决定|措施|政策|计划|"
                          r"规划|清单|目录|标准|条例|指引|指南|公告|通告|批复|要点|文件)")
# Verbs that declare an earlier document void.
REPEAL = re.compile(r"同时废止|一并废止|予以废止|宣布废止|废止|不再执行|停止执行|同时失效|自行失效|宣布失效|即行失效|"
                    r"予以撤销|(?<=[》）)号])\s*失效")
# Verbs of an amendment: clauses deleted, changed or replaced ("…条款删除", "第三条修改为…").
AMEND = re.compile(r"删除|删去|修改为|修正为|修订为|调整为|变更为|替换为|改为")
# What an amendment changes (a clause, an item, a quoted passage): "修改为" alone in a plan is not one.
AMEND_OBJECT = re.compile(r"第[一二三四五六七八九十百0-9]+[条款项章]|条款|款|项|内容|表述|“")
# A 《title》; titles of laws cited as the basis are kept too, the sentence decides the kind.
TITLE = re.compile(r"《(?P<title>[^《》\n]{2,100})》")
# Sentence-final marks; a "\n" between paragraphs ends a sentence only where the print did.
SENTENCE_END = "。；;！？!?"
# Words a heading never ends with: a short paragraph ending so was cut mid-sentence (本办法自 / …).
_NEVER_ENDS_HEADING = set("自的于在和与及对将把从由为起至")
# Quotation marks inside which a 。 does not end the sentence (an amendment quotes the old text).
_QUOTE_OPEN, _QUOTE_CLOSE = "“《", "”》"
# The characters the sentence splitter looks at: quotes, sentence ends, paragraph ends.
_MARKS = re.compile("[" + re.escape(_QUOTE_OPEN + _QUOTE_CLOSE + SENTENCE_END) + "\n]")
# Punctuation and spaces dropped when titles are compared.
_TITLE_NOISE = re.compile(r"[\s《》“”\"'‘’（）()\[\]【】〔〕·・、，,。:：—\-]")
# The issuer and 关于/印发 wrapper of a title: "阳泉市人民政府办公室关于印发X的通知" -> X.
_TITLE_WRAPPER = re.compile(r"^.*?关于(?:印发|公布|颁布|发布|转发)?(?P<core>.+?)(?:的(?:通知|决定|意见|通告|公告|批复|函))?$")


class _Sentence(NamedTuple):  # a tuple: one is made for every sentence of every body
    text: str
    start: int  # offset in the joined body text


class _Body:
    """The body paragraphs as one text, with a map from offsets back to printed lines."""

    def __init__(self, paras: list[Paragraph]) -> None:
        self.paras = [p for p in paras if p.kind != "table"]
        self.starts: list[int] = []
        parts, pos = [], 0
        for p in self.paras:
            self.starts.append(pos)
            parts.append(p.text)
            pos += len(p.text) + 1
        self.text = "\n".join(parts)
        self._index = {start: k for k, start in enumerate(self.starts)}  # paragraph by its offset

    def line_at(self, offset: int) -> int:
        i = max(0, bisect_right(self.starts, offset) - 1)
        para = self.paras[i]
        return para.line_at(offset - self.starts[i])

    def sentences(self, keep: list[int] | None = None) -> list[_Sentence]:
        """The body's sentences. A paragraph that ends its sentence (`_paragraph_ends`) closes
        any quote too, so the body falls into stretches of paragraphs that are cut apart
        independently. With `keep` (sorted offsets), a stretch holding none of them is not cut:
        it comes whole, as one piece (whose sentences the caller would skip one by one)."""
        out: list[_Sentence] = []
        text = self.text
        lo, k = 0, 0
        for start in [*self.starts[1:], len(text) + 1]:
            newline = start - 1
            if newline < len(text) and not self._paragraph_ends(newline):
                continue
            hi = min(newline + 1, len(text))  # the stretch, its closing newline included
            while keep is not None and k < len(keep) and keep[k] < lo:
                k += 1
            if keep is not None and not (k < len(keep) and keep[k] < hi):
                if text[lo:hi].strip():
                    out.append(_Sentence(text[lo:hi], lo))
            else:
                self._cut(lo, hi, out)
            lo = hi
        return out

    def _cut(self, lo: int, hi: int, out: list[_Sentence]) -> None:
        """The sentences of the stretch text[lo:hi]: cut after each final mark outside quotes."""
        text, start, depth = self.text, lo, 0
        for m in _MARKS.finditer(text, lo, hi):  # only the characters that may open, close or cut
            ch = m.group()
            if ch in _QUOTE_OPEN:
                depth += 1
            elif ch in _QUOTE_CLOSE:
                depth = max(0, depth - 1)
            elif ch != "\n" and not depth:  # (a newline inside a stretch does not cut)
                i = m.start()
                if text[start:i + 1].strip():
                    out.append(_Sentence(text[start:i + 1], start))
                start = i + 1
        if text[start:hi].strip():
            out.append(_Sentence(text[start:hi], start))

    def _paragraph_ends(self, newline: int) -> bool:
        """Whether the paragraph before this "\\n" ends its sentence: it ends with a final mark, or
        it is a heading (a markdown heading, or a short numbered line such as `9.4 预案实施时间`)."""
        i = self._index[newline + 1] - 1
        para = self.paras[i].text.rstrip()
        if not para or para[-1] in SENTENCE_END or self.paras[i].kind == "heading":
            return True
        if para[-1] in "，、,（(《“—：:" or para[-1] in _NEVER_ENDS_HEADING:
            return False
        return len(para) <= 12 or (len(para) <= 30 and starts_with_label(para))


@dataclass(frozen=True)
class _Period:
    until: date | None  # the last day, when the text names it
    years: int | None   # else the length in years, counted from the effective date
    text: str
    line: int


def find_validity(paras: list[Paragraph], signed: date | None, own: DocNumber | None = None,
                  own_titles: tuple[str, ...] = ()) -> Validity:
    """The document's validity facts from its body paragraphs (after the 文号 line). `own_titles`
    (its title, its instrument's) may stand as the subject: 《阳泉市…办法》自2021年1月1日起施行."""
    body = _Body(paras)
    if not body.paras:
        return Validity()
    own_keys = frozenset(k for k in map(title_key, own_titles) if k)
    effective: tuple[date | None, str, int] | None = None
    period: _Period | None = None
    links: list[ValidityLink] = []
    after_effective = False  # the sentence before stated when the document takes effect
    # No sentence can say anything when the body has none of the words (most bodies have some).
    hits = [m.start() for m in VALIDITY_WORDS.finditer(body.text)]
    for s in body.sentences(hits) if hits else ():
        if not VALIDITY_WORDS.search(s.text):
            after_effective = False  # a sentence none of the patterns below can match
            continue
        found = _effective(s.text, signed, own_keys)
        if found is not None:
            when, at = found
            # The last statement wins: a 印发 notice's instrument may repeat it, and the example of
            # the contract points at the one printed last.
            effective = (when, _clean(s.text), body.line_at(s.start + at))
        p = _period(s.text, found is not None or after_effective, own_keys)
        after_effective = found is not None
        if p is not None:
            period = _Period(p[0], p[1], _clean(s.text), body.line_at(s.start + p[2]))
        links.extend(_links(s, body, own))
    if effective is None and period is not None:
        m = VALIDITY_UNTIL.search(period.text)
        if m and m["start"]:  # 有效期自2021年1月1日至…: the period's first day
            effective = (parse_date(DATE.search(m["start"])), period.text, period.line)
    links.extend(_listed(paras, own))
    eff = effective[0] if effective else None
    expires = None
    if period is not None:
        if period.until is not None:
            expires = period.until
        elif period.years is not None and (eff or signed):
            expires = add_years(eff or signed, period.years) - timedelta(days=1)  # type: ignore[arg-type]
    return Validity(
        effective=eff,
        effective_text=effective[1] if effective else None,
        effective_line=effective[2] if effective else None,
        expires=expires,
        validity_text=period.text if period else None,
        validity_line=period.line if period else None,
        links=tuple(_dedupe(links)),
    )


def _search(pattern: re.Pattern, text: str, needs: str) -> re.Match | None:
    """`pattern.search(text)`, tried only where every character of `needs` (characters each
    match of the pattern holds) occurs: most sentences lack one, and a scan costs more."""
    return pattern.search(text) if all(c in text for c in needs) else None


def _effective(sentence: str, signed: date | None, own_keys: frozenset[str]) -> tuple[date | None, int] | None:
    """(the date the sentence says the document takes effect, offset of the statement), or None."""
    m = _search(EFFECTIVE_DATE, sentence, "年月日起")
    if m and _about_itself(sentence, m.start(), own_keys):
        return parse_date(DATE.search(m["date"])), m.start()
    m = _search(EFFECTIVE_EVENT, sentence, "之日起")
    if not m:
        return None
    if signed is None:
        return None, m.start()
    if m["n"]:
        n = chinese_number(_halfwidth(m["n"])) or 0
        if m["unit"] in ("日", "天"):
            return signed + timedelta(days=n), m.start()
        return add_months(signed, n), m.start()
    return signed, m.start()


def _period(sentence: str, has_effective: bool, own_keys: frozenset[str]) -> tuple[date | None, int | None, int] | None:
    """(last day, or number of years, offset) of a validity period the document gives itself."""
    span = _search(EFFECTIVE_DATE, sentence, "年月日起")
    if span and span["until"] and _about_itself(sentence, span.start(), own_keys):
        return parse_date(DATE.search(span["until"])), None, span.start("until")
    ends = _search(ENDS_ON, sentence, "年月日")
    if ends and not TITLE.search(sentence[:ends.start()]) and not find_doc_numbers(sentence):
        if _self_subject_before(sentence, ends.start(), has_effective, own_keys):
            return parse_date(DATE.search(ends["date"])), None, ends.start()
    for m in (_search(VALIDITY_UNTIL, sentence, "期年月日"), _search(VALIDITY_YEARS, sentence, "期年")):
        if not m:
            continue
        if not _self_subject_before(sentence, m.start(), has_effective, own_keys):
            continue  # 奖项有效期5年, 认定资格有效期3年, 保险有效期…: the period of something else
        if "date" in m.groupdict() and m["date"]:
            return parse_date(DATE.search(m["date"])), None, m.start()
        return None, chinese_number(_halfwidth(m["n"])), m.start()
    return None


def _about_itself(sentence: str, at: int, own_keys: frozenset[str] = frozenset()) -> bool:
    """"本方案自2021年1月1日起实施", "《<its own title>》自…起施行", or a clause with no subject of
    its own: the document itself; "新标准自…起执行" is about something else."""
    return _self_subject_before(sentence, at, True, own_keys) or bool(_NOTE_BEFORE.match(sentence[:at]))


# The 题注 under a law's title, its date of taking effect after the adoption it records:
# `（1994年1月17日…常务委员会第六次会议通过 1994年2月1日起施行）`: about the law itself.
_NOTE_BEFORE = re.compile(r"^\s*[（(][^（）()。]{4,120}?(?:通过|批准|公布|发布|修正|修订)\s*[，,；;]?\s*$")


def _self_subject_before(sentence: str, at: int, bare: bool = False,
                         own_keys: frozenset[str] = frozenset()) -> bool:
    """`本办法有效期…`: the document itself (本办法, 以上措施, its own 《title》) is the subject of
    the clause; with `bare` (the sentence, or the one before, says when the document takes
    effect) a clause with no subject of its own (…起施行，有效期2年) counts too."""
    clause_start = max((sentence.rfind(c, 0, at) for c in "，,：:。"), default=-1) + 1
    before = re.sub(r"^\s*第[一二三四五六七八九十百零〇0-9]+条\s*", "", sentence[clause_start:at]).strip()
    if before.startswith("《") and before.endswith("》") and title_key(before) in own_keys:
        return True
    return bool(SELF_SUBJECT.fullmatch(before)) or (bare and not before)


def _links(s: _Sentence, body: _Body, own: DocNumber | None) -> list[ValidityLink]:
    """Documents a sentence repeals or amends: each number, and each 《title》 printed without one.

    The targets are read in the clause of the verb (…《X》（…号）同时废止, 废止《X》), or in the clause
    before it when the verb stands alone (原《X》（…号），同时废止)."""
    kind, verbs = "repeals", list(REPEAL.finditer(s.text))
    if not verbs:
        kind, verbs = "amends", list(AMEND.finditer(s.text))
        if not verbs or not AMEND_OBJECT.search(s.text):
            return []
    clauses = _clauses(s.text)
    # Each verb reads its own clause (or the one before): a list of amendments run on as one
    # sentence (1.在《X》第七条中增加…；” 第九条修改为…；2.将《Y》第七条修改为…) names X and Y.
    regions: list[tuple[int, int]] = []
    for verb in verbs:
        k = next(i for i, (a, b) in enumerate(clauses) if a <= verb.start() < b)
        lo, hi = clauses[k]
        if not _targets(s.text, lo, verb.start(), own) and k > 0:
            lo = clauses[k - 1][0]
        if regions and lo < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
        else:
            regions.append((lo, hi))
    lo, hi = regions[0][0], regions[-1][1]

    def inside(at: int) -> bool:
        return any(a <= at < b for a, b in regions)

    region_numbers = [(n, a, b) for n, a, b in find_doc_numbers(s.text) if inside(a) and n != own]
    last_line = body.line_at(s.start + len(s.text.rstrip()) - 1)
    text = _clean(s.text)
    out: list[ValidityLink] = []
    paired: set[int] = set()
    for m in TITLE.finditer(s.text, lo, hi):
        if not inside(m.start()):
            continue
        if _is_basis(s.text, m.start()):
            continue  # 根据《…》: the authority cited, not the document repealed
        number = None
        for j, (n, a, b) in enumerate(region_numbers):
            # 《X》（阳政办发〔2020〕105号） or 阳政发〔2021〕6号文件公布的《X》
            if (0 <= a - m.end() <= 3) or (0 <= m.start() - b <= 8 and _NUMBER_THEN_TITLE.fullmatch(s.text[b:m.start()])):
                number, paired = n, paired | {j}
                break
        out.append(ValidityLink(kind, number, _clean(m["title"]), body.line_at(s.start + m.start()), last_line, text))
    for j, (n, a, _) in enumerate(region_numbers):
        if j not in paired and not _is_basis(s.text, a):
            out.append(ValidityLink(kind, n, None, body.line_at(s.start + a), last_line, text))
    out.sort(key=lambda x: x.line)
    return out


# Between a number and the 《title》 it published: 阳政发〔2021〕6号文件公布的《…》.
_NUMBER_THEN_TITLE = re.compile(r"\s*(?:文件)?\s*(?:公布|印发|发布|下发|附件)?\s*的?\s*")


def _targets(text: str, lo: int, hi: int, own: DocNumber | None) -> bool:
    return bool(TITLE.search(text, lo, hi)) or any(lo <= a < hi and n != own for n, a, _ in find_doc_numbers(text))


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the comma-separated clauses of a sentence, commas inside quotes ignored."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _QUOTE_OPEN or ch in "（(":
            depth += 1
        elif ch in _QUOTE_CLOSE or ch in "）)":
            depth = max(0, depth - 1)
        elif ch in "，," and depth == 0:
            out.append((start, i + 1))
            start = i + 1
    out.append((start, len(text) + 1))
    return out


# A heading or an announcement that opens a list of repealed (or amended) documents:
# "一、决定废止的规范性文件（15件）", "附件1 宣布失效的文件目录", "下列文件予以废止：".
LIST_REPEAL = re.compile(r"(?:废止|失效|停止执行|不再执行)的|予以废止|宣布失效|决定废止|同时废止|一并废止")
LIST_AMEND = re.compile(r"(?:修改|修订|修正)的(?:[\u4e00-\u9fff]{0,6})?文件|(?:作|进行|作出)如下修改|予以修改|决定修改")
LIST_OPEN = re.compile(r"(?:如下|以下|下列)[^。]{0,12}[：:]?$|[：:]$")
# A list item: a numbering label, or a 《title》 / 文号 at the start of the paragraph.
_ITEM_START = re.compile(r"^\s*(?:[（(]?\d{1,3}[)）.、．]|[（(]?[一二三四五六七八九十]{1,3}[)）、]|《)")


def _listed(paras: list[Paragraph], own: DocNumber | None) -> list[ValidityLink]:
    """Documents listed under a heading or announcement of repeal: list items and table rows
    (序号 / 文件名称 / 文号), until a paragraph that is neither."""
    out: list[ValidityLink] = []
    mode: str | None = None
    for p in paras:
        text = p.text.strip()
        if p.kind == "table" or (mode and _ITEM_START.match(text) and len(text) <= 160 and
                                 (TITLE.search(text) or find_doc_numbers(text))):
            if mode:
                out.extend(_item_links(p, mode, own))
            continue
        short = len(text) <= 40 and "。" not in text
        # (each pattern is tried only where its words occur: every LIST_REPEAL match holds 废止,
        # 失效 or 执行, every LIST_AMEND match 修)
        repeal = LIST_REPEAL.search(text) if "废止" in text or "失效" in text or "执行" in text else None
        if short and repeal and not TITLE.search(text):
            mode = "repeals"
        elif short and not repeal and "修" in text and LIST_AMEND.search(text) and not TITLE.search(text):
            mode = "amends"
        elif repeal and LIST_OPEN.search(text) and not TITLE.search(text):
            mode = "repeals"
        else:
            mode = None
    return out


def _item_links(p: Paragraph, kind: str, own: DocNumber | None) -> list[ValidityLink]:
    """The document named by one list item or table row: its 文号 and its title."""
    text = "\t".join(p.cells) if p.cells else p.text
    numbers = [n for n, _, _ in find_doc_numbers(text) if n != own]
    titles = [m["title"] for m in TITLE.finditer(text)]
    if not titles and p.cells:
        cells = [c for c in p.cells if c and not find_doc_numbers(c) and not re.fullmatch(r"[\d\s.、]+", c)]
        titles = [max(cells, key=len)] if cells and max(map(len, cells)) >= 6 else []
    if not titles and numbers and not p.cells:
        m = re.match(r"^\s*(?:[（(]?\d{1,3}[)）.、．]|[（(]?[一二三四五六七八九十]{1,3}[)）、])?\s*(?P<t>[^（(《]{6,80})[（(]", text)
        titles = [m["t"]] if m else []
    if not numbers and not titles:
        return []
    line = p.first_line
    return [ValidityLink(kind, numbers[0] if numbers else None, _clean(titles[0]) if titles else None,
                         line, p.last_line, _clean(p.text))]


def _is_basis(sentence: str, at: int) -> bool:
    """A title or number introduced by 根据/按照/依据: the authority cited, not the target."""
    before = sentence[max(0, at - 6):at]
    return any(w in before for w in ("根据", "按照", "依据", "依照", "参照", "对照"))


def _dedupe(links: list[ValidityLink]) -> list[ValidityLink]:
    """One link per target: a number (or, without one, a title) named twice is listed once."""
    out: list[ValidityLink] = []
    for link in links:
        same = next((i for i, x in enumerate(out) if x.kind == link.kind and _same_target(x, link)), None)
        if same is None:
            out.append(link)
        elif out[same].title is None and link.title:
            out[same] = ValidityLink(link.kind, out[same].doc_number or link.doc_number, link.title,
                                     out[same].line, out[same].last_line, out[same].text)
    return out


def _same_target(a: ValidityLink, b: ValidityLink) -> bool:
    if a.doc_number and b.doc_number:
        return a.doc_number == b.doc_number
    if a.doc_number is None and b.doc_number is None:
        return title_key(a.title) == title_key(b.title)
    # one with a number and one without: the same when the titles agree
    return bool(a.title and b.title and title_key(a.title) == title_key(b.title))


@lru_cache(maxsize=8192)
def title_key(title: str | None) -> str | None:
    """A title normalised for matching across documents: punctuation, spaces, the issuer and the
    关于印发…的通知 wrapper dropped (阳泉市人民政府办公室关于印发阳泉市X预案的通知 -> 阳泉市X预案)."""
    if not title:
        return None
    t = _TITLE_NOISE.sub("", _halfwidth(title))
    m = _TITLE_WRAPPER.match(t) if "关于" in t else None
    if m:
        t = m["core"]
    return t or None


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # ！ … ～ to ! … ~


def _halfwidth(text: str) -> str:
    return text.translate(_HALFWIDTH)


def _clean(text: str) -> str:
    """A sentence or title as one line: paragraph joins and print spaces between ideographs removed."""
    t = re.sub(r"\s*\n\s*", "", text.strip())
    return re.sub(r"(?<=[\u4e00-\u9fff，。、《》（）〔〕])\s+(?=[\u4e00-\u9fff，。、《》（）〔〕0-9])|(?<=[0-9])\s+(?=[\u4e00-\u9fff〕号])", "", t)
