"""The versions of an issue: every text ingested of it (`/api/issues/{id}/versions`) and the bytes
of one of them exactly as ingested (`/api/issues/{id}/source`)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from gongbao.api.fastjson import JSONResponse

from gongbao.api.models import VersionsAnswer
from gongbao.api.routes import archive
from gongbao.api.serialize import document_url, issue_url
from gongbao.store.records import VersionRecord, to_plain

__all__ = ["router", "version_json"]

router = APIRouter(prefix="/api")

_ERRORS = {404: {"description": "no such issue or version, or its bytes were not kept"},
           503: {"description": "the archive cannot be read, or the stored bytes are damaged"}}


def version_json(v: VersionRecord) -> dict:
    out = to_plain(v)
    out.pop("path")
    out["source_file"] = PurePath(v.path).name  # the server's own paths are not shown
    out["documents"] = [{"id": d, "url": document_url(d)} for d in v.documents]
    out["source_url"] = f"{issue_url(v.issue_id)}/source?version={v.version}" if v.kept else None
    return out


IssueId = Annotated[str, Path(description="an issue's id, as /api/issues lists them (e.g. 2020-06)")]


@router.get("/issues/{issue_id}/versions", summary="The versions of an issue", responses=_ERRORS,
            response_model=VersionsAnswer)
def versions(request: Request, issue_id: IssueId) -> JSONResponse:
    """Every text ingested of the issue, oldest first; the last one (`current`) is the one its
    documents come from. Each with its sha256, size, file name, time and document ids."""
    found = archive(request).versions(issue_id)
    return JSONResponse({"issue_id": issue_id, "versions": [version_json(v) for v in found]})


# Encodings as a charset in Content-Type (what the reader names them, as HTTP knows them).
_CHARSETS = {"utf-8-sig": "utf-8"}


@router.get("/issues/{issue_id}/source", summary="An issue's file, byte for byte",
            responses={200: {"content": {"text/plain": {}, "application/pdf": {}}}, **_ERRORS},
            response_class=Response)
def source(request: Request, issue_id: IssueId,
           version: Annotated[int | None, Query(ge=1, description="default: the current version")] = None
           ) -> Response:
    """The file of one version of the issue exactly as it was ingested (its sha256 checked on the
    way out, and sent as the `ETag` and `X-Content-SHA256` headers). A PDF is sent as
    application/pdf, so that `…/source#page=N` opens it at page N."""
    data, v = archive(request).source(issue_id, version)
    charset = _CHARSETS.get(v.encoding.lower(), v.encoding.lower())
    pdf = v.encoding == "pdf"
    name = PurePath(v.path).name or f"{issue_id}.{'pdf' if pdf else 'txt'}"
    media = "application/pdf" if pdf else f"text/plain; charset={charset}"
    return Response(data, media_type=media, headers={
        "ETag": f'"{v.sha256}"', "X-Content-SHA256": v.sha256, "X-Version": str(v.version),
        "Content-Disposition": f"inline; filename*=UTF-8''{quote(name)}"})
