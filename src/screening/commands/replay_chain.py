"""`screening replay --verify-chain`: check the per-partition hash chains of recorded decisions."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from screening.chain import verify
from screening.replay.sources import is_topic, read_records
from screening.settings import Settings


def verify_chain(args: argparse.Namespace, settings: Settings, report: Path) -> int:
    key = settings.chain_key_bytes()
    records = []
    invalid = 0
    for record in read_records(args.decisions, settings):
        try:
            records.append((record.place, json.loads(record.value)))
        except ValueError:
            invalid += 1
    result = verify(records, key, ordered=not is_topic(args.decisions))
    report.parent.mkdir(parents=True, exist_ok=True)
    with report.open("w", encoding="utf-8") as f:
        for b in result.breaks:
            f.write(
                json.dumps(
                    {
                        "place": b.place,
                        "event_id": b.event_id,
                        "partition": b.partition,
                        "problem": b.problem,
                    }
                )
                + "\n"
            )
    print(
        f"verified {result.records:,} decisions on {result.chains} chain(s), "
        f"{result.segments} segment(s): {len(result.breaks)} break(s), {invalid} unreadable"
    )
    for b in result.breaks[:10]:
        print(f"  {b.place} {b.event_id}: {b.problem}")
    print(f"report  {report}")
    return 1 if result.breaks or invalid else 0
