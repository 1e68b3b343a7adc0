"""Does an issue's cover agree with the rest of it? Asked before a text replaces another.

The cover decides which issue a file is (gazette, year, number). An OCR slip in it (`2020 第6期`
for `2022 第2期`) would make one issue replace a different one, so before a replacement the
cover is checked against what else in the file says when it was printed: the other issue
numbers in the front matter, the running headers, the publication date and the documents' dates.
"""

from __future__ import annotations

from collections import Counter

from gongbao.model import ParsedIssue
from gongbao.parse.issue import ISSUE_NUMBER
from gongbao.text.layout import furniture_line

FRONT_LINES = 400  # the cover and TOC lie within the lines before the first document, at most these


def cover_conflicts(parsed: ParsedIssue) -> list[str]:
    """What in the file disagrees with its cover, one sentence each; empty when all agree."""
    cover = parsed.issue
    if not (cover.year and cover.number):
        return []
    said = f"{cover.year}年第{cover.number}期"
    lines = parsed.source.lines
    first_doc = min((d.start_line for d in parsed.documents), default=len(lines) + 1)
    out = []
    front = Counter()
    for n, line in enumerate(lines[:min(first_doc - 1, FRONT_LINES)], 1):
        for m in ISSUE_NUMBER.finditer(line):
            front[(int(m["year"]), int(m["number"]))] += 1
    others = sorted(k for k in front if k != (cover.year, cover.number))
    if others:
        out.append(f"the cover says {said} but its front matter also says "
                   + ", ".join(f"{y}年第{k}期" for y, k in others))
    headers = Counter()
    for n, line in enumerate(lines, 1):
        text = line.strip()
        if not text or len(text) > 60:
            continue
        f = furniture_line(n, text)
        if f and f.kind == "running-header" and f.number and f.year:
            headers[(f.year, f.number)] += 1
    if headers:
        (year, number), count = headers.most_common(1)[0]
        if (year, number) != (cover.year, cover.number):
            out.append(f"the cover says {said} but {count} running headers say {year}年第{number}期")
    if cover.published and cover.published.year not in (cover.year, cover.year + 1):
        out.append(f"the cover says {said} but the issue was published on {cover.published.isoformat()}")
    signed = [d.signed for d in parsed.documents if d.signed]
    later = [s for s in signed if s.year > cover.year]
    if signed and len(later) * 2 > len(signed):
        out.append(f"the cover says {said} but {len(later)} of its {len(signed)} dated documents "
                   f"were signed after {cover.year} (the latest on {max(later).isoformat()})")
    return out
