"""`screening replay`: prove each recorded decision by re-deciding it (or check the chain)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from screening.allowlist_store import AllowlistStore
from screening.errors import ConfigError
from screening.replay.engine import PROBLEMS, Outcome, Resolver, load_events, parse_time, replay
from screening.replay.sources import read_records
from screening.runtime import match_config
from screening.settings import load_settings
from screening.store import SnapshotStore

EPILOG = """\
SRC is a JSON-lines file or kafka:TOPIC (read from the start of every partition to the end
offsets seen at the start; the broker from SCREENING_BROKER or --broker).

exit status:
  0  every decision replayed identical (with --against: nothing would change;
     with --verify-chain: every chain intact)
  1  some decision is different, missing, invalid or its versions are unavailable
     (with --against: something would change; --verify-chain: a chain is broken)
  2  nothing was replayed: bad options, unreachable broker or store
"""


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "replay",
        help="re-decide recorded decisions with their recorded versions and compare",
        description="For each recorded decision, load the list snapshot, policy and matcher "
        "configuration it names from the snapshot store, re-decide its event and compare "
        "every field except decided_at: identical, different (field by field), event "
        "missing, decision missing or version unavailable. --against re-decides with another "
        "snapshot and reports what would change. Summary on stdout, one JSON line per "
        "decision in the report (Parquet when REPORT ends in .parquet).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--events", help="recorded events: FILE or kafka:TOPIC")
    parser.add_argument(
        "--decisions", required=True, help="recorded decisions: FILE or kafka:TOPIC"
    )
    parser.add_argument("--from", dest="start", help="only decisions decided at or after (ISO)")
    parser.add_argument("--to", dest="end", help="only decisions decided before (ISO)")
    parser.add_argument("--store", type=Path, help="snapshot store (default: SCREENING_STORE_DIR)")
    parser.add_argument(
        "--lists",
        type=Path,
        action="append",
        default=[],
        help="a lists directory to use when it gives a recorded list version (repeatable)",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--against",
        choices=["current"],
        help="re-decide with the latest snapshot in the store (or settings lists_dir)",
    )
    target.add_argument("--lists-version", help="re-decide with this stored list version")
    target.add_argument(
        "--verify-chain",
        action="store_true",
        help="check the per-partition hash chains of the decisions only (no re-deciding)",
    )
    parser.add_argument(
        "--chain-key-file",
        type=Path,
        help="file holding the chain's HMAC key (default: SCREENING_CHAIN_KEY_FILE or "
        "SCREENING_CHAIN_KEY; never the key itself on the command line, where `ps` shows it)",
    )
    parser.add_argument("--report", type=Path, help="report file (default: replay-report.jsonl)")
    parser.add_argument("--broker", help="bootstrap servers for kafka: sources")
    parser.add_argument(
        "--allowlist",
        type=Path,
        help="allowlist store: decisions taken with an allowlist re-decide with the version they "
        "record (default: SCREENING_ALLOWLIST_DIR; without one they re-decide without it)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress line on stderr")
    parser.set_defaults(func=run)


class Progress:
    """A progress line on stderr every couple of seconds (long replays)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.started = self.last = time.perf_counter()
        self.count = 0

    def tick(self) -> None:
        self.count += 1
        now = time.perf_counter()
        if not self.quiet and now - self.last >= 2.0:
            self.last = now
            rate = self.count / (now - self.started)
            print(f"replay: {self.count:,} decisions, {rate:,.0f}/s", file=sys.stderr, flush=True)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


def _write_report(path: Path, outcomes: list[Outcome]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        import polars as pl

        rows = [
            {
                "status": o.status,
                "event_id": o.event_id,
                "place": o.place,
                "error": o.error,
                "differences": json.dumps(o.differences, ensure_ascii=False)
                if o.differences
                else None,
                "change": json.dumps(o.change, ensure_ascii=False) if o.change else None,
            }
            for o in outcomes
        ]
        pl.DataFrame(
            rows,
            schema={
                k: pl.String
                for k in ("status", "event_id", "place", "error", "differences", "change")
            },
        ).write_parquet(path)
        return
    with path.open("w", encoding="utf-8") as f:
        for o in outcomes:
            f.write(json.dumps(o.to_dict(), ensure_ascii=False) + "\n")


def run(args: argparse.Namespace) -> int:
    settings = load_settings(broker=args.broker, chain_key_file=args.chain_key_file)
    report = args.report or Path("replay-report.jsonl")
    if args.verify_chain:
        from screening.commands.replay_chain import verify_chain

        return verify_chain(args, settings, report)
    if not args.events:
        raise ConfigError("--events is required (except with --verify-chain)")
    root = args.store or settings.store_dir
    store = SnapshotStore(root) if root is not None else None
    if store is not None and not store.root.is_dir():
        raise ConfigError(f"snapshot store {store.root} does not exist")
    try:
        start = parse_time(args.start) if args.start else None
        end = parse_time(args.end) if args.end else None
    except ValueError as exc:
        raise ConfigError(f"--from/--to: {exc}") from exc
    against: str | None = None
    if args.against == "current":
        against = store.latest() if store is not None else None
        if against is None:
            against = Resolver(None, lists_dirs=[settings.lists_dir]).snapshot_of_folder(
                settings.lists_dir
            )
    elif args.lists_version:
        against = args.lists_version
    allowlist_dir = args.allowlist or settings.allowlist_dir
    own = match_config(settings)  # the pinned matcher's thresholds, with any set ones
    resolver = Resolver(
        store,
        lists_dirs=[*args.lists, settings.lists_dir],
        policy_files=[settings.policy],
        thresholds=[(own.block_threshold, own.flag_threshold)]
        if settings.block_threshold is not None or settings.flag_threshold is not None
        else [],
        allowlists=AllowlistStore(allowlist_dir) if allowlist_dir is not None else None,
    )
    if against is not None:
        resolver.snapshot(against)  # unavailable: a clear error before any work
    events = load_events(read_records(args.events, settings))
    progress = Progress(args.quiet)
    outcomes: list[Outcome] = []
    for outcome in replay(
        events,
        read_records(args.decisions, settings),
        resolver,
        start=start,
        end=end,
        against=against,
    ):
        outcomes.append(outcome)
        progress.tick()
    _write_report(report, outcomes)
    counts: Counter[str] = Counter(o.status for o in outcomes)
    decisions = sum(v for k, v in counts.items() if k != "decision_missing")
    rate = decisions / progress.seconds if progress.seconds else 0.0
    print(
        f"replayed {decisions:,} decisions against {len(events.by_id):,} events "
        f"in {progress.seconds:.2f} s ({rate:,.0f}/s)"
    )
    order = [
        "identical",
        "different",
        "event_missing",
        "decision_missing",
        "version_unavailable",
        "invalid",
        "unchanged",
        "changed",
    ]
    print("  " + ", ".join(f"{k.replace('_', ' ')} {counts[k]:,}" for k in order if counts[k]))
    for o in outcomes:
        if o.status == "version_unavailable" and o.error:
            print(f"  {o.error}")
            break
    if against is not None:
        changed = [o for o in outcomes if o.status == "changed" and o.change]
        newly = Counter(o.change["newly"] for o in changed if o.change)
        print(
            f"against {against}: {len(changed):,} events would change "
            + ("(" + ", ".join(f"{k} {v}" for k, v in sorted(newly.items())) + ")" if newly else "")
        )
        for o in changed[:10]:
            assert o.change is not None
            why = "; ".join(
                f"+{h['list']}:{h['entity_id']} {h['matched_name']!r} for {h['party']!r}"
                for h in o.change["hits_added"]
            ) or "; ".join(
                f"-{h['list']}:{h['entity_id']} {h['matched_name']!r} for {h['party']!r}"
                for h in o.change["hits_removed"]
            )
            print(f"  {o.event_id}: {o.change['recorded']} -> {o.change['against']}  {why}")
    print(f"report  {report}")
    if against is not None:
        return 1 if counts["changed"] else 0
    return 1 if any(counts[k] for k in PROBLEMS) else 0
