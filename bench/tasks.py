"""Task ledger quality: the extracted tasks against the hand-checked ledger in tests/golden/tasks/.

For each golden document, `gongbao tasks --doc REF --json`'s tasks (here: the parser's, which the
archive stores unchanged) are matched to the expected ones: same label (or both unnumbered) and
overlapping printed lines. Prints tasks found (precision, recall, F1), the share of found tasks
whose agencies are exactly as printed and in order, and the share whose deadline is right.

`--golden DIR` scores another ledger (e.g. tests/golden/tasks-other, the held-out one): its files'
`source` is looked up in samples/, else in tests/corpus_other/; a document printed without a 文号
(`doc_number` null) is the one starting at the golden's `start_line`.

    .venv/bin/python bench/tasks.py [-v] [--golden DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "tasks"
SOURCES = (ROOT / "samples", ROOT / "tests" / "corpus_other")


def found_tasks(parsed, doc_number: str | None, start_line: int | None = None) -> list[dict]:
    if doc_number is None:
        doc = next((d for d in parsed.documents if d.start_line == start_line), None)
    else:
        doc = next((d for d in parsed.documents if str(d.doc_number) == doc_number), None)
    if doc is None:  # the parser did not find the document: none of its tasks is found
        return []
    return [{"label": t.label, "heading": t.heading, "agencies": list(t.responsible),
             "deadline": t.deadline.isoformat() if t.deadline else None,
             "lines": [t.first_line, t.last_line]} for t in doc.tasks]


def _overlap(a: list[int], b: list[int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def match(expected: list[dict], found: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (expected, found): same label, overlapping lines; each task used once."""
    pairs, used = [], set()
    for e in expected:
        for i, f in enumerate(found):
            if i not in used and f["label"] == e["label"] and _overlap(e["lines"], f["lines"]):
                pairs.append((e, f))
                used.add(i)
                break
    return pairs


def score(cases: list[tuple[list[dict], list[dict]]]) -> dict:
    n_expected = n_found = n_matched = agencies = deadlines = 0
    for expected, found in cases:
        pairs = match(expected, found)
        n_expected += len(expected)
        n_found += len(found)
        n_matched += len(pairs)
        agencies += sum(e["agencies"] == f["agencies"] for e, f in pairs)
        deadlines += sum(e["deadline"] == f["deadline"] for e, f in pairs)
    p = n_matched / n_found if n_found else 0.0
    r = n_matched / n_expected if n_expected else 0.0
    return {"expected": n_expected, "found": n_found, "matched": n_matched,
            "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "agencies_exact": agencies / n_matched if n_matched else 0.0,
            "deadline_right": deadlines / n_matched if n_matched else 0.0}


def _source(name: str) -> Path:
    return next((d / name for d in SOURCES if (d / name).exists()), SOURCES[0] / name)


def golden_cases(verbose: bool = False, golden: Path = GOLDEN) -> list[tuple[list[dict], list[dict]]]:
    sys.path.insert(0, str(ROOT / "src"))
    from gongbao.pipeline import parse_file

    cases, parsed = [], {}
    for path in sorted(golden.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        if g["source"] not in parsed:
            parsed[g["source"]] = parse_file(_source(g["source"]))
        found = found_tasks(parsed[g["source"]], g["doc_number"], g.get("start_line"))
        cases.append((g["tasks"], found))
        if verbose:
            s = score([(g["tasks"], found)])
            print(f"{g['doc_number'] or g['source'] + ':' + str(g.get('start_line'))}: expected {s['expected']}, "
                  f"found {s['found']}, F1 {s['f1']:.3f}, "
                  f"agencies {s['agencies_exact']:.3f}, deadline {s['deadline_right']:.3f}")
            if "-vv" in sys.argv:
                _differences(g["tasks"], found)
    return cases


def _differences(expected: list[dict], found: list[dict]) -> None:
    pairs = match(expected, found)
    matched_e = [id(e) for e, _ in pairs]
    matched_f = [id(f) for _, f in pairs]
    for e in expected:
        if id(e) not in matched_e:
            print(f"   missed {e['label']} {e['lines']} {e['agencies']}")
    for f in found:
        if id(f) not in matched_f:
            print(f"   extra  {f['label']} {f['lines']} {f['agencies']} {f['deadline']}")
    for e, f in pairs:
        if e["agencies"] != f["agencies"]:
            print(f"   agencies {e['label']} {e['lines']}: expected {e['agencies']}, found {f['agencies']}")
        if e["deadline"] != f["deadline"]:
            print(f"   deadline {e['label']} {e['lines']}: expected {e['deadline']}, found {f['deadline']}")


if __name__ == "__main__":
    golden = Path(sys.argv[sys.argv.index("--golden") + 1]) if "--golden" in sys.argv else GOLDEN
    if not golden.is_absolute():
        golden = Path.cwd() / golden
    s = score(golden_cases("-v" in sys.argv or "-vv" in sys.argv, golden))
    print(f"{s['expected']} tasks expected in {len(list(golden.glob('*.json')))} documents, {s['found']} found, "
          f"{s['matched']} matched: precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f}; "
          f"agencies exactly as printed {s['agencies_exact']:.1%}, deadline right {s['deadline_right']:.1%}")
