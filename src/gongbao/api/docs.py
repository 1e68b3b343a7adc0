"""/docs: the interactive API documentation (Swagger UI), served from the package, offline.

Government intranets and mainland networks cannot reach the CDN that FastAPI's default /docs
loads its scripts from, so the Swagger UI assets come from the `fastapi-offline` package (which
ships them) and the page starts them with a script of ours (`docs_assets/init.js`), not an inline
one: the page's Content-Security-Policy allows scripts from this server only, and on /docs only.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["install_docs", "DOCS_CSP"]

# Swagger UI runs its own scripts, sets inline styles and draws data: icons; it fetches only
# /openapi.json and the API it documents, from this server.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")

_HERE = Path(str(resources.files("gongbao.api"))) / "docs_assets"

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui"><noscript>The interactive documentation needs JavaScript; the API
description itself is at <a href="/openapi.json">/openapi.json</a>.</noscript></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""


def _swagger_assets() -> Path:
    """The folder of Swagger UI's files in the installed fastapi-offline package."""
    return Path(str(resources.files("fastapi_offline"))) / "static"


def install_docs(app: FastAPI) -> None:
    """Serve /docs, its starter script and the Swagger UI assets (the app has docs_url=None)."""
    page = _PAGE.format(title=app.title)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(page, headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/docs/init.js", include_in_schema=False)
    def docs_init() -> FileResponse:
        return FileResponse(_HERE / "init.js", media_type="text/javascript")

    app.mount("/docs/assets", StaticFiles(directory=str(_swagger_assets())), name="docs-assets")
