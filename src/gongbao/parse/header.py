"""Stage 5, header: a document's paragraphs -> its GB/T 9704 elements.

Title, issuer (发文机关), addressees (主送机关), signature (发文机关署名) and date signed
(成文日期), publicity note (附注), attachments (附件说明) with their status, and genre (文种).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gongbao.model import Attachment, Paragraph, Warning
from gongbao.text.chinese import DATE, DATE_LINE, parse_date, remove_layout_spaces
from gongbao.text.layout import ORGAN_NAME, PUBLICITY_NOTE, TITLE_END
from gongbao.text.numbering import DECIMAL_TOP, match_label

# The 15 genres (公文种类) of the 党政机关公文处理工作条例; the title's last word. 命令 before 令.
GENRES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示",
          "批复", "议案", "函", "纪要")
# The addressee line: short, ends with a colon, lists organs separated by ，、
ADDRESSEES = re.compile(r"^(?P<names>[^。：:]{2,120}?)\s*[：:]")
ADDRESSEE_SPLIT = re.compile(r"\s*[，,、；;]\s*")
# A signature and date on one line: 阳泉市人民政府 2020年12月7日
SIGNATURE_AND_DATE = re.compile(rf"^(?P<organ>[\u4e00-\u9fff（）()]{{2,40}}?)\s+(?P<date>{DATE.pattern})\s*$")
# The publicity note, normally a line of its own but sometimes printed after other words.
PUBLICITY_IN_LINE = re.compile(r"[（(]\s*(?P<note>此件[^（）()]{0,30}?)\s*[）)]\s*$")
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


def read_header(paras: list[Paragraph], number_at: int | None, title_end: int) -> Header:
    """The header elements of one document; `paras` is the document's paragraphs, title first."""
    warnings: list[Warning] = []
    title = remove_layout_spaces(" ".join(p.text for p in paras[:title_end])) or None
    body_from = (number_at + 1) if number_at is not None else title_end
    issuer = _issuer(title)
    genre = genre_of(title)
    addressees, body_from = _addressees(paras, body_from)
    signature, signed, signed_at = _signature(paras, body_from)
    if signed_at is None:
        warnings.append(Warning(paras[0].first_line, "no-date", f"no date signed (成文日期) found for {title!r}"))
    elif signed is None:
        warnings.append(Warning(paras[signed_at].first_line, "unreadable-date", f"date not a calendar date: {paras[signed_at].text}"))
    if issuer is None:
        issuer = signature
    publicity = _publicity(paras, body_from)
    attachments = _attachments(paras[body_from:])
    instrument = _instrument_title(paras, signed_at)
    return Header(title, issuer, genre, addressees, signature, signed, signed_at, publicity, attachments, instrument, warnings)


def genre_of(title: str | None) -> str | None:
    if not title:
        return None
    t = title.rstrip("）)】 ")
    for g in GENRES:
        if t.endswith(g):
            return g
    return None


def _issuer(title: str | None) -> str | None:
    if not title or "关于" not in title:
        return None
    issuer = title.split("关于", 1)[0]
    return issuer if 2 <= len(issuer) <= 40 else None


def _addressees(paras: list[Paragraph], at: int) -> tuple[list[str], int]:
    if at >= len(paras):
        return [], at
    text = paras[at].text.strip()
    m = ADDRESSEES.match(text)
    if not m or match_label(text) or "为" in m["names"][-3:]:
        return [], at
    names = [remove_layout_spaces(n) for n in ADDRESSEE_SPLIT.split(m["names"]) if n.strip()]
    if not names or any(len(n) > 40 for n in names):
        return [], at
    return names, at + 1


def _signature(paras: list[Paragraph], start: int) -> tuple[str | None, date | None, int | None]:
    """The first date line that closes a text: after a signature or before the publicity note."""
    for i in range(start, len(paras)):
        text = paras[i].text.strip()
        if m := SIGNATURE_AND_DATE.match(text):
            if ORGAN_NAME.match(m["organ"]):
                return m["organ"], parse_date(DATE.search(m["date"])), i
        if not DATE_LINE.match(text):
            continue
        before = paras[i - 1].text.strip() if i > start else ""
        after = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
        if ORGAN_NAME.match(remove_layout_spaces(before)):
            return remove_layout_spaces(before), parse_date(DATE.search(text)), i
        if PUBLICITY_NOTE.match(after) or i + 1 == len(paras) or ORGAN_NAME.match(remove_layout_spaces(after)):
            organ = remove_layout_spaces(after) if ORGAN_NAME.match(remove_layout_spaces(after)) else None
            if organ is None and i + 2 < len(paras) and ORGAN_NAME.match(remove_layout_spaces(paras[i + 2].text)):
                organ = remove_layout_spaces(paras[i + 2].text)  # signature printed after the note
            return organ, parse_date(DATE.search(text)), i
    # Print layout may scatter the signature block into the last lines of the text: take the
    # first date line with the signing organ's name near it.
    for i in range(start, len(paras)):
        if DATE_LINE.match(paras[i].text.strip()):
            near = [remove_layout_spaces(paras[j].text) for j in range(max(start, i - 3), min(len(paras), i + 3))]
            organ = next((n for n in near if ORGAN_NAME.match(n)), None)
            if organ:
                return organ, parse_date(DATE.search(paras[i].text)), i
    return None, None, None


def _publicity(paras: list[Paragraph], start: int) -> str | None:
    for p in paras[start:]:
        m = PUBLICITY_IN_LINE.search(p.text.strip())
        if m:
            return re.split(r"[，,；;]", m["note"])[0].strip()
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
        elif not match_label(text) or match_label(text).kind != "arabic":
            listing = False
            continue
        label = match_label(text)
        if label and label.kind == "arabic":
            text = label.rest
        out.extend(_attachment(part, p.first_line) for part in _split_numbered(text))
    unique: dict[str, Attachment] = {}
    for a in out:
        if a.title and a.title not in unique:
            unique[a.title] = a
    return list(unique.values())


def _split_numbered(text: str) -> list[str]:
    """`1．A（略）2．B（略）` printed on one line -> two items."""
    parts = re.split(r"(?<=[）)])\s*(?=\d{1,2}[.．、])", text)
    return [re.sub(r"^\d{1,2}[.．、]", "", p).strip() for p in parts if p.strip()]


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


def _may_name_instrument(text: str) -> bool:
    return (0 < len(text) <= 60 and not text.endswith(("。", "；", "：", ":")) and not match_label(text)
            and not DECIMAL_TOP.match(text) and not text.startswith("附件") and not DATE_LINE.match(text))


def _instrument_title(paras: list[Paragraph], signed_at: int | None) -> str | None:
    """The title of what a 印发 notice issues: the first short paragraph after the signature block."""
    if signed_at is None:
        return None
    for i in range(signed_at + 1, min(signed_at + 4, len(paras))):
        text = paras[i].text.strip()
        if PUBLICITY_NOTE.match(text) or ORGAN_NAME.match(remove_layout_spaces(text)):
            continue
        if _may_name_instrument(text):
            title = text
            following = paras[i + 1].text.strip() if i + 1 < len(paras) else ""
            if len(following) <= 30 and _may_name_instrument(following) and len(title) + len(following) <= 60 \
                    and not TITLE_END.search(title):
                title += following  # a name broken over two printed lines
            return remove_layout_spaces(title)
        return None
    return None
