"""Candidates for fuzzy title matching, so that matching a TOC to its documents stays linear.

Comparing every TOC entry with every document (difflib) is quadratic in the issue's size. An
issue of usual size (up to `FULL_SCAN` documents left to match) is still compared in full, so
results there are exactly those of the full comparison; beyond that, only the documents sharing
the entry's rarest character pairs are compared, at most `CANDIDATES` of them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from difflib import SequenceMatcher

FULL_SCAN = 64  # compare with every unmatched document up to this many
CANDIDATES = 8  # else compare with at most this many, those sharing the most rare pairs
POSTINGS = 256  # postings read per entry, rarest pairs first
MAX_CHARS = 300  # titles are compared on their first this many characters


def likeness(a: str | None, b: str | None) -> float:
    """How alike two titles are (0 to 1), spaces ignored, on their first `MAX_CHARS` characters
    (difflib is quadratic in the length: a bound keeps hostile input linear)."""
    if not a or not b:
        return 0.0
    return _matcher(a, b).ratio()


def _matcher(a: str, b: str) -> SequenceMatcher:
    """The comparison both measures make: spaces ignored, the first MAX_CHARS characters."""
    return SequenceMatcher(None, a.replace(" ", "")[:MAX_CHARS], b.replace(" ", "")[:MAX_CHARS], autojunk=False)


def alike(a: str | None, b: str | None, threshold: float) -> bool:
    """Whether likeness(a, b) >= threshold, found without the full comparison where difflib's
    cheap upper bounds (the lengths, the characters shared) already fall short."""
    if not a or not b:
        return threshold <= 0.0
    m = _matcher(a, b)
    return m.real_quick_ratio() >= threshold and m.quick_ratio() >= threshold and m.ratio() >= threshold


def _pairs(title: str | None) -> set[str]:
    t = (title or "").replace(" ", "")[:MAX_CHARS]
    return {t[k:k + 2] for k in range(len(t) - 1)}


class TitleIndex:
    """Documents' titles by the character pairs they hold."""

    def __init__(self, titles: Sequence[str | None]) -> None:
        self._postings: dict[str, list[int]] = {}
        for i, title in enumerate(titles):
            for pair in _pairs(title):
                self._postings.setdefault(pair, []).append(i)

    def candidates(self, title: str | None, unmatched: Collection[int]) -> Iterable[int]:
        """The unmatched documents worth comparing `title` with (in document order when all)."""
        if len(unmatched) <= FULL_SCAN:
            return unmatched
        lists = sorted((self._postings.get(p, ()) for p in _pairs(title)), key=len)
        shared: Counter[int] = Counter()
        read = 0
        for postings in lists:
            if read >= POSTINGS:
                break
            for i in postings[:POSTINGS - read]:
                if i in unmatched:
                    shared[i] += 1
            read += min(len(postings), POSTINGS)
        return [i for i, _ in shared.most_common(CANDIDATES)]
