"""Stage 5, header: a document's paragraphs -> its GB/T 9704 elements.

Title, issuer (发文机关), addressees (主送机关), signature (发文机关署名) and date signed
(成文日期), publicity note (附注), attachments (附件说明) with their status, and genre (文种).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongbao.model import Attachment, Paragraph, Warning
from gongbao.docnumber import find_doc_numbers
from gongbao.parse.heads import (DATED_ISSUER, OLD_ORDER_NUMBER, MASTHEAD_ORGAN_DATE, ORGAN_UNDER_TITLE, masthead_start, EFFECTIVE_LABELS, PUBLISHED_LABELS, ADDRESSEE_END, database_issuers, field_date, printed_status, status_note, promulgation_note, DATE_IN_BRACKETS, DATE_WITH_NUMBER, bylined_title, is_byline, NUMBER_AND_DATE, ORDER_HEADING, RED_HEAD, SIGNING_ORGAN, TITLE_ORGAN, genre_of, index_number, index_title,
                                 is_metadata_line, issuing_organ, number_and_title, red_head_first_part, registration_code, unquote_title)
from gongbao.text.chinese import DATE, DATE_END, DATE_LINE, ends_sentence, is_han, markless_date, parse_date, remove_layout_spaces
from gongbao.text.layout import ORGAN_NAME, PUBLICITY_NOTE, TITLE_END
from gongbao.text.numbering import DECIMAL_TOP, match_label, starts_with_label

# The addressee line: short, ends with a colon, lists organs separated by ，、
ADDRESSEES = re.compile(r"^(?P<names>[^。：:]{2,120}?)\s*[：:]")
# A line ending with a colon that opens the body, not a list of addressees: 现将有关事项通告如下：
# (… and a meeting's decision before a list: `…第十七次会议决定，修改下列地方性法规：`)
NOT_ADDRESSEES = re.compile(r"如下|下列|会议(?:决定|通过|研究)|^(?:为|根据|按照|依据|依照|经|现|近日|近期|关于|对于)|[。！？]")
# A signature and date on one line: 阳泉市人民政府 2020年12月7日, or run together as OCR or a copy
# leaves them (某旗人民政府2020年3月6日: the organ's name checked by `_organs`).
SIGNATURE_AND_DATE = re.compile(rf"^(?P<organ>[\u4e00-\u9fff（）()]{{2,40}}?)\s*(?P<date>{DATE.pattern})\s*$")
# A leader's signature and the date on one line, as a 令 is signed and a web copy runs it together:
# `自治区主席　陈　武　2016年12月6日`, `市长：某某 2020年1月2日` (looked for with the spaces removed).
SIGNER_AND_DATE = re.compile(rf"^[\u4e00-\u9fff]{{0,8}}?(?:长|主席|主任|总理|书记)[：:]?[\u4e00-\u9fff·]{{2,5}}"
                             rf"(?P<date>{DATE.pattern})$")
# The signature and date at the end of the text's last paragraph, after its last sentence or the
# closing formula, as a web page that runs the whole text into one line prints them:
# `…敬请谅解。 特此通告 某市公安局交通警察支队 2023年1月20日`.
TRAILING_SIGNATURE = re.compile(rf"(?:[。！]|特此[\u4e00-\u9fff]{{2}}[。！]?)\s+(?P<organ>[\u4e00-\u9fff（）()]{{2,40}}?)\s+"
                                rf"(?P<date>{DATE.pattern})\s*$")
# The same inside the line, the text going on after the date (the instrument after its notice):
# `…（修订） 某镇人民政府 2020年10月22日 某镇应急预案 1.总则…`.
# (the organ a word of its own, spaces around it; looked for only where no other signature is)
MIDLINE_SIGNATURE = re.compile(rf"\s(?P<organ>[\u4e00-\u9fff（）()]{{2,40}})\s+(?P<date>{DATE.pattern})\s+\S")
TRAILING_SIGNATURE_MAX = 80  # characters at a line's end where TRAILING_SIGNATURE is looked for
_SPACE_RUN = re.compile(r"[ \u3000\u00a0]{2,}")
# A title without 关于 names its issuers before the verb: 某市人民政府印发《…》的通知.
ISSUING_VERB = re.compile(r"(?:印发|转发|批转|颁布|公布)(?=.*的(?:通知|决定|意见))")
ISSUING_VERB_END = re.compile(r"(?:印发|转发|批转|颁布|公布)\s*$")
# The first line of an organ's name broken over two lines: ideographs only, no punctuation.
ORGAN_FRAGMENT = re.compile(r"^[\u4e00-\u9fff（）()]{4,24}$")
# A title without 关于 that begins with its issuer's name: 某县人民政府拟征收土地启动公告.
ORGAN_FIRST = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,20}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会))"
                         r"(?=[\u4e00-\u9fff《“]{4})")
# A bureau's (or a government's) name, then the year its title is for: 某区教育局2025年重点工作任务分解表.
ORGAN_BEFORE_YEAR = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,20}?(?:人民政府|政府|局|委员会|委|厅|办公室|中心))(?=(?:19|20)\d\d年)")
# A note in brackets printed before a signature on its line: （不另行文）, （联合署名）.
LEADING_NOTE = re.compile(r"^[（(][\u4e00-\u9fff]{2,8}[）)]\s*")
# A note after a signing organ's name that its seal stands for the signature: （代章）, （印章）, （盖章）.
SEAL_NOTE = re.compile(r"\s*[（(](?:代章|印章|盖章|公章)[）)]")
# The publicity note, normally a line of its own but sometimes printed after other words, or with
# the page's number glued after it by a PDF's text (`（此件主动公开）—2—`).
PUBLICITY_IN_LINE = re.compile(r"[（(]\s*(?P<note>此件[^（）()]{0,30}?)\s*[）)]\s*(?:[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}\s*)?$")
# The attachment list: 附件：1．XXX（略）
ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*[：:]\s*")
ATTACHMENT_STATUS = re.compile(r"[（(](?P<what>[^（）()]*(?:略|网络版)[^（）()]*)[）)]")


@dataclass(frozen=True)
class Header:
    title: str | None
    issuer: str | None
    genre: str | None
    addressees: list[str]
    signature: str | None
    signed: date | None
    signed_at: int | None  # index of the date paragraph
    publicity: str | None
    attachments: list[Attachment]
    instrument_title: str | None
    warnings: list[Warning]
    issuers: tuple[str, ...] = ()  # every issuer of a joint document (联合发文), the first one first
    registration: str | None = None  # registration code of a 规范性文件: SZDR-2023-01001
    index_number: str | None = None  # 索引号 of a web reprint
    filing_number: str | None = None  # 备案号: 某文备〔2022〕15号
    # What a legal database's or a portal's field block says: when published, its validity as the
    # site prints it, and when it takes effect (with the index of the field's paragraph).
    published: date | None = None
    printed_status: str | None = None
    effective_field: tuple[date, int] | None = None


def read_header(paras: list[Paragraph], number_at: int | None, title_end: int,
                title_start: int = 0, body_from: int | None = None) -> Header:
    """The header elements of one document; `paras` is the document's paragraphs from its head
    on, the title at `title_start:title_end`, the body from `body_from`."""
    warnings: list[Warning] = []
    raw_title = " ".join(p.text for p in paras[title_start:title_end]).strip()
    if number_at == title_start and (both := number_and_title(raw_title)):
        raw_title = both[1]  # the 文号 and the title on one line
    if title_end == title_start + 1 and (given := index_title(raw_title)):
        raw_title = given  # printed only in the index table: 标 题 | 某省人民政府关于…的通知 |
    raw_title = unquote_title(raw_title)
    title = remove_layout_spaces(raw_title) or None
    if title and "令" in title and (m := ORDER_HEADING.match(title)) and m["number"]:
        title = title[: m.start("number")].rstrip("（( ")  # 某市人民政府令第16号: the number is the order's
    if body_from is None:
        body_from = (number_at + 1) if number_at is not None else title_end
    genre = genre_of(title)
    addressee_at = body_from
    addressees, body_from = _addressees(paras, body_from)
    bylined = title is not None and bylined_title(title)
    if bylined:
        addressees = []  # 同志们：, 各位代表：: a speech's salutation, no organs it is sent to
    signatures, signed, signed_at = _signature(paras, body_from)
    if signed_at is None and addressee_at < body_from:
        # the addressees and the whole text on one run-on line, as some web pages print it
        signatures, signed, signed_at = _signature(paras, addressee_at)
    if signed_at is None and number_at is not None and (m := NUMBER_AND_DATE.match(paras[number_at].text.strip())):
        signed = parse_date(DATE.search(m["date"]))  # （沪府办〔2004〕10号 二○○四年三月三十一日）
    elif signed_at is None and number_at is not None and (m := DATE_WITH_NUMBER.match(paras[number_at].text.strip())):
        signed = parse_date(DATE.search(m["date"] or m["date2"]))  # 2006年10月26日　财建〔2006〕689号
    elif signed_at is None and title_end < len(paras) and DATE_IN_BRACKETS.match(paras[title_end].text.strip()):
        signed = parse_date(DATE.search(paras[title_end].text))  # （2007年3月5日） under the title
    elif signed_at is None and title_end < len(paras) and (m := DATED_ISSUER.match(paras[title_end].plain())):
        signed = parse_date(DATE.search(m["date"]))  # `1990年7月18日，民政部` under a regulation's name
    elif signed_at is None and title_end + 1 < len(paras) and ORGAN_UNDER_TITLE.match(paras[title_end].plain()) \
            and DATE_IN_BRACKETS.match(paras[title_end + 1].text.strip()):
        signed = parse_date(DATE.search(paras[title_end + 1].text))  # `某市统计局` / `（2018年4月16日）` under it
    elif signed_at is None and bylined and (dated := _byline_date(paras, title_end, title.endswith("纪要"))) is not None:
        signed = dated  # `——2025年1月10日在…会议上` under a work report; the meeting's day of minutes
    elif signed_at is None and (adopted := _adoption_note_date(paras, title_end)) is not None:
        signed = adopted  # the note of its adoption, its bracket (and 年, 月) lost on a web page
    elif signed_at is None and (mast := _masthead(paras[:title_start])) is not None and mast[1] is not None:
        signed = mast[1]  # a bulletin signed nowhere but in its masthead (`某县督查室 2022年8月19日`)
    elif signed_at is None:
        warnings.append(Warning(paras[0].first_line, "no-date", f"no date signed (成文日期) found for {title!r}"))
    elif signed is None:
        warnings.append(Warning(paras[signed_at].first_line, "unreadable-date", f"date not a calendar date: {paras[signed_at].text}"))
    named = (_placed_in_red_head(signatures, paras[:title_start])
             or signatures or [m[0] for m in [_masthead(paras[:title_start])] if m]
             or [v for p in paras[:body_from] if (v := issuing_organ(p.text))][:1]
             or _red_head_organs(paras[:title_start]) or _promulgating_organ(paras, title_end)
             or _organ_under_title(paras, raw_title, title_end)
             or (_speaker_organ(paras, title_end) if bylined else []))
    if not named and not _title_issuers(raw_title):
        # named nowhere in the document: the 发布部门 of a database's field block
        named = next((v for p in paras[:body_from] if is_metadata_line(p.text) and (v := database_issuers(p.text))), [])
    issuers = _issuers(raw_title, named)
    publicity = _publicity(paras, body_from)
    attachments = _attachments(paras[body_from:])
    instrument = _instrument_title(paras, signed_at)
    head = paras[:body_from + 3]
    fields = [p for p in paras[:body_from] if is_metadata_line(p.text)]  # the index or field block
    effective = next(((d, k) for k, p in enumerate(paras[:body_from])
                      if is_metadata_line(p.text) and (d := field_date(p.text, EFFECTIVE_LABELS))), None)
    return Header(title, issuers[0] if issuers else None, genre, addressees,
                  signatures[0] if signatures else None, signed, signed_at, publicity, attachments, instrument,
                  warnings, tuple(issuers), _first(registration_code, head), _first(index_number, head),
                  _filing_number(paras), next((d for p in fields if (d := field_date(p.text, PUBLISHED_LABELS))), None),
                  _first(printed_status, fields) or next((v for p in paras[title_end:addressee_at + 2]
                                                          if (v := status_note(p.text))), None), effective)


# The note of a 决定's or 决议's adoption as a web page may keep it: the opening bracket lost, the
# year and month marks too (`202184日宿州市第五届人民代表大会` / `常务委员会第三十一次会议通过）`).
ADOPTION_NOTE = re.compile(r"^[（(]?\s*(?P<date>(?:19|20)\d\d\S{2,8}?日)[\u4e00-\u9fff\d]{4,80}?会议(?:通过|批准)\s*[）)]?$")


def _byline_date(paras: list[Paragraph], title_end: int, minutes: bool) -> date | None:
    """The date in the bylines under a speech's, a work report's or minutes' title, or else the
    date that minutes' first sentence begins with (`2025年3月5日，市长…主持召开…`)."""
    i = title_end
    while i < min(title_end + 3, len(paras)) and is_byline(paras[i].text):
        if (m := DATE.search(paras[i].text)) and (found := parse_date(m)):
            return found
        i += 1
    first = paras[i].text.strip() if i < len(paras) else ""
    m = DATE.match(first)
    return parse_date(m) if m and minutes else None


def _adoption_note_date(paras: list[Paragraph], start: int) -> date | None:
    """The date of an adoption note among the first few paragraphs after the title, printed
    whole or over two lines, when no bracketed date (DATE_IN_BRACKETS) stands right under it."""
    for k in range(start, min(start + 6, len(paras))):
        text = paras[k].text.strip()
        if paras[k].kind == "table" or not text:
            continue
        if len(text) > 80:
            return None  # the text has begun
        joined = text if text.endswith(("）", ")")) or k + 1 >= len(paras) else text + paras[k + 1].text.strip()
        if (m := ADOPTION_NOTE.match(remove_layout_spaces(joined))) is not None:
            lead = m["date"]
            found = DATE.search(lead)
            return parse_date(found) if found else markless_date(lead)
    return None


def _promulgating_organ(paras: list[Paragraph], title_end: int) -> list[str]:
    """The organ whose order promulgated a regulation printed without the order, as the note
    under its name says (`（1991年3月26日某市人民政府令第19号发布）`): a full name only."""
    m = promulgation_note(paras[title_end].text) if title_end < len(paras) else None
    return [m["organ"]] if m and SIGNING_ORGAN.match(m["organ"]) else []


def _organ_under_title(paras: list[Paragraph], raw_title: str, title_end: int) -> list[str]:
    """The issuer's full name printed alone on the line under a title that names none, as rules
    compilations and law databases print a 规章 without its order (`某省某某暂行规定` / `某省人民政府` /
    `第一条 …`); never the addressees (`各县人民政府`) or a short form (`市政府`)."""
    if title_end >= len(paras) or _title_issuers(raw_title):
        return []
    text = paras[title_end].plain()
    if len(text) <= 40 and (m := DATED_ISSUER.match(text)):
        return [m["organ"]]  # the day and the issuer, as a law database prints them: `1990年7月18日，民政部`
    if len(text) <= 40 and (m := OLD_ORDER_NUMBER.match(text)) and (place := PLACE.match(remove_layout_spaces(raw_title))) \
            and place["place"].startswith(m["prefix"]) and not place["place"].startswith(("中共", "中国")):
        return [place["place"] + "人民政府"]  # `沈政令[1997]29号` under `沈阳市…规定`: the place's government's order
    return [text] if len(text) <= 40 and ORGAN_UNDER_TITLE.match(text) else []



# The places a name may begin with, one under another: 嵊州市 of 嵊州市通源乡人民政府, 某省某市.
PLACES = re.compile(r"(?:[\u4e00-\u9fff]{1,10}?[省市县区州盟旗])+")


def _placed_in_red_head(signatures: list[str], head: list[Paragraph]) -> list[str]:
    """The 版头's name when the one signature is that name without the places before it (a
    township signs `通源乡人民政府` under the 版头 `嵊州市通源乡人民政府文件`): the name that says
    where the organ is; else nothing."""
    if len(signatures) != 1 or not head:
        return []
    red = _red_head_organs(head)
    signed = signatures[0]
    if len(red) == 1 and len(red[0]) > len(signed) and red[0].endswith(signed) \
            and PLACES.fullmatch(red[0][: -len(signed)]):
        return red
    return []


def _red_head_organs(head: list[Paragraph]) -> list[str]:
    """The issuer's full name from the 版头 above the 文号 (`某某市人民政府文件`, or the name
    alone), for a document printed without a signature."""
    for k, p in enumerate(head):
        text = p.plain()
        if k + 1 < len(head) and red_head_first_part(text, after := remove_layout_spaces(head[k + 1].text)):
            text += after  # the name broken over the 版头's two lines
        name = text[:-2] if RED_HEAD.match(text) else text
        if SIGNING_ORGAN.match(name):
            return [name]
    return []


def _masthead(head: list[Paragraph]) -> tuple[str, date | None] | None:
    """The organ and date of a bulletin's masthead printed above the title, or None."""
    texts = [p.text.strip() for p in head]
    k = masthead_start(texts)
    if k is None:
        return None
    m = MASTHEAD_ORGAN_DATE.match(texts[-1])
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        day = None
    return remove_layout_spaces(m["organ"]), day


def _first(fact, paras: list[Paragraph]) -> str | None:
    return next((v for p in paras if (v := fact(p.text))), None)


def _filing_number(paras: list[Paragraph]) -> str | None:
    """A filing number printed anywhere in the document (often at its end); not one in brackets
    after a title in 《》, which is the number of the document cited (`《…项目备案的证明》
    （某审投内备〔2022〕112号）`)."""
    for p in paras:
        if "备" in p.text:
            for number, start, _ in find_doc_numbers(p.text):
                if number.is_filing and not p.text[:start].rstrip("（( ").endswith("》"):
                    return str(number)
    return None


def _title_issuers(raw_title: str) -> list[str]:
    """The issuers a title names before 关于 (several, separated by spaces or 、, when joint); a
    关于 inside a quoted title (转发…《关于…的通知》) is that title's, not this one's."""
    if "关于" not in QUOTED.sub("", raw_title):
        m = ORDER_HEADING.match(remove_layout_spaces(raw_title)) or TITLE_ORGAN.match(remove_layout_spaces(raw_title))
        if m is not None:
            name = m["organ"] if "organ" in m.groupdict() else remove_layout_spaces(raw_title)[: m.start("genre")]
            return [name] if 2 <= len(name) <= 40 else []
        m = ISSUING_VERB.search(raw_title)  # 某市人民政府 某市中级人民法院印发《…》的通知
        if m is None:
            m = ORGAN_FIRST.match(remove_layout_spaces(raw_title))  # 某县人民政府拟征收土地启动公告
            m = m or ORGAN_BEFORE_YEAR.match(remove_layout_spaces(raw_title))  # 某区教育局2025年…任务分解表
            return [m["organ"]] if m else []
        part = raw_title[: m.start()].strip()
    else:
        part = raw_title.split("关于", 1)[0].strip()
        if m := ISSUING_VERB_END.search(part):
            part = part[: m.start()].strip()  # 某市人民政府印发关于…的意见的通知
    if not part:
        return []
    if m := CONGRESS_SESSION.fullmatch(remove_layout_spaces(part)):
        return [m["place"] + m["organ"]]  # 某市第一届人民代表大会第八次会议: the congress, met in session
    names = [remove_layout_spaces(n) for n in re.split(r"[、，,]|\s{1,}", part) if n.strip()]
    if len(names) > 1 and all(SIGNING_ORGAN.match(n) for n in names):
        return names
    name = remove_layout_spaces(part)
    if joint := _run_together(name):
        return joint
    return [name] if 2 <= len(name) <= 40 else []


# A people's congress (or its standing committee) met in session, as a resolution's title names its
# issuer: 某市第十六届人民代表大会第四次会议 is 某市人民代表大会's.
CONGRESS_SESSION = re.compile(r"(?P<place>[\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十百零〇\d]{1,4}届"
                              r"(?P<organ>人民代表大会(?:常务委员会)?)第[一二三四五六七八九十百零〇\d]{1,4}次(?:全体)?会议")
# The speaker's line under a work report's or a speech's title: the government and the post before
# the name (`某区人民政府代区长　王某某`), which names the issuer.
SPEAKER_ORGAN = re.compile(r"^(?P<organ>[\u4e00-\u9fff]{2,30}?人民政府)(?:代|常务副|副)?(?:省长|市长|区长|县长|州长|旗长|盟长|主席)"
                           r"[ \u3000]+[\u4e00-\u9fff·]{2,5}$")


def _speaker_organ(paras: list[Paragraph], title_end: int) -> list[str]:
    """The government a speaker's line under the title names (SPEAKER_ORGAN), among the bylines."""
    i = title_end
    while i < min(title_end + 3, len(paras)) and is_byline(paras[i].text):
        if m := SPEAKER_ORGAN.match(re.sub(r"[ \u3000\u00a0]+", " ", paras[i].text.strip())):
            return [m["organ"]]
        i += 1
    return []


# A quoted title inside a title, 〈〉 perhaps nested in it: 《关于颁发〈…办法〉的通知》.
QUOTED = re.compile(r"《[^《》]*》")


# The place a name begins with (中共 before it, for a party committee): 哈尔滨市 of 中共哈尔滨市委.
PLACE = re.compile(r"^(?:中共|中国共产党)?(?P<place>[\u4e00-\u9fff]{1,10}?[省市县区州盟旗])")


def _run_together(name: str) -> list[str]:
    """Two issuers of one place printed with no space between them in a title (联合发文):
    `中共某市委某市人民政府` -> 中共某市委, 某市人民政府. The second must begin with the first's place,
    so that one organ's long name (某市委员会办公室) is never cut in two."""
    m = PLACE.match(name)
    if not m or len(name) > 60:
        return []
    place = m["place"]
    at = name.find(place, m.end())
    if at <= 0 or not SIGNING_ORGAN.match(name[:at]) or not SIGNING_ORGAN.match(name[at:]):
        return []
    return [name[:at], name[at:]]


def _is_short_form(short: str, full: str) -> bool:
    """Whether `short` abbreviates `full`: its characters appear in order (县政府 in 某某县人民政府),
    and it names the same kind of organ (the same last character)."""
    chars = iter(full)
    return len(short) < len(full) and short[-1] == full[-1] and all(c in chars for c in short)


# A session in an organ's name (`某省第十一届人民代表大会常务委员会公告`): the term, not the organ.
SESSION = re.compile(r"第[一二三四五六七八九十]{1,4}届(?=[\u4e00-\u9fff]*?(?:人民代表大会|政治协商会议|委员会))")


def _issuers(raw_title: str, signatures: list[str]) -> list[str]:
    """The issuers: as the title names them (without a session, 第十一届), the signature's full
    names winning over short forms; the signatures alone when the title names none or the
    document is joint."""
    named = [SESSION.sub("", n) for n in _title_issuers(raw_title)]
    if not named:
        return list(signatures)
    if len(signatures) > len(named):
        # signed by more organs than the title names: the title names the lead organ(s) first
        # (`某县交通运输局关于…的通告` signed 某县公安局 某县交通运输局), the co-signers after them
        lead = [next((s for s in signatures if s == n or _is_short_form(n, s)), None) for n in named]
        if None in lead:
            return list(signatures)
        return lead + [s for s in signatures if s not in lead]
    out = []
    for k, name in enumerate(named):
        full = signatures[k] if k < len(signatures) else None
        others = [n for n in named if n != name]
        if full and _is_short_form(name, full) and not any(n in full for n in others):
            name = full
        out.append(name)
    return out


def _addressees(paras: list[Paragraph], at: int) -> tuple[list[str], int]:
    """The 主送机关 line at `at`, perhaps after lines a web reprint adds without a label (the
    publisher, the date) and perhaps broken over several printed lines."""
    for skip in range(at, min(at + 4, len(paras))):
        names, after = _addressee_lines(paras, skip)
        if names:
            return names, after
        if not _reprint_line(paras[skip].text):
            break
    return [], at


def _colon_lost(text: str, paras: list[Paragraph], end: int) -> bool:
    """Whether `text`, before paragraph `end`, is the addressees printed without their colon:
    nothing but two or more organs' names separated by commas or 、, then a paragraph of text."""
    names = _split_outside_brackets(text)
    return (text[-1:] not in "：:" and len(text) <= 100 and not ends_sentence(text) and len(names) >= 2
            and all(ADDRESSEE_END.search(n) for n in names) and end < len(paras)
            and ends_sentence(paras[end].text))


def _reprint_line(text: str) -> bool:
    t = text.strip()
    return len(t) <= 30 and (is_metadata_line(t) or bool(SIGNING_ORGAN.match(remove_layout_spaces(t)))
                             or status_note(t) is not None)  # （已失效） under the title


def _addressee_lines(paras: list[Paragraph], at: int) -> tuple[list[str], int]:
    if at >= len(paras):
        return [], at
    text = paras[at].text.strip()
    end = at + 1
    byline = len(text) <= 60 and " " in text and len(_organs(text)) >= 2  # 某市财政局 市水利局
    while (end < len(paras) and end - at < 5 and text[-1:] not in "：:" and "。" not in text and not byline
           and (text[-1:] in "，,、" or is_han(text[-1:])) and len(text) < 150 and paras[end].kind == "text"
           and not starts_with_label(paras[end].text) and not is_metadata_line(paras[at].text)):
        text += paras[end].text.strip()  # the addressees broken over several printed lines
        end += 1
    if text[-1:] in "；;" and all(ADDRESSEE_END.search(n) for n in _split_outside_brackets(text[:-1])):
        text = text[:-1] + "："  # a colon misprinted (or misread) as a semicolon
    elif _colon_lost(text, paras, end):
        text += "："  # a list of organs, then the text: the addressees with the colon lost
    if text[-1:] not in "：:":
        text, end = paras[at].text.strip(), at + 1
        if _colon_lost(text, paras, end):
            text += "："  # the same, on a line of its own before the first paragraph
    m = ADDRESSEES.match(text)
    if not m or starts_with_label(text) or "为" in m["names"][-3:] or NOT_ADDRESSEES.search(m["names"]):
        return [], at
    rest = text[m.end():].strip()
    if 0 < len(rest) <= 20 and not ends_sentence(rest) and len(remove_layout_spaces(m["names"])) <= 8:
        return [], at  # `组长：李文钢`: a field of a list, not the addressees
    names = [_mend_bracket_widths(remove_layout_spaces(n)) for n in _split_outside_brackets(m["names"]) if n.strip()]
    if not names or any(len(n) > 40 for n in names):
        return [], at
    return names, end


def _mend_bracket_widths(name: str) -> str:
    """A name whose round brackets are of two widths, `各县（市)` (OCR reads a full-width bracket as
    a half-width one), with both full-width, as Chinese print sets them; a name printed all in
    half-width, `各县(市)`, is left as it is."""
    if ("（" in name or "）" in name) and ("(" in name or ")" in name):
        return name.replace("(", "（").replace(")", "）")
    return name


def _split_outside_brackets(text: str) -> list[str]:
    """Split a list of names at ，、；, but not inside brackets: 各县（市、区）人民政府 is one name."""
    parts, depth, current = [], 0, ""
    for c in text:
        depth += c in "（(〔[" 
        depth -= c in "）)〕]" and depth > 0
        if depth == 0 and c in "，,、；;":
            parts.append(current.strip())
            current = ""
        else:
            current += c
    parts.append(current.strip())
    return [p for p in parts if p]


def _organs(text: str) -> list[str]:
    """The organ names of a signature line: one, or several spaced apart (a joint signature);
    a publicity note printed on the same line is left out."""
    text = PUBLICITY_IN_LINE.sub("", text.strip()).strip()
    text = LEADING_NOTE.sub("", text)  # （不另行文）某市人民政府办公室
    text = SEAL_NOTE.sub("", text)  # 某市人民政府办公室（代章）: the seal stands in for the signature
    if len(text) > 80:
        return []
    for gap in (r"\s{2,}|\u3000+", r"\s+", r"\s*、\s*"):  # joint signatures, spaced apart or listed with 、
        parts = [remove_layout_spaces(x) for x in re.split(gap, text) if x.strip()]
        if len(parts) > 1 and all(SIGNING_ORGAN.match(x) for x in parts):
            return parts
    whole = remove_layout_spaces(text)
    return [whole] if SIGNING_ORGAN.match(whole) else []


def _signature_block(paras: list[Paragraph], at: int, start: int) -> list[str]:
    """The organ names signing next to the date at `at`: before it, or after it (the date printed
    first), or after the publicity note."""
    before: list[str] = []
    k = at - 1
    while k >= start and k >= at - 4 and (names := _organs(paras[k].text)):
        before = names + before
        k -= 1
    if (len(before) == 1 and k >= start and ORGAN_FRAGMENT.match(paras[k].text.strip())
            and not LEADING_NOTE.match(paras[k].text.strip())
            and not paras[k].text.strip().startswith("特此") and not genre_of(paras[k].text.strip())):
        joined = paras[k].plain() + before[0]  # a long name broken over two lines
        if SIGNING_ORGAN.match(joined):
            before = [joined]
    if before:
        return before
    for k in (at + 1, at + 2):
        if k < len(paras):
            names = _organs(paras[k].text)
            if names:
                return names
            if not PUBLICITY_NOTE.match(paras[k].text.strip()):
                break
    return []


def _signature(paras: list[Paragraph], start: int) -> tuple[list[str], date | None, int | None]:
    """The first date line that closes a text: with a signature before or after it, or before
    the publicity note, or standing alone; its signing organs."""
    first_alone = None
    for i in range(start, len(paras)):
        if paras[i].kind == "table":
            continue
        text = paras[i].text.strip()
        if text[-1:] not in DATE_END:
            continue  # what both patterns below need: the line ends with its date
        # (the window measured with runs of spaces as one: a page may spread the signature far apart)
        tail = _SPACE_RUN.sub(" ", text[-4 * TRAILING_SIGNATURE_MAX:])[-TRAILING_SIGNATURE_MAX:]
        if m := (SIGNATURE_AND_DATE.match(text) or TRAILING_SIGNATURE.search(tail)):
            organs = _organs(m["organ"])
            if organs:
                return organs, parse_date(DATE.search(m["date"])), i
        if not DATE_LINE.match(text):
            if len(text) <= 40 and (m := SIGNER_AND_DATE.match(remove_layout_spaces(text))):
                return [], parse_date(DATE.search(m["date"])), i  # the leader signs: no organ
            continue
        organs = _signature_block(paras, i, start)
        after = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
        if (organs or PUBLICITY_NOTE.match(after) or PUBLICITY_IN_LINE.search(after) or i + 1 == len(paras)
                or (i > start and ends_sentence(paras[i - 1].text) and _may_name_instrument(after))):
            # ... or the text ends, the date alone, and the title of what a notice issues follows
            return organs, parse_date(DATE.search(text)), i
        if first_alone is None:
            first_alone = i
    # Print layout may scatter the signature block into the last lines of the text: take the
    # first date line with the signing organ's name near it.
    for i in range(start, len(paras) if first_alone is None else first_alone + 1):
        if DATE_LINE.match(paras[i].text.strip()):
            near = [paras[j].plain() for j in range(max(start, i - 3), min(len(paras), i + 3))]
            organ = next((n for n in near if ORGAN_NAME.match(n)), None)
            if organ:
                return [organ], parse_date(DATE.search(paras[i].text)), i
    if first_alone is not None:  # a date standing alone, with no signature near it
        return [], parse_date(DATE.search(paras[first_alone].text)), first_alone
    for i in range(start, len(paras)):  # a signature inside a run-on line, more text after it
        if any(c in paras[i].text for c in DATE_END) and (m := MIDLINE_SIGNATURE.search(paras[i].text)) and (organs := _organs(m["organ"])):
            return organs, parse_date(DATE.search(m["date"])), i
    for i in range(start, len(paras)):  # no date line at all: one whose 年月日 a web page lost
        if d := markless_date(paras[i].text):
            return [], d, i
    return [], None, None


def _publicity(paras: list[Paragraph], start: int) -> str | None:
    for p in paras[start:]:
        if "此件" not in p.text:
            continue
        if m := PUBLICITY_IN_LINE.search(p.text.strip()):
            return re.split(r"[，,；;]", m["note"])[0].strip()
        if PUBLICITY_NOTE.match(p.text.strip()):
            return p.text.strip()  # printed without its brackets: 此件公开发布
    return None


def _attachments(paras: list[Paragraph]) -> list[Attachment]:
    """Every 附件说明 list of the notice and its instrument: `附件：1．A（略）` and the lines after it."""
    out: list[Attachment] = []
    listing = False
    for p in paras:
        text = p.text.strip()
        head = ATTACHMENT_HEAD.match(text)
        if head:
            listing = True
            text = text[head.end():]
        elif not listing:
            continue
        elif not ATTACHMENT_ITEM.match(text):  # the next item, `2．B` (`2．2018年…` too)
            listing = False
            continue
        out.extend(_attachment(part, p.first_line) for part in _split_numbered(text))
    unique: dict[str, Attachment] = {}
    for a in out:
        if a.title and a.title not in unique:
            unique[a.title] = a
    return list(unique.values())


# An item of an attachment list on a line of its own: `2．B`, and `2．2018年…`, which no outline
# label reads (a digit after the point reads as a decimal there), but not a decimal (`2.5级`).
ATTACHMENT_ITEM = re.compile(r"^\s*\d{1,2}(?:[．、]|\.(?!\d)|\.(?=\d{4}年))")


def _split_numbered(text: str) -> list[str]:
    """`1．A（略）2．B（略）` printed on one line -> two items; so too `1．A` `2．B` on lines of
    their own that the layout joined into one paragraph (`1．A2．B`): the items are cut where the
    next number in turn stands, not after a digit (`2018年` in a title is no item 8) nor as a
    decimal (`2.5级`)."""
    parts = re.split(r"(?<=[）)])\s*(?=\d{1,2}[.．、])", text)
    items: list[str] = []
    for part in parts:
        first = re.match(r"\s*(\d{1,2})[.．、]", part)
        if first is None:
            items.append(part)
            continue
        n, at = int(first[1]), 0
        while m := re.compile(rf"(?<!\d){n + 1}(?:[．、]|\.(?!\d)|\.(?=\d{{4}}年))").search(part, at + len(first[0]) if at == 0 else at + 1):
            items.append(part[at:m.start()])
            at, n = m.start(), n + 1
        items.append(part[at:])
    return [re.sub(r"^\s*\d{1,2}[.．、]", "", p).strip() for p in items if p.strip()]


def _attachment(text: str, line: int) -> Attachment:
    status = "included"
    m = ATTACHMENT_STATUS.search(text)
    if m:
        status = "online" if "网络版" in m["what"] else "omitted"
        text = text[: m.start()] + text[m.end():]
    title = remove_layout_spaces(text).rstrip("；;。")
    if title.startswith("《") and title.endswith("》") and title.count("《") == 1:
        title = title[1:-1]
    return Attachment(title=title, status=status, line=line)


# A note after an instrument's name: 某县应急预案（试行）, …办法（修订）.
NOTE_AFTER_NAME = re.compile(r"[（(][\u4e00-\u9fff]{1,10}[）)]$")


def _may_name_instrument(text: str) -> bool:
    return (0 < len(text) <= 60 and not (text[0] in "（(" and text[-1] in "）)") and not text.endswith(("。", "；", "：", ":")) and not starts_with_label(text)
            and not DECIMAL_TOP.match(text) and not text.startswith("附件") and not DATE_LINE.match(text))


def _publicity_alone(text: str) -> bool:
    """The publicity note, perhaps with the page's number glued after it (`（此件主动公开）—2—`)."""
    m = PUBLICITY_IN_LINE.search(text) if text[:1] in "（(" else None
    return m is not None and m.start() == 0


# A line of the 版记 an older 文件 prints under its date: 主题词：…, 抄送：…, 抄报：…, 印发 (spaces
# inside the label as typeset or not).
RECORD_LINE = re.compile(r"^(?:主\s*题\s*词|抄\s*送|抄\s*报|分\s*送)\s*[：:]")


def _instrument_title(paras: list[Paragraph], signed_at: int | None) -> str | None:
    """The title of what a 印发 notice issues: the first short paragraph after the signature block."""
    if signed_at is None:
        return None
    for i in range(signed_at + 1, min(signed_at + 4, len(paras))):
        text = paras[i].text.strip()
        if PUBLICITY_NOTE.match(text) or _organs(text) or _publicity_alone(text):
            continue
        if RECORD_LINE.match(text):
            return None  # the 版记 (主题词, 抄送, 印发) under the date: the notice ends there
        if _may_name_instrument(text):
            title = text
            following = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
            if len(following) <= 30 and _may_name_instrument(following) and len(title) + len(following) <= 60 \
                    and not TITLE_END.search(NOTE_AFTER_NAME.sub("", title)):
                title += following  # a name broken over two printed lines (not one complete with its note: …预案（试行）)
            return remove_layout_spaces(title)
        return None
    return None
