"""`screening screen` end to end on one-party events, split by stage, with baselines timed in
the same run.

    python benchmarks/bench_intake.py [--lists DIR] [--sources us_ofac_sdn,un_sc] [--naive 200]

Events: one party each, the dev set's non-listed names (each name once, so the party cache
never answers), one goods line. Stages, timed per event on the path `screen_lines` takes:
parse (`intake.parse_json`: size, encoding, depth and duplicate-key guards, JSON),
validate (`events.event_from_dict`: compiled schema check, records, digest), match and policy
(`Screener.decide` minus `Policy.evaluate`, timed on its own), serialise (`Decision.to_json`).
Then the whole batch loop (`commands.screen.screen_lines`) for events/s end to end.

Baselines in the same run, since a machine's absolute speed varies 2-3x:
- the pure-Python `jsonschema` validator the intake used before, on the same events
  (and the end to end rate it gave: the measured loop with its validation time swapped in);
- the naive exhaustive `token_sort_ratio` scan (`benchmarks.common.Baseline`) per party.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jsonschema import Draft202012Validator

from benchmarks.common import DEFAULT_LISTS, DEVSET_CSV, RESULTS_DIR, Baseline, load_devset
from benchmarks.machine import machine_lines
from screening.commands.screen import screen_lines
from screening.events import _validator, event_from_dict, event_schema
from screening.intake import parse_json
from screening.runtime import build_screener, load_settings

DECIDED_AT = "2026-11-30T00:00:00.000Z"


def make_events(devset: Path) -> list[bytes]:
    names = [row for row in load_devset(devset) if not row.positive]
    lines = []
    for n, row in enumerate(names):
        event = {
            "event_id": f"bench-{n:05d}",
            "occurred_at": "2026-11-30T08:00:00Z",
            "source": "bench",
            "parties": [{"role": "buyer", "name": row.query, "kind": row.kind}],
            "goods": [{"line": 1, "hs_code": "940360", "value": 1200, "currency": "EUR"}],
            "origin_country": "DE",
            "destination_country": "FR",
        }
        lines.append(json.dumps(event, ensure_ascii=False).encode())
    return lines


def timed(fn: Callable[[Any], Any], items: list[Any]) -> tuple[float, list[Any]]:
    """Seconds per item (total / count) and the results."""
    out = []
    start = time.perf_counter()
    for item in items:
        out.append(fn(item))
    return (time.perf_counter() - start) / len(items), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--sources", default="us_ofac_sdn,un_sc", help="'' for every list")
    parser.add_argument("--devset", type=Path, default=DEVSET_CSV)
    parser.add_argument("--naive", type=int, default=200, help="parties for the naive scan")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "bench_intake.txt")
    args = parser.parse_args(argv)

    lists = args.lists
    if args.sources:  # a lists dir of just those sources, as symlinks
        import tempfile

        picked = Path(tempfile.mkdtemp(prefix="bench-lists-"))
        for source in args.sources.split(","):
            (picked / source).symlink_to((args.lists / source).resolve())
        lists = picked
    started = time.perf_counter()
    screener = build_screener(load_settings(lists_dir=lists))
    build_s = time.perf_counter() - started
    lines = make_events(args.devset)

    # Per stage, on a fresh screener state for match (each name once: no cache hits).
    parse_s, raws = timed(parse_json, lines)
    validate_s, events = timed(event_from_dict, raws)
    policy_s, _ = timed(
        lambda e: screener.policies.for_occurred_at(e.occurred_at).evaluate(e), events
    )
    decide_s, decisions = timed(lambda e: screener.decide(e, DECIDED_AT), events)
    serialise_s, _ = timed(lambda d: d.to_json(), decisions)
    match_s = decide_s - policy_s
    reference = Draft202012Validator(event_schema())
    old_validate_s, _ = timed(lambda r: sorted(reference.iter_errors(r), key=str), raws)
    old_parse_s, _ = timed(json.loads, lines)
    schema_s, _ = timed(_validator().is_valid, raws)

    # End to end: the batch loop itself, on a new screener (cold party cache again).
    screener = build_screener(load_settings(lists_dir=lists))
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    counts = screen_lines(screener, iter(lines), out, err, DECIDED_AT)
    e2e_s = (time.perf_counter() - start) / len(lines)
    assert counts["events"] == len(lines) and not counts["errors"], counts
    # Before: json.loads and jsonschema in place of the guarded parse and jsonschema-rs.
    old_e2e_s = e2e_s - parse_s + old_parse_s - schema_s + old_validate_s

    baseline = Baseline(screener.snapshot.entities)
    queries = [json.loads(line)["parties"][0]["name"] for line in lines[: args.naive]]
    naive_s, _ = timed(baseline.screen, queries)

    def row(name: str, seconds: float, note: str = "") -> str:
        share = 100 * seconds / e2e_s
        return f"  {name:<22}{seconds * 1e6:9.1f} us{share:7.1f} %  {note}"

    staged = parse_s + validate_s + decide_s + serialise_s
    report = [
        "bench_intake: screening screen, one-party events of non-listed names",
        *machine_lines(),
        f"lists: {','.join(screener.snapshot.sources)} ({screener.snapshot.version[:19]}), "
        f"{screener.snapshot.entities.height} entities; build {build_s:.1f} s",
        f"matcher: {screener.matcher.version}; events: {len(lines)} (each party name once)",
        "",
        "per event, by stage (share of the end-to-end time)",
        row("parse", parse_s, "intake.parse_json (guards + json)"),
        row("validate", validate_s, "event_from_dict (jsonschema-rs + records + digest)"),
        row("match", match_s, "decide minus policy"),
        row("policy", policy_s, "the policy in force, evaluate"),
        row("serialise", serialise_s, "Decision.to_json"),
        row("sum of stages", staged),
        row("outside the stages", e2e_s - staged, "the loop: lines, counts, writes, GC"),
        row("end to end", e2e_s, "commands.screen.screen_lines"),
        "",
        "baselines timed in this run",
        row("new schema check", schema_s, "jsonschema-rs is_valid (inside validate)"),
        row("old validate", old_validate_s, "jsonschema Draft202012Validator.iter_errors"),
        row("old parse", old_parse_s, "json.loads, no guards"),
        f"  schema check speed-up  {old_validate_s / schema_s:9.1f} x (old / new)",
        f"  end to end now         {1 / e2e_s:9.0f} events/s",
        f"  end to end before      {1 / old_e2e_s:9.0f} events/s (old parse and validate)"
        f"  -> {old_e2e_s / e2e_s:.2f} x",
        f"  naive scan             {1 / naive_s:9.0f} parties/s ({len(queries)} parties)",
        f"  end to end / naive     {naive_s / e2e_s:9.1f} x (target >= 100 x)",
    ]
    text = "\n".join(report)
    print(text)
    if args.results:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
