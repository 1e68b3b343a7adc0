"""Agencies as printed -> one canonical agency each, from the aliases in data/agencies.tsv.

市发改委 = 市发展改革委 = 市发展和改革委员会: every name of a row stands for the row's first name.
Brackets and spaces do not count (各县(区)政府 = 各县（区）政府). A name the data does not know is
its own canonical agency (brackets made full-width), kept as printed and reported as unknown, so
the aliases data can grow.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from gongbao.data import read_table

__all__ = ["canonical_agency", "agency_key", "aliases_of", "is_known", "jurisdiction", "place_levels", "document_places", "qualified"]


def agency_key(name: str) -> str:
    """The form names are compared in: NFKC (half-width brackets), no spaces, no 阳泉 city prefix
    differences beyond what the data lists."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


@lru_cache(maxsize=1)
def _groups() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for row in read_table("agencies.tsv"):
        names = tuple(dict.fromkeys(n for n in row if n))
        for name in names:
            groups.setdefault(agency_key(name), names)
    return groups


def is_known(name: str) -> bool:
    return agency_key(name) in _groups()


def canonical_agency(name: str) -> str:
    """The one name of the agency `name` stands for."""
    names = _groups().get(agency_key(name))
    if names:
        return names[0]
    return agency_key(name).replace("(", "（").replace(")", "）")


def aliases_of(name: str) -> tuple[str, ...]:
    """Every name the data gives the agency (canonical first), or just its canonical name."""
    return _groups().get(agency_key(name)) or (canonical_agency(name),)


# --- whose agency: one government's 市财政局 is not another's ---------------------------------------

# The levels a place name ends with (阳泉市, 盂县, 虹口区, 德宏傣族景颇族自治州, 阿拉善盟), and the
# words that begin with one of those characters without naming a level (市场监管, 区域, 县域, 市级).
LEVELS = "省市县区旗州盟"
NOT_A_LEVEL = ("市场", "区域", "县域", "省级", "市级", "县级", "区级", "州级")
# The first characters of names that stand for no one place (各县（区）人民政府, 本市…).
_NOT_A_PLACE = "各本全该"
# What an agency's name ends with, after its place (阳泉市|财政局, 立山区|住建局).
_ORGAN_END = re.compile(r"[\u4e00-\u9fff]{2,}(?:局|委员会|委|办公室|办|中心|厅|政府|管委会|站|所|院|队|处)$")
# A government, its office or its congress after the place: 上海市虹口区人民政府办公室 -> 上海市虹口区.
_GOVERNMENT_OF = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{1,20}}?[{LEVELS}])(?:人民政府|行政公署|人民代表大会|人大常委会|政府)")


@lru_cache(maxsize=4096)
def jurisdiction(issuer: str | None) -> str | None:
    """The place an issuer governs: 阳泉市人民政府办公室 -> 阳泉市; 海口市发展和改革委员会 -> 海口市
    (a bureau: a known agency's name follows the place); None when the name says no place, or for
    a gazette's name (阳泉市人民政府公报 -> 阳泉市)."""
    key = agency_key(issuer or "")
    if key[:1] in _NOT_A_PLACE:
        return None  # 各县（区）人民政府, 本市…: no one place
    if (m := _GOVERNMENT_OF.match(key)) is not None:
        return m["place"]
    for i, c in enumerate(key[1:16], 1):
        if c in LEVELS and is_known(key[i:]):
            return key[:i + 1]
    return None


@lru_cache(maxsize=4096)
def place_levels(place: str | None) -> tuple[str, ...]:
    """A place and the places above it that its name says, outermost first: 上海市虹口区 ->
    (上海市, 上海市虹口区); 苏州市 -> (苏州市,) (the 州 of 苏州 is no level of its own)."""
    if not place:
        return ()
    parts: list[str] = []
    for part in re.split(r"(?<=[省市州盟])", place):
        if not part:
            continue
        if parts and len(part) == 1:
            parts[-1] += part
        else:
            parts.append(part)
    return tuple("".join(parts[:i + 1]) for i in range(len(parts)))


def document_places(issuer: str | None, gazette: str | None) -> tuple[str, ...]:
    """Where a document's names without a place (市财政局, 县政府, 区长) point: the levels of its
    issuer's jurisdiction, and before them those of the gazette's government (a county's document
    in a city's gazette names the city's bureaus 市…)."""
    own = place_levels(jurisdiction(issuer))
    outer = tuple(p for p in place_levels(jurisdiction(gazette)) if p not in own)
    return outer + own


def _relative(canonical: str) -> str:
    """The data's name of an agency without its place (阳泉市人民政府 -> 市人民政府), if it has one."""
    if canonical[:1] in LEVELS:
        return canonical
    return next((n for n in _groups().get(agency_key(canonical), ())
                 if n[:1] in LEVELS and len(n) >= 3 and not n.startswith(NOT_A_LEVEL)), canonical)


def own_level(place: str, places: tuple[str, ...]) -> str | None:
    """A place's name without the place above it: 立山区 of 鞍山市立山区."""
    outer = next((p for p in reversed(places) if p != place and place.startswith(p)), None)
    return place[len(outer):] if outer and len(place) - len(outer) >= 2 else None


def of_level(level: str, places: tuple[str, ...]) -> str | None:
    """The innermost of `places` at a level (市, 县, 区 …)."""
    return next((p for p in reversed(places) if p.endswith(level)), None)


def _of_level(relative: str, places: tuple[str, ...]) -> str | None:
    """The innermost of `places` at the level a relative name begins with (市 of 市财政局)."""
    if relative[:1] not in LEVELS or relative.startswith(NOT_A_LEVEL):
        return None
    return of_level(relative[0], places)


@lru_cache(maxsize=65536)
def qualified(name: str, places: tuple[str, ...]) -> tuple[str, str, str | None]:
    """(canonical, full name, place) of an agency as printed in a document of `places` (its
    jurisdiction's place_levels, outermost first; the gazette's government before them):
    市发改委 of 阳泉市 -> (市发展和改革委员会, 阳泉市发展和改革委员会, 阳泉市); printed with its place,
    阳泉市发改委, the same. A name the data gives with one city (市政府 -> 阳泉市人民政府) is named
    for the document's own city. A name of no level (各县（区）人民政府, 国网阳泉供电公司) is its
    canonical name, of the place it names (阳泉市人民政府) or else the document's innermost one."""
    canonical = canonical_agency(name)
    own = places[-1] if places else None
    if not places:
        return canonical, canonical, None
    key = agency_key(name)
    relative = _relative(canonical) if key[:1] in LEVELS else None
    if relative is None:  # printed with its place: 阳泉市发改委, 阳泉市人民政府, 立山区财政局
        for place in reversed(places):
            short = own_level(place, places)
            at = len(place) if key.startswith(place) else len(short) if short and key.startswith(short) else 0
            rest = place[-1] + key[at:]
            if at and len(key) > at + 1 and (is_known(rest) or _ORGAN_END.match(key[at:])):
                canonical, relative = canonical_agency(rest), _relative(canonical_agency(rest))
                break
    place = _of_level(relative, places) if relative else None
    if place is None:
        return canonical, canonical, jurisdiction(canonical) or own
    full = place + relative[1:]
    return (full if relative != canonical else canonical), full, place
