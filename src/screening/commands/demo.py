"""`screening demo`: the whole pipeline on this machine, on the embedded defaults.

Starts the local broker unless one is configured, creates the topics, starts a worker on the
bundled FICTIONAL sample list (the only place that list may be used), publishes the sample
stream and shows the decisions as they arrive, then a summary. Worker and broker keep running
(new events published with `screening publish` show up too) until Ctrl-C, or stop at once with
`--once`. The batch `screening screen` is unchanged.
"""

from __future__ import annotations

import argparse
import json
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from screening.errors import ScreeningError
from screening.kafka import broker, clients
from screening.kafka.topics import DECISIONS, EVENTS, create_topics, topic_name
from screening.paths import SAMPLE_EVENTS
from screening.settings import Settings, load_settings

WAIT_S = 180.0


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="run the streaming pipeline locally on the sample stream (broker, worker, decisions)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--once", action="store_true", help="stop worker (and the broker it started) at the end"
    )
    parser.add_argument("--broker", help="use this broker instead of the local one")
    parser.add_argument(
        "--events", type=Path, default=SAMPLE_EVENTS, help="JSON-lines events to publish"
    )
    parser.set_defaults(func=run)


@dataclass
class Tally:
    wanted: set[str]
    started: float = field(default_factory=time.monotonic)
    seen: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra: int = 0  # decisions of events published by someone else meanwhile
    first: float | None = None  # when the first decision arrived

    def add(self, value: bytes) -> None:
        decision = json.loads(value)
        if self.first is None:
            self.first = time.monotonic()
        if decision["event_id"] in self.wanted:
            self.seen.setdefault(decision["event_id"], decision)
        else:
            self.extra += 1

    @property
    def done(self) -> bool:
        return len(self.seen) >= len(self.wanted)

    def line(self) -> str:
        if not self.seen:
            waited = time.monotonic() - self.started
            return f"waiting for the worker (loading lists, joining the group) {waited:4.0f} s"
        outcomes = Counter(d["decision"] for d in self.seen.values())
        rate = len(self.seen) / max(time.monotonic() - (self.first or self.started), 1e-3)
        counts = "  ".join(f"{k} {outcomes[k]:>3}" for k in ("block", "flag", "allow"))
        more = f"  (+{self.extra} other)" if self.extra else ""
        return f"decisions {len(self.seen):>4}/{len(self.wanted)}  {counts}  {rate:5.0f}/s{more}"


def run(args: argparse.Namespace) -> int:
    settings = load_settings(broker=args.broker)
    out = sys.stdout
    started_broker = False
    if "broker" in settings.model_fields_set:
        bootstrap = settings.broker
        print(f"broker   {bootstrap} (configured)", file=out)
    else:
        started_broker = not broker.status(settings.kafka_data).running
        print(f"broker   {'starting' if started_broker else 'reusing'} the local broker", file=out)
        bootstrap = broker.start(settings.kafka_data, out=out)
        settings = settings.model_copy(update={"broker": bootstrap})
        print(f"broker   {bootstrap} (data {settings.kafka_data})", file=out)
    reports = create_topics(bootstrap, settings)
    created = sum(r.action == "created" for r in reports)
    print(f"topics   {len(reports)} ({created} created)", file=out)

    workdir = Path(tempfile.mkdtemp(prefix="screening-demo-"))
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):  # all clean up like Ctrl-C
        signal.signal(signum, _interrupt)
    port = _metrics_port(settings)
    worker = _start_worker(settings, workdir, port)
    print(
        f"worker   pid {worker.pid}, log {workdir / 'worker.log'}, "
        f"metrics http://{settings.metrics_host}:{port}/metrics\n"
        "         on the bundled FICTIONAL sample list: the demo is the one place that is "
        "allowed;\n         real runs: screening worker --lists DIR",
        file=out,
    )
    try:
        return _show(settings, args.events, worker, workdir, out, once=args.once)
    except KeyboardInterrupt:
        print("\nstopping", file=out)
        return 0
    finally:
        _stop(worker)
        print(f"worker   stopped (pid {worker.pid})", file=out)
        if started_broker:
            broker.stop(settings.kafka_data)
            print("broker   stopped", file=out)


def _show(
    settings: Settings,
    events: Path,
    worker: subprocess.Popen[bytes],
    workdir: Path,
    out: IO[str],
    *,
    once: bool,
) -> int:
    consumer = clients.consumer(settings, client_id="screening-demo")
    topic = topic_name(DECISIONS, settings)
    from kafka import TopicPartition

    tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
    consumer.assign(tps)
    for tp, offset in consumer.end_offsets(tps).items():  # only what this run decides
        consumer.seek(tp, offset)
    try:
        return _follow(consumer, settings, events, worker, workdir, out, once=once)
    finally:
        consumer.close()


def _follow(
    consumer: Any,
    settings: Settings,
    events: Path,
    worker: subprocess.Popen[bytes],
    workdir: Path,
    out: IO[str],
    *,
    once: bool,
) -> int:
    tally = Tally(_publish(settings, events))
    print(f"events   {len(tally.wanted)} published to {topic_name(EVENTS, settings)}", file=out)
    tty = out.isatty()
    last = 0.0
    while not tally.done:
        if worker.poll() is not None:
            raise ScreeningError(f"the worker exited ({worker.returncode}):\n{_tail(workdir)}")
        if time.monotonic() - tally.started > WAIT_S:
            raise ScreeningError(
                f"no decision for every event within {WAIT_S:.0f} s:\n{_tail(workdir)}"
            )
        for batch in consumer.poll(timeout_ms=200).values():
            for record in batch:
                tally.add(record.value)
        if tty:
            print("\r" + tally.line().ljust(79), end="", file=out, flush=True)
        elif time.monotonic() - last >= 1.0 or tally.done:
            print(tally.line(), file=out, flush=True)
            last = time.monotonic()
    if tty:
        print(file=out)
    _summary(tally, out)
    if once or not sys.stdin.isatty():
        if not once:
            print("(not on a terminal: stopping as with --once)", file=out)
        return 0
    print(
        "\nworker and broker keep running: publish more with `screening publish FILE`;"
        " Ctrl-C stops them",
        file=out,
    )
    while worker.poll() is None:
        for batch in consumer.poll(timeout_ms=500).values():
            for record in batch:
                tally.add(record.value)
                print("\r" + tally.line().ljust(79), end="", file=out, flush=True)
    return 1


def _publish(settings: Settings, events: Path) -> set[str]:
    from screening.commands.publish import event_key

    producer = clients.producer(settings, client_id="screening-demo")
    wanted: set[str] = set()
    try:
        for line in events.read_bytes().splitlines():
            if line.strip():
                key = event_key(line)
                if key is not None:
                    wanted.add(key.decode())
                producer.send(topic_name(EVENTS, settings), line, key=key)
        producer.flush()
    finally:
        producer.close()
    return wanted


def _summary(tally: Tally, out: IO[str]) -> None:
    decisions = list(tally.seen.values())
    seconds = time.monotonic() - tally.started
    first = decisions[0] if decisions else {}
    print(
        f"\ndecided {len(decisions)} events {seconds:.1f} s after publishing (incl. worker start)"
        f"  (lists {first.get('list_version', '?')[:19]}, policy {first.get('policy_version')})",
        file=out,
    )
    outcomes = Counter(d["decision"] for d in decisions)
    for outcome in ("block", "flag", "allow"):
        share = 100 * outcomes[outcome] / max(len(decisions), 1)
        print(f"  {outcome:<6}{outcomes[outcome]:>5}  {share:4.0f} %", file=out)
    reasons: Counter[str] = Counter()
    lists: Counter[str] = Counter()
    for d in decisions:
        mine = set()
        for rule in d["rules"]:
            if rule["action"] != "allow":
                what = f"{rule['category']} goods ({rule['sector']})" if rule["sector"] else "goods"
                codes = f" [{', '.join(rule['reasons'])}]" if rule["reasons"] else ""
                mine.add(f"{rule['action']}: {what}{codes}")
        for hit in d["hits"]:
            mine.add(f"{hit['action']}: name match on {hit['list']}")
            lists[hit.get("source_list") or hit["list"]] += 1
        reasons.update(mine)
    print("top reasons (events):", file=out)
    for reason, count in reasons.most_common(6):
        print(f"  {count:>5}  {reason}", file=out)
    print("lists hit (party hits):", file=out)
    for name, count in lists.most_common(5) or [("(none)", 0)]:
        print(f"  {count:>5}  {name}", file=out)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _metrics_port(settings: Settings) -> int:
    """The configured metrics port, or a free one when something else holds it."""
    with socket.socket() as probe:
        try:
            probe.bind((settings.metrics_host, settings.metrics_port))
        except OSError:
            return broker.free_port()
    return settings.metrics_port


def _start_worker(settings: Settings, workdir: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "screening.cli", "worker", "--sample-lists"]
    command += ["--metrics-port", str(port)]
    with (workdir / "worker.log").open("wb") as log:
        return subprocess.Popen(
            [*command, "--broker", settings.broker],
            cwd=workdir,
            stdout=log,
            stderr=log,
            start_new_session=True,  # Ctrl-C reaches the demo only; it stops the worker cleanly
        )


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def _tail(workdir: Path, lines: int = 15) -> str:
    text = (workdir / "worker.log").read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])
