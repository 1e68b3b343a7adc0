"""The search query language: parse what a user types into a typed `Query`.

    words             every word must match (a word is segmented; its parts must all match)
    "exact phrase"    the words in this order, next to each other (also “…” and 「…」)
    a OR b            either (binds the two items next to it: `a b OR c` is a AND (b OR c))
    -word  -"phrase"  must not match
    year:2022  issuer:市政府办公室  genre:通知  section:人事任免
    from:2021-01-01  to:2021-06-30   (also 2021-06, 2021, 2021/6/30, 2021年6月30日)

A query that is (or contains) a 发文字号 in any common form (`阳政办发2020 132`,
`阳政办发[2020]132号`, `2022年阳政办发15号`) carries it in `Query.doc_number`; the archive puts
that document first. Parsing never fails on odd input: quotes may be unbalanced, operators may
dangle, any character may appear. Only a filter with a value that cannot be read (`year:abc`)
raises `QueryError`, with a message saying what is expected.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date

from gongbao.docnumber import DocNumber
from gongbao.errors import GongbaoError

__all__ = ["Term", "Clause", "Filters", "Query", "QueryError", "parse_query", "parse_date"]


class QueryError(GongbaoError, ValueError):
    """A query the archive cannot run as typed; the message says what to type instead."""


@dataclass(frozen=True)
class Term:
    """One thing to look for: a word (segmented, all parts must match) or an exact phrase."""

    text: str
    phrase: bool = False

    def __str__(self) -> str:
        return f'"{self.text}"' if self.phrase or _needs_quotes(self.text) else self.text


@dataclass(frozen=True)
class Clause:
    """Alternatives joined by OR; the clauses of a query are joined by AND."""

    alternatives: tuple[Term, ...]

    def __str__(self) -> str:
        return " OR ".join(str(t) for t in self.alternatives)


@dataclass(frozen=True)
class Filters:
    """Restrictions on metadata. Several values of one kind mean any of them."""

    years: tuple[int, ...] = ()
    issuers: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    statuses: tuple[str, ...] = ()  # validity status today (registers.validity.STATUSES)

    def __bool__(self) -> bool:
        return bool(self.years or self.issuers or self.genres or self.sections
                    or self.date_from or self.date_to or self.statuses)

    def merge(self, other: Filters | None) -> Filters:
        """These filters and `other`'s; a date bound given in `other` wins."""
        if not other:
            return self
        return Filters(
            years=_union(self.years, other.years),
            issuers=_union(self.issuers, other.issuers),
            genres=_union(self.genres, other.genres),
            sections=_union(self.sections, other.sections),
            date_from=other.date_from or self.date_from,
            date_to=other.date_to or self.date_to,
            statuses=_union(self.statuses, other.statuses),
        )

    def terms(self) -> list[str]:
        """The filters written in the query language."""
        out = [f"year:{y}" for y in self.years]
        out += [f"issuer:{_q(v)}" for v in self.issuers]
        out += [f"genre:{_q(v)}" for v in self.genres]
        out += [f"section:{_q(v)}" for v in self.sections]
        out += [f"status:{v}" for v in self.statuses]
        if self.date_from:
            out.append(f"from:{self.date_from.isoformat()}")
        if self.date_to:
            out.append(f"to:{self.date_to.isoformat()}")
        return out


@dataclass(frozen=True)
class Query:
    """A parsed query. `clauses` are AND-ed; `excluded` terms must not match.

    `doc_number` is a 发文字号 found in the query; `doc_number_clauses` are the indexes of the
    clauses it was read from (they are searched as words only if no such document exists).
    """

    raw: str
    clauses: tuple[Clause, ...] = ()
    excluded: tuple[Term, ...] = ()
    filters: Filters = field(default_factory=Filters)
    doc_number: DocNumber | None = None
    doc_number_clauses: tuple[int, ...] = ()

    @property
    def text_clauses(self) -> tuple[Clause, ...]:
        """The clauses to search as text when the document number is taken care of."""
        return tuple(c for i, c in enumerate(self.clauses) if i not in self.doc_number_clauses)

    @property
    def is_empty(self) -> bool:
        """Nothing to look for and nothing to narrow by."""
        return not self.clauses and not self.filters and not self.excluded

    def with_filters(self, filters: Filters | None) -> Query:
        return replace(self, filters=self.filters.merge(filters))

    def __str__(self) -> str:
        parts = [str(c) for c in self.clauses]
        parts += [f"-{t}" for t in self.excluded]
        parts += self.filters.terms()
        return " ".join(parts)


def _union(a: tuple, b: tuple) -> tuple:
    return a + tuple(v for v in b if v not in a)


def _needs_quotes(text: str) -> bool:
    return any(ch.isspace() for ch in text) or text == "OR" or text.startswith("-") or ":" in text


def _q(value: str) -> str:
    return f'"{value}"' if any(ch.isspace() for ch in value) else value


# Quotation marks users type around a phrase: ASCII, Chinese curly quotes, corner brackets.
_QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』", "＂": "＂"}

# Filter keys and the full-width colon some keyboards give.
_FILTER = re.compile(r"^(year|issuer|genre|section|from|to|status)[:：](.*)$", re.IGNORECASE | re.DOTALL)


@dataclass
class _Item:
    text: str
    phrase: bool = False
    negated: bool = False
    is_or: bool = False


def _lex(raw: str) -> list[_Item]:
    """Split the raw query into items: words, phrases, OR, negations, filters (as words)."""
    items: list[_Item] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch in "-－" and i + 1 < n and not raw[i + 1].isspace():
            negated = True
            i += 1
            ch = raw[i]
        if ch in _QUOTES:
            close = _QUOTES[ch]
            end = raw.find(close, i + 1)
            if end < 0 and close == "”":
                end = raw.find('"', i + 1)
            end = n if end < 0 else end
            items.append(_Item(raw[i + 1:end].strip(), phrase=True, negated=negated))
            i = end + 1
            continue
        j = i
        while j < n and not raw[j].isspace():
            # A filter value may be quoted: issuer:"市 政府"
            if raw[j] in "：:" and j + 1 < n and raw[j + 1] in _QUOTES:
                close = _QUOTES[raw[j + 1]]
                end = raw.find(close, j + 2)
                j = n if end < 0 else end + 1
                break
            j += 1
        word = raw[i:j]
        items.append(_Item(word, negated=negated, is_or=(word in ("OR", "|") and not negated)))
        i = j
    return items


def parse_date(value: str, *, end: bool = False) -> date:
    """Read 2021-06-30, 2021/6/30, 2021年6月30日, 2021-06 or 2021 (`end`: last day of it)."""
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*年?\s*",
                     value)
    if not m:
        raise QueryError(f"cannot read the date {value!r}: write it as 2021-06-30, 2021-06 or 2021")
    year = int(m[1])
    month = int(m[2]) if m[2] else (12 if end else 1)
    try:
        if m[3]:
            day = int(m[3])
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day)
    except ValueError:
        raise QueryError(f"no such date: {value!r}") from None


def _parse_filter(key: str, value: str, acc: dict) -> None:
    value = value.strip().strip('"“”「」『』＂').strip()
    if not value:
        raise QueryError(f"{key}: needs a value, e.g. {key}:{_EXAMPLES[key]}")
    if key == "year":
        m = re.fullmatch(r"((?:19|20)\d\d)年?", value)
        if not m:
            raise QueryError(f"year: expects a year such as year:2022, not {value!r}")
        acc["years"].append(int(m[1]))
    elif key in ("issuer", "genre", "section"):
        acc[key + "s"].append(value)
    elif key == "status":
        acc["statuses"].append(status_value(value))
    elif key == "from":
        acc["date_from"] = parse_date(value)
    else:
        acc["date_to"] = parse_date(value, end=True)


_EXAMPLES = {"year": "2022", "issuer": "市政府办公室", "genre": "通知", "section": "人事任免",
             "from": "2021-01-01", "to": "2021-06-30", "status": "in-force"}


def status_value(value: str) -> str:
    """A validity status as typed (in-force, 现行有效, 有效, 废止 …) -> its name in the contract."""
    from gongbao.registers.validity import STATUS_ALIASES

    found = STATUS_ALIASES.get(value.strip().lower())
    if found is None:
        raise QueryError(f"status: expects in-force, not-yet-in-force, expired or repealed, not {value!r}")
    return found


def parse_query(raw: str) -> Query:
    """Parse a query string; never fails except on an unreadable filter value (QueryError)."""
    raw = raw if isinstance(raw, str) else str(raw)
    # NUL and other control characters are never meaningful in a query.
    cleaned = "".join(ch if ch.isprintable() or ch.isspace() else " " for ch in raw)
    acc: dict = {"years": [], "issuers": [], "genres": [], "sections": [],
                 "date_from": None, "date_to": None, "statuses": []}
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for item in _lex(cleaned):
        if item.is_or:
            join_next = bool(clauses)
            continue
        if not item.phrase:
            m = _FILTER.match(item.text)
            if m and not item.negated:
                _parse_filter(m[1].lower(), m[2], acc)
                continue
        if not item.text:
            continue
        term = Term(item.text, phrase=item.phrase)
        if item.negated:
            excluded.append(term)
        elif join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    if acc["date_from"] and acc["date_to"] and acc["date_from"] > acc["date_to"]:
        raise QueryError(f"from:{acc['date_from']} is after to:{acc['date_to']}")
    filters = Filters(tuple(dict.fromkeys(acc["years"])), tuple(dict.fromkeys(acc["issuers"])),
                      tuple(dict.fromkeys(acc["genres"])), tuple(dict.fromkeys(acc["sections"])),
                      acc["date_from"], acc["date_to"], tuple(dict.fromkeys(acc["statuses"])))
    final = tuple(Clause(tuple(dict.fromkeys(c))) for c in clauses)
    number, used = _find_doc_number(final)
    return Query(raw=raw, clauses=final, excluded=tuple(dict.fromkeys(excluded)), filters=filters,
                 doc_number=number, doc_number_clauses=used)


def _find_doc_number(clauses: tuple[Clause, ...]) -> tuple[DocNumber | None, tuple[int, ...]]:
    """A 发文字号 typed as the whole query, as one word, or as two adjacent words."""
    plain = [(i, c.alternatives[0].text) for i, c in enumerate(clauses)
             if len(c.alternatives) == 1]
    if not plain:
        return None, ()
    candidates: list[tuple[int, ...]] = []
    if len(plain) == len(clauses):
        candidates.append(tuple(i for i, _ in plain))
    for k in range(len(plain)):
        candidates.append((plain[k][0],))
        if k + 1 < len(plain) and plain[k + 1][0] == plain[k][0] + 1:
            candidates.append((plain[k][0], plain[k + 1][0]))
    texts = dict(plain)
    for indexes in candidates:
        number = DocNumber.try_parse(" ".join(texts[i] for i in indexes))
        if number is not None and _plausible(number):
            return number, indexes
    return None, ()


def _plausible(number: DocNumber) -> bool:
    """A document number's prefix is two to eight ideographs (阳政办发, 国办发, 晋政发)."""
    return 2 <= len(number.prefix) <= 8 and number.serial > 0
