"""The colloquial evaluation set (tests/eval/colloquial.json) is what it says: questions in
everyday words, each naming documents the samples really hold."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_colloquial_questions_name_real_documents_without_their_words(archive):
    queries = json.loads((ROOT / "tests" / "eval" / "colloquial.json").read_text(encoding="utf-8"))["queries"]
    assert len(queries) >= 40 and all(q["kind"] == "colloquial" for q in queries)
    assert len({q["query"] for q in queries}) == len(queries)
    docs = {d.id: d for d in archive.documents(limit=1000).documents}
    for q in queries:
        for ref in q["relevant"]:
            if ref.startswith("title:"):
                found = [d for d in docs.values() if ref[6:] in (d.title or "")]
            else:
                found = [d for d in docs.values() if d.doc_number == ref]
            assert len(found) == 1, (q["query"], ref)
        first = q["relevant"][0]  # the document the question was written from
        target = next(d for d in docs.values()
                      if (d.doc_number == first) or (first.startswith("title:") and first[6:] in (d.title or "")))
        title = target.title or ""
        shared = [q["query"][i:i + 3] for i in range(len(q["query"]) - 2) if q["query"][i:i + 3] in title]
        assert not shared, (q["query"], shared, title)
