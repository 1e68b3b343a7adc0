"""The SQL dialect seam: the store's SQL (written for SQLite) as PostgreSQL runs it.

The store modules (queries, ingest, people, tasks, plans, validity) keep one text of each
statement, in the portable subset of SQL they are written in; what differs between the two
servers is rewritten here, once, by a few declared rules (each tested on its own in
`tests/test_postgres_dialect.py`):

* placeholders: `?` becomes `%s` (and a literal `%` is doubled, as psycopg wants);
* `INSERT OR IGNORE` / `INSERT OR REPLACE` become `ON CONFLICT` clauses on the table's primary key
  (read from the catalog: `Catalog`);
* an `INSERT` into a table with a `rowid` column returns it (sqlite3's `cursor.lastrowid`);
* `x IN (SELECT value FROM json_each(?))` is `x = ANY (ARRAY(…json_array_elements_text…))`
  (cast to bigint for rowids), which indexes answer;
* a WHERE fragment `1` (no filter) is `TRUE`; `length(CAST(x AS BLOB))` is `octet_length(x)`;
  `AS REAL` is double precision (SQLite's REAL is 8 bytes);
* ORDER BY puts NULLs where SQLite does: first when ascending, last when descending.

The full-text tables are not SQL of the same kind on the two servers (FTS5 virtual tables on
SQLite, tsvector columns here): writes to `documents_fts` / `documents_titles` are mapped by
`gongbao.store.postgres.connection`, searches run in `gongbao.store.postgres.search`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Catalog", "translate"]


@dataclass(frozen=True)
class Catalog:
    """What the rewriting needs to know of the tables: columns in order and primary keys."""
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    primary_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    translated: dict[str, tuple[str, bool]] = field(default_factory=dict, compare=False, repr=False)

    def has_rowid(self, table: str) -> bool:
        return self.primary_keys.get(table) == ("rowid",)


# INSERT OR IGNORE / OR REPLACE INTO table [(columns)] ...
_INSERT = re.compile(r"^\s*INSERT\s+(?:OR\s+(IGNORE|REPLACE)\s+)?INTO\s+(\w+)\s*(\(([^)]*)\))?",
                     re.IGNORECASE)
# A rowid compared with the values of a JSON array given as one parameter.
_JSON_ROWIDS = re.compile(r"\b(rowid|doc_rowid)\s+IN\s+\(SELECT value FROM json_each\(\?\)\)",
                          re.IGNORECASE)
_JSON_VALUES = re.compile(r"\s+IN\s+\(SELECT value FROM json_each\(\?\)\)", re.IGNORECASE)
# "WHERE 1" / "AND 1": queries.filter_sql's fragment for "no filter".
_TRUE = re.compile(r"\b(WHERE|AND)\s+1(?=\s|\)|$)(?!\s*[=<>!+\-*/%])")
_BLOB_LENGTH = re.compile(r"length\(CAST\((\w+) AS BLOB\)\)", re.IGNORECASE)
_REAL = re.compile(r"\bAS REAL\b", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER BY\b", re.IGNORECASE)
_ORDER_END = re.compile(r"\b(LIMIT|OFFSET)\b", re.IGNORECASE)


def _placeholders(sql: str) -> str:
    """`?` -> `%s` outside string literals; every `%` doubled."""
    out = []
    quoted = False
    for ch in sql:
        if ch == "'":
            quoted = not quoted
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch == "?" and not quoted:
            out.append("%s")
        else:
            out.append(ch)
    return "".join(out)


def _split_top(text: str) -> list[str]:
    """Split at commas outside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _nulls_as_sqlite(sql: str) -> str:
    """Every ORDER BY item gets NULLS FIRST (ascending) or NULLS LAST (descending)."""
    out, pos = [], 0
    for m in _ORDER_BY.finditer(sql):
        if m.start() < pos:
            continue
        begin = m.end()
        # The list runs to LIMIT/OFFSET, or to the parenthesis that closes its subquery.
        depth, end = 0, len(sql)
        for i in range(begin, len(sql)):
            if sql[i] == "(":
                depth += 1
            elif sql[i] == ")":
                if depth == 0:
                    end = i
                    break
                depth -= 1
        stop = _ORDER_END.search(sql, begin, end)
        if stop:
            end = stop.start()
        items = []
        for item in _split_top(sql[begin:end]):
            text = item.strip()
            if not text or "NULLS" in text.upper():
                items.append(text)
                continue
            desc = text.upper().endswith(" DESC")
            items.append(f"{text} NULLS LAST" if desc else f"{text} NULLS FIRST")
        out.append(sql[pos:begin])
        out.append(" " + ", ".join(items) + " ")
        pos = end
    out.append(sql[pos:])
    return "".join(out)


def _insert(sql: str, catalog: Catalog) -> tuple[str, bool]:
    """The INSERT rules; returns (sql, whether it returns the new rowid)."""
    m = _INSERT.match(sql)
    if not m:
        return sql, False
    mode, table, cols = m.group(1), m.group(2), m.group(4)
    body = sql[m.end():]
    head = f"INSERT INTO {table}" + (f" ({cols})" if cols else "") + " "
    tail = ""
    if mode and mode.upper() == "IGNORE":
        tail = " ON CONFLICT DO NOTHING"
    elif mode and mode.upper() == "REPLACE":
        pk = catalog.primary_keys[table]
        names = [c.strip() for c in cols.split(",")] if cols else list(catalog.columns[table])
        sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in names if c not in pk)
        tail = f" ON CONFLICT ({', '.join(pk)}) " + (f"DO UPDATE SET {sets}" if sets else "DO NOTHING")
    returning = catalog.has_rowid(table) and not mode
    if returning:
        tail += " RETURNING rowid"
    return head + body.rstrip().rstrip(";") + tail, returning


def translate(sql: str, catalog: Catalog) -> tuple[str, bool]:
    """The statement as PostgreSQL runs it, and whether it returns a new rowid (kept in the
    catalog: each statement text is rewritten once)."""
    found = catalog.translated.get(sql)
    if found is None:
        found = catalog.translated[sql] = _translate(sql, catalog)
    return found


def _translate(sql: str, catalog: Catalog) -> tuple[str, bool]:
    sql, returning = _insert(sql, catalog)
    # As `= ANY (array)`, an index condition (OR-ed ones become a BitmapOr); an IN (subquery)
    # would be a semi-join, which an OR turns into a scan of the whole table.
    sql = _JSON_ROWIDS.sub(r"\1 = ANY (ARRAY(SELECT value::bigint FROM json_array_elements_text(CAST(? AS json))))", sql)
    sql = _JSON_VALUES.sub(" = ANY (ARRAY(SELECT value FROM json_array_elements_text(CAST(? AS json))))", sql)
    sql = _TRUE.sub(r"\1 TRUE", sql)
    sql = _BLOB_LENGTH.sub(r"octet_length(\1)", sql)
    sql = _REAL.sub("AS DOUBLE PRECISION", sql)
    if _ORDER_BY.search(sql):
        sql = _nulls_as_sqlite(sql)
    return _placeholders(sql), returning
