"""`gongbao serve`: the web UI and the REST API over an archive, read-only, with uvicorn."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Optional

import typer

from gongbao.errors import GongbaoError

__all__ = ["register", "serve"]

# gongbao.api.access.SEARCH_CACHE_SIZE and _BYTES, repeated so that the CLI starts without loading
# the server.
SEARCH_CACHE_SIZE = 1024
SEARCH_CACHE_MB = 32
# Several processes by default on a machine with several cores (a search holds one core).
MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """One server process per core (of those this process may use), at most MAX_DEFAULT_WORKERS."""
    import os

    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_DEFAULT_WORKERS))


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    db: Optional[Path] = typer.Option(None, "--db", envvar="GONGBAO_DB", show_envvar=False,
                                      help="The archive file, or postgresql://user@host/dbname (default: $GONGBAO_DB, else gongbao.db)."),
    upload_token: Optional[str] = typer.Option(
        None, "--upload-token", envvar="GONGBAO_UPLOAD_TOKEN", show_envvar=True,
        help="Accept uploads (POST /api/issues) from clients sending this bearer token. "
             "Without it the server is read-only."),
    workers: Optional[int] = typer.Option(
        None, "--workers", min=1, max=64,
        help=f"Server processes (searches are CPU-bound; default: one per core, at most {MAX_DEFAULT_WORKERS})."),
    search_cache: int = typer.Option(SEARCH_CACHE_SIZE, "--search-cache", min=0,
                                     help="Recent search results kept per process while the archive "
                                          "is unchanged (0: none)."),
    search_cache_mb: float = typer.Option(SEARCH_CACHE_MB, "--search-cache-mb", min=0,
                                          help="The most memory those results may take, per process (MB)."),
    access_log: bool = typer.Option(False, "--access-log/--no-access-log", help="Log every request."),
) -> None:
    """Serve the web UI and the REST API (read-only) at http://HOST:PORT/."""
    import json
    import os

    import uvicorn

    from gongbao.api import create_app
    from gongbao.api.app import CONFIG_ENV
    from gongbao.cli import err, fail, out
    from gongbao.store import default_db_path
    from gongbao.store.archive import server_url

    url = server_url(db or default_db_path())  # PostgreSQL: postgresql://user@host/dbname
    path = url or db or Path(default_db_path())
    workers = workers or default_workers()
    settings = {"upload_token": upload_token, "search_cache_size": search_cache,
                "search_cache_bytes": int(search_cache_mb * 1024 * 1024)}
    try:
        app = create_app(path, **settings)  # also checks the archive before anything listens
    except GongbaoError as e:
        fail(str(e))
    # Take the address now, before saying "serving": a busy port is one line and exit 2.
    try:
        sock = _listen(host, port)
    except OSError as e:
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}"
             + (" (another server is using it: pick another --port)" if e.errno == errno.EADDRINUSE else ""))
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    shown_db = path
    if url:
        from gongbao.store.postgres.archive import display_url

        shown_db = display_url(url)
    out.print(f"gongbao: serving {shown_db} at http://{shown}:{port}/ (API docs at /docs; Ctrl-C to stop)",
              markup=False)
    if upload_token:
        err.print("gongbao: uploads are on (POST /api/issues with the token)", markup=False)
    options = dict(host=host, port=port, log_level="warning", access_log=access_log,
                   server_header=False)
    if workers == 1:
        uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
        return
    sock.close()  # the supervisor binds it again (SO_REUSEADDR) and shares it with the workers
    os.environ[CONFIG_ENV] = json.dumps({"db_path": url or str(Path(path).resolve()), **settings})
    uvicorn.run("gongbao.api.app:app_from_environment", factory=True, workers=workers, **options)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port and listening, as uvicorn would make it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def register(app: typer.Typer) -> None:
    app.command()(serve)
