"""The full-text steps of a search on PostgreSQL: the same four steps `store/search.py` runs on
FTS5 (`run_search` takes them as its `index`), over the tsvectors of `documents_fts`.

The match expression is the one `search.match` compiles for FTS5, turned into a tsquery
(`tsvector.to_tsquery`), so the query language means the same on both. Ranking keeps the tiers:
documents matching in their title or names first (ranked over `heads`), then the others (over
`everything`, by the query's words as alternatives: `tsvector.word_query`), each by ts_rank with
the columns' weights of `search.rank`, without length normalisation (on tests/eval, normalisation
1, 2 or 8 ranked one to three queries lower: MRR@10 0.980–0.986 against 0.993 without, the same as
BM25 on SQLite). ts_rank of a query whose words are joined by AND weighs every pair of positions of
two words by their distance: quadratic in the positions, 495 ms for a question of five words over
its 2,628 matches at 100,000 documents; of the words as alternatives, each word's weighted
occurrences, linear, 66 ms (as BM25 counts each word apart), with the same MRR@10 on both
evaluation sets (0.993, 0.568) and the same first hit for every query. A relaxed query weights each
unit by its IDF, from the document frequencies the GIN index answers.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from gongbao.search.match import quote
from gongbao.store.postgres.tsvector import HEAD_WEIGHTS, RANK_WEIGHTS, to_tsquery, word_query
from gongbao.store.search import (  # as on SQLite
    TITLE_TIER_SCORE, _marks, combination_counts, facet_combinations, relaxed_page, relaxed_units,
)

__all__ = ["PG_INDEX"]

_FROM = "FROM documents_fts f JOIN document_facets d ON d.rowid = f.rowid"
_Q = "CAST(? AS tsquery)"

# ts_rank's normalisation: 0 = none (see the module's docstring). Titles: 1 (divided by 1 + the
# logarithm of the title's length), as BM25 puts the shorter of two titles that match first.
NORMALIZATION = 0
HEAD_NORMALIZATION = 1


def _by_index(conn) -> None:
    """No sequential scans for the rest of this read-only transaction: the planner counts a
    tsvector match as cheap and, on an archive of a few thousand documents, scans the table
    instead of the GIN index, detoasting every document's vector (at 10,000 documents a natural
    question took 1.5 s so; with this, 0.14 s). Turning plain index scans off too was worse
    (bench/scale.py at 10,000 documents: p95 134 ms against 104 ms, max 376 against 125).
    JIT off too: with sequential scans disabled a plan's cost can pass jit_above_cost, and
    compiling it costs more than the few milliseconds the statement runs."""
    conn.execute("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)")


def _matching(conn, expr: str, rowids: list[int]) -> set[int]:
    if not rowids:
        return set()
    _by_index(conn)
    return {r[0] for r in conn.execute(
        f"SELECT rowid FROM documents_fts WHERE everything @@ {_Q} AND rowid IN ({_marks(rowids)})",
        [to_tsquery(expr), *rowids])}


def _without(negative: str | None) -> tuple[str, list]:
    if not negative:
        return "", []
    return (f" AND d.rowid NOT IN (SELECT rowid FROM documents_fts WHERE everything @@ {_Q})",
            [to_tsquery(negative)])


# Each document's facets, per database, for the facets of a match (see `_full_text`): (the
# archive's state, store.search.facet_combinations of document_facets).
_FACET_TABLES: dict[str, tuple[str, tuple[list[int], list[tuple]]]] = {}


def _state(conn) -> str:
    """The archive's state as caches key on it: its generation and the time of its last change
    (a database dropped and made again under the same name starts its count again)."""
    return conn.execute("SELECT string_agg(value, ' ' ORDER BY key) FROM meta "
                        "WHERE key IN ('generation', 'changed_at')").fetchone()[0]


def _facet_table(conn) -> tuple[list[int], list[tuple]]:
    """store.search.facet_combinations of the archive, loaded again whenever it changed
    (`_state`); read in the caller's transaction, so as of its snapshot."""
    state = _state(conn)
    key = conn.raw.info.dsn
    cached = _FACET_TABLES.get(key)
    if cached is None or cached[0] != state:
        cached = _FACET_TABLES[key] = (state, facet_combinations(conn.execute(
            "SELECT rowid, year, genre, issuer, section FROM document_facets ORDER BY rowid").fetchall()))
    return cached[1]


def _matches(conn, query: str, where: str, params: list, extra_where: str) -> list[int]:
    """The rowids of the documents matching `query` within the filters, in one statement: the
    match first (the GIN index), then the filters on its rowids. Left to itself the planner
    joined `document_facets` to every row of `documents_fts` in rowid order and tested the
    match row by row, reading each vector from TOAST because it costs a tsvector match as
    nothing: `应急预案 year:2022` took 151 ms so at 20,000 documents, 4.4 ms this way."""
    if where == "1" and not extra_where:
        sql = f"SELECT array_agg(rowid) FROM documents_fts WHERE everything @@ {_Q}"
    else:
        sql = (f"WITH m AS MATERIALIZED (SELECT rowid FROM documents_fts WHERE everything @@ {_Q}) "
               f"SELECT array_agg(d.rowid) FROM m JOIN document_facets d ON d.rowid = m.rowid "
               f"WHERE {where}{extra_where}")
    return conn.execute(sql, [query, *params]).fetchone()[0] or []


def _full_text(conn, expr: str, negative: str | None, where: str, params: list, extra_where: str,
               limit: int, offset: int, counter=None) -> tuple[int, list, list[tuple[int, float]]]:
    """(total, facet rows, ranked page). The matching rowids are read once (`_matches`); the
    facets are counted from them against the table of each document's facets (`_facet_table`:
    at 50,000 documents, one look-up in `document_facets` per match took 170 ms for a match of
    45,000), and the tiers rank among them. The rowids and the table are read in one snapshot
    (the search's transaction), so every rowid has its place in the table."""
    _by_index(conn)
    query = to_tsquery(f"({expr}) NOT ({negative})" if negative else expr)
    plain = where == "1" and not extra_where
    rowids = _matches(conn, query, where, params, extra_where)
    rows = combination_counts(rowids, *_facet_table(conn))
    ranked: list[tuple[int, float]] = []
    want = offset + limit
    if limit > 0 and rowids:
        # The title tier among the matches: a title or names match is a match of `everything`
        # too (its first columns), so without filters or a NOT the index of `heads` alone is
        # enough; else the matches' rowids (an array parameter costs about 0.6 µs a rowid to
        # send and read; testing the NOT on each title match read its whole vector, 15-25 µs,
        # and a set of the NOT's own matches cost as much for a common word).
        among, among_args = "", []
        if not plain or negative or "NOT" in expr:
            among, among_args = " AND f.rowid = ANY(CAST(? AS bigint[]))", [rowids]
        heads_query = to_tsquery(expr)
        first = conn.execute(
            f"SELECT f.rowid, ts_rank('{HEAD_WEIGHTS}', f.heads, {_Q}, {HEAD_NORMALIZATION}) AS score "
            f"FROM documents_fts f WHERE f.heads @@ {_Q}{among} ORDER BY score DESC, f.rowid LIMIT ?",
            [heads_query, heads_query, *among_args, want]).fetchall()
        ranked = [(r, TITLE_TIER_SCORE + s * 10) for r, s in first]
        if len(first) < want:
            seen = [r for r, _ in first]
            skip = f" AND f.rowid NOT IN ({_marks(seen)})" if seen else ""
            # A phrase's matches by their rowids: the index finds the documents holding its
            # words, and each is checked against its positions again (read from TOAST) if the
            # match is asked for twice (`"重污染天气应急预案"` at 100,000 documents: 188 ms
            # against 88 ms).
            if plain and "<->" not in query:
                where_rest, rest_args = f"f.everything @@ {_Q}", [query]
            else:
                where_rest, rest_args = "f.rowid = ANY(CAST(? AS bigint[]))", [rowids]
            rest = conn.execute(
                f"SELECT f.rowid, ts_rank('{RANK_WEIGHTS}', f.everything, {_Q}, {NORMALIZATION}) "
                f"AS score FROM documents_fts f WHERE {where_rest}{skip} "
                f"ORDER BY score DESC, f.rowid LIMIT ?",
                [word_query(expr), *rest_args, *seen, want - len(first)]).fetchall()
            ranked += [(r, s * 10) for r, s in rest]
    return sum(r[4] for r in rows), rows, ranked[offset:offset + limit]


# Each token's document frequency, per database, as of one state of the archive (`_state`):
# PostgreSQL's GIN index keeps no counts, so a count visits every matching row (18-27 ms for a
# common word such as 县区 at 100,000 documents), and a colloquial question asks for several.
_DOC_FREQUENCIES: dict[str, tuple[str, dict[str, int]]] = {}
_DOC_FREQUENCIES_KEPT = 50_000  # tokens per database, then the cache starts again


def _document_frequencies(conn, tokens: list[str]) -> dict[str, int]:
    """How many documents hold each token, counted once per state of the archive."""
    state, key = _state(conn), conn.raw.info.dsn
    cached = _DOC_FREQUENCIES.get(key)
    if cached is None or cached[0] != state or len(cached[1]) > _DOC_FREQUENCIES_KEPT:
        cached = _DOC_FREQUENCIES[key] = (state, {})
    known = cached[1]
    for token in tokens:
        if token not in known:
            known[token] = conn.execute(
                f"SELECT count(*) FROM documents_fts WHERE everything @@ {_Q}",
                [to_tsquery(quote([token]))]).fetchone()[0]
    return {t: known[t] for t in tokens}


def _relaxed(conn, units: tuple[tuple[str, ...], ...], negative: str | None, where: str,
             params: list, limit: int, offset: int) -> tuple[int, list, list[tuple[int, float]]]:
    n_docs = conn.execute("SELECT max(rowid) FROM document_facets").fetchone()[0] or 1
    _by_index(conn)
    df = _document_frequencies(conn, sorted({t for unit in units for t in unit}))
    freq, rare = relaxed_units(units, df, n_docs)
    neg, neg_args = _without(negative)
    coverage: dict[int, float] = {}
    facets: dict[int, tuple] = {}
    for unit in rare:
        idf = math.log(1 + (n_docs - freq[unit] + 0.5) / (freq[unit] + 0.5))
        for r, *values in conn.execute(
                f"SELECT d.rowid, d.year, d.genre, d.issuer, d.section {_FROM} "
                f"WHERE f.everything @@ {_Q} AND {where}{neg}",
                [to_tsquery(quote(unit)), *params, *neg_args]):
            coverage[r] = coverage.get(r, 0.0) + idf
            facets[r] = tuple(values)
    return relaxed_page(conn, coverage, facets, rare, limit, offset)


# What store.search.run_search calls for the full-text part (see store.search.FTS5_INDEX).
PG_INDEX = SimpleNamespace(full_text=_full_text, relaxed=_relaxed, matching=_matching,
                           without=_without)
