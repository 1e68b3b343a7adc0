"""The whole parse of the samples and of the test issues of other governments, recorded: a digest of
every field of every document (text, outline, tasks, plan, validity … beyond the golden lists'
fields) and of each issue's cover, TOC and warnings.

    .venv/bin/python bench/snapshot.py            # what changed since the record, field by field
    .venv/bin/python bench/snapshot.py --update   # record the parse as it is now

The golden lists (tests/golden) say what a reader finds; this says that nothing else moved:
a change of a recorded parse is either meant (record it again, and say why in the commit) or a
regression (a paragraph split at a page seam, a task lost). tests/test_golden.py fails on any
difference and prints it. The record is tests/snapshot/parse.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongbao.pipeline import parse_file  # noqa: E402
from gongbao.serialize import to_json_dict  # noqa: E402

RECORD = ROOT / "tests" / "snapshot" / "parse.json"
# The samples and the test issues of other governments (their text files; the PDFs are read by
# tests/test_pdf.py).
FILES = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus_other").glob("*.txt"))


def _digest(value) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:12]


def snapshot(path: Path, parsed=None) -> dict:
    """{"issue": {part: digest}, "documents": [{"key": …, field: digest, …}, …]} of one file."""
    d = to_json_dict(parsed if parsed is not None else parse_file(path))
    issue = {part: _digest(d[part]) for part in ("issue", "toc", "warnings", "corrections")}
    documents = [{"key": f"{doc['doc_number'] or doc['title']}@{doc['start_line']}",
                  **{field: _digest(value) for field, value in sorted(doc.items())}} for doc in d["documents"]]
    return {"issue": issue, "documents": documents}


def differences(recorded: dict, now: dict) -> list[str]:
    """What differs, one line each: a part of the issue, a document gone or new, a field."""
    out = [f"issue: {part}" for part in recorded["issue"] if recorded["issue"][part] != now["issue"].get(part)]
    before = {doc["key"]: doc for doc in recorded["documents"]}
    after = {doc["key"]: doc for doc in now["documents"]}
    out += [f"{key}: gone" for key in before if key not in after]
    out += [f"{key}: new" for key in after if key not in before]
    for key in before.keys() & after.keys():
        fields = sorted(f for f in before[key].keys() | after[key].keys() if before[key].get(f) != after[key].get(f))
        if fields:
            out.append(f"{key}: {', '.join(fields)}")
    return sorted(out)


def _one_line_each(record: dict) -> str:
    """The record as JSON with one line per document (a change reads as the lines of its documents)."""
    files = []
    for name, snap in record.items():
        docs = ",\n".join("   " + json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in snap["documents"])
        files.append(f' {json.dumps(name, ensure_ascii=False)}: {{"issue": {json.dumps(snap["issue"])},\n'
                     f'  "documents": [\n{docs}]}}')
    return "{\n" + ",\n".join(files) + "\n}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--update", action="store_true", help="record the parse as it is now")
    args = ap.parse_args()
    now = {p.name: snapshot(p) for p in FILES}
    if args.update:
        RECORD.write_text(_one_line_each(now), encoding="utf-8")
        print(f"recorded {sum(len(s['documents']) for s in now.values())} documents of {len(now)} files → {RECORD}")
        return 0
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    changed = {name: differences(recorded[name], now[name]) for name in now if name in recorded}
    for name, lines in changed.items():
        for line in lines:
            print(f"{name}  {line}")
    print("the same as recorded" if not any(changed.values()) else "changed (bench/snapshot.py --update to record it)")
    return 1 if any(changed.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
