"""Snippets: a short window of a document's original text around the matches, as safe HTML.

The index holds segmented, normalised text; snippets are cut from the text as printed (cleaned by
the parser), so the matches are found again here: each term is looked for in a same-length folding
of the text (full-width letters and digits to ASCII, lower case), allowing the print-layout spaces
that normalisation removed (`石峥` marks `石 峥`). The window chosen is the one that covers the
most query words, whole words counting more than their parts. Everything is HTML-escaped; matches
are wrapped in <mark>…</mark>.
"""

from __future__ import annotations

import html
import itertools
import re
from collections import Counter
from functools import lru_cache

from gongbao.search.tokenize import fold_for_match

__all__ = ["make_snippet", "WINDOW"]

# Characters shown before the first match of the window, and in all.
LEAD = 30
WINDOW = 120
_MAX_MATCHES = 30  # per term: the window is chosen among the first matches

# A match: start, end, group (the query word it belongs to; 0 for extra spans), weight.
_Span = tuple[int, int, int, int]


@lru_cache(maxsize=1024)
def _spaced(term: str) -> re.Pattern:
    """`term` allowing print-layout spaces between its characters (`石峥` finds `石 峥`)."""
    return re.compile(r"[ \u3000\u00a0]*".join(re.escape(c) for c in term))


def _spans(text: str, terms: list[tuple[str, int, int]], extra: list[tuple[int, int]]) -> list[_Span]:
    """The matches of `terms` in `text` (and the `extra` spans), merged where they overlap.

    Each term is looked for with str.find (fast); only a term not found as it stands is looked
    for again allowing spaces between its characters. At most _MAX_MATCHES per term.
    """
    found: list[_Span] = [(s, e, 0, 3) for s, e in extra]
    folded = fold_for_match(text)
    for term, group, weight in terms:
        term = "".join(term.split())
        if not term:
            continue
        hits = 0
        at = folded.find(term)
        while at >= 0 and hits < _MAX_MATCHES:
            found.append((at, at + len(term), group, weight))
            hits += 1
            at = folded.find(term, at + len(term))
        if not hits and len(term) > 1 and all(c in folded for c in set(term)):
            for m in itertools.islice(_spaced(term).finditer(folded), _MAX_MATCHES):
                found.append((m.start(), m.end(), group, weight))
    found.sort(key=lambda span: (span[0], -span[1]))
    merged: list[_Span] = []
    for span in found:
        if merged and span[0] < merged[-1][1]:
            ps, pe, pg, pw = merged[-1]
            merged[-1] = (ps, max(pe, span[1]), pg, max(pw, span[3]))
        else:
            merged.append(span)
    return merged


def _best_start(spans: list[_Span], window: int) -> int:
    """The start of the span beginning the window that covers the most query words (a word's
    best weight counts), by a sliding window over the sorted spans.

    The window's score is kept as spans enter and leave it (a word's best weight changes only
    when its count at a weight goes to or from zero); the scan stops at the first window that
    covers every word at its best weight, which no later window can beat."""
    best, best_score = 0, -1
    count: Counter = Counter()  # (group, weight) of the spans in the window
    weights: dict[int, set[int]] = {}
    for _, _, group, weight in spans:
        weights.setdefault(group, set()).add(weight)
    ceiling = sum(max(ws) for ws in weights.values())
    order = {g: sorted(ws, reverse=True) for g, ws in weights.items()}
    top = dict.fromkeys(weights, 0)
    score = 0

    def best_weight(group: int) -> int:
        return next((w for w in order[group] if count[group, w]), 0)

    j = 0
    limit = window - LEAD
    for i, (start, _, _, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= start + limit:
            _, _, g, w = spans[j]
            count[g, w] += 1
            if w > top[g]:
                score += w - top[g]
                top[g] = w
            j += 1
        if score > best_score:
            best, best_score = i, score
            if score == ceiling:
                break
        if j > i:
            _, _, g, w = spans[i]
            count[g, w] -= 1
            if not count[g, w] and w == top[g]:
                now = best_weight(g)
                score -= w - now
                top[g] = now
        else:
            j = i + 1
    return spans[best][0]


def make_snippet(text: str, terms: list[tuple[str, int, int]], *,
                 extra_spans: list[tuple[int, int]] = (), window: int = WINDOW) -> str:
    """An HTML snippet of `text` around the best cluster of `terms` ((string, group, weight),
    longest first, as `match.highlight_terms` gives them) and of `extra_spans` (always marked)."""
    spans = _spans(text, terms, list(extra_spans))
    start = max(0, _best_start(spans, window) - LEAD) if spans else 0
    stop = min(len(text), start + window)
    if stop - start < window:
        start = max(0, stop - window)
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e, _, _ in spans:
        if e <= start or s >= stop:
            continue
        s, e = max(s, start), min(e, stop)
        out.append(html.escape(text[pos:s], quote=False))
        out.append("<mark>" + html.escape(text[s:e], quote=False) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:stop], quote=False))
    if stop < len(text):
        out.append("…")
    return re.sub(r"\s*\n\s*", " ", "".join(out)).strip()
