"""Post names: one post however it is printed (阳泉市交通运输局局长 = 市交通运输局局长 = 市交通局局长).

A post is an agency and a title. Its *key* compares posts: the jurisdiction's prefix dropped
(data/places.tsv), the agency's short names replaced by its full name (data/agencies.tsv),
parenthesised second names of a merged agency left out (工业和信息化局（市政府国有资产监督管理
委员会）局长（主任） is the 工业和信息化局局长), brackets and spaces in one width. Its *name* is the
key's text with the jurisdiction's full name in front where a prefix was printed. The title
decides whether a post has one holder at a time (局长) or several (副局长: data/post_titles.tsv).
Pure functions over strings; nothing here is specific to one government.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gongbao.data import read_table
from gongbao.registers.agencies import LEVELS as _LEVELS, NOT_A_LEVEL as _NOT_A_LEVEL, of_level, own_level

__all__ = ["PostName", "post_name", "normalize_post", "is_single_holder", "agency_key",
           "ends_with_title"]

# Bracketed text: a second name (（阳泉市民营企业发展中心）) or a second title (（主任）).
_BRACKETS = re.compile(r"（[^（）]*）")
_SPACES = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class PostName:
    key: str          # for comparing: no prefix, full agency names, no brackets
    name: str         # for showing: the full jurisdiction name and full agency names, brackets kept
    agency: str       # the agency part of `name` ("" when the title stands alone)
    title: str        # the title at the end (局长, 副主任, …; "" when none is known)


def _width(text: str) -> str:
    """Spaces out, brackets full-width (the printed text mixes （） and ())."""
    text = _SPACES.sub("", unicodedata.normalize("NFC", text))
    return text.replace("(", "（").replace(")", "）")


@lru_cache(maxsize=1)
def _places() -> tuple[str, tuple[str, ...]]:
    """(the jurisdiction's full name, every prefix it is printed with, longest first)."""
    rows = read_table("places.tsv")
    if not rows:
        return "", ()
    full = rows[0][0]
    prefixes = sorted({p for p in rows[0] if p}, key=len, reverse=True)
    return full, tuple(prefixes)


def _strip_place(text: str) -> tuple[str, bool]:
    """(text without the jurisdiction's prefix, whether one was there). A short prefix is only
    taken off when a known agency or a long enough name follows (市场监督管理局 keeps its 市)."""
    full, prefixes = _places()
    for prefix in prefixes:
        if not text.startswith(prefix):
            continue
        rest = text[len(prefix):]
        if prefix == full or _known_agency_at(rest) or (not _known_agency_at(text) and len(rest) >= 4):
            return rest, True
    return text, False


@lru_cache(maxsize=1)
def _aliases() -> tuple[tuple[str, str], ...]:
    """(an agency name without the prefix, its full name without the prefix), longest first."""
    pairs = {}
    for row in read_table("agencies.tsv"):
        names = [_width(n) for n in row if n]
        if not names:
            continue
        full = _bare(names[0])
        for n in names:
            pairs.setdefault(_bare(n), full)
    return tuple(sorted(pairs.items(), key=lambda p: (-len(p[0]), p[0])))


def _bare(name: str) -> str:
    """An agency name without the jurisdiction's prefix (no agency look-up: used to build it)."""
    _, prefixes = _places()
    for prefix in prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            return name[len(prefix):]
    return name


def _known_agency_at(text: str) -> str | None:
    for alias, _ in _aliases():
        if text.startswith(alias):
            return alias
    return None


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    single, deputy = (), ()
    for row in read_table("post_titles.tsv"):
        if row[0] == "single":
            single = tuple(sorted(row[1:], key=len, reverse=True))
        elif row[0] == "deputy":
            deputy = tuple(row[1:])
    return single, deputy


# Words before a title that qualify it: 常务副院长, 专职副会长, 正县级督学.
_QUALIFIERS = re.compile(r"(?:常务|专职|执行|[正副][省部厅局县处科]级|副)*$")


def _split_title(text: str) -> tuple[str, str]:
    """(agency, title): the title is the longest known title word at the end (or a deputy word
    near the end), with the words before it that qualify it."""
    single, deputy = _titles()
    cut = None
    for word in single:
        if text.endswith(word):
            cut = len(text) - len(word)
            break
    if cut is None:
        for word in deputy:
            i = text.rfind(word)
            if i > 0 and len(text) - i <= 6:
                cut = i
                break
    if cut is None:
        return text, ""
    head = text[:cut]
    m = _QUALIFIERS.search(head)
    cut = m.start() if m and m.start() > 0 else cut
    return text[:cut], text[cut:]




def _foreign_place(text: str, places: tuple[str, ...]) -> tuple[str | None, str]:
    """(the place a post belongs to when it is not the gazette's home jurisdiction's, the post
    without it), else (None, text). The place is the document's (`places`, its issuer's
    jurisdiction outermost first) where the post prints it, its own level's short name (虹口区 of
    上海市虹口区) or only the level (市… of a 东莞 document), or none before a known agency."""
    home = _places()[0]
    if (head := _HEAD.fullmatch(text)) and places:
        # 区长 / 副县长 printed bare: the head of the government of that level (not 区 + 长)
        place = of_level(head["level"], places)
        if place is not None:
            return (None, text) if place == home else (place, text)
    for place in reversed(places):
        for printed in (place, own_level(place, places)):
            if printed and text.startswith(printed) and len(text) > len(printed) + 1:
                return (None, text) if place == home else (place, text[len(printed):])
    if text[:1] in _LEVELS and not text.startswith(_NOT_A_LEVEL):
        place = of_level(text[0], places)
        if place is not None:
            return (None, text) if place == home else (place, text[1:])
    if places and places[-1] != home and home not in places and _known_agency_at(text):
        return places[-1], text  # a known agency printed with no place at all: the document's own
    return None, text


# The head of a level's government, and its deputies: 区长, 副县长, 省长 (a post of that place's
# 人民政府: 区长 and 区人民政府区长 of one district are one post).
_HEAD = re.compile(r"(?:常务)?副?(?P<level>[省市县区州旗盟])长")


@lru_cache(maxsize=8192)
def post_name(printed: str, places: tuple[str, ...] = ()) -> PostName:
    """The key and the name of a post printed as `printed` in a document of `places` (its
    issuer's jurisdiction, registers.agencies.place_levels: where a post without its place is).
    A post of the gazette's home jurisdiction (data/places.tsv) is keyed without the place; a
    post of another, with it: 市交通局局长 of a 东莞 document is 东莞市交通运输局局长, not the home city's."""
    text = _width(printed)
    place, rest = _foreign_place(text, places)
    if place is not None:
        alias = _known_agency_at(rest)
        if alias:
            rest = dict(_aliases())[alias] + rest[len(alias):]
        if _HEAD.fullmatch(rest) and place.endswith(_HEAD.fullmatch(rest)["level"]):
            rest = "人民政府" + rest  # 上虞区区长, 区长 = 上虞区人民政府区长
        agency, title = _split_title(place + _BRACKETS.sub("", rest))
        return PostName(key=place + _BRACKETS.sub("", rest), name=place + rest, agency=agency, title=title)
    rest, had_prefix = _strip_place(text)
    alias = _known_agency_at(rest)
    if alias:
        full = dict(_aliases())[alias]
        rest = full + rest[len(alias):]
    key_text = _BRACKETS.sub("", rest)
    agency, title = _split_title(key_text)
    full_name, _ = _places()
    # The prefix shown: the full name, or the printed one where it is the full name's start
    # (阳泉行政学院 stays 阳泉行政学院, 市行政学院 reads 阳泉市行政学院).
    printed_prefix = text[: len(text) - len(_strip_place(text)[0])] if had_prefix else ""
    shown_prefix = printed_prefix if printed_prefix and full_name.startswith(printed_prefix) \
        and printed_prefix != full_name[:1] else (full_name if had_prefix else "")
    shown = shown_prefix + rest
    shown_agency = shown_prefix + agency if agency else ""
    return PostName(key=key_text, name=shown, agency=shown_agency, title=title)


def ends_with_title(post: PostName) -> bool:
    """Whether the post ends with a known title word (局长, 副局长, …), not just holds a deputy
    word somewhere near its end."""
    single, deputy = _titles()
    return any(post.title.endswith(w) for w in single + deputy)


def normalize_post(text: str) -> str:
    """The key of a post (or of an agency, or of any words a user types to find posts)."""
    return post_name(text).key


def agency_key(text: str) -> str:
    """The key of an agency name as typed (市住建局 -> 住房和城乡建设局)."""
    return normalize_post(text)


def is_single_holder(post: PostName) -> bool:
    """Whether the post has one holder at a time: a known title with no deputy word in it."""
    single, _ = _titles()
    title = _QUALIFIERS.sub("", post.title) if post.title not in single else post.title
    return title in single and "副" not in post.title
