"""`screening consume TOPIC`: read a topic from the beginning, one JSON record per line.

Each line: {"topic", "partition", "offset", "timestamp", "key", "headers", "value",
"value_format"}. `value` is the decoded JSON when the bytes parse as JSON (value_format "json"),
else the UTF-8 text ("text"), else {"base64": ...} ("base64"); a null value is null ("null").
`key` and header values are UTF-8 strings, or {"base64": ...} when not UTF-8; `headers` is a list
of [name, value] pairs (Kafka allows repeated names). No consumer group: nothing is committed.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
from pathlib import Path
from typing import IO, Any

from kafka import TopicPartition
from screening.errors import BrokerError, ConfigError
from screening.kafka import clients
from screening.kafka.topics import topic_name
from screening.settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "consume",
        help="read a topic from the beginning as JSON lines",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("topic", metavar="TOPIC", help="logical topic (prefix is prepended)")
    parser.add_argument("--broker", help="bootstrap servers (default: SCREENING_BROKER)")
    parser.add_argument("--count", type=int, help="stop after N records (exit 1 if fewer came)")
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="stop when no record arrived for S seconds (default 10)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.set_defaults(func=_consume)


def _text(data: bytes | None) -> Any:
    if data is None:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}


def decode_value(data: bytes | None) -> tuple[Any, str]:
    if data is None:
        return None, "null"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"base64": base64.b64encode(data).decode("ascii")}, "base64"
    try:
        return json.loads(text), "json"
    except (ValueError, RecursionError):
        return text, "text"


def record_json(record: Any) -> dict[str, Any]:
    value, value_format = decode_value(record.value)
    return {
        "topic": record.topic,
        "partition": record.partition,
        "offset": record.offset,
        "timestamp": record.timestamp,
        "key": _text(record.key),
        "headers": [[name, _text(value)] for name, value in (record.headers or [])],
        "value": value,
        "value_format": value_format,
    }


def consume(settings: Any, topic: str, out: IO[str], count: int | None, idle_timeout: float) -> int:
    """Write records of `topic` from offset 0 to `out`; return how many were written."""
    reader = clients.consumer(settings)
    try:
        partitions = reader.partitions_for_topic(topic)
        deadline = time.monotonic() + 5.0
        while not partitions and time.monotonic() < deadline:
            # a topic created a moment ago may not be in this client's metadata yet
            if topic in reader.topics():
                partitions = reader.partitions_for_topic(topic)
            else:
                time.sleep(0.2)
        if not partitions:
            user = settings.kafka_sasl_username
            may = f", or user {user} may not read it" if user else ""
            raise BrokerError(f"topic {topic} does not exist on {settings.broker}{may}")
        assigned = [TopicPartition(topic, p) for p in sorted(partitions)]
        reader.assign(assigned)
        reader.seek_to_beginning(*assigned)
        written = 0
        last = time.monotonic()
        while count is None or written < count:
            batch = reader.poll(timeout_ms=200, max_records=500)
            if not batch:
                if time.monotonic() - last > idle_timeout:
                    break
                continue
            last = time.monotonic()
            for records in batch.values():
                for record in records:
                    out.write(json.dumps(record_json(record), ensure_ascii=False) + "\n")
                    written += 1
                    if count is not None and written >= count:
                        return written
        return written
    finally:
        reader.close()


def _consume(args: argparse.Namespace) -> int:
    if args.count is not None and args.count < 1:
        raise ConfigError("--count must be at least 1")
    settings = load_settings(broker=args.broker)
    topic = topic_name(args.topic, settings)
    started = time.monotonic()
    if args.output is not None:
        tmp = args.output.with_name(args.output.name + ".part")
        with tmp.open("w", encoding="utf-8") as out:
            written = consume(settings, topic, out, args.count, args.timeout)
        tmp.replace(args.output)
    else:
        written = consume(settings, topic, sys.stdout, args.count, args.timeout)
        sys.stdout.flush()
    elapsed = time.monotonic() - started
    print(f"consumed {written} records from {topic} in {elapsed:.2f} s", file=sys.stderr)
    if args.count is not None and written < args.count:
        print(
            f"  fewer than --count {args.count}: no new record for {args.timeout:g} s",
            file=sys.stderr,
        )
        return 1
    return 0
