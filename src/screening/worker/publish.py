"""Writing the list reference record (the producer side of `snapshots`)."""

from __future__ import annotations

from pathlib import Path

from screening.kafka import clients
from screening.kafka.topics import LISTS, topic_name
from screening.lists.snapshot import ListSnapshot
from screening.settings import Settings
from screening.worker.snapshots import REFERENCE_KEY, ListReference, reference_for


def publish_lists(settings: Settings, lists_dir: Path) -> ListReference:
    """Load `lists_dir` (so the announced version is what the files hash to) and announce it."""
    reference = reference_for(ListSnapshot.load(lists_dir), lists_dir)
    send_reference(settings, reference.to_json())
    return reference


def send_reference(settings: Settings, value: bytes) -> None:
    producer = clients.producer(settings, client_id="screening-lists-publish")
    topic = topic_name(LISTS, settings)
    try:
        with clients.refusals(settings, f"publishing the list reference to {topic}"):
            producer.send(topic, key=REFERENCE_KEY, value=value).get(timeout=30)
    finally:
        producer.close()
