"""Golden tests: every sample issue's documents, as a person read them (tests/golden/*.json), and
the documents of other governments arranged into test issues (tests/corpus_other/*.json).

The golden files were written by reading the printed text, not by running the parser; when the
two disagree, re-read the text before changing either.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import parsed_sample
from gongbao.pipeline import parse_file
from gongbao.serialize import to_json_dict

GOLDEN = Path(__file__).parent / "golden"
OTHER = Path(__file__).parent / "corpus_other"  # documents of other governments (issue 7)
# One file per sample issue (people.json, every appointment with its line, is tests/test_people.py's),
# then the test issues made of other governments' documents.
CASES = (sorted(p for p in GOLDEN.glob("*.json") if not p.name.endswith(".outline.json") and p.name != "people.json")
         + sorted(OTHER.glob("*.json")))
FIELDS = ("start_line", "doc_number", "title", "issuer", "genre", "section", "signed", "publicity", "addressees",
          "issuers", "order_number", "registration", "index_number", "filing_number")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _parsed_other(name: str):
    return parse_file(OTHER / name)


def parsed_json(golden: dict) -> dict:
    if (OTHER / golden["file"]).exists():
        return to_json_dict(_parsed_other(golden["file"]))
    return to_json_dict(parsed_sample(golden["file"]))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_issue_cover(path):
    golden = load(path)
    got = parsed_json(golden)
    for key, value in golden["issue"].items():
        assert got["issue"][key] == value, key
    assert len(got["toc"]) == golden["toc_entries"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_document_found_once(path):
    golden = load(path)
    got = parsed_json(golden)
    assert [d["start_line"] for d in got["documents"]] == [d["start_line"] for d in golden["documents"]]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_document_field(path, field):
    golden = load(path)
    got = {d["start_line"]: d for d in parsed_json(golden)["documents"]}
    wrong = []
    for want in golden["documents"]:
        if field not in want:
            continue  # the samples' goldens predate the fields of other governments' layouts
        have = got.get(want["start_line"], {}).get(field)
        if have != want[field]:
            wrong.append(f"line {want['start_line']}: expected {want[field]!r}, got {have!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_appointments(path):
    golden = load(path)
    got = {d["start_line"]: d for d in parsed_json(golden)["documents"]}
    keys = ("person", "action", "post", "note")
    for want in golden["documents"]:
        have = [{k: a[k] for k in keys} for a in got[want["start_line"]]["appointments"]]
        assert have == [{k: a[k] for k in keys} for a in want["appointments"]], want["doc_number"]


def test_outline_of_first_2023_document():
    golden = load(GOLDEN / "yangquan-gazette-2023-04.outline.json")
    doc = parsed_json({"file": "yangquan-gazette-2023-04.txt"})["documents"][0]

    def flat(nodes):
        for n in nodes:
            yield {"line": n["line"], "label": n["label"], "heading": n["heading"]}
            yield from flat(n["children"])

    assert list(flat(doc["outline"])) == golden


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_attachments_and_tasks(path):
    """Goldens that list a document's attachments (title, status) and its tasks (label, text,
    agencies as printed, deadline) have them read exactly (held-out set 28 first)."""
    golden = load(path)
    if not any("attachments" in d or "tasks" in d for d in golden["documents"]):
        pytest.skip("no attachments or tasks in this golden")
    got = {d["start_line"]: d for d in parsed_json(golden)["documents"]}
    for want in golden["documents"]:
        have = got[want["start_line"]]
        if "attachments" in want:
            assert [(a["title"], a["status"]) for a in have["attachments"]] \
                == [(a["title"], a["status"]) for a in want["attachments"]], want["title"]
        if "tasks" in want:
            assert [{k: t.get(k) for k in w} for t, w in zip(have.get("tasks", []), want["tasks"])] == want["tasks"]
            assert len(have.get("tasks", [])) == len(want["tasks"]), want["title"]


_SNAPSHOT_FILES = [p.name for p in sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))] + \
    [p.name for p in sorted(OTHER.glob("*.txt"))]


@pytest.mark.parametrize("name", _SNAPSHOT_FILES)
def test_the_whole_parse_is_as_recorded(name):
    """Every field of every document of the samples and the test issues (text, paragraphs,
    outline, tasks, plan, validity … beyond the golden lists' fields) as tests/snapshot/parse.json
    records it: a change is meant (record it again: bench/snapshot.py --update, the commit saying
    why) or a regression (a paragraph split at a seam, a task lost); this names the document and
    field that moved."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("snapshot", Path(__file__).parent.parent / "bench" / "snapshot.py")
    snap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(snap)
    recorded = json.loads((Path(__file__).parent / "snapshot" / "parse.json").read_text(encoding="utf-8"))[name]
    parsed = _parsed_other(name) if (OTHER / name).exists() else parsed_sample(name)
    changed = snap.differences(recorded, snap.snapshot(Path(name), parsed=parsed))
    assert not changed, f"{name}: the parse moved (if meant: bench/snapshot.py --update): " + "; ".join(changed)
