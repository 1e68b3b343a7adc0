"""The application: the REST API (/api), the web UI (/), OpenAPI (/openapi.json, /docs).

`create_app(db_path)` opens nothing for writing: every request reads through a read-only
connection of its worker thread. The one route that writes (POST /api/issues, upload an issue to
ingest) answers 403 unless the app was given an `upload_token`, and then requires it.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from gongbao.api.access import ArchivePool
from gongbao.api.errors import install_error_handlers
from gongbao.api.routes import router as api_router

__all__ = ["create_app"]

_DESCRIPTION = """Search and read the documents of government gazettes (政府公报).

Documents are addressed by id or by 发文字号 (in any common spelling). Every error is JSON of one
shape: `{"error": {"status": 404, "code": "not-found", "message": "…"}}`. The API is read-only;
uploading an issue needs the server's upload token.
"""


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gongbao")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0"


def create_app(db_path: str | Path, *, upload_token: str | None = None, web: bool = True) -> FastAPI:
    """The FastAPI app serving the archive at `db_path` (which must exist).

    Raises `ArchiveError` (a `GongbaoError`) at once when the file is not a usable archive.
    """
    pool = ArchivePool(db_path)
    pool.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.close()

    app = FastAPI(title="gongbao", version=_version(),
                  description=_DESCRIPTION, lifespan=lifespan,
                  openapi_url="/openapi.json", docs_url="/docs", redoc_url=None)
    app.state.pool = pool
    app.state.upload_token = upload_token or None
    app.include_router(api_router)
    renderer = None
    if web:
        from gongbao.web import install as install_web

        renderer = install_web(app)
    install_error_handlers(app, renderer)
    return app
