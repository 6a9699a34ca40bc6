"""Crash on the real broker: two workers, 6 partitions, `kill -9` one mid-stream, none lost."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from stream_helpers import (
    TopicReader,
    WorkerPool,
    by_event,
    event_id,
    publish,
    sample_events,
    without_decided_at,
)

pytestmark = pytest.mark.kafka

COUNT = 3_000
RATE = 400.0  # events/s: the stream is still flowing when the worker dies


def test_kill_9_one_of_two_workers_mid_stream_loses_nothing(
    pool: WorkerPool, kafka_bootstrap: str, topic_prefix: str, sample_lists: Path
) -> None:
    victim, survivor = pool.start(sample_lists), pool.start(sample_lists)
    for worker in (victim, survivor):
        pool.wait_ready(worker)
    time.sleep(3)  # the second join rebalances the group: let it settle so both get partitions
    events = [(event_id(e).encode(), e) for e in sample_events(COUNT, "crash")]
    producer = threading.Thread(
        target=publish, args=(kafka_bootstrap, f"{topic_prefix}screening.events", events, RATE)
    )
    producer.start()
    decisions = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.decisions")
    decisions.until(lambda r: len(r) >= COUNT // 4, 60, "a quarter of the decisions")
    writers = {r.headers["batch"].split(b":")[0] for r in decisions.poll()}
    victim.process.kill()  # SIGKILL: no LeaveGroup, no final commit
    killed = time.time()
    killed_at = len(decisions.records)
    producer.join()

    expected = {k.decode() for k, _ in events}
    decisions.until(lambda r: set(by_event(r)) >= expected, 120, "a decision for every event")
    got = by_event(decisions.poll())
    assert set(got) == expected
    assert writers == {str(victim.process.pid).encode(), str(survivor.process.pid).encode()}
    assert killed_at < COUNT  # the kill really was mid-stream
    for eid, values in got.items():  # redeliveries only ever repeat the same decision
        assert len({without_decided_at(v) for v in values}) == 1, eid
    assert survivor.alive()
    # the survivor took over the victim's partitions within seconds (session timeout 10 s)
    pid = lambda r: r.headers["batch"].split(b":")[0]  # noqa: E731
    victims = {r.partition for r in decisions.records if pid(r) == str(victim.process.pid).encode()}
    taken_over = min(
        r.timestamp / 1000
        for r in decisions.records
        if r.partition in victims
        and pid(r) == str(survivor.process.pid).encode()
        and r.timestamp / 1000 > killed
    )
    duplicates = len(decisions.records) - len(got)
    print(f"takeover {taken_over - killed:.1f} s after kill -9; {duplicates} duplicate decisions")
    assert taken_over - killed < 30
