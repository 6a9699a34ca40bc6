"""Audit on the real broker: 1,000 decisions recorded through the stream replay with 0
differences; a forged decision on the decisions topic is caught by replay and by the chain."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from stream_helpers import TopicReader, WorkerPool, event_id, publish, sample_events

from screening.cli import main

pytestmark = pytest.mark.kafka

COUNT = 1_000


def test_stream_decisions_replay_identical_and_a_forgery_is_caught(
    pool: WorkerPool,
    kafka_bootstrap: str,
    topic_prefix: str,
    sample_lists: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store = tmp_path / "store"
    assert main(["lists", "update", "--lists", str(sample_lists), "--store", str(store)]) == 0
    events_topic = f"{topic_prefix}screening.events"
    decisions_topic = f"{topic_prefix}screening.decisions"
    pool.start(sample_lists, "--sample-lists")
    events = sample_events(COUNT, "audit")
    publish(kafka_bootstrap, events_topic, ((event_id(e).encode(), e) for e in events))
    decisions = TopicReader(kafka_bootstrap, decisions_topic)
    decisions.until(lambda r: len(r) >= COUNT, 120, f"{COUNT} decisions")
    decisions.close()
    pool.stop_all()
    capsys.readouterr()

    base = ["replay", "--events", f"kafka:{events_topic}", "--store", str(store), "--quiet"]
    report = tmp_path / "replay.jsonl"
    started = time.perf_counter()
    code = main([*base, "--decisions", f"kafka:{decisions_topic}", "--report", str(report)])
    seconds = time.perf_counter() - started
    out = capsys.readouterr().out
    results = [json.loads(x) for x in report.read_text().splitlines()]
    assert code == 0, out
    assert len(results) == COUNT and {r["status"] for r in results} == {"identical"}
    print(f"replayed {COUNT} stream decisions from Kafka in {seconds:.1f} s")

    chain = ["replay", "--verify-chain", "--decisions", f"kafka:{decisions_topic}"]
    assert main([*chain, "--report", str(tmp_path / "chain.jsonl")]) == 0
    assert f"verified {COUNT:,} decisions" in capsys.readouterr().out

    # a forged decision: a recorded allow turned into a block, published beside the original
    recorded = [json.loads(r.value or b"") for r in decisions.records]
    original = next(r for r in recorded if r["decision"] == "allow")
    forged = dict(original, decision="block")
    publish(
        kafka_bootstrap,
        decisions_topic,
        [(forged["event_id"].encode(), json.dumps(forged, separators=(",", ":")).encode())],
    )
    code = main([*base, "--decisions", f"kafka:{decisions_topic}", "--report", str(report)])
    assert code == 1
    results = [json.loads(x) for x in report.read_text().splitlines()]
    (different,) = [r for r in results if r["status"] == "different"]
    assert different["event_id"] == forged["event_id"]
    assert different["differences"] == [
        {"field": "decision", "recorded": "block", "replayed": "allow"}
    ]
    capsys.readouterr()
    assert main([*chain, "--report", str(tmp_path / "chain2.jsonl")]) == 1
    assert forged["event_id"] in capsys.readouterr().out
