"""The task ledger API: /api/tasks, /api/agencies, /api/agencies/{name} (docs/spec/registers-json.md).

Parameters are validated here (`ledger_params`, shared with the web pages); errors take the one
JSON shape of `gongbao.api.errors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from gongbao.api.fastjson import JSONResponse

from gongbao.api.models import AgenciesAnswer, AgencyAnswer, TasksAnswer
from gongbao.api.errors import ApiError
from gongbao.errors import GongbaoError
from gongbao.store.records import ArchiveError, NotFoundError

__all__ = ["router", "LedgerQuery", "ledger_params", "agency_ledger"]

router = APIRouter(prefix="/api")

_ERROR_SCHEMA = {"application/json": {"example": {
    "error": {"status": 400, "code": "bad-parameter", "message": "as_of: wants a date like 2024-12-31"}}}}
_E400 = {400: {"description": "bad parameter", "content": _ERROR_SCHEMA}}


@dataclass(frozen=True)
class LedgerQuery:
    agency: str | None = None
    role: str = "any"
    doc: str | None = None
    due_before: date | None = None
    overdue: bool = False
    as_of: date | None = None
    year: int | None = None
    place: str | None = None

    def day(self) -> date:
        return self.as_of or date.today()


def _day(name: str, value: str | None) -> date | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ApiError(400, "bad-parameter", f"{name}: wants a date like 2024-12-31, not {value!r}") from None


def ledger_params(
    agency: Annotated[str | None, Query(max_length=100, description="an agency, by any of its names (市发改委)")] = None,
    role: Annotated[str, Query(description="lead: the tasks it leads; any: all it is named in")] = "any",
    doc: Annotated[str | None, Query(max_length=100, description="a document: id or 发文字号")] = None,
    due_before: Annotated[str | None, Query(description="deadline before this date (YYYY-MM-DD)")] = None,
    overdue: Annotated[bool, Query(description="only tasks whose deadline has passed on as_of")] = False,
    as_of: Annotated[str | None, Query(description="the day overdue is judged on (default today)")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="documents of this year")] = None,
    place: Annotated[str | None, Query(max_length=60, description="one government's documents (阳泉市)")] = None,
) -> LedgerQuery:
    if role not in ("lead", "any"):
        raise ApiError(400, "bad-parameter", f"role: lead or any, not {role!r}")
    return LedgerQuery(agency=(agency or "").strip() or None, role=role, doc=(doc or "").strip() or None,
                       due_before=_day("due_before", due_before), overdue=overdue,
                       as_of=_day("as_of", as_of), year=year, place=(place or "").strip() or None)


def ledger_tasks(arc, q: LedgerQuery) -> list:
    try:
        return arc.tasks(agency=q.agency, role=q.role, doc=q.doc, due_before=q.due_before,
                         overdue=q.overdue, as_of=q.day(), year=q.year, place=q.place)
    except (NotFoundError, ArchiveError):
        raise
    except GongbaoError as e:
        if "took longer than" in str(e):
            raise  # the archive's time limit: a 503, not the caller's mistake
        raise ApiError(400, "bad-parameter", str(e)) from None


def agency_ledger(arc, name: str, q: LedgerQuery) -> tuple:
    """(the agency's summary, its tasks: overdue first, then by deadline), or a 404."""
    from gongbao.registers.tasks import by_urgency, find_agency

    summary = find_agency(arc.agencies(as_of=q.day(), place=q.place), name)
    if summary is None:
        raise ApiError(404, "not-found", f"no task in the archive names the agency {name}")
    tasks = ledger_tasks(arc, LedgerQuery(**{**q.__dict__, "agency": name}))
    return summary, by_urgency(tasks)


def _archive(request: Request):
    return request.app.state.pool.get()


@router.get("/tasks", summary="The task ledger", responses=_E400, response_model=TasksAnswer)
def tasks(request: Request, q: LedgerQuery = Depends(ledger_params)) -> JSONResponse:
    """Tasks the archive's documents assign to agencies (docs/spec/registers-json.md)."""
    found = ledger_tasks(_archive(request), q)
    return JSONResponse({"total": len(found), "as_of": q.day().isoformat(),
                         "tasks": [t.to_dict() for t in found]})


@router.get("/agencies", summary="Agencies and their task counts", responses=_E400, response_model=AgenciesAnswer)
def agencies(request: Request, q: LedgerQuery = Depends(ledger_params)) -> JSONResponse:
    """Every agency the tasks name: canonical name, aliases, counts (lead, all, overdue)."""
    found = _archive(request).agencies(as_of=q.day(), place=q.place)
    return JSONResponse({"total": len(found), "as_of": q.day().isoformat(),
                         "agencies": [a.to_dict() for a in found],
                         "unknown": [a.name for a in found if not a.known]})


@router.get("/agencies/{name}", summary="One agency's ledger", responses=_E400, response_model=AgencyAnswer)
def agency(request: Request, name: Annotated[str, Path(description="an agency, by any of its names")],
           q: LedgerQuery = Depends(ledger_params)) -> JSONResponse:
    """An agency (any of its names) with its tasks, overdue first, then by deadline."""
    from gongbao.registers.tasks import leads

    summary, found = agency_ledger(_archive(request), name, q)
    return JSONResponse({**summary.to_dict(), "as_of": q.day().isoformat(),
                         "lead_tasks": [t.to_dict() for t in found if leads(t, name)],
                         "participant_tasks": [t.to_dict() for t in found if not leads(t, name)]})
