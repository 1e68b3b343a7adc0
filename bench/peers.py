"""Peers: gongbao against tantivy and SQLite FTS5 trigram on the same documents and queries, in one run.

    .venv/bin/python bench/peers.py                     # 20,000 synthetic documents
    .venv/bin/python bench/peers.py --docs 5000 --json  # one JSON object; its `ratios` are gongbao/tantivy
    .venv/bin/python bench/peers.py --peers tantivy     # leave the trigram peer out

The documents are bench/scale.py's synthetic issues (the samples replicated with their own
numbers, dates, words and names), the queries its QUERY_MIX (40 of them: topics, questions,
文号 in sloppy forms, names, phrases, filters, OR and exclusions). Each engine gets every
document's title, names, text and facets (year, genre, issuer, section, date):

  gongbao   `Archive.ingest_prepared` as bench/scale.py builds (worker processes segment, this one
            writes); searched with `Archive.search` (snippets and facet counts, as the CLI and the
            web pages run it).
  tantivy   tantivy-py, text pre-segmented with the same jieba segmentation (rjieba, search mode,
            in the same worker processes), whitespace-tokenised, title boosted 10x and names 5x
            as gongbao weighs them; title and text stored (snippets need them); facets as fast
            fields. A query is the same query: every word required (segmented the same way),
            phrases as phrases, OR, exclusions, filters as field terms and ranges; the top ten,
            the total, a snippet of each hit (SnippetGenerator) and the facet counts (terms
            aggregations) are computed.
  trigram   SQLite FTS5 with the trigram tokenizer over the raw text: words of three or more
            characters as phrases (shorter ones cannot be matched), BM25 with the title 10x,
            snippet() of each hit, facet counts by GROUP BY over a facets table.

Build time is wall-clock from the synthetic issues to a committed index, segmentation included
(both gongbao and tantivy segment in `--workers` processes). Size is the files on disk. Latency
is over `--repeats` timed runs of the mix after one warm-up pass; p50, p95 and max. Engines are
built one after the other and then searched in turn, query by query (each query on every engine
before the next), in this process, so that their ratios come from one run and a busy moment of a
shared machine falls on all of them alike. The peers are benchmark-only: `pip install tantivy` (the `bench` extra)
is run when tantivy is missing. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import scale  # noqa: E402
from gongbao.search.query import parse_query  # noqa: E402
from gongbao.search.tokenize import index_form, search_words, words  # noqa: E402
from gongbao.store import Archive  # noqa: E402
from gongbao.store.ingest import prepare_in_parallel  # noqa: E402

# The tantivy-py release measured against (also pinned in pyproject's `bench` extra).
TANTIVY = "tantivy==0.27.0"
SNIPPET_CHARS = 120


def ensure_tantivy():
    """The tantivy module, installed into this Python first when it is missing."""
    try:
        import tantivy
    except ImportError:
        print(f"installing {TANTIVY} (a benchmark-only peer) …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", TANTIVY], check=True)
        import tantivy
    return tantivy


def _tree_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _percentiles(flat: list[float]) -> dict:
    flat = sorted(flat)
    pct = lambda p: flat[min(len(flat) - 1, int(round(p / 100 * (len(flat) - 1))))]  # noqa: E731
    return {"p50_ms": pct(50), "p95_ms": pct(95), "max_ms": flat[-1], "runs": len(flat)}


def _jobs(target: int) -> list[tuple[int, int]]:
    templates, _ = scale._corpus()
    per_round = sum(len(t.documents) for t in templates)
    rounds = -(-target // per_round)
    return [(j, r * len(templates) + j) for r in range(rounds) for j in range(len(templates))]


def _peer_job(job: tuple[int, int]) -> list[dict]:
    """A worker's task for the peers: synthetic issue `k` from template `j`, as flat documents,
    with the segmented title, names and text tantivy indexes."""
    j, k = job
    templates, vocab = scale._corpus()
    parsed = scale.synthesize(templates[j], k, vocab)
    out = []
    for d in parsed.documents:
        text = "\n".join(p.text for p in d.paragraphs)
        title = "\n".join(t for t in (d.title, d.instrument_title) if t)
        persons = list(dict.fromkeys(a.person for a in d.appointments))
        names = [n for n in [*persons, d.issuer, d.signature, str(d.doc_number) if d.doc_number else None] if n]
        when = d.signed or parsed.issue.published
        year = (d.signed.year if d.signed else None) or (d.doc_number.year if d.doc_number else None) \
            or parsed.issue.year
        out.append({
            "title": title, "names": " ".join(names), "text": text,
            "title_seg": " ".join(search_words(title)), "names_seg": " ".join(w for n in names for w in words(n)),
            "text_seg": " ".join(search_words(index_form(text), prepared=True)),
            "year": year or 0, "genre": d.genre or "", "issuer": d.issuer or "",
            "section": d.section or "", "date": int(when.strftime("%Y%m%d")) if when else 0,
        })
    return out


def peer_documents(target: int, workers: int) -> tuple[list[dict], float]:
    """The documents, prepared for the peers, and the seconds their segmentation took."""
    started = time.perf_counter()
    docs: list[dict] = []
    for batch in prepare_in_parallel(_jobs(target), workers, task=_peer_job):
        docs.extend(batch)
        if len(docs) >= target:
            break
    return docs[:target], time.perf_counter() - started


# --- gongbao ---------------------------------------------------------------------------------

def build_gongbao(folder: Path, target: int, workers: int) -> tuple[dict, Archive]:
    """Build gongbao's archive; (its figures, the archive opened read-only for searching)."""
    db = folder / "gongbao.db"
    built = scale.build(db, target, workers)
    size = _tree_bytes(db) + sum(_tree_bytes(Path(f"{db}{s}")) for s in ("-wal", "-shm")
                                 if Path(f"{db}{s}").exists())
    archive = Archive.open(db, readonly=True)
    documents = archive.stats().documents
    return {"documents": documents, "build_s": built["seconds"], "size_bytes": size,
            "bytes_per_doc": size / max(1, documents)}, archive


# --- tantivy ---------------------------------------------------------------------------------

def _tantivy_query(raw: str) -> str:
    """`raw` (gongbao's query language) in tantivy's: every word required as its segmented tokens,
    phrases as phrases, OR between alternatives, exclusions, filters as terms and ranges."""
    q = parse_query(raw)

    def term(t) -> str:
        tokens = words(t.text)
        if not tokens:
            return ""
        if t.phrase or len(tokens) > 1:
            return '"' + " ".join(tokens) + '"' if t.phrase else "(" + " AND ".join(tokens) + ")"
        return tokens[0]

    parts = []
    for clause in q.clauses:
        alts = [a for a in (term(t) for t in clause.alternatives) if a]
        if alts:
            parts.append("+(" + " OR ".join(alts) + ")" if len(alts) > 1 else "+" + alts[0])
    parts += ["-" + a for a in (term(t) for t in q.excluded) if a]
    f = q.filters
    if f.years:
        parts.append("+(" + " OR ".join(f"year:{y}" for y in f.years) + ")")
    for name, values in (("genre", f.genres), ("section", f.sections)):
        if values:
            parts.append("+(" + " OR ".join(f'{name}:"{v}"' for v in values) + ")")
    if f.issuers:  # gongbao matches an issuer by any of its names; the peers get the name as printed
        parts.append("+(" + " OR ".join(f'issuer_seg:"{" ".join(words(v))}"' for v in f.issuers) + ")")
    if f.date_from or f.date_to:
        lo = f.date_from.strftime("%Y%m%d") if f.date_from else "0"
        hi = f.date_to.strftime("%Y%m%d") if f.date_to else "99999999"
        parts.append(f"+date:[{lo} TO {hi}]")
    return " ".join(parts)


def build_tantivy(folder: Path, docs: list[dict], segment_s: float, workers: int):
    """Build the tantivy index; (its figures, a search function: query -> total)."""
    tantivy = ensure_tantivy()
    path = folder / "tantivy"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("title", stored=True, tokenizer_name="whitespace")
    sb.add_text_field("names", stored=False, tokenizer_name="whitespace")
    sb.add_text_field("body", stored=True, tokenizer_name="whitespace")
    sb.add_text_field("issuer_seg", stored=False, tokenizer_name="whitespace")
    sb.add_integer_field("year", fast=True, indexed=True)
    sb.add_integer_field("date", fast=True, indexed=True)
    for name in ("genre", "issuer", "section"):
        sb.add_text_field(name, stored=False, fast=True, tokenizer_name="raw")
    schema = sb.build()
    started = time.perf_counter()
    index = tantivy.Index(schema, path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=max(1, workers))
    for d in docs:
        writer.add_document(tantivy.Document(
            title=d["title_seg"], names=d["names_seg"], body=d["text_seg"],
            issuer_seg=" ".join(words(d["issuer"])), year=d["year"], date=d["date"],
            genre=d["genre"], issuer=d["issuer"], section=d["section"]))
    writer.commit()
    writer.wait_merging_threads()
    build_s = segment_s + time.perf_counter() - started
    index.reload()
    searcher = index.searcher()
    aggs = {name: {"terms": {"field": name, "size": 50}} for name in ("year", "genre", "issuer", "section")}
    boosts = {"title": 10.0, "names": 5.0, "body": 1.0}

    def search(raw: str) -> int:
        query = index.parse_query(_tantivy_query(raw), ["title", "names", "body"], field_boosts=boosts,
                                  conjunction_by_default=True)
        result = searcher.search(query, 10, count=True)
        generator = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        generator.set_max_num_chars(SNIPPET_CHARS)
        for _, address in result.hits:
            generator.snippet_from_doc(searcher.doc(address)).to_html()
        searcher.aggregate(query, aggs)
        return result.count

    size = _tree_bytes(path)
    return {"documents": searcher.num_docs, "build_s": build_s, "size_bytes": size,
            "bytes_per_doc": size / max(1, len(docs))}, search


# --- SQLite FTS5 trigram ---------------------------------------------------------------------

def build_trigram(folder: Path, docs: list[dict]):
    """Build the trigram index; (its figures, a search function: query -> total)."""
    db = folder / "trigram.db"
    for s in ("", "-wal", "-shm"):
        Path(f"{db}{s}").unlink(missing_ok=True)
    started = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(title, names, body, tokenize = 'trigram')")
    conn.execute("CREATE TABLE facets (rowid INTEGER PRIMARY KEY, year INTEGER, genre TEXT, "
                 "issuer TEXT, section TEXT, date INTEGER)")
    conn.execute("BEGIN")
    for i, d in enumerate(docs, 1):
        conn.execute("INSERT INTO f (rowid, title, names, body) VALUES (?, ?, ?, ?)",
                     (i, d["title"], d["names"], d["text"]))
        conn.execute("INSERT INTO facets VALUES (?, ?, ?, ?, ?, ?)",
                     (i, d["year"], d["genre"], d["issuer"], d["section"], d["date"]))
    conn.execute("COMMIT")
    conn.execute("INSERT INTO f (f) VALUES ('optimize')")
    conn.close()
    build_s = time.perf_counter() - started
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)

    def search(raw: str) -> int:
        q = parse_query(raw)
        groups = []
        for clause in q.clauses:
            alts = ['"' + t.text.replace('"', '""') + '"' for t in clause.alternatives if len(t.text) >= 3]
            if alts:
                groups.append("(" + " OR ".join(alts) + ")")
        if not groups:
            return 0
        expr = " AND ".join(groups)
        neg = [t.text for t in q.excluded if len(t.text) >= 3]
        if neg:
            expr = f"({expr}) NOT (" + " OR ".join('"' + t + '"' for t in neg) + ")"
        where, args = ["f MATCH ?"], [expr]
        f = q.filters
        for col, values in (("year", f.years), ("genre", f.genres), ("section", f.sections)):
            if values:
                where.append(f"d.{col} IN ({','.join('?' * len(values))})")
                args += list(values)
        if f.issuers:
            where.append("(" + " OR ".join("instr(d.issuer, ?)" for _ in f.issuers) + ")")
            args += list(f.issuers)
        if f.date_from:
            where.append("d.date >= ?")
            args.append(int(f.date_from.strftime("%Y%m%d")))
        if f.date_to:
            where.append("d.date <= ?")
            args.append(int(f.date_to.strftime("%Y%m%d")))
        base = f"FROM f JOIN facets d ON d.rowid = f.rowid WHERE {' AND '.join(where)}"
        conn.execute(f"SELECT f.rowid, snippet(f, 2, '<mark>', '</mark>', '…', 40) {base} "
                     "ORDER BY bm25(f, 10.0, 5.0, 1.0) LIMIT 10", args).fetchall()
        rows = conn.execute(f"SELECT d.year, d.genre, d.issuer, d.section, count(*) {base} "
                            "GROUP BY 1, 2, 3, 4", args).fetchall()
        return sum(r[4] for r in rows)

    size = _tree_bytes(db)
    return {"documents": len(docs), "build_s": build_s, "size_bytes": size,
            "bytes_per_doc": size / max(1, len(docs))}, search


def measure(engines: dict, mix: list[str], repeats: int) -> None:
    """Latency of every engine over the mix, interleaved: each query runs on every engine in
    turn, so that a busy moment of the machine falls on all of them alike. Adds p50/p95/max and
    the queries with no hit to each engine's figures."""
    totals = {name: {q: search(q) for q in mix} for name, (_, search) in engines.items()}  # warm-up
    timings: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(repeats):
        for q in mix:
            for name, (_, search) in engines.items():
                t = time.perf_counter()
                search(q)
                timings[name].append((time.perf_counter() - t) * 1000)
    for name, (figures, _) in engines.items():
        figures.update(_percentiles(timings[name]))
        figures["zero_hit_queries"] = sum(1 for n in totals[name].values() if not n)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "peers")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes that segment the documents, for gongbao and tantivy alike")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs of the query mix")
    ap.add_argument("--peers", default="tantivy,trigram", help="comma-separated: tantivy, trigram")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    peers = [p for p in args.peers.split(",") if p]
    args.out.mkdir(parents=True, exist_ok=True)
    if "tantivy" in peers:
        ensure_tantivy()

    report: dict = {"documents": args.docs, "workers": args.workers, "repeats": args.repeats,
                    "queries": len(scale.QUERY_MIX), "engines": {}}
    engines: dict = {}
    print(f"gongbao: building {args.docs} documents …", file=sys.stderr)
    figures, archive = build_gongbao(args.out, args.docs, args.workers)
    mix, _numbers = scale.query_mix(archive)
    engines["gongbao"] = (figures, lambda q: archive.search(q, limit=10).total)
    if peers:
        print("peers: segmenting the same documents …", file=sys.stderr)
        docs, segment_s = peer_documents(args.docs, args.workers)
        if "tantivy" in peers:
            print("tantivy: indexing …", file=sys.stderr)
            engines["tantivy"] = build_tantivy(args.out, docs, segment_s, args.workers)
        if "trigram" in peers:
            print("fts5-trigram: indexing …", file=sys.stderr)
            engines["fts5-trigram"] = build_trigram(args.out, docs)
    print("searching, the engines in turn …", file=sys.stderr)
    measure(engines, mix, args.repeats)
    archive.close()
    report["engines"] = {name: figures for name, (figures, _) in engines.items()}
    g = report["engines"]["gongbao"]
    t = report["engines"].get("tantivy")
    if t:
        report["ratios"] = {"size": g["size_bytes"] / t["size_bytes"], "build": g["build_s"] / t["build_s"],
                            "p50": g["p50_ms"] / t["p50_ms"], "p95": g["p95_ms"] / t["p95_ms"]}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.docs} documents, {len(mix)} queries x {args.repeats} runs (snippets and facets), "
          f"{args.workers} worker processes")
    print(f"{'engine':14} {'build s':>8} {'size MB':>8} {'B/doc':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
    for name, e in report["engines"].items():
        print(f"{name:14} {e['build_s']:8.1f} {e['size_bytes'] / 1e6:8.1f} {e['bytes_per_doc']:7.0f} "
              f"{e['p50_ms']:7.2f} {e['p95_ms']:7.2f} {e['max_ms']:7.1f}")
    if t:
        r = report["ratios"]
        print(f"gongbao / tantivy: size {r['size']:.2f}x, build {r['build']:.2f}x, "
              f"p50 {r['p50']:.2f}x, p95 {r['p95']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
