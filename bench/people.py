"""Appointments against a hand-read held-out set (tests/corpus_other/people/people-other.json):
precision and recall of (person, action, post) triples, and of the triples found, the share with
the note right and with the register's name of the post right.

    .venv/bin/python bench/people.py [-v] [GOLDEN.json]

Each passage's lines are given to `find_appointments` as the body of a personnel document of its
issuer (one paragraph per printed line), as the pipeline does for a 人事任免 document.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from gongbao.extract.appointments import find_appointments, issuer_places
from gongbao.model import Paragraph
from gongbao.registers.agencies import document_places
from gongbao.registers.postnames import post_name

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "tests" / "corpus_other" / "people" / "people-other.json"


def score(path: Path = DEFAULT, verbose: bool = False) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    lines = (path.parent / data["file"]).read_text(encoding="utf-8").split("\n")
    tp = fp = fn = notes = names = 0
    for passage in data["passages"]:
        first, last = passage["lines"]
        paras = [Paragraph(lines[n - 1], n, n, lines=(n,)) for n in range(first, last + 1) if lines[n - 1].strip()]
        places = document_places(passage["issuer"], None)
        got = {(a.person, a.action, a.post): a for a in find_appointments(paras, issuer_places(passage["issuer"]))}
        want = {(a["person"], a["action"], a["post"]): a for a in passage["appointments"]}
        for key, a in want.items():
            if key not in got:
                fn += 1
                verbose and print(f"  missing {passage['passage']}: {key} (line {a['line']})")
                continue
            tp += 1
            g = got[key]
            notes += g.note == a["note"]
            name = post_name(g.post, places).name
            names += name == a["name"]
            if verbose and g.note != a["note"]:
                print(f"  note {key}: {g.note!r}, expected {a['note']!r}")
            if verbose and name != a["name"]:
                print(f"  name {key}: {name!r}, expected {a['name']!r}")
        for key in got.keys() - want.keys():
            fp += 1
            verbose and print(f"  invented {passage['passage']}: {key} note {got[key].note!r}")
    out = {"expected": tp + fn, "found": tp + fp, "right": tp,
           "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
           "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
           "notes_right": round(notes / tp, 3) if tp else 0.0,
           "names_right": round(names / tp, 3) if tp else 0.0}
    print(json.dumps(out, ensure_ascii=False))
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    score(Path(args[0]) if args else DEFAULT, verbose="-v" in sys.argv[1:])
