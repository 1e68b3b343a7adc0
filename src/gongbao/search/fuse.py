"""Fusing ranked lists: weighted reciprocal rank fusion (Cormack et al., 2009).

A document's fused score is the sum over the lists it is in of weight / (K + rank), rank from 1.
RRF needs no calibration between BM25's unbounded scores and cosine similarities, and a document
both lists rank well beats one only a single list likes. The weights and K were chosen on
tests/eval/queries.json with bench/relevance.py (README, *Semantic search*):

* the keyword list weighs BM25_WEIGHT when every word matched, RELAXED_WEIGHT when the search was
  relaxed (documents holding only some of the words: a weak signal that must not crowd out the
  dense hits of a question phrased in everyday words);
* the dense list weighs DENSE_WEIGHT.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

__all__ = ["rrf", "RRF_K", "BM25_WEIGHT", "RELAXED_WEIGHT", "DENSE_WEIGHT"]

RRF_K = 20
BM25_WEIGHT = 1.0
RELAXED_WEIGHT = 0.15
DENSE_WEIGHT = 1.0


def rrf(lists: Sequence[tuple[Sequence[Hashable], float]], k: int = RRF_K) -> list[tuple[Hashable, float]]:
    """(item, fused score) best first, of ranked `lists` given as (items best first, weight).
    Ties keep the order of first appearance (the first list first)."""
    score: dict[Hashable, float] = {}
    order: dict[Hashable, int] = {}
    for items, weight in lists:
        for rank, item in enumerate(items, 1):
            score[item] = score.get(item, 0.0) + weight / (k + rank)
            order.setdefault(item, len(order))
    return sorted(score.items(), key=lambda kv: (-kv[1], order[kv[0]]))
