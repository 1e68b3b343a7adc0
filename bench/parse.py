"""Parse throughput in MB/s on one core, whole parse and layout stage. Run on demand: `make bench`.

By default over the four samples and the test issues of other governments (tests/corpus_other),
which between them have every layout the layout stage tells apart (markdown, plain, hardwrap).
Each file is parsed `--rounds` times after one warm-up parse (which loads data files and
compiles patterns). Per file the median and the best round are reported (the best is the least
disturbed by other work on the machine, as `timeit` does); the totals are bytes / summed
seconds, for all files and per layout. `--cpu` times with the process's CPU clock instead of the
wall clock, for a machine shared with other work. Run it pinned to one core: `taskset -c 0`.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from pathlib import Path

from gongbao.pipeline import parse_source
from gongbao.text.layout import analyse_layout
from gongbao.text.read import decode_source

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "corpus_other").glob("*.txt"))


def timed(fn, rounds: int, clock) -> list[float]:
    times = []
    for _ in range(rounds):
        start = clock()
        fn()
        times.append(clock() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--cpu", action="store_true", help="time with the process CPU clock")
    args = ap.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])  # bytes, median, best, layout best
    print(f"{'file':<34} {'layout':<9} {'KB':>5} {'docs':>4} {'parse med':>9} {'parse best':>10} {'layout best':>11}  MB/s")
    for path in args.files:
        raw = path.read_bytes()
        source = decode_source(raw, path.name)
        parsed = parse_source(source)  # warm-up
        parse_times = timed(lambda: parse_source(decode_source(raw, path.name)), args.rounds, clock)
        layout_times = timed(lambda: analyse_layout(source), args.rounds, clock)
        median, best, layout_best = statistics.median(parse_times), min(parse_times), min(layout_times)
        mb = len(raw) / 1e6
        print(f"{path.name[:34]:<34} {parsed.layout:<9} {len(raw) / 1024:5.0f} {len(parsed.documents):4d}"
              f" {mb / median:9.2f} {mb / best:10.2f} {mb / layout_best:11.2f}")
        for key in ("all", parsed.layout):
            t = totals[key]
            t[0] += len(raw)
            t[1] += median
            t[2] += best
            t[3] += layout_best
    for key, (size, median, best, layout_best) in totals.items():
        mb = size / 1e6
        print(f"{'total: ' + key:<34} {'':<9} {size / 1024:5.0f} {'':>4} {mb / median:9.2f} {mb / best:10.2f}"
              f" {mb / layout_best:11.2f}")


if __name__ == "__main__":
    main()
