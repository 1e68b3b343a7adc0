"""Parse throughput over the sample corpus, in MB/s on one core. Run on demand: `make bench`.

Each sample is parsed `--rounds` times (after one warm-up parse, which loads data files and
compiles patterns); the figure is total bytes / total seconds of the timed rounds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from gongbao.pipeline import parse_bytes

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="*", type=Path, default=sorted((ROOT / "samples").glob("*.txt")))
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    data = {p.name: p.read_bytes() for p in args.files}
    for name, raw in data.items():
        parse_bytes(raw, name)  # warm-up
    total_bytes = 0
    total_seconds = 0.0
    print(f"{'file':<34} {'KB':>7} {'docs':>5} {'ms/parse':>9} {'MB/s':>6}")
    for name, raw in data.items():
        start = time.perf_counter()
        for _ in range(args.rounds):
            parsed = parse_bytes(raw, name)
        seconds = (time.perf_counter() - start) / args.rounds
        total_bytes += len(raw)
        total_seconds += seconds
        print(f"{name:<34} {len(raw) / 1024:7.0f} {len(parsed.documents):5d} {seconds * 1000:9.1f} {len(raw) / seconds / 1e6:6.2f}")
    print(f"{'all':<34} {total_bytes / 1024:7.0f} {'':>5} {total_seconds * 1000:9.1f} {total_bytes / total_seconds / 1e6:6.2f}")


if __name__ == "__main__":
    main()
