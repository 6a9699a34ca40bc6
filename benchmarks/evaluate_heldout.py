"""Score matcher versions on the held-out set, with an exhaustive scan of the same scorer.

    python benchmarks/evaluate_heldout.py [--lists DIR] [--matchers name-match-v1,name-match-v2]
        [--misses N] [--no-scan]

For each version and each error kind: recall of the matcher (its index's candidates), recall
of the exhaustive scan (every list name that can score above 0 is scored: the scorer's
ceiling), and candidate recall = the share of the scan's true hits the index also finds (a
candidate the index never proposes shows up here, not inside the score). False-positive rate
per negative kind. Writes benchmarks/results/heldout.txt; always exits 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    DEFAULT_LISTS,
    RESULTS_DIR,
    DevRow,
    is_correct,
    keys_by_entity,
    load_devset,
    load_snapshot,
    party_for,
)
from benchmarks.heldout.generate import HELDOUT_CSV
from benchmarks.machine import machine_lines

TARGET_RECALL = 0.985
TARGET_FPR = 0.005
TARGET_CANDIDATE_RECALL = 0.995


def refs(hits: list[object]) -> list[tuple[str, str]]:
    return [(h.list, h.entity_id) for h in hits if h.action in ("flag", "block")]  # type: ignore[attr-defined]


def evaluate(
    matcher: object, rows: list[DevRow], keys: dict, scan_ids: set[str]
) -> dict[str, object]:
    found: dict[str, list[bool]] = defaultdict(list)
    scanned: dict[str, list[bool]] = defaultdict(list)
    both: dict[str, list[bool]] = defaultdict(list)
    misses: list[str] = []
    t_index = 0.0
    for row in rows:
        party = party_for(row)
        t0 = time.perf_counter()
        got = refs(matcher.screen_party(party))  # type: ignore[attr-defined]
        t_index += time.perf_counter() - t0
        ok = is_correct(row, got, keys) if row.positive else not got
        found[row.variant].append(ok)
        if row.id in scan_ids:
            ceiling = is_correct(row, refs(matcher.screen_party(party, exhaustive=True)), keys)  # type: ignore[attr-defined]
            scanned[row.variant].append(ceiling)
            if ceiling:
                both[row.variant].append(ok)
        if not ok:
            misses.append(f"{row.variant:18} {row.query!r} ({row.original_name!r}) hits={got[:2]}")
    return {"found": found, "scanned": scanned, "both": both, "misses": misses, "secs": t_index}


def rate(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "  -  "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--heldout", type=Path, default=HELDOUT_CSV)
    parser.add_argument("--matchers", default="name-match-v1,name-match-v2")
    parser.add_argument("--misses", type=int, default=0)
    parser.add_argument(
        "--scan-per-kind",
        type=int,
        default=60,
        help="positives per error kind also run through the exhaustive scan (0: none)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "heldout.txt")
    args = parser.parse_args(argv)

    from screening.matching import MATCHERS, Matcher

    rows = load_devset(args.heldout)
    snapshot = load_snapshot(args.lists)
    keys = keys_by_entity(snapshot.entities)
    out = [
        *machine_lines(),
        f"held-out set {args.heldout.name}: {len(rows)} rows; lists {snapshot.version[:19]}…",
        "",
    ]
    by_kind: dict[str, list[DevRow]] = defaultdict(list)
    for row in rows:
        if row.positive:
            by_kind[row.variant].append(row)
    scan_ids = {r.id for group in by_kind.values() for r in group[: args.scan_per_kind]}
    out.append(f"exhaustive scan on the first {args.scan_per_kind} positives of each kind")
    runs = {}
    for name in args.matchers.split(","):
        matcher = Matcher(snapshot.entities, MATCHERS[name])
        t0 = time.perf_counter()
        runs[name] = evaluate(matcher, rows, keys, scan_ids)
        print(f"{name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        out.append(f"{name}: {matcher.version}, {len(rows) / runs[name]['secs']:,.0f} rows/s")
    names = list(runs)
    head = "kind".ljust(18) + "".join(f"| {n[-2:]} recall  scan  cand " for n in names)
    out += [
        "",
        "positives (n): recall of the matcher, of the exhaustive scan, candidate recall",
        head,
    ]
    variants = sorted({r.variant for r in rows if r.positive})
    totals: dict[str, dict[str, list[bool]]] = {n: defaultdict(list) for n in names}
    for v in [*variants, "ALL"]:
        line = f"{v} ({sum(1 for r in rows if r.positive and (v == 'ALL' or r.variant == v))})"
        line = line.ljust(18)
        for n in names:
            run = runs[n]
            if v == "ALL":
                f, s, b = (totals[n][k] for k in ("found", "scanned", "both"))
            else:
                f, s, b = run["found"][v], run["scanned"][v], run["both"][v]  # type: ignore[index]
                for k, vals in (("found", f), ("scanned", s), ("both", b)):
                    totals[n][k] += vals
            line += f"|   {rate(f)}  {rate(s)} {rate(b)} "
        out.append(line)
    out += [
        "",
        "negatives (n): false-positive rate",
        "kind".ljust(18) + "".join(f"| {n[-2:]} FPR " for n in names),
    ]
    kinds = sorted({r.variant for r in rows if not r.positive})
    for v in [*kinds, "ALL"]:
        n_rows = sum(1 for r in rows if not r.positive and (v == "ALL" or r.variant == v))
        line = f"{v} ({n_rows})".ljust(18)
        for n in names:
            vals = [x for k in (kinds if v == "ALL" else [v]) for x in runs[n]["found"][k]]  # type: ignore[index]
            line += f"| {1 - sum(vals) / len(vals):.4f} "
        out.append(line)
    for n in names:
        f, b = totals[n]["found"], totals[n]["both"]
        fp = [x for k in kinds for x in runs[n]["found"][k]]  # type: ignore[index]
        out += [
            "",
            f"{n} targets: recall {rate(f)} (>= {TARGET_RECALL}), FPR "
            f"{1 - sum(fp) / len(fp):.4f} (<= {TARGET_FPR}), candidate recall {rate(b)} "
            f"(>= {TARGET_CANDIDATE_RECALL})",
        ]
        if args.misses:
            out += ["  misses:", *("  " + m for m in runs[n]["misses"][: args.misses])]  # type: ignore[index]
    print("\n".join(out))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
