"""The allowlist in the stream setting: publish entries to, and follow, `screening.allowlist`.

The topic is compacted and keyed by entry id; each value is the entry's full state after a
change (the store's log line), so the latest value per key is the entry. A follower reads it
from the start (no consumer group: every worker reads it all) and keeps the current
`Allowlist`; `apply` gives a worker's screener that allowlist, binding it to the screener's
snapshot once per (lists version, allowlist version). The worker waits for the follower to
catch up before its first batch, so a restart does not flag what the allowlist clears.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from screening.allowlist import Allowlist, AllowlistEntry
from screening.decision import Screener
from screening.kafka import clients
from screening.kafka.topics import topic_name
from screening.settings import Settings

log = logging.getLogger(__name__)
ALLOWLIST = "screening.allowlist"


class AllowlistPublisher:
    """Sends each entry state (acks=all, waited for) keyed by entry id."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.topic = topic_name(ALLOWLIST, settings)
        self.producer = clients.producer(settings, "screening-allowlist", linger_ms=0)

    def __call__(self, entry: AllowlistEntry) -> None:
        value = json.dumps(entry.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with clients.refusals(self.settings, f"publishing allowlist entry to {self.topic}"):
            key = entry.entry_id.encode()
            self.producer.send(self.topic, key=key, value=value.encode()).get(10)

    def close(self) -> None:
        self.producer.close(timeout=5)


class AllowlistFollower(threading.Thread):
    """Background reader of the topic; `current` is the allowlist as of the last record read."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(name="allowlist-follower", daemon=True)
        self.settings = settings
        self.stop_event = threading.Event()
        self.caught_up = threading.Event()
        # None until the topic holds a record: a worker with no allowlist in use keeps deciding
        # without one (no `allowlist_version` in its decisions, same bytes as the batch CLI).
        self.current: Allowlist | None = None
        self.bad = 0
        self._latest: dict[str, dict[str, Any]] = {}
        self._bound: tuple[str, str, Screener] | None = None

    def run(self) -> None:
        """Follow the topic; a lost broker is retried (the last allowlist stays in force)."""
        while not self.stop_event.is_set():
            try:
                self._follow()
            except Exception as exc:  # any client failure: log, wait, retry
                log.error("following %s failed (%r); retrying in 5 s", ALLOWLIST, exc)
                self.stop_event.wait(5)

    def _follow(self) -> None:
        from kafka import TopicPartition

        consumer = clients.consumer(self.settings, "screening-allowlist-follower")
        topic = topic_name(ALLOWLIST, self.settings)
        try:
            partitions = [
                TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())
            ]
            consumer.assign(partitions)
            consumer.seek_to_beginning(*partitions)
            end = consumer.end_offsets(partitions)
            self._latest.clear()  # re-read from the start: the latest record per key wins
            while not self.stop_event.is_set():
                changed = False
                for messages in consumer.poll(timeout_ms=200).values():
                    for message in messages:
                        changed |= self._take(message.key, message.value)
                if changed:
                    self.current = Allowlist.from_records(self._latest.values())
                    log.info("allowlist now %s", self.current.version[:19])
                if not self.caught_up.is_set() and all(
                    consumer.position(tp) >= end[tp] for tp in partitions
                ):
                    self.caught_up.set()
        finally:
            consumer.close()

    def _take(self, key: bytes | None, value: bytes | None) -> bool:
        try:
            if value is None:  # a tombstone removes the entry
                self._latest.pop((key or b"").decode(), None)
                return True
            raw = json.loads(value)
            AllowlistEntry.from_dict(raw)  # readable before it is kept
        except (ValueError, KeyError, TypeError) as exc:
            self.bad += 1  # counted and logged: one bad record never stops the allowlist
            log.warning("%s: unreadable record skipped: %s", ALLOWLIST, exc)
            return False
        self._latest[raw["entry_id"]] = raw
        return True

    def apply(self, screener: Screener) -> Screener:
        """`screener` with the current allowlist (bound once per lists/allowlist version pair)."""
        allowlist = self.current
        if allowlist is None:
            return screener
        bound = self._bound
        if (
            bound is not None
            and bound[0] == screener.snapshot.version
            and bound[1] == (allowlist.version)
            and bound[2].matcher is screener.matcher
        ):
            return bound[2]
        with_list = screener.with_allowlist(allowlist)
        self._bound = (screener.snapshot.version, allowlist.version, with_list)
        return with_list

    def stop(self) -> None:
        self.stop_event.set()
