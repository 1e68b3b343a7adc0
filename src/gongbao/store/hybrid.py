"""Search that understands how people ask: keywords (BM25) fused with dense vectors, and sorting.

`run_hybrid` wraps `store.search.run_search` (the keyword search, unchanged):

1. The query's everyday words get their official terms as alternatives (search/thesaurus.py)
   for the keyword path; the dense path reads the query as typed.
2. The keyword search ranks its first KEYWORD_DEPTH hits. Its pinned hits (the 发文字号 asked
   for, documents citing it, a post's appointment documents) stay first, in their order.
3. When the archive holds vectors of the model (`gongbao embed`) and the query has words, the
   DENSE_DEPTH documents nearest to the query (a document scores by its best chunk) within the
   same filters and exclusions are fused with the keyword hits by weighted reciprocal rank
   fusion (search/fuse.py); a relaxed keyword search weighs less. Dense hits the keyword search
   did not find count in `total` and the facets; their snippet is their best passage.
4. `sort="date"` orders the same result set newest first (pinned hits still first).

Without vectors the result is the keyword search's, with `retrieval="bm25"` and `vectors=False`
saying so (`vectors` is true whenever the archive has vectors, also for a query that is only a
文号 or filters, which is never embedded).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import replace
from types import SimpleNamespace

from gongbao.docnumber import find_doc_numbers
from gongbao.search.fuse import BM25_WEIGHT, DENSE_WEIGHT, RELAXED_WEIGHT, rrf
from gongbao.search.match import compile_match, highlight_terms
from gongbao.search.query import Query, QueryError
from gongbao.search.snippet import make_snippet
from gongbao.search.thesaurus import expand_query
from gongbao.store.queries import facets_for, facets_from_rows, filter_sql, summaries_by_rowid, texts_by_rowid
from gongbao.store.records import Hit, SearchResult
from gongbao.store.search import FTS5_INDEX, FacetCounter, run_search

__all__ = ["run_hybrid", "Dense", "SORTS", "KEYWORD_DEPTH", "DENSE_DEPTH"]

SORTS = ("relevance", "date")
# Keyword hits fused at most (a page beyond them is the keyword ranking's own).
KEYWORD_DEPTH = 100
# Dense neighbours fused: enough for the first pages; a dense hit further down says little.
DENSE_DEPTH = 30
# A dense neighbour this much less similar than the best one is left out (e5's cosines of
# unrelated Chinese texts are still about 0.75: only the distance to the best says much).
DENSE_MARGIN = 0.06
# How many documents a date-sorted result lists at most.
DATE_SORT_MAX = 5000


class Dense:
    """What the dense path needs: the embedding model (loaded once per process, on first use)
    and the archive's vector index (one per archive file and model in a process: the server's
    worker threads share it)."""

    def __init__(self, path: str, model_spec: str | None = None) -> None:
        self._url = "://" in str(path)  # a server database: no ANN index file, brute force
        self._path = str(path) if self._url else os.path.realpath(path)
        self._spec = model_spec

    @property
    def embedder(self):
        from gongbao.search.dense import load_embedder

        return load_embedder(self._spec)

    def index(self, conn: sqlite3.Connection):
        """The archive's vector index for the model, or None when it holds no vectors of it
        (or the model cannot be loaded here: the search is then by keywords, and says so)."""
        from gongbao.search.dense import EmbedderError
        from gongbao.store.vectors import VectorIndex, ann_file

        try:
            key = (self._path, self.embedder.key)
        except EmbedderError:
            return None
        with _INDEXES_LOCK:
            index = _INDEXES.get(key)
            if index is None:
                index = _INDEXES[key] = VectorIndex(key[1], None if self._url else ann_file(*key))
            index.load(conn)
        return index if index.chunks else None


# The vector indexes of this process, by (archive file, model): a cache like the model's own.
_INDEXES: dict[tuple[str, str], object] = {}
_INDEXES_LOCK = threading.Lock()


def _has_vectors(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM document_embeddings LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # an archive before migration 0014_vectors
        return False


def _allowed(conn: sqlite3.Connection, query: Query, text_index: SimpleNamespace,
             among: list[int] | None = None) -> set[int] | None:
    """The rowids the filters and exclusions leave (None: every document), or which of `among`
    they leave."""
    match = compile_match(query)
    if among is None and not query.filters and not match.negative:
        return None
    if among is not None and not among:
        return set()
    where, params = filter_sql(query.filters)
    without, negative = text_index.without(match.negative)
    within = f"d.rowid IN ({','.join('?' * len(among))}) AND " if among is not None else ""
    return {r for (r,) in conn.execute(
        f"SELECT d.rowid FROM document_facets d WHERE {within}{where}{without}",
        [*(among or ()), *params, *negative])}


def _dense_scope(conn: sqlite3.Connection, query: Query,
                 text_index: SimpleNamespace) -> tuple[set[int] | None, set[int] | None]:
    """(the rowids the dense search may return, the rowids it must not): a query with only
    exclusions (`应急预案 -演练`) names the few documents it excludes, not the many it leaves."""
    match = compile_match(query)
    if not query.filters and match.negative and text_index is FTS5_INDEX:
        return None, {r for (r,) in conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (match.negative,))}
    return _allowed(conn, query, text_index), None


def _keyword_members(conn: sqlite3.Connection, query: Query, relaxed: bool, rowids: list[int],
                     text_index: SimpleNamespace) -> set[int]:
    """Which of `rowids` the keyword search matches (beyond the hits it ranked)."""
    match = compile_match(query, relaxed=relaxed)
    if not rowids or match.positive is None:
        return set()
    return text_index.matching(conn, match.positive, rowids)


def _all_keyword_matches(conn: sqlite3.Connection, query: Query, relaxed: bool,
                         text_index: SimpleNamespace) -> list[int]:
    """Every document the keyword search matches (for sorting by date), at most DATE_SORT_MAX."""
    match = compile_match(query, relaxed=relaxed)
    if match.positive is None:
        return []
    where, params = filter_sql(query.filters)
    _total, _facets, ranked = text_index.full_text(conn, match.positive, match.negative, where, params,
                                                   "", DATE_SORT_MAX, 0)
    return [r for r, _score in ranked]


def _by_date(conn: sqlite3.Connection, rowids: list[int]) -> list[int]:
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    dates = dict(conn.execute(f"SELECT rowid, date FROM document_facets WHERE rowid IN ({marks})",
                              rowids))
    rank = {r: i for i, r in enumerate(rowids)}
    return sorted(rowids, key=lambda r: (dates.get(r) or "", -rank[r]), reverse=True)


def run_hybrid(conn: sqlite3.Connection, query: Query, *, limit: int, offset: int,
               snippets: bool = True, counter: FacetCounter | None = None,
               dense: Dense | None = None, sort: str = "relevance",
               text_index: SimpleNamespace = FTS5_INDEX) -> SearchResult:
    """The search as the module's docstring describes it (`text_index`: the full-text steps of the
    archive's backend, store.search.FTS5_INDEX or PostgreSQL's)."""
    if sort not in SORTS:
        raise QueryError(f"sort: expects relevance or date, not {sort!r}")
    lexical = expand_query(query)
    vectors = _has_vectors(conn)
    use_dense = dense is not None and bool(query.text_clauses) and vectors
    if not use_dense and sort == "relevance":
        return replace(run_search(conn, lexical, limit=limit, offset=offset, snippets=snippets,
                                  counter=counter, index=text_index), vectors=vectors)

    depth = max(KEYWORD_DEPTH, offset + limit)
    keyword = run_search(conn, lexical, limit=depth, offset=0, snippets=False, counter=counter,
                         index=text_index)
    pinned = [h for h in keyword.hits if h.match != "text"]
    texts = [h for h in keyword.hits if h.match == "text"]
    index = dense.index(conn) if use_dense else None
    near = []
    if index is not None:
        vector = dense.embedder.query(query.raw)
        near = None
        if query.filters:  # checked on the ANN's candidates when that is enough
            near = index.nearest_among(vector, DENSE_DEPTH,
                                       lambda rowids: _allowed(conn, query, text_index, rowids))
        if near is None:
            allowed, excluded = _dense_scope(conn, query, text_index)
            near = index.nearest(vector, DENSE_DEPTH, allowed, excluded=excluded)
        if near:
            best = near[0].score
            near = [n for n in near if n.score >= best - DENSE_MARGIN]
    pinned_ids = {h_rowid for h_rowid in _rowids(conn, [h.id for h in pinned])}
    near = [n for n in near if n.rowid not in pinned_ids]

    text_rowids = _rowids(conn, [h.id for h in texts])
    scores = {r: h.score for r, h in zip(text_rowids, texts)}
    if near:
        fused = rrf([(text_rowids, RELAXED_WEIGHT if keyword.relaxed else BM25_WEIGHT),
                     ([n.rowid for n in near], DENSE_WEIGHT)])
        ranked = [r for r, _ in fused]
        scores = {r: s * 1000 for r, s in fused}
    else:
        ranked = list(text_rowids)

    # Dense hits beyond the keyword result set join its total and facets.
    known = set(text_rowids)
    extra = [n.rowid for n in near if n.rowid not in known]
    if extra and keyword.total > len(keyword.hits):
        members = _keyword_members(conn, lexical, keyword.relaxed, extra, text_index)
        extra = [r for r in extra if r not in members]
    total, facets = keyword.total, keyword.facets
    if extra:
        marks = ",".join("?" * len(extra))
        n_extra, rows = facets_for(conn, f"d.rowid IN ({marks})", extra)
        total += n_extra
        facets = facets_from_rows(_facet_rows(facets) + list(rows))

    if sort == "date":
        more = _all_keyword_matches(conn, lexical, keyword.relaxed, text_index) if keyword.total > len(keyword.hits) else []
        ranked = _by_date(conn, list(dict.fromkeys(ranked + more)))
        # The keyword matches not ranked above are listed too: their score is 0.

    pinned_rows = _rowids(conn, [h.id for h in pinned])
    order = [(r, h.score, h.match) for r, h in zip(pinned_rows, pinned)]
    dense_only = {n.rowid for n in near} - known
    order += [(r, scores.get(r, 0.0), "dense" if r in dense_only else "text") for r in ranked]
    page = order[offset:offset + limit]
    spans = {n.rowid: (n.start, n.stop) for n in near}
    hits = _page_hits(conn, page, lexical, keyword, spans, snippets)
    return replace(keyword, hits=hits, total=total, facets=facets, offset=offset, limit=limit,
                   retrieval="bm25+dense" if index is not None else "bm25", sort=sort,
                   vectors=vectors)


def _rowids(conn: sqlite3.Connection, ids: list[str]) -> list[int]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    by_id = dict(conn.execute(f"SELECT id, rowid FROM documents WHERE id IN ({marks})", ids))
    return [by_id[i] for i in ids]


def _facet_rows(facets) -> list[tuple]:
    """Facets back as rows facets_from_rows adds up (one row per value of each facet)."""
    rows = []
    for name, pos in (("year", 0), ("genre", 1), ("issuer", 2), ("section", 3)):
        for fc in getattr(facets, name):
            row = [None, None, None, None, fc.count]
            row[pos] = int(fc.value) if name == "year" else fc.value
            rows.append(tuple(row))
    return rows


def _page_hits(conn: sqlite3.Connection, page: list[tuple[int, float, str]], query: Query,
               keyword: SearchResult, spans: dict[int, tuple[int, int]], snippets: bool) -> tuple[Hit, ...]:
    """Hits of the page: summaries, and snippets marking the query's words; a dense-only hit's
    snippet is its best passage."""
    ids = [r for r, _, _ in page]
    summaries = summaries_by_rowid(conn, ids)
    texts = texts_by_rowid(conn, ids) if snippets else {}
    number = keyword.doc_number if any(m == "doc_number" for _, _, m in page) else None
    terms = highlight_terms(query, include_doc_number=keyword.doc_number is None) if snippets else []
    out = []
    for r, score, how in page:
        if r not in summaries:
            continue
        snippet = ""
        if snippets:
            text = texts.get(r, "")
            if how == "dense" and r in spans and spans[r][1] > spans[r][0]:
                start = spans[r][0]
                snippet = ("…" if start > 0 else "") + make_snippet(text[start:], terms)
            else:
                extra = [(s, e) for n, s, e in find_doc_numbers(text) if str(n) == number] if number else []
                snippet = make_snippet(text, terms, extra_spans=extra)
        out.append(Hit(**summaries[r].__dict__, score=score, snippet=snippet, match=how))
    return tuple(out)
