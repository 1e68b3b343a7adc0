"""The application: the REST API (/api), the web UI (/), OpenAPI (/openapi.json, /docs).

`create_app(db_path)` opens nothing for writing: every request reads through a read-only
connection of its worker thread. The one route that writes (POST /api/issues, upload an issue to
ingest) answers 403 unless the app was given an `upload_token`, and then requires it.
"""

from __future__ import annotations

import json
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from gongbao.api.access import READ_THREADS, SEARCH_CACHE_BYTES, SEARCH_CACHE_SIZE, TIME_LIMIT_MS, ArchivePool
from gongbao.api.docs import install_docs
from gongbao.api.errors import install_error_handlers
from gongbao.api.exports import router as exports_router
from gongbao.api.people import router as people_router
from gongbao.api.http import install_http
from gongbao.api.models import fix_openapi
from gongbao.api.plans import router as plans_api_router
from gongbao.api.routes import router as api_router
from gongbao.api.tasks import router as tasks_router
from gongbao.api.validity import router as validity_router
from gongbao.store.sandbox import DEFAULT_LIMITS, ParseLimits
from gongbao.api.versions import router as versions_router

__all__ = ["create_app", "app_from_environment", "MAX_UPLOAD_BYTES", "CONFIG_ENV"]

# Where `gongbao serve --workers N` hands its settings to the worker processes (JSON).
CONFIG_ENV = "GONGBAO_SERVE_CONFIG"

MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # the largest gazette file an upload may send

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


def _load_semantic(pool: ArchivePool) -> None:
    from gongbao.store import Archive

    try:
        with Archive.open(pool.path, readonly=True) as archive:
            archive.load_semantic()
    except Exception:  # noqa: BLE001 - only a head start: a search says what is wrong itself
        pass


def create_app(db_path: str | Path, *, upload_token: str | None = None, web: bool = True,
               time_limit_ms: float | None = TIME_LIMIT_MS,
               max_upload_bytes: int = MAX_UPLOAD_BYTES,
               search_cache_size: int = SEARCH_CACHE_SIZE,
               parse_limits: ParseLimits = DEFAULT_LIMITS,
               search_cache_bytes: int = SEARCH_CACHE_BYTES,
               read_threads: int = READ_THREADS) -> FastAPI:
    """The FastAPI app serving the archive at `db_path` (which must exist).

    `upload_token` turns uploads on (and is then required for them); `web=False` serves the API
    alone; `time_limit_ms` bounds every read of the archive (a slower one is answered with 503);
    `max_upload_bytes` caps an upload (a larger one is answered with 413); `search_cache_size`
    results of recent searches are kept while the archive file is unchanged (0: none), at most
    `search_cache_bytes` of them; `read_threads` bound the threads that run routes (each holds
    an archive connection with its page cache, so they bound memory too);
    `parse_limits` bound the child process that parses each upload (time and memory).
    Raises `ArchiveError` (a `GongbaoError`) at once when the file is not a usable archive.
    """
    pool = ArchivePool(db_path, time_limit_ms=time_limit_ms, search_cache_size=search_cache_size,
                       search_cache_bytes=search_cache_bytes)
    pool.check()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, read_threads)
        # Semantic search: the model and the vectors are loaded once, in the background, and
        # kept for every search of this process (store.hybrid.Dense).
        threading.Thread(target=_load_semantic, args=(pool,), daemon=True,
                         name="gongbao-load-semantic").start()
        yield
        pool.close()

    app = FastAPI(title="gongbao", version=_version(),
                  description=_DESCRIPTION, lifespan=lifespan,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None)
    app.state.pool = pool
    app.state.upload_token = upload_token or None
    app.state.max_upload_bytes = max_upload_bytes
    app.state.parse_limits = parse_limits
    # Any web page may read the archive through the API (GET only: nothing is credentialed).
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"],
                       allow_credentials=False)
    app.include_router(validity_router)  # before api_router: /documents/{ref}/status
    app.include_router(exports_router)  # /api/search/download.csv, .json, feed.atom
    app.include_router(api_router)
    app.include_router(people_router)
    install_docs(app)
    fix_openapi(app)
    install_http(app, pool.modified)
    app.include_router(plans_api_router)
    app.include_router(tasks_router)
    app.include_router(versions_router)
    renderer = None
    if web:
        from gongbao.web import install as install_web

        renderer = install_web(app)
    install_error_handlers(app, renderer)
    return app


def app_from_environment() -> FastAPI:
    """The app for one of several server processes: `create_app` with the settings that
    `gongbao serve` put in $GONGBAO_SERVE_CONFIG (uvicorn imports this by name in each worker)."""
    settings = json.loads(os.environ[CONFIG_ENV])
    return create_app(settings.pop("db_path"), **settings)
