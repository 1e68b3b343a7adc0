"""The REST API under /api: search, documents, issues, stats, and (with a token) upload.

Each route is one archive call and a conversion to JSON (`gongbao.api.serialize`); parameters are
validated in `gongbao.api.params`; errors take the one shape of `gongbao.api.errors`.
"""

from __future__ import annotations

import hmac
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import UploadFile as StarletteUploadFile

from gongbao.api.errors import ApiError
from gongbao.api.params import (
    DEFAULT_LIMIT, MAX_QUERY, LimitQuery, OffsetQuery, filter_params,
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

# Every error response a route can give, for the OpenAPI description.
_ERROR_SCHEMA = {"application/json": {"example": {
    "error": {"status": 404, "code": "not-found", "message": "no document 阳政发〔2099〕1号 in the archive"}}}}
_E400 = {400: {"description": "bad query or parameter", "content": _ERROR_SCHEMA}}
_E404 = {404: {"description": "no such document or issue", "content": _ERROR_SCHEMA}}


def archive(request: Request):
    """This worker thread's read-only archive."""
    return request.app.state.pool.get()


@router.get("/search", summary="Search documents", responses=_E400)
def search(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY, description=(
        "query in the CLI's language: words, \"phrases\", OR, -word, year:, issuer:, genre:, "
        "section:, from:, to:; a 发文字号 finds that document first"))] = "",
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
    filters: Filters = Depends(filter_params),
) -> JSONResponse:
    """Ranked hits with HTML snippets (matches in `<mark>`), and facets of the whole result."""
    result = request.app.state.pool.search(q, limit=limit, offset=offset, filters=filters)
    return JSONResponse(search_json(result))


@router.get("/documents", summary="List documents", responses=_E400)
def documents(
    request: Request,
    limit: LimitQuery = DEFAULT_LIMIT,
    offset: OffsetQuery = 0,
    filters: Filters = Depends(filter_params),
) -> JSONResponse:
    """Documents matching the filters, newest first."""
    listing = archive(request).documents(filters=filters, limit=limit, offset=offset)
    return JSONResponse(list_json(listing, limit=limit, offset=offset))


@router.get("/documents/{ref}", summary="One document", responses=_E404)
def document(request: Request, ref: str) -> JSONResponse:
    """All about one document, by id or by 发文字号 (`阳政办发〔2020〕132号`, `阳政办发2020 132`):
    metadata, outline, text and paragraphs, attachments, references out and citations in."""
    return JSONResponse(document_json(archive(request).document(ref)))


@router.get("/documents/{ref}/printed", summary="A document as printed", responses=_E404)
def printed(request: Request, ref: str) -> JSONResponse:
    """The source lines of a document, numbered, and the OCR corrections suggested for them."""
    arc = archive(request)
    doc = arc.document(ref)
    lines = arc.printed_lines(doc.issue_id, doc.start_line, doc.end_line,
                              version=None if doc.current else doc.version)
    return JSONResponse(printed_json(doc, lines, document_corrections(arc, doc)))


@router.get("/issues", summary="List issues")
def issues(request: Request) -> JSONResponse:
    """Every gazette issue in the archive, oldest first."""
    return JSONResponse({"issues": [issue_summary_json(i) for i in archive(request).issues()]})


@router.get("/issues/{issue_id}", summary="One issue", responses=_E404)
def issue(request: Request, issue_id: str) -> JSONResponse:
    """Cover data, the table of contents linked to documents, the documents, parser warnings."""
    return JSONResponse(issue_json(archive(request).issue(issue_id)))


@router.get("/stats", summary="Archive statistics")
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
             dependencies=[Depends(require_token)], openapi_extra=_UPLOAD_BODY,
             responses={400: _E400[400], 401: {"description": "missing or wrong token", "content": _ERROR_SCHEMA},
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
    name = PurePath((file.filename or "upload.txt").replace("\\", "/")).name or "upload.txt"
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
    return JSONResponse(outcome_json(outcome), status_code=201)


def _ingest(state, name: str, data: bytes, replace: bool):
    limits = state.parse_limits

    def prepare(path: str, data: bytes, digest: str):
        return prepare_limited(path, data, digest, limits)

    with state.pool.writer() as arc:
        return arc.ingest_bytes(data, f"upload/{name}", replace=replace, prepare=prepare)
