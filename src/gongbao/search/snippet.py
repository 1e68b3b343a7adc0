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
import re

from gongbao.search.tokenize import fold_for_match

__all__ = ["make_snippet", "WINDOW"]

# Characters shown before the first match of the window, and in all.
LEAD = 30
WINDOW = 120
_MAX_MATCHES = 400

# A match: start, end, group (the query word it belongs to; 0 for extra spans), weight.
_Span = tuple[int, int, int, int]


def _pattern(terms: list[tuple[str, int, int]]) -> tuple[re.Pattern | None, list[tuple[int, int]]]:
    parts, meta = [], []
    for text, group, weight in terms:
        chars = [c for c in text if not c.isspace()]
        if chars:
            parts.append(r"[ \u3000\u00a0]*".join(re.escape(c) for c in chars))
            meta.append((group, weight))
    if not parts:
        return None, []
    return re.compile("|".join(f"({p})" for p in parts)), meta


def _spans(text: str, terms: list[tuple[str, int, int]], extra: list[tuple[int, int]]) -> list[_Span]:
    found: list[_Span] = [(s, e, 0, 3) for s, e in extra]
    pattern, meta = _pattern(terms)
    if pattern is not None:
        for m in pattern.finditer(fold_for_match(text)):
            group, weight = meta[m.lastindex - 1]
            found.append((m.start(), m.end(), group, weight))
            if len(found) >= _MAX_MATCHES:
                break
    found.sort()
    merged: list[_Span] = []
    for span in found:
        if merged and span[0] < merged[-1][1]:
            ps, pe, pg, pw = merged[-1]
            merged[-1] = (ps, max(pe, span[1]), pg, max(pw, span[3]))
        else:
            merged.append(span)
    return merged


def _best_start(spans: list[_Span], window: int) -> int:
    best, best_score = 0, -1
    for i, (start, _, _, _) in enumerate(spans):
        covered: dict[int, int] = {}
        for s, e, group, weight in spans[i:]:
            if e > start + window - LEAD:
                break
            covered[group] = max(covered.get(group, 0), weight)
        score = sum(covered.values())
        if score > best_score:
            best, best_score = i, score
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
