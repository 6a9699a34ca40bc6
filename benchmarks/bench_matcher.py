"""Speed and memory of list loading and party screening, on one core.

    python benchmarks/bench_matcher.py [--lists DIR] [--screens 20000]

Loads every list, builds the match index, then screens the dev-set queries (a realistic mix
of listed-name variants and ordinary names in many scripts) cycled to `--screens` parties in
one process, timing each call. Prints PASS/MISS against the targets and writes
benchmarks/results/bench.txt.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import cycle, islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    DEFAULT_LISTS,
    DEVSET_CSV,
    RESULTS_DIR,
    build_matcher,
    load_devset,
    load_snapshot,
    party_for,
)
from benchmarks.machine import machine_lines, peak_rss_mb

TARGET_PARTIES_PER_S = 5_000
TARGET_STARTUP_S = 10.0
TARGET_PEAK_RSS_MB = 1.5 * 1024


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--devset", type=Path, default=DEVSET_CSV)
    parser.add_argument("--screens", type=int, default=20_000)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "bench.txt")
    parser.add_argument(
        "--also",
        default="name-match-v2",
        help="another matcher version timed on the same parties in the same run ('' for none)",
    )
    args = parser.parse_args(argv)

    parties = [party_for(row) for row in load_devset(args.devset)]
    rss_start = current_rss_mb()
    start = time.perf_counter()
    snapshot = load_snapshot(args.lists)
    loaded = time.perf_counter()
    rss_loaded = current_rss_mb()
    matcher = build_matcher(snapshot.entities)
    built = time.perf_counter()
    rss_built = current_rss_mb()

    latencies = []
    hits = 0
    for party in islice(cycle(parties), args.screens):
        t0 = time.perf_counter_ns()
        hits += bool(matcher.screen_party(party))
        latencies.append(time.perf_counter_ns() - t0)
    busy_s = sum(latencies) / 1e9
    per_s = len(latencies) / busy_s
    # The first pass sees every name once; later passes repeat names and hit the matcher's
    # normalisation caches, so both rates are reported.
    first_per_s = min(len(parties), len(latencies)) / (sum(latencies[: len(parties)]) / 1e9)
    cuts = statistics.quantiles(latencies, n=100)
    p50, p99 = cuts[49] / 1e6, cuts[98] / 1e6
    first_cuts = statistics.quantiles(latencies[: len(parties)], n=100)
    first_p50, first_p99 = first_cuts[49] / 1e6, first_cuts[98] / 1e6
    load_s, index_s = loaded - start, built - loaded
    peak = peak_rss_mb()

    lines = [
        *machine_lines(),
        f"lists {args.lists}: {snapshot.entities.height:,} entities, version "
        f"{snapshot.version[:19]}…; matcher {getattr(matcher, 'version', '?')}",
        f"list load      {load_s:6.2f} s   (RSS {rss_start:,.0f} -> {rss_loaded:,.0f} MB)",
        f"index build    {index_s:6.2f} s   (RSS -> {rss_built:,.0f} MB)",
        f"screening      {len(latencies):,} parties ({len(parties):,} distinct dev-set names, "
        f"cycled; {hits:,} with a hit), one process",
        f"  throughput   {first_per_s:,.0f} parties/s on the first pass (every name new), "
        f"{per_s:,.0f} parties/s over all {len(latencies):,} (names repeat: caches warm)",
        f"  latency      first pass p50 {first_p50:.3f} ms, p99 {first_p99:.3f} ms; all: p50 "
        f"{p50:.3f} ms, p99 {p99:.3f} ms, max {max(latencies) / 1e6:.1f} ms",
        f"peak RSS       {peak:,.0f} MB (ru_maxrss)",
        "",
        "targets:",
        f"  {verdict(first_per_s >= TARGET_PARTIES_PER_S)} >= {TARGET_PARTIES_PER_S:,} "
        f"parties/s on one core, distinct names ({first_per_s:,.0f})",
        f"  {verdict(per_s >= TARGET_PARTIES_PER_S)} >= {TARGET_PARTIES_PER_S:,} parties/s on "
        f"one core, cycled names, matcher caches warm ({per_s:,.0f})",
        f"  {verdict(load_s + index_s <= TARGET_STARTUP_S)} load + index <= "
        f"{TARGET_STARTUP_S:g} s ({load_s + index_s:.2f} s)",
        f"  {verdict(peak <= TARGET_PEAK_RSS_MB)} peak RSS <= 1.5 GB ({peak:,.0f} MB)",
    ]
    if args.also:
        t0 = time.perf_counter()
        other = build_matcher(snapshot.entities, args.also)
        other_build = time.perf_counter() - t0
        spent = []
        for party in parties:
            t1 = time.perf_counter_ns()
            other.screen_party(party)
            spent.append(time.perf_counter_ns() - t1)
        other_per_s = len(spent) / (sum(spent) / 1e9)
        other_cuts = statistics.quantiles(spent, n=100)
        lines += [
            "",
            f"same run, {other.version}: index build {other_build:.2f} s; first pass "
            f"{other_per_s:,.0f} parties/s ({other_per_s / first_per_s:.2f}x "
            f"{matcher.version.split('+')[0]}), p50 {other_cuts[49] / 1e6:.3f} ms, p99 "
            f"{other_cuts[98] / 1e6:.3f} ms, max {max(spent) / 1e6:.1f} ms",
        ]
    print("\n".join(lines))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


if __name__ == "__main__":
    raise SystemExit(main())
