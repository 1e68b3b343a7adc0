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

__all__ = ["canonical_agency", "agency_key", "aliases_of", "is_known"]


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
