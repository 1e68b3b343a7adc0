"""The web page of the validity register: documents named as repealed, and missing 文号.

    /validity     每件被宣布废止的文件（档案内外）及废止依据；各发文字号序列的缺号
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

__all__ = ["router"]

router = APIRouter(default_response_class=HTMLResponse)


@router.get("/validity", summary="Validity register page")
def validity_page(request: Request):
    from gongbao.web.routes import render

    arc = request.app.state.pool.get()
    return render(request, "validity.html", repealed=arc.repealed(), series=arc.gaps())
