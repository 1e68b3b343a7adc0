"""Running a `Query` against the archive: document-number look-up, FTS5 match, facets, snippets."""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

from gongbao.docnumber import find_doc_numbers
from gongbao.search.match import compile_match, highlight_terms, quote
from gongbao.search.query import Query, QueryError
from gongbao.registers.people import posts_register
from gongbao.search.posts import post_question
from gongbao.search.rank import CITES_SCORE, DOC_NUMBER_SCORE, POST_SCORE, bm25_call, post_order
from gongbao.search.snippet import make_snippet
from gongbao.search.tokenize import index_form
from gongbao.store.people import appointment_facts, known_post, post_documents
from gongbao.store.queries import (
    citing_rowids, facets_for, facets_from_rows, filter_sql, find_by_number, summaries_by_rowid,
    texts_by_rowid,
)
from gongbao.store.records import ArchiveError, Hit, SearchResult
from gongbao.store.schema import FTS_COLUMNS, TITLE_COLUMNS

__all__ = ["run_search", "FacetCounter", "facet_combinations", "combination_counts"]


class FacetCounter:
    """Counts the facets of a match, on the search's own connection (`conn`), or on a second,
    read-only connection in its own thread while the search's connection ranks (sqlite3 lets go
    of the GIL while a statement runs). The thread pays only where a core is free for it: the
    counting is partly Python, and on a busy machine the two threads wait for each other's GIL
    (measured on two shared cores: p95 5.7 ms on one connection, 9.6 ms with the thread).

    Without filters, it reads only the matching rowids from the index and counts them against an
    in-memory table of each document's (year, genre, issuer, section), instead of looking every
    match up in `document_facets`; the table is reloaded when the archive changes
    (PRAGMA data_version).
    """

    def __init__(self, path: str, progress_handler: Callable[[], int] | None = None, *,
                 uri: str | None = None, conn: sqlite3.Connection | None = None) -> None:
        self._own = conn is None
        self._thread: ThreadPoolExecutor | None = None
        if conn is None:
            conn = sqlite3.connect(uri or f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False, timeout=10)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA cache_size = -16384")
            if progress_handler:
                conn.set_progress_handler(progress_handler, 2000)
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="gongbao-facets")
        self._conn = conn
        self._version: int | None = None
        self._combo_of: list[int] = []
        self._combos: list[tuple] = []

    def close(self) -> None:
        if self._thread is not None:
            self._thread.shutdown(wait=True)
        if self._own:
            self._conn.close()

    def submit(self, expr: str, facets_sql: str, args: list, plain: bool) -> Future:
        """A Future of facet rows (year, genre, issuer, section, count). `plain`: the match has
        no filter, so `expr` alone selects the documents."""
        if plain:
            task = lambda: self._count_plain(expr)  # noqa: E731
        else:
            task = lambda: self._conn.execute(facets_sql, args).fetchall()  # noqa: E731
        if self._thread is not None:
            return self._thread.submit(task)
        done: Future = Future()
        try:
            done.set_result(task())
        except BaseException as e:  # noqa: BLE001 - raised again by result(), as a thread's would be
            done.set_exception(e)
        return done

    def _load(self) -> None:
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version and self._combos:
            return
        self._combo_of, self._combos = facet_combinations(self._conn.execute(
            "SELECT rowid, year, genre, issuer, section FROM document_facets ORDER BY rowid").fetchall())
        self._version = version

    def _count_plain(self, expr: str) -> list[tuple]:
        self._load()
        rowids = [r for (r,) in self._conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (expr,))]
        if rowids and rowids[-1] >= len(self._combo_of):  # written since: load again
            self._version = None
            self._load()
        if rowids and rowids[-1] >= len(self._combo_of):
            # The two connections read different files: another archive was moved over this one.
            raise ArchiveError("the archive file changed while it was read: try again")
        return combination_counts(rowids, self._combo_of, self._combos)


def facet_combinations(rows: list) -> tuple[list[int], list[tuple]]:
    """From a list of (rowid, year, genre, issuer, section) rows in rowid order: the index of each rowid's
    combination of facets (-1 where no document is) and the combinations, so that the facets of
    a match are counted from its rowids alone (`combination_counts`)."""
    index: dict[tuple, int] = {}
    combo_of = [-1] * ((rows[-1][0] if rows else 0) + 1)
    for rowid, *values in rows:
        combo_of[rowid] = index.setdefault(tuple(values), len(index))
    return combo_of, list(index)


def combination_counts(rowids, combo_of: list[int], combos: list[tuple]) -> list[tuple]:
    """The facet rows (year, genre, issuer, section, count) of the documents `rowids`, each
    below len(combo_of)."""
    counts = Counter(map(combo_of.__getitem__, rowids))
    return [(*combos[c], n) for c, n in counts.items() if c >= 0]

# Filters and facets read the narrow document_facets table (aliased d, as filter_sql expects).
_FROM_FTS = "FROM documents_fts JOIN document_facets d ON d.rowid = documents_fts.rowid"
_FROM_TITLES = "FROM documents_titles JOIN document_facets d ON d.rowid = documents_titles.rowid"


def _unjoined(sql: str, table: str) -> str:
    """`sql` reading the index `table` alone, without the facets table: for a match without
    filters, where the join only costs a look-up per match (its `d.rowid` becomes the index's)."""
    joined = _FROM_FTS if table == "documents_fts" else _FROM_TITLES
    return sql.replace(joined, f"FROM {table}").replace("d.rowid", f"{table}.rowid")


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

# A relaxed query leaves out the words more than this share of the documents hold.
COMMON_SHARE = 0.2
# Ties are broken among the page's best-covered documents and this many more.
RELAXED_TIE_BREAK = 40


def _full_text(conn: sqlite3.Connection, expr: str, negative: str | None, where: str, params: list,
               extra_where: str, limit: int, offset: int,
               counter: FacetCounter | None = None) -> tuple[int, list, list[tuple[int, float]]]:
    """(total, facet rows, ranked page) of an FTS match within the filters. The facets are
    counted by `counter` (another connection) while this one ranks, when it is given."""
    full = f"({expr}) NOT ({negative})" if negative else expr
    base = f"{_FROM_FTS} WHERE documents_fts MATCH ? AND {where}{extra_where}"
    args = [full, *params]
    facets_sql = f"SELECT d.year, d.genre, d.issuer, d.section, count(*) {base} GROUP BY 1, 2, 3, 4"
    counting = counter.submit(full, facets_sql, args, where == "1" and not extra_where) \
        if counter else None
    ranked: list[tuple[int, float]] = []
    if limit > 0:
        score_sql = (f"SELECT d.rowid, {bm25_call('documents_fts', FTS_COLUMNS)} AS score {base} "
                     "ORDER BY score, d.rowid")
        if where == "1" and not extra_where:
            score_sql = _unjoined(score_sql, "documents_fts")
        ranked = _tiered(conn, expr, negative, where, params, extra_where, score_sql, args,
                         limit, offset)
    rows = counting.result() if counting else conn.execute(facets_sql, args).fetchall()
    return sum(r[4] for r in rows), rows, ranked


def _relaxed(conn: sqlite3.Connection, units: tuple[tuple[str, ...], ...], negative: str | None,
             where: str, params: list, limit: int,
             offset: int) -> tuple[int, list, list[tuple[int, float]]]:
    """(total, facet rows, ranked page) of the documents holding some of `units`, ranked by the
    IDF-weighted share of the units they hold, then by how many of them their title holds.

    Units most documents hold (more than COMMON_SHARE of them) are left out, unless nothing else
    is left: they say little about what is asked and would make the match the whole archive.
    """
    # The highest rowid stands for the number of documents: exact until issues are replaced,
    # and an IDF needs no more (count(*) reads the whole table).
    n_docs = conn.execute("SELECT max(rowid) FROM document_facets").fetchone()[0] or 1
    df = {}
    for token in sorted({t for unit in units for t in unit}):
        # One look-up per term: fts5vocab answers `term = ?` from the index, `IN (…)` by a scan.
        row = conn.execute("SELECT doc FROM documents_fts_vocab WHERE term = ?", (token,)).fetchone()
        df[token] = row[0] if row else 0
    freq, rare = relaxed_units(units, df, n_docs)
    if not rare:
        return 0, [], []
    neg, neg_args = _without(negative)
    # Each document's coverage is summed by SQLite, not row by row in Python (a colloquial
    # question's units can match tens of thousands of documents at 100,000): the IDFs as
    # integers (millionths), so that equal sets of units tie exactly, as they did in Python.
    weights = [round(1e6 * math.log(1 + (n_docs - freq[u] + 0.5) / (freq[u] + 0.5))) for u in rare]
    union = " UNION ALL ".join(
        "SELECT rowid, ? AS w FROM documents_fts WHERE documents_fts MATCH ?" for _ in rare)
    union_args = [a for u, w in zip(rare, weights) for a in (w, quote(u))]
    base = (f"FROM (SELECT rowid AS r, sum(w) AS c FROM ({union}) GROUP BY rowid) cov "
            f"JOIN document_facets d ON d.rowid = cov.r WHERE {where}{neg}")
    args = [*union_args, *params, *neg_args]
    rows = conn.execute(f"SELECT d.year, d.genre, d.issuer, d.section, count(*) {base} "
                        "GROUP BY 1, 2, 3, 4", args).fetchall()
    total = sum(r[4] for r in rows)
    if not total or limit <= 0:
        return total, rows, []
    head = conn.execute(f"SELECT cov.r, cov.c {base} ORDER BY cov.c DESC, cov.r LIMIT ?",
                        [*args, offset + limit + RELAXED_TIE_BREAK]).fetchall()
    _, _, page = relaxed_page(conn, {r: c / 1e6 for r, c in head}, {}, rare, limit, offset)
    return total, rows, page


def relaxed_units(units: tuple[tuple[str, ...], ...], df: dict[str, int],
                  n_docs: int) -> tuple[dict, list[tuple[str, ...]]]:
    """(documents holding each unit, the units the relaxed match counts): those some document
    holds, without those most documents hold, unless nothing else is left (both backends)."""
    freq = {u: min(df.get(t, 0) for t in u) for u in units}
    present = [u for u in units if freq[u]]
    return freq, [u for u in present if freq[u] <= COMMON_SHARE * n_docs] or present


def relaxed_page(conn, coverage: dict[int, float], facets: dict[int, tuple], rare: list,
                 limit: int, offset: int) -> tuple[int, list, list[tuple[int, float]]]:
    """(total, facet rows, ranked page) of a relaxed match from each document's IDF coverage:
    among the best-covered documents (a few more than the page needs), those with more of the
    words in their title go first (both backends)."""
    rows = [(*values, 1) for values in facets.values()]
    if not coverage or limit <= 0:
        return len(coverage), rows, []
    ranked = sorted(coverage, key=lambda r: (-coverage[r], r))
    head = ranked[:offset + limit + RELAXED_TIE_BREAK]
    titles = dict(conn.execute(f"SELECT rowid, title FROM documents WHERE rowid IN ({_marks(head)})",
                               head))
    in_title = {r: sum("".join(u) in "".join(index_form(titles.get(r) or "").split()) for u in rare)
                for r in head}
    head.sort(key=lambda r: (-coverage[r], -in_title[r], r))
    page = head[offset:offset + limit]
    return len(coverage), rows, [(r, coverage[r] + in_title[r] / 100) for r in page]


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
    plain = where == "1" and not extra_where
    titles_sql = (f"SELECT d.rowid, {bm25_call('documents_titles', TITLE_COLUMNS)} AS score {_FROM_TITLES} "
                  f"WHERE documents_titles MATCH ? AND {where}{extra_where}{neg} "
                  "ORDER BY score, d.rowid LIMIT ?")
    if plain:
        titles_sql = _unjoined(titles_sql, "documents_titles")
    first = conn.execute(titles_sql, [expr, *params, *neg_args, want]).fetchall()
    ranked = [(r, TITLE_TIER_SCORE - s) for r, s in first]
    if len(first) < want:
        seen = [r for r, _ in first]
        rid = "documents_fts.rowid" if plain else "d.rowid"
        skip = f" AND {rid} NOT IN ({_marks(seen)})" if seen else ""
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


def _post_pins(conn: sqlite3.Connection, query: Query) -> list[int]:
    """The appointment documents of the post (or agency) the query asks about, in the order of
    rank.post_order; [] when the query is not about a post."""
    clauses = query.text_clauses
    if not clauses or any(len(c.alternatives) != 1 for c in clauses) or query.excluded:
        return []
    asked = post_question("".join(c.alternatives[0].text for c in clauses),
                          lambda key: known_post(conn, key))
    if asked is None:
        return []
    docs = post_documents(conn, asked.key, asked.kind)
    current: list[int] = []
    if asked.who and asked.kind == "post":
        ids = {doc_id for post in posts_register(appointment_facts(conn, post_key=asked.key))
               for h in post.holders if h.end is None and h.from_doc_id for doc_id in [h.from_doc_id]}
        if ids:
            current = [r for (r,) in conn.execute(
                f"SELECT rowid FROM documents WHERE id IN ({_marks(ids)})", sorted(ids))]
    return post_order(docs, current, asked.who)


# The full-text steps of a search on SQLite's FTS5 index; PostgreSQL has its own
# (store/postgres/search.py: PG_INDEX), which `run_search` takes as its `index`.
FTS5_INDEX = SimpleNamespace(full_text=_full_text, relaxed=_relaxed, matching=_matching,
                             without=_without)


def run_search(conn: sqlite3.Connection, query: Query, *, limit: int, offset: int,
               snippets: bool = True, counter: FacetCounter | None = None,
               index: SimpleNamespace = FTS5_INDEX) -> SearchResult:
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

    # 1b. A question about a post: its appointment documents first.
    if number is None:
        pinned += [(r, "post") for r in _post_pins(conn, query)]

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
            keep -= index.matching(conn, match.negative, rowids)
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
        total, rows, ranked = index.full_text(conn, match.positive, match.negative, where,
                                         [*params, *pinned_ids], exclude_pinned,
                                         rest_limit, rest_offset, counter)
        # Relax a query with no hit, unless it asked for a document number that is not there.
        # (The appointment documents of a post the query asks about do not stop it.)
        if total == 0 and not any(m != "post" for _, m in pinned) and match.units > 1 \
                and number is None:
            loose = compile_match(query, relaxed=True, include_doc_number=include_number)
            if loose.unit_list:
                total, rows, ranked = index.relaxed(conn, loose.unit_list, loose.negative,
                                               where + exclude_pinned, [*params, *pinned_ids],
                                               rest_limit, rest_offset)
                relaxed = total > 0
                if relaxed:
                    message = "no document has every word: these have the most of them"
    elif not number_found:
        # Only filters (or exclusions): list the documents they select, newest first.
        neg, neg_args = index.without(match.negative)
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
    pinned_score = {"doc_number": lambda i: DOC_NUMBER_SCORE, "cites": lambda i: CITES_SCORE - i,
                    "post": lambda i: POST_SCORE - i}
    page = [(r, pinned_score[m](offset + i), m) for i, (r, m) in enumerate(page_pinned)]
    page += [(r, s, "text") for r, s in ranked]
    hits = _hits(conn, page, query, number if number_found else None, include_number, snippets)
    return SearchResult(
        query=query.raw, total=total + pinned_total, hits=hits,
        facets=facets_from_rows(list(rows) + list(pinned_rows)), offset=offset, limit=limit,
        doc_number=str(number) if number is not None and not include_number else None,
        relaxed=relaxed, message=message,
    )
