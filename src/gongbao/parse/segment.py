"""Stage 4, segment: paragraphs -> document spans.

A document is anchored on its 发文字号 line (a paragraph that is nothing but a document number);
its title is the run of short paragraphs just before that line. A document runs until the next
document's title. So a 印发 notice and the instrument printed after its signature (which has a
title of its own but no 文号) stay one document. A document whose 文号 line is missing is found
by its table-of-contents title instead, and a warning says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gongbao.docnumber import DocNumber, match_whole
from gongbao.model import Paragraph, TocEntry, Warning
from gongbao.parse.heads import (DATED_ISSUER, OLD_ORDER_NUMBER, EXPLAINER_TITLE, ORGAN_LIST, ORGAN_UNDER_TITLE, BYLINED_ENDS, DATE_IN_BRACKETS, FORWARDING_TITLE, INSTRUMENT_KINDS, MINUTES_TITLE, ORDER_HEADING, ORDER_NUMBER, RED_HEAD, SIGNER_LINE, SIGNING_ORGAN, TITLE_ORGAN, TITLE_ORGAN_GENRES, TITLE_ORGAN_ORDER, bylined_title, genre_of, head_number, masthead_start, red_head_first_part, index_title, instrument_title, is_byline, is_metadata_line, number_and_title, order_number, promulgation_note, regulation_name, section_mark,
                                 title_genre, unquote_title)
from gongbao.parse.issue import PAGE_REF, pageless_toc_end
from gongbao.parse.likeness import alike as _alike
from gongbao.text.chinese import DATE, DATE_LINE, display_width, ends_sentence, markless_date, remove_layout_spaces
from gongbao.text.layout import BREADCRUMB, OMITTED_END, PUBLICITY_NOTE, is_block_line
from gongbao.text.numbering import starts_with_label

# A title is at most this many paragraphs and this wide (in character cells).
MAX_TITLE_PARAGRAPHS = 5
MAX_TITLE_WIDTH = 120
MAX_TITLE_CHARS = 160  # no paragraph of a title is longer (a title is at most 120 cells wide)
# The first paragraph of a title usually names the issuer: ...人民政府 / ...办公室 [关于...].
# A town, township or street names itself by its place alone before 关于 (`某某镇关于…的通知`).
# A rule's first article: `第一条 为了…`, `第一条为…`.
FIRST_ARTICLE = re.compile(r"^第一条(?:\s|[\u4e00-\u9fff])")
ISSUER_START = re.compile(r"^《?[\u4e00-\u9fff（）() \u3000]{2,40}?(?:(?:人民政府|办公室|委员会|管委会|办事处|人大常委会|局|厅|部|院|指挥部|领导小组|公署|行署"
                          r"|人民代表大会(?:常务委员会)?第[一二三四五六七八九十百零〇\d]{1,4}次(?:全体)?会议)"
                          r"(?:\s*关于|$)|(?:镇|乡|街道)\s*关于)")
# A character every issuer's name ISSUER_START reads holds (人民政府, 办公室, 委员会 … 局, 厅, 公署):
# a cheap test before the pattern, which tries every length of name.
ISSUER_END_CHAR = re.compile(r"[府室会处局厅部院组署镇乡道]")
ISSUER_ALONE_MAX = 50  # characters: an issuer's name alone, as ISSUER_START reads it, is no longer
# A title's line that begins with an organ's name, whatever follows: 某市住房和城乡建设局 关于…
ISSUER_START_ANY = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}?(?:人民政府|政府|办公室|办公厅|委员会|局|厅|委|部|办|院|会)[\s\u3000]")
# A title line that begins with an organ's name and 关于: 县人民政府关于…
ISSUER_ABOUT = re.compile(r"^《?[\u4e00-\u9fff（）()]{2,40}?(?:人民政府|政府|办公室|办公厅|委员会|局|厅|委|部|院|指挥部|领导小组|公署|行署)关于")
# An entry of a list of people, a name and the organ they serve in: `李定一 湖南省林业厅`. Never a
# title's issuer line: the name before the space does not end as a place or an organ's name does.
NAME_AND_ORGAN = re.compile(r"^(?!关于)[\u4e00-\u9fff]{1,3}[^\s省市县区州盟旗镇乡村局委办厅府部院会]"
                            r"[ \u3000]+[\u4e00-\u9fff（）()]{2,30}(?:局|厅|委|办|府|会|院|部|所|中心|公司|站|队|社|校)$")
# A field of a list, `牵头单位：市发展改革委`: never part of a title.
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,7}[：:]\s*\S")
# A title may be the genre alone (a town's `通　知`), the issuer named only by the signature.
BARE_GENRE_TITLES = frozenset(("通知", "通告", "公告", "通报", "决定"))
# A 印发 notice: the instrument it issues follows its signature, in the same document.
ISSUING = re.compile(r"(?:印发|转发|颁布|公布|发布)")
# A signature and a date on one line, closing a document.
SIGNATURE_WITH_DATE = re.compile(rf"\s{DATE.pattern}\s*$")
# The publicity note inside a signature line (`某市人民政府（此件公开发布）`).
PUBLICITY_IN_TEXT = re.compile(r"[（(]\s*此件[^（）()]{0,30}[）)]")
# The back page: address, postcode, printing details.
BACK_MATTER = re.compile(r"(?:地\s*址|邮\s*编|邮政编码|电\s*话|传\s*真|网\s*址|准印证|印\s*刷|内部资料|免费交流)[:：]?")


@dataclass(frozen=True)
class Span:
    """Where one document lies in the paragraph list (indices; `end` exclusive).

    `start` is the first paragraph of its head (版头, 文号 or title, whichever comes first); the
    title is `title_start:title_end`; the body begins at `body_from`, after the title, the 文号
    and any metadata lines of the head."""

    start: int
    number_at: int | None  # index of the 文号 paragraph, None when the document prints none
    end: int
    doc_number: DocNumber | None
    title_start: int = -1
    title_end: int = -1
    body_from: int = -1
    order_number: str | None = None  # 政府令: 第N号

    def __post_init__(self) -> None:  # spans built the old way: title before the number
        if self.title_start < 0:
            object.__setattr__(self, "title_start", self.start)
        if self.title_end < 0:
            object.__setattr__(self, "title_end", self.number_at if self.number_at is not None else self.start + 1)
        if self.body_from < 0:
            object.__setattr__(self, "body_from", max(self.title_end, (self.number_at or 0) + 1))


@dataclass(frozen=True)
class _Head:
    start: int
    title_start: int
    title_end: int
    number_at: int | None
    number: DocNumber | None
    body_from: int
    order_number: str | None = None


def find_spans(paragraphs: list[Paragraph]) -> list[Span]:
    """Document spans in reading order: anchored on 文号 lines first, then on complete titles of
    documents that print no number (通告, 公告, 批复, 政府令 ...)."""
    floor = _body_floor(paragraphs)
    heads = _heads_by_number(paragraphs, floor)
    heads = _add_heads_by_title(paragraphs, heads, floor)
    return _spans(paragraphs, heads)


def _heads_by_number(paragraphs: list[Paragraph], floor: int) -> list[_Head]:
    heads: list[_Head] = []
    for i, p in enumerate(paragraphs):
        if i < floor or p.kind == "table" or (heads and i < heads[-1].body_from):
            continue
        number = head_number(p.text)
        lowest = heads[-1].body_from if heads else floor
        if number is None and (both := number_and_title(p.text)):
            heads.append(_Head(_head_start(paragraphs, i, lowest), i, i + 1, i, both[0], _skip_metadata(paragraphs, i + 1)))
            continue
        if number is None:
            continue
        head = _head_at_number(paragraphs, i, number, lowest)
        if head is not None:
            heads.append(head)
    return heads


def _head_at_number(paragraphs: list[Paragraph], at: int, number: DocNumber, lowest: int) -> _Head | None:
    """The head around a 文号 line: its title before it (as Yangquan prints) or after it (版头)."""
    if is_metadata_line(paragraphs[at].text):  # the 文号 field of a reprint's index block
        after = _skip_metadata(paragraphs, at + 1)
        if after < len(paragraphs) and head_number(paragraphs[after].text) == number:
            return None  # the number printed again as the head's own 文号 line: that one heads it
        heading_end = _title_after(paragraphs, after)  # or under the page's heading, over the title again
        if heading_end is not None and heading_end < len(paragraphs) and head_number(paragraphs[heading_end].text) == number \
                and (own_end := _title_after(paragraphs, heading_end + 1)) is not None \
                and _page_heading(paragraphs, after, heading_end, heading_end + 1, own_end):
            return None
    before = _title_start(paragraphs, at, lowest)
    before_genre = _block_genre(paragraphs, before, at) if before < at else None
    after_end = _title_after(paragraphs, at + 1)
    enclosed = paragraphs[at].text.strip()[:1] in "（("  # printed in brackets under its title
    if after_end is None and before == at and not enclosed:
        after_end = _instrument_title_after(paragraphs, at + 1)  # 某政发〔2017〕40号 / 某县人民政府工作规则
    use_after = after_end is not None and not enclosed and (
        before == at or before_genre is None or _is_red_head_block(paragraphs, before, at)
        or _same_text(paragraphs, before, at, at + 1, after_end)
        or _page_heading(paragraphs, before, at, at + 1, after_end))
    if use_after:
        start = _head_start(paragraphs, at, lowest)
        if before < at and _page_heading(paragraphs, before, at, at + 1, after_end):
            start = _head_start(paragraphs, before, lowest)  # the page's heading and its index block
        body = _skip_repeated_title(paragraphs, _skip_metadata(paragraphs, at + 1), after_end,
                                    _skip_metadata(paragraphs, after_end))
        if body < len(paragraphs) and head_number(paragraphs[body].text) == number:
            body += 1  # the number of a reprint's index printed again under the title
        return _Head(start, _skip_metadata(paragraphs, at + 1), after_end, at, number, body)
    if before == at and not _addressed(paragraphs, _skip_metadata(paragraphs, at + 1)):
        return None  # a number standing alone in a text (a list of cited documents), not a 文号 line
    title_start = before
    while title_start < at and is_metadata_line(paragraphs[title_start].text):
        title_start += 1
    title_end = at
    while title_end > title_start and (is_metadata_line(paragraphs[title_end - 1].text)
                                       or section_mark(paragraphs[title_end - 1].text)):
        title_end -= 1
    start = _head_start(paragraphs, before, lowest)
    if title_start >= at:  # no title printed: the one an index table gives (标 题 | … |), if any
        given = next((k for k in range(start, at + 1) if index_title(paragraphs[k].text)), None)
        if given is not None:
            return _Head(start, given, given + 1, at, number, _skip_metadata(paragraphs, at + 1))
    return _Head(start, title_start, max(title_end, title_start + 1) if title_start < at else at, at, number,
                 _skip_metadata(paragraphs, at + 1))


def _block_genre(paragraphs: list[Paragraph], start: int, end: int) -> str | None:
    text = "".join(p.text for p in paragraphs[start:end] if not is_metadata_line(p.text))
    return genre_of(remove_layout_spaces(text)) if text else None


def _is_red_head_block(paragraphs: list[Paragraph], start: int, end: int) -> bool:
    """Whether the paragraphs before a 文号 line are its 版头 (`某某市人民政府文件`, 签发人)."""
    texts = [p.plain() for p in paragraphs[start:end] if not is_metadata_line(p.text)]
    return bool(texts) and all(RED_HEAD.match(t) or SIGNER_LINE.match(t) for t in texts)


# A name of the level alone, no place before it (市政府文件, 县政府办公室文件): a gazette's section,
# never a 版头, which prints the organ's whole name (某某市人民政府办公室文件).
LEVEL_ONLY = re.compile(r"^[省市县区州盟旗](?:人民)?(?:政府|委|人大)")


def _head_start(paragraphs: list[Paragraph], first: int, lowest: int) -> int:
    """Extend a head back over its 版头 line, 签发人 line and the index lines of a web reprint
    (索引号, registration code), when printed: they belong to the document that follows."""
    start = first
    above = max(lowest, first - 3)
    if (m := masthead_start([p.text.strip() for p in paragraphs[above:first]])) is not None:
        start = above + m  # a bulletin's masthead (name, issue, organ and date) where a 版头 stands
    k = start - 1
    while k >= max(lowest, first - 6):
        text = paragraphs[k].plain()
        if _outranks(paragraphs[k], paragraphs[first]):
            break  # a markdown heading above the title's rank: the section the title is in
        if text == "文件" and k - 1 >= lowest and SIGNING_ORGAN.match(paragraphs[k - 1].plain()):
            start = k - 1  # the 版头 over two lines: the issuer's name, then 文件 under it
            k -= 2
            while k >= lowest and _stacked_name(paragraphs, k, lowest):
                start = k  # a joint 版头: the other issuers' names stacked above
                k -= 1
            continue
        if RED_HEAD.match(text) and not LEVEL_ONLY.match(text) and k - 1 >= lowest \
                and _stacked_name(paragraphs, k - 1, lowest):
            start = k - 1  # a joint 版头 whose 文件 is on the last name's line
            k -= 2
            continue
        if RED_HEAD.match(text) and k - 1 >= lowest and red_head_first_part(paragraphs[k - 1].text, text):
            start = k - 1  # a long name broken over the 版头's two lines: 某某县防汛抗旱 / 指挥部文件
            k -= 2
            continue
        if (RED_HEAD.match(text) and not LEVEL_ONLY.match(text)) or SIGNER_LINE.match(text) \
                or is_metadata_line(paragraphs[k].text):
            start = k
        elif k == first - 1 and _bare_red_head(paragraphs, k, lowest):
            start = k
        else:
            break
        k -= 1
    if start < first and start - 1 >= lowest and all(is_metadata_line(p.text) for p in paragraphs[start:first]) \
            and _database_heading(paragraphs[start - 1]):
        start -= 1  # a legal database's or a portal's heading over the field block: this document's
    return start


def _database_heading(p: Paragraph) -> bool:
    """Whether a paragraph right above a field block of index lines is the heading a legal database
    or a portal prints over it: a complete title, or the name of the instrument a 令 promulgates."""
    if not _may_be_title(p):
        return False
    text = p.plain()
    return title_genre(text) is not None or instrument_title(text) or (len(text) <= 60 and regulation_name(text))


def _outranks(p: Paragraph, title: Paragraph) -> bool:
    """Whether `p` is a markdown heading of a higher rank than the title's heading (`# 部门文件`
    over `## 某某关于…的通知`): a section heading, however it reads (…文件 like a 版头)."""
    return (p.kind == "heading" and title.kind == "heading" and p.heading_level is not None
            and title.heading_level is not None and p.heading_level < title.heading_level)


def _bare_red_head(paragraphs: list[Paragraph], k: int, lowest: int) -> bool:
    """Whether the organ's name alone at `k`, just above a 文号 line, is the 版头 printed without
    文件 (`江苏省人民政府`), not the signature of the document before, which would follow its date
    or publicity note (a signature printed after its date)."""
    text = paragraphs[k].text.strip()
    if head_number(paragraphs[k + 1].text) is None:
        return False  # the name stands above a title, not above a 文号 line
    if not SIGNING_ORGAN.match(remove_layout_spaces(text)) or NAME_AND_ORGAN.match(text):
        return False
    if k - 1 < lowest:
        return True
    j = k - 1
    while j >= lowest and _closing(paragraphs[j].text.strip()):
        j -= 1  # the date and publicity note that close the document before
    if j == k - 1:
        return True
    # After a date: the signature printed under it, unless the document before was signed above
    # its date already (`某某办公厅` / `二○○八年四月三十日`), which makes the name the next 版头.
    return j >= lowest and k - 1 - j <= 2 and _signature_line(paragraphs[j].text.strip())


def _closing(text: str) -> bool:
    return bool(DATE_LINE.match(text) or PUBLICITY_NOTE.match(text) or SIGNATURE_WITH_DATE.search(text))


def _signature_line(text: str) -> bool:
    name = remove_layout_spaces(text)
    return bool(SIGNING_ORGAN.match(name)) and not NAME_AND_ORGAN.match(text) and head_number(text) is None


def _title_after(paragraphs: list[Paragraph], first: int) -> int | None:
    """End (exclusive) of a complete title printed from paragraph `first` on, or None."""
    first = _skip_metadata(paragraphs, first)
    joined = ""
    for j in range(first, min(first + MAX_TITLE_PARAGRAPHS, len(paragraphs))):
        p = paragraphs[j]
        if not _may_be_title(p) or is_metadata_line(p.text) or starts_with_label(p.text):
            return None
        joined += p.text.strip()
        if display_width(joined) > MAX_TITLE_WIDTH + 20:
            return None
        if title_genre(joined) and not _title_runs_on(paragraphs, j + 1, joined):
            return j + 1
    return None


def _instrument_title_after(paragraphs: list[Paragraph], first: int) -> int | None:
    """End (exclusive) of an instrument's title printed on its own from paragraph `first` on (a
    rule or 办法 under its 文号, with no genre of the 15), or None."""
    joined = ""
    for j in range(first, min(first + 3, len(paragraphs))):
        p = paragraphs[j]
        if not _may_be_title(p) or starts_with_label(p.text):
            return None
        joined += p.text.strip()
        if instrument_title(joined) and not (j + 1 < len(paragraphs) and _may_be_title(paragraphs[j + 1])
                                              and instrument_title(joined + paragraphs[j + 1].text.strip())):
            return j + 1
    return None


def _adopted_instrument_end(paragraphs: list[Paragraph], i: int) -> int | None:
    """End (exclusive) of an instrument's title from paragraph i on that the note of its adoption
    follows in brackets (`某区人民政府工作规则` / `（2021年11月23日…常务会议通过）`), or None."""
    end = _instrument_title_after(paragraphs, i)
    if end is None or end >= len(paragraphs):
        return None
    note = paragraphs[end].text.strip()
    return end if DATE_IN_BRACKETS.match(note) and "通过" in note else None


def _title_runs_on(paragraphs: list[Paragraph], j: int, joined: str) -> bool:
    """Whether the title continues into paragraph j (a genre word inside a longer title)."""
    if j >= len(paragraphs) or not _may_be_title(paragraphs[j]) or is_metadata_line(paragraphs[j].text):
        return False
    if paragraphs[j].plain() == remove_layout_spaces(joined):
        return False  # the title printed again (a web page's heading, then its title): not longer
    if DATE_IN_BRACKETS.match(paragraphs[j].text.strip()):
        return False  # the date under the title, not a note of it (（试行）)
    longer = joined + paragraphs[j].text.strip()
    return display_width(longer) <= MAX_TITLE_WIDTH and title_genre(longer) is not None


def _same_text(paragraphs: list[Paragraph], a: int, a_end: int, b: int, b_end: int) -> bool:
    """Whether paragraphs a:a_end and b:b_end print the same text (spaces and metadata lines
    aside): a web page's heading above its index block and the title of the head below it."""
    def text(i: int, j: int) -> str:
        return "".join(p.plain() for p in paragraphs[i:j] if not is_metadata_line(p.text))
    return b < b_end and text(a, a_end) == text(b, b_end)


def own_head(paragraphs: list[Paragraph], span: Span) -> int:
    """The first paragraph of a document's own head: past the index lines of a web page above it
    and the page's heading that prints its title (perhaps without the issuer), which stay in its
    text but do not begin it."""
    first = next((k for k in range(span.start, span.body_from) if not is_metadata_line(paragraphs[k].text)), span.start)
    head = min((k for k in (span.number_at, span.title_start)
                if k is not None and not is_metadata_line(paragraphs[k].text)),  # (not the index's 文号 field)
               default=first)
    if first < head:
        title = unquote_title("".join(p.plain() for p in paragraphs[span.title_start:span.title_end]))
        heading = "".join(p.plain() for p in paragraphs[first:head] if not is_metadata_line(p.text))
        if len(heading) >= 8 and title.endswith(heading):
            return head
        if first + 1 < head and is_metadata_line(paragraphs[first + 1].text) and _database_heading(paragraphs[first]) \
                and all(is_metadata_line(p.text) for p in paragraphs[first + 1:head]):
            return head  # a database's heading and field block over the document's own head
    return first


def _page_heading(paragraphs: list[Paragraph], a: int, a_end: int, b: int, b_end: int) -> bool:
    """Whether the title at a:a_end is a web page's heading that prints the document's title
    without its issuer (`关于印发…的通知`), the title at b:b_end the head's own (`某县人民政府办公室`
    / `关于印发…的通知`): the same words, the issuer's name before them."""
    def text(i: int, j: int) -> str:
        return "".join(p.plain() for p in paragraphs[i:j] if not is_metadata_line(p.text))
    heading, own = text(a, a_end), text(b, b_end)
    return len(heading) >= 8 and heading.startswith("关于") and own.endswith(heading) and own != heading


def _skip_repeated_title(paragraphs: list[Paragraph], title_start: int, title_end: int, i: int) -> int:
    """Past the title printed again at paragraph i (a web page prints its heading, then the title)."""
    if i < len(paragraphs) and title_start < title_end and _same_text(paragraphs, title_start, title_end, i, i + 1):
        return _skip_metadata(paragraphs, i + 1)
    return i


def _skip_metadata(paragraphs: list[Paragraph], i: int) -> int:
    while i < len(paragraphs) and is_metadata_line(paragraphs[i].text):
        i += 1
    return i


def _add_heads_by_title(paragraphs: list[Paragraph], heads: list[_Head], floor: int) -> list[_Head]:
    """Heads of documents that print no 文号, found by a complete title where a document may start."""
    out = list(heads)
    covered = {j: h.body_from for h in heads for j in range(h.start, h.body_from)}  # inside a head
    k = 0  # heads[k] is the first numbered head after i
    i = floor
    while i < len(paragraphs):
        while k < len(heads) and heads[k].start <= i:
            k += 1
        if i in covered:
            i = covered[i]
            continue
        head = _head_at_title(paragraphs, i, floor) or _headless_head(paragraphs, i)
        if head is None or (k < len(heads) and (head.body_from > heads[k].start
                                                or _heading_of(paragraphs, head, heads[k]))):
            i += 1
            continue
        own = _own_head_under_heading(paragraphs, head, floor)
        if own is not None:  # a web page's heading over the document's own head: that one heads it
            head = replace(own, start=head.start)
        before = max((h for h in out if h.start < i), key=lambda h: h.start, default=None)
        if before is not None and not _may_follow(paragraphs, before, head):
            i += 1
            continue
        out.append(head)
        covered.update((j, head.body_from) for j in range(head.start, head.body_from))
        i = max(head.body_from, i + 1)  # (a headless head's body begins at its own line)
    return sorted(out, key=lambda h: h.start)


def _headless_head(paragraphs: list[Paragraph], i: int) -> _Head | None:
    """A notice whose stored text begins at its addressees (a page that prints no title, no 文号):
    a line of organs (各…) ending with a colon, then its signature and date within a few paragraphs. It
    starts a document only after another has closed (see _may_follow)."""
    p = paragraphs[i]
    text = p.text.strip()
    if not text.endswith(("：", ":")) or text[0] != "各" or p.kind != "text" or len(text) > 120:
        return None  # (the cheap test first: most paragraphs end otherwise)
    if not ORGAN_LIST.match(remove_layout_spaces(text)[:-1]) or (i > 0 and _may_be_title(paragraphs[i - 1])):
        return None  # (under a title: that title's addressees)
    for j in range(i + 1, min(i + 6, len(paragraphs))):
        t = paragraphs[j].text.strip()
        if DATE_LINE.match(t) or SIGNATURE_WITH_DATE.search(t):
            return _Head(i, i, i, None, None, i)
    return None


def _own_head_under_heading(paragraphs: list[Paragraph], heading: _Head, floor: int) -> _Head | None:
    """The document's own head just under a web page's heading (its title, perhaps without the
    issuers, then a timestamp or a 来源 line): a complete title that ends with the heading's and
    names its issuers before it (`某县交通运输局` / `某县公安局交通管理大队` / `关于…的通告`)."""
    title = _title_text(paragraphs, heading)
    if not title.startswith("关于"):
        return None
    for j in range(heading.body_from, min(heading.body_from + 2, len(paragraphs))):
        own = _head_at_title(paragraphs, j, floor) if paragraphs[j].text.strip()[:2] != "关于" else None
        if own is not None:
            own_title = _title_text(paragraphs, own)
            return own if own_title.endswith(title) and own_title != title else None
        if len(paragraphs[j].text) > 60 or ends_sentence(paragraphs[j].text):
            return None
    return None


def _heading_of(paragraphs: list[Paragraph], head: _Head, numbered: _Head) -> bool:
    """Whether the title at `head` is a web page's heading over the numbered document's own head
    just below it (its timestamp or a short line or two between them): the same title, that one
    perhaps with its issuer in front (`关于印发…的通知` over `某市人民政府办公室` / `关于印发…的通知`)."""
    between = paragraphs[head.title_end:numbered.start]
    if len(between) > 3 or any(len(p.text) > 60 or "。" in p.text for p in between):
        return False
    title = _title_text(paragraphs, head)
    return len(title) >= 8 and _title_text(paragraphs, numbered).endswith(title)


def _head_at_title(paragraphs: list[Paragraph], i: int, floor: int) -> _Head | None:
    """A head starting at paragraph i without a 文号: a 政府令 heading or a complete title."""
    p = paragraphs[i]
    if p.kind in ("table", "rule"):
        return None
    stripped = p.text.strip()
    if len(stripped) > MAX_TITLE_CHARS or ends_sentence(stripped):
        return None  # the first tests of _may_be_title, the cheapest: most paragraphs end here
    text = p.plain()
    if SIGNING_ORGAN.match(text) and (block_end := _joint_red_head_end(paragraphs, i)) is not None:
        head = _head_at_title(paragraphs, block_end, floor)  # the title under a joint document's 版头
        return replace(head, start=min(head.start, i)) if head is not None else None
    if text in BARE_GENRE_TITLES:  # `通 知` alone, its addressees under it: a title of the genre only
        body = _skip_metadata(paragraphs, i + 1)
        if _addressed(paragraphs, body):
            return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, body)
        return None
    if text[-2:] in BYLINED_ENDS and (head := _bylined_head(paragraphs, i, text, floor)) is not None:
        return head
    order = ORDER_HEADING.match(text) if "令" in text else None
    if order is None and len(text) <= 60 and i + 1 < len(paragraphs) and "来源" in paragraphs[i + 1].text \
            and _page_line(paragraphs, i + 1) and title_genre(text) is None \
            and _may_be_title(p) and (body := _skip_metadata(paragraphs, i + 1)) < len(paragraphs) \
            and _title_after(paragraphs, body) is None and not _opens_title(paragraphs[body].plain()):
        # a web page's title over its page line (`发布时间:… 信息来源:…`), its text below: a page of its own
        return _Head(i, i, i + 1, None, None, body)
    if order is None and text.startswith("关于") and ABOUT_INSTRUMENT.match(text) and title_genre(text) is None \
            and _may_be_title(p) and _instrument_preamble(paragraphs, i + 1):
        # `关于…的实施细则` printed on its own, its preamble (为…，制定如下实施细则。) under it
        return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, i + 1)
    if order is None and not _opens_title(text):
        if len(text) <= 90 and instrument_title(text) and _may_be_title(p) \
                and (end := _adopted_instrument_end(paragraphs, i)) is not None:
            return _Head(_head_start(paragraphs, i, floor), i, end, None, None, end)  # the note: its text's first line
        if 6 <= len(text) <= 60 and _opens_general_provisions(paragraphs, i + 1) and not TITLE_TAIL_START.match(text) \
                and (instrument_title(text) or regulation_name(text)) and _may_be_title(p):
            # an instrument printed on its own, its first chapter under it (某县森林火灾应急预案 /
            # 1总则): a document when no notice before it issues it (see _may_follow)
            return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, i + 1)
        if len(text) <= 60 and i + 1 < len(paragraphs) and regulation_name(text) and _may_be_title(p) \
                and (note := promulgation_note(paragraphs[i + 1].text)) is not None:
            # a 政府规章 as a legal database prints it, without its 令: the name, the note of the
            # order that promulgated it (its text's first line)
            return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, i + 1, f"第{note['n']}号")
        if len(text) <= 60 and i + 2 < len(paragraphs) and regulation_name(text) and _may_be_title(p) \
                and len(paragraphs[i + 1].text) <= 40 and ORGAN_UNDER_TITLE.match(paragraphs[i + 1].plain()) \
                and FIRST_ARTICLE.match(paragraphs[i + 2].text.strip()):
            # the same without the note: the name, its issuer's full name alone, 第一条 (no order printed)
            return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, i + 1)
        if len(text) <= 60 and i + 2 < len(paragraphs) and regulation_name(text) and _may_be_title(p) \
                and len(paragraphs[i + 1].text) <= 40 and (below := _database_line(paragraphs[i + 1].plain())) \
                and (FIRST_ARTICLE.match(paragraphs[i + 2].text.strip()) or _promulgating(paragraphs[i + 2].text)):
            # the same with the date and the issuer (`1990年7月18日，民政部`) or the order's number in an
            # older form (`沈政令[1997]29号`) under the name, as a law database prints it
            return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, i + 1,
                         below if below.startswith("第") else None)
        return None  # the cheap tests first: most paragraphs open no title
    if not _may_be_title(p) or _in_links_block(paragraphs, i):
        return None
    if order:
        return _order_head(paragraphs, i, order["number"], i, i + 1, floor)
    end = _title_after(paragraphs, i)
    if end is None or end >= len(paragraphs):
        return None
    if end - 1 > i and (n := ORDER_NUMBER.match(paragraphs[end - 1].plain())) \
            and _numbered_notice(paragraphs, i, end - 1):  # 某某公告 / 第8号: numbered as an order is
        return _Head(_head_start(paragraphs, i, floor), i, end - 1, None, None, end, order_number(n))
    if end + 1 < len(paragraphs) and (n := ORDER_NUMBER.match(paragraphs[end].plain())) \
            and _numbered_notice(paragraphs, i, end):  # the heading whole on its line, the number under it
        return _Head(_head_start(paragraphs, i, floor), i, end, None, None, end + 1, order_number(n))
    body = _skip_repeated_title(paragraphs, i, end, _skip_metadata(paragraphs, end))
    if (body + 1 < len(paragraphs) and SIGNING_ORGAN.match(paragraphs[body].plain())
            and "令" in paragraphs[body + 1].text and (n := ORDER_NUMBER.match(paragraphs[body + 1].plain()))):
        # the title, the issuer's name, the order's number (`某府令第 121 号`): what the order promulgates
        return _Head(_head_start(paragraphs, i, floor), i, end, None, None, body + 2, order_number(n))
    if body < len(paragraphs) and (m := ORDER_HEADING.match(paragraphs[body].plain())):
        return _order_head(paragraphs, body, m["number"], i, end, floor)  # the title, then `某市人民政府令第5号`
    if body < len(paragraphs) and (DATE_LINE.match(paragraphs[body].text.strip()) or match_whole(paragraphs[body].text)):
        return None
    first = i - 1 if ISSUER_START_ANY.match(stripped) and _joint_issuer_line(paragraphs, i - 1, floor) else i
    return _Head(_head_start(paragraphs, first, floor), first, end, None, None, body)




def _database_line(text: str) -> str | None:
    """`第29号` for an older order number, "dated" for a date-and-issuer line, else None."""
    t = text.strip()
    if (m := OLD_ORDER_NUMBER.match(t)) is not None:
        return f"第{m['n']}号"
    return "dated" if DATED_ISSUER.match(t) else None


def _promulgating(text: str) -> bool:
    """`《…》已经…通过，现予发布，自…起施行。`: the sentence that promulgates a regulation."""
    t = text.strip()
    return t.startswith("《") and ("施行" in t or "发布" in t or "公布" in t) and len(t) <= 200


# The label of a web page's list of links to other pages, on a line of its own (`相关链接：`,
# `相关文章`, `推荐阅读`): the titles listed under it are links, not documents.
RELATED_LINKS = re.compile(r"^(?:相关(?:链接|文章|阅读|新闻|文件|信息|推荐|稿件)|推荐阅读|延伸阅读|热点推荐)\s*[:：]?$")


def _in_links_block(paragraphs: list[Paragraph], i: int) -> bool:
    """Whether paragraph i is one of the titles a page lists under its related-links label: the
    label above it, and nothing between but other complete titles, one a line."""
    for k in range(i - 1, max(-1, i - 12), -1):
        t = paragraphs[k].text.strip()
        if RELATED_LINKS.match(t):
            return True
        if paragraphs[k].kind != "text" or len(t) > 90 or ends_sentence(t) or title_genre(remove_layout_spaces(t)) is None:
            return False
    return False


# A web page's line under its title: when it was published and where it comes from
# (`时间:2023-07-11 17:01 浏览次数: 信息来源: 某市政府`, `发布时间:2025-06-13 09:13 信息来源:某区教育局`).
PAGE_LINE_DATE = re.compile(r"(?:19|20)\d\d[-/.年]\d{1,2}[-/.月]\d{1,2}")


def _page_line(paragraphs: list[Paragraph], i: int) -> bool:
    if i >= len(paragraphs):
        return False
    text = paragraphs[i].text
    return "来源" in text and is_metadata_line(text) and bool(PAGE_LINE_DATE.search(text))


# An instrument's title with 关于 and no genre of the 15: 关于…的实施细则, 关于…的若干措施.
ABOUT_INSTRUMENT = re.compile(r"^关于[^，。；：:]{4,60}的(?:[\u4e00-\u9fff]{0,4})(?:" + "|".join(INSTRUMENT_KINDS) + r")$")


def _instrument_preamble(paragraphs: list[Paragraph], i: int) -> bool:
    """Whether paragraph i opens an instrument's text: a sentence saying why it is made and that it
    is made (为贯彻落实…，结合实际，制定如下实施细则 / 制定本办法)."""
    if i >= len(paragraphs):
        return False
    text = paragraphs[i].plain()
    return bool(CLAUSE_START.match(text) or text.startswith("为")) and ends_sentence(text) and "制定" in text[-40:]


def _joint_red_head_end(paragraphs: list[Paragraph], i: int) -> int | None:
    """End (exclusive) of a joint document's 版头 from paragraph i: the issuers' names stacked, one
    `文件` for all at their right, which a text layer gives on a line of its own between or after
    them (`中共某省委办公厅` / `文件` / `某省人民政府办公厅`), or on the last name's line
    (`…办公厅` / `某省人民政府办公厅文件`); None when paragraph i does not begin one."""
    names, lone, end = 0, False, i
    while end < min(i + 6, len(paragraphs)):
        t = paragraphs[end].plain()
        if t == "文件" and names:
            lone = True
        elif SIGNING_ORGAN.match(t) and not NAME_AND_ORGAN.match(paragraphs[end].text.strip()) \
                and len(paragraphs[end].text.split()) == 1:  # (organs spaced apart: the title's issuers)
            names += 1
        elif RED_HEAD.match(t) and not LEVEL_ONLY.match(t) and names and not lone:
            names += 1
            end += 1
            # the names over `某某文件`, not the signature of the document before over the next 版头:
            # after a sentence that one's; after a date, a signature printed after it unless the
            # document before was signed above its date already
            return end if not _may_sign_before(paragraphs, i, 0) else None
        else:
            break
        end += 1
    return end if lone and names >= 2 else None


def _may_sign_before(paragraphs: list[Paragraph], k: int, lowest: int) -> bool:
    """Whether the organ's name at k may be the signature of the document before rather than the
    first of several names stacked in the next one's 版头: after a sentence end, or after a date
    (a signature printed under its date) unless that document was signed above its date already."""
    j = k - 1
    while j >= lowest and _closing(paragraphs[j].text.strip()):
        j -= 1
    if j < lowest:
        return False
    return ends_sentence(paragraphs[j].text.strip()) if j == k - 1 else not _signature_line(paragraphs[j].text.strip())


def _stacked_name(paragraphs: list[Paragraph], k: int, lowest: int) -> bool:
    """Whether paragraph k is an issuer's name stacked above the rest of a joint 版头."""
    text = paragraphs[k].text.strip()
    return (len(text.split()) == 1 and bool(SIGNING_ORGAN.match(text)) and not NAME_AND_ORGAN.match(text)
            and not _may_sign_before(paragraphs, k, lowest))


def _bylined_head(paragraphs: list[Paragraph], i: int, text: str, floor: int) -> _Head | None:
    """A speech (`在…会议上的讲话`), a government's work report or a meeting's minutes: a title
    with neither 关于 nor a 文号, known by its form and the byline under it (its date, the speaker);
    minutes by their first sentence too, which dates the meeting (`2025年3月5日，市长…主持召开…`)."""
    if not bylined_title(text) or not _may_be_title(paragraphs[i]):
        return None
    minutes = MINUTES_TITLE.match(text)
    body = i + 1
    while body < min(i + 4, len(paragraphs)) and is_byline(paragraphs[body].text):
        body += 1
    if body >= len(paragraphs):
        return None
    dated_text = minutes and DATE.match(paragraphs[body].text.strip()) is not None
    if body == i + 1 and not dated_text:
        return None  # no byline: a line of a text that happens to read so
    return _Head(_head_start(paragraphs, i, floor), i, i + 1, None, None, body)


def _numbered_notice(paragraphs: list[Paragraph], start: int, end: int) -> bool:
    """Whether paragraphs start:end are an organ's 公告 or 通告 heading without 关于 (`某某州人民政府
    办公室公告`), which a 第N号 line under it numbers as an order's number numbers a 令."""
    text = remove_layout_spaces("".join(p.text for p in paragraphs[start:end]))
    return "关于" not in text and ((text.endswith(("公告", "通告")) and bool(TITLE_ORGAN.match(text)))
                                  or (text.endswith("令") and bool(TITLE_ORGAN_ORDER.match(text))))


def _joint_issuer_line(paragraphs: list[Paragraph], k: int, lowest: int) -> bool:
    """Whether paragraph k is the first line of a joint title's issuers, several organs spaced
    apart (`某市发展和改革委员会 中共某市委社会工作部`), the title going on below it: not the
    signature of the document before, which stands before that one's date, not after it."""
    if k < lowest:
        return False
    parts = re.split(r"\s+", paragraphs[k].text.strip())
    if len(parts) < 2 or not all(SIGNING_ORGAN.match(x) for x in parts):
        return False
    before = paragraphs[k - 1].text.strip() if k - 1 >= lowest else ""
    return not (DATE_LINE.match(before) or PUBLICITY_NOTE.match(before))


def _order_head(paragraphs: list[Paragraph], at: int, number: str | None, title_start: int, title_end: int,
                floor: int) -> _Head | None:
    """A 政府令: its heading at `at` (`某市人民政府令`), its number there or on the next line."""
    body = at + 1
    if number is None and body < len(paragraphs) and (n := ORDER_NUMBER.match(paragraphs[body].plain())):
        number, body = order_number(n), body + 1
    if number is None:
        return None
    return _Head(_head_start(paragraphs, title_start, floor), title_start, title_end, None, None, body,
                 number.replace(" ", ""))


def _may_follow(paragraphs: list[Paragraph], before: _Head, head: _Head) -> bool:
    """Whether a document without a number may start where `head` is, after the document
    `before`. That one must have closed (a date line or publicity note since its head), unless
    the new title is followed by its addressees; and the instrument of a 印发 notice or a 政府令
    (the first title after its signature), or the document's own title printed again, is part of
    the document before, not a new one."""
    closed_at = None
    for j in range(before.body_from, head.start):
        text = paragraphs[j].text.strip()
        if DATE_LINE.match(text) or PUBLICITY_NOTE.match(text) or SIGNATURE_WITH_DATE.search(text) \
                or (text[:1].isdigit() and markless_date(text)):  # (a date whose 年 and 月 the page lost)
            closed_at = j
            break
    if head.title_start == head.title_end:  # a notice whose text begins at its addressees
        return closed_at is not None
    addressed = _addressed(paragraphs, head.body_from)
    title = _title_text(paragraphs, before)
    candidate = _title_text(paragraphs, head)
    if closed_at is None:
        if title.endswith(candidate) or _alike(title, candidate, 0.9):
            return False  # the head printed again under itself (a page's slip), before any text
        if _page_line(paragraphs, head.title_end):
            return True  # a web page's title over its page line: a page, a document, of its own
        if addressed and head.order_number is None and _has_about(paragraphs, head):
            return True
        return _after_undated(paragraphs, before, head, title, candidate)
    if _alike(title, candidate, 0.9):
        return False  # the document's own title again, above the text it issues (a 决定 under its 令)
    if _page_line(paragraphs, head.title_end):
        return True  # a web page's title over its page line: a page of its own, not what the one before issues
    if title_genre(candidate) is None and _named_in(paragraphs, before.body_from, closed_at + 1, candidate):
        return False  # an instrument the text before names (《…》已经…同意，现印发), even with no title of its own
    # A 令 that names what it orders (某区人民政府森林防火禁火令) is its own text; a 政府令 promulgates.
    promulgating = before.order_number is not None and not TITLE_ORGAN_ORDER.match(title) \
        and not regulation_name(title) and _order_promulgates(paragraphs[before.body_from:closed_at + 1])
    if promulgating or _issues_instrument(title):
        issued = _issued_name(title)
        if title_genre(candidate) is None and instrument_title(candidate) \
                and not _another_instrument(paragraphs, closed_at + 1, head.start, title, candidate):
            return False  # a rule or 办法 printed on its own after a 印发 notice: one it issues
        if promulgating:  # 《X》已经…通过，现予公布: the order promulgates X
            promulgated = next((m["name"] for p in paragraphs[before.body_from:closed_at + 1]
                                if (m := re.search(r"《(?P<name>[^》]+)》", p.text))), None)
            issued = (promulgated or issued).translate(_INNER_QUOTES)
        if _alike(issued, candidate, 0.6):
            return False
        named_before = any(_may_name_instrument(paragraphs[j]) for j in range(closed_at + 1, head.start))
        if not named_before and not addressed:
            return False  # the first title after the signature: what the notice issues
    return True


# The second line of a title (及资金管理实施细则), or a 目录 heading: no instrument's name.
TITLE_TAIL_START = re.compile(r"^(?:及|和|与|暨|并|、|目\s*录)")
# The first heading of an instrument's text: 1总则, 1 总 则, 一、总则, 第一章 总则.
GENERAL_PROVISIONS = re.compile(r"^(?:1(?:[.．、])?|一、|第一章)\s*总\s*则$")


def _opens_general_provisions(paragraphs: list[Paragraph], i: int) -> bool:
    """Whether paragraph i (the next with text) is an instrument's first heading, 总则."""
    while i < len(paragraphs) and not paragraphs[i].text.strip():
        i += 1
    if i >= len(paragraphs) or len(paragraphs[i].text) > 24 or "总" not in paragraphs[i].text:
        return False  # (the cheap test first: most paragraphs are no 总则 heading)
    return bool(GENERAL_PROVISIONS.match(paragraphs[i].plain().strip("#* ")))


def _named_in(paragraphs: list[Paragraph], first: int, end: int, candidate: str) -> bool:
    """Whether the text of paragraphs first..end names the instrument `candidate` in 《》."""
    return any(_alike(name, candidate, 0.6)
               for p in paragraphs[first:end] if "《" in p.text for name in re.findall(r"《([^《》]+)》", p.text))


def _another_instrument(paragraphs: list[Paragraph], first: int, end: int, title: str, candidate: str) -> bool:
    """Whether an instrument's title after a 印发 notice is not what the notice issues: that one
    was printed already under the signature (first..end) and this is another name the notice's
    title does not name (a plan standing alone after the plan a notice issued: 某县森林火灾应急预案
    after 某县重污染天气应急预案; not the second of 印发《A》《B》的通知)."""
    issued = _issued_name(title)
    if candidate in title or any(_alike(name, candidate, 0.6) for name in [issued, *re.findall(r"《([^《》]+)》", title)]):
        return False
    return any(_alike(issued, paragraphs[j].plain().strip("《》 "), 0.9)
               for j in range(first, end))


# What an order says when it promulgates an instrument: it names it (《…》), or 公布 / 发布 / 施行 it.
PROMULGATES = re.compile(r"《|公布|发布|施行|颁布")


def _order_promulgates(text: list[Paragraph]) -> bool:
    """Whether a 令's text promulgates something (`《某某办法》已经…通过，现予公布`); one that only
    appoints and removes (`免去…职务；任命…为…`, a 主席令 of 任免) issues nothing after its date."""
    return any(PROMULGATES.search(p.text) for p in text)


def _after_undated(paragraphs: list[Paragraph], before: _Head, head: _Head, title: str, candidate: str) -> bool:
    """After a document that printed no date (cut short, or never dated), whether `head` begins
    a new one without addressees: the one before issues nothing (no 印发 notice, no 令, whose
    instrument would follow), and the new head is an order's or a numbered notice's heading with
    its number, or a title with 关于 (or an organ's 通告, 公告) standing alone between the end of a
    sentence and a text (not an entry of a list, which ends with its number or note in brackets)."""
    # (a regulation a database prints without its 令, numbered by the note under its name, is
    # what an order promulgated, not an order)
    promulgating = before.order_number is not None and not TITLE_ORGAN_ORDER.match(title) and not regulation_name(title)
    if promulgating or _issues_instrument(title) or _alike(title, candidate, 0.9):
        return False
    if head.order_number is not None:
        return True
    if regulation_name(candidate) and head.title_start - 1 >= before.body_from and head.title_end < len(paragraphs) \
            and _database_line(paragraphs[head.title_end].plain()) and ends_sentence(paragraphs[head.title_start - 1].text):
        return True  # a regulation as a database prints it, its day and issuer under its name
    if bylined_title(candidate):  # a speech, a work report, minutes: after a finished sentence
        last = head.title_start - 1  # (a section's heading or a rule between them aside)
        while last > before.body_from and (paragraphs[last].kind == "rule" or section_mark(paragraphs[last].text)):
            last -= 1
        return last >= before.body_from and ends_sentence(paragraphs[last].text)
    if "关于" not in candidate and instrument_title(candidate) and head.title_start - 1 >= before.body_from \
            and _adopted_instrument_end(paragraphs, head.title_start) is not None:
        # an instrument's title over the note of its adoption, after a finished sentence: a rule
        # printed on its own (its text begins with chapters or articles, not a sentence)
        return ends_sentence(paragraphs[head.title_start - 1].text)
    # An organ's 通告 or 公告 (`某市公安局交通管理支队通告`) is as plain a heading as a title with 关于,
    # and its text may be one short sentence.
    organ_notice = "关于" not in candidate and bool(TITLE_ORGAN.match(candidate))
    if not (organ_notice or _has_about(paragraphs, head)) or candidate.endswith(("）", ")")) \
            or head.title_start - 1 < before.body_from:
        return False
    k = head.body_from
    if k < len(paragraphs) and DATE_IN_BRACKETS.match(paragraphs[k].text.strip()):
        k += 1  # the note of its adoption under the title (a 决定, a 决议): the text is after it
    after = paragraphs[k].text if k < len(paragraphs) else ""
    last = head.title_start - 1
    while last > before.body_from and paragraphs[last].kind == "rule":
        last -= 1  # a rule (markdown's `---`) between them parts them as a blank line does
    return ends_sentence(paragraphs[last].text) and ends_sentence(after) \
        and len(after) > (30 if organ_notice else 60)


def _may_name_instrument(p: Paragraph) -> bool:
    """A short paragraph that may be the title of the instrument a notice issues."""
    text = p.text.strip()
    return (_may_be_title(p) and len(text) <= 60 and not is_metadata_line(text)
            and not SIGNING_ORGAN.match(remove_layout_spaces(PUBLICITY_IN_TEXT.sub("", text))))


def _title_text(paragraphs: list[Paragraph], head: _Head) -> str:
    return remove_layout_spaces("".join(p.text for p in paragraphs[head.title_start:head.title_end]))


def _has_about(paragraphs: list[Paragraph], head: _Head) -> bool:
    return "关于" in _title_text(paragraphs, head)


_INNER_QUOTES = str.maketrans("〈〉", "《》")  # a title quoted inside a title


# What an issuing title issues is an instrument: quoted, or named by its kind.
INSTRUMENT_END = re.compile(r"(?:办法|规定|方案|预案|细则|规则|意见|计划|规划|制度|标准|目录|清单|要点|指南|条例|决定|章程|"
                            r"纲要|名单|措施|通知|守则|公约|令|协议|准则|导则|机制|体系|政策)(?:（[^（）]{1,10}）)?$")


def _issues_instrument(title: str) -> bool:
    """Whether a title issues an instrument that will follow it: 印发, 转发, 颁布, 公布 always do;
    发布 does when it names one (发布《X》, 发布…办法的通知), not when it announces an act
    (关于发布禁止违规野外用火的通告: the 通告 is the text)."""
    m = ISSUING.search(title)
    if m is None:
        return False
    if m.group() != "发布" or re.search(r"(?:印发|转发|颁布|公布)", title):
        return True
    name = re.sub(r"^.*?发布", "", title)
    name = re.sub(r"的(?:通知|通告|公告|决定|令)$", "", name)
    return "《" in title or bool(INSTRUMENT_END.search(name))


def _issued_name(title: str) -> str:
    """What a 印发 notice issues: `关于印发《X》的通知` -> X."""
    m = re.search(r"《(?P<name>[^《》]+)》", title) or re.search(r"(?:印发|转发|颁布|公布)(?P<name>.+?)的(?:通知|决定|令)?$", title)
    return m["name"] if m else title


def _addressed(paragraphs: list[Paragraph], i: int) -> bool:
    """Whether paragraph i looks like a 主送机关 line: short, ending with a colon."""
    return i < len(paragraphs) and len(paragraphs[i].text) <= 120 and paragraphs[i].text.rstrip().endswith(("：", ":"))


def add_spans_by_toc_title(paragraphs: list[Paragraph], spans: list[Span], toc: list[TocEntry]) -> tuple[list[Span], list[Warning]]:
    """Add the documents the TOC lists whose 文号 line is missing, found by their printed title."""
    warnings: list[Warning] = []
    heads = [_Head(s.start, s.title_start, s.title_end, s.number_at, s.doc_number, s.body_from, s.order_number)
             for s in spans]
    found = _found_by_toc_title(paragraphs, toc, heads, _body_floor(paragraphs), warnings)
    if found == heads:
        return spans, warnings
    return _spans(paragraphs, sorted(found, key=lambda h: h.start)), warnings


def _spans(paragraphs: list[Paragraph], heads: list[_Head]) -> list[Span]:
    """A document runs from its head to the next one's, or to a section heading in between."""
    spans = []
    last = _end_of_body(paragraphs)
    for k, h in enumerate(heads):
        end = heads[k + 1].start if k + 1 < len(heads) else last
        for j in range(h.body_from, end):
            if paragraphs[j].kind != "table" and (section_mark(paragraphs[j].text) or _explainer_head(paragraphs[j].text)):
                end = j  # (a 政策解读 printed after the document is no part of it, nor a document)
                break
        end = min(max(end, h.body_from, h.start + 1), len(paragraphs))
        spans.append(Span(h.start, h.number_at, end, h.number, _title_without_issuer_line(paragraphs, h),
                          h.title_end, min(h.body_from, len(paragraphs)), h.order_number))
    return spans


def _explainer_head(text: str) -> bool:
    """The title of a 政策解读 or 起草说明 on a line of its own: `《某某办法》政策解读`, `关于《…》的解读`."""
    t = text.strip()
    return len(t) <= 80 and "》" in t and t[:1] in "《关对" and EXPLAINER_TITLE.search(t) is not None


def _title_without_issuer_line(paragraphs: list[Paragraph], h: _Head) -> int:
    """Where the title begins when an issuer's name stands alone above a title that names its
    issuer again (`浠水县人民政府` over `县人民政府关于…的通知`): that line is the 版头, not the title."""
    first = h.title_start
    if first + 1 < h.title_end and SIGNING_ORGAN.match(paragraphs[first].plain()) \
            and not _joint_issuer_line(paragraphs, first, first):  # (several organs: the title's issuers)
        second = paragraphs[first + 1].plain()
        if ISSUER_ABOUT.match(second):
            return first + 1
    return first


def section_marks(paragraphs: list[Paragraph], known: frozenset[str] = frozenset(),
                  starts: frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """Section headings printed in the body: (paragraph index, name as printed). Besides the
    decorated forms (【…】, ·…·), a line that is nothing but a section the TOC names (`## 政府令`),
    and a markdown heading standing right before a document's first line (`starts`), neither a
    title nor a numbered heading (`### 市政府文件` with no TOC), or in plain text a short line there
    naming a kind of 文件 (`部门文件`)."""
    marks = []
    for i, p in enumerate(paragraphs):
        if p.kind == "table" or len(p.text) > 24:
            continue
        name = section_mark(p.text)
        if name is None and (plain := p.plain()) in known:
            name = plain
        if (name is None and i + 1 in starts and i not in starts
                and (p.kind == "heading" or (len(p.text) <= 12 and p.text.rstrip().endswith("文件")))
                and not starts_with_label(p.text) and title_genre(p.text) is None and not DATE_LINE.match(p.text)
                and not (i > 0 and BREADCRUMB.match(paragraphs[i - 1].text.strip()))):
            name = p.plain()  # a heading; in plain text, a line such as 部门文件
            # (under a web page's breadcrumb, `政府文件` is the portal's column the page is in, not a section)
        if name:
            marks.append((i, name))
    return marks


def front_matter_end(paragraphs: list[Paragraph], spans: list[Span]) -> int:
    """Index of the first paragraph of the first document: cover and TOC lie before it."""
    return spans[0].start if spans else len(paragraphs)


def _body_floor(paragraphs: list[Paragraph]) -> int:
    """Skip TOC entries: a 文号 line never stands inside the table of contents. An issue's TOC
    stands before every document: once a document's text has begun (its addressees, then a
    sentence), lines with leaders and pages are the 目录 of what it issues (a 预案's contents)."""
    last_toc = -1
    for i, p in enumerate(paragraphs[:400]):
        if _addressed(paragraphs, i) and i + 1 < len(paragraphs) and ends_sentence(paragraphs[i + 1].text):
            break  # a document has begun: no TOC of the issue after it
        t = p.text.rstrip()
        if ((("…" in t or ".." in t or p.kind == "table") and PAGE_REF.search(t))
                or (t[-1:].isdigit() and (m := PAGE_REF.search(t)) and m["wide"])):  # leaders lost
            last_toc = i
    return max(last_toc + 1, pageless_toc_end(paragraphs))


def _title_start(paragraphs: list[Paragraph], at: int, lowest: int) -> int:
    """Walk back from a 文号 paragraph over the title's paragraphs; return the first one's index."""
    start = at
    width = 0.0
    while start - 1 >= lowest and at - (start - 1) <= MAX_TITLE_PARAGRAPHS:
        p = paragraphs[start - 1]
        text = p.text.strip()
        if is_metadata_line(text) and start - 1 > lowest:
            start -= 1  # an index line between the title and its number
            continue
        if start - 2 >= lowest and section_mark(text) and _may_be_title(paragraphs[start - 2]):
            start -= 1  # a running head naming the section, at a page seam between them
            continue
        if not _may_be_title(p):
            break
        width += display_width(text)
        if width > MAX_TITLE_WIDTH:
            break
        start -= 1
        if p.kind == "heading" and ISSUER_START.match(text):
            break  # a markdown heading holding the whole title, issuer first
    # Of the candidates, the title begins at the last one that starts with an issuer's name.
    # (The last one: an orphan signature of the previous document may stand just before it.)
    for i in reversed(range(start, at)):
        if ISSUER_START.match(_unspaced(paragraphs[i].text.strip())):
            return i
    # No issuer's name: a title that says 关于 begins there (what stands before it is not title).
    for i in range(start, at):
        if paragraphs[i].text.lstrip().startswith("关于"):
            return i
    return start


# A line printed letter-spaced, a space between every two characters (`大 同 市 人 民 政 府`), as a
# short name is spread over the width of a title.
LETTER_SPACED = re.compile(r"^[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff]){3,}$")


def _unspaced(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "") if LETTER_SPACED.match(text) else text


# How a sentence begins and no organ's name or title does: 为确保…, 根据…, 按照….
CLAUSE_START = re.compile(r"^(?:为(?:了|确保|进一步|加强|切实|做好|推进|贯彻|深入|全面)|根据|按照|依据|依照|由于|鉴于)")


def _opens_title(text: str) -> bool:
    """Whether the text begins as a title without a 文号 does: its issuer (and 关于), 关于, or an
    organ's 通告 / 公告 / 决定. Each pattern is tried only where its words occur."""
    about = "关于" in text
    genre = any(g in text for g in TITLE_ORGAN_GENRES)
    if not (about or genre or len(text) <= ISSUER_ALONE_MAX) or starts_with_label(text):
        return False  # (most paragraphs: long, with none of the words)
    if CLAUSE_START.match(text):
        return False  # a sentence's words (a related article's teaser cut short), never an issuer's name
    return bool(
        text.startswith("关于")
        or ((about or len(text) <= ISSUER_ALONE_MAX) and ISSUER_END_CHAR.search(text) and ISSUER_START.match(text))
        or (genre and TITLE_ORGAN.match(text))
        or ("令" in text[-14:] and TITLE_ORGAN_ORDER.match(text))  # 某县人民政府森林防火禁火令
        or (text[-1:] == "》" and FORWARDING_TITLE.match(text))  # 某局转发某部《关于…的通知》
    )


def _may_be_title(p: Paragraph) -> bool:
    text = p.text.strip()
    return not (
        p.kind in ("table", "rule")
        or not text
        or len(text) > MAX_TITLE_CHARS
        or ends_sentence(text)
        or is_metadata_line(text)
        or NAME_AND_ORGAN.match(text)
        or section_mark(text)
        or starts_with_label(text)
        or FIELD_LINE.match(text)
        or is_block_line(text)
        or PUBLICITY_NOTE.match(text)
        or OMITTED_END.search(text)
        or PAGE_REF.search(text)
        or text.startswith("附件")
        or BACK_MATTER.match(text)
        or (p.kind == "heading" and text.endswith("文件"))  # a section or 版头 heading, no title
    )


TRAILING_BRACKETS = re.compile(r"[（(][^（）()]{1,20}[）)]$")


def _found_by_toc_title(paragraphs, toc, heads: list[_Head], floor, warnings) -> list[_Head]:
    """Documents listed in the TOC whose 文号 line is missing: find their printed title, or the
    document already found by its title, and give it the TOC's number. Returns every head."""
    found_numbers = {h.number for h in heads}
    by_title = {h.title_start: k for k, h in enumerate(heads) if h.number is None}
    heads = list(heads)
    taken = {h.title_start for h in heads if h.number is not None}
    index = None  # made when a first entry needs it (most issues: none)
    # the titles the TOC lists, without a number in brackets after them (`某某公告（十四届第一号）`)
    listed = {_key(TRAILING_BRACKETS.sub("", e.title)) for e in toc}
    for entry in toc:
        if (entry.doc_number and entry.doc_number in found_numbers) or len(entry.title) < 8:
            continue
        if entry.doc_number is None and EXPLAINER_TITLE.search(entry.title):
            continue  # a 政策解读 or 起草说明 the TOC lists: its printed title opens no document
        if index is None:
            index = _title_index(paragraphs, floor, max(len(_key(e.title)) for e in toc))
        at = _find_title(paragraphs, _key(entry.title), floor, taken, index)
        if at is None:
            continue
        if at in by_title:
            if entry.doc_number is None:
                continue
            k = by_title.pop(at)
            heads[k] = replace(heads[k], number=entry.doc_number)
        elif any(h.start <= at < h.body_from for h in heads):
            continue
        else:
            end = _title_length(paragraphs, at)
            head = _Head(at, at, end, None, entry.doc_number, end)
            before = max((h for h in heads if h.start < at), key=lambda h: h.start, default=None)
            if before is not None and _key(_title_text(paragraphs, before)) not in listed \
                    and not _may_follow(paragraphs, before, head):
                continue  # the TOC lists a 令 (not itself listed) by what it promulgates: its instrument
            heads.append(head)
        taken.add(at)
        if entry.doc_number:
            found_numbers.add(entry.doc_number)
            warnings.append(Warning(paragraphs[at].first_line, "missing-doc-number",
                                    f"document {entry.doc_number} found by its TOC title; the body prints no 文号 line"))
    return heads


def _find_title(paragraphs: list[Paragraph], wanted: str, floor: int, taken: set[int],
                index: dict[str, list[int]] | None = None) -> int | None:
    """Index of the first paragraph where a title (possibly over several paragraphs) is printed."""
    starts = index.get(wanted, ()) if index is not None else range(floor, len(paragraphs))
    for i in starts:
        if i in taken or paragraphs[i].kind == "table" or not wanted.startswith(_key(paragraphs[i].text)[:4]):
            continue
        joined = ""
        for j in range(i, min(i + MAX_TITLE_PARAGRAPHS, len(paragraphs))):
            joined += _key(paragraphs[j].text)
            if joined == wanted:
                return i
            if len(joined) >= len(wanted) or not wanted.startswith(joined):
                break
    return None


def _title_length(paragraphs: list[Paragraph], at: int) -> int:
    """End of a title found without a 文号 line: the paragraphs up to the genre word."""
    text = ""
    for j in range(at, min(at + MAX_TITLE_PARAGRAPHS, len(paragraphs))):
        text += paragraphs[j].text
        if genre_of(text):
            return j + 1
    return at + 1


def _title_index(paragraphs: list[Paragraph], floor: int, longest: int) -> dict[str, list[int]]:
    """Every title `_find_title` could find, up to `longest` characters, to the paragraphs where
    it starts: one pass over the text instead of one per TOC entry (linear, not quadratic)."""
    keys: dict[int, str] = {}  # only those of paragraphs short enough to be part of a title
    for j, p in enumerate(paragraphs):
        if len(p.text) <= longest or len(p.text) - sum(p.text.count(c) for c in " \t\u3000\u00a0") <= longest:
            keys[j] = _key(p.text)
    index: dict[str, list[int]] = {}
    for i in range(floor, len(paragraphs)):
        joined = ""
        for j in range(i, min(i + MAX_TITLE_PARAGRAPHS, len(paragraphs))):
            if j not in keys:  # longer than any title
                break
            joined += keys[j]
            if len(joined) > longest:
                break
            index.setdefault(joined, []).append(i)
    return index


def _key(text: str) -> str:
    """A title reduced for comparison: no spaces, brackets and quotes unified."""
    t = remove_layout_spaces(text).replace(" ", "")
    return t.translate(_KEY_MARKS)


_KEY_MARKS = str.maketrans("()[]\"'", "（）〔〕“’")


def _end_of_body(paragraphs: list[Paragraph]) -> int:
    """Index after the last paragraph of the last document: drop the back page."""
    end = len(paragraphs)
    while end > 0 and (BACK_MATTER.match(paragraphs[end - 1].text.strip()) or _is_cover_line(paragraphs[end - 1].text)):
        end -= 1
    return end


def _is_cover_line(text: str) -> bool:
    t = remove_layout_spaces(text)
    return t.endswith("公报") and len(t) <= 20
