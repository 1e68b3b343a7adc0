"""The REST API under /api: search, documents, issues, stats, and (with a token) upload.

Each route is one archive call and a conversion to JSON (`gongbao.api.serialize`); parameters are
validated in `gongbao.api.params`; errors take the one shape of `gongbao.api.errors`.
"""

from __future__ import annotations

import hmac
import re
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from gongbao.api.fastjson import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile as StarletteUploadFile

from gongbao.api.errors import ApiError
from gongbao.api.models import (
    DocumentAnswer, DocumentListAnswer, ErrorAnswer, IssueAnswer, IssueListAnswer, PrintedAnswer,
    SearchAnswer, StatsAnswer, UploadAnswer,
)
from gongbao.api.params import (
    DEFAULT_LIMIT, MAX_OFFSET, MAX_QUERY, LimitQuery, OffsetQuery, SortQuery, filter_params,
)
from gongbao.api.serialize import (
    document_json, issue_json, issue_summary_json, list_json, outcome_json, printed_json,
    search_json, stats_json,
)
from gongbao.errors import GongbaoError
from gongbao.search.query import Filters, QueryError
from gongbao.store.records import ArchiveError
from gongbao.store.sandbox import prepare_limited

__all__ = ["router", "document_corrections"]

router = APIRouter(prefix="/api")

# Every error response a route can give, for the OpenAPI description (gongbao.api.models
# gives each the ErrorAnswer schema).
_ERROR_SCHEMA = {"application/json": {"example": {
    "error": {"status": 404, "code": "not-found", "message": "no document 阳政发〔2099〕1号 in the archive"}}}}
_E400 = {400: {"model": ErrorAnswer, "description": "bad query or parameter", "content": _ERROR_SCHEMA}}
_E404 = {404: {"model": ErrorAnswer, "description": "no such document or issue", "content": _ERROR_SCHEMA}}
_E503 = {503: {"model": ErrorAnswer, "description": "the archive cannot be read right now",
               "content": _ERROR_SCHEMA}}

RefPath = Annotated[str, Path(description=(
    "a document's id (阳政办发2020-132) or its 发文字号 in any common form: 阳政办发〔2020〕132号, "
    "阳政办发[2020]132号, 阳政办发2020 132"), examples=["阳政办发〔2020〕132号"])]
IssuePath = Annotated[str, Path(description="an issue's id, as /api/issues lists it: 2020-06",
                                examples=["2020-06"])]


def archive(request: Request):
    """This worker thread's read-only archive."""
    return request.app.state.pool.get()


def base_url(request: Request) -> str:
    """The server's address as the client reached it, for absolute links (no trailing /)."""
    return str(request.base_url).rstrip("/")


def page_links(request: Request, *, offset: int, limit: int, total: int) -> dict:
    """Absolute `next` and `prev` links of a page of results (None at either end)."""
    following = offset + limit
    previous = max(0, offset - limit)
    return {
        "next": str(request.url.include_query_params(offset=following))
        if following < total and following <= MAX_OFFSET else None,
        "prev": str(request.url.include_query_params(offset=previous)) if offset > 0 else None,
    }


def _paged(body: dict) -> JSONResponse:
    """The JSON answer of a page, with its links repeated in a `Link` header (RFC 8288)."""
    links = ", ".join(f'<{body[rel]}>; rel="{rel}"' for rel in ("next", "prev") if body.get(rel))
    return JSONResponse(body, headers={"Link": links} if links else None)


@router.get("/search", summary="Search documents", response_model=SearchAnswer,
            responses={**_E400, **_E503})
def search(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY, description=(
        "query in the CLI's language: words, \"phrases\", OR, -word, year:, issuer:, genre:, "
        "section:, from:, to:; a 发文字号 finds that document first"))] = "",
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
    filters: Filters = Depends(filter_params),
    sort: SortQuery = "relevance",
) -> JSONResponse:
    """Ranked hits with HTML snippets (matches in `<mark>`), and facets of the whole result;
    `next`/`prev` link the pages. The shape is docs/spec/search-json.md. The same list as a
    file: /api/search/download.csv and .json; as an Atom feed: /api/search/feed.atom."""
    result = request.app.state.pool.search(q, limit=limit, offset=offset, filters=filters, sort=sort)
    out = search_json(result, base_url(request), page_links(request, offset=offset, limit=limit, total=result.total))
    statuses = archive(request).status_values([h.id for h in result.hits])
    for plain in out["hits"]:  # the validity status today (/api/documents/{ref}/status)
        plain["status"] = statuses.get(plain["id"])
    return _paged(out)


@router.get("/documents", summary="List documents", response_model=DocumentListAnswer,
            responses={**_E400, **_E503})
def documents(
    request: Request,
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
    filters: Filters = Depends(filter_params),
) -> JSONResponse:
    """Documents matching the filters, newest first; `next`/`prev` link the pages."""
    listing = archive(request).documents(filters=filters, limit=limit, offset=offset)
    links = page_links(request, offset=offset, limit=limit, total=listing.total)
    return _paged(list_json(listing, limit=limit, offset=offset, base=base_url(request), links=links))


@router.get("/documents/{ref}", summary="One document", response_model=DocumentAnswer,
            responses={**_E400, **_E404, **_E503})
def document(request: Request, ref: RefPath) -> JSONResponse:
    """All about one document, by id or by 发文字号 (`阳政办发〔2020〕132号`, `阳政办发2020 132`):
    metadata, outline, text and paragraphs, attachments, references out and citations in."""
    return JSONResponse(document_json(archive(request).document(ref), base_url(request)))


@router.get("/documents/{ref}/printed", summary="A document as printed", response_model=PrintedAnswer,
            responses={**_E400, **_E404, **_E503})
def printed(request: Request, ref: RefPath) -> JSONResponse:
    """The source lines of a document, numbered, and the OCR corrections suggested for them."""
    arc = archive(request)
    doc = arc.document(ref)
    lines = arc.printed_lines(doc.issue_id, doc.start_line, doc.end_line,
                              version=None if doc.current else doc.version)
    return JSONResponse(printed_json(doc, lines, document_corrections(arc, doc)))


@router.get("/issues", summary="List issues", response_model=IssueListAnswer, responses=_E503)
def issues(request: Request) -> JSONResponse:
    """Every gazette issue in the archive, newest first."""
    base = base_url(request)
    return JSONResponse({"issues": [issue_summary_json(i, base) for i in archive(request).issues()]})


@router.get("/issues/{issue_id}", summary="One issue", response_model=IssueAnswer,
            responses={**_E400, **_E404, **_E503})
def issue(request: Request, issue_id: IssuePath) -> JSONResponse:
    """Cover data, the table of contents linked to documents, the documents, parser warnings."""
    return JSONResponse(issue_json(archive(request).issue(issue_id), base_url(request)))


@router.get("/stats", summary="Archive statistics", response_model=StatsAnswer, responses=_E503)
def stats(request: Request) -> JSONResponse:
    """How many issues, documents, references ... the archive holds, and facets of them all."""
    return JSONResponse(stats_json(archive(request).stats()))


def document_corrections(arc, doc) -> tuple:
    """The issue's suggested OCR corrections that fall in the document's lines (those of the
    current version: none for a document of an earlier version)."""
    if not doc.current:
        return ()
    record = arc.issue(doc.issue_id)
    return tuple(c for c in record.corrections if doc.start_line <= c.line <= doc.end_line)


_bearer = HTTPBearer(auto_error=False, description="the upload token the server was started with")


def require_token(request: Request,
                  creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    token = request.app.state.upload_token
    if not token:
        raise ApiError(403, "read-only", "this server is read-only: uploads are off "
                       "(start it with --upload-token to accept them)")
    given = creds.credentials if creds else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(401, "unauthorized", "send the upload token as `Authorization: Bearer <token>`",
                       headers={"WWW-Authenticate": "Bearer"})


# The request body of an upload, for the OpenAPI description (the route reads it itself, after
# checking the token and the size, so that nothing is read from a client that may not write).
_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "a gazette issue as text (UTF-8 or GB18030)"}}}}}}}
_MULTIPART_SLACK = 64 * 1024  # room for the multipart framing around the file


@router.post("/issues", summary="Upload an issue to ingest", status_code=201,
             response_model=UploadAnswer, response_description="added or replaced",
             dependencies=[Depends(require_token)], openapi_extra=_UPLOAD_BODY,
             responses={200: {"model": UploadAnswer, "description": "skipped: the same file is "
                                                                     "already in the archive"},
                        400: _E400[400], 401: {"description": "missing or wrong token", "content": _ERROR_SCHEMA},
                        403: {"description": "uploads are off", "content": _ERROR_SCHEMA},
                        409: {"description": "a new version refused", "content": _ERROR_SCHEMA},
                        413: {"description": "file too large", "content": _ERROR_SCHEMA}})
async def upload(request: Request, replace: Annotated[bool, Query(description=(
        "make a new text of an issue its current version even if it drops documents or its "
        "cover disagrees with its text (nothing is deleted)"))] = False) -> JSONResponse:
    """Ingest one gazette file, sent as the multipart field `file`. Off unless the server has an
    upload token, and then only with it. Answers with what the ingest did: added, replaced (a new
    version of an issue) or skipped; 409 `refused` for a new version that would drop documents
    or whose cover disagrees with its text, unless `replace=true`. The file is parsed in a child
    process with a time and memory limit, so the server keeps answering meanwhile."""
    limit = request.app.state.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + _MULTIPART_SLACK:
        raise ApiError(413, "too-large", f"the file is over the limit of {limit:,} bytes")
    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception as e:  # noqa: BLE001 - a body that is not multipart, or is malformed
        raise ApiError(400, "bad-parameter", f"send the file as the multipart field `file` ({e})") from None
    file = form.get("file")
    if not isinstance(file, StarletteUploadFile):
        raise ApiError(400, "bad-parameter", "file: send the gazette file as the multipart field `file`")
    name = upload_name(file.filename)
    data = await file.read(limit + 1)
    await form.close()
    if len(data) > limit:
        raise ApiError(413, "too-large", f"the file is over the limit of {limit:,} bytes")
    try:
        outcome = await run_in_threadpool(_ingest, request.app.state, name, data, replace)
    except (ArchiveError, QueryError):
        raise
    except GongbaoError as e:  # not a gazette text: binary, empty, undecodable, no documents
        raise ApiError(400, "bad-input", f"{name}: {e}") from None
    if outcome.status == "refused":
        raise ApiError(409, "refused", f"{name}: {outcome.message}".replace("--replace", "replace=true"))
    if not outcome.ok:
        raise ApiError(400, "bad-input", f"{name}: {outcome.message}")
    return JSONResponse(outcome_json(outcome, base_url(request)),
                        status_code=200 if outcome.status == "skipped" else 201)


# What an uploaded file's name may keep: letters (any script), digits, - _ . and no leading dot.
_UNSAFE_NAME = re.compile(r"[^\w.-]+")


def upload_name(filename: str | None) -> str:
    """The uploaded file's name, made safe to become part of an issue id: its last path part,
    characters other than letters, digits, - _ . replaced, no leading dots (`..`, `.env`), never
    empty (`upload.txt`)."""
    name = PurePath((filename or "").replace("\\", "/")).name
    name = _UNSAFE_NAME.sub("-", name).lstrip(".-")
    return name if name and PurePath(name).stem.strip(".-") else "upload.txt"


def _ingest(state, name: str, data: bytes, replace: bool):
    limits = state.parse_limits

    def prepare(path: str, data: bytes, digest: str):
        return prepare_limited(path, data, digest, limits)

    with state.pool.writer() as arc:
        return arc.ingest_bytes(data, f"upload/{name}", replace=replace, prepare=prepare)
