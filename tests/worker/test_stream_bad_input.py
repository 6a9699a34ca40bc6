"""Bad input on the real broker: every good event decided, every bad record in the DLQ."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import pytest
from stream_helpers import Record, TopicReader, WorkerPool, by_event, publish, sample_events

from screening.paths import REPO_ROOT

pytestmark = pytest.mark.kafka

SAMPLES = REPO_ROOT / "streams" / "samples"


def _bad_records() -> list[tuple[bytes | None, bytes | None, str]]:
    """(key, value, expected error code): the invalid samples plus hostile bytes."""
    codes = [
        row["expected_code"]
        for row in csv.DictReader((SAMPLES / "invalid-events.reasons.csv").open())
    ]
    lines = (SAMPLES / "invalid-events.jsonl").read_bytes().splitlines()
    out: list[tuple[bytes | None, bytes | None, str]] = [
        (b"invalid-%d" % i, line, code)
        for i, (line, code) in enumerate(zip(lines, codes, strict=True))
    ]
    event = json.loads(sample_events(1, "hostile")[0])
    deep = dict(event, extra=json.loads("[" * 900 + "]" * 900))  # a valid event ...
    deep_bytes = json.dumps(deep).replace("[" * 900, "[" * 3000).replace("]" * 900, "]" * 3000)
    duplicate = json.dumps(event).replace('"event_id"', '"event_id": "x", "event_id"', 1)
    out += [
        (b"undecodable", b"\xff\xfe\x00{\x80 not UTF-8", "EVENT_BAD_JSON"),
        (b"tombstone", None, "EVENT_BAD_JSON"),
        (b"empty", b"", "EVENT_BAD_JSON"),
        (None, b"no key, not JSON", "EVENT_BAD_JSON"),
        (b"deep", deep_bytes.encode(), "EVENT_TOO_DEEP"),  # ... nested 3,000 deep
        (b"dup", duplicate.encode(), "EVENT_DUPLICATE_KEY"),  # the first value would vanish
        (b"utf16", json.dumps(event).encode("utf-16"), "EVENT_BAD_JSON"),
        (b"oversize", json.dumps(dict(event, pad="x" * 900_000)).encode(), "EVENT_TOO_LARGE"),
    ]
    return out


def test_mixed_stream_good_events_decided_bad_records_dead_lettered_worker_alive(
    pool: WorkerPool, kafka_bootstrap: str, topic_prefix: str, sample_lists: Path
) -> None:
    good = [(json.loads(e)["event_id"].encode(), e) for e in sample_events(300, "good")]
    bad = _bad_records()
    mixed: list[tuple[bytes | None, bytes | None]] = [*good, *((k, v) for k, v, _ in bad)]
    random.Random(6).shuffle(mixed)
    sentinel = (
        b"good-last",
        sample_events(1, "good-last")[0].replace(b"good-last-000000", b"good-last"),
    )
    events_topic = f"{topic_prefix}screening.events"

    worker = pool.start(sample_lists)
    publish(kafka_bootstrap, events_topic, [*mixed, sentinel])

    decisions = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.decisions")
    dlq = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.events.dlq")
    decisions.until(lambda r: len(r) >= len(good) + 1, 90, "every good event decided")
    dlq.until(lambda r: len(r) >= len(bad), 30, "every bad record dead-lettered")

    assert set(by_event(decisions.poll())) == {k.decode() for k, _ in [*good, sentinel]}
    assert len(decisions.records) == len(good) + 1
    dead = dlq.poll()
    assert len(dead) == len(bad)
    expected = {(k, v): code for k, v, code in bad}
    originals = _read_sources(kafka_bootstrap, dead)
    for record in dead:
        assert set(record.headers) >= {
            "error_code",
            "error_reason",
            "source_topic",
            "source_partition",
            "source_offset",
        }
        assert record.headers["error_code"].decode() == expected[(record.key, record.value)]
        assert record.headers["error_reason"].strip()
        assert record.headers["source_topic"].decode() == events_topic
        # the headers point at the very record that was rejected, byte for byte
        assert originals[id(record)] == (record.key, record.value)
    assert worker.alive()


def _read_sources(
    bootstrap: str, dead: list[Record]
) -> dict[Record, tuple[bytes | None, bytes | None]]:
    source = dead[0].headers["source_topic"].decode()
    events = TopicReader(bootstrap, source)
    events.until(lambda r: len(r) >= 300, 30, "the input topic")
    at = {(r.partition, r.offset): (r.key, r.value) for r in events.poll()}
    return {
        id(d): at[(int(d.headers["source_partition"]), int(d.headers["source_offset"]))]
        for d in dead
    }
