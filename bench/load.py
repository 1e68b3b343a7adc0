"""Load test of the search API: N concurrent clients for D seconds against `gongbao serve`.

    .venv/bin/python bench/load.py                      # 20 clients, 30 s, on the sample archive
    .venv/bin/python bench/load.py --clients 50 --duration 60 --workers 2
    .venv/bin/python bench/load.py --search-cache 0     # every search run afresh
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000   # a server already running
    .venv/bin/python bench/load.py --db bench/out/peers/gongbao.db --distinct --duration 300
                                                        # a soak: every query a new one

--distinct sends a query never sent before with every request (two words of the archive's titles,
drawn without repeating a pair, some with a year filter), so that no answer comes from the
search cache: memory must stay flat all the same. The server's resident memory (RSS, the sum over
its processes: the supervisor and its workers) is sampled every second and reported: at the
start of the measured load, at its end, its least and its most; `--check` also fails when it
moves by more than 20% over the measured load.

Without --url it ingests the samples into a temporary archive and starts `gongbao serve` on a free
127.0.0.1 port (stopped at the end). Each client keeps one HTTP/1.1 connection open and sends
GET /api/search requests back to back, cycling through a fixed mix of queries (topics, 发文字号,
filters, phrases, OR, exclusions, second pages), each client starting at a different place in it.
Reported: requests/s, latency percentiles (ms), and errors (a status other than 200, or a failed
connection). The target is zero errors and p95 ≤ 100 ms; `--check` exits 1 when it is missed.
A JSON summary is written to bench/out/.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# (query, extra parameters): what people search the sample archive for.
QUERIES: list[tuple[str, dict]] = [
    ("重污染天气", {}),
    ("应急预案", {"year": "2022"}),
    ("阳政办发2020 132", {}),
    ("阳政办发〔2024〕32号", {}),
    ("森林草原火灾", {}),
    ('"试用期一年"', {}),
    ("安全生产 OR 消防", {}),
    ("大气污染 -秋冬季", {}),
    ("通知", {"offset": "20"}),
    ("任命", {"section": "人事任免"}),
    ("机动车限行", {}),
    ("十四五 规划", {}),
    ("营商环境", {"from": "2022-01-01", "to": "2024-12-31"}),
    ("year:2023 genre:通知", {}),
    ("政务公开", {"limit": "50"}),
    ("市发改委", {}),
    ("食品安全", {}),
    ("盂县", {}),
    ("林长制", {}),
    ("财政事权 支出责任", {}),
]


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of `values`."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


class Distinct:
    """An endless supply of queries never asked before: pairs of title words, each pair once."""

    def __init__(self, db: Path, seed: int = 20240601):
        import random
        import sqlite3

        from gongbao.search.tokenize import words

        conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
        titles = [t for (t,) in conn.execute("SELECT title FROM documents WHERE title IS NOT NULL LIMIT 5000")]
        conn.close()
        vocab = sorted({w for t in titles for w in words(t) if 2 <= len(w) <= 4 and not w.isdigit()})
        self.vocab = vocab
        self.rng = random.Random(seed)
        self.seen: set[tuple[int, int]] = set()
        self.lock = threading.Lock()

    def next(self) -> tuple[str, dict]:
        with self.lock:
            while True:
                pair = (self.rng.randrange(len(self.vocab)), self.rng.randrange(len(self.vocab)))
                if pair[0] != pair[1] and pair not in self.seen:
                    self.seen.add(pair)
                    break
        extra = {"year": str(2001 + pair[0] % 25)} if pair[1] % 4 == 0 else {}
        return f"{self.vocab[pair[0]]} {self.vocab[pair[1]]}", extra


def process_tree_rss(pid: int) -> int:
    """Resident bytes of process `pid` and of all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo.extend(children.get(p, []))
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


class RssSampler(threading.Thread):
    """The RSS of a server's process tree, every `every` seconds, until stopped."""

    def __init__(self, pid: int, every: float = 1.0):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int]] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.samples.append((time.perf_counter(), process_tree_rss(self.pid)))
            self.stopping.wait(self.every)

    def summary(self, since: float) -> dict | None:
        values = [v for t, v in self.samples if t >= since]
        if not values:
            return None
        mb = lambda v: round(v / 1e6, 1)  # noqa: E731
        return {"start_mb": mb(values[0]), "end_mb": mb(values[-1]), "min_mb": mb(min(values)),
                "max_mb": mb(max(values)), "samples": len(values),
                "change": round(max(abs(max(values) - values[0]), abs(min(values) - values[0])) / values[0], 3)}


class Client(threading.Thread):
    def __init__(self, host: str, port: int, start_index: int, deadline: float,
                 distinct: Distinct | None = None):
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.index = start_index
        self.deadline = deadline
        self.distinct = distinct
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.failures: Counter = Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        while time.perf_counter() < self.deadline:
            q, extra = self.distinct.next() if self.distinct else QUERIES[self.index % len(QUERIES)]
            self.index += 1
            path = "/api/search?" + urlencode({"q": q, **extra})
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                self.statuses[response.status] += 1
            except (OSError, http.client.HTTPException) as e:
                self.failures[type(e).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
                continue
            self.latencies.append((time.perf_counter() - started) * 1000)
        conn.close()


def run_load(url: str, clients: int, duration: float, warmup: float,
             distinct: Distinct | None = None, pid: int | None = None) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    sampler = RssSampler(pid) if pid else None
    if sampler:
        sampler.start()
    if warmup > 0:
        warm = [Client(host, port, i, time.perf_counter() + warmup, distinct) for i in range(clients)]
        for c in warm:
            c.start()
        for c in warm:
            c.join()
    deadline = time.perf_counter() + duration
    workers = [Client(host, port, i * 7, deadline, distinct) for i in range(clients)]
    started = time.perf_counter()
    for c in workers:
        c.start()
    for c in workers:
        c.join()
    elapsed = time.perf_counter() - started
    if sampler:
        sampler.stopping.set()
        sampler.join()
    latencies = [ms for c in workers for ms in c.latencies]
    statuses: Counter = sum((c.statuses for c in workers), Counter())
    failures: Counter = sum((c.failures for c in workers), Counter())
    errors = sum(n for s, n in statuses.items() if s != 200) + sum(failures.values())
    return {
        "url": url, "clients": clients, "duration_s": round(elapsed, 2),
        "requests": len(latencies), "requests_per_s": round(len(latencies) / elapsed, 1),
        "latency_ms": {
            "mean": round(statistics.fmean(latencies), 2) if latencies else None,
            "p50": round(percentile(latencies, 50), 2) if latencies else None,
            "p95": round(percentile(latencies, 95), 2) if latencies else None,
            "p99": round(percentile(latencies, 99), 2) if latencies else None,
            "max": round(max(latencies), 2) if latencies else None,
        },
        "errors": errors,
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "failures": dict(failures),
        "distinct": distinct is not None,
        "rss": sampler.summary(started) if sampler else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running server to load (default: start one on the samples)")
    ap.add_argument("--db", type=Path, help="archive to serve (default: the samples, ingested afresh)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of measured load")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load first")
    ap.add_argument("--workers", type=int, default=None,
                    help="server processes (gongbao serve --workers; default: the server's own)")
    ap.add_argument("--distinct", action="store_true",
                    help="every request a query never sent before (needs --db, or the samples)")
    ap.add_argument("--pid", type=int, help="with --url: the server's process, to report its RSS")
    ap.add_argument("--rss-change", type=float, default=0.2,
                    help="--check: the most the server's RSS may move over the measured load")
    ap.add_argument("--search-cache", type=int, default=None,
                    help="server's search cache size (gongbao serve --search-cache; 0: none)")
    ap.add_argument("--p95-target", type=float, default=100.0, help="ms")
    ap.add_argument("--check", action="store_true", help="exit 1 unless zero errors and p95 ≤ target")
    args = ap.parse_args()

    if args.distinct and args.url and not args.db:
        ap.error("--distinct with --url needs the --db the server serves (its titles give the words)")
    server = None
    with tempfile.TemporaryDirectory(prefix="gongbao-load-") as tmp:
        url = args.url
        db = args.db
        if url is None:
            from _web_support import SAMPLES, Server

            if db is None:
                from gongbao.store import Archive

                db = Path(tmp) / "samples.db"
                with Archive.open(db) as archive:
                    archive.ingest_paths([SAMPLES])
            extra = ["--workers", str(args.workers)] if args.workers else []
            if args.search_cache is not None:
                extra += ["--search-cache", str(args.search_cache)]
            server = Server(db, extra_args=extra, log=Path(tmp) / "serve.log").wait()
            url = server.url
        distinct = None
        if args.distinct:
            distinct = Distinct(db)
        pid = server.process.pid if server is not None else args.pid
        try:
            summary = run_load(url, args.clients, args.duration, args.warmup, distinct, pid)
        finally:
            if server is not None:
                server.stop()
    summary["workers"] = args.workers if args.url is None else None
    summary["search_cache"] = args.search_cache
    lat = summary["latency_ms"]
    print(f"search API at {summary['url']}: {summary['clients']} clients for {summary['duration_s']} s"
          + (f", {args.workers or 'default'} server process(es)" if args.url is None else "")
          + (f", search cache {args.search_cache}" if args.search_cache is not None else ""))
    print(f"  requests     {summary['requests']}  ({summary['requests_per_s']} requests/s)")
    print(f"  latency ms   mean {lat['mean']}  p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  max {lat['max']}")
    print(f"  errors       {summary['errors']}  statuses {summary['statuses']}"
          + (f"  failures {summary['failures']}" if summary["failures"] else ""))
    rss = summary["rss"]
    if rss:
        print(f"  server RSS   start {rss['start_mb']} MB  end {rss['end_mb']} MB  min {rss['min_mb']}  "
              f"max {rss['max_mb']}  (moved {rss['change']:.0%} at most)")
    met = summary["errors"] == 0 and lat["p95"] is not None and lat["p95"] <= args.p95_target
    if rss and args.distinct:
        met = met and rss["change"] <= args.rss_change
    print(f"  target (0 errors, p95 ≤ {args.p95_target:g} ms"
          + (f", RSS within ±{args.rss_change:.0%}" if rss and args.distinct else "") + f"): {'met' if met else 'MISSED'}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    name = out / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    name.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  summary      {name.relative_to(ROOT)}")
    return 0 if (met or not args.check) else 1


if __name__ == "__main__":
    raise SystemExit(main())
