"""The pages of emergency-plan cards: /plans (every plan, by hazard) and /plans/{ref} (one card
that prints on one A4 sheet and reads on a phone; each fact links to its printed line)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from gongbao.api.plans import plan_web_url
from gongbao.registers.plans import by_hazard, duration_text
from gongbao.web.routes import render

__all__ = ["router"]

router = APIRouter(default_response_class=HTMLResponse)

CRITERIA_ON_CARD = 160  # characters of a level's criteria the card shows (the printed line has all)


@router.get("/plans", summary="Emergency plans page")
def plans_page(request: Request):
    records = request.app.state.pool.get().plans()
    return render(request, "plans.html", groups=by_hazard(records), total=len(records), plan_url=plan_web_url)


@router.get("/plans/{ref}", summary="Emergency plan card")
def plan_page(request: Request, ref: str):
    record = request.app.state.pool.get().plan(ref)
    if record.document.id != ref:  # addressed by 文号 or hazard: the card's stable address
        return RedirectResponse(plan_web_url(record.document.id), status_code=302)
    return render(request, "plan.html", record=record, plan=record.plan, doc=record.document,
                  duration=duration_text, short=_short)


def _short(text: str | None) -> str | None:
    if text and len(text) > CRITERIA_ON_CARD:
        return text[:CRITERIA_ON_CARD] + "…"
    return text
