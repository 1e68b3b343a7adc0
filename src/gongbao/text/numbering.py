"""The numbering labels of Chinese official documents, declared once.

Outermost first: 第一编 → 第一章 → 第一节 → 第一条 → 一、 → （一） → 1. → （1） → ①. Emergency plans
use decimal numbering instead (`1 总则`, `2.2.1 综合协调组`). The layout stage uses these labels
to see where a paragraph starts; the outline stage uses them to build the provisions tree.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CN = "一二三四五六七八九十百零〇两"

# (kind, pattern). A pattern matches the label at the start of a paragraph; the rest of the
# paragraph follows it. Order matters: the first that matches wins.
LABELS: tuple[tuple[str, str], ...] = (
    ("part", rf"第[{_CN}\d]{{1,4}}编"),                        # 第一编
    ("chapter", rf"第[{_CN}\d]{{1,4}}章"),                     # 第一章
    ("section", rf"第[{_CN}\d]{{1,4}}节"),                     # 第一节
    ("article", rf"第[{_CN}\d]{{1,5}}条"),                     # 第一条
    ("cn", rf"[{_CN}]{{1,3}}[、.．]"),                           # 一、
    ("cn-paren", rf"[（(][{_CN}]{{1,3}}[）)]"),                 # （一）
    ("decimal", r"\d{1,2}(?:[.．]\d{1,2}){1,3}(?=\s*[\u4e00-\u9fff])"),  # 2.2.1 综合协调组
    ("arabic", r"\d{1,2}[.．、](?!\d)"),                        # 1. 1． 1、
    ("arabic-paren", r"[（(]\d{1,2}[）)]"),                    # （1）
    ("circled", r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]"),                      # ①
)
# All of them in one pattern, a named group per kind ("cn-paren" -> group cn_paren).
_ANY_LABEL = re.compile("^(?:" + "|".join(f"(?P<{kind.replace('-', '_')}>{src})" for kind, src in LABELS) + ")")

# The decimal form's first level, a bare number and a space before a short heading: `1 总则`.
# Only trusted inside a document that also uses multi-part decimals (see parse.outline).
DECIMAL_TOP = re.compile(r"^(?P<label>\d{1,2})\s+(?=[\u4e00-\u9fff])(?!\d)")

# A line that is nothing but a decimal plan's first-level heading: `4 风险防控`.
DECIMAL_HEADING_LINE = re.compile(r"^\d{1,2}\s+[\u4e00-\u9fff]{2,15}$")

# Rank of each kind, outermost first; decimals nest by their number of parts.
RANK = {"part": 0, "chapter": 1, "section": 2, "article": 3, "cn": 4, "cn-paren": 5,
        "arabic": 6, "arabic-paren": 7, "circled": 8}


_KIND = {kind.replace("-", "_"): kind for kind, _ in LABELS}  # group name -> kind

# Every label starts with one of these characters: a cheap test before the patterns.
LABEL_FIRST = frozenset("第（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳0123456789" + _CN)


class Label(NamedTuple):
    """A numbering label (a tuple: made for every paragraph by several stages, so cheap to make)."""

    kind: str
    label: str
    rest: str  # the paragraph after the label, leading spaces removed

    @property
    def decimal_depth(self) -> int:
        return self.label.replace("．", ".").count(".") + 1


def match_label(text: str) -> Label | None:
    """The numbering label a paragraph starts with, if any."""
    t = text.lstrip()
    if not t or t[0] not in LABEL_FIRST:
        return None
    m = _ANY_LABEL.match(t)
    if m is None:
        return None
    kind = m.lastgroup
    return Label(_KIND[kind], m.group(kind), t[m.end():].lstrip())


def starts_with_label(text: str) -> bool:
    """`match_label(text) is not None`, without copying the rest of the paragraph."""
    t = text.lstrip()
    return bool(t) and t[0] in LABEL_FIRST and _ANY_LABEL.match(t) is not None
