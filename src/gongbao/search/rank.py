"""Ranking: how the archive orders hits.

1. A document whose 发文字号 the query names comes first (`DOC_NUMBER_SCORE`), then the documents
   that cite that number (`CITES_SCORE`, newest first) when the query is nothing but the number.
2. Full-text hits follow: first the documents with every word in their title or names (persons,
   issuer, signature), ranked by BM25 over a small index of titles and names; then the others,
   ranked by FTS5's BM25 over all the index columns, weighted per column: a match in the title
   counts most, then names, then the body; `words` (OCR-corrected forms) counts least.
3. A *relaxed* query (no document has every word) ranks by the IDF-weighted share of the query's
   words a document holds, then by how many of them its title holds.
Scores are reported positive, higher is better.
"""

from __future__ import annotations

__all__ = ["COLUMN_WEIGHTS", "DOC_NUMBER_SCORE", "CITES_SCORE", "bm25_call"]

COLUMN_WEIGHTS = {"title": 10.0, "names": 5.0, "body": 1.0, "words": 0.5}

DOC_NUMBER_SCORE = 1000.0
CITES_SCORE = 500.0


def bm25_call(table: str, columns: tuple[str, ...]) -> str:
    """The SQL expression of the weighted BM25 score (negative: lower is better, as FTS5 gives it)."""
    weights = ", ".join(repr(COLUMN_WEIGHTS[c]) for c in columns)
    return f"bm25({table}, {weights})"
