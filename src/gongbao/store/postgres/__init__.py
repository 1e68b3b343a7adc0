"""PostgreSQL as the archive's server backend, behind the same `Archive` interface.

`Archive.open("postgresql://user@host/dbname")` returns a `PgArchive` (postgres/archive.py).
The pieces: `dialect.py` (the store's SQL as PostgreSQL runs it), `connection.py` (an
sqlite3-like connection over psycopg, the advisory write lock), `schema.py` (the migrations),
`tsvector.py` and `search.py` (Chinese full-text search on tsvectors segmented in Python),
`copy.py` (`gongbao migrate`: an archive copied between SQLite and PostgreSQL).
"""
