"""Running a `Query` against the archive: document-number look-up, FTS5 match, facets, snippets."""

from __future__ import annotations

import sqlite3

from gongbao.docnumber import find_doc_numbers
from gongbao.search.match import compile_match, highlight_terms
from gongbao.search.query import Query, QueryError
from gongbao.search.rank import CITES_SCORE, DOC_NUMBER_SCORE, bm25_call
from gongbao.search.snippet import make_snippet
from gongbao.store.queries import (
    citing_rowids, facets_for, facets_from_rows, filter_sql, find_by_number, summaries_by_rowid,
    texts_by_rowid,
)
from gongbao.store.records import Hit, SearchResult
from gongbao.store.schema import FTS_COLUMNS

__all__ = ["run_search"]

_FROM_FTS = "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"


def _marks(values) -> str:
    return ",".join("?" * len(values))


def _matching(conn: sqlite3.Connection, expr: str, rowids: list[int]) -> set[int]:
    if not rowids:
        return set()
    return {r[0] for r in conn.execute(
        f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN ({_marks(rowids)})",
        [expr, *rowids])}


def run_search(conn: sqlite3.Connection, query: Query, *, limit: int, offset: int,
               snippets: bool = True) -> SearchResult:
    if query.is_empty:
        raise QueryError("empty query: type words to look for, a 发文字号, or a filter such as year:2022")
    where, params = filter_sql(query.filters)
    message = None

    # 1. A document number: that document first; alone, the documents citing it after it.
    pinned: list[tuple[int, str]] = []
    number_found = False
    include_number = False
    number = query.doc_number
    if number is not None:
        exact = find_by_number(conn, number)
        citing = [] if query.text_clauses else [r for r in citing_rowids(conn, str(number))
                                                 if r not in exact]
        if exact or citing:
            number_found = True
            pinned = [(r, "doc_number") for r in exact] + [(r, "cites") for r in citing]
        else:
            include_number = True
            message = f"no document {number} in the archive: searched for the words instead"

    match = compile_match(query, include_doc_number=include_number)
    if match.positive is None and not pinned and query.clauses and not (query.filters or query.excluded):
        raise QueryError(f"nothing to search for in {query.raw.strip()!r}: "
                         "type words, a 发文字号, or a filter such as year:2022")

    if pinned:
        rowids = [r for r, _ in pinned]
        keep = {r[0] for r in conn.execute(
            f"SELECT d.rowid FROM documents d WHERE d.rowid IN ({_marks(rowids)}) AND {where}",
            [*rowids, *params])}
        if match.negative:
            keep -= _matching(conn, match.negative, rowids)
        pinned = [(r, m) for r, m in pinned if r in keep]
    pinned_ids = [r for r, _ in pinned]
    pinned_total, pinned_rows = (facets_for(conn, f"d.rowid IN ({_marks(pinned_ids)})", pinned_ids)
                                 if pinned_ids else (0, []))

    # 2. The full-text part, or a plain listing when there is nothing to match.
    relaxed = False
    ranked: list[tuple[int, float]] = []
    page_pinned = pinned[offset:offset + limit]
    rest_offset = max(0, offset - len(pinned))
    rest_limit = limit - len(page_pinned)
    exclude_pinned = f" AND d.rowid NOT IN ({_marks(pinned_ids)})" if pinned_ids else ""

    if match.positive is not None:
        def run(expr: str) -> tuple[int, list, list]:
            full = f"({expr}) NOT ({match.negative})" if match.negative else expr
            base = f"{_FROM_FTS} WHERE documents_fts MATCH ? AND {where}{exclude_pinned}"
            args = [full, *params, *pinned_ids]
            rows = conn.execute(f"SELECT d.year, d.genre, d.issuer, d.section, count(*) {base} "
                                "GROUP BY 1, 2, 3, 4", args).fetchall()
            hits = []
            if rest_limit > 0:
                hits = conn.execute(
                    f"SELECT d.rowid, {bm25_call('documents_fts', FTS_COLUMNS)} AS score {base} "
                    "ORDER BY score, d.rowid LIMIT ? OFFSET ?",
                    [*args, rest_limit, rest_offset]).fetchall()
            return sum(r[4] for r in rows), rows, hits

        total, rows, hits = run(match.positive)
        if total == 0 and not pinned_ids and match.units > 1:
            loose = compile_match(query, relaxed=True, include_doc_number=include_number)
            if loose.positive:
                total, rows, hits = run(loose.positive)
                relaxed = total > 0
                if relaxed:
                    message = "no document has every word: these have some of them"
        ranked = [(r, -s) for r, s in hits]
    elif not number_found:
        # Only filters (or exclusions): list the documents they select, newest first.
        neg = ""
        neg_args: list = []
        if match.negative:
            neg = " AND d.rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
            neg_args = [match.negative]
        cond = f"{where}{exclude_pinned}{neg}"
        args = [*params, *pinned_ids, *neg_args]
        total, rows = facets_for(conn, cond, args)
        if rest_limit > 0:
            ranked = [(r[0], 0.0) for r in conn.execute(
                f"SELECT d.rowid FROM documents d WHERE {cond} "
                "ORDER BY d.date DESC, d.dn_year DESC, d.dn_serial DESC, d.rowid LIMIT ? OFFSET ?",
                [*args, rest_limit, rest_offset])]
    else:
        total, rows = 0, []

    # 3. The page: summaries, scores, snippets.
    page: list[tuple[int, float, str]] = []
    for i, (r, m) in enumerate(page_pinned):
        page.append((r, DOC_NUMBER_SCORE if m == "doc_number" else CITES_SCORE - (offset + i), m))
    page += [(r, s, "text") for r, s in ranked]
    ids = [r for r, _, _ in page]
    summaries = summaries_by_rowid(conn, ids)
    texts = texts_by_rowid(conn, ids) if snippets else {}
    terms = highlight_terms(query, include_doc_number=include_number) if snippets else []
    hits_out = []
    for r, score, how in page:
        snippet = ""
        if snippets:
            text = texts.get(r, "")
            extra = []
            if number is not None and not include_number:
                extra = [(s, e) for n, s, e in find_doc_numbers(text) if n == number]
            snippet = make_snippet(text, terms, extra_spans=extra)
        hits_out.append(Hit(**summaries[r].__dict__, score=score, snippet=snippet, match=how))
    return SearchResult(
        query=query.raw, total=total + pinned_total, hits=tuple(hits_out),
        facets=facets_from_rows(list(rows) + list(pinned_rows)), offset=offset, limit=limit,
        doc_number=str(number) if number is not None and not include_number else None,
        relaxed=relaxed, message=message,
    )
