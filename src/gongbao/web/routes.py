"""The pages of the web UI: one archive call (or two) per page, rendered by a Jinja2 template.

Templates autoescape every value; the only markup let through is the search snippet's <mark>
(see `present.safe_snippet`). A bad query or filter is shown on the search page itself with
status 400; an unknown document or issue is a 404 page.
"""

from __future__ import annotations

import math
from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from gongbao.api.errors import ApiError
from gongbao.api.params import MAX_QUERY, filter_params
from gongbao.api.routes import document_corrections
from gongbao.api.serialize import document_web_url, issue_url, issue_web_url
from gongbao.search.query import Filters, QueryError
from gongbao.web.present import (
    ATTACHMENT_STATUS, FACET_NAMES, REFERENCE_KIND, SearchState, cn_date, outline_anchors,
    outline_headings, pages,
    printed_rows, reference_groups, safe_snippet, status_evidence, text_blocks,
)

__all__ = ["install", "router", "PAGE_SIZE"]

PAGE_SIZE = 20  # hits per search page
MAX_PAGE = 500

_HERE = Path(str(resources.files("gongbao.web")))

_env = Environment(
    loader=FileSystemLoader(str(_HERE / "templates")),
    autoescape=select_autoescape(enabled_extensions=("html",), default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters.update(cn_date=cn_date, snippet=safe_snippet, doc_url=document_web_url,
                    issue_url=issue_web_url, issue_api_url=issue_url)
_env.globals.update(ATTACHMENT_STATUS=ATTACHMENT_STATUS, REFERENCE_KIND=REFERENCE_KIND,
                    FACET_NAMES=FACET_NAMES, status_evidence=status_evidence)
templates = Jinja2Templates(env=_env)

# Sent with every page: nothing but our own stylesheet may load, nothing may run.
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

router = APIRouter(default_response_class=HTMLResponse)


def _archive(request: Request):
    return request.app.state.pool.get()


def render(request: Request, name: str, status_code: int = 200, **context) -> Response:
    context.setdefault("q", "")
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers.update(_SECURITY_HEADERS)
    return response


def render_error(request: Request, status: int, code: str, message: str) -> Response:
    title, explanation = _ERROR_TEXTS.get(status, _ERROR_TEXTS[500])
    return render(request, "error.html", status, status=status, code=code, message=message,
                  title=title, explanation=explanation)


# What an error page says, by status: a title and a sentence for the reader.
_ERROR_TEXTS = {
    400: ("请求有误", "请求中的参数无法识别，请检查后重试。"),
    401: ("需要授权", "此操作需要授权。"),
    403: ("不允许", "本站为只读档案，不接受此操作。"),
    404: ("未找到", "没有找到这个公文、公报或页面。可以试试搜索。"),
    405: ("不允许的请求方法", "此页面不支持这种请求方法。"),
    503: ("档案暂时不可用", "档案暂时无法读取，请稍后再试。"),
    500: ("出错了", "服务器出现意外错误，已记录。请稍后再试。"),
}


@router.get("/", summary="Home page")
def home(request: Request):
    arc = _archive(request)
    return render(request, "home.html", issues=arc.issues(), stats=arc.stats())


@router.get("/issues", summary="Issues page")
def issues_page(request: Request):
    return render(request, "issues.html", issues=_archive(request).issues())


@router.get("/issues/{issue_id}", summary="Issue page")
def issue_page(request: Request, issue_id: str):
    issue = _archive(request).issue(issue_id)
    versions = _archive(request).versions(issue_id)
    sections: list[tuple[str | None, list]] = []
    for entry in issue.toc:
        if not sections or sections[-1][0] != entry.section:
            sections.append((entry.section, []))
        sections[-1][1].append(entry)
    linked = {e.document_id for e in issue.toc if e.document_id}
    unlisted = [d for d in issue.document_list if d.id not in linked]
    return render(request, "issue.html", issue=issue, sections=sections, unlisted=unlisted,
                  versions=versions)


@router.get("/documents/{ref}", summary="Document page")
def document_page(request: Request, ref: str):
    doc = _archive(request).document(ref)
    if doc.id != ref:  # addressed by 文号: send the reader to the document's stable address
        return RedirectResponse(document_web_url(doc.id), status_code=302)
    same_number = []
    if doc.doc_number:  # other documents printed with the same 文号 (a slip in the gazette)
        found = request.app.state.pool.search(doc.doc_number, limit=10, offset=0, filters=Filters())
        same_number = [h for h in found.hits if h.match == "doc_number" and h.id != doc.id]
    return render(request, "document.html", doc=doc, blocks=text_blocks(doc),
                  anchors=outline_anchors(doc), headings=outline_headings(doc),
                  references=reference_groups(doc),
                  same_number=same_number, status=_archive(request).status(doc.id) if doc.current else None)


@router.get("/documents/{ref}/printed", summary="Document as printed")
def printed_page(request: Request, ref: str):
    arc = _archive(request)
    doc = arc.document(ref)
    if doc.id != ref:
        return RedirectResponse(document_web_url(doc.id) + "/printed", status_code=302)
    lines = arc.printed_lines(doc.issue_id, doc.start_line, doc.end_line,
                              version=None if doc.current else doc.version)
    corrections = document_corrections(arc, doc)
    return render(request, "printed.html", doc=doc, rows=printed_rows(lines, corrections),
                  corrections=corrections)


@router.get("/documents", summary="All documents")
def documents_page(request: Request):
    return RedirectResponse("/search" + (f"?{request.url.query}" if request.url.query else ""),
                            status_code=302)


@router.get("/search", summary="Search page")
def search_page(
    request: Request,
    q: str = "",
    year: Annotated[list[str], Query()] = [],  # noqa: B006
    genre: Annotated[list[str], Query()] = [],  # noqa: B006
    issuer: Annotated[list[str], Query()] = [],  # noqa: B006
    section: Annotated[list[str], Query()] = [],  # noqa: B006
    date_from: Annotated[str, Query(alias="from")] = "",
    date_to: Annotated[str, Query(alias="to")] = "",
    page: str = "1",
    sort: str = "relevance",
):
    state = SearchState(q=q.strip(), year=_clean(year), genre=_clean(genre), issuer=_clean(issuer),
                        section=_clean(section), date_from=date_from.strip(), date_to=date_to.strip(),
                        sort=sort if sort in ("relevance", "date") else "relevance")
    context = dict(state=state, q=state.q, page_size=PAGE_SIZE, result=None, listing=None, error=None, pages=[], statuses={},
                   last_page=1, facets=None, total=0, hits=())
    try:
        state.page = _page(page)
        if len(state.q) > MAX_QUERY:
            raise ApiError(400, "bad-query", f"查询过长：最多 {MAX_QUERY} 个字符")
        years = []
        for value in state.year:
            if not (value.isdigit() and 1900 <= int(value) <= 2100):
                raise ApiError(400, "bad-parameter", f"年份应为四位数字，例如 2022，而不是 {value!r}")
            years.append(int(value))
        filters = filter_params(year=years, genre=state.genre, issuer=state.issuer,
                                section=state.section, date_from=state.date_from or None,
                                date_to=state.date_to or None)
    except ApiError as e:
        return render(request, "search.html", 400, **{**context, "error": e.message})
    arc = _archive(request)
    offset = (state.page - 1) * PAGE_SIZE
    if not state.q and not filters:
        # Nothing asked for: browse every document, newest first, with the archive's facets.
        listing = arc.documents(limit=PAGE_SIZE, offset=offset)
        total, hits, facets = listing.total, listing.documents, arc.stats().facets
        result = None
    else:
        try:
            result = request.app.state.pool.search(state.q, limit=PAGE_SIZE, offset=offset,
                                                   filters=filters, sort=state.sort)
        except QueryError as e:
            return render(request, "search.html", 400, **{**context, "error": str(e)})
        total, hits, facets = result.total, result.hits, result.facets
    last = max(1, math.ceil(total / PAGE_SIZE))
    if state.page > last and total:
        return RedirectResponse(state.url(page=last), status_code=302)
    context["statuses"] = arc.statuses(ids=[h.id for h in hits]) if hits else {}
    return render(request, "search.html", **{**context, "result": result, "total": total,
                                             "hits": hits, "facets": facets, "last_page": last,
                                             "pages": pages(state.page, last)})


@router.get("/favicon.ico", summary="Site icon")
def favicon():
    """Browsers ask for /favicon.ico whatever the page says: send them to the site's icon."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


def _clean(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v.strip()))


def _page(value: str) -> int:
    value = value.strip() or "1"
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise ApiError(400, "bad-parameter", f"页码应为 1 到 {MAX_PAGE} 之间的整数")
    return int(value)


def install(app: FastAPI):
    """Add the pages and /static to `app`; return the renderer of error pages."""
    from gongbao.web.people import router as people_router
    from gongbao.web.plans import router as plans_router

    app.include_router(router, include_in_schema=False)
    app.include_router(people_router, include_in_schema=False)
    app.include_router(plans_router, include_in_schema=False)
    from gongbao.web.tasks import install as install_tasks

    install_tasks(app)
    from gongbao.web.validity import router as validity_router

    app.include_router(router, include_in_schema=False)
    app.include_router(validity_router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")
    return render_error
