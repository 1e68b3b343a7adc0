"""Compile a `Query` into an FTS5 MATCH expression over the segmented index.

User text never reaches FTS5 syntax as typed: it is segmented into tokens made only of letters and
digits (`tokenize.words`), and every token is written as a double-quoted FTS5 string. Operators
and parentheses are written only by this module.

How a word becomes an expression (a word is what the user typed between spaces):

* it is segmented; runs of single characters (the segmenter's pieces of a name or a word it does
  not know: 石峥 -> 石 峥, 限行 -> 限 行) stay together as a phrase;
* stop words (data/stopwords.txt) are dropped unless nothing else is left;
* one unit: that unit; several: all of them must match (anywhere in the document: position
  checks such as NEAR cost too much on a large archive);
* a word that names an agency (data/agencies.tsv) matches the agency's token, which the index
  holds wherever any of its names is printed (市发改委 finds 市发展和改革委员会).

The index holds the text in jieba's search mode (each word preceded by the shorter dictionary
words inside it), so a unit matches a long word's parts as well as the word. An "exact phrase" is
one FTS5 phrase of its own search-mode tokens: the same stream the index holds wherever the text
around it did not change how it was cut. Excluded terms become `NOT (…)`.

A word with alternatives (`A OR B`, or the official terms the thesaurus adds to an everyday
word) is one OR of them, simplified without changing what matches: an alternative given twice
is written once, one that requires everything another requires and more is left out (it can only
match what the other matches), and the units every alternative requires are written once, before
the OR of what differs (`(申请 AND 阳泉市 AND 质量奖) OR (申报 AND 阳泉市 AND 质量奖)` becomes
`阳泉市 AND 质量奖 AND (申请 OR 申报)`): FTS5 then reads each long list of positions once.
A *relaxed* expression (used when nothing matches every word) ORs every unit instead, and also
every dictionary word found in the typed words (jieba full mode): a natural question segments
differently from the document that answers it (下放到县区 -> 下 放到 县区), its dictionary words
do not (下放, 县区). The archive ranks relaxed hits by how much of the query they cover.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongbao.search.query import Query, Term
from gongbao.search.tokenize import dictionary_words, normalize, search_words, words
from gongbao.search.vocab import agency_names, agency_token, stopwords

__all__ = ["CompiledMatch", "compile_match", "relaxed_units", "highlight_terms", "quote"]


@dataclass(frozen=True)
class CompiledMatch:
    positive: str | None  # what must match; None when the query has no word to look for
    negative: str | None  # what must not match
    units: int  # how many units the positive part requires (relaxing only helps when > 1)
    unit_list: tuple[tuple[str, ...], ...] = ()  # relaxed: the units OR-ed, each a phrase


def quote(tokens: list[str] | tuple[str, ...]) -> str:
    """Tokens as one FTS5 string (a phrase when several)."""
    return _quote(tokens)


def _quote(tokens: list[str] | tuple[str, ...]) -> str:
    # Tokens are letters and digits only (tokenize._clean): nothing in them can close the string.
    return '"' + " ".join(tokens) + '"'


def _units(tokens: list[str]) -> list[tuple[str, ...]]:
    """Group runs of single-character tokens into one unit; other tokens are units by themselves."""
    units: list[tuple[str, ...]] = []
    run: list[str] = []
    for tok in tokens:
        if len(tok) == 1:
            run.append(tok)
            continue
        if run:
            units.append(tuple(run))
            run = []
        units.append((tok,))
    if run:
        units.append(tuple(run))
    return units


def _content_units(text: str) -> list[tuple[str, ...]]:
    units = _units(words(text))
    stop = stopwords()
    content = [u for u in units if "".join(u) not in stop]
    return content or units


def _word_atoms(text: str) -> list[str]:
    """The quoted units a word requires (all of them)."""
    token = agency_token(text)
    if token:
        # The index holds the agency's token wherever any of its names is printed.
        return [f'"{token}"']
    return [_quote(u) for u in _content_units(text)]


def _term_atoms(term: Term) -> list[str]:
    if term.phrase:
        toks = search_words(term.text)
        return [_quote(toks)] if toks else []
    return _word_atoms(term.text)


def _conjunction(atoms: list[str]) -> str:
    return atoms[0] if len(atoms) == 1 else "(" + " AND ".join(atoms) + ")"


def _term_expr(term: Term) -> tuple[str | None, int]:
    atoms = _term_atoms(term)
    return (_conjunction(atoms), len(atoms)) if atoms else (None, 0)


def _alternatives_expr(alternatives: list[list[str]]) -> str:
    """One expression matching what any of `alternatives` (each the atoms it requires) matches,
    simplified as the module's docstring says."""
    unique: list[list[str]] = []
    for atoms in alternatives:
        atoms = list(dict.fromkeys(atoms))
        if not any(set(a) == set(atoms) for a in unique):
            unique.append(atoms)
    # Leave out an alternative requiring all of another's atoms and more.
    kept = [a for a in unique if not any(set(b) < set(a) for b in unique)]
    if len(kept) == 1:
        return _conjunction(kept[0])
    common = [t for t in kept[0] if all(t in a for a in kept[1:])]
    rests = [[t for t in a if t not in common] for a in kept]
    either = "(" + " OR ".join(_conjunction(r) for r in rests) + ")"
    if not common:
        return either
    return "(" + " AND ".join([*common, either]) + ")"


def relaxed_units(query: Query, *, include_doc_number: bool = False) -> list[tuple[str, ...]]:
    """The units a relaxed match ORs: each word's units and its dictionary words, each phrase."""
    clauses = query.clauses if include_doc_number else query.text_clauses
    stop = stopwords()
    units: list[tuple[str, ...]] = []
    for clause in clauses:
        for term in clause.alternatives:
            if term.phrase:
                toks = tuple(search_words(term.text))
                if toks:
                    units.append(toks)
                continue
            units.extend(_content_units(term.text))
            units.extend((w,) for w in sorted(dictionary_words(term.text)) if w not in stop)
    return list(dict.fromkeys(units))


def compile_match(query: Query, *, relaxed: bool = False,
                  include_doc_number: bool = False) -> CompiledMatch:
    """The FTS5 expression for `query` (the clauses a document number was read from are left out
    unless `include_doc_number`)."""
    clauses = query.clauses if include_doc_number else query.text_clauses
    parts: list[str] = []
    units = 0
    negatives = [e for e in (_term_expr(t)[0] for t in query.excluded) if e]
    negative = " OR ".join(negatives) if negatives else None
    if relaxed:
        unit_list = tuple(relaxed_units(query, include_doc_number=include_doc_number))
        positive = " OR ".join(_quote(u) for u in unit_list) if unit_list else None
        return CompiledMatch(positive, negative, len(unit_list), unit_list)
    for clause in clauses:
        alternatives = []
        for term in clause.alternatives:
            atoms = _term_atoms(term)
            if atoms:
                alternatives.append(atoms)
                units += len(atoms)
        if alternatives:
            parts.append(_alternatives_expr(alternatives))
    positive = " AND ".join(parts) if parts else None
    return CompiledMatch(positive, negative, units)


def highlight_terms(query: Query, *, include_doc_number: bool = False) -> list[tuple[str, int, int]]:
    """What to mark in a snippet: (string, group, weight) for each word as typed (normalised,
    weight 2), its parts of two or more characters and the agency's other names (weight 1).
    `group` numbers the typed words, so a snippet window is scored by how many words it covers."""
    clauses = query.clauses if include_doc_number else query.text_clauses
    out: dict[str, tuple[int, int]] = {}
    group = 0
    for clause in clauses:
        for term in clause.alternatives:
            group += 1
            whole = normalize(term.text).strip()
            if whole:
                out[whole] = (group, 2)
            if term.phrase:
                continue
            for part in ["".join(u) for u in _content_units(term.text)]:
                if len(part) > 1 or len(whole) == 1:
                    out.setdefault(part, (group, 1))
            for name in agency_names(term.text):
                out.setdefault(normalize(name), (group, 2))
    return sorted(((t, g, w) for t, (g, w) in out.items()), key=lambda x: (-len(x[0]), x[0]))
