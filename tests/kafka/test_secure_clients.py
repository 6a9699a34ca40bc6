"""Every Kafka client of the project over TLS + SASL/SCRAM-SHA-512 on the real secure broker, each
as the principal acls.toml gives it (and refused as one it does not): replay (auditor), lists
publish (admin only), rescreen --publish (worker), allowlist add --broker (reviewer) followed by
a worker, and the review console's feed and sink (reviewer)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from kafka import TopicPartition
from screening.cli import main
from screening.kafka import clients, topics
from screening.kafka.broker import ADMIN_USER
from screening.paths import BUNDLED_LISTS, SAMPLE_EVENTS
from screening.settings import Settings
from secure_kafka_helpers import SecureKafka

pytestmark = pytest.mark.kafka


def as_user(monkeypatch: pytest.MonkeyPatch, sk: SecureKafka, user: str) -> None:
    """The environment of a CLI run as `user` (in process: `main([...])`)."""
    for name, value in sk.env(user).items():
        monkeypatch.setenv(name, value)


def records(settings: Settings, logical: str) -> list[Any]:
    """Every record of a topic up to its end offsets, read as the settings' user."""
    reader = clients.consumer(settings)
    name = topics.topic_name(logical, settings)
    try:
        parts = [TopicPartition(name, p) for p in sorted(reader.partitions_for_topic(name))]
        reader.assign(parts)
        reader.seek_to_beginning(*parts)
        end = sum(reader.end_offsets(parts).values())
        out: list[Any] = []
        deadline = time.monotonic() + 30
        while len(out) < end and time.monotonic() < deadline:
            for batch in reader.poll(timeout_ms=300).values():
                out += batch
        assert len(out) == end, f"{name}: {len(out)} of {end}"
        return out
    finally:
        reader.close()


def send(settings: Settings, logical: str, items: list[tuple[bytes, bytes]]) -> None:
    producer = clients.producer(settings)
    try:
        for key, value in items:
            producer.send(topics.topic_name(logical, settings), key=key, value=value)
        producer.flush(timeout=30)
    finally:
        producer.close()


def test_replay_reads_events_and_decisions_as_the_auditor(
    secure_isolated: SecureKafka,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sk = secure_isolated
    store, events, decided = tmp_path / "store", tmp_path / "events.jsonl", tmp_path / "d.jsonl"
    lines = SAMPLE_EVENTS.read_bytes().splitlines()[:20]
    events.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["lists", "update", "--lists", str(BUNDLED_LISTS), "--store", str(store)]) == 0
    assert main(["screen", str(events), "--lists", str(BUNDLED_LISTS), "-o", str(decided)]) == 0
    decisions = decided.read_bytes().splitlines()
    key = [json.loads(d)["event_id"].encode() for d in decisions]
    send(sk.settings("publisher"), topics.EVENTS, list(zip(key, lines, strict=True)))
    send(sk.settings("worker"), topics.DECISIONS, list(zip(key, decisions, strict=True)))

    prefix = sk.topic_prefix
    replay = ["replay", "--events", f"kafka:{prefix}screening.events", "--store", str(store)]
    replay += ["--decisions", f"kafka:{prefix}screening.decisions", "--quiet"]
    report = tmp_path / "report.jsonl"
    as_user(monkeypatch, sk, "auditor")
    capsys.readouterr()
    assert main([*replay, "--report", str(report)]) == 0, capsys.readouterr()
    statuses = [json.loads(x)["status"] for x in report.read_text().splitlines()]
    assert statuses == ["identical"] * len(decisions)

    # the publisher may not read decisions: refused with the reason, no report
    as_user(monkeypatch, sk, "publisher")
    capsys.readouterr()
    refused = tmp_path / "refused.jsonl"
    assert main([*replay, "--report", str(refused)]) == 2
    assert "publisher" in capsys.readouterr().err
    assert not refused.exists()


def test_lists_publish_as_the_administrator_only(
    secure_isolated: SecureKafka,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sk = secure_isolated
    as_user(monkeypatch, sk, "worker")
    assert main(["lists", "publish", "--lists", str(BUNDLED_LISTS)]) != 0
    assert "not authorized" in capsys.readouterr().err
    assert records(sk.settings(ADMIN_USER), topics.LISTS) == []

    as_user(monkeypatch, sk, ADMIN_USER)
    assert main(["lists", "publish", "--lists", str(BUNDLED_LISTS)]) == 0
    (reference,) = records(sk.settings("worker"), topics.LISTS)  # the worker reads it
    assert reference.key == b"current"
    assert json.loads(reference.value)["version"].startswith("sha256:")


def _custom_list(folder: Path, rows: list[str]) -> Path:
    (folder / "custom_demo").mkdir(parents=True)
    header = "id,name,kind,aliases,country\n"
    (folder / "custom_demo" / "entities.csv").write_text(header + "".join(rows), encoding="utf-8")
    return folder


def test_rescreen_publishes_alerts_as_the_worker(
    secure_isolated: SecureKafka, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sk = secure_isolated
    old = _custom_list(tmp_path / "old", ["X-1,Borealis Dynamics Trading LLC,organization,,AE\n"])
    new = _custom_list(
        tmp_path / "new",
        [
            "X-1,Borealis Dynamics Trading LLC,organization,,AE\n",
            "X-2,Quillfeather Anvilworks Kombinat,organization,,BY\n",
        ],
    )
    store = tmp_path / "store"
    for folder in (old, new):
        assert main(["lists", "update", "--lists", str(folder), "--store", str(store)]) == 0
    name = "Quillfeather Anvilworks Kombinat"
    party = {"role": "consignee", "name": name, "kind": "organization"}
    event = {"event_id": "r-1", "occurred_at": "2026-11-20T10:00:00Z", "parties": [party]}
    send(sk.settings("publisher"), topics.EVENTS, [(b"r-1", json.dumps(event).encode())])

    as_user(monkeypatch, sk, "worker")
    args = ["rescreen", "--book", str(tmp_path / "book.jsonl"), "--store", str(store)]
    args += ["--events", f"kafka:{sk.topic_prefix}screening.events", "--at", "2026-11-30"]
    args += ["--alerts", str(tmp_path / "alerts.jsonl"), "--publish"]
    assert main(args) == 1  # 1 = alerts raised
    (alert,) = records(sk.settings(ADMIN_USER), topics.RESCREEN)
    assert json.loads(alert.value)["entity_id"] == "X-2"


def test_allowlist_published_by_the_reviewer_is_followed_by_a_worker(
    secure_isolated: SecureKafka, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from screening.allowlist_topic import AllowlistFollower

    sk = secure_isolated
    as_user(monkeypatch, sk, "reviewer")
    store = tmp_path / "allowlist"
    add = ["allowlist", "add", "--name", "Ivan P. Sidorchuk", "--kind", "person"]
    add += ["--entity", "custom_demo:CD-002", "--reason", "other DOB", "--by", "alice"]
    add += ["--lists", str(BUNDLED_LISTS), "--store", str(store), "--broker", sk.bootstrap]
    assert main(add) == 0
    (entry,) = records(sk.settings("reviewer"), topics.ALLOWLIST)
    assert json.loads(entry.value)["proposed_by"] == "alice"

    follower = AllowlistFollower(sk.settings("worker"))
    follower.start()
    try:
        assert follower.caught_up.wait(30), "the worker did not read screening.allowlist"
        assert follower.current is not None and follower.bad == 0
    finally:
        follower.stop()
        follower.join(10)


def test_console_feed_and_sink_as_the_reviewer(
    secure_isolated: SecureKafka, tmp_path: Path
) -> None:
    """The worker writes review records; the console reads them (and the events) as the
    reviewer and writes an analyst's action."""
    from screening.console.feeds import KafkaFeed, KafkaSink
    from screening.console.index import ReviewIndex

    sk = secure_isolated
    events, decided = tmp_path / "events.jsonl", tmp_path / "d.jsonl"
    events.write_bytes(SAMPLE_EVENTS.read_bytes())
    assert main(["screen", str(events), "--lists", str(BUNDLED_LISTS), "-o", str(decided)]) == 0
    review = [d for d in decided.read_bytes().splitlines() if b'"decision":"allow"' not in d]
    assert review
    keyed = [(json.loads(d)["event_id"].encode(), d) for d in review]
    send(sk.settings("worker"), topics.REVIEW, keyed)

    index = ReviewIndex()
    feed = KafkaFeed(sk.settings("reviewer"), index)
    feed.start()
    try:
        assert feed.caught_up.wait(30), "the console feed did not catch up"
        assert len(index) == len(review) and feed.bad == 0
        sink = KafkaSink(sk.settings("reviewer"))
        try:
            sink.action({"event_id": "c-1", "action": "true_match", "user": "alice"})
        finally:
            sink.close()
        (action,) = records(sk.settings("reviewer"), topics.REVIEW_ACTIONS)
        assert json.loads(action.value)["user"] == "alice"
    finally:
        feed.stop()
        feed.join(10)
