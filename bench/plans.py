"""Plan cards against the hand-checked annotation (tests/golden/plans/*.json), the issue's figures:
response-level sets right (% of plans), activator right (% of levels), reporting limits F1
(one-off limits matched on minutes and line), command body right (% of plans), office right.

    .venv/bin/python bench/plans.py [-v] [GOLDEN.json ...]

Without arguments it scores the samples' annotation (tests/golden/plans/*.json, each named after
its sample). A golden file given by path names its text in `file` (relative to the golden), and
a plan without a 文号 is matched by its title. Also printed: plans with a card, hazard right and
event-grade set right (% of plans).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from gongbao.pipeline import parse_file

ROOT = Path(__file__).resolve().parent.parent


def main(verbose: bool = False, goldens: list[Path] | None = None) -> dict:
    plans = levels = right_sets = right_who = right_hq = right_office = 0
    carded = right_hazard = right_grades = 0
    tp = fp = fn = ptp = pfp = pfn = 0
    for path in goldens or sorted((ROOT / "tests" / "golden" / "plans").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text = path.parent / data["file"] if "file" in data else ROOT / "samples" / (path.stem + ".txt")
        parsed = parse_file(text)
        cards = {str(d.doc_number): d.plan for d in parsed.documents if d.plan and d.doc_number}
        titles = {d.plan.title: d.plan for d in parsed.documents if d.plan and not d.doc_number}
        for gold in data["plans"]:
            plans += 1
            card = cards.get(gold["doc_number"]) if gold["doc_number"] else titles.get(gold["title"])
            carded += bool(card)
            right_hazard += bool(card) and card.hazard == gold["hazard"]
            got_grades = {g.level for g in card.grades} if card else set()
            right_grades += got_grades == {g["level"] for g in gold["grades"]}
            if verbose and card and (card.headquarters != gold["headquarters"] or card.office_at != gold["office_at"]):
                print(gold["doc_number"] or gold["title"], "command", (card.headquarters, card.office_at),
                      "expected", (gold["headquarters"], gold["office_at"]))
            if verbose and got_grades != {g["level"] for g in gold["grades"]}:
                print(gold["doc_number"] or gold["title"], "grades", sorted(got_grades), "expected",
                      sorted(g["level"] for g in gold["grades"]))
            if verbose and not card:
                print(gold["doc_number"] or gold["title"], "NO CARD")
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
                    print(gold["doc_number"] or gold["title"], field, "extra", dict(g - w), "missed", dict(w - g))
            if verbose and (set(got) != set(want) or any(got.get(k) != v for k, v in want.items())):
                print(gold["doc_number"] or gold["title"], "responses", got, "expected", want)

    def f1(t, p, n):
        return 2 * t / (2 * t + p + n) if t + p + n else 1.0

    figures = {"plans": plans, "levels": levels,
               "response_sets_right": right_sets / plans,
               "activator_right": right_who / levels if levels else "n/a (no levels)",
               "reporting_f1": f1(tp, fp, fn), "reporting_periodic_f1": f1(ptp, pfp, pfn),
               "command_body_right": right_hq / plans, "office_right": right_office / plans,
               "plans_with_card": carded / plans, "hazard_right": right_hazard / plans,
               "grade_sets_right": right_grades / plans}
    return figures


if __name__ == "__main__":
    figures = main("-v" in sys.argv, [Path(a) for a in sys.argv[1:] if a != "-v"] or None)
    for key, value in figures.items():
        print(f"{key:24} {value:.3f}" if isinstance(value, float) else f"{key:24} {value}")
