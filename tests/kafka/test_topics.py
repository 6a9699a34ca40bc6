"""Topics from streams/topics.toml on the real broker: created, then checked, mismatches named."""

from __future__ import annotations

import pytest
from kafka.admin import NewTopic

from screening.cli import main
from screening.kafka import clients, topics
from screening.settings import Settings


def test_topic_file_defines_the_architecture_topics() -> None:
    names = {s.logical for s in topics.load_topics()}
    assert names == {
        topics.EVENTS,
        topics.DECISIONS,
        topics.REVIEW,
        topics.DLQ,
        topics.LISTS,
        topics.RESCREEN,
        topics.ALLOWLIST,
        topics.REVIEW_ACTIONS,
    }
    events = next(s for s in topics.load_topics() if s.logical == topics.EVENTS)
    assert events.partitions == 6
    assert events.config["retention.ms"] == "604800000"


def test_prefix_applies_to_every_name() -> None:
    settings = Settings(topic_prefix="t1.")
    assert topics.topic_name(topics.EVENTS, settings) == "t1.screening.events"
    assert topics.topic_name(topics.EVENTS, Settings()) == "screening.events"


@pytest.mark.kafka
def test_create_then_check(
    topic_prefix: str, kafka_bootstrap: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The fixture created the topics; `topics create` again finds them all as defined."""
    assert main(["topics", "create", "--broker", kafka_bootstrap]) == 0
    *out, acls = capsys.readouterr().out.splitlines()
    assert acls == "acls     not applied: the broker has no authorizer (plaintext demo broker)"
    assert len(out) == len(topics.load_topics())
    assert all(line.startswith("ok ") and topic_prefix in line for line in out)

    settings = Settings(broker=kafka_bootstrap, topic_prefix=topic_prefix)
    admin = clients.admin(settings)
    try:
        described = admin.describe_topics(
            [topic_prefix + topics.EVENTS, topic_prefix + topics.LISTS]
        )
    finally:
        admin.close()
    assert [len(t["partitions"]) for t in described] == [6, 1]


@pytest.mark.kafka
def test_mismatch_is_reported_not_changed(
    kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    prefix = "mismatch-" + __import__("uuid").uuid4().hex[:6] + "."
    monkeypatch.setenv("SCREENING_TOPIC_PREFIX", prefix)
    settings = Settings(broker=kafka_bootstrap, topic_prefix=prefix)
    admin = clients.admin(settings)
    try:
        admin.create_topics(
            [NewTopic(prefix + topics.EVENTS, 2, 1, topic_configs={"retention.ms": "1000"})]
        )
        assert main(["topics", "create", "--broker", kafka_bootstrap]) == 1
        lines = capsys.readouterr().out.splitlines()
        events = next(
            line for line in lines if line.split()[1].rstrip(":") == prefix + topics.EVENTS
        )
        assert events.startswith("mismatch")
        assert "partitions 2, expected 6" in events
        assert "retention.ms=1000, expected 604800000" in events
        created = [line for line in lines if line.startswith("created")]
        assert len(created) == len(topics.load_topics()) - 1
        # never altered: still 2 partitions
        described = admin.describe_topics([prefix + topics.EVENTS])
        assert len(described[0]["partitions"]) == 2
    finally:
        admin.delete_topics([s.name for s in topics.create_topics(kafka_bootstrap, settings)])
        admin.close()
