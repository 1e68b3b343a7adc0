"""Search vocabulary kept as data: agency aliases (data/agencies.tsv), stop words (data/stopwords.txt),
section names (data/sections.tsv). Nothing specific to one city lives in code.
"""

from __future__ import annotations

from functools import lru_cache

from gongbao.data import read_list, read_table
from gongbao.search.tokenize import index_form, normalize

__all__ = ["agency_names", "canonical_agencies", "agency_token", "agency_tokens_in", "stopwords",
           "canonical_sections"]


@lru_cache(maxsize=1)
def _agency_groups() -> dict[str, tuple[str, ...]]:
    """Every name (normalised) -> all names of that agency, the full name first."""
    groups: dict[str, tuple[str, ...]] = {}
    for row in read_table("agencies.tsv"):
        names = tuple(dict.fromkeys(n for n in row if n))
        for name in names:
            groups.setdefault(normalize(name), names)
    return groups


def agency_names(word: str) -> tuple[str, ...]:
    """All names of the agency `word` names (full name first), or () if it names none."""
    return _agency_groups().get(normalize(word), ())


def canonical_agencies(word: str) -> tuple[str, ...]:
    """The full names an issuer filter written as `word` stands for: the agency's full name and,
    for a name listed without the city (市发改委), nothing more; () if the word is no known name."""
    names = agency_names(word)
    return names[:1]


def agency_token(word: str) -> str | None:
    """The one index token standing for the agency `word` names (its full name, without spaces),
    or None. The index holds it wherever any of the agency's names is printed, so a query for
    one name finds the others without a phrase search over common words."""
    names = agency_names(word)
    return "".join(index_form(names[0]).split()) if names else None


@lru_cache(maxsize=1)
def _agency_forms() -> tuple[tuple[str, str], ...]:
    """(a name as indexed, the agency's token) for every name, longest first."""
    forms = []
    for names in {v for v in _agency_groups().values()}:
        token = "".join(index_form(names[0]).split())
        forms.extend(("".join(index_form(n).split()), token) for n in names)
    return tuple(sorted(set(forms), key=lambda f: (-len(f[0]), f)))


def agency_tokens_in(form: str) -> set[str]:
    """The tokens of the agencies named in `form` (text in `index_form`). A name inside a longer
    one (阳泉市人民政府 in 阳泉市人民政府办公室) counts only where it stands on its own."""
    found = set()
    for name, token in _agency_forms():
        if name and name in form:
            found.add(token)
            form = form.replace(name, " ")
    return found


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(normalize(w) for w in read_list("stopwords.txt"))


@lru_cache(maxsize=1)
def _sections() -> dict[str, str]:
    return {normalize(row[0]): row[1] for row in read_table("sections.tsv") if len(row) >= 2}


def canonical_sections(word: str) -> tuple[str, ...]:
    """The canonical section a section: filter names (人事任免, 市政府办公室文件, ...)."""
    found = _sections().get(normalize(word.strip("【】[] ")))
    return (found,) if found else ()
