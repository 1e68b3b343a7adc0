"""API routes of the validity register: a document's status, the repealed documents, 文号 gaps.

Each route is one archive call and the JSON of docs/spec/registers-json.md (registers.validity);
errors take the one shape of `gongbao.api.errors`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from gongbao.api.fastjson import JSONResponse

from gongbao.api.models import GapsAnswer, RepealedAnswer, StatusAnswer
from gongbao.api.errors import ApiError
from gongbao.registers.validity import gaps_json, repealed_json, status_json
from gongbao.search.query import QueryError, parse_date

__all__ = ["router"]

router = APIRouter(prefix="/api")

_ERROR = {"application/json": {"example": {
    "error": {"status": 404, "code": "not-found", "message": "no document 阳政发〔2099〕1号 in the archive"}}}}


def _archive(request: Request):
    return request.app.state.pool.get()


@router.get("/documents/{ref}/status", summary="Is a document in force?", response_model=StatusAnswer,
            responses={400: {"content": _ERROR}, 404: {"content": _ERROR}})
def document_status(
    request: Request, ref: Annotated[str, Path(description="document id or 发文字号 in any common form")],
    as_of: Annotated[str | None, Query(description="the day to judge on (default today): 2021-01-01")] = None,
) -> JSONResponse:
    """Status on a day (in-force, not-yet-in-force, expired, repealed) with its evidence: the
    effective date and its sentence, the expiry, what repeals or amends it and what it repeals."""
    try:
        day = parse_date(as_of) if as_of else None
    except QueryError as e:
        raise ApiError(400, "bad-parameter", f"as_of: {e}") from None
    return JSONResponse(status_json(_archive(request).status(ref, day)))


@router.get("/repealed", summary="Documents named as repealed", response_model=RepealedAnswer)
def repealed(request: Request) -> JSONResponse:
    """Every document named as repealed anywhere in the archive, held or not, with the evidence."""
    return JSONResponse(repealed_json(_archive(request).repealed()))


@router.get("/gaps", summary="文号 sequences and their gaps", response_model=GapsAnswer)
def gaps(
    request: Request,
    prefix: Annotated[str | None, Query(max_length=20, description="文号 prefix, e.g. 阳政办发")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="the year of the numbers")] = None,
) -> JSONResponse:
    """Per (prefix, year): serials held, missing between the first and the last, cited but missing."""
    return JSONResponse(gaps_json(_archive(request).gaps(prefix, year)))
