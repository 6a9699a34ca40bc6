"""`screening rescreen`: counterparties seen before, screened again after a list change."""

from __future__ import annotations

import argparse
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from screening.commands.lists import _resolve, _store
from screening.errors import ConfigError, EventError
from screening.events import parse_event
from screening.lists.diff import diff_frames
from screening.replay.engine import parse_time
from screening.replay.sources import read_records
from screening.rescreen.book import Counterparty, CounterpartyBook, rescreen
from screening.runtime import match_config
from screening.settings import Settings, load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "rescreen",
        help="screen recent counterparties again against the entities a list change added",
        description="Update the counterparty record (--book, one JSON line per party: "
        "normalised name, kind, country, last seen, last event ids) from EVENTS, drop parties "
        "not seen within the lookback, and screen the rest against only the entities NEW "
        "added or renamed since OLD. One alert per party and entity it now hits, to "
        "--alerts and (with --publish) to the screening.rescreen topic. Exit 1 with alerts.",
    )
    parser.add_argument("--events", help="events seen: FILE or kafka:TOPIC")
    parser.add_argument("--book", type=Path, required=True, help="counterparty record (JSONL)")
    parser.add_argument("--old", help="lists dir or stored version (default: the one before NEW)")
    parser.add_argument("--new", help="lists dir or stored version (default: latest in store)")
    parser.add_argument("--store", type=Path, help="snapshot store (default: SCREENING_STORE_DIR)")
    parser.add_argument(
        "--lookback", type=int, help="days (default: SCREENING_RESCREEN_LOOKBACK_DAYS)"
    )
    parser.add_argument("--at", help="the time the lookback counts back from (default: now)")
    parser.add_argument("--alerts", type=Path, default=Path("rescreen-alerts.jsonl"))
    parser.add_argument("--publish", action="store_true", help="also send alerts to Kafka")
    parser.add_argument("--broker", help="bootstrap servers (default: SCREENING_BROKER)")
    parser.set_defaults(func=run)


def _load_book(path: Path) -> CounterpartyBook:
    if not path.is_file():
        return CounterpartyBook()
    lines = path.read_text(encoding="utf-8").splitlines()
    return CounterpartyBook(Counterparty.from_dict(json.loads(x)) for x in lines if x.strip())


def _save_book(path: Path, book: CounterpartyBook) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".partial")
    tmp.write_text(
        "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in book.parties()),
        encoding="utf-8",
    )
    tmp.replace(path)


def _publish(settings: Settings, alerts: list[dict[str, Any]]) -> None:
    from screening.kafka.clients import producer, refusals
    from screening.kafka.topics import RESCREEN, topic_name

    client = producer(settings, client_id="screening-rescreen")
    topic = topic_name(RESCREEN, settings)
    try:
        with refusals(settings, f"publishing rescreen alerts to {topic}"):
            futures = []
            for alert in alerts:
                value = json.dumps(alert, ensure_ascii=False, separators=(",", ":")).encode()
                key = alert["party_key"].encode("utf-8")
                futures.append(client.send(topic, key=key, value=value))
            client.flush()
            for future in futures:  # flush() does not raise a refused send: get() does
                future.get(timeout=30)
    finally:
        client.close()


def run(args: argparse.Namespace) -> int:
    settings = load_settings(broker=args.broker)
    started = time.perf_counter()
    store = _store(settings, args.store, required=False)
    book = _load_book(args.book)
    seen = 0
    if args.events:
        for record in read_records(args.events, settings):
            try:
                book.observe(parse_event(record.value))
            except EventError:
                continue
            seen += 1
    at = parse_time(args.at) if args.at else datetime.now(UTC)
    lookback = args.lookback or settings.rescreen_lookback_days
    since = (at - timedelta(days=lookback)).isoformat().replace("+00:00", "Z")
    dropped = book.prune(since)
    _save_book(args.book, book)
    new_spec, old_spec = args.new, args.old
    if new_spec is None or old_spec is None:
        history = [h["list_version"] for h in store.history()] if store else []
        versions = list(dict.fromkeys(reversed(history)))  # newest first, unique
        if new_spec is None and versions:
            new_spec = versions[0]
        if old_spec is None and new_spec in versions[:-1]:
            old_spec = versions[versions.index(new_spec) + 1]
    if new_spec is None or old_spec is None:
        raise ConfigError("rescreen needs --old and --new (or a store holding two snapshots)")
    old, new = _resolve(old_spec, store), _resolve(new_spec, store)
    diff = diff_frames(old.entities, new.entities, old.version, new.version)
    alerts = rescreen(book, old.entities, new.entities, diff, match_config(settings))
    args.alerts.parent.mkdir(parents=True, exist_ok=True)
    with args.alerts.open("w", encoding="utf-8") as f:
        for alert in alerts:
            f.write(json.dumps(alert, ensure_ascii=False) + "\n")
    if args.publish and alerts:
        _publish(settings, alerts)
    totals = diff.totals()
    print(
        f"rescreened {len(book.entries):,} counterparties ({seen:,} events read, {dropped:,} "
        f"older than {lookback} days dropped) against {totals['added']:,} added and "
        f"{totals['changed']:,} changed entities ({old.version[:19]} -> {new.version[:19]}) "
        f"in {time.perf_counter() - started:.2f} s: {len(alerts)} alert(s) -> {args.alerts}"
    )
    for alert in alerts[:10]:
        print(
            f"  {alert['party']!r} now hits {alert['list']}:{alert['entity_id']} "
            f"{alert['matched_name']!r} ({alert['list_change']}, {alert['score']}) "
            f"in {len(alert['event_ids'])} event(s)"
        )
    return 1 if alerts else 0
