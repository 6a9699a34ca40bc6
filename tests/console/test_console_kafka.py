"""The console on a real broker: it indexes `screening.review` (and the events beside it) from
the topics, and writes each action to `screening.review.actions` and each allowlist change to
`screening.allowlist` with user and time; a viewer's attempt writes nothing."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from console_helpers import IVAN, PASSWORDS, REVIEW_DATE, csrf_of, review_lines
from starlette.testclient import TestClient

from screening.allowlist_store import AllowlistStore
from screening.console.app import ConsoleState, create_app
from screening.console.auth import UsersConfig
from screening.console.feeds import ACTIONS, ALLOWLIST, EVENTS, REVIEW, KafkaFeed, KafkaSink
from screening.console.index import ReviewIndex
from screening.decision import Screener
from screening.kafka import clients
from screening.kafka.topics import topic_name
from screening.settings import Settings

pytestmark = pytest.mark.kafka


def read_topic(settings: Settings, logical: str, expect: int, timeout: float = 20.0) -> list[dict]:
    from kafka import TopicPartition

    consumer = clients.consumer(settings, "console-test")
    topic = topic_name(logical, settings)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    out: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(out) < expect:
        for records in consumer.poll(timeout_ms=300).values():
            out += [{"key": r.key.decode(), **json.loads(r.value)} for r in records]
    if expect == 0:  # nothing expected: read to the end once more to be sure
        for records in consumer.poll(timeout_ms=1000).values():
            out += [{"key": r.key.decode(), **json.loads(r.value)} for r in records]
    consumer.close()
    return out


@pytest.fixture
def kafka_console(
    topic_prefix: str, kafka_bootstrap: str, screener: Screener, users_file: Path, tmp_path: Path
) -> Iterator[tuple[Settings, ConsoleState, KafkaFeed]]:
    settings = Settings(broker=kafka_bootstrap, topic_prefix=topic_prefix)
    producer = clients.producer(settings)
    lines = review_lines(screener)
    for line in lines:
        record = json.loads(line)
        key = record["decision"]["event_id"].encode()
        producer.send(
            topic_name(EVENTS, settings), key=key, value=json.dumps(record["event"]).encode()
        )
        producer.send(
            topic_name(REVIEW, settings), key=key, value=json.dumps(record["decision"]).encode()
        )
    producer.send(topic_name(REVIEW, settings), key=b"bad", value=b"{not json")
    producer.flush()
    producer.close()
    index = ReviewIndex()
    feed = KafkaFeed(settings, index)
    feed.start()
    assert feed.caught_up.wait(30), "the console feed did not catch up with the topics"
    state = ConsoleState(
        index=index,
        users=UsersConfig.load(users_file),
        store=AllowlistStore(tmp_path / "allowlist"),
        snapshot=screener.snapshot,
        sinks=[KafkaSink(settings)],
    )
    yield settings, state, feed
    feed.stop()
    feed.join(10)


def logged_in(state: ConsoleState, name: str) -> TestClient:
    client = TestClient(create_app(state), follow_redirects=False)
    token = csrf_of(client)
    data = {"username": name, "password": PASSWORDS[name], "csrf": token}
    assert client.post("/login", data=data).status_code == 303
    return client


def test_console_reads_review_topic_and_writes_actions_and_allowlist(
    kafka_console: tuple[Settings, ConsoleState, KafkaFeed], screener: Screener
) -> None:
    settings, state, feed = kafka_console
    assert len(state.index) == len(review_lines(screener))
    assert feed.bad == 1  # the unreadable record is counted, not fatal
    event_id = IVAN["event_id"]
    assert state.index.event(event_id) is not None  # the event arrived beside its decision

    viewer = logged_in(state, "victor")
    token = csrf_of(viewer, f"/review/{event_id}")
    assert viewer.post(f"/review/{event_id}/true-match", data={"csrf": token}).status_code == 403
    assert read_topic(settings, ACTIONS, 0) == []

    alice = logged_in(state, "alice")
    token = csrf_of(alice, f"/review/{event_id}")
    form = {"csrf": token, "hit": "0", "name": "Ivan P. Sidorchuk", "kind": "person"}
    form |= {"country": "RU", "reason": "known customer", "until": REVIEW_DATE}
    assert alice.post(f"/review/{event_id}/false-positive", data=form).status_code == 303
    [entry] = state.store.load().entries.values()
    bob = logged_in(state, "bob")
    token = csrf_of(bob, "/allowlist")
    assert bob.post(f"/allowlist/{entry.entry_id}/approve", data={"csrf": token}).status_code == 303

    actions = read_topic(settings, ACTIONS, 2)
    assert [(a["key"], a["action"], a["user"]) for a in actions] == [
        (event_id, "false_positive", "alice"),
        (event_id, "approve", "bob"),
    ]
    assert all(a["at"].endswith("Z") for a in actions)
    changes = read_topic(settings, ALLOWLIST, 2)
    assert [(c["key"], c["status"]) for c in changes] == [
        (entry.entry_id, "pending"),
        (entry.entry_id, "approved"),
    ]
    assert changes[-1]["approved_by"] == "bob"
