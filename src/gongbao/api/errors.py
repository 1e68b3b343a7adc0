"""One error shape for the whole API, and the handlers that produce it.

Every error the API answers with, whatever raised it, is JSON of one shape:

    {"error": {"status": 404, "code": "not-found", "message": "no document 阳政发〔2099〕1号"}}

`status` repeats the HTTP status; `code` is one of `CODES`, stable for programs to switch on;
`message` is for people. A stack trace never reaches the client: an unexpected exception is
logged and answered with a 500 `internal` error. Requests outside /api/ get the same status as a
page in the web UI (see `gongbao.web`), through `html_renderer`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import PlainTextResponse, Response
from gongbao.api.fastjson import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gongbao.api.http import DEFAULT_CSP, SECURITY_HEADERS
from gongbao.api.serialize import scrub_paths
from gongbao.errors import GongbaoError
from gongbao.search.query import QueryError
from gongbao.store.records import ArchiveError, NotFoundError

__all__ = ["ApiError", "CODES", "error_body", "install_error_handlers", "is_api_path"]

log = logging.getLogger("gongbao.api")

# The codes an error may carry, and what each means.
CODES = {
    "bad-query": "the search query cannot be run as typed (the message says what to type)",
    "bad-parameter": "a parameter is missing, malformed or out of range",
    "bad-input": "an uploaded file is not a gazette text (binary, empty, undecodable)",
    "unauthorized": "a write needs the upload token: send `Authorization: Bearer <token>`",
    "read-only": "this server does not accept writes (no upload token is configured)",
    "not-found": "no such document, issue or page",
    "method-not-allowed": "the path exists but not with this HTTP method",
    "too-large": "the upload is larger than the server accepts",
    "refused": "an uploaded text of an issue already in the archive would drop documents or its "
               "cover disagrees with its text: not made the current version (send replace=true)",
    "unavailable": "the archive cannot be read right now (missing, locked, or too slow)",
    "internal": "an unexpected error; it has been logged",
}

# The code of a status when nothing more specific is known.
_STATUS_CODES = {400: "bad-parameter", 401: "unauthorized", 403: "read-only", 404: "not-found",
                 405: "method-not-allowed", 409: "refused", 413: "too-large", 503: "unavailable",
                 500: "internal"}


# How the archive words a read it stopped at its time limit. It raises a plain GongbaoError for
# it (no subclass of its own), so the message is the only way to tell it from bad input.
_OVER_TIME = "took longer than"


class ApiError(Exception):
    """Raise in a route to answer with the error shape."""

    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        assert code in CODES, code
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_body(status: int, code: str, message: str) -> dict:
    return {"error": {"status": status, "code": code, "message": message}}


def is_api_path(request: Request) -> bool:
    path = request.url.path
    return path == "/api" or path.startswith("/api/") or path == "/openapi.json"


def _describe_validation(exc: RequestValidationError) -> str:
    """`limit: must be at most 100; year: not a valid integer`, from pydantic's error list."""
    parts = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body", "header")]
        name = ".".join(loc) or "request"
        msg = str(err.get("msg", "invalid")).rstrip(".")
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        parts.append(f"{name}: {msg[:1].lower()}{msg[1:]}")
    return "; ".join(parts) or "invalid request"


HtmlRenderer = Callable[[Request, int, str, str], Response]


def install_error_handlers(app: FastAPI, html_renderer: HtmlRenderer | None = None) -> None:
    """Route every exception to the error shape (API) or an error page (web UI)."""

    def respond(request: Request, status: int, code: str, message: str,
                headers: dict | None = None) -> Response:
        message = scrub_paths(message)  # the server's own paths are nobody's business
        if html_renderer is not None and not is_api_path(request):
            try:
                response = html_renderer(request, status, code, message)
            except Exception:  # noqa: BLE001 - the error page itself failed: answer in plain text
                log.exception("error page failed for %s", request.url.path)
                response = PlainTextResponse(f"{status} {code}: {message}", status_code=status)
            for key, value in (headers or {}).items():
                response.headers[key] = value
            return response
        return JSONResponse(error_body(status, code, message), status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return respond(request, 400, "bad-parameter", _describe_validation(exc))

    @app.exception_handler(QueryError)
    async def _query(request: Request, exc: QueryError):
        return respond(request, 400, "bad-query", str(exc))

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError):
        return respond(request, 404, "not-found", str(exc))

    @app.exception_handler(ArchiveError)
    async def _archive(request: Request, exc: ArchiveError):
        log.error("archive unavailable: %s", exc)
        pool = getattr(request.app.state, "pool", None)
        if pool is not None:
            pool.reset()  # the next requests reopen the archive: recovery once it is readable
        return respond(request, 503, "unavailable", str(exc))

    @app.exception_handler(GongbaoError)
    async def _gongbao(request: Request, exc: GongbaoError):
        message = str(exc)
        if _OVER_TIME in message:  # the archive stopped a read at its time limit
            log.warning("%s %s: %s", request.method, request.url.path, message)
            return respond(request, 503, "unavailable", message)
        # A domain error not caught more precisely: the user's input was at fault.
        return respond(request, 400, "bad-parameter", message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        status = exc.status_code
        code = _STATUS_CODES.get(status, "bad-parameter" if status < 500 else "internal")
        message = {404: f"nothing at {request.url.path}",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(
            status, str(exc.detail))
        return respond(request, status, code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        # Answered outside the middlewares (by starlette's ServerErrorMiddleware): secure it here.
        response = respond(request, 500, "internal", "an unexpected error occurred; it has been logged")
        for key, value in {**SECURITY_HEADERS, "Content-Security-Policy": DEFAULT_CSP}.items():
            response.headers.setdefault(key, value)
        return response
