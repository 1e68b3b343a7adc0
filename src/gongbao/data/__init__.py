"""Gazetteers kept as data, not code: prefixes, OCR confusions, section names, agencies.

Everything specific to one city's gazette lives in these files, so a second city needs data,
not code. Lines starting with # are comments.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def read_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def read_list(name: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [s.strip() for s in read_text(name).splitlines() if s.strip() and not s.lstrip().startswith("#")]


def read_table(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file."""
    return [[cell.strip() for cell in line.split("\t")] for line in read_list(name)]
