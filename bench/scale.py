"""Scale: build a synthetic archive of 100,000 documents, measure ingest throughput and search latency.

    .venv/bin/python bench/scale.py                      # 100,000 documents into bench/out/scale.db
    .venv/bin/python bench/scale.py --docs 10000         # a quicker run
    .venv/bin/python bench/scale.py --search-only        # re-measure search on the existing archive
    .venv/bin/python bench/scale.py --workers 1          # segment and write in one process
    .venv/bin/python bench/scale.py --db bench/out/scale.db --db postgresql://postgres@127.0.0.1/scale
                                                         # SQLite and PostgreSQL side by side
                                                         # (the PostgreSQL database must be empty)
    .venv/bin/python bench/scale.py --search-only --dense EMBEDDED.db
                                                         # the dense path too (synthesised vectors)

The corpus documents (the four sample issues, parsed) are replicated into synthetic issues: every
copy gets its own issue number, year, 发文字号 serials and signing dates, its dates and numbers in
the text moved to its year, a share of its words swapped for other words of the corpus, and other
people's names in its appointments, so the index sees many distinct documents, not one repeated.

Ingest runs as `Archive.ingest_paths` does: worker processes (one per core) segment the issues
while this process writes them, one transaction per issue. Throughput is wall-clock time for all
of it, including the making of the synthetic issues in the workers (which a real ingest spends
parsing instead); it is reported in documents/s and in MB/s of document text (UTF-8). Search latency is measured over a fixed mix of
queries (topic words, natural questions, 文号 in sloppy forms, names, phrases, filters, OR and
exclusions), each run with snippets and facets as the CLI and the web pages run them, after one
warm-up pass; p50, p95 and max are reported. Nothing here runs in the test suite.

With `--dense EMBEDDED.db` (an archive `gongbao embed` has embedded, e.g. of samples/), every
document of --db is given *synthesised* vectors once (embedding 100,000 documents would take
about a day on two cores): as many chunks as a real document of the same size has, each a real
chunk vector of EMBEDDED.db with gaussian noise, normalised and stored as int8 like `gongbao embed`
stores them, and the ANN index file is built beside the archive as `gongbao embed` builds it
(store/vectors.py: build_ann; beyond ANN_THRESHOLD chunks), its build time reported. The query
mix is then measured twice in one run: keywords only (semantic=False) and fused with the dense
path (the query embedded by the model, the ANN index or brute force), and the index's load time
(once per process) is reported apart, and how many of the dense path's documents the ANN index
finds of those brute force finds (recall@30 over the mix's queries).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import statistics
import sys
import time
from dataclasses import replace
from functools import lru_cache, partial
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gongbao.docnumber import DocNumber  # noqa: E402
from gongbao.model import Appointment, Issue, ParsedIssue, SourceText  # noqa: E402
from gongbao.pipeline import parse_file  # noqa: E402
from gongbao.search.tokenize import words  # noqa: E402
from gongbao.store import Archive
from gongbao.store.schema import unpack_text  # noqa: E402
from gongbao.store.archive import is_server_url  # noqa: E402
from gongbao.store.ingest import prepare_in_parallel, prepare_issue  # noqa: E402

SEED = 20240601
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志宏文斌海峰波宇浩凯晨昊瑜峥玮"

# The fixed mix of queries, in the query language. {n} takes a 发文字号 that exists in the archive.
QUERY_MIX = [
    "重污染天气 应急预案", "林长制", "好差评", "证照分离", "质量奖", "森林草原防火", "十四五 规划",
    "危险化学品 事故", "残疾人 就业", "以旧换新", "矿产资源", "抽水蓄能", "人工影响天气",
    "怎么申请阳泉市质量奖", "重污染天气期间机动车怎么限行", "物流仓储用地怎么公开出让",
    "哪些行政审批事项下放到县区", "煤矿发生生产安全事故怎么救援",
    "{n1}", "{n2}", "{n3}", "{n4}",
    "石峥", "陈步瑜", "魏砚明", "朱红梅 任命",
    '"重污染天气应急预案"', '"秋冬季大气污染综合治理攻坚"', '"市级重点工程项目"',
    "应急预案 year:2022", "十四五 issuer:市政府", "任免 section:人事任免 year:2020",
    "通知 from:2021-01-01 to:2021-06-30", "林长制 OR 河长制", "应急预案 -演练", "市发改委 项目",
    "安全生产", "空气质量", "农村公路 养护", "政务公开 考核",
]


def load_templates() -> list[ParsedIssue]:
    return [parse_file(p) for p in sorted((ROOT / "samples").glob("*.txt"))]


def vocabulary(templates: list[ParsedIssue]) -> list[str]:
    """Frequent words of two to four characters in the corpus: what word swaps draw from."""
    counts: dict[str, int] = {}
    for t in templates:
        for d in t.documents:
            for w in words(d.text):
                if 2 <= len(w) <= 4 and not w.isdigit():
                    counts[w] = counts.get(w, 0) + 1
    return [w for w, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n >= 3][:3000]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def synthesize(template: ParsedIssue, k: int, vocab: list[str]) -> ParsedIssue:
    """Copy `k` of a template issue, with its own numbers, dates, words and names."""
    rng = random.Random(SEED + k)
    year = 2001 + k % 25
    number = k // 25 + 1
    shift = year - (template.issue.year or year)
    year_re = re.compile(r"(19|20)\d\d(?=\s*[年〕\]）)-])")

    def move(text: str) -> str:
        return year_re.sub(lambda m: str(min(2099, int(m.group()) + shift)), text)

    documents = []
    for i, doc in enumerate(template.documents):
        swaps = [(rng.choice(vocab), rng.choice(vocab)) for _ in range(6)]
        names = {a.person: _name(rng) for a in doc.appointments}

        def vary(text: str) -> str:
            text = move(text)
            for old, new in swaps:
                text = text.replace(old, new)
            for old, new in names.items():
                text = text.replace(old, new)
            return text

        d = copy.copy(doc)
        d.paragraphs = [replace(p, text=vary(p.text)) for p in doc.paragraphs]
        d.title = move(doc.title) if doc.title else None
        if doc.doc_number:
            d.doc_number = DocNumber(doc.doc_number.prefix, year, number * 200 + i + 1)
        if doc.signed:
            d.signed = date(year, doc.signed.month, min(doc.signed.day, 28))
        d.appointments = [Appointment(names[a.person], a.action, a.post, a.note, a.line)
                          for a in doc.appointments]
        d.references = list(doc.references)
        documents.append(d)
    src = template.source
    lines = src.lines + (f"synthetic copy {k}",)
    issue = Issue(gazette=template.issue.gazette or "阳泉市人民政府公报", year=year, number=number,
                  cumulative=None, published=date(year, 12, 28), editor=template.issue.editor)
    return ParsedIssue(source=SourceText(f"synthetic/{k}.txt", f"{k:064x}", "utf-8", lines),
                       layout=template.layout, issue=issue, toc=[], documents=documents,
                       warnings=[], corrections=[])


@lru_cache(maxsize=1)
def _corpus() -> tuple[list[ParsedIssue], list[str]]:
    templates = load_templates()
    return templates, vocabulary(templates)


def _synthesize_and_prepare(job: tuple[int, int], finish=None):
    """A worker's task: make synthetic issue `k` from template `j` and prepare it for writing
    (with what the archive adds in the workers, `Archive.finish_prepared`, as an ingest does)."""
    j, k = job
    templates, vocab = _corpus()
    prepared = prepare_issue(synthesize(templates[j], k, vocab))
    return finish(prepared) if finish else prepared


def build(db: str, target: int, workers: int) -> dict:
    templates, _ = _corpus()
    per_round = sum(len(t.documents) for t in templates)
    rounds = -(-target // per_round)
    jobs = [(j, r * len(templates) + j) for r in range(rounds) for j in range(len(templates))]
    if is_server_url(db):
        archive = Archive.open(db)
        if archive.stats().issues:
            raise SystemExit(f"{db} already holds an archive: give an empty database")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        Path(db).parent.mkdir(parents=True, exist_ok=True)
        archive = Archive.open(db)
    docs = text_bytes = 0
    started = last_report = time.perf_counter()
    # As `Archive.ingest_paths` does: segmentation in worker processes, writing in this one.
    task = partial(_synthesize_and_prepare, finish=archive.finish_prepared)
    for prepared in prepare_in_parallel(jobs, workers, task=task):
        outcome = archive.ingest_prepared(prepared)
        assert outcome.status == "added", outcome
        docs += outcome.documents
        text_bytes += sum(d.text_size for d in prepared.documents)
        now = time.perf_counter()
        if now - last_report > 15:
            last_report = now
            print(f"  {docs:>7} documents, {text_bytes / 1e6:8.1f} MB, "
                  f"{docs / (now - started):6.0f} docs/s", file=sys.stderr, flush=True)
        if docs >= target:
            break
    seconds = time.perf_counter() - started
    size = archive.stats().file_bytes  # the file and its log; a PostgreSQL database's size
    archive.close()
    return {
        "documents": docs, "text_mb": text_bytes / 1e6, "seconds": seconds,
        "docs_per_s": docs / seconds, "mb_per_s": text_bytes / 1e6 / seconds, "workers": workers,
        "db_mb": size / 1e6,
    }


def query_mix(archive: Archive) -> tuple[list[str], list[str]]:
    """(QUERY_MIX with four 发文字号 of the archive, picked by SEED, in sloppy forms; the four
    numbers as stored, which those queries must find first)."""
    numbers = [d.doc_number for d in archive.documents(limit=400).documents if d.doc_number]
    picked = random.Random(SEED).sample(numbers, 4)
    sloppy = []
    for i, n in enumerate(picked):
        dn = DocNumber.parse(n)
        forms = [f"{dn.prefix}{dn.year} {dn.serial}", f"{dn.prefix}[{dn.year}]{dn.serial}号",
                 f"{dn.year}年{dn.prefix}{dn.serial}号", f"{dn.prefix}（{dn.year}）{dn.serial}号"]
        sloppy.append(forms[i % 4])
    return [q.format(n1=sloppy[0], n2=sloppy[1], n3=sloppy[2], n4=sloppy[3]) for q in QUERY_MIX], picked


def measure_search(db: str, repeats: int) -> dict:
    with Archive.open(db, readonly=True) as archive:
        mix, picked = query_mix(archive)
        for q in mix:  # warm-up: caches, the segmenter
            archive.search(q, limit=10)
        timings: dict[str, list[float]] = {q: [] for q in mix}
        totals = {}
        for _ in range(repeats):
            for q in mix:
                t = time.perf_counter()
                result = archive.search(q, limit=10)
                timings[q].append((time.perf_counter() - t) * 1000)
                totals[q] = result.total
        for q, n in zip(mix[18:22], picked):
            hit = archive.search(q, limit=1).hits[0]
            assert hit.doc_number == n, (q, hit.doc_number, n)
        documents = archive.stats().documents
    flat = sorted(t for ts in timings.values() for t in ts)
    pct = lambda p: flat[min(len(flat) - 1, int(round(p / 100 * (len(flat) - 1))))]  # noqa: E731
    return {
        "documents": documents, "queries": len(mix), "runs": len(flat),
        "p50_ms": pct(50), "p95_ms": pct(95), "max_ms": flat[-1],
        "mean_ms": statistics.mean(flat),
        "slowest": sorted(((statistics.median(ts), q, totals[q]) for q, ts in timings.items()),
                          reverse=True)[:6],
    }


def synthesise_vectors(db: Path, source: Path) -> dict:
    """Give every document of `db` synthesised vectors from the real ones of `source` (see the
    module's docstring); skipped when `db` already has vectors."""
    import sqlite3

    import numpy as np

    from gongbao.search.dense import CHUNKING, load_embedder
    from gongbao.store.vectors import quantize

    model = load_embedder().key
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    real = []
    for dim, scales, vectors in src.execute("SELECT dim, scales, vectors FROM embeddings WHERE model = ?", (model,)):
        q = np.frombuffer(vectors, dtype=np.int8).reshape(-1, dim).astype(np.float32)
        real.append(q * np.frombuffer(scales, dtype=np.float32)[:, None])
    if not real:
        raise SystemExit(f"{source} has no vectors of {model}: run gongbao embed --db {source} first")
    pool = np.concatenate(real)
    with Archive.open(db) as archive:
        conn = archive._conn
        have = conn.execute("SELECT count(*) FROM document_embeddings").fetchone()[0]
        rows = [(rowid, len(unpack_text(packed))) for rowid, packed in conn.execute(
            "SELECT d.rowid, t.text_z FROM documents d JOIN document_texts t ON t.doc_rowid = d.rowid")]
        if have >= len(rows):
            return {"documents": len(rows), "synthesised": 0}
        rng = np.random.default_rng(SEED)
        t0 = time.perf_counter()
        chunks = 0
        conn.execute("BEGIN")
        for rowid, length in rows:
            n = 1 + min(12, max(1, length // 320))  # the title and passages, as chunk_document cuts
            v = pool[rng.integers(0, len(pool), n)] + rng.normal(0, 0.02, (n, pool.shape[1])).astype(np.float32)
            v /= np.linalg.norm(v, axis=1, keepdims=True)
            q, scale = quantize(v)
            key = f"synthetic-{rowid}"
            conn.execute("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (key, model, CHUNKING, q.shape[1], json.dumps([[0, 0]] * n), scale.tobytes(),
                          q.tobytes(), "synthetic"))
            conn.execute("INSERT OR REPLACE INTO document_embeddings VALUES (?, ?)", (rowid, key))
            chunks += n
        conn.execute("COMMIT")
    return {"documents": len(rows), "synthesised": len(rows), "chunks": chunks,
            "seconds": time.perf_counter() - t0}


def build_ann_index(db: Path) -> dict:
    """The ANN index file beside `db`, as `gongbao embed` makes it current."""
    import sqlite3

    from gongbao.search.dense import load_embedder
    from gongbao.store.vectors import ann_file, build_ann

    model = load_embedder().key
    conn = sqlite3.connect(db)
    try:
        report = build_ann(conn, model, ann_file(db, model), threads=os.cpu_count() or 1)
    finally:
        conn.close()
    return {"action": report.action, "chunks": report.chunks, "added": report.added,
            "seconds": report.seconds}


def ann_recall(archive: Archive, mix: list[str], k: int = 30) -> dict:
    """How many of the k documents brute force finds nearest the ANN index finds too, over the
    queries of the mix (unfiltered), and the time of each kind of search alone."""
    from gongbao.store import vectors

    conn = archive._conn
    index = archive._dense.index(conn)
    if index is None or index._ann is None:
        return {}
    model = archive._dense.embedder
    found = wanted = 0
    ann_ms, brute_ms, gaps = [], [], []
    brute = vectors.VectorIndex(index.model)
    brute._arrays = (*index._arrays[:3], None)
    brute.documents = index.documents
    for q in dict.fromkeys(mix):
        qv = model.query(q)
        t = time.perf_counter()
        near = index.nearest(qv, k)
        ann_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        exact = brute.nearest(qv, k)
        brute_ms.append((time.perf_counter() - t) * 1000)
        a, b = {h.rowid for h in near}, {h.rowid for h in exact}
        if near and exact:  # how much less similar the ANN's last document is than brute force's
            gaps.append(exact[-1].score - near[-1].score)
        found += len(a & b)
        wanted += len(b)
    return {"recall": found / max(1, wanted), "queries": len(ann_ms),
            "gap": statistics.median(gaps) if gaps else 0.0,
            "ann_ms": statistics.median(ann_ms), "brute_ms": statistics.median(brute_ms)}


def measure_dense(db: Path, repeats: int) -> dict:
    """The query mix with keywords only and fused with the dense path, in one run."""
    with Archive.open(db, readonly=True) as archive:
        t = time.perf_counter()
        archive.search("森林草原防火", limit=10)  # loads the model and the vector index
        load_s = time.perf_counter() - t
        numbers = [d.doc_number for d in archive.documents(limit=400).documents if d.doc_number]
        picked = random.Random(SEED).sample(numbers, 4)
        mix = [q.format(n1=picked[0], n2=picked[1], n3=picked[2], n4=picked[3]) for q in QUERY_MIX]
        out = {"load_s": load_s, "ann_state": archive._dense.index(archive._conn).ann_state,
               "ann": ann_recall(archive, mix)}
        for name, semantic in (("bm25", False), ("fused", True)):
            for q in mix:
                archive.search(q, limit=10, semantic=semantic)
            flat = []
            fused = 0
            for _ in range(repeats):
                for q in mix:
                    t = time.perf_counter()
                    result = archive.search(q, limit=10, semantic=semantic)
                    flat.append((time.perf_counter() - t) * 1000)
                    fused += result.retrieval == "bm25+dense"
            flat.sort()
            pct = lambda p: flat[min(len(flat) - 1, int(round(p / 100 * (len(flat) - 1))))]  # noqa: E731
            out[name] = {"p50_ms": pct(50), "p95_ms": pct(95), "max_ms": flat[-1], "runs": len(flat),
                         "fused_runs": fused}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db", action="append", help="an archive file or postgresql://… URL; "
                    "repeat it to measure several side by side (default: bench/out/scale.db)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes that make and segment the issues (default: one per core)")
    ap.add_argument("--repeats", type=int, default=5, help="timed runs of the query mix")
    ap.add_argument("--search-only", action="store_true", help="measure search on the existing --db")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dense", type=Path, metavar="EMBEDDED_DB",
                    help="also measure the dense path, with vectors synthesised from this embedded archive")
    args = ap.parse_args(argv)

    reports = {}
    for db in args.db or [str(ROOT / "bench" / "out" / "scale.db")]:
        report = reports[db] = {}
        if not args.search_only:
            print(f"building {args.docs} documents into {db} …", file=sys.stderr)
            report["ingest"] = build(db, args.docs, args.workers)
        if args.dense and not is_server_url(db):  # vectors synthesised into an SQLite archive
            print("synthesising vectors …", file=sys.stderr)
            report["vectors"] = synthesise_vectors(db, args.dense)
            print("building the ANN index …", file=sys.stderr)
            report["ann_build"] = build_ann_index(Path(db))
            report["dense"] = measure_dense(db, args.repeats)
        report["search"] = measure_search(db, args.repeats)
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
        return 0
    for db, report in reports.items():
        print(f"== {'PostgreSQL' if is_server_url(db) else 'SQLite'}: {db}")
        print_report(report)
    return 0


def print_report(report: dict) -> None:
    if "ingest" in report:
        i = report["ingest"]
        print(f"ingest: {i['documents']} documents, {i['text_mb']:.0f} MB of text in {i['seconds']:.0f} s "
              f"({i['workers']} worker processes making and segmenting the issues, this one writing): "
              f"{i['docs_per_s']:.0f} documents/s, {i['mb_per_s']:.2f} MB/s; archive {i['db_mb']:.0f} MB")
    if "dense" in report:
        v, d = report["vectors"], report["dense"]
        print(f"vectors: {v['documents']} documents" + (f", {v['chunks']} chunks synthesised in {v['seconds']:.0f} s"
                                                         if v.get("synthesised") else " (already there)"))
        print(f"dense path: model and index loaded in {d['load_s']:.1f} s (once per process); "
              f"{d['bm25']['runs']} runs each: keywords only p50 {d['bm25']['p50_ms']:.1f} ms, "
              f"p95 {d['bm25']['p95_ms']:.1f} ms; fused with dense p50 {d['fused']['p50_ms']:.1f} ms, "
              f"p95 {d['fused']['p95_ms']:.1f} ms, max {d['fused']['max_ms']:.1f} ms "
              f"({d['fused']['fused_runs']} runs used the vectors; a 文号 or a filter alone does not)")
        b = report["ann_build"]
        print(f"ANN index: {b['action']}, {b['added']} of {b['chunks']} chunks added in {b['seconds']:.0f} s; "
              f"searches used it: {d['ann_state']}")
        if d["ann"]:
            a = d["ann"]
            print(f"ANN recall@30 against brute force over {a['queries']} queries: {a['recall']:.3f}, "
                  f"the 30th document's cosine {a['gap']:.4f} below brute force's (median); "
                  f"median {a['ann_ms']:.1f} ms ANN, {a['brute_ms']:.1f} ms brute force")
    s = report["search"]
    print(f"search: {s['documents']} documents, {s['queries']} queries x {s['runs'] // s['queries']} runs: "
          f"p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms, max {s['max_ms']:.1f} ms")
    print("slowest (median ms, query, hits):")
    for ms, q, n in s["slowest"]:
        print(f"  {ms:7.1f}  {q}  ({n})")


if __name__ == "__main__":
    raise SystemExit(main())
