"""Snippets: a short window of a document's original text around the matches, as safe HTML.

The index holds segmented, normalised text; snippets are cut from the text as printed (cleaned by
the parser), so the matches are found again here: each term is looked for in a same-length folding
of the text (full-width letters and digits to ASCII, lower case), allowing the print-layout spaces
that normalisation removed (`石峥` marks `石 峥`). The window chosen is the one holding the most
distinct terms. Everything is HTML-escaped; matches are wrapped in <mark>…</mark>.
"""

from __future__ import annotations

import html
import re

from gongbao.search.tokenize import fold_for_match

__all__ = ["make_snippet", "WINDOW"]

# Characters shown before the first match of the window and in all.
LEAD = 30
WINDOW = 120
_MAX_MATCHES = 400


def _pattern(terms: list[str]) -> re.Pattern | None:
    parts = []
    for term in terms:
        chars = [c for c in term if not c.isspace()]
        if chars:
            parts.append(r"[ \u3000\u00a0]*".join(re.escape(c) for c in chars))
    if not parts:
        return None
    return re.compile("|".join(f"(?:{p})" for p in parts))


def _spans(text: str, terms: list[str], extra: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = [(s, e, "\0" + text[s:e]) for s, e in extra]
    pattern = _pattern(terms)
    if pattern is not None:
        folded = fold_for_match(text)
        for m in pattern.finditer(folded):
            found.append((m.start(), m.end(), re.sub(r"\s", "", m.group())))
            if len(found) >= _MAX_MATCHES:
                break
    found.sort()
    merged: list[tuple[int, int, str]] = []
    for s, e, key in found:
        if merged and s < merged[-1][1]:
            ps, pe, pk = merged[-1]
            merged[-1] = (ps, max(pe, e), pk)
        else:
            merged.append((s, e, key))
    return merged


def make_snippet(text: str, terms: list[str], *, extra_spans: list[tuple[int, int]] = (),
                 window: int = WINDOW) -> str:
    """An HTML snippet of `text` around the best cluster of `terms` (longest terms first)."""
    spans = _spans(text, terms, list(extra_spans))
    if spans:
        best, best_score = 0, -1
        for i, (s, _, _) in enumerate(spans):
            keys = set()
            for s2, e2, k in spans[i:]:
                if e2 > s + window - LEAD:
                    break
                keys.add(k)
            score = len(keys)
            if score > best_score:
                best, best_score = i, score
        start = max(0, spans[best][0] - LEAD)
    else:
        start = 0
    stop = min(len(text), start + window)
    if stop - start < window:
        start = max(0, stop - window)
    out = ["…" if start > 0 else ""]
    pos = start
    for s, e, _ in spans:
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
