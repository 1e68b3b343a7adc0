"""Parse throughput over the sample corpus, in MB/s on one core. Run on demand: `make bench`.

Each sample is parsed `--rounds` times (after one warm-up parse, which loads data files and
compiles patterns). Per file the median and the best round are reported (the best is the least
disturbed by other work on the machine, as `timeit` does); the total is bytes / summed seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from gongbao.pipeline import parse_bytes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path, default=sorted((ROOT / "samples").glob("*.txt")))
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args()
    data = {p.name: p.read_bytes() for p in args.files}
    for name, raw in data.items():
        parse_bytes(raw, name)  # warm-up
    total_bytes = 0
    total_median = total_best = 0.0
    print(f"{'file':<34} {'KB':>7} {'docs':>5} {'median ms':>10} {'best ms':>8} {'MB/s med':>9} {'MB/s best':>9}")
    for name, raw in data.items():
        times = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            parsed = parse_bytes(raw, name)
            times.append(time.perf_counter() - start)
        median, best = statistics.median(times), min(times)
        total_bytes += len(raw)
        total_median += median
        total_best += best
        print(f"{name:<34} {len(raw) / 1024:7.0f} {len(parsed.documents):5d} {median * 1000:10.1f} {best * 1000:8.1f}"
              f" {len(raw) / median / 1e6:9.2f} {len(raw) / best / 1e6:9.2f}")
    print(f"{'all':<34} {total_bytes / 1024:7.0f} {'':>5} {total_median * 1000:10.1f} {total_best * 1000:8.1f}"
          f" {total_bytes / total_median / 1e6:9.2f} {total_bytes / total_best / 1e6:9.2f}")


if __name__ == "__main__":
    main()
