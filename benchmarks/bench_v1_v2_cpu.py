"""name-match-v2's speed as a ratio to v1's, in CPU time, on one busy machine.

    python benchmarks/bench_v1_v2_cpu.py [--lists DIR] [--every 2]

Both versions are built in one process and screen the same dev-set parties in alternating
chunks of 50, each timed with `time.process_time`: on a shared 2-core box wall-clock times
swing with the other processes' load, CPU time of interleaved chunks much less. Prints and
writes benchmarks/results/bench-v1-v2-cpu.txt.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    DEFAULT_LISTS,
    DEVSET_CSV,
    RESULTS_DIR,
    load_devset,
    load_snapshot,
    party_for,
)
from benchmarks.machine import machine_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--every", type=int, default=2, help="every k-th dev-set name")
    args = parser.parse_args(argv)
    from screening.matching import MATCHERS, Matcher

    snapshot = load_snapshot(args.lists)
    names = ("name-match-v1", "name-match-v2")
    matchers = {n: Matcher(snapshot.entities, MATCHERS[n]) for n in names}
    parties = [party_for(r) for r in load_devset(DEVSET_CSV)][:: args.every]
    cpu = dict.fromkeys(names, 0.0)
    for k in range(0, len(parties), 50):
        chunk = parties[k : k + 50]
        for name, matcher in matchers.items():
            t0 = time.process_time()
            for party in chunk:
                matcher.screen_party(party)
            cpu[name] += time.process_time() - t0
    rates = {n: len(parties) / cpu[n] for n in names}
    out = [
        *machine_lines(),
        f"{len(parties)} dev-set parties, CPU time, alternating chunks of 50:",
        *(f"  {matchers[n].version}: {rates[n]:,.0f} parties/s" for n in names),
        f"  v2 / v1 = {rates[names[1]] / rates[names[0]]:.2f}x",
    ]
    print("\n".join(out))
    (RESULTS_DIR / "bench-v1-v2-cpu.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
