"""Speed of the audit tools on the real lists, each as a ratio to a baseline timed in the same run.

    python benchmarks/bench_audit.py [--lists DIR] [--events 2000]

- store write / read+verify of the full snapshot, against loading the publisher files
  (`from_folder`, the baseline);
- `lists diff` of the real OFAC SDN snapshots (2021-07 -> 2023-12 -> 2024-05), with counts;
- replay rate (decisions re-decided and compared per second, screener built from the store)
  against the screening rate of the same events (`decide_many`, the baseline).
Writes benchmarks/results/audit.txt.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import DEFAULT_LISTS, RESULTS_DIR
from benchmarks.machine import machine_lines
from screening.decision import Screener
from screening.events import parse_event
from screening.lists.build import from_folder
from screening.lists.diff import diff_frames
from screening.paths import POLICY_DIR, SAMPLE_EVENTS
from screening.policy.installed import load_policy_set
from screening.replay.engine import Resolver, load_events, replay
from screening.replay.sources import Record
from screening.runtime import load_settings, match_config, relaxed_gc
from screening.store import SnapshotStore


def timed(label: str, lines: list[str], fn):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    with relaxed_gc():
        result = fn()
    seconds = time.perf_counter() - started
    lines.append(f"{label:<44} {seconds:8.2f} s")
    print(lines[-1], flush=True)
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--events", type=int, default=2_000)
    args = parser.parse_args()
    lines = [*machine_lines(), f"lists: {args.lists}"]
    work = Path(tempfile.mkdtemp(prefix="bench-audit-"))
    try:
        store = SnapshotStore(work / "store")
        snapshot, load_s = timed(
            "baseline: load publisher files", lines, lambda: from_folder(args.lists)
        )
        lines.append(f"  {snapshot.entities.height:,} entities, version {snapshot.version[:19]}…")
        _, put_s = timed(
            "store write (Parquet + manifest)", lines, lambda: store.put_snapshot(snapshot)
        )
        back, get_s = timed(
            "store read + re-verify version", lines, lambda: store.get_snapshot(snapshot.version)
        )
        assert back.version == snapshot.version
        size = sum(p.stat().st_size for p in store.snapshot_path(snapshot.version).iterdir())
        lines.append(
            f"  stored {size / 1e6:.1f} MB; write {put_s / load_s:.2f}x, "
            f"read {get_s / load_s:.2f}x the load time"
        )

        shared = args.lists.parent
        folders = {}
        for label, src in (
            ("2021-07", shared / "snapshots/2021-07-07/us_ofac_sdn/sdn.csv"),
            ("2023-12", shared / "lists/us_ofac_sdn/sdn.csv"),
            ("2024-05", shared / "snapshots/2024-05-03/us_ofac_sdn/sdn.csv"),
        ):
            (work / label / "us_ofac_sdn").mkdir(parents=True)
            shutil.copy(src, work / label / "us_ofac_sdn" / "sdn.csv")
            folders[label] = from_folder(work / label)
        for a, b in (("2021-07", "2023-12"), ("2023-12", "2024-05")):
            d, _ = timed(
                f"diff OFAC SDN {a} -> {b}",
                lines,
                lambda a=a, b=b: diff_frames(folders[a].entities, folders[b].entities),
            )
            s = d.sources["us_ofac_sdn"]
            lines.append(
                f"  added {len(s.added):,}, removed {len(s.removed):,}, changed {len(s.changed):,} "
                f"({', '.join(f'{k} {v}' for k, v in s.field_counts().items())}), "
                f"same {s.unchanged:,}"
            )
        dpl_old = from_folder(shared / "snapshots/2022-09-02")
        d = diff_frames(dpl_old.entities, snapshot.entities.filter(source="us_bis_dpl")).sources[
            "us_bis_dpl"
        ]
        lines.append(
            f"diff BIS DPL 2022-09 -> 2023: added {len(d.added)}, removed {len(d.removed)}, "
            f"changed {len(d.changed)}"
        )

        settings = load_settings()
        policies = load_policy_set(POLICY_DIR)
        store.put_policies(POLICY_DIR)
        config = match_config(settings)
        store.put_config(config)
        raw = [json.loads(x) for x in SAMPLE_EVENTS.read_text().splitlines()]
        events = []
        for i in range(args.events):
            event = dict(raw[i % len(raw)], event_id=f"bench-{i:06d}")
            events.append(json.dumps(event).encode())
        parsed = [parse_event(e) for e in events]
        screener, _ = timed(
            "screener build (matcher index)", lines, lambda: Screener(snapshot, policies, config)
        )
        decided, screen_s = timed(
            f"baseline: decide {args.events:,} events",
            lines,
            lambda: screener.decide_many(parsed, "2026-11-30T00:00:00.000Z"),
        )
        records = [Record(0, i + 1, d.to_json().encode()) for i, d in enumerate(decided)]
        book = load_events(Record(0, i + 1, e) for i, e in enumerate(events))
        resolver = Resolver(store)
        resolver.screener(
            snapshot.version, decided[0].policy_version, config
        )  # build outside the timing
        outcomes, replay_s = timed(
            f"replay {args.events:,} decisions",
            lines,
            lambda: list(replay(book, records, resolver)),
        )
        identical = sum(o.status == "identical" for o in outcomes)
        lines.append(
            f"  {identical:,}/{len(outcomes):,} identical; "
            f"replay {len(records) / replay_s:,.0f} decisions/s vs "
            f"screening {len(records) / screen_s:,.0f} events/s ({screen_s / replay_s:.2f}x)"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "audit.txt").write_text("\n".join(lines) + "\n")
    print(f"-> {RESULTS_DIR / 'audit.txt'}")


if __name__ == "__main__":
    main()
