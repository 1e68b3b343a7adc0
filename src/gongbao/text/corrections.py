"""Suggested OCR corrections: known confusions (data/ocr_confusions.tsv) found in the printed text.

A suggestion names the source line, what is printed and what was probably meant. It is a layer
on top of the record: the printed text is never changed.
"""

from __future__ import annotations

from functools import lru_cache

from gongbao.data import read_text
from gongbao.model import Correction, SourceText


@lru_cache(maxsize=1)
def confusions() -> tuple[tuple[str, str, str], ...]:
    """(printed, suggested, reason) rows. Cells are not stripped: ' and ' keeps its spaces."""
    rows = []
    for line in read_text("ocr_confusions.tsv").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) >= 2 and cells[0]:
            rows.append((cells[0], cells[1], cells[2].strip() if len(cells) > 2 else "known OCR confusion"))
    return tuple(rows)


def suggest_corrections(source: SourceText) -> list[Correction]:
    out = []
    text = "\n".join(source.lines)
    rules = [rule for rule in confusions() if rule[0] in text]  # (most issues print none of them)
    if not rules:
        return out
    for number, line in enumerate(source.lines, 1):
        for printed, suggested, reason in rules:
            if printed in line:
                out.append(Correction(number, printed, suggested, reason))
    return out
