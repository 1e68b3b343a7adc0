"""Stage 6b, tables: runs of tab-separated rows in a document -> Table values.

The converter printed each table row as one line of tab-separated cells; a merged cell leaves an
empty cell (a doubled tab) and cells may hold <p> markup, already removed by the layout stage.
Rows of one table may be separated by blank lines; any other paragraph ends the table.
"""

from __future__ import annotations

from gongbao.model import Paragraph, Table


def find_tables(paras: list[Paragraph]) -> list[Table]:
    tables: list[Table] = []
    rows: list[Paragraph] = []
    for p in paras + [Paragraph("", 0, 0)]:
        if p.kind == "table":
            rows.append(p)
            continue
        if rows:
            width = max(len(r.cells) for r in rows)
            cells = tuple(tuple(r.cells) + ("",) * (width - len(r.cells)) for r in rows)
            tables.append(Table(rows[0].first_line, rows[-1].last_line, cells))
            rows = []
    return tables
