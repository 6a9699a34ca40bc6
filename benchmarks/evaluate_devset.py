"""Score the matcher on the labelled dev set, next to a naive baseline.

    python benchmarks/evaluate_devset.py [--lists DIR] [--devset CSV] [--misses N]

Recall per variant kind (a flag or block hit on the right entity, or on another listing of the
same name), false-positive rate per negative kind (any flag or block), queries per second of
both, and PASS/MISS against the targets. Always exits 0: this reports, the regression test in
tests/benchmarks guards. The summary also goes to benchmarks/results/devset.txt.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    DEFAULT_LISTS,
    DEVSET_CSV,
    RESULTS_DIR,
    Baseline,
    DevRow,
    EntityRef,
    build_matcher,
    keys_by_entity,
    load_devset,
    load_snapshot,
    matcher_hits,
    row_outcome,
)
from benchmarks.machine import machine_lines

TARGET_RECALL = 0.97
TARGET_FPR = 0.01
TARGET_SPEEDUP = 50.0


@dataclass
class Run:
    """One screener over some rows: per-row outcome, a note on the top hit, screening time."""

    name: str
    rows: list[DevRow]
    ok: list[bool]
    top: list[str]
    seconds: float

    @property
    def qps(self) -> float:
        return len(self.rows) / self.seconds if self.seconds else float("inf")

    def rate(self, positive: bool, group: str | None = None) -> tuple[int, float]:
        """(rows, recall) for positives or (rows, false-positive rate) for negatives."""
        picked = [
            ok
            for row, ok in zip(self.rows, self.ok, strict=True)
            if row.positive == positive and group in (None, row.variant)
        ]
        if not picked:
            return 0, float("nan")
        good = sum(picked) / len(picked)
        return len(picked), good if positive else 1.0 - good

    def only(self, ids: set[str]) -> Run:
        keep = [i for i, row in enumerate(self.rows) if row.id in ids]
        return Run(
            self.name,
            [self.rows[i] for i in keep],
            [self.ok[i] for i in keep],
            [self.top[i] for i in keep],
            self.seconds,
        )


ScreenFn = Callable[[DevRow], list[tuple[EntityRef, str]]]  # row -> [(entity, note)]


def run(name: str, rows: Sequence[DevRow], screen: ScreenFn, keys: dict) -> Run:
    ok, top, seconds = [], [], 0.0
    for row in rows:
        start = time.perf_counter()
        hits = screen(row)
        seconds += time.perf_counter() - start
        ok.append(row_outcome(row, [ref for ref, _ in hits], keys))
        top.append(hits[0][1] if hits else "")
    return Run(name, list(rows), ok, top, seconds)


def stratified(rows: list[DevRow], per_group: int, seed: int = 7) -> list[DevRow]:
    """`per_group` random rows of every variant and negative kind (all rows when 0)."""
    if per_group <= 0:
        return rows
    groups: dict[str, list[DevRow]] = {}
    for row in rows:
        groups.setdefault(row.variant, []).append(row)
    rng = random.Random(seed)
    picked = {r.id for g in groups.values() for r in rng.sample(g, min(per_group, len(g)))}
    return [r for r in rows if r.id in picked]


def fmt(value: float) -> str:
    return "  -  " if value != value else f"{value:.3f}"


def report(matcher: Run, baseline: Run, header: list[str]) -> list[str]:
    same = matcher.only({r.id for r in baseline.rows})
    subset = len(baseline.rows) < len(matcher.rows)
    lines = [*header, ""]
    col = "matcher@subset" if subset else ""
    for positive, title in ((True, "recall"), (False, "false-positive rate")):
        kinds = list(dict.fromkeys(r.variant for r in matcher.rows if r.positive == positive))
        lines.append(
            f"{'variant' if positive else 'negative kind':16} {'n':>5} "
            f"{'matcher ' + title:>26} {'baseline n':>11} {'baseline':>9} {col:>15}"
        )
        for group in [*kinds, None]:
            n, m = matcher.rate(positive, group)
            bn, b = baseline.rate(positive, group)
            extra = fmt(same.rate(positive, group)[1]) if subset else ""
            label = group or "ALL"
            lines.append(f"{label:16} {n:5d} {fmt(m):>26} {bn:11d} {fmt(b):>9} {extra:>15}")
        lines.append("")
    _, recall = matcher.rate(True)
    _, fpr = matcher.rate(False)
    _, b_recall = baseline.rate(True)
    _, b_fpr = baseline.rate(False)
    _, s_recall = same.rate(True)
    _, s_fpr = same.rate(False)
    speedup = matcher.qps / baseline.qps
    lines += [
        f"speed: matcher {matcher.qps:,.0f} queries/s ({len(matcher.rows)} rows), baseline "
        f"{baseline.qps:,.1f} queries/s ({len(baseline.rows)} rows), ratio {speedup:,.0f}x "
        "(single process, screening time only)",
        "",
        "targets:",
        f"  {verdict(recall >= TARGET_RECALL)} overall recall {recall:.3f} >= {TARGET_RECALL}",
        f"  {verdict(fpr <= TARGET_FPR)} overall false-positive rate {fpr:.4f} <= {TARGET_FPR}",
        f"  {verdict(s_recall >= b_recall and s_fpr <= b_fpr)} matcher beats baseline on the "
        f"same rows: recall {s_recall:.3f} vs {b_recall:.3f}, FPR {s_fpr:.4f} vs {b_fpr:.4f}",
        f"  {verdict(speedup >= TARGET_SPEEDUP)} matcher >= {TARGET_SPEEDUP:.0f}x faster than "
        f"baseline ({speedup:,.0f}x)",
    ]
    return lines


def verdict(passed: bool) -> str:
    return "PASS" if passed else "MISS"


def locale_lines(matcher: Run) -> list[str]:
    """False positives of ordinary names per locale and script: where the matcher over-fires."""
    total: Counter[str] = Counter()
    bad: Counter[str] = Counter()
    for row, ok in zip(matcher.rows, matcher.ok, strict=True):
        if not row.positive:
            total[row.locale] += 1
            bad[row.locale] += not ok
    cells = [f"{loc} {bad[loc]}/{total[loc]}" for loc in sorted(total)]
    return ["matcher false positives by locale: " + ", ".join(cells)]


def misses(matcher: Run, screener: object, limit: int) -> list[str]:
    """Missed positives (with the matcher's own score of query vs original) and false
    positives with the hit that fired, for tuning."""
    compare = getattr(screener, "compare", None)
    out = ["", f"missed positives (first {limit} by variant):"]
    wrong = [
        (r, t) for r, ok, t in zip(matcher.rows, matcher.ok, matcher.top, strict=True) if not ok
    ]
    shown: Counter[str] = Counter()
    for row, top in wrong:
        if row.positive and shown[row.variant] < limit:
            shown[row.variant] += 1
            score = ""
            if compare is not None:
                score = f" score(query, original)={compare(row.query, row.original_name).score:.3f}"
            out.append(
                f"  [{row.variant}] {row.query!r} -> {row.expected_source}:"
                f"{row.expected_entity_id} {row.original_name!r}{score}; top hit: {top or '-'}"
            )
    out.append(f"false positives (first {limit} by kind):")
    for row, top in wrong:
        if not row.positive and shown[row.variant] < limit:
            shown[row.variant] += 1
            out.append(f"  [{row.variant}/{row.locale}] {row.query!r}; hit: {top}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--devset", type=Path, default=DEVSET_CSV)
    parser.add_argument(
        "--misses",
        type=int,
        default=0,
        metavar="N",
        help="print N missed positives per variant and N false positives per kind",
    )
    parser.add_argument(
        "--baseline-per-group",
        type=int,
        default=0,
        metavar="N",
        help="run the (slow) baseline on N random rows per group; 0 = every row",
    )
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "devset.txt")
    args = parser.parse_args(argv)

    rows = load_devset(args.devset)
    start = time.perf_counter()
    snapshot = load_snapshot(args.lists)
    loaded = time.perf_counter()
    screener = build_matcher(snapshot.entities)
    built = time.perf_counter()
    keys = keys_by_entity(snapshot.entities)
    baseline = Baseline(snapshot.entities)

    def screen_matcher(row: DevRow) -> list[tuple[EntityRef, str]]:
        return [
            (ref, f"{hit.list}:{hit.entity_id} {hit.matched_name!r} {hit.score:.3f} {hit.action}")
            for ref, hit in matcher_hits(screener, row)
        ]

    def screen_baseline(row: DevRow) -> list[tuple[EntityRef, str]]:
        return [
            (ref, f"{ref[0]}:{ref[1]} {name!r} {score:.1f}")
            for ref, name, score in baseline.screen(row.query)
        ]

    matcher_run = run("matcher", rows, screen_matcher, keys)
    baseline_run = run("baseline", stratified(rows, args.baseline_per_group), screen_baseline, keys)
    positives = sum(r.positive for r in rows)
    header = [
        f"dev set {args.devset.name}: {positives} positives, {len(rows) - positives} negatives",
        f"lists {snapshot.version[:19]}…: {snapshot.entities.height:,} entities; "
        f"load {loaded - start:.1f} s, matcher index {built - loaded:.1f} s",
        f"matcher {getattr(screener, 'version', '?')}; baseline rapidfuzz token_sort_ratio >= "
        f"{baseline.cutoff:g} over {len(baseline.choices):,} processed list names, exhaustive"
        + (
            ""
            if len(baseline_run.rows) == len(rows)
            else f", on a stratified subset of {len(baseline_run.rows)} rows"
        ),
        *machine_lines(),
    ]
    lines = [*report(matcher_run, baseline_run, header), "", *locale_lines(matcher_run)]
    print("\n".join(lines))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if args.misses:
        print("\n".join(misses(matcher_run, screener, args.misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
