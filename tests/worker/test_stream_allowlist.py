"""The worker applies the allowlist from `screening.allowlist`: an approved entry on the topic
clears the party's hit (kept under `suppressed`, entry id and allowlist version recorded), while
another party still gets flagged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from stream_helpers import TopicReader, WorkerPool, by_event, publish

from screening.allowlist import Allowlist, PartyIdentity, approve, fingerprints, propose
from screening.lists.snapshot import ListSnapshot

pytestmark = pytest.mark.kafka
PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


def test_worker_decides_with_the_allowlist_topic(
    pool: WorkerPool, kafka_bootstrap: str, topic_prefix: str, sample_lists: Path
) -> None:
    key = ("custom_demo", "CD-002")
    current = fingerprints(ListSnapshot.load(sample_lists).entities, [key])[key]
    pending = propose(
        PartyIdentity.of(PARTY["name"], "person", "RU"),
        *key,
        current,
        reason="known customer",
        by="alice",
        at="2026-11-28T09:00:00Z",
        until="2027-06-30",
    )
    entry = approve(pending, by="bob", at="2026-11-28T09:30:00Z")
    publish(
        kafka_bootstrap,
        f"{topic_prefix}screening.allowlist",
        [(e.entry_id.encode(), json.dumps(e.to_dict()).encode()) for e in (pending, entry)],
    )
    worker = pool.start(sample_lists)
    pool.wait_ready(worker)
    events = [
        {"event_id": "wa-1", "occurred_at": "2026-11-28T10:00:00Z", "parties": [PARTY]},
        {
            "event_id": "wa-2",
            "occurred_at": "2026-11-28T10:00:00Z",
            "parties": [{**PARTY, "country": "BY"}],
        },
    ]
    publish(
        kafka_bootstrap,
        f"{topic_prefix}screening.events",
        [(e["event_id"].encode(), json.dumps(e).encode()) for e in events],
    )
    decisions = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.decisions")
    decisions.until(lambda r: len(r) >= 2, 90, "2 decisions")
    got = {k: json.loads(v[0]) for k, v in by_event(decisions.poll()).items()}
    assert got["wa-1"]["decision"] == "allow"
    assert [s["allowlist_entry"] for s in got["wa-1"]["suppressed"]] == [entry.entry_id]
    assert got["wa-1"]["allowlist_version"] == Allowlist([entry]).version
    assert got["wa-2"]["decision"] == "flag"  # another country: not the pair that was cleared
    assert got["wa-2"]["suppressed"] == []
    assert worker.alive()
