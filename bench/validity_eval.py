"""Accuracy of the validity register against the hand-checked annotation (tests/golden/validity).

    .venv/bin/python bench/validity_eval.py [GOLDEN_DIR] [SAMPLES_DIR]
    .venv/bin/python bench/validity_eval.py tests/golden/validity-other tests/corpus_other/validity-other.txt

(the second: the held-out set of other governments; SAMPLES may be one file).

Ingests the samples into a temporary archive and asks `Archive.status` (what `gongbao status REF
--json` prints) for every annotated document: effective date (null where nothing is stated),
expiry, and repeals / amendments as precision, recall and F1 (a target is its 文号, else its
normalised title).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from gongbao.extract.validity import title_key
from gongbao.registers.validity import status_json
from gongbao.store import Archive

ROOT = Path(__file__).resolve().parent.parent


def _key(link: dict) -> str:
    return link["doc_number"] or "t:" + (title_key(link["title"]) or "")


def main(golden_dir: Path, samples: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp, Archive.open(Path(tmp) / "eval.db") as arc:
        arc.ingest_paths([samples], workers=1)
        ids = {(d.issue_id, d.start_line): d.id for d in _all_documents(arc)}
        n = eff_ok = exp_ok = 0
        counts = {k: [0, 0, 0] for k in ("repeals", "amends")}  # true positives, got, expected
        wrong = []
        for path in sorted(golden_dir.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            issue = next(i.id for i in arc.issues() if Path(i.path).name == gold["file"])
            for g in gold["documents"]:
                n += 1
                if (issue, g["start_line"]) not in ids:  # no document starts there: all of it wrong
                    wrong.append((g["doc_number"] or g["title"], "no document starts at line", g["start_line"]))
                    for kind in counts:
                        counts[kind][2] += len(g[kind])
                    continue
                obj = status_json(arc.status(ids[(issue, g["start_line"])]))
                eff_ok += obj["effective"] == g["effective"]
                exp_ok += obj["expires"] == g["expires"]
                if obj["effective"] != g["effective"] or obj["expires"] != g["expires"]:
                    wrong.append((g["doc_number"] or g["title"], obj["effective"], g["effective"], obj["expires"], g["expires"]))
                for kind in counts:
                    got = {_key(x) for x in obj[kind]}
                    exp = {_key(x) for x in g[kind]}
                    counts[kind][0] += len(got & exp)
                    counts[kind][1] += len(got)
                    counts[kind][2] += len(exp)
                    if got != exp:
                        wrong.append((g["doc_number"] or g["title"], kind, sorted(got), sorted(exp)))
        print(f"documents: {n}")
        print(f"effective date right: {eff_ok}/{n} = {100 * eff_ok / n:.1f}%")
        print(f"expiry right: {exp_ok}/{n} = {100 * exp_ok / n:.1f}%")
        for kind, (tp, got, exp) in counts.items():
            p = tp / got if got else 1.0
            r = tp / exp if exp else 1.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{kind}: {tp} right of {got} found, {exp} annotated: P={p:.3f} R={r:.3f} F1={f1:.3f}")
        for w in wrong:
            print("  differs:", *w)


def _all_documents(arc: Archive):
    for issue in arc.issues():
        yield from arc.issue(issue.id).document_list


if __name__ == "__main__":
    golden = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "golden" / "validity"
    main(golden, Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "samples")
