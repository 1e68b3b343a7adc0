"""The planner's statistics of a PostgreSQL archive, kept up to date by the archive itself.

PostgreSQL plans every statement on the statistics ANALYZE gathers, and autovacuum gathers them
only where it runs: a server with `autovacuum = off` (CI's servers, some managed or bulk-load
set-ups) plans on none at all. The archive's look-ups then degrade as it grows: with no
statistics the planner takes an issue for a few hundred documents and joins by reading the
whole `validity` table, so that at 30,000 documents one look-up of an issue's names took
18 ms instead of 0.3 ms, and ingest fell from 280 to 90 documents/s on the way to 100,000; a
search's `@@` has no lexeme frequencies to estimate by either.

So after each change (an issue written or removed, an index rebuilt) the archive analyses the
tables that changed by more than half their rows since their last analysis, by whoever made it
(autovacuum's count too): a table growing from nothing to 100,000 documents is analysed about a
dozen times, each time at a fixed cost (ANALYZE samples 30,000 rows), however large it is.
"""

from __future__ import annotations

__all__ = ["analyze_stale", "STALE_SHARE", "STALE_FLOOR"]

# Analyse a table once more than STALE_FLOOR + STALE_SHARE × its rows at the last analysis
# have changed (autovacuum's rule, with a coarser share: each ANALYZE of the tsvectors costs
# seconds, and plans of key look-ups do not turn on a statistic that is 50% off).
STALE_SHARE = 0.5
STALE_FLOOR = 1000

_STALE = """
    SELECT s.relname FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema()
      AND s.n_mod_since_analyze > %s + %s * greatest(c.reltuples, 0)
    ORDER BY s.relname"""


def _flush_own_counts(raw) -> None:
    """Make this connection's row counts visible to `pg_stat_user_tables` before they are read
    (PostgreSQL 15+ flushes them at most once a second; older servers have no such call and
    lag half a second: the next change's check then catches up)."""
    import psycopg

    try:
        raw.execute("SELECT pg_stat_force_next_flush()")
    except psycopg.Error:
        pass


def analyze_stale(raw) -> list[str]:
    """ANALYZE the archive's tables whose statistics are stale (see the module's docstring), on
    `raw`, an autocommit psycopg connection outside any transaction; returns their names."""
    _flush_own_counts(raw)
    stale = [name for (name,) in raw.execute(_STALE, (STALE_FLOOR, STALE_SHARE)).fetchall()]
    for name in stale:
        raw.execute(f'ANALYZE "{name}"')
    return stale
