"""What the head of an official document looks like, declared once for segment and header.

GB/T 9704-2012 prints a document's head as 版头 (the issuer's red-letter name, `某某市人民政府文件`),
发文字号, then the title; gazettes also print the number after the title, in brackets under it,
or not at all (通告, 公告, many 批复 and 决定, 政府令 with only `第N号`). Web reprints add index lines
(`索引号：…`, `发布日期：…`), registration codes (`XXDR-2023-01001`) and filing numbers
(`某文备〔2022〕15号`): metadata of the document, never its title, number or a citation.
"""

from __future__ import annotations

import re

from gongbao.text.chinese import DATE, remove_layout_spaces

_HAN = r"\u4e00-\u9fff"
# The 15 genres (公文种类) of the 党政机关公文处理工作条例, the title's last word; 命令 before 令.
GENRES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
          "批复", "议案", "函", "纪要")
_GENRE = "|".join(GENRES)

# The issuing organ's name ends with one of these words (人民政府, 办公室, 某某局 ...).
ORGAN_END = r"(?:人民政府|政府|办公室|办公厅|委员会|常委会|管委会|管理委员会|办事处|局|厅|部|委|署|院|会|中心|集团|队|所|站|处|办)"

# An organ's name alone, as signed under a document (发文机关署名); a short name may quote a word
# (某县“双创”办).
SIGNING_ORGAN = re.compile(rf"^[{_HAN}（）()·“”]{{2,40}}?{ORGAN_END}$")
# The title of a gazette item that is no 公文 but explains one: `《某某办法》政策解读`, `关于《…》的解读`,
# `…起草说明`, `…负责人就《…》答记者问`. A gazette lists it in its TOC (a 【政策解读】 section); it is
# no document, so its TOC entry finding none is no `toc-missing`.
EXPLAINER_TITLE = re.compile(r"(?:解读|起草说明|答记者问|问答)(?:材料)?$")
# An issuer's full name alone on the line under a title that names none (a 规章 as compilations print
# it without its 令): a place and an organ, not 各… (addressees) nor a short form (市政府, 县局).
# A law database's line under a regulation's name: the day and the issuer (`1990年7月18日，民政部`).
DATED_ISSUER = re.compile(rf"^(?P<date>{DATE.pattern})\s*[，,、\s]\s*(?P<organ>[\u4e00-\u9fff]{{2,20}}?(?:部|委|局|署|院|厅|办|人民政府|委员会))$")
# An order's number in an older form: the place, 政令 or 府令, the year in brackets (`沈政令[1997]29号`).
OLD_ORDER_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{1,6}?)(?:政|府)令\s*[〔\[［﹝【(（]\s*(?P<year>(?:19|20)\d\d)\s*[〕\]］﹞】)）]\s*第?\s*(?P<n>\d{1,4})\s*号$")
ORGAN_UNDER_TITLE = re.compile(r"^(?!各)[\u4e00-\u9fff（）()·]{2,30}?[省市县区州旗盟](?:人民政府(?:办公厅|办公室)?|[\u4e00-\u9fff]{2,20}?(?:委员会|厅|局))$")
# 版头: the issuer's name (or several, for a joint document) and 文件: `某某市人民政府文件`; not a
# numbered section heading (`二、人大常委会文件`).
RED_HEAD = re.compile(rf"^(?![一二三四五六七八九十]{{1,3}}、)[{_HAN}（）()、\s]{{2,60}}?{ORGAN_END}\s*文件$")

# The first part of a 版头 name broken over two lines (`某某县防汛抗旱` / `指挥部文件`): a place and the
# start of the organ's name, ideographs only, no organ's end (a whole name above a 版头 is a joint
# document's, or the signature of the document before).
RED_HEAD_PART = re.compile(rf"^[{_HAN}]{{1,12}}[省市县区州盟旗][{_HAN}]{{0,12}}$")


def red_head_first_part(above: str, red_head: str) -> bool:
    """Whether the line above a 版头 line (…文件, spaces removed) is the first part of its name:
    the two read together are one 版头, and the line alone is no organ's whole name."""
    part = remove_layout_spaces(above)
    return (bool(RED_HEAD_PART.match(part)) and not SIGNING_ORGAN.match(part)
            and bool(RED_HEAD.match(part + red_head)))


# A bulletin's masthead (简报, 政务督查, 工作动态), printed where a 版头 stands: the periodical's name,
# its issue (`20期`, `第3期（总第45期）`), and a line naming who compiled it and when
# (`某县人民政府督查室  2022年8月19日`, its 日 perhaps lost by a web copy). The title under it may
# name no issuer; the masthead's organ and date are then the document's issuer and date.
MASTHEAD_NAME = re.compile(rf"^[{_HAN}]{{2,16}}(?:督查|简报|动态|信息|专报|快报|通讯|要情)$")
_ISSUE_N = r"[\d〇○零一二三四五六七八九十百]{1,5}"
MASTHEAD_ISSUE = re.compile(rf"^第?\s*{_ISSUE_N}\s*期(?:\s*[（(]\s*总第\s*{_ISSUE_N}\s*期\s*[）)])?$")
MASTHEAD_ORGAN_DATE = re.compile(
    rf"^(?P<organ>[{_HAN}（）()]{{2,40}}?(?:{ORGAN_END}|室))\s*编?[ \t\u3000]*"
    r"(?P<y>(?:19|20)\d\d)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日?$")


def masthead_start(texts: list[str]) -> int | None:
    """Where a bulletin's masthead begins in `texts`, the lines right above a title (the last one
    next to it), or None: the organ-and-date line with the issue line above it (the periodical's
    name above that, when printed). An organ and a date alone are no masthead: a signature run
    together with its date closes the document before."""
    if len(texts) < 2 or not MASTHEAD_ORGAN_DATE.match(texts[-1]) or not MASTHEAD_ISSUE.match(texts[-2]):
        return None
    return len(texts) - 3 if len(texts) >= 3 and MASTHEAD_NAME.match(texts[-3]) else len(texts) - 2


# A 政府令 heading: `某某市人民政府令`, perhaps with its number on the same line.
ORDER_HEADING = re.compile(rf"^(?P<organ>[{_HAN}（）()\s]{{1,40}}?(?:人民政府|政府|国务院|委员会|总局|部|局|署|院|行|主席))\s*令\s*"
                           rf"(?:[（(]?\s*(?P<number>第\s*[\d一二三四五六七八九十百零〇]+\s*号)\s*[）)]?)?$")
# The order's number on a line of its own under the heading: `第5号`, `（第 12 号）`, `政府令〔2010〕第15号`,
# `某政令[1997]3号` (read as 第3号),
# a 人大常委会 公告's `（十四届第一号）`.
ORDER_NUMBER = re.compile(r"^[（(]?\s*(?:[\u4e00-\u9fff]{0,12}令\s*)?(?:[〔\[［(（﹝]\s*(?:19|20)\d\d\s*[〕\]］)）﹞]|(?:19|20)\d\d\s*年"
                          r"|[〔\[［﹝]\s*(?P<session>[一二三四五六七八九十]{1,4}\s*届)\s*[〕\]］﹞])?\s*"
                          r"(?P<number>(?:[一二三四五六七八九十]{1,4}\s*届\s*)?第\s*[\d一二三四五六七八九十百零〇]{1,6}\s*号)\s*[）)]?$"
                          # or a 令's number with its year and no 第 (`白山政令[1997]3号`, an older city's form)
                          r"|^[（(]?\s*[\u4e00-\u9fff]{1,12}令\s*[〔\[［(（﹝]\s*(?:19|20)\d\d\s*[〕\]］)）﹞]\s*(?P<serial>\d{1,6})\s*号\s*[）)]?$")


def order_number(m: re.Match) -> str:
    """The number an ORDER_NUMBER match gives: `第5号`; with the session a 人大常委会 公告 is
    numbered in (`（十四届第一号）`, `〔十届〕第三十号`), `十届第三十号`."""
    return ((m["session"] or "") + (m["number"] or f"第{m['serial']}号")).replace(" ", "")


# A complete title: [issuer] 关于 … 的 <genre>, perhaps with a bracketed note (（试行）, （2023年第5号）).
TITLE_ABOUT = re.compile(rf"^(?:[^，。；：:!！？?]{{2,80}}?)?关于[^。；!！？?]{{2,120}}?的?(?:{_GENRE})(?:[（(][^（）()]{{1,20}}[）)])?$")
# An organ's name and a genre, no 关于: `某某市人民政府通告`, `国家税务总局公告2023年第5号`.
TITLE_ORGAN_GENRES = ("通告", "公告", "决定", "命令", "通报")
# The title of an instrument printed on its own, with no genre of the 15: its issuer first, then
# what it is (`某县人民政府工作规则`, `某区人民政府办公室公文处理办法（试行）`). Gazettes print such
# rules, 办法 and 规定 standalone, headed by their own 文号 or by the note of their adoption.
INSTRUMENT_KINDS = ("办法", "规定", "规则", "细则", "条例", "章程", "方案", "预案", "制度", "准则", "守则",
                    "标准", "纲要", "规划", "计划", "要点", "清单", "目录", "措施", "指南", "导则", "公约")
INSTRUMENT_TITLE = re.compile(
    rf"^(?!关于)[{_HAN}（）()]{{2,40}}?(?:人民政府|政府|办公室|办公厅|委员会|常委会|管委会|公署|行署)"
    rf"[{_HAN}（）()、—]{{0,50}}?(?:{'|'.join(INSTRUMENT_KINDS)})(?:[（(][{_HAN}]{{1,10}}[）)])?$")
# The number of a 公告 or 令 after its heading: 第3号, 2023年第3号, and with Chinese numerals and the
# session as a 人大常委会 numbers its 公告: 第一号, 十四届第一号.
_SERIAL_NUMBER = (r"(?:(?:19|20)\d\d\s*年\s*|[一二三四五六七八九十]{1,4}\s*届\s*)?"
                  r"第\s*(?:\d{1,4}|[一二三四五六七八九十百〇零]{1,6})\s*号")
TITLE_ORGAN = re.compile(rf"^[{_HAN}（）()、\s]{{2,60}}?{ORGAN_END}\s*(?P<genre>{'|'.join(TITLE_ORGAN_GENRES)})"
                         rf"(?:\s*[（(]?\s*{_SERIAL_NUMBER}\s*[）)]?)?$")
# An organ's 令 that names what it orders, no 关于 (`某县人民政府森林防火禁火令`, `某市公安局禁燃令`),
# perhaps numbered under or after it (`（2025年第2号）`).
TITLE_ORGAN_ORDER = re.compile(rf"^(?P<organ>[{_HAN}（）()\s]{{2,40}}?{ORGAN_END})\s*[{_HAN}]{{1,10}}令"
                               rf"(?:\s*[（(]?\s*{_SERIAL_NUMBER}\s*[）)]?)?$")

# Metadata lines near the head.
# 索引号：000014349/2023-00123; 发布日期：2023-01-05; 主题分类：…  (a label and a value)
INDEX_LABELS = frozenset(
    "索引号 发布日期 发布机构 成文日期 生效日期 主题分类 公开方式 公开范围 信息来源 来源 发文单位 浏览次数 阅读次数 点击数 "
    "发布时间 更新时间 文号 发文机关 发文字号 统一编号 登记号 登记编号 备案号 有效性 时效 字号 浏览量 阅读量 访问量 时间 日期 "
    "作者 字体 发文日期 文件标题 标题 名称 主题词 分类 体裁 效力状态 实施日期 废止日期 所属主题 组配分类 文件编号 公开日期 "
    "信息名称 内容概述 关键词 生成日期 公文种类 发文机构 发布机关 信息分类 责任部门 公开时限 信息索取号 索取号 公开属性 "
    "成文时间 发布文号 文种 上载日期 上传日期 上传时间 录入时间 类别 失效时间 公开类别 信息类别 签发人 "
    "本文来源 文章来源 文件名称 公开目录 公开形式 公开责任部门 "
    # a legal database's field block (北大法宝's 【发布部门】…【时效性】…, other sites' 状态:有效) and
    # a 规范性文件库's fields
    "发布部门 制定机关 时效性 效力级别 法规类别 法宝引证码 状态 公文时效 发文文号 签发日期 生效时间 施行日期 失效日期 "
    "批准日期 批准部门 发布单位 审议通过日期".split())
# The labels of an index field that hold the document's own 文号, and its issuer.
NUMBER_LABELS = ("文号", "发文字号", "文件编号", "字号", "发布文号", "发文文号")
TITLE_LABELS = ("标题", "文件标题", "名称", "信息名称", "文件名称")
# The fields of a legal database's or a portal's block that say when the document was published,
# when it takes effect, and whether the site holds it in force (北大法宝's 时效性: 现行有效, 失效,
# 已被修改, 部分失效; a portal's 有效性: 有效).
PUBLISHED_LABELS = ("发布日期", "发布时间", "公布日期", "公开日期")
EFFECTIVE_LABELS = ("实施日期", "生效日期", "施行日期", "生效时间")
STATUS_LABELS = ("时效性", "有效性", "公文时效", "效力状态", "状态", "时效")
# A field's date: 2003.10.15, 2004-05-19, 2020-09-30 15:34, 2012年09月27日.
FIELD_DATE = re.compile(r"^(?P<y>(?:19|20)\d\d)\s*[-./年]\s*(?P<m>\d{1,2})\s*[-./月]\s*(?P<d>\d{1,2})\s*日?(?:\s+\d{1,2}:\d\d(?::\d\d)?)?$")
ISSUER_LABELS = ("发文机关", "发文单位", "发文机构")
# A legal database's 发布部门 (北大法宝's, a law site's): the issuer when the document names none
# itself (no issuer in the title, no signature); several organs spaced apart or joined by ；/、.
DEPARTMENT_LABELS = ("发布部门", "制定机关", "发布单位")
# Labels a portal may print without a colon, the value after a space (`索引号 000014349/2023-00123`,
# `发布机构 区政府 组配分类 通知`): those of three characters or more, which no sentence begins
# with and a space after.
SPACED_LABELS = frozenset(label for label in INDEX_LABELS if len(label) >= 3)
_SPACED_LABEL_FIRST = frozenset(label[0] for label in SPACED_LABELS)
_SPACED_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff]{3,6})[ \t\u3000]+\S")
# A field of a web reprint's index, its label perhaps spaced out (`索 引 号：`, `名　　称：`), perhaps
# an item of a bulleted list (`• 发布机构：…`).
INDEX_LINE = re.compile(r"^(?:[•·・●▪◆]\s*)?(?P<label>[\u4e00-\u9fff](?:[ \t\u3000]*[\u4e00-\u9fff]){0,5})[ \t\u3000]*[：:][ \t\u3000]*(?P<value>.*)$")
# A registration code of a 规范性文件: SZDR-2023-01001, JXDR—2022—0001, ZJSP01-2023-0005.
REGISTRATION = re.compile(r"(?<![A-Za-z0-9])(?P<code>[A-Z]{2,8}\d{0,3}\s*[-－—–]\s*(?:19|20)\d\d\s*[-－—–]\s*\d{3,7})(?![0-9])")
# Where the next field of a metadata line begins: `011282752 / 2017-00101 主题分类:`.
NEXT_LABEL = re.compile(r"\s+[\u4e00-\u9fff][\u4e00-\u9fff ]{0,6}[：:]")
# A 索引号 printed without its label: 11330700MB10327095/2024-00144, 000014349/2023-00123.
BARE_INDEX = re.compile(r"^[0-9A-Z]{6,24}\s*/\s*(?:19|20)\d\d\s*[-－—]\s*\d{3,7}$")
# What web reprints print between the title and the text without a label: the publishing date,
# the publicity class.
BARE_METADATA = re.compile(r"^(?:(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])(?:\s+\d\d:\d\d(?::\d\d)?)?"
                           r"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d\s+\d\d:\d\d(?::\d\d)?"  # 14.12.2015 12:27
                           r"|(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s+\d{1,2}:\d\d(?::\d\d)?"  # a time: when published
                           r"|主动公开|依申请公开|不予公开|免予公开|政府信息公开|有效|现行有效|已失效|已废止)$")
BARE_METADATA_FIRST = re.compile(r"^[主依不免政有现已０-９]")  # how BARE_METADATA lines may begin, but for digits
# The label of a registration line, when printed: 登记号：, 统一编号：
REGISTRATION_LABEL = re.compile(r"^(?:登记号|登记编号|统一编号|编号|规范性文件登记号)\s*[：:]\s*")

# A section heading inside the body, as gazettes print them: 【规范性文件】, ·市政府文件·, 〖部门文件〗.
SECTION_MARK = re.compile(r"^(?:【\s*(?P<a>[^】]{2,20}?)\s*】|[·•・]\s*(?P<b>[\u4e00-\u9fff]{2,12})\s*[·•・]|〖\s*(?P<c>[^〗]{2,20}?)\s*〗"
                          # one of the brackets lost by OCR (`【乡镇文件`, `部门文件】`): a name of ideographs only
                          r"|【(?P<d>[\u4e00-\u9fff]{2,12})|(?P<e>[\u4e00-\u9fff]{2,12})】)$")

# The number and the date in brackets under the title, as some gazettes print a document with no
# signature: （沪府办〔2004〕10号 二○○四年三月三十一日）.
NUMBER_AND_DATE = re.compile(rf"^[（(]\s*(?P<number>[^（）()]{{3,30}}?号)\s*[，,、]?\s*(?P<date>{DATE.pattern})\s*[）)]$")
# The same two on one line without brackets, as a ministry's web page heads a document it prints
# without a signature: `2006年10月26日　财建〔2006〕689号` (or the number first).
_DATE_UNNAMED = re.sub(r"\?P<\w+>", "", DATE.pattern)
DATE_WITH_NUMBER = re.compile(rf"^(?:(?P<date>{_DATE_UNNAMED})[\s\u3000]+(?P<number>[^\s\u3000（）()]{{3,30}}?号)"
                              rf"|(?P<number2>[^\s\u3000（）()]{{3,30}}?号)[\s\u3000]+(?P<date2>{_DATE_UNNAMED}))$")

# The date in brackets under the title, as a document printed without a signature gives it (a 决定
# of a party committee and a government as newspapers print it): （2007年3月5日）; or with the meeting
# that adopted it, as a 人大常委会 or a government prints its 决定 or 决议: （2012年9月28日…第三十五次
# 会议通过）, （2021年12月20日…常务会议通过　2021年12月30日…令第276号公布　自公布之日起施行）, the
# first date (GB/T 9704: such a document's date is the meeting's).
DATE_IN_BRACKETS = re.compile(rf"^[（(]\s*{DATE.pattern}(?:[^（）()]{{0,120}}?(?:通过|批准|公布|发布|修正|修订)[^（）()]{{0,60}})?\s*[）)]$")

# The note under a regulation's title that says which order promulgated it, as legal databases
# print a 政府规章 without the 令 itself: `（1991年3月26日某市人民政府令第19号发布）`, `（2019年9月19日市政府令
# 第1号公布　根据2021年2月22日第一次修订）`, `(…济南市人民政府令19号发布)`.
PROMULGATION = re.compile(r"(?:(?<=日)|(?<=\s))\s*(?P<organ>[\u4e00-\u9fff]{2,30}?)令\s*(?:[〔\[［(（](?:19|20)\d\d[〕\]］)）])?\s*第?\s*"
                          r"(?P<n>\d{1,4}|[一二三四五六七八九十百零〇]{1,6})\s*号\s*(?:发布|公布|颁布)")


def promulgation_note(text: str) -> re.Match | None:
    """The PROMULGATION match of a dated note in brackets (DATE_IN_BRACKETS), or None."""
    t = text.strip()
    if t[:1] not in "（(" or "令" not in t or not DATE_IN_BRACKETS.match(t):
        return None
    return PROMULGATION.search(t)


def regulation_name(text: str) -> bool:
    """Whether a short text is a regulation's name: it ends in the kind of instrument (办法, 规定 …),
    perhaps with a note (（试行）), and says no 关于."""
    t = remove_layout_spaces(text)
    if len(t) > 60 or "关于" in t:
        return False
    return t.endswith(INSTRUMENT_KINDS) or (t[-1:] in "）)" and _TRAILING_NOTE.sub("", t).endswith(INSTRUMENT_KINDS))


_TRAILING_NOTE = re.compile(r"[（(][\u4e00-\u9fff]{1,10}[）)]$")  # （试行）


# How the name of an addressee (an organ, a unit, a place) ends.
_ADDRESSEE_END = r"(?:政府|部门|机构|单位|机关|局|委|办|厅|会|室|处|所|院|校|公司|企业|集团|区|县|市|镇|乡|街道|社区|村|队"
# (and the public a 通告 or 公告 addresses: 广大农牧民, 广大人民群众, 社会各界, 过往驾驶人)
_ADDRESSEE_END += r"|民|群众|各界|人士|朋友|游客|驾驶人|驾驶员|经营者|业主|师生|家长)"
# (perhaps with a note in brackets after it: 各管理局（管委会）)
_NOTE = r"(?:[（(][\u4e00-\u9fff]{1,10}[）)])?"
ADDRESSEE_END = re.compile(_ADDRESSEE_END + _NOTE + "$")
# A line of addressees without its colon: organs' names separated by commas or 、, nothing else.
# (a name may be its organ word alone, in a list that shares the rest: 各委、办、局)
ORGAN_LIST = re.compile(rf"^(?:[\u4e00-\u9fff（）()]{{0,20}}?{_ADDRESSEE_END}{_NOTE}\s*[，,、]\s*)+"
                        rf"[\u4e00-\u9fff（）()]{{0,20}}?{_ADDRESSEE_END}{_NOTE}$")

# Titles that gazettes print without 关于, issuer or 文号, each with a byline under it (a date in
# brackets, `——2025年1月10日在…会议上`, the speaker's post and name): a leader's speech, the
# government's work report, the minutes of a meeting.
SPEECH_TITLE = re.compile(r"^在[\u4e00-\u9fff\d“”《》、·（）()]{2,60}?上的(?:讲话|致辞|发言|总结讲话|主持词|工作报告|报告)$")
WORK_REPORT_TITLE = re.compile(r"^[\u4e00-\u9fff]{0,24}政府工作报告$")
MINUTES_TITLE = re.compile(r"^[\u4e00-\u9fff\d第次届（）()]{2,40}?(?:会议|办公会|会)纪要$")
# A byline under such a title: a date in brackets, a dash and a date (`——2025年1月10日在…`), or a
# short line naming the speaker (`市长　王某某`, `某某市人民政府市长　王某某`); or the date and place
# bare, perhaps over two lines (`2025年3月21日在某区第十九届` / `人民代表大会第四次会议上`).
BYLINE = re.compile(r"^(?:[（(]\s*\S{4,40}?[）)]|[—\-－]{1,2}\s*\S.{0,80}|\d{4}年\d{1,2}月\d{1,2}日在[\u4e00-\u9fff\d（）()]{2,40}|[\u4e00-\u9fff\d（）()]{2,40}会议上|[\u4e00-\u9fff]{0,30}(?:长|主席|主任|书记|委员|部长|秘书长)[ \u3000]+[\u4e00-\u9fff·]{2,5}(?:[ \u3000]+[\u4e00-\u9fff·]{2,5})*)$")

# The last two characters of those titles (a quick test before their patterns).
BYLINED_ENDS = frozenset(("讲话", "致辞", "发言", "持词", "报告", "纪要"))


def bylined_title(text: str) -> bool:
    """Whether a text is a whole speech, work-report or minutes title (SPEECH_TITLE …)."""
    if text[-2:] not in BYLINED_ENDS:
        return False
    t = remove_layout_spaces(text)
    return bool(SPEECH_TITLE.match(t) or WORK_REPORT_TITLE.match(t) or MINUTES_TITLE.match(t))


def is_byline(text: str) -> bool:
    """Whether a line is a byline under such a title (BYLINE)."""
    return len(text) <= 90 and BYLINE.match(_ONE_SPACE.sub(" ", text.strip())) is not None


_ONE_SPACE = re.compile(r"[ \u3000\u00a0]+")


# 签发人：某某 (upward documents print it beside the number).
SIGNER_LINE = re.compile(r"^签\s*发\s*人\s*[：:]")
# An upward document's (上行文) 文号 line: the number at the left, 签发人 and the name(s) at the right
# (GB/T 9704-2012 7.2.4), one line in a text layer: `某政发〔2023〕12号　　　签发人：张某某`.
NUMBER_WITH_SIGNER = re.compile(r"^(?P<number>\S[^：:\s]{2,30}?号)[ \t\u3000]+签\s*发\s*人\s*[：:][^：:]{1,40}$")


# A title that forwards a quoted document: 转发《, 印发《, 批转《 (spaces aside).
FORWARDING = re.compile(r"(?:转发|印发|批转)[^《]{0,30}《")


# A whole title of that kind: the issuers (several joined by 、), the verb, whose document, and
# that document's title in 《》 (〈〉 inside it), nothing after; or the same with 关于 before the
# verb, the issuers then printed or not (`关于转发《某办关于…的紧急通知》`, as a township's 文件
# under its 版头 titles it).
FORWARDING_TITLE = re.compile(rf"^(?:[{_HAN}（）()、]{{2,60}}?{ORGAN_END}|(?:[{_HAN}（）()、]{{2,60}}?{ORGAN_END})?关于)"
                              rf"(?:转发|印发|批转)[^《》]{{0,40}}《[^《》]+》$")
# A notice that forwards or issues, titled without 关于, its genre its own: `某市人民政府办公室转发市发改委
# 等部门《…办法》的通知`, `某省人民政府印发《…》的通知`, `国务院批转…的通知` (the issuer's name first).
ISSUING_TITLE = re.compile(rf"^[{_HAN}（）()、]{{2,60}}?{ORGAN_END}(?:转发|印发|批转|颁发)[^。；：:!！？?]{{2,120}}?的通知"
                           r"(?:[（(][^（）()]{1,20}[）)])?$")


def genre_of(title: str | None) -> str | None:
    """The genre word a title ends with (a bracketed note after it allowed), or None."""
    if not title:
        return None
    t = re.sub(r"[（(][^（）()]{1,20}[）)]\s*$", "", title.strip())  # （征求意见稿）, （试行）
    t = t.rstrip("）)】 ")
    for g in GENRES:
        if t.endswith(g):
            return g
    if t.endswith("》") and FORWARDING.search(t):
        return "通知"  # 某局转发《…》: a document is forwarded (印发, 批转) by a 通知
    return None


def section_mark(text: str) -> str | None:
    """The section name of a section heading line, or None."""
    m = SECTION_MARK.match(text.strip())
    if not m:
        return None
    return remove_layout_spaces(m["a"] or m["b"] or m["c"] or m["d"] or m["e"])


# A label printed in brackets, as some portals' index tables print theirs: `[ 索引号 ] 1150…/2020-00160`.
_BRACKETED_LABEL = re.compile(r"[\[［〔【]\s*(?P<label>[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{1,8}?)\s*[\]］〕】]\s*")


def _plain_labels(t: str) -> str:
    """An index line with its labels in the colon form the patterns read: `[ 索引号 ] X [ 发文字号 ] Y`
    -> `索引号：X 发文字号：Y`; a first label printed without its colon, other fields with one
    (`索引号 /2022-0021 公开目录: 部门文件`) -> `索引号：/2022-0021 公开目录: 部门文件`."""
    if "[" in t or "［" in t or "〔" in t[:2] or "【" in t[:2]:
        t = _BRACKETED_LABEL.sub(lambda m: f" {remove_layout_spaces(m['label'])}："
                                 if remove_layout_spaces(m["label"]) in INDEX_LABELS else m[0], t).strip()
    if ("：" in t or ":" in t) and (label := _spaced_label(t)) and not t[len(label):].lstrip().startswith(("：", ":")):
        t = f"{label}：{t[len(label):].lstrip()}"
    return t


# How a metadata line may begin (each kind below begins so): a label's first character, a bullet
# or a bracket before a label, a `|` cell, a bare value's (BARE_METADATA_FIRST), or ASCII. A line
# beginning otherwise is none, but for a short one holding a registration code (its dashes): the
# test every printed line takes, made first.
_METADATA_FIRST = frozenset(
    {label[0] for label in INDEX_LABELS} | set(_SPACED_LABEL_FIRST) | set("•·・●▪◆[［〔【|登统编规主依不免政有现已０１２３４５６７８９"))
_REGISTRATION_LINE_MAX = 36  # a registration code and the few characters around it


def is_metadata_line(text: str) -> bool:
    """An index, registration or filing line: metadata near the head, not title or body."""
    t = text.strip()
    if not t or len(t) > 120:
        return False
    if t[0] not in _METADATA_FIRST and not t[0].isascii() and (
            len(t) > _REGISTRATION_LINE_MAX or ("-" not in t and "－" not in t and "—" not in t and "–" not in t)):
        return False
    t = _plain_labels(t)
    if "：" not in t and ":" not in t and "|" not in t:
        if t[0] in _SPACED_LABEL_FIRST and _spaced_label(t):
            return True  # a label without its colon: 索引号 SY-310115-2022-00371
        if not t[0].isascii() and not BARE_METADATA_FIRST.match(t):
            return False  # every metadata line has a label, or starts with an ASCII code or a date
    if (m := INDEX_LINE.match(t)) and remove_layout_spaces(m["label"]) in INDEX_LABELS:
        return True
    if "|" in t and (cells := _cells(t)) and cells[0] in INDEX_LABELS:
        return True  # a row of an index table: 发文字号 | 某政〔2005〕31号 | 发布时间 | …
    if REGISTRATION_LABEL.match(t) or BARE_INDEX.match(t) or BARE_METADATA.match(t):
        return True
    if "-" not in t and "－" not in t and "—" not in t and "–" not in t:
        return False  # a registration code holds two dashes (REGISTRATION's)
    m = REGISTRATION.search(t)
    return bool(m) and len(remove_layout_spaces(t)) <= len(remove_layout_spaces(m["code"])) + 4


def registration_code(text: str) -> str | None:
    """The registration code on a metadata line (spaces removed, dashes unified), or None."""
    t = REGISTRATION_LABEL.sub("", text.strip())
    m = REGISTRATION.search(t)
    if not m or len(remove_layout_spaces(t)) > len(remove_layout_spaces(m["code"])) + 4:
        return None
    return re.sub(r"\s*[-－—–]\s*", "-", m["code"])


def index_number(text: str) -> str | None:
    """The value of a `索引号：…` field (信息索取号：…), or None."""
    if value := index_field(text, ("索引号", "信息索取号", "索取号")):
        return value  # up to the next field of the same line
    if BARE_INDEX.match(text.strip()):
        return re.sub(r"\s+", "", text.strip())
    return None


# The date a law site or portal appends to a title in brackets, in digits: `…的通知(2004/06/23)`.
SITE_DATE_AFTER_TITLE = re.compile(r"\s*[（(]\s*(?:19|20)\d\d\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[）)]$")


NUMBER_AFTER_TITLE = re.compile(r"\s*[（(](?P<number>[^（）()]{4,30}号)[）)]$")


def unquote_title(title: str) -> str:
    """A title a web reprint wrapped in 《》, without them; without the date a site appended."""
    if title[-1:] in "）)" and (m := SITE_DATE_AFTER_TITLE.search(title)) and title_genre(title[:m.start()]):
        title = title[:m.start()]
    elif title[-2:-1] == "号" and (m := NUMBER_AFTER_TITLE.search(title)) and title_genre(title[:m.start()]):
        from gongbao.docnumber import match_whole

        if (number := match_whole(m["number"])) is not None and not number.is_filing:
            title = title[:m.start()]  # a database's heading with the 文号 in brackets after the title
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        return title[1:-1]
    return title


def instrument_title(title: str) -> bool:
    """Whether a text is an instrument's title printed on its own: an issuer's name and the kind
    of instrument (规则, 办法, 规定 …), no 关于, no genre of the 15."""
    t = remove_layout_spaces(title)
    return len(t) <= 90 and t[-1:] in "法定则例程案度准标要划录施南约）)" and bool(INSTRUMENT_TITLE.match(t))


def title_genre(title: str) -> str | None:
    """The genre a complete title ends with, or None when the text is not a complete title."""
    t = unquote_title(remove_layout_spaces(title))
    if t.endswith("》") and len(t) <= 160 and FORWARDING_TITLE.match(t):
        return "通知"  # 某局转发某部《关于…的通知》: forwarded by a notice that prints no genre of its own
    if not t or len(t) > 160 or t[0] in "《“\"（(" or t.endswith(("》", "”")):
        return None
    if (("关于" in t and TITLE_ABOUT.match(t))
            or (any(g in t for g in TITLE_ORGAN_GENRES) and TITLE_ORGAN.match(t))  # each where its words are
            or ("令" in t[-14:] and TITLE_ORGAN_ORDER.match(t))
            or (t.endswith(("通知", "）", ")")) and ISSUING_TITLE.match(t))):
        core = re.sub(r"[（(][^（）()]{1,20}[）)]$", "", t)
        core = re.sub(rf"{_SERIAL_NUMBER}$", "", core)
        return next((g for g in GENRES if core.endswith(g)), None)
    return None


# A 文号 and then the title on one line: `某政发〔2010〕22号 某市人民政府关于…的决定`. (The other way
# round, a title then a number, is how lists of cited or repealed documents print: not a head.)
_NUMBER_THEN_TITLE = re.compile(r"^(?P<number>[^\s：:]{4,30}?号)[ \t\u3000]+(?P<title>[^\s].{4,158})$")
# The same with no space between them, as a web page joins the two (`某政发【2023】7号关于印发…的通知`):
# the title must hold 关于 and begin with a Chinese character.
_NUMBER_GLUED_TITLE = re.compile(r"^(?P<number>[^\s：:]{4,30}?号)(?P<title>(?:[\u4e00-\u9fff][^\s]{0,40}?)?关于.{2,150})$")


def number_and_title(text: str):
    """(文号, title as printed) of a line holding both, or None."""
    t = text.strip()
    if "号" not in t:
        return None
    if " " in t or "\u3000" in t or "\t" in t:
        m = _NUMBER_THEN_TITLE.match(t)
    else:
        m = _NUMBER_GLUED_TITLE.match(t) if "关于" in t else None
    from gongbao.docnumber import match_whole

    if m and (number := match_whole(m["number"])) and not number.is_filing and title_genre(m["title"]):
        return number, m["title"].strip()
    return None


# A 文号 line whose closing bracket and 号 a web page lost, as it loses a date's 年 and 月 (they were
# printed apart): `某府办发〔2017132`, the year's four digits, then the serial.
MARKLESS_NUMBER = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{2,12})[〔\[［﹝(（](?P<year>(?:19|20)\d\d)(?P<serial>\d{1,4})$")
# The same as OCR of a scan gives it: both brackets read (any of their shapes), the 号 lost or
# read as a look-alike: `某政办发〔2021]88`, `某政办发〔2021〕88弓`; its prefix ending as a kind of
# 文号 does (…发, …函, …字, …办, …政), so that no other words before a bracketed year are taken.
OCR_HAO_LOST = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]{1,11}[发函字令复电明传报办委政])[〔\[［﹝【](?P<year>(?:19|20)\d\d)[〕\]］﹞】](?P<serial>\d{1,4})[弓亏]?$")


# A 〔 that OCR read as the letter C, between a prefix and a year that a closing bracket ends.
OCR_C_BRACKET = re.compile(r"(?<=[\u4e00-\u9fff])[Cc](?=(?:19|20)\d\d[〕\]］】﹞)）])")


# A 文号 after the date a law site or portal published it, with or without a space between them.
DATED_NUMBER = re.compile(r"^(?:19|20)\d\d[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])\s*(?P<number>[\u4e00-\u9fff][^\s]{3,30}号)$")


def head_number(text: str):
    """The 文号 of a head line: the number alone (perhaps in brackets or after 文号：), or the
    number and the date in brackets; None for a filing number or any other line."""
    from gongbao.docnumber import match_whole

    if ("C" in text or "c" in text) and len(text) <= 40:
        text = OCR_C_BRACKET.sub("〔", text)  # `某政C2009】3号`: OCR read the 〔 as a letter C
    if "号" not in text:  # every form below ends with 号: most paragraphs are ruled out here
        if ("20" in text[:20] or "19" in text[:20]) and len(text) <= 40 and (
                m := MARKLESS_NUMBER.match(text.strip()) or OCR_HAO_LOST.match(text.strip())):  # but one that lost it
            number = match_whole(f"{m['prefix']}〔{m['year']}〕{m['serial']}号")
            return None if number is None or number.is_filing or number.prefix.endswith("令") else number
        return None
    t = text.strip()
    if t[-1:] in "）)" and "（" not in t and "(" not in t:
        text = t[:-1]  # a number printed in brackets whose opening one OCR lost: `某署发〔2019〕1号）`
    elif t[:1] in "（(" and "）" not in t and ")" not in t:
        text = t[1:]  # or its closing one

    # 文　号：海发改办〔2020〕1085号　主 题 词：…, 文件编号 浦府〔2022〕1号 (the label never the prefix)
    value = index_field(text, NUMBER_LABELS)
    if not value and text.lstrip()[:2] in ("19", "20") and (m := DATED_NUMBER.match(text.strip())):
        value = m["number"]  # 2004-6-23酒政发〔2004〕89号: a law site's date before the 文号
    number = match_whole(value) if value else match_whole(text)
    if number is None and text.strip()[:1] in "（(" and (m := NUMBER_AND_DATE.match(text.strip())):
        number = match_whole(m["number"])
    if number is None and (m := DATE_WITH_NUMBER.match(text.strip())):
        number = match_whole(m["number"] or m["number2"])
    if number is None and "签" in text and (m := NUMBER_WITH_SIGNER.match(text.strip())):
        number = match_whole(m["number"])
    if number is not None and number.prefix.endswith("令"):
        return None  # 政府令〔2010〕第15号: an order's number (令号), not a 发文字号
    return None if number is None or number.is_filing else number


def issuing_organ(text: str) -> str | None:
    """The issuer a web reprint's index line names (`发文机关：…`, `发文单位：…`), or None."""
    value = index_field(text, ISSUER_LABELS)
    return (remove_layout_spaces(value) or None) if value else None


def _cells(text: str) -> list[str]:
    """The non-empty cells of a `|` row, spaces inside a label removed: `标 题 | X | ||` -> 标题, X;
    a label's colon in its own cell dropped (`索引号: | X |` -> 索引号, X)."""
    return [_cell_label(c) if len(c.strip()) <= 12 else c.strip() for c in text.split("|") if c.strip()]


def _cell_label(cell: str) -> str:
    t = remove_layout_spaces(cell)
    return t[:-1] if t[-1:] in "：:" and t[:-1] in INDEX_LABELS else t


def _colon_label_cells(text: str) -> bool:
    """Whether a `|` row prints its labels with a colon in cells of their own, the values in the
    next cells (`索引号: | TCXXGK-2020-011721 | 主题分类: | 政务公开 |`)."""
    return any(len(c.strip()) <= 12 and (t := remove_layout_spaces(c))[-1:] in "：:" and t[:-1] in INDEX_LABELS
               for c in text.split("|"))


def _table_fields(text: str) -> list[tuple[str, str]]:
    """The fields of an index table's row, label and value in cells side by side, no colons:
    `索 引 号 | 失效时间 | ||` (two labels, no values), `发文字号 | 某政〔2005〕31号 | 发布时间 | …`."""
    cells = _cells(text)
    fields = []
    for k, cell in enumerate(cells):
        if cell in INDEX_LABELS:
            value = cells[k + 1] if k + 1 < len(cells) and cells[k + 1] not in INDEX_LABELS else ""
            fields.append((cell, value))
    return fields


# `文号 某政发〔2022〕21号`: the one label of two characters read without its colon, as the number
# after it shows it is one.
_SPACED_NUMBER_LABEL = re.compile(r"^(?P<label>文号)[ \t\u3000]+(?P<number>\S+号)(?:\s|$)")


def _spaced_label(t: str) -> str | None:
    """The label of an index line printed without a colon (SPACED_LABELS), or None."""
    if t[:2] == "文号" and (n := _SPACED_NUMBER_LABEL.match(t)):
        from gongbao.docnumber import match_whole

        return "文号" if match_whole(n["number"]) else None
    if t[0] not in _SPACED_LABEL_FIRST or not (m := _SPACED_LABEL.match(t)):
        return None
    return m["label"] if m["label"] in SPACED_LABELS else None


def _spaced_fields(text: str) -> list[tuple[str, str]]:
    """The fields of an index line without colons, each value up to the next label:
    `发布机构 区政府 组配分类 通知` -> (发布机构, 区政府), (组配分类, 通知)."""
    fields: list[tuple[str, list[str]]] = []
    for word in text.split():
        if word in SPACED_LABELS or not fields:
            fields.append((word, []))
        else:
            fields[-1][1].append(word)
    return [(label, " ".join(value)) for label, value in fields]


def index_fields(text: str) -> list[tuple[str, str]]:
    """The (label, value) fields of an index line: one, or several on a line, spaced apart or
    separated by `|` (`信息分类：其他 | 文件编号：某府办字〔2012〕142号 | 公开方式：主动公开`), the
    cells of an index table's row (`发文字号 | 某政〔2005〕31号 |`), or labels and values without
    colons (`索引号 SY-310115-2022-00371`)."""
    text = _plain_labels(text.strip())
    if "|" in text and _colon_label_cells(text):
        return _table_fields(text)
    if "：" not in text and ":" not in text:
        if "|" in text:
            return _table_fields(text)
        t = text.strip()
        return _spaced_fields(t) if t and _spaced_label(t) else []  # most lines: no label at all
    fields = []
    for part in text.split("|"):
        m = INDEX_LINE.match(part.strip())
        while m:
            label, value = remove_layout_spaces(m["label"]), m["value"]
            nxt = NEXT_LABEL.search(value)
            fields.append((label, (value[:nxt.start()] if nxt else value).strip()))
            m = INDEX_LINE.match(value[nxt.start():].strip()) if nxt else None
    return fields


def index_title(text: str) -> str | None:
    """The complete title an index field gives (`标 题 | 某省人民政府关于…的通知 |`), or None."""
    value = index_field(text, TITLE_LABELS) if ("标" in text or "名" in text) else None
    return remove_layout_spaces(value) if value and title_genre(value) else None


def index_field(text: str, labels: tuple[str, ...]) -> str | None:
    """The value of the first index field of the line with one of `labels`, or None."""
    return next((value for label, value in index_fields(text) if label in labels), None)


def field_date(text: str, labels: tuple[str, ...]):
    """The date of an index field with one of `labels` on the line (`【实施日期】2003.10.15`,
    `发布日期: | 2020-09-30 15:34 |`), or None."""
    from datetime import date

    value = index_field(text, labels) if any(label[0] in text for label in labels) else None
    if not value or not (m := FIELD_DATE.match(value.strip())):
        return None
    try:
        return date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None


def printed_status(text: str) -> str | None:
    """What an index field says of the document's validity (`【时效性】现行有效`, `有 效 性：有效`,
    `公文时效: | 有效 |`, `状态:有效`), as printed, or None."""
    value = index_field(text, STATUS_LABELS) if ("效" in text or "状态" in text) else None
    value = remove_layout_spaces(value) if value else None
    return value if value and len(value) <= 12 and re.fullmatch(r"[\u4e00-\u9fff]+", value) else None


# A validity note a gazette database prints in brackets under a document's title (`（已失效）`,
# `（现行有效）`): the site's word on the document, standing between the title and the addressees.
STATUS_NOTE = re.compile(r"^[（(]\s*(?P<status>(?:已被?)?(?:部分)?(?:失效|废止|修改|修订|修正)|(?:现行)?有效)\s*[）)]$")


def status_note(text: str) -> str | None:
    """The status a bracketed validity note says (`（已失效）` → 已失效), or None."""
    t = text.strip()
    m = STATUS_NOTE.match(t) if t[:1] in "（(" and len(t) <= 12 else None
    return m["status"] if m else None


def database_issuers(text: str) -> list[str]:
    """The organs a database's `发布部门` field names (`财政部 国家发展和改革委员会 工业和信息化部`,
    `财政部;国家发展和改革委员会`), each a full organ's name, or []."""
    value = index_field(text, DEPARTMENT_LABELS) if ("发布" in text or "制定" in text) else None
    if not value:
        return []
    names = [n for n in re.split(r"[\s;；、,，]+", value.strip()) if n]
    return names if names and all(SIGNING_ORGAN.match(n) for n in names) else []
