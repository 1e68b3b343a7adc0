"""Request parameters shared by the API and the web pages: filters, pagination, limits.

Every parameter is validated here, before the archive sees it: numbers are ranged, dates are read
with the query language's own date reader (2021-06-30, 2021-06, 2021, 2021年6月30日) and a bad one
is a 400 `bad-parameter` naming the parameter.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from pydantic import Field

from gongbao.api.errors import ApiError
from gongbao.search.query import Filters, QueryError, parse_date
from gongbao.store.queries import MAX_FILTER_VALUES

__all__ = ["MAX_LIMIT", "DEFAULT_LIMIT", "MAX_OFFSET", "MAX_QUERY", "filter_params", "LimitQuery",
           "OffsetQuery", "SortQuery"]

MAX_LIMIT = 100  # the largest page of results or documents one request may ask for
DEFAULT_LIMIT = 20
MAX_OFFSET = 10_000  # deep paging beyond this is refused: narrow the query instead
MAX_QUERY = 500  # characters of a search query
MAX_VALUE = 200  # characters of one filter value
MAX_VALUES = MAX_FILTER_VALUES  # values of one filter (year=…&year=…): more is refused, not run

Year = Annotated[int, Field(ge=1900, le=2100)]
LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1–{MAX_LIMIT}")]
OffsetQuery = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many results to skip")]
SortQuery = Annotated[Literal["relevance", "date"], Query(
    description="relevance (the default) or date (newest first)")]


def _date(name: str, value: str | None, *, end: bool) -> object:
    if value is None or not value.strip():
        return None
    try:
        return parse_date(value, end=end)
    except QueryError as e:
        raise ApiError(400, "bad-parameter", f"{name}: {e}") from None


def _count(name: str, values: list) -> None:
    if len(values) > MAX_VALUES:
        raise ApiError(400, "bad-parameter", f"{name}: at most {MAX_VALUES} values, not {len(values)} "
                       "(narrow the search another way)")


def _values(name: str, values: list[str]) -> tuple[str, ...]:
    _count(name, values)
    out = []
    for value in values:
        value = value.strip()
        if len(value) > MAX_VALUE:
            raise ApiError(400, "bad-parameter", f"{name}: at most {MAX_VALUE} characters")
        if value and value not in out:
            out.append(value)
    return tuple(out)


def filter_params(
    year: Annotated[list[Year], Query(description="year, 1900–2100 (repeatable)")] = [],  # noqa: B006
    genre: Annotated[list[str], Query(description="公文种类, e.g. 通知 (repeatable)")] = [],  # noqa: B006
    issuer: Annotated[list[str], Query(description="发文机关, e.g. 阳泉市人民政府办公室 (repeatable)")] = [],  # noqa: B006
    section: Annotated[list[str], Query(description="gazette section, e.g. 人事任免 (repeatable)")] = [],  # noqa: B006
    date_from: Annotated[str | None, Query(alias="from", description="earliest date: 2021-01-01, 2021-06 or 2021")] = None,
    date_to: Annotated[str | None, Query(alias="to", description="latest date: 2021-06-30, 2021-06 or 2021")] = None,
    status: Annotated[list[str], Query(description="validity status today: in-force, not-yet-in-force, expired, repealed (repeatable)")] = [],  # noqa: B006
) -> Filters:
    """The metadata filters of a request, as the search layer's `Filters`."""
    _count("year", year)
    start = _date("from", date_from, end=False)
    end = _date("to", date_to, end=True)
    if start and end and start > end:
        raise ApiError(400, "bad-parameter", f"from ({start}) is after to ({end})")
    return Filters(years=tuple(dict.fromkeys(year)), issuers=_values("issuer", issuer),
                   genres=_values("genre", genre), sections=_values("section", section),
                   date_from=start, date_to=end, statuses=_statuses(status))


def _statuses(values: list[str]) -> tuple[str, ...]:
    from gongbao.search.query import QueryError, status_value

    try:
        return tuple(dict.fromkeys(status_value(v) for v in _values("status", values)))
    except QueryError as e:
        raise ApiError(400, "bad-parameter", str(e)) from None

