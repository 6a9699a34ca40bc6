"""The local broker and the Kafka tools, timed on this machine.

    python benchmarks/bench_kafka_tools.py [--events 20000] [--fetch] [--cold-fetch] [--no-secure]

In one run:
1. jar fetch (`--fetch`: warm Maven repository, fresh libs dir; `--cold-fetch`: also an empty
   Maven repository, ~64 MB from Maven Central);
2. broker: format + start of a fresh data dir (launch -> admin round trip), a second `start`
   on the running broker (reuse), stop (SIGTERM -> exit), restart on the same data;
3. `topics create` of the 8 topics of streams/topics.toml;
4. `screening publish` and `screening consume` of N sample events, each as a ratio to the bare
   kafka-python client doing the same I/O in the same run (the baseline: no line parsing,
   no JSON decoding, no output);
5. the same publish and consume over TLS + SCRAM-SHA-512 on a secure broker, as a ratio to
   plaintext (what security costs), unless --no-secure.
Prints the numbers and writes benchmarks/results/kafka_tools.txt.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import RESULTS_DIR
from benchmarks.machine import machine_lines
from kafka import TopicPartition
from screening.commands import consume, publish
from screening.kafka import broker, clients, security, topics
from screening.paths import SAMPLE_EVENTS
from screening.settings import Settings


@contextlib.contextmanager
def timer(results: dict[str, float], name: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    results[name] = time.perf_counter() - started


def make_events(path: Path, n: int) -> None:
    """N distinct events (sample events with new ids), one per line."""
    sample = [json.loads(line) for line in SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            event = dict(sample[i % len(sample)])
            event["event_id"] = f"bench-{i:07d}"
            out.write(json.dumps(event, separators=(",", ":")) + "\n")


def tool_publish(settings: Settings, path: Path, logical: str) -> float:
    started = time.perf_counter()
    args = argparse.Namespace(file=str(path), broker=None, topic=logical, header=[])
    with contextlib.redirect_stderr(io.StringIO()):
        assert publish._publish_with(settings, args) == 0
    return time.perf_counter() - started


def raw_publish(settings: Settings, path: Path, logical: str) -> float:
    lines = path.read_bytes().splitlines()
    topic = topics.topic_name(logical, settings)
    started = time.perf_counter()
    producer = clients.producer(settings)
    for i, line in enumerate(lines):
        producer.send(topic, line, key=str(i).encode())
    producer.flush()
    producer.close()
    return time.perf_counter() - started


def tool_consume(settings: Settings, logical: str, n: int) -> float:
    started = time.perf_counter()
    sink = io.StringIO()
    written = consume.consume(settings, topics.topic_name(logical, settings), sink, n, 20.0)
    assert written == n, written
    return time.perf_counter() - started


def raw_consume(settings: Settings, logical: str, n: int) -> float:
    topic = topics.topic_name(logical, settings)
    started = time.perf_counter()
    reader = clients.consumer(settings)
    parts = [TopicPartition(topic, p) for p in sorted(reader.partitions_for_topic(topic))]
    reader.assign(parts)
    reader.seek_to_beginning(*parts)
    got = 0
    while got < n:
        for records in reader.poll(timeout_ms=200, max_records=500).values():
            got += len(records)
    reader.close()
    return time.perf_counter() - started


def io_rates(settings: Settings, events: Path, n: int, out: dict[str, float]) -> None:
    """Tool and bare-client publish/consume on two fresh event topics."""
    out["publish_tool"] = tool_publish(settings, events, topics.EVENTS)
    out["publish_raw"] = raw_publish(settings, events, topics.DECISIONS)
    out["consume_tool"] = tool_consume(settings, topics.EVENTS, n)
    out["consume_raw"] = raw_consume(settings, topics.DECISIONS, n)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--fetch", action="store_true", help="time a warm jar fetch")
    parser.add_argument("--cold-fetch", action="store_true", help="and a cold one (64 MB)")
    parser.add_argument("--no-secure", action="store_true", help="skip the TLS + SCRAM run")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "kafka_tools.txt")
    args = parser.parse_args(argv)
    t: dict[str, float] = {}
    lines = [f"Kafka broker and tools: {args.events:,} sample events (~1 KB each)"]
    quiet = io.StringIO()
    with tempfile.TemporaryDirectory(prefix="bench-kafka-") as tmp_text:
        tmp = Path(tmp_text)
        if args.fetch or args.cold_fetch:
            with timer(t, "fetch_warm"):
                broker.fetch_jars(tmp / "libs-warm", out=quiet)
            lines.append(f"jar fetch, warm Maven repository:   {t['fetch_warm']:6.1f} s")
        if args.cold_fetch:
            import os

            os.environ["SCREENING_MAVEN_REPO"] = str(tmp / "m2")
            with timer(t, "fetch_cold"):
                broker.fetch_jars(tmp / "libs-cold", out=quiet)
            lines.append(f"jar fetch, empty Maven repository:  {t['fetch_cold']:6.1f} s")
        data = tmp / "broker"
        port = broker.free_port()
        try:
            with timer(t, "start_fresh"):
                bootstrap = broker.start(data, port, out=quiet)
            with timer(t, "start_reuse"):
                broker.start(data, port, out=quiet)
            settings = Settings(broker=bootstrap, topic_prefix="b1.")
            with timer(t, "topics"):
                reports = topics.create_topics(None, settings)
            assert all(r.action == "created" for r in reports)
            events = tmp / "events.jsonl"
            make_events(events, args.events)
            plain: dict[str, float] = {}
            io_rates(settings, events, args.events, plain)
            with timer(t, "stop"):
                broker.stop(data)
            with timer(t, "restart"):
                broker.start(data, port, out=quiet)
        finally:
            broker.stop(data)
        lines += [
            f"broker format + start (fresh):       {t['start_fresh']:6.1f} s",
            f"broker start again (running, reuse): {t['start_reuse']:6.2f} s",
            f"broker stop (SIGTERM -> exit):        {t['stop']:6.1f} s",
            f"broker restart (same data, 8 topics): {t['restart']:6.1f} s",
            f"topics create (8 topics, 38 parts):  {t['topics']:6.2f} s",
        ]
        n = args.events

        def rate_lines(label: str, r: dict[str, float]) -> list[str]:
            return [
                f"{label} publish: tool {n / r['publish_tool']:8,.0f}/s, bare kafka-python "
                f"{n / r['publish_raw']:8,.0f}/s, ratio {r['publish_raw'] / r['publish_tool']:.2f}",
                f"{label} consume: tool {n / r['consume_tool']:8,.0f}/s, bare kafka-python "
                f"{n / r['consume_raw']:8,.0f}/s, ratio {r['consume_raw'] / r['consume_tool']:.2f}",
            ]

        lines += rate_lines("plaintext", plain)
        if not args.no_secure:
            data = tmp / "secure"
            try:
                with timer(t, "start_secure"):
                    bootstrap = broker.start(data, broker.free_port(), secure=True, out=quiet)
                admin = security.client_settings(data, bootstrap, "admin", topic_prefix="b2.")
                topics.create_topics(None, admin)
                secure: dict[str, float] = {}
                io_rates(admin, events, n, secure)
            finally:
                broker.stop(data)
            lines.append(
                f"secure broker: format + start (TLS, 5 SCRAM users): {t['start_secure']:.1f} s"
            )
            lines += rate_lines("SASL_SSL ", secure)
            for kind in ("publish", "consume"):
                ratio = plain[f"{kind}_tool"] / secure[f"{kind}_tool"]
                lines.append(f"{kind} tool over TLS + SCRAM vs plaintext: {ratio:.2f} of the rate")
    lines += machine_lines()
    text = "\n".join(lines)
    print(text)
    if args.results:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
