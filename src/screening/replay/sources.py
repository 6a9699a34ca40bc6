"""Where replay reads records from: a JSON-lines file, or a Kafka topic (`kafka:TOPIC`).

A topic is read from the beginning of every partition up to the end offsets seen at the
start, through the project's kafka-python clients (`screening.kafka.clients`), so a replay of
a live topic ends. Each record keeps its place (partition, offset or file line), which the
report and the chain check name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.settings import Settings

KAFKA_PREFIX = "kafka:"


@dataclass(frozen=True, slots=True)
class Record:
    partition: int  # 0 for a file
    offset: int  # line number in a file (from 1), offset in a topic
    value: bytes

    @property
    def place(self) -> str:
        return f"{self.partition}@{self.offset}"


def is_topic(spec: str) -> bool:
    return spec.startswith(KAFKA_PREFIX)


def read_records(spec: str, settings: Settings) -> Iterator[Record]:
    if is_topic(spec):
        yield from _topic_records(spec[len(KAFKA_PREFIX) :], settings)
        return
    path = Path(spec)
    try:
        f = path.open("rb")
    except OSError as exc:
        raise ConfigError(f"cannot open {path}: {exc.strerror or exc}") from exc
    with f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield Record(0, number, line.rstrip(b"\r\n"))


def _topic_records(topic: str, settings: Settings) -> Iterator[Record]:
    from screening.kafka.clients import consumer, refusals

    if not topic:
        raise ConfigError("kafka: needs a topic name, e.g. kafka:screening.decisions")
    client = consumer(settings, client_id="screening-replay", consumer_timeout_ms=10_000)
    try:
        with refusals(settings, f"reading {topic}"):
            yield from _read_topic(client, topic, settings)
    finally:
        client.close()


def _read_topic(client: Any, topic: str, settings: Settings) -> Iterator[Record]:
    from kafka import TopicPartition

    partitions = client.partitions_for_topic(topic)
    if not partitions:
        raise ConfigError(f"topic {topic!r} does not exist on {settings.broker}")
    tps = [TopicPartition(topic, p) for p in sorted(partitions)]
    client.assign(tps)
    client.seek_to_beginning(*tps)
    end = client.end_offsets(tps)
    for tp in tps:  # partition by partition, each in offset order
        if end[tp] == 0:
            continue
        client.assign([tp])
        client.seek_to_beginning(tp)
        while client.position(tp) < end[tp]:
            batch = client.poll(timeout_ms=2000, max_records=5000)
            if not batch:
                raise ConfigError(f"{topic}[{tp.partition}]: no records before the end offset")
            for message in batch.get(tp, []):
                if message.offset >= end[tp]:
                    break
                yield Record(tp.partition, message.offset, message.value or b"")
