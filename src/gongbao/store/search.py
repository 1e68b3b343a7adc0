"""Running a `Query` against the archive: document-number look-up, FTS5 match, facets, snippets."""

from __future__ import annotations

import math
import sqlite3

from gongbao.docnumber import find_doc_numbers
from gongbao.search.match import compile_match, highlight_terms, quote
from gongbao.search.query import Query, QueryError
from gongbao.search.rank import CITES_SCORE, DOC_NUMBER_SCORE, bm25_call
from gongbao.search.snippet import make_snippet
from gongbao.store.queries import (
    citing_rowids, facets_for, facets_from_rows, filter_sql, find_by_number, summaries_by_rowid,
    texts_by_rowid,
)
from gongbao.store.records import Hit, SearchResult
from gongbao.store.schema import FTS_COLUMNS, TITLE_COLUMNS

__all__ = ["run_search"]

# Filters and facets read the narrow document_facets table (aliased d, as filter_sql expects).
_FROM_FTS = "FROM documents_fts JOIN document_facets d ON d.rowid = documents_fts.rowid"
_FROM_TITLES = "FROM documents_titles JOIN document_facets d ON d.rowid = documents_titles.rowid"


def _marks(values) -> str:
    return ",".join("?" * len(values))


def _matching(conn: sqlite3.Connection, expr: str, rowids: list[int]) -> set[int]:
    if not rowids:
        return set()
    return {r[0] for r in conn.execute(
        f"SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? AND rowid IN ({_marks(rowids)})",
        [expr, *rowids])}


def _without(negative: str | None) -> tuple[str, list]:
    """A WHERE fragment leaving out the documents that match `negative` (and its argument)."""
    if not negative:
        return "", []
    return (" AND d.rowid NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
            [negative])


# Title matches score this much above the others (scores compare within one result only).
TITLE_TIER_SCORE = 100.0

# Relaxed matches are re-ranked among this many best BM25 candidates (or the page, if deeper).
RELAXED_CANDIDATES = 200


def _full_text(conn: sqlite3.Connection, expr: str, negative: str | None, where: str, params: list,
               extra_where: str, limit: int, offset: int,
               cover: tuple[tuple[str, ...], ...] = ()) -> tuple[int, list, list[tuple[int, float]]]:
    """(total, facet rows, ranked page) of an FTS match within the filters.

    With `cover` (the units of a relaxed match), hits are ranked by the IDF-weighted share of the
    units they contain, then by BM25.
    """
    full = f"({expr}) NOT ({negative})" if negative else expr
    base = f"{_FROM_FTS} WHERE documents_fts MATCH ? AND {where}{extra_where}"
    args = [full, *params]
    rows = conn.execute(f"SELECT d.year, d.genre, d.issuer, d.section, count(*) {base} "
                        "GROUP BY 1, 2, 3, 4", args).fetchall()
    total = sum(r[4] for r in rows)
    if limit <= 0 or total == 0:
        return total, rows, []
    score_sql = f"SELECT d.rowid, {bm25_call('documents_fts', FTS_COLUMNS)} AS score {base} ORDER BY score, d.rowid"
    if not cover:
        return total, rows, _tiered(conn, expr, negative, where, params, extra_where, score_sql,
                                    args, limit, offset)
    candidates = conn.execute(f"{score_sql} LIMIT ?",
                              [*args, max(RELAXED_CANDIDATES, offset + limit)]).fetchall()
    bm25 = {r: -s for r, s in candidates}
    coverage = dict.fromkeys(bm25, 0.0)
    ids = list(bm25)
    n_docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    tokens = sorted({t for unit in cover for t in unit})
    df = dict(conn.execute(f"SELECT term, doc FROM documents_fts_vocab WHERE term IN ({_marks(tokens)})",
                           tokens).fetchall())
    for unit in cover:
        freq = min(df.get(t, 0) for t in unit)
        if not freq:
            continue
        idf = math.log(1 + (n_docs - freq + 0.5) / (freq + 0.5))
        for r in _matching(conn, quote(unit), ids):
            coverage[r] += idf
    ranked = sorted(ids, key=lambda r: (-coverage[r], -bm25[r], r))
    return total, rows, [(r, coverage[r] + bm25[r] / 100) for r in ranked[offset:offset + limit]]


def _tiered(conn: sqlite3.Connection, expr: str, negative: str | None, where: str, params: list,
            extra_where: str, score_sql: str, args: list, limit: int,
            offset: int) -> list[tuple[int, float]]:
    """The page of a full-text match: documents matching in their title or names first (ranked
    by BM25 over the small titles index), then the others (BM25 over all columns).

    On a large archive, ranking every match of common words by the body index reads long
    position lists; title matches are few and their index is small, and when they fill the page
    the body ranking is never computed.
    """
    want = offset + limit
    neg, neg_args = _without(negative)
    first = conn.execute(
        f"SELECT d.rowid, {bm25_call('documents_titles', TITLE_COLUMNS)} AS score {_FROM_TITLES} "
        f"WHERE documents_titles MATCH ? AND {where}{extra_where}{neg} "
        "ORDER BY score, d.rowid LIMIT ?", [expr, *params, *neg_args, want]).fetchall()
    ranked = [(r, TITLE_TIER_SCORE - s) for r, s in first]
    if len(first) < want:
        seen = [r for r, _ in first]
        skip = f" AND d.rowid NOT IN ({_marks(seen)})" if seen else ""
        sql = score_sql.replace(" ORDER BY", skip + " ORDER BY", 1)
        rest = conn.execute(f"{sql} LIMIT ?", [*args, *seen, want - len(first)]).fetchall()
        ranked += [(r, -s) for r, s in rest]
    return ranked[offset:offset + limit]


def _hits(conn: sqlite3.Connection, page: list[tuple[int, float, str]], query: Query,
          number, include_number: bool, snippets: bool) -> tuple[Hit, ...]:
    """Hits for (rowid, score, match) rows: summaries, and snippets marking the query's words
    (and the document number asked for, where a document cites it)."""
    ids = [r for r, _, _ in page]
    summaries = summaries_by_rowid(conn, ids)
    texts = texts_by_rowid(conn, ids) if snippets else {}
    terms = highlight_terms(query, include_doc_number=include_number) if snippets else []
    out = []
    for r, score, how in page:
        snippet = ""
        if snippets:
            text = texts.get(r, "")
            extra = [(s, e) for n, s, e in find_doc_numbers(text) if n == number] if number else []
            snippet = make_snippet(text, terms, extra_spans=extra)
        out.append(Hit(**summaries[r].__dict__, score=score, snippet=snippet, match=how))
    return tuple(out)


def run_search(conn: sqlite3.Connection, query: Query, *, limit: int, offset: int,
               snippets: bool = True) -> SearchResult:
    """Run `query`: (1) a 发文字号 it names, pinned first; (2) the full-text match, relaxed when
    nothing holds every word, or a listing when there are only filters; (3) the page of hits."""
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
        total, rows, ranked = _full_text(conn, match.positive, match.negative, where,
                                         [*params, *pinned_ids], exclude_pinned,
                                         rest_limit, rest_offset)
        # Relax a query with no hit, unless it asked for a document number that is not there.
        if total == 0 and not pinned_ids and match.units > 1 and number is None:
            loose = compile_match(query, relaxed=True, include_doc_number=include_number)
            if loose.positive:
                total, rows, ranked = _full_text(conn, loose.positive, loose.negative, where,
                                                 list(params), "", rest_limit, rest_offset,
                                                 cover=loose.unit_list)
                relaxed = total > 0
                if relaxed:
                    message = "no document has every word: these have the most of them"
    elif not number_found:
        # Only filters (or exclusions): list the documents they select, newest first.
        neg, neg_args = _without(match.negative)
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
    page = [(r, DOC_NUMBER_SCORE if m == "doc_number" else CITES_SCORE - (offset + i), m)
            for i, (r, m) in enumerate(page_pinned)]
    page += [(r, s, "text") for r, s in ranked]
    hits = _hits(conn, page, query, number if number_found else None, include_number, snippets)
    return SearchResult(
        query=query.raw, total=total + pinned_total, hits=hits,
        facets=facets_from_rows(list(rows) + list(pinned_rows)), offset=offset, limit=limit,
        doc_number=str(number) if number is not None and not include_number else None,
        relaxed=relaxed, message=message,
    )
