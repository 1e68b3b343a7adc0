"""Queries that ask about a post: `市住建局局长任免`, `审计局副局长是谁`, `交通运输局人事任免`.

Such a query is a post (or an agency) in any printed form or alias, plus words about
appointments or a who-question (data/post_query_words.txt) and stop words, and nothing else. The
archive then lists the appointment documents of that post first (store/search.py). A query with
any other word is left to the full-text search: `交通运输局局长 应急预案` asks about plans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from gongbao.data import read_table
from gongbao.registers.postnames import ends_with_title, normalize_post, post_name
from gongbao.search.vocab import stopwords

__all__ = ["PostQuestion", "post_question"]

# Queries longer than this are not read for posts (a post and a few words fit well within it).
MAX_LENGTH = 40
# The shortest text read as a post or an agency (局长 alone names nothing).
MIN_POST = 3


@dataclass(frozen=True)
class PostQuestion:
    key: str       # the post's (or the agency's) key, as registers.postnames makes it
    kind: str      # "post" | "agency"
    who: bool      # asks who holds it (是谁, 现任)
    phrase: str    # the part of the query that names it, as typed


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, bool], ...]:
    """(word, asks who) for every appointment and question word, longest first."""
    out = []
    for row in read_table("post_query_words.txt"):
        out.append((row[1], True) if row[0] == "who" and len(row) > 1 else (row[0], False))
    extra = [(w, False) for w in stopwords()]
    return tuple(sorted(set(out + extra), key=lambda w: (-len(w[0]), w)))


def _rest_is_only_appointment_words(rest: str) -> tuple[bool, bool, bool]:
    """(nothing else left, a who-word seen, an appointment or who word seen) for `rest`."""
    who = seen = False
    while rest:
        for word, asks in _words():
            if rest.startswith(word):
                rest = rest[len(word):]
                who |= asks
                seen |= asks or word not in stopwords()
                break
        else:
            return False, who, seen
    return True, who, seen


@lru_cache(maxsize=1)
def _words_by_first() -> dict[str, tuple[str, ...]]:
    """The words of `_words`, by their first character."""
    out: dict[str, list[str]] = {}
    for w, _ in _words():
        if w:
            out.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def _consumable(text: str) -> tuple[list[bool], list[bool]]:
    """(prefix, suffix): whether text[:i] / text[i:] is made of appointment and stop words only.

    Only the words starting with the character at a position are tried there (a query is short,
    the word list long)."""
    by_first = _words_by_first()
    n = len(text)
    prefix = [True] + [False] * n
    for i in range(n):
        if prefix[i]:
            for w in by_first.get(text[i], ()):
                if text.startswith(w, i):
                    prefix[i + len(w)] = True
    suffix = [False] * n + [True]
    for i in range(n - 1, -1, -1):
        suffix[i] = any(text.startswith(w, i) and suffix[i + len(w)] for w in by_first.get(text[i], ()))
    return prefix, suffix


def post_question(text: str, known: Callable[[str], str | None]) -> PostQuestion | None:
    """The post or agency a query asks about, or None. `known(key)` says whether the archive
    holds appointments to a post ("post") or in an agency ("agency") of that key.

    The longest part of the query that names a post or an agency wins, as long as what stands
    before and after it is only appointment, question and stop words; an agency alone needs one
    appointment or question word (交通运输局 alone is a search for the agency's documents)."""
    text = re.sub(r"[\s\u3000？?，,。！!]+", "", text)
    if not text or len(text) > MAX_LENGTH:
        return None
    prefix, suffix = _consumable(text)
    for length in range(len(text), MIN_POST - 1, -1):
        for start in range(0, len(text) - length + 1):
            end = start + length
            if not (prefix[start] and suffix[end]):
                continue
            phrase = text[start:end]
            _, who, seen = _rest_is_only_appointment_words(text[:start] + text[end:])
            key = normalize_post(phrase)
            kind = known(key) if len(key) >= MIN_POST else None
            if kind == "agency" and not seen:
                kind = None
            if not kind:
                # A post no appointment names, of an agency some do (审计局副局长): the agency's.
                named = post_name(phrase)
                if named.title and named.agency and ends_with_title(named):
                    key = normalize_post(named.agency)
                    kind = "agency" if known(key) else None
            if kind:
                return PostQuestion(key, kind, who, phrase)
    return None
