"""Plan cards against the hand-checked annotation (tests/golden/plans/*.json), the issue's figures:
response-level sets right (% of plans), activator right (% of levels), reporting limits F1
(one-off limits matched on minutes and line), command body right (% of plans), office right.

    .venv/bin/python bench/plans.py [-v]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from gongbao.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent


def main(verbose: bool = False) -> dict:
    plans = levels = right_sets = right_who = right_hq = right_office = 0
    tp = fp = fn = ptp = pfp = pfn = 0
    for path in sorted((ROOT / "tests" / "golden" / "plans").glob("*.json")):
        parsed = parse_file(ROOT / "samples" / (path.stem + ".txt"))
        cards = {str(d.doc_number): d.plan for d in parsed.documents if d.plan}
        for gold in json.loads(path.read_text(encoding="utf-8"))["plans"]:
            plans += 1
            card = cards.get(gold["doc_number"])
            got = {r.level: r.activated_by for r in card.responses} if card else {}
            want = {r["level"]: r["activated_by"] for r in gold["responses"]}
            right_sets += set(got) == set(want)
            for level, who in want.items():
                levels += 1
                right_who += got.get(level) == who
            right_hq += bool(card) and card.headquarters == gold["headquarters"]
            right_office += bool(card) and card.office_at == gold["office_at"]
            for field, counts in (("reporting", "once"), ("reporting_periodic", "periodic")):
                g = Counter((r.minutes, r.line) for r in getattr(card, field, ())) if card else Counter()
                w = Counter((r["minutes"], r["line"]) for r in gold[field])
                hit = sum((g & w).values())
                if counts == "once":
                    tp, fp, fn = tp + hit, fp + sum(g.values()) - hit, fn + sum(w.values()) - hit
                else:
                    ptp, pfp, pfn = ptp + hit, pfp + sum(g.values()) - hit, pfn + sum(w.values()) - hit
                if verbose and g != w:
                    print(gold["doc_number"], field, "extra", dict(g - w), "missed", dict(w - g))
            if verbose and (set(got) != set(want) or any(got.get(k) != v for k, v in want.items())):
                print(gold["doc_number"], "responses", got, "expected", want)

    def f1(t, p, n):
        return 2 * t / (2 * t + p + n) if t + p + n else 1.0

    figures = {"plans": plans, "levels": levels,
               "response_sets_right": right_sets / plans, "activator_right": right_who / levels,
               "reporting_f1": f1(tp, fp, fn), "reporting_periodic_f1": f1(ptp, pfp, pfn),
               "command_body_right": right_hq / plans, "office_right": right_office / plans}
    return figures


if __name__ == "__main__":
    figures = main("-v" in sys.argv)
    for key, value in figures.items():
        print(f"{key:24} {value:.3f}" if isinstance(value, float) else f"{key:24} {value}")
