"""Stage 7c, plan cards: an emergency plan (应急预案) -> the facts people need on one card.

A plan is usually the instrument of a 印发 notice. From its text: the hazard (from its title), the
command body (…指挥部, often defined with 以下简称) and where its office sits (办公室设在…), the
event grades (特别重大 … 一般), the warning colours with their criteria, every response level with
who starts it (由指挥长启动三级响应, 建议总指挥启动二级、一级响应, 经市森防办主任同意启动Ⅳ级响应),
and the time limits for reporting upward (1小时内 -> 60 minutes) apart from repeating cadences
(每2小时, 24小时零报告). Where the responses follow the warning colour (当发布黄色预警时，启动Ⅲ级响应),
each response carries that colour and the warning's approver starts it.

Everything is read from the printed text; nothing here knows one city. Each fact keeps the source
line it is printed on (a paragraph joined from several print lines is mapped back line by line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from gongbao.model import (Document, Paragraph, Plan, PlanAlert, PlanGrade, PlanReport, PlanResponse)
from gongbao.text.chinese import chinese_number, is_han, remove_layout_spaces
from gongbao.text.numbering import starts_with_label

# A document is a plan when its instrument (or its own title) ends so.
PLAN_TITLE = re.compile(r"应急预案(?:[（(][\u4e00-\u9fff]{1,6}[）)])?$")
# The instrument named in a 印发 notice's title, when the header found none.
ISSUED = re.compile(r"印发《?(?P<title>.+?应急预案(?:[（(][\u4e00-\u9fff]{1,6}[）)])?)》?的?通知$")
# A place name the title starts with (阳泉市, 山西省, 平定县): not part of the hazard.
PLACE = re.compile(r"^(?:[\u4e00-\u9fff]{2,12}?族自治(?:县|州|旗)|[\u4e00-\u9fff]{1,7}?(?:省|自治区|市|自治州|州|地区|盟|县|区|旗))"
                   r"(?=[\u4e00-\u9fff]{2})")  # (西盟佤族自治县 whole, not 西盟)
# Words after the hazard in a plan's title: 自然灾害救助 -> 自然灾害.
HAZARD_TAIL = re.compile(r"(?:救助|处置|应对|救援)$")
# …and before it: 处置重大森林火灾 -> 重大森林火灾.
HAZARD_HEAD = re.compile(r"^(?:处置|应对|防范|防御|处理)(?=[\u4e00-\u9fff]{2})")

# A decimal heading number of a plan: 5.3.1 四级响应.
DECIMAL_LABEL = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s")
SENTENCE_END = re.compile(r"[。；;！？!?]")

# --- command body ------------------------------------------------------------------------------
# A command body's name ends so, maybe with a second name in brackets (…总指挥部（…减灾委员会）).
_BODY = r"[\u4e00-\u9fff]{2,40}?(?:指挥部|委员会|领导小组|指挥中心)(?:[（(][\u4e00-\u9fff]{2,20}[）)])?"
# `X（以下简称Y）`: a full name and its short form; the brackets may be 〔〕 and hold brackets.
ABBREVIATION = re.compile(
    rf"(?P<full>{_BODY})\s*[（(〔]\s*以下简称\s*[“\"]?(?P<short>[^”\"〔〕（）()]{{1,20}}(?:[（(][^（）()]{{1,12}}[）)])?)[”\"]?\s*[）)〕]")
# Words that introduce the name, to be cut off its front: 市政府成立阳泉市…指挥部.
BODY_INTRO = re.compile(r"^.*(?:成立|设立|组建|建立|设置|的)")  # (…负责人为成员的某县…领导小组: after 的)
# A body of a higher government (国务院…, 省…) is not the plan's own.
HIGHER_BODY = re.compile(r"^(?:国务院|国家|中央|省)")
# A field or front-line headquarters is not the standing command body.
FIELD_BODY = re.compile(r"现场|前线|前方|前指")
# `…办公室设在市应急管理局`: where the command body's office sits.
OFFICE = re.compile(r"(?:(?:办公室|办事机构)\s*(?:[（(〔]\s*以下简称[^）)〕]*[）)〕])?\s*[，,]?\s*设(?:在|于)|下设(?:办公室|办事机构)(?:在|于))"
                    r"\s*(?P<office>[^，,。；;：:（(、\s]{2,30})")
# Any command body's name (for a fallback: the first one printed).
BODY_NAME = re.compile(_BODY)
BODY_HEADING = re.compile(rf"^(?:\d+(?:\.\d+)*\s*|[（(][一二三四五六七八九十]+[）)]\s*|[一二三四五六七八九十]+、\s*)?"
                          rf"(?P<name>[\u4e00-\u9fff]{{2,30}}(?:应急指挥部|指挥部))(?:组成|及其?(?:主要)?职责|组成及(?:其)?(?:主要)?职责)?$")
# A body named as the subject of its duties, with no 以下简称: 县森林防火指挥部负责组织…
# (or under a higher one's lead first: 县抗震救灾指挥部在省市抗震救灾指挥部的指导下，统一领导…)
BODY_SUBJECT = re.compile(rf"(?:^|[，,。；;])\s*(?P<name>{_BODY})\s*(?:在[^，,。；;]{{1,30}}?(?:指导|领导|指挥)下\s*[，,]\s*)?"
                          r"(?:负责|统一(?:领导|指挥|组织|协调))")

# --- grades, alerts ----------------------------------------------------------------------------
GRADE_WORD = re.compile(r"特别重大|重大|较大|一般")
GRADE_LEVEL = {"特别重大": 1, "重大": 2, "较大": 3, "一般": 4}
# A sentence that defines the grades: 分为特别重大、重大、较大和一般事故四个等级.
GRADE_SCHEME = re.compile(r"(?:分为|划分为|分成|设定为|分级为|分别为)")
COLOURS = "红色|橙色|黄色|蓝色"
COLOUR_RANK = {"红色": 1, "橙色": 2, "黄色": 3, "蓝色": 4}
# `黄色预警：预测AQI日均值>200将持续48小时…`: a colour's criteria.
ALERT_DEFINITION = re.compile(rf"^\s*(?:[（(]?\d{{1,2}}[）).、]|[（(][一二三四五]+[）)]|\d+(?:\.\d+)+)?\s*(?P<colour>{COLOURS})预警\s*(?:[（(][^）)]*[）)])?\s*[：:]\s*(?P<criteria>.+)$")
# `…由高到低依次用红色、橙色、黄色和蓝色表示`: the colours a plan uses.
ALERT_SCHEME = re.compile(rf"(?P<list>(?:{COLOURS})(?:\s*(?:[、，,和及与]|以及)\s*(?:{COLOURS}))+)")
# `黄色和橙色预警由市…副总指挥审批`: who issues a warning of those colours.
ALERT_APPROVER = re.compile(
    rf"(?P<colours>(?:{COLOURS})(?:\s*(?:[、和及与]|以及)\s*(?:{COLOURS}))*)预警(?:发布)?由(?P<who>[^，,。；;]{{1,30}}?)(?:审批|批准|签发|决定|发布)")

# --- responses ---------------------------------------------------------------------------------
# One level's number: 一级, Ⅰ级, I级 (Latin), IV级, 1级; longest first.
_NUM = r"(?:Ⅳ|IV|Ⅴ|Ⅲ|III|Ⅱ|II|Ⅰ|I|V|[一二三四五]|(?<![\d.])[1-5](?![\d.]))"
LEVEL_VALUE = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5,
               "I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
NUM = re.compile(_NUM)
_SEP = r"\s*(?:[、，,和或及与至到]|以及)\s*"
# Levels named together before 响应: 三级响应, 二级、一级响应, 二级或一级响应, Ⅱ级应急响应.
LEVEL_GROUP = re.compile(rf"(?P<group>(?:{_NUM}\s*级?{_SEP})*{_NUM}\s*级)\s*(?:[（(][\u4e00-\u9fff]{{1,6}}[）)])?\s*(?:应急)?响应")
# `Ⅰ级应急响应由市委、市政府决定启动`: the level first, then who starts it.
LEVEL_THEN_WHO = re.compile(rf"{LEVEL_GROUP.pattern}\s*[：:，,]?\s*(?P<who>由?[^，,；;。：:]{{1,40}}?)\s*启动")
# The response scheme: 市级响应由低到高设定为四级、三级、二级、一级四个等级 / 分为Ⅰ、Ⅱ、Ⅲ、Ⅳ四级.
RESPONSE_SCHEME = re.compile(rf"(?:设定为?|分为|划分为|设为|分)\s*(?P<list>{_NUM}\s*级?(?:{_SEP}{_NUM}\s*级?)+)")
# A scheme sentence whose levels stand in brackets after grade words: 分为一般（Ⅳ级）、较大（Ⅲ级）….
RESPONSE_SCHEME_WORD = re.compile(r"响应[^。；;]{0,12}?(?:分为|划分为|设定为?|设为)")
# A heading naming levels: 5.4.1 四级响应, （二）Ⅳ级响应措施.
LEVEL_HEADING = re.compile(rf"^(?:\d+(?:\.\d+)*\s*|[（(][一二三四五六七八九十]+[）)]\s*|[一二三四五六七八九十]+、\s*)?"
                           rf"{LEVEL_GROUP.pattern}(?:措施|行动)?$")
LEVEL_TOKEN = re.compile(rf"(?P<num>{_NUM})\s*级")
# Who starts a response, in the clause before 启动 (most specific first).
ACTIVATOR = (
    re.compile(r"(?:建议|提请|报请|请示|请求)\s*(?:由\s*)?(?P<who>[^，,；;。]{1,30}?)\s*$"),   # 建议总指挥启动
    re.compile(r"(?:报请|提请|请示)\s*(?P<who>[^，,；;。]{1,30}?)\s*(?:同意|批准|决定)后?\s*$"),  # 报请指挥长同意后启动
    re.compile(r"经\s*(?P<who>[^，,；;。经]{1,30}?)\s*(?:同意|批准|决定|签发)后?\s*$"),      # 经市森防办主任同意启动
    re.compile(r"由\s*(?P<who>[^，,；;。由]{1,30}?)\s*(?:决定|宣布|批准|同意|负责)?\s*$"),  # 由指挥长（决定）启动
    re.compile(r"^\s*(?P<who>[^，,；;。]{1,30}?)\s*(?:决定|同意|批准|负责|宣布)?\s*$"),    # 市应急管理局主要负责人决定启动
)
# The clause before a bare 启动 that names who decided: 按照市委、市政府决定，启动Ⅰ级响应.
ACTIVATOR_BEFORE = (
    re.compile(r"(?:按照|根据|经|报请|报经)\s*(?P<who>[^，,；;。]{1,30}?)\s*的?(?:决定|指令|要求|批准|同意)后?\s*$"),
    re.compile(r"向\s*(?P<who>[^，,；;。]{1,30}?)\s*报告\s*$"),                               # 向市指挥部办公室主任报告，启动
)
# An activator is a post or a body, not a stray phrase.
POST_END = re.compile(r"(?:主任|指挥长|指挥|负责人|局长|市长|县长|区长|书记|组长|领导|政府|市委|县委|党委|办公室|指挥部|委员会|"
                      r"减灾委|防指|防办|小组|部门|同志|主席|秘书长|局|厅|委|中心|站|台)[）)]?$")
# Who starts a response below the plan's own level: a county's or the scene's (县级指挥部, 事发地政府).
LOCAL_ACTIVATOR = re.compile(r"^(?:县|区|乡|镇|事发地|当地|各县|灾区|受灾)")
# Words at the front of the activator's clause that are not part of it.
ACTIVATOR_FRONT = re.compile(r"^(?:即|立即|并|可|应|须|则|再|随即|及时)+")
# A clause that only proposes a start (…提出启动Ⅰ级响应的建议) names no activator.
PROPOSAL = re.compile(r"(?:提出|提请|建议|申请|请求|报请)\s*$")
# Criteria printed as a list before the activation sentence: （一）启动条件 … 符合上述条件之一时.
CRITERIA_HEADING = re.compile(r"启动条件|响应条件")
CRITERIA_CLOSE = re.compile(r"^\s*(?:符合|满足|具备|出现)(?:上述|以上|下列)")

# --- reporting ---------------------------------------------------------------------------------
# A span of time: 1小时, 30 分钟, 半小时, 10日, 两个工作日.
DURATION = re.compile(r"(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,3}|半)\s*(?:个)?\s*(?P<unit>分钟|小时|工作日|日|天|周)")
DURATION_UNIT_CHARS = "钟时日天周"  # every unit of DURATION holds one of them
UNIT_MINUTES = {"分钟": 1, "小时": 60, "工作日": 1440, "日": 1440, "天": 1440, "周": 10080}
WITHIN = re.compile(r"^\s*(?:以内|之内|内)")
NOT_LATER = re.compile(r"(?:不得|不应|不)?(?:超过|迟于)\s*$")
EVERY = re.compile(r"每\s*(?:隔\s*)?$")
ZERO_REPORT = re.compile(r"^\s*零报告")
# 每日 / 每天 with no number: a daily cadence.
DAILY = re.compile(r"每(?P<unit>日|天|周|月)(?!\s*\d*\s*(?:小时|分钟))")
CADENCE_MINUTES = {"日": 1440, "天": 1440, "周": 10080, "月": 43200}
# A clause that goes on with the subject of the one before: 并…, 同时…, 再….
CLAUSE_GOES_ON = re.compile(r"^\s*(?:并|同时|再|然后|随后|即)")
# A time limit counts when reporting follows it: 1小时内向…报告, 半小时内报市委, 30分钟内电话上报….
REPORT_VERB = re.compile(r"报告|上报|报送|报至|续报|初报|核报|填报|汇报|呈报|书面报|电话报|"
                         r"报(?=[^，,。；;]{0,12}?(?:政府|党委|市委|县委|委员会|局|厅|办|部|中心|指挥部|总指挥|指挥长))")
PERIODIC_VERB = re.compile(REPORT_VERB.pattern + r"|通报")
# Who receives the report: 向X报告 / 上报X / 报至X.
REPORT_TO = (
    re.compile(r"向\s*(?P<to>[^，,。；;]{2,50}?)\s*(?:书面|电话)?(?:报告|上报|报送|汇报|通报|续报)"),
    re.compile(r"(?:上报|报送|报至|报告|(?<![填核初续汇呈])报)(?:至|给)?\s*(?P<to>[^，,。；;\s《]{2,50})"),
)
# A receiver is an agency or a post, not the content reported (上报综合扑救情况).
RECEIVER_END = re.compile(r"(?:办|局|厅|政府|委|委员会|中心|部|部门|指挥部|市委|县委|党委|组|室|单位|机构|站|总指挥|指挥长|主任)$")
REPORT_WINDOW = 60  # how far after the time span its reporting verb may stand, in characters


class _Para(NamedTuple):  # a tuple: one is made for every paragraph of a plan
    """A paragraph's text with a way back to the print line of each character."""

    text: str
    index: int
    starts: tuple[tuple[int, int], ...]  # (offset in text, source line), in order
    table: bool = False
    cells: tuple[str, ...] = ()

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start > offset:
                break
            line = number
        return line


def find_plan(doc: Document, source_lines: Sequence[str] | None = None) -> Plan | None:
    """The card of an emergency plan, or None when the document is not one."""
    title = _plan_title(doc)
    if title is None:
        return None
    paras = _plan_paragraphs(doc, title, source_lines)
    if not paras:
        return None
    sentences = list(_sentences(paras))
    headquarters, hq_line, office, office_line = _command_body(paras, sentences)
    alerts = _alerts(paras, sentences)
    responses, follow = _responses(paras, sentences, alerts)
    reporting, periodic = _reporting(sentences)
    return Plan(
        title=title,
        hazard=_hazard(title, doc.issuer),
        headquarters=headquarters,
        headquarters_line=hq_line,
        office_at=office,
        office_line=office_line,
        grades=_grades(sentences),
        alerts=alerts,
        responses=responses,
        reporting=reporting,
        reporting_periodic=periodic,
        responses_follow_alerts=follow,
        first_line=paras[0].starts[0][1],
        last_line=doc.end_line,
    )


def _plan_title(doc: Document) -> str | None:
    for title in (doc.instrument_title, doc.title):
        title = remove_layout_spaces(title or "").strip("《》 ")
        if title and PLAN_TITLE.search(title):
            return title
    if doc.title:
        m = ISSUED.search(remove_layout_spaces(doc.title))
        if m:
            return m["title"]
    return None


def _hazard(title: str, issuer: str | None) -> str | None:
    name = PLAN_TITLE.sub("", title)
    place = re.match(r"^(.+?)(?:人民政府|政府)", issuer or "")
    organ = remove_layout_spaces(issuer or "")
    if organ and name.startswith(organ) and len(name) > len(organ) + 1:
        name = name[len(organ):]  # a department's own plan: 某市发展和改革委员会地震应急预案
    elif place and name.startswith(place[1]):
        name = name[len(place[1]):]
    else:
        name = PLACE.sub("", name, count=1)
    name = HAZARD_HEAD.sub("", HAZARD_TAIL.sub("", name))
    return name or None


def _plan_paragraphs(doc: Document, title: str, source_lines: Sequence[str] | None) -> list[_Para]:
    """The plan's own paragraphs: from its title on when a notice issues it, else the whole body."""
    paras = doc.paragraphs
    start = 0
    for i, p in enumerate(paras):
        if i > 0 and remove_layout_spaces(p.text).strip("#* ") == title:
            start = i + 1
            break
    out: list[_Para] = []
    previous: Paragraph | None = None
    for i, p in enumerate(paras[start:], start):
        if not p.text.strip():
            continue
        para = _Para(p.text, i, _line_starts(p, source_lines), p.kind == "table", p.cells)
        if previous is not None and out and _cut_by_page(previous, p):
            last = out.pop()
            shift = len(last.text)
            para = _Para(last.text + p.text, last.index, last.starts + tuple((o + shift, n) for o, n in para.starts))
        out.append(para)
        previous = p
    return out


def _cut_by_page(a: Paragraph, b: Paragraph) -> bool:
    """A sentence the print cut in two (由市指挥部办公室 / 主任启动四级响应): put back together."""
    if a.kind != "text" or b.kind != "text" or len(a.text) < 12:
        return False
    if not is_han(a.text[-1]) or starts_with_label(a.text) or DECIMAL_LABEL.match(a.text):
        return False
    return not (starts_with_label(b.text) or DECIMAL_LABEL.match(b.text) or ALERT_DEFINITION.match(b.text))


_TAG = re.compile(r"<[^>]+>")


def _line_starts(p: Paragraph, source_lines: Sequence[str] | None) -> tuple[tuple[int, int], ...]:
    numbers = p.lines or (p.first_line,)
    if len(numbers) == 1 or not source_lines:
        return ((0, numbers[0]),)
    starts, cursor = [], 0
    for number in numbers:
        if not 0 < number <= len(source_lines):
            continue
        printed = source_lines[number - 1]
        printed = _TAG.sub("", printed) if "<" in printed else printed
        printed = printed.strip().lstrip("#").strip()
        key = printed[:6]
        at = p.text.find(key, cursor) if key else -1
        if at >= 0:
            starts.append((at, number))
            cursor = at + 1
    if not starts or starts[0][0] != 0:
        starts.insert(0, (0, numbers[0]))
    return tuple(starts)


class _Sentence(NamedTuple):  # a tuple: one is made for every sentence of a plan
    text: str
    para: _Para
    offset: int  # of the sentence in its paragraph

    def line_at(self, offset: int = 0) -> int:
        return self.para.line_at(self.offset + offset)


def _sentences(paras: list[_Para]):
    for p in paras:
        start = 0
        for m in SENTENCE_END.finditer(p.text):
            if p.text[start: m.end()].strip():
                yield _Sentence(p.text[start: m.end()], p, start)
            start = m.end()
        if p.text[start:].strip():
            yield _Sentence(p.text[start:], p, start)


# --- command body --------------------------------------------------------------------------------

def _command_body(paras: list[_Para], sentences: list[_Sentence]):
    names: list[tuple[str, str, int]] = []  # (full, short, line)
    for s in sentences:
        for m in ABBREVIATION.finditer(s.text) if "简称" in s.text else ():
            full = BODY_INTRO.sub("", m["full"])
            if FIELD_BODY.search(full) or len(full) < 3:
                continue
            names.append((full, m["short"].strip(), s.line_at(m.start("full"))))
    for s in sentences:
        m = OFFICE.search(s.text)
        if not m:
            continue
        office = m["office"].strip()
        before = s.text[: m.start()]
        best, best_end = None, -1
        for full, short, line in names:
            for name in (full, short):
                at = before.rfind(name)
                if at >= 0 and at + len(name) > best_end:
                    best, best_end = (full, line), at + len(name)
        if best is None:
            found = list(BODY_NAME.finditer(before))
            if found:
                name = BODY_INTRO.sub("", found[-1].group())
                if not FIELD_BODY.search(name):
                    best = (name, s.line_at(found[-1].start()))
        hq, hq_line = best if best else _first_body(paras, names)
        return hq, hq_line, office, s.line_at(m.start("office"))
    hq, hq_line = _first_body(paras, names)
    return hq, hq_line, None, None


def _first_body(paras: list[_Para], names: list[tuple[str, str, int]]) -> tuple[str | None, int | None]:
    for full, _short, line in names:
        if "指挥" in full:
            return full, line
    for p in paras:
        m = BODY_HEADING.match(p.text.strip())
        if m and not FIELD_BODY.search(m["name"]):
            return _subject_before(paras, p.index, m["name"]) or (m["name"], p.starts[0][1])
    if names:
        return names[0][0], names[0][2]
    for p in paras:
        m = BODY_SUBJECT.search(p.text)
        if m and not FIELD_BODY.search(m["name"]) and not HIGHER_BODY.match(m["name"]):
            return BODY_INTRO.sub("", m["name"]), p.line_at(m.start("name"))
    return None, None


def _subject_before(paras: list[_Para], index: int, name: str) -> tuple[str, int] | None:
    """The sentence above a body's heading that names it first as the subject of its duties
    (一、… / 县抗震救灾指挥部在…指导下，统一领导… / （一）县抗震救灾指挥部): the fact stands there."""
    for p in paras:
        if p.index >= index:
            return None
        m = BODY_SUBJECT.search(p.text)
        if m and BODY_INTRO.sub("", m["name"]) == name:
            return name, p.line_at(m.start("name"))
    return None


# --- grades ----------------------------------------------------------------------------------------

def _grades(sentences: list[_Sentence]) -> tuple[PlanGrade, ...]:
    for s in sentences:
        scheme = GRADE_SCHEME.search(s.text)
        if not scheme:
            continue
        words = [(m.group(), m.start()) for m in GRADE_WORD.finditer(s.text, scheme.start())]
        distinct = {w for w, _ in words}
        if len(distinct) < (3 if "级" in s.text else 4):
            continue  # (分为一般森林火灾、较大…、重大…和特别重大森林火灾: all four, no 级 printed)
        grades, seen = [], set()
        for word, at in words:
            if word not in seen:
                seen.add(word)
                grades.append(PlanGrade(GRADE_LEVEL[word], word, s.line_at(at)))
        return tuple(sorted(grades, key=lambda g: g.level))
    return ()


# --- alerts ----------------------------------------------------------------------------------------

def _alerts(paras: list[_Para], sentences: list[_Sentence]) -> tuple[PlanAlert, ...]:
    found: dict[str, dict] = {}
    for p in paras:
        m = ALERT_DEFINITION.match(p.text)
        if m and m["colour"] not in found:
            found[m["colour"]] = {"criteria": m["criteria"].strip(), "line": p.line_at(m.start())}
    for s in sentences:
        if "预警" not in s.text or "响应" in s.text:
            continue
        m = ALERT_SCHEME.search(s.text)
        if m and re.search(r"级|等级|标示|表示", s.text):
            for c in re.finditer(COLOURS, m["list"]):
                found.setdefault(c.group(), {"criteria": None, "line": s.line_at(m.start())})
    if not found:
        return ()
    approvers: dict[str, tuple[str, int]] = {}
    for s in sentences:
        for m in ALERT_APPROVER.finditer(s.text):
            who = remove_layout_spaces(m["who"]).strip()
            for c in re.finditer(COLOURS, m["colours"]):
                approvers.setdefault(c.group(), (who, s.line_at(m.start("who"))))
    alerts = []
    for colour, fact in found.items():
        who, who_line = approvers.get(colour, (None, None))
        alerts.append(PlanAlert(colour, COLOUR_RANK[colour], fact["criteria"], who, fact["line"], who_line))
    return tuple(sorted(alerts, key=lambda a: a.rank))


# --- responses -------------------------------------------------------------------------------------

def _levels(group: str) -> list[tuple[int, str]]:
    """(level, token as printed) for each level named in a group: 二级、一级 -> [(2, 二), (1, 一)]."""
    out = []
    for m in NUM.finditer(group):
        value = LEVEL_VALUE.get(m.group())
        if value and value not in [v for v, _ in out]:
            out.append((value, m.group()))
    return out


def _label(token: str, group: str) -> str:
    """The printed label of one level of a group: 二级 (from 二级、一级响应) -> 二级响应."""
    m = re.search(rf"{re.escape(token)}(?P<space>\s*)级", group)
    return f"{token}{m['space'] if m else ''}级响应"


def _responses(paras: list[_Para], sentences: list[_Sentence], alerts: tuple[PlanAlert, ...]):
    found: dict[int, dict] = {}
    order: list[int] = []

    def note(level: int, label: str, line: int, **facts) -> None:
        if level not in found:
            found[level] = {"label": label, "line": line, "activated_by": None, "activated_by_line": None,
                            "criteria": None, "criteria_line": None, "follows_alert": None}
            order.append(level)
        entry = found[level]
        if facts.get("activated_by") and LOCAL_ACTIVATOR.match(entry["activated_by"] or "") \
                and not LOCAL_ACTIVATOR.match(facts["activated_by"]):
            entry["activated_by"] = entry["activated_by_line"] = None  # a county's own start (县级指挥部启动三级响应) gives way to the plan's
        for key, value in facts.items():
            if value is not None and entry.get(key) is None:
                entry[key] = value
                if key == "activated_by":  # the card points at the sentence that starts the level
                    entry["line"], entry["label"] = line, label

    scheme: set[int] = set()
    for s in sentences:  # the scheme: which levels the plan has
        if "响应" not in s.text:
            continue
        m = RESPONSE_SCHEME.search(s.text)
        if m and ("预警" not in s.text[: m.start()] or "响应" in s.text[: m.start()]):
            for value, token in _levels(m["list"]):
                if not scheme or value not in found:
                    note(value, _label(token, m["list"]), s.line_at(m.start("list")))
            scheme = scheme or {value for value, _ in _levels(m["list"])}
        elif RESPONSE_SCHEME_WORD.search(s.text) and "预警" not in s.text:
            # 分为一般（Ⅳ级）、较大（Ⅲ级）、重大（Ⅱ级）和特别重大（Ⅰ级）四级: levels between grade words
            at = RESPONSE_SCHEME_WORD.search(s.text).end()
            tokens = list(LEVEL_TOKEN.finditer(s.text, at))
            if len({LEVEL_VALUE[t["num"]] for t in tokens}) >= 2:
                for t in tokens:
                    note(LEVEL_VALUE[t["num"]], f"{t['num']}级响应", s.line_at(t.start()))
                scheme = scheme or {LEVEL_VALUE[t["num"]] for t in tokens}
    follow = False
    approver = {a.level: (a.activated_by, a.activated_by_line) for a in alerts}
    for s in sentences:  # activation sentences: who starts each level
        if "级" not in s.text or "响应" not in s.text:
            continue  # both patterns below name a level (…级) and a response (…响应)
        for m in LEVEL_THEN_WHO.finditer(s.text):  # Ⅰ级响应由市委、市政府决定启动
            who = _activator(m["who"]) if not PROPOSAL.search(m["who"]) else None
            if who:
                for value, token in _levels(m["group"]):
                    note(value, _label(token, m["group"]), s.line_at(m.start("group")),
                         activated_by=who, activated_by_line=s.line_at(m.start("who")))
        for m in LEVEL_GROUP.finditer(s.text):
            before = s.text[: m.start()]
            if not re.search(r"启动\s*$", before):
                continue
            prefix = before[: before.rfind("启动")]
            if PROPOSAL.search(prefix):
                continue
            who = _activator(prefix)
            colour = re.search(rf"({COLOURS})预警", prefix)
            criteria, criteria_line = _criteria(paras, s, prefix)
            for value, token in _levels(m["group"]):
                facts = {"criteria": criteria, "criteria_line": criteria_line}
                if colour:
                    follow = True
                    facts["follows_alert"] = colour.group(1)
                    if who is None and approver.get(colour.group(1), (None,))[0]:
                        facts["activated_by"], facts["activated_by_line"] = approver[colour.group(1)]
                        note(value, _label(token, m["group"]), s.line_at(m.start("group")), **facts)
                        continue
                if who:
                    facts["activated_by"] = who
                    facts["activated_by_line"] = s.line_at(max(0, len(prefix) - len(who) - 2))
                note(value, _label(token, m["group"]), s.line_at(m.start("group")), **facts)
    toc = _toc_paragraphs(paras)
    for p in paras:  # headings such as 5.4.1 四级响应 / 6.3.1 Ⅳ级响应: the level exists
        text = p.text.strip()
        m = LEVEL_HEADING.match(text) if len(text) <= 30 and "响应" in text and p.index not in toc else None
        if m:
            for value, token in _levels(m["group"]):
                note(value, _label(token, m["group"]), p.line_at(m.start("group")))
    for level, (criteria, line) in _table_criteria(paras).items():
        if level in found and found[level]["criteria"] is None:
            found[level]["criteria"], found[level]["criteria_line"] = criteria, line
    if scheme:  # the plan says which levels it has: a level named elsewhere (县级四级响应) is not one
        order = [level for level in order if level in scheme]
    responses = [PlanResponse(level, found[level]["label"], found[level]["activated_by"], found[level]["criteria"],
                              found[level]["line"], found[level]["activated_by_line"], found[level]["follows_alert"],
                              found[level]["criteria_line"])
                 for level in order]
    return tuple(sorted(responses, key=lambda r: r.level)), follow


TOC_RUN = 6  # this many bare headings in a row are a table of contents, not the text


def _toc_paragraphs(paras: list[_Para]) -> set[int]:
    """The paragraphs of a plan's own table of contents: runs of short lines with no sentence in
    them (1总则 / 1.1编制目的 / … / 5.1Ⅰ级响应 …). Their levels are no responses: nothing starts them."""
    out: set[int] = set()
    run: list[int] = []
    for p in paras + [None]:
        bare = p is not None and not p.table and len(p.text.strip()) <= 30 and not re.search(r"[，,。；;：:]", p.text)
        if bare:
            run.append(p.index)
            continue
        if len(run) >= TOC_RUN:
            out.update(run)
        run = []
    return out


def _activator(prefix: str) -> str | None:
    clauses = re.split(r"[，,：:]", prefix)
    last = clauses[-1]
    if last.strip():
        for pattern in ACTIVATOR:
            m = pattern.search(last)
            if m:
                who = _clean_who(m["who"])
                if who:
                    return who
        return None
    if len(clauses) >= 2:
        for pattern in ACTIVATOR_BEFORE:
            m = pattern.search(clauses[-2])
            if m:
                who = _clean_who(m["who"])
                if who:
                    return who
    return None


def _clean_who(text: str) -> str | None:
    who = remove_layout_spaces(text).strip()
    who = ACTIVATOR_FRONT.sub("", who)
    who = re.sub(r"^(?:由|经|向)", "", who).strip()
    if not who or not POST_END.search(who) or "条件" in who or len(who) > 30:
        return None
    return who


def _criteria(paras: list[_Para], s: _Sentence, prefix: str) -> tuple[str | None, int | None]:
    """The conditions of a level as printed, and their line: the list before `符合上述条件之一时`,
    the text after `符合下列条件之一…：`, or the `当…时` clause."""
    if s.para.table:
        return None, None
    if CRITERIA_CLOSE.match(s.text) and re.match(r"^\s*\S{2}下列", s.text):
        rest = s.para.text[s.offset + len(s.text):].strip()
        return (remove_layout_spaces(rest)[:300], s.line_at(len(s.text))) if rest else (None, None)
    if CRITERIA_CLOSE.match(s.text):
        items: list[_Para] = []
        for p in reversed(paras[: paras.index(s.para)]):
            if CRITERIA_HEADING.search(p.text) and len(p.text) <= 20:
                break
            items.append(p)
            if len(items) > 12:
                return None, None
        if not items:
            return None, None
        items.reverse()
        return "；".join(remove_layout_spaces(p.text).strip().rstrip("；;。") for p in items), items[0].starts[0][1]
    clause = re.split(r"[，,]", prefix.rstrip("，, "))
    for part in reversed(clause):
        m = re.match(r"^\s*当(?P<when>.{2,60}?)时\s*$", part)
        if m:
            return remove_layout_spaces(m["when"]), s.line_at(prefix.find(part))
    return None, None


def _table_criteria(paras: list[_Para]) -> dict[int, tuple[str, int]]:
    """A table headed by the levels (三级响应 | 二级响应 | 一级响应): each column holds its level's
    conditions (`符合下列条件之一时,应启动三级响应: 1.…`)."""
    out: dict[int, tuple[str, int]] = {}
    for i, p in enumerate(paras):
        heads = [c.strip() for c in p.cells]
        if not p.table or len([h for h in heads if h]) < 2:
            continue
        levels = [LEVEL_GROUP.fullmatch(remove_layout_spaces(h)) for h in heads if h]
        if not all(levels):
            continue
        columns = [_levels(m["group"])[0][0] if len(_levels(m["group"])) == 1 else None for m in levels]
        for row in paras[i + 1:]:
            if not row.table:
                break
            for level, cell in zip(columns, [c for c, h in zip(row.cells, heads) if h]):
                text = re.sub(r"^[^:：]{0,30}启动[^:：]{0,12}[:：]", "", remove_layout_spaces(cell)).strip()
                if level and text and level not in out:
                    out[level] = (text[:300], row.starts[0][1])
        break
    return out


# --- reporting -------------------------------------------------------------------------------------

def _reporting(sentences: list[_Sentence]) -> tuple[tuple[PlanReport, ...], tuple[PlanReport, ...]]:
    once: list[PlanReport] = []
    periodic: list[PlanReport] = []
    for s in sentences:
        text = s.text
        spans = list(DURATION.finditer(text)) if any(c in text for c in DURATION_UNIT_CHARS) else []
        for i, m in enumerate(spans):
            minutes = _minutes(m["num"], m["unit"])
            if minutes is None:
                continue
            end = spans[i + 1].start() if i + 1 < len(spans) else len(text)
            after = _own_clauses(text[m.end(): min(end, m.end() + REPORT_WINDOW)])
            if EVERY.search(text[max(0, m.start() - 3): m.start()]):
                if PERIODIC_VERB.search(after):
                    periodic.append(_report(s, m.start(), m.end(), after, minutes, every=True))
                continue
            if ZERO_REPORT.match(text[m.end():]):
                periodic.append(_report(s, m.start(), m.end() + 3, text[m.end():], minutes))
                continue
            if m["num"] == "半" and m["unit"] != "小时":
                continue
            if re.match(r"^\s*(?:以上|以前)", text[m.end():]):
                continue
            if NOT_LATER.search(text[max(0, m.start() - 8): m.start()]):
                # 报告时间最迟不得超过2小时: the limit after its verb
                if REPORT_VERB.search(text[max(0, m.start() - 30): m.start()]):
                    once.append(_report(s, m.start(), m.end(), "", minutes))
                continue
            if re.search(r"(?:持续|提前|连续)\s*$", text[: m.start()]):
                continue
            within = WITHIN.match(text[m.end():])
            if not within:
                continue
            after = after[within.end():]
            if REPORT_VERB.search(after) and not re.match(r"^\s*(?:尚未|未|没有|仍)", after):
                once.append(_report(s, m.start(), m.end() + within.end(), after, minutes))
        for m in DAILY.finditer(text) if "每" in text else ():
            after = _own_clauses(text[m.end(): m.end() + REPORT_WINDOW])
            if PERIODIC_VERB.search(after):
                periodic.append(_report(s, m.start(), m.end(), after, CADENCE_MINUTES[m["unit"]]))
    return tuple(once), tuple(periodic)


def _own_clauses(text: str) -> str:
    """The text up to the end of its clause, and the clauses after it that go on with the same
    subject (…2小时内审核、汇总，并向…报告); not a new clause (…2小时内到达现场，及时报告)."""
    out = ""
    for i, part in enumerate(re.split(r"(?<=[，,])", text)):
        if i and not CLAUSE_GOES_ON.match(part):
            break
        out += part
    return out


def _minutes(num: str, unit: str) -> int | None:
    if num == "半":
        value: float | None = 0.5
    elif num[0].isdigit():
        value = float(num)
    else:
        value = chinese_number(num)
    if not value:
        return None
    return round(value * UNIT_MINUTES[unit])


def _report(s: _Sentence, start: int, end: int, after: str, minutes: int, every: bool = False) -> PlanReport:
    text = s.text
    clause_start = max((m.end() for m in re.finditer(r"[，,：:]", text[:start])), default=0)
    verb = PERIODIC_VERB.search(after)
    stop = end + (verb.end() if verb else 0)
    if every:
        start = max(start - 1 - (1 if text[start - 2: start - 1] == "隔" else 0), 0)
    to = None
    window = text[end: end + len(after)]
    for pattern in REPORT_TO:
        m = pattern.search(window)
        if m and RECEIVER_END.search(remove_layout_spaces(m["to"]).strip()):
            to = remove_layout_spaces(m["to"]).strip()
            stop = max(stop, end + m.end())
            break
    phrase = remove_layout_spaces(text[clause_start: stop]).strip(" ，,。；;")
    return PlanReport(minutes, phrase[:120], to, s.line_at(start))
