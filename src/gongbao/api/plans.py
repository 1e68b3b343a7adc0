"""The API of emergency-plan cards: /api/plans (every plan) and /api/plans/{ref} (one card).

JSON as `gongbao plans --json` / `gongbao plan REF --json` (docs/spec/registers-json.md), with links.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from gongbao.api.fastjson import JSONResponse

from gongbao.api.models import PlanCard, PlansAnswer
from gongbao.api.serialize import document_url, document_web_url
from gongbao.registers.plans import card_json

__all__ = ["router", "plan_web_url", "plan_url"]

router = APIRouter(prefix="/api")

_E404 = {404: {"description": "no such document, or the document is not an emergency plan"}}


def plan_url(doc_id: str) -> str:
    return f"/api/plans/{quote(doc_id, safe='')}"


def plan_web_url(doc_id: str) -> str:
    return f"/plans/{quote(doc_id, safe='')}"


def _linked(record) -> dict:
    doc_id = record.document.id
    return {**card_json(record), "url": plan_url(doc_id), "web_url": plan_web_url(doc_id),
            "document_url": document_url(doc_id), "document_web_url": document_web_url(doc_id)}


@router.get("/plans", summary="Every emergency plan", response_model=PlansAnswer)
def plans(request: Request,
          hazard: Annotated[str | None, Query(max_length=100, description="words the plan's hazard or title holds")] = None,
          ) -> JSONResponse:
    """Every emergency plan's card (应急预案), newest first."""
    records = request.app.state.pool.get().plans(hazard)
    return JSONResponse({"total": len(records), "plans": [_linked(r) for r in records]})


@router.get("/plans/{ref}", summary="One emergency plan's card", responses=_E404, response_model=PlanCard)
def plan(request: Request, ref: Annotated[str, Path(description="document id, 发文字号 in any common form, or hazard words")]
         ) -> JSONResponse:
    """`ref`: the document's id, its 发文字号 in any common form, or words of its hazard."""
    return JSONResponse(_linked(request.app.state.pool.get().plan(ref)))
