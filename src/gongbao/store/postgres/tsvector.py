"""The segmented index as PostgreSQL tsvectors, and FTS5 match expressions as tsqueries.

PostgreSQL has no Chinese parser without extensions that are not packaged, so nothing is left to
its parser: the text is segmented in Python (`search.tokenize`, the tokens SQLite's index holds,
each made only of letters and digits) and the tsvector is written out lexeme by lexeme with its
positions and weights, the tsquery operand by operand (`simple` semantics: a token is its own
lexeme). One row holds two vectors:

    everything  title (weight A), names (B), words (C), body (D): what every search matches
    heads       title (A) and names (B): the small index the title tier ranks by

PostgreSQL keeps positions up to 16,383 and 256 positions per lexeme. Positions here wrap around
past 16,383 instead of piling up on the last one, so that an exact phrase deep in a long document
is still found (a wrap could join two tokens 16,383 apart into a false phrase: rare, and only for
an exact-phrase query); a lexeme's positions after its 256th are dropped, as PostgreSQL would.

Each vector has two forms that the server reads as the same tsvector (a test checks): the text
literal (`index_row`, for a single row and for reading) and the binary format (`binary_index`,
what an ingest's workers make and a binary COPY sends: the server reads it with a fraction of
the work of parsing the text).
"""

from __future__ import annotations

import re
from functools import lru_cache

from gongbao.search.rank import COLUMN_WEIGHTS

__all__ = ["index_row", "binary_index", "add_index", "to_tsquery", "RANK_WEIGHTS", "HEAD_WEIGHTS"]

MAX_POSITION = 16383
MAX_POSITIONS = 256
MAX_LEXEME_BYTES = 2046

# Which weight letter each column of the index gets (D is PostgreSQL's unmarked weight).
COLUMN_LETTERS = {"title": "A", "names": "B", "words": "C", "body": "D"}


def _weights() -> str:
    """ts_rank's weights array {D, C, B, A}: the columns' weights of search.rank, scaled to 1."""
    top = max(COLUMN_WEIGHTS.values())
    by_letter = {COLUMN_LETTERS[c]: w / top for c, w in COLUMN_WEIGHTS.items()}
    return "{" + ", ".join(f"{by_letter[x]:g}" for x in "DCBA") + "}"


RANK_WEIGHTS = _weights()
HEAD_WEIGHTS = RANK_WEIGHTS


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


# Longer tokens than this many characters may exceed MAX_LEXEME_BYTES (4 bytes a character).
_SAFE_LENGTH = MAX_LEXEME_BYTES // 4


@lru_cache(maxsize=4)
def _labels(mark: str) -> tuple[str, ...]:
    """The position labels "1A" … "16383A" of one weight (built once: a position is a look-up)."""
    return tuple(f"{p}{mark}" for p in range(1, MAX_POSITION + 1))


# The weights as the binary format of a position holds them (its top two bits).
_WEIGHT_BITS = {"A": 3, "B": 2, "C": 1, "D": 0}


@lru_cache(maxsize=4)
def _binary_labels(letter: str) -> tuple[bytes, ...]:
    """The positions 1 … 16383 of one weight in the binary format (uint16, big-endian)."""
    bits = _WEIGHT_BITS[letter] << 14
    return tuple((p | bits).to_bytes(2, "big") for p in range(1, MAX_POSITION + 1))


# What follows a lexeme: its NUL, then its number of positions (uint16).
_COUNTS = tuple(b"\0" + n.to_bytes(2, "big") for n in range(MAX_POSITIONS + 1))


def _positions(columns: list[tuple[str, str]], labels) -> tuple[dict[str, list], bool]:
    """Each token's position labels (`labels(letter)`), in token order; whether they wrapped."""
    positions: dict[str, list] = {}
    setdefault = positions.setdefault
    pos = 0  # the position of the last token written, before wrapping
    for text, letter in columns:
        tokens = text.split()
        if tokens and max(map(len, tokens)) > _SAFE_LENGTH:
            tokens = [t for t in tokens if len(t.encode()) <= MAX_LEXEME_BYTES]
        marks = labels(letter)
        start = pos % MAX_POSITION
        if start + len(tokens) <= MAX_POSITION:
            run = marks[start:start + len(tokens)]
        else:  # past 16,383 the positions wrap around to 1
            run = tuple(marks[(start + i) % MAX_POSITION] for i in range(len(tokens)))
        for token, label in zip(tokens, run):
            setdefault(token, []).append(label)
        pos += len(tokens) + 1  # no phrase across two columns
    return positions, pos - 1 > MAX_POSITION


def _vector(columns: list[tuple[str, str]]) -> str:
    positions, _ = _positions(columns, lambda letter: _labels("" if letter == "D" else letter))
    # Only letters and digits as a rule: quoting is needed where a quote or backslash is there.
    if any("'" in t or "\\" in t for t, _ in columns):
        return " ".join(f"{_lexeme(t)}:{','.join(p[:MAX_POSITIONS])}" for t, p in positions.items())
    return " ".join(f"'{t}':{','.join(p[:MAX_POSITIONS])}" for t, p in positions.items())


def _binary_vector(columns: list[tuple[str, str]]) -> bytes:
    """The tsvector of `_vector` in PostgreSQL's binary format (what tsvectorrecv reads, with
    much less work than parsing the text): the number of lexemes, then each lexeme in the
    server's order (by bytes), NUL-terminated, its number of positions and the positions."""
    positions, wrapped = _positions(columns, _binary_labels)
    parts = [len(positions).to_bytes(4, "big")]
    append = parts.append
    for token in sorted(positions):
        kept = positions[token]
        if len(kept) > MAX_POSITIONS:
            kept = kept[:MAX_POSITIONS]
        if wrapped and len(kept) > 1:
            kept = _in_order(kept)
        append(token.encode())
        append(_COUNTS[len(kept)])
        append(b"".join(kept))
    return b"".join(parts)


def _in_order(kept: list[bytes]) -> list[bytes]:
    """Positions that wrapped, as the server makes those of a text: in order, each once (with
    the highest weight it was given)."""
    best: dict[int, int] = {}
    for label in kept:
        value = int.from_bytes(label, "big")
        where = value & 0x3FFF
        best[where] = max(best.get(where, 0), value)
    return [best[p].to_bytes(2, "big") for p in sorted(best)]


def index_row(values: dict[str, str]) -> tuple[str, str]:
    """(everything, heads) tsvector literals of one document's index columns (schema.FTS_COLUMNS)."""
    everything, heads = _columns(values)
    return _vector(everything), _vector(heads)


def _columns(values: dict[str, str]) -> tuple[list, list]:
    heads = [(values.get("title") or "", "A"), (values.get("names") or "", "B")]
    rest = [(values.get("words") or "", "C"), (values.get("body") or "", "D")]
    return heads + rest, heads


def binary_index(cols: tuple[str, ...]) -> tuple[bytes, bytes]:
    """`index_row` of the values of schema.FTS_COLUMNS (in that order, as `fts_columns` gives
    them) in the binary format: (everything, heads), as a binary COPY writes them."""
    from gongbao.store.schema import FTS_COLUMNS

    everything, heads = _columns(dict(zip(FTS_COLUMNS, cols)))
    return _binary_vector(everything), _binary_vector(heads)


def add_index(prepared):
    """A prepared issue with each document's tsvectors made (`PgArchive.finish_prepared`: in
    the worker process that prepared it, so that the writing process only sends them)."""
    for doc in prepared.documents:
        doc.index = binary_index(doc.fts)
    return prepared


# An FTS5 expression as search.match writes it: quoted token strings, AND, OR, NOT, parentheses.
_FTS5_TOKEN = re.compile(r'\s*(?:"([^"]*)"|(\()|(\))|(AND|OR|NOT)\b)')


def _parts(expr: str):
    """The parts of an FTS5 match expression of search.match, in order: (phrase, opening
    parenthesis, closing parenthesis, operator) tuples, one of them set."""
    pos = 0
    expr = expr.strip()
    while pos < len(expr):
        m = _FTS5_TOKEN.match(expr, pos)
        if not m:
            raise ValueError(f"not an expression of search.match: {expr!r}")
        pos = m.end()
        yield m.groups()
        while pos < len(expr) and expr[pos].isspace():
            pos += 1


def to_tsquery(expr: str) -> str:
    """The tsquery of an FTS5 match expression of search.match (same meaning; FTS5's NOT is
    "and not"). A phrase is its tokens joined by <->."""
    out = []
    for phrase, opening, closing, op in _parts(expr):
        if phrase is not None:
            tokens = phrase.split()
            if not tokens:
                raise ValueError(f"empty phrase in {expr!r}")
            lexemes = [_lexeme(t) for t in tokens]
            out.append(lexemes[0] if len(lexemes) == 1 else "(" + " <-> ".join(lexemes) + ")")
        elif opening:
            out.append("(")
        elif closing:
            out.append(")")
        else:
            out.append({"AND": "&", "OR": "|", "NOT": "& !"}[op])
    return " ".join(out)


def word_query(expr: str) -> str:
    """The words of an FTS5 match expression, each once, as a tsquery of alternatives (those
    after a NOT left out: the operand that follows it, a group up to its closing parenthesis)."""
    words: list[str] = []
    skip, depth = False, 0
    for phrase, opening, closing, op in _parts(expr):
        if op == "NOT":
            skip, depth = True, 0
        elif opening:
            depth += skip
        elif closing:
            depth -= skip
            skip = skip and depth > 0
        elif phrase is not None:
            if not skip:
                words += phrase.split()
            skip = skip and depth > 0
    return " | ".join(_lexeme(w) for w in dict.fromkeys(words))
