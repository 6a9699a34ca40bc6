"""Where the console reads from and writes to: Kafka topics, or JSON-lines files for tests.

Reading: a kafka-python consumer in a background thread replays `screening.review`,
`screening.events` (to show each flagged event) and `screening.review.actions` from the start
into the in-memory index, then follows them. Writing: each analyst action is appended to
`screening.review.actions` (key event id) and allowlist changes to `screening.allowlist`
(key entry id), and/or to JSON-lines files.
"""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any, Protocol

from screening.allowlist import AllowlistEntry
from screening.console.index import ReviewIndex
from screening.kafka import clients
from screening.kafka.topics import topic_name
from screening.settings import Settings

log = logging.getLogger(__name__)

REVIEW = "screening.review"
EVENTS = "screening.events"
ACTIONS = "screening.review.actions"
ALLOWLIST = "screening.allowlist"


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Sink(Protocol):
    def action(self, record: dict[str, Any]) -> None: ...
    def allowlist(self, entry: AllowlistEntry) -> None: ...


class FileSink:
    """Actions appended to a JSON-lines file (allowlist changes already go to the store's log)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def action(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(_dumps(record) + "\n")

    def allowlist(self, entry: AllowlistEntry) -> None:
        return None

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(x) for x in self.path.read_text(encoding="utf-8").splitlines() if x]


class KafkaSink:
    """Synchronous sends (acks=all, waited for): an action is done only when the broker has it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.producer = clients.producer(settings, "screening-console", linger_ms=0)

    def _send(self, logical: str, key: str, value: dict[str, Any]) -> None:
        future = self.producer.send(
            topic_name(logical, self.settings), key=key.encode(), value=_dumps(value).encode()
        )
        future.get(timeout=10)

    def action(self, record: dict[str, Any]) -> None:
        self._send(ACTIONS, record["event_id"], record)

    def allowlist(self, entry: AllowlistEntry) -> None:
        self._send(ALLOWLIST, entry.entry_id, entry.to_dict())

    def close(self) -> None:
        self.producer.close(timeout=5)


class KafkaFeed(threading.Thread):
    """Background consumer: every partition of the three topics from the beginning (no group)."""

    def __init__(self, settings: Settings, index: ReviewIndex) -> None:
        super().__init__(name="console-feed", daemon=True)
        self.settings = settings
        self.index = index
        self.stop_event = threading.Event()
        self.caught_up = threading.Event()
        self.records = 0
        self.bad = 0

    def run(self) -> None:
        """Follow the topics; a lost broker is retried (re-reading is idempotent for the index)."""
        while not self.stop_event.is_set():
            try:
                self._follow()
            except Exception as exc:  # any client failure: log, wait, retry
                log.error("console feed failed (%r); retrying in 5 s", exc)
                self.stop_event.wait(5)

    def _follow(self) -> None:
        from kafka import TopicPartition

        consumer = clients.consumer(self.settings, "screening-console")
        try:
            names = {topic_name(t, self.settings): t for t in (REVIEW, EVENTS, ACTIONS)}
            partitions = [
                TopicPartition(topic, p)
                for topic in names
                for p in sorted(consumer.partitions_for_topic(topic) or ())
            ]
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            end = consumer.end_offsets(partitions)
            while not self.stop_event.is_set():
                for tp, messages in consumer.poll(timeout_ms=200).items():
                    for message in messages:
                        self._take(names[tp.topic], message.value)
                if not self.caught_up.is_set() and all(
                    consumer.position(tp) >= end[tp] for tp in partitions
                ):
                    self.caught_up.set()
        finally:
            consumer.close()

    def _take(self, logical: str, raw: bytes | None) -> None:
        self.records += 1
        try:
            value = json.loads(raw or b"")
            if logical == REVIEW:
                self.index.add_record(value)
            elif logical == EVENTS:
                self.index.add_event(value)
            else:
                self.index.add_action(value)
        except (ValueError, TypeError, AttributeError) as exc:
            self.bad += 1  # a bad record is counted and logged, never fatal to the console
            log.warning("%s: unreadable record skipped: %s", logical, exc)

    def stop(self) -> None:
        self.stop_event.set()
