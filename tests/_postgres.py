"""The PostgreSQL server the tests use, when there is one: 127.0.0.1:5432, user postgres (or
$GONGBAO_TEST_POSTGRES, an admin URL). Each test session creates its own databases (named with
its process id, so that sessions running at once do not meet) and drops them at the end; when
the server does not answer, the PostgreSQL variants are skipped with a message saying so."""

from __future__ import annotations

import os
from functools import lru_cache

ADMIN_URL = os.environ.get("GONGBAO_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@lru_cache(maxsize=1)
def unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run (None when they can)."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install 'gongbao[postgres]')"
    try:
        psycopg.connect(ADMIN_URL, connect_timeout=3, autocommit=True).close()
    except psycopg.Error as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[-1]
        return f"no PostgreSQL server answers at {ADMIN_URL} ({first}): PostgreSQL tests skipped"
    return None


def skip_without_server() -> None:
    import pytest

    reason = unavailable()
    if reason:
        pytest.skip(reason)


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def database_url(name: str) -> str:
    base, _, _ = ADMIN_URL.rpartition("/")
    return f"{base}/{name}"


def create_database(label: str) -> str:
    """A new empty database for this session (dropped first if a crashed run left it)."""
    name = f"gongbao_test_{os.getpid()}_{label}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' TEMPLATE template0')
    return database_url(name)


def drop_database(url: str) -> None:
    from gongbao.store.postgres.archive import close_pools

    close_pools()
    name = url.rpartition("/")[2]
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
