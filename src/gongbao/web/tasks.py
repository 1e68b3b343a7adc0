"""The task ledger pages: /tasks, /agencies, /agencies/{name}, and an agency's ledger as CSV
(Excel-ready), as an iCalendar file of its deadlines and as an Atom feed of its new tasks.

One archive call per page; parameters are read by the API's `ledger_params`, so a bad date is a
400 page, an agency no task names a 404 page.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from gongbao.api.tasks import LedgerQuery, agency_ledger, ledger_params, ledger_tasks
from gongbao.registers.agencies import canonical_agency, document_places, qualified
from gongbao.registers.exports import deadlines_ics, ledger_csv, tasks_atom
from gongbao.registers.tasks import by_urgency, leads
from gongbao.web.routes import _env, render

__all__ = ["router", "install", "agency_url"]

router = APIRouter(default_response_class=HTMLResponse)
MAX_ROWS = 500  # tasks listed on one page


def agency_url(name: str) -> str:
    """The page of the agency a name stands for (a full name: that place's agency)."""
    return "/agencies/" + quote(canonical_agency(name), safe="")


def agency_url_in(name: str, doc) -> str:
    """The page of the agency a name printed in document `doc` stands for (of its place)."""
    places = document_places(doc.issuer, getattr(doc.issue, "gazette", None))
    return agency_url(qualified(name, places)[1])


_env.filters.update(agency_url=agency_url, agency_url_in=agency_url_in)


def _archive(request: Request):
    return request.app.state.pool.get()


def _filters(q: LedgerQuery) -> dict:
    return {"agency": q.agency or "", "role": q.role, "due_before": q.due_before.isoformat() if q.due_before else "",
            "overdue": q.overdue, "as_of": q.as_of.isoformat() if q.as_of else "", "year": q.year or "",
            "place": q.place or ""}


@router.get("/tasks", summary="Task ledger page")
def tasks_page(request: Request, q: LedgerQuery = Depends(ledger_params)):
    found = by_urgency(ledger_tasks(_archive(request), q))
    return render(request, "tasks.html", tasks=found[:MAX_ROWS], total=len(found), shown=min(len(found), MAX_ROWS),
                  filters=_filters(q), as_of=q.day())


@router.get("/agencies", summary="Agencies page")
def agencies_page(request: Request, q: LedgerQuery = Depends(ledger_params)):
    found = _archive(request).agencies(as_of=q.day(), place=q.place)
    return render(request, "agencies.html", agencies=found, as_of=q.day(),
                  unknown=[a for a in found if not a.known])


@router.get("/agencies/{name}", summary="Agency page")
def agency_page(request: Request, name: str, q: LedgerQuery = Depends(ledger_params)):
    summary, found = agency_ledger(_archive(request), name, q)
    base = agency_url(name)  # the page's own name: with its place, of that place only
    return render(request, "agency.html", agency=summary, as_of=q.day(), filters=_filters(q), base=base,
                  lead_tasks=[t for t in found if leads(t, name)],
                  other_tasks=[t for t in found if not leads(t, name)])


def _download(body: bytes, media: str, filename: str) -> Response:
    return Response(body, media_type=media, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "X-Content-Type-Options": "nosniff"})


@router.get("/agencies/{name}/ledger.csv", summary="Agency ledger as CSV")
def agency_csv(request: Request, name: str, q: LedgerQuery = Depends(ledger_params)):
    summary, found = agency_ledger(_archive(request), name, q)
    return _download(ledger_csv(found), "text/csv; charset=utf-8", f"{summary.full_name}-任务台账.csv")


@router.get("/agencies/{name}/deadlines.ics", summary="Agency deadlines as iCalendar")
def agency_ics(request: Request, name: str, q: LedgerQuery = Depends(ledger_params)):
    summary, found = agency_ledger(_archive(request), name, q)
    base = str(request.base_url).rstrip("/")
    return _download(deadlines_ics(summary.full_name, found, base), "text/calendar; charset=utf-8",
                     f"{summary.full_name}-截止日期.ics")


@router.get("/agencies/{name}/feed.atom", summary="Agency's new tasks as Atom")
def agency_atom(request: Request, name: str, q: LedgerQuery = Depends(ledger_params)):
    summary, found = agency_ledger(_archive(request), name, q)
    base = str(request.base_url).rstrip("/")
    page = base + agency_url(name)
    body = tasks_atom(summary.full_name, found, base, page + "/feed.atom", page)
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def install(app: FastAPI) -> None:
    """Add the ledger pages to `app` (before the other pages, which they do not shadow)."""
    app.include_router(router, include_in_schema=False)
