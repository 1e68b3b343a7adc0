"""The colloquial thesaurus: everyday words to the official terms gazettes print.

People ask `上户口要带什么` where the text says 户籍登记, `看病报销` where it says 医疗保障. The
lexical path of search adds, to every word that holds an everyday expression of
`data/colloquial.tsv`, the same word with the official term in its place as an alternative
(`上户口` becomes `上户口 OR 户籍登记`), so that a document printing only the official term matches,
and its snippet marks it. Phrases and 文号 are never expanded. Each line of the data file is
`everyday<TAB>official[,official…]`; tests/test_thesaurus.py checks that every official term is
printed in real gazette text.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from gongbao.search.query import Clause, Query, Term

__all__ = ["thesaurus", "expand_query", "expansions", "MAX_ALTERNATIVES"]

# New alternatives per word at most: a word holding several everyday expressions gets the first.
MAX_ALTERNATIVES = 6


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, tuple[str, ...]]:
    """Everyday expression -> official terms, from data/colloquial.tsv (longest key first)."""
    from gongbao.data import read_table

    table: dict[str, list[str]] = {}
    for row in read_table("colloquial.tsv"):
        if len(row) < 2 or not row[0]:
            continue
        terms = table.setdefault(row[0], [])
        for term in row[1].replace("，", ",").split(","):
            if term.strip() and term.strip() not in terms and term.strip() != row[0]:
                terms.append(term.strip())
    return {k: tuple(v) for k, v in sorted(table.items(), key=lambda kv: (-len(kv[0]), kv[0])) if v}


def expansions(text: str) -> list[str]:
    """`text` with each everyday expression it holds replaced by an official term (the keys
    found left to right, the longest first where two overlap)."""
    table = thesaurus()
    taken: list[tuple[int, int, str]] = []
    for key in table:  # longest first
        at = text.find(key)
        while at >= 0:
            if all(at >= e or at + len(key) <= s for s, e, _ in taken):
                taken.append((at, at + len(key), key))
            at = text.find(key, at + 1)
    out: list[str] = []
    for s, e, key in sorted(taken):
        for term in table[key]:
            alt = text[:s] + term + text[e:]
            if alt not in out and alt != text:
                out.append(alt)
    return out[:MAX_ALTERNATIVES]


def expand_query(query: Query) -> Query:
    """`query` with the official forms of its everyday words as alternatives (see the module)."""
    clauses = []
    changed = False
    for i, clause in enumerate(query.clauses):
        if i in query.doc_number_clauses:
            clauses.append(clause)
            continue
        alternatives = list(clause.alternatives)
        for term in clause.alternatives:
            if term.phrase:
                continue
            for alt in expansions(term.text):
                t = Term(alt)
                if t not in alternatives:
                    alternatives.append(t)
                    changed = True
        clauses.append(Clause(tuple(alternatives)))
    return replace(query, clauses=tuple(clauses)) if changed else query
