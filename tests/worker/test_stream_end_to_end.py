"""End to end on the real broker: 2,000 events in, exactly 2,000 decisions out, as `screen`."""

from __future__ import annotations

from pathlib import Path

import pytest
from stream_helpers import (
    TopicReader,
    WorkerPool,
    batch_cli,
    by_event,
    event_id,
    publish,
    sample_events,
    without_decided_at,
)

pytestmark = pytest.mark.kafka

COUNT = 2_000


def test_2000_events_give_2000_decisions_equal_to_the_batch_cli(
    pool: WorkerPool, kafka_bootstrap: str, topic_prefix: str, sample_lists: Path, tmp_path: Path
) -> None:
    events = sample_events(COUNT, "e2e")
    worker = pool.start(sample_lists)
    keyed = ((event_id(e).encode(), e) for e in events)
    publish(kafka_bootstrap, f"{topic_prefix}screening.events", keyed)
    decisions = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.decisions")
    decisions.until(lambda r: len(r) >= COUNT, 90, f"{COUNT} decisions")
    review = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.review")
    expected = batch_cli(events, tmp_path, sample_lists)

    got = by_event(decisions.poll())
    assert len(decisions.records) == COUNT  # exactly: no duplicate without a crash
    assert set(got) == set(expected)
    for eid, values in got.items():
        assert [without_decided_at(v) for v in values] == [without_decided_at(expected[eid])]

    flagged = {eid for eid, line in expected.items() if b'"decision":"allow"' not in line}
    review.until(lambda r: len(r) >= len(flagged), 30, "review records")
    assert set(by_event(review.poll())) == flagged
    assert 0 < len(flagged) < COUNT
    assert len(review.records) == len(flagged)
    dlq = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.events.dlq")
    assert dlq.poll() == []
    assert worker.alive()
