"""Parse accuracy against golden document lists: documents found, none invented, fields right.

    .venv/bin/python bench/accuracy.py [GOLDEN.json ...] [-v]

Without arguments it scores tests/golden (the samples) and tests/corpus_other (other
governments). A golden file names its text (`file`), looked up beside it or in samples/.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongbao.pipeline import parse_file  # noqa: E402
from gongbao.serialize import to_json_dict  # noqa: E402

FIELDS = ("title", "doc_number", "issuer", "signed", "section", "publicity", "genre", "addressees")


def text_of(golden_path: Path, golden: dict) -> Path:
    beside = golden_path.parent / golden["file"]
    return beside if beside.exists() else ROOT / "samples" / golden["file"]


def score(golden_path: Path, verbose: bool) -> dict:
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    got = to_json_dict(parse_file(text_of(golden_path, golden)))["documents"]
    by_line = {d["start_line"]: d for d in got}
    # A document whose head the annotator began a few lines elsewhere (an index block above the
    # title counted or not) is the same document when its title and 文号 are the same.
    for want in golden["documents"]:
        if want["start_line"] not in by_line:
            near = [d for d in got if abs(d["start_line"] - want["start_line"]) <= 12
                    and d["title"] == want["title"] and d["doc_number"] == want["doc_number"]]
            if near:
                by_line[want["start_line"]] = near[0]
                if verbose:
                    print(f"  {golden_path.stem}:{want['start_line']} starts at {near[0]['start_line']}")
    found = [d for d in golden["documents"] if d["start_line"] in by_line]
    invented = [d for d in got if id(d) not in {id(by_line[w["start_line"]]) for w in found}]
    right = total = 0
    for want in found:
        have = by_line[want["start_line"]]
        for f in FIELDS:
            if f not in want:
                continue
            total += 1
            if f == "start_line" or have.get(f) == want[f]:
                right += 1
            elif verbose:
                print(f"  {golden_path.stem}:{want['start_line']} {f}: want {want[f]!r} got {have.get(f)!r}")
    if verbose:
        for d in golden["documents"]:
            if d["start_line"] not in by_line:
                print(f"  {golden_path.stem}:{d['start_line']} MISSED {d['title']}")
        for d in invented:
            print(f"  {golden_path.stem}:{d['start_line']} INVENTED {d['title']}")
    return {"file": golden_path.stem, "documents": len(golden["documents"]), "found": len(found),
            "invented": len(invented), "fields": total, "right": right}


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("goldens", nargs="*", type=Path, help="golden document lists (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every missed field and document")
    args = ap.parse_args(argv)
    verbose = args.verbose
    missing = [p for p in args.goldens if not p.is_file()]
    if missing:
        ap.error(f"no such golden file: {missing[0]}")
    paths = args.goldens or (
        sorted(p for p in (ROOT / "tests" / "golden").glob("*.json")
               if "file" in json.loads(p.read_text(encoding="utf-8")))  # document lists, not other goldens
        + sorted((ROOT / "tests" / "corpus_other").glob("*.json")))
    rows = [score(p, verbose) for p in paths]
    print(f"{'file':<28}{'docs':>6}{'found':>7}{'invented':>10}{'fields right':>14}")
    for r in rows:
        print(f"{r['file']:<28}{r['documents']:>6}{r['found']:>7}{r['invented']:>10}"
              f"{r['right'] / max(r['fields'], 1):>13.1%}")
    docs = sum(r["documents"] for r in rows)
    print(f"{'all':<28}{docs:>6}{sum(r['found'] for r in rows):>7}{sum(r['invented'] for r in rows):>10}"
          f"{sum(r['right'] for r in rows) / max(sum(r['fields'] for r in rows), 1):>13.1%}")


if __name__ == "__main__":
    main(sys.argv[1:])
