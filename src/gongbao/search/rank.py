"""Ranking: how the archive orders hits.

1. A document whose 发文字号 the query names comes first (`DOC_NUMBER_SCORE`), then the documents
   that cite that number (`CITES_SCORE`, newest first) when the query is nothing but the number.
   A query that asks about a post (`市住建局局长任免`, `审计局副局长是谁`: search/posts.py) lists
   the documents appointing to or removing from that post first (`POST_SCORE`): for a who-question
   those appointing its current holders (the people and posts register), then the others, the
   documents most about the post first (the share of their appointments it takes), newest first;
   for an agency, its appointment documents in the same order.
2. Full-text hits follow: first the documents with every word in their title or names (persons,
   issuer, signature), ranked by BM25 over a small index of titles and names; then the others,
   ranked by FTS5's BM25 over all the index columns, weighted per column: a match in the title
   counts most, then names, then the body; `words` (OCR-corrected forms) counts least.
3. A *relaxed* query (no document has every word) ranks by the IDF-weighted share of the query's
   words a document holds, then by how many of them its title holds.
Scores are reported positive, higher is better.
"""

from __future__ import annotations

__all__ = ["COLUMN_WEIGHTS", "DOC_NUMBER_SCORE", "CITES_SCORE", "POST_SCORE", "bm25_call",
           "post_order"]

COLUMN_WEIGHTS = {"title": 10.0, "names": 5.0, "body": 1.0, "words": 0.5}

DOC_NUMBER_SCORE = 1000.0
CITES_SCORE = 500.0
POST_SCORE = 800.0


def bm25_call(table: str, columns: tuple[str, ...]) -> str:
    """The SQL expression of the weighted BM25 score (negative: lower is better, as FTS5 gives it)."""
    weights = ", ".join(repr(COLUMN_WEIGHTS[c]) for c in columns)
    return f"bm25({table}, {weights})"


def post_order(docs: list[tuple[int, float, str]], current: list[int], who: bool) -> list[int]:
    """The order of a post's appointment documents, (rowid, share of the post, date) each:
    for a who-question the documents appointing the current holders (`current`, newest first)
    come first; then by share, then newest first (a who-question: newest, then share)."""
    by_id = {r: (share, when) for r, share, when in docs}
    first = [r for r in current if r in by_id] if who else []
    rest = [r for r, _, _ in docs if r not in first]
    if who:
        rest.sort(key=lambda r: (by_id[r][1], by_id[r][0], -r), reverse=True)
        first.sort(key=lambda r: (by_id[r][1], -r), reverse=True)
    else:
        rest.sort(key=lambda r: (by_id[r][0], by_id[r][1], -r), reverse=True)
    return first + rest
