"""What counting costs: decisions per second with and without `ScreeningMetrics.observe`, and
the time to render one scrape, measured in the same run (the baseline is the core alone).

    .venv/bin/python benchmarks/bench_metrics.py [--lists DIR] [--copies 20]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.machine import machine_lines
from screening.intake import parse_event
from screening.metrics import ScreeningMetrics, decide_timed, event_time
from screening.paths import SAMPLE_EVENTS
from screening.runtime import build_screener, load_settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lists", type=Path, help="lists directory (default: bundled sample)")
    parser.add_argument("--copies", type=int, default=20, help="times the sample stream is run")
    args = parser.parse_args()
    screener = build_screener(load_settings(lists_dir=args.lists))
    lines = [line for line in SAMPLE_EVENTS.read_bytes().splitlines() if line.strip()]
    events = [parse_event(line) for line in lines] * args.copies
    stamp = "2026-11-30T00:00:00.000Z"
    list(decide_timed(screener, events[:300], stamp))  # warm the party cache

    started = time.perf_counter()
    decisions = [screener.decide(e, stamp) for e in events]
    core = time.perf_counter() - started

    metrics = ScreeningMetrics()
    metrics.describe_screener(screener)
    started = time.perf_counter()
    for event, (decision, seconds) in zip(
        events, decide_timed(screener, events, stamp), strict=True
    ):
        metrics.observe(decision, screen_seconds=seconds, event_time=event_time(event.occurred_at))
    counted = time.perf_counter() - started

    started = time.perf_counter()
    for decision in decisions:
        metrics.observe(decision, screen_seconds=0.001, event_time=1.0, now=2.0)
    observe_only = time.perf_counter() - started

    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        body = metrics.exposition()
    scrape = (time.perf_counter() - started) / rounds

    n = len(events)
    print(f"events {n:,} (sample x {args.copies}), lists {screener.snapshot.version[:19]}")
    print(f"core alone            {n / core:10,.0f} decisions/s")
    print(
        f"core + timing + count {n / counted:10,.0f} decisions/s  ({counted / core:.3f}x the time)"
    )
    print(f"observe() alone       {observe_only / n * 1e6:10.1f} us per decision")
    print(
        f"one scrape            {scrape * 1e3:10.2f} ms, {len(body):,} bytes, "
        f"{len(metrics.family_names())} families"
    )
    print("\n".join(machine_lines()))


if __name__ == "__main__":
    main()
