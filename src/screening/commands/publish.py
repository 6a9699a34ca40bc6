"""`screening publish FILE.jsonl`: one Kafka record per line, keyed by the event's `event_id`.

Every non-blank line is published byte for byte, valid or not: a line that is not JSON or has
no string `event_id` goes out with a null key (there is no identity to key it by, and a made-up
key could collide with a real event id), so the worker dead-letters it instead of it vanishing
here. Every record carries a `screening.source.line` header with its line number.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.kafka import clients
from screening.kafka.topics import EVENTS, topic_name
from screening.settings import Settings, load_settings

LINE_HEADER = "screening.source.line"
MAX_RECORD_BYTES = 1_048_588


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "publish",
        help="publish a JSON Lines file as events keyed by event_id",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", metavar="FILE.jsonl", help="events, one per line ('-': stdin)")
    parser.add_argument("--broker", help="bootstrap servers (default: SCREENING_BROKER)")
    parser.add_argument(
        "--topic", default=EVENTS, help=f"logical topic (default {EVENTS}; prefix is prepended)"
    )
    parser.add_argument(
        "--header", action="append", default=[], metavar="NAME=VALUE", help="add to every record"
    )
    parser.set_defaults(func=_publish)


def event_key(line: bytes) -> bytes | None:
    """The record key: the `event_id` of a JSON object line, else None."""
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, dict):
        event_id = value.get("event_id")
        if isinstance(event_id, str) and event_id:
            return event_id.encode("utf-8")
    return None


def _headers(pairs: list[str]) -> list[tuple[str, bytes]]:
    headers = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise ConfigError(f"--header wants NAME=VALUE, got {pair!r}")
        headers.append((name, value.encode("utf-8")))
    return headers


def _lines(path: str) -> Any:
    if path == "-":
        return sys.stdin.buffer
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise ConfigError(f"cannot open {path}: {exc.strerror}") from exc


def _publish(args: argparse.Namespace) -> int:
    return _publish_with(load_settings(broker=args.broker), args)


def _publish_with(settings: Settings, args: argparse.Namespace) -> int:
    topic = topic_name(args.topic, settings)
    extra = _headers(args.header)
    producer = clients.producer(settings, max_request_size=MAX_RECORD_BYTES + 1024)
    keyed = unkeyed = blank = 0
    unkeyed_lines: list[int] = []
    failed: dict[int, str] = {}
    futures = []
    started = time.monotonic()
    with _lines(args.file) as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip(b"\r\n") if raw.endswith(b"\n") else raw
            if not line.strip():
                blank += 1
                continue
            key = event_key(line)
            if key is None:
                unkeyed += 1
                unkeyed_lines.append(number)
            else:
                keyed += 1
            headers = [(LINE_HEADER, str(number).encode()), *extra]
            try:
                futures.append((number, producer.send(topic, line, key=key, headers=headers)))
            except Exception as exc:  # too large, unknown topic, not authorized: per line
                failed[number] = clients.describe_error(exc, settings)
    producer.flush()
    for number, future in futures:
        try:
            future.get(timeout=30)
        except Exception as exc:  # reported per line below
            failed[number] = clients.describe_error(exc, settings)
    producer.close()
    elapsed = time.monotonic() - started
    sent = keyed + unkeyed - len(failed)
    rate = sent / elapsed if elapsed > 0 else 0.0
    print(
        f"published {sent} records to {topic} in {elapsed:.2f} s ({rate:.0f}/s): "
        f"{keyed} keyed by event_id, {unkeyed} without an event_id (null key), "
        f"{blank} blank lines skipped, {len(failed)} failed",
        file=sys.stderr,
    )
    if unkeyed_lines:
        shown = ", ".join(map(str, unkeyed_lines[:20])) + (
            " ..." if len(unkeyed_lines) > 20 else ""
        )
        print(f"  lines without an event_id: {shown}", file=sys.stderr)
    by_reason: dict[str, list[int]] = {}
    for number, reason in sorted(failed.items()):
        by_reason.setdefault(reason, []).append(number)
    for reason, numbers in by_reason.items():
        shown = ", ".join(map(str, numbers[:10])) + (" ..." if len(numbers) > 10 else "")
        print(f"  {len(numbers)} lines not published ({shown}): {reason}", file=sys.stderr)
    return 1 if failed else 0
