"""What every response of the server does, the API, the pages and the static files alike.

- `HEAD` on every GET route (the GET answer's headers, no body);
- validators: a weak `ETag` of the body and `Last-Modified` (the archive file's time), and 304 Not
  Modified when the request's `If-None-Match` (or, without it, `If-Modified-Since`) matches;
- gzip for answers of 1 KB and more (starlette's GZipMiddleware);
- security headers: `nosniff`, no framing (`X-Frame-Options` and CSP `frame-ancestors`), a
  Referrer-Policy, and a Content-Security-Policy that allows nothing unless the page set its own.

Each is a small ASGI middleware; `install_http(app, last_modified)` adds them in the right order.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["SECURITY_HEADERS", "DEFAULT_CSP", "install_http", "GZIP_MINIMUM"]

# Sent with every response. A page that needs more (the web UI's stylesheet, /docs' scripts)
# sends its own Content-Security-Policy, which is then kept.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# An answer that is not a page (JSON, CSS, an icon) loads nothing, runs nothing, is never framed.
DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
GZIP_MINIMUM = 1024  # bytes: smaller answers are sent as they are


class SecurityHeaders:
    """Add SECURITY_HEADERS (and DEFAULT_CSP when the response has no policy) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                headers.setdefault("Content-Security-Policy", DEFAULT_CSP)
            await send(message)

        await self.app(scope, receive, send_secured)


class HeadAsGet:
    """Answer HEAD as GET would, without the body (Content-Length stays that of the body)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, send_headers)


class ConditionalGet:
    """ETag and Last-Modified on every 200 answer to GET that has none; 304 when they match.

    `last_modified()` is the time the answers last changed (the archive file's modification
    time, or the server's start, whichever is later), or None.
    """

    def __init__(self, app: ASGIApp, last_modified: Callable[[], float | None]) -> None:
        self.app = app
        self.last_modified = last_modified

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        start: Message | None = None
        passing = False
        chunks: list[bytes] = []

        async def send_validated(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                start = message
                headers = Headers(raw=message.get("headers", []))
                passing = message["status"] != 200 or "etag" in headers
                if passing:
                    await send(message)
                return
            if passing or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            body = b"".join(chunks)
            assert start is not None
            headers = MutableHeaders(scope=start)
            etag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            headers["ETag"] = etag
            modified = self.last_modified()
            if modified:
                headers["Last-Modified"] = formatdate(modified, usegmt=True)
            headers.setdefault("Cache-Control", "no-cache")  # may be kept, but ask each time
            if _not_modified(request_headers, etag, modified):
                for name in ("content-length", "content-type"):
                    del headers[name]
                await send({**start, "status": 304})
                await send({"type": "http.response.body", "body": b"", "more_body": False})
                return
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, send_validated)


def _not_modified(headers: Headers, etag: str, modified: float | None) -> bool:
    """RFC 9110 §13.1: If-None-Match (weak comparison) first; If-Modified-Since only without it."""
    if "if-none-match" in headers:
        wanted = {tag.strip().removeprefix("W/") for tag in headers["if-none-match"].split(",")}
        return "*" in wanted or etag.removeprefix("W/") in wanted
    since = headers.get("if-modified-since")
    if since and modified:
        try:
            return int(modified) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
    return False


def install_http(app, last_modified: Callable[[], float | None]) -> None:
    """Add the middlewares to a Starlette/FastAPI app (the last added runs first)."""
    started = time.time()

    def changed() -> float | None:
        archive = last_modified()
        return max(archive or 0.0, started)

    app.add_middleware(ConditionalGet, last_modified=changed)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM)
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)
