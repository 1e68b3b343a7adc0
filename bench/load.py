"""Load test of the search API: N concurrent clients for D seconds against `gongbao serve`.

    .venv/bin/python bench/load.py                      # 20 clients, 30 s, on the sample archive
    .venv/bin/python bench/load.py --clients 50 --duration 60 --workers 2
    .venv/bin/python bench/load.py --search-cache 0     # every search run afresh
    .venv/bin/python bench/load.py --url http://127.0.0.1:8000   # a server already running

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


class Client(threading.Thread):
    def __init__(self, host: str, port: int, start_index: int, deadline: float):
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.index = start_index
        self.deadline = deadline
        self.latencies: list[float] = []
        self.statuses: Counter = Counter()
        self.failures: Counter = Counter()

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        while time.perf_counter() < self.deadline:
            q, extra = QUERIES[self.index % len(QUERIES)]
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


def run_load(url: str, clients: int, duration: float, warmup: float) -> dict:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    if warmup > 0:
        warm = [Client(host, port, i, time.perf_counter() + warmup) for i in range(clients)]
        for c in warm:
            c.start()
        for c in warm:
            c.join()
    deadline = time.perf_counter() + duration
    workers = [Client(host, port, i * 7, deadline) for i in range(clients)]
    started = time.perf_counter()
    for c in workers:
        c.start()
    for c in workers:
        c.join()
    elapsed = time.perf_counter() - started
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
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running server to load (default: start one on the samples)")
    ap.add_argument("--db", type=Path, help="archive to serve (default: the samples, ingested afresh)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of measured load")
    ap.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load first")
    ap.add_argument("--workers", type=int, default=1, help="server processes (gongbao serve --workers)")
    ap.add_argument("--search-cache", type=int, default=None,
                    help="server's search cache size (gongbao serve --search-cache; 0: none)")
    ap.add_argument("--p95-target", type=float, default=100.0, help="ms")
    ap.add_argument("--check", action="store_true", help="exit 1 unless zero errors and p95 ≤ target")
    args = ap.parse_args()

    server = None
    with tempfile.TemporaryDirectory(prefix="gongbao-load-") as tmp:
        url = args.url
        if url is None:
            from _web_support import SAMPLES, Server

            db = args.db
            if db is None:
                from gongbao.store import Archive

                db = Path(tmp) / "samples.db"
                with Archive.open(db) as archive:
                    archive.ingest_paths([SAMPLES])
            extra = ["--workers", str(args.workers)] if args.workers > 1 else []
            if args.search_cache is not None:
                extra += ["--search-cache", str(args.search_cache)]
            server = Server(db, extra_args=extra, log=Path(tmp) / "serve.log").wait()
            url = server.url
        try:
            summary = run_load(url, args.clients, args.duration, args.warmup)
        finally:
            if server is not None:
                server.stop()
    summary["workers"] = args.workers if args.url is None else None
    summary["search_cache"] = args.search_cache
    lat = summary["latency_ms"]
    print(f"search API at {summary['url']}: {summary['clients']} clients for {summary['duration_s']} s"
          + (f", {args.workers} server process(es)" if args.url is None else "")
          + (f", search cache {args.search_cache}" if args.search_cache is not None else ""))
    print(f"  requests     {summary['requests']}  ({summary['requests_per_s']} requests/s)")
    print(f"  latency ms   mean {lat['mean']}  p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  max {lat['max']}")
    print(f"  errors       {summary['errors']}  statuses {summary['statuses']}"
          + (f"  failures {summary['failures']}" if summary["failures"] else ""))
    met = summary["errors"] == 0 and lat["p95"] is not None and lat["p95"] <= args.p95_target
    print(f"  target (0 errors, p95 ≤ {args.p95_target:g} ms): {'met' if met else 'MISSED'}")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    name = out / f"load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    name.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"  summary      {name.relative_to(ROOT)}")
    return 0 if (met or not args.check) else 1


if __name__ == "__main__":
    raise SystemExit(main())
