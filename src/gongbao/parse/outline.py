"""Stage 6, outline: a document's paragraphs -> its provisions tree.

Headings are recognised by their numbering label (text.numbering), whether or not the source
marked them as markdown headings and whatever level the markdown gave them. A node's parent is
the nearest earlier node of an outer numbering kind, so an outline restarting in an attachment
(一、 again) simply continues at the right depth.
"""

from __future__ import annotations

import re

from gongbao.model import Paragraph, Provision
from gongbao.text.chinese import remove_layout_spaces
from gongbao.text.numbering import DECIMAL_TOP, RANK, Label, match_label

MAX_HEADING = 40  # the longest first sentence that is still a provision's heading
# Where a provision's first sentence ends (its heading, when short): 。：； and the ASCII : ;
SENTENCE_END = re.compile(r"[。：:；;！？]")
# In a plan numbered with decimals (1 总则, 2.2.1 综合协调组) the decimals are the outer structure
# and 一、/（一）/1. items nest inside them: decimals rank by depth (1 -> 1, 2.2 -> 2), the other
# kinds after them. Elsewhere the kinds rank as text.numbering.RANK says.
OTHER_RANK_IN_DECIMAL_PLAN = 10


def build_outline(paras: list[Paragraph]) -> list[Provision]:
    candidates = [(p, match_label(p.text)) for p in paras if p.kind not in ("table", "rule")]
    uses_decimals = sum(1 for _, label in candidates if label and label.kind == "decimal") >= 2
    roots: list[Provision] = []
    stack: list[Provision] = []
    for p, label in candidates:
        if label is None and uses_decimals:
            label = _decimal_top(p.text)
        if label is None:
            continue
        if label.kind == "decimal":
            rank = label.decimal_depth
        else:
            rank = RANK[label.kind] + (OTHER_RANK_IN_DECIMAL_PLAN if uses_decimals else 0)
        node = Provision(label.label, heading_of(label.rest), p.first_line, rank)
        while stack and stack[-1].level >= rank:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _decimal_top(text: str) -> Label | None:
    """`1 总则`: a decimal plan's first level, a bare number before a short heading."""
    if m := DECIMAL_TOP.match(text.lstrip()):
        rest = text.lstrip()[m.end():].strip()
        if len(rest) <= 20 and not rest.endswith(("。", "；", "，")):
            return Label("decimal", m["label"], rest)
    return None


def heading_of(rest: str) -> str:
    """The heading text after a label: the text up to the first sentence end (。：；) when that
    is at most MAX_HEADING characters, else '' (the label alone). Never cut inside a sentence:
    a heading that stops mid-word misleads the reader of the outline and of the bold lead."""
    end = SENTENCE_END.search(rest)
    head = remove_layout_spaces((rest[:end.start()] if end else rest).strip())
    return head if len(head) <= MAX_HEADING else ""


def flatten(outline: list[Provision]) -> list[Provision]:
    out: list[Provision] = []
    for node in outline:
        out.append(node)
        out.extend(flatten(node.children))
    return out
