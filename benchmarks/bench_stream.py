"""Stream worker speed on the real broker with every real list loaded.

    python benchmarks/bench_stream.py [--broker HOST:PORT] [--lists DIR] [--events 6000]

In one run, on one broker (the project's own, started in a temp dir unless --broker is given):
1. the faust passthrough ceiling: the same faust settings and batching as the worker, records
   copied from an input topic to an output topic with no screening;
2. the sustained rate of one `screening worker` on the same preloaded events (3 parties and
   3 goods lines each), and its ratio to the ceiling (target >= 50 %);
3. startup of that worker: launch -> first decision out (target <= 15 s), split into list
   load + index build and the rest (imports, group join, first batch);
4. publish-to-decision latency at half the sustained rate: p50 and p99 (target p99 <= 250 ms).
Rates are first-to-last output record; times are broker append times (LogAppendTime topics).
Prints the numbers and writes benchmarks/results/stream.txt.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import DEFAULT_LISTS, DEVSET_CSV, RESULTS_DIR, load_devset
from benchmarks.machine import machine_lines
from screening.intake import parse_event
from screening.kafka import broker, clients
from screening.kafka.topics import DECISIONS, EVENTS, create_topics, load_topics, topic_name
from screening.paths import SAMPLE_EVENTS
from screening.settings import Settings

TARGET_RATIO = 0.50
TARGET_P99_MS = 250.0
TARGET_STARTUP_S = 15.0
ROLES = ("consignor", "consignee", "end_user")


def make_events(count: int, seed: int = 6) -> list[tuple[bytes, bytes]]:
    """Events with 3 parties (dev-set names: listed variants and ordinary names) and 3 goods
    lines (from the sample stream), keyed by event_id; each one passes intake."""
    rng = random.Random(seed)
    rows = load_devset(DEVSET_CSV)
    templates = [json.loads(line) for line in SAMPLE_EVENTS.read_text().splitlines()]
    goods = [g for t in templates for g in t.get("goods", [])]
    out: list[tuple[bytes, bytes]] = []
    while len(out) < count:
        event = dict(rng.choice(templates))
        event["event_id"] = f"bench-{len(out):07d}"
        event["parties"] = [
            {"role": role, "name": row.query, "kind": _kind(row.kind)}
            for role, row in zip(ROLES, rng.sample(rows, 3), strict=True)
        ]
        event["goods"] = [dict(rng.choice(goods), line=i) for i in (1, 2, 3)]
        value = json.dumps(event, ensure_ascii=False).encode()
        try:
            parse_event(value)
        except Exception:
            continue
        out.append((event["event_id"].encode(), value))
    return out


def _kind(kind: str) -> str:
    return kind if kind in ("person", "organization", "vessel", "aircraft") else "unknown"


def bench_topics(settings: Settings) -> None:
    """The pipeline's topics, with broker append times so latencies use one clock."""
    specs = [
        replace(s, config={**s.config, "message.timestamp.type": "LogAppendTime"})
        for s in load_topics()
    ]
    create_topics(None, settings, specs)


def preload(settings: Settings, events: Sequence[tuple[bytes, bytes]]) -> None:
    producer = clients.producer(settings, client_id="bench-preload", linger_ms=20)
    for key, value in events:
        producer.send(topic_name(EVENTS, settings), value, key=key)
    producer.flush()
    producer.close()


def read_outputs(
    settings: Settings, want: int, timeout: float, ids: set[bytes] | None = None
) -> dict[bytes, int]:
    """key -> first broker timestamp (ms) of the output topic, until `want` distinct keys."""
    from kafka import TopicPartition

    consumer = clients.consumer(settings, client_id="bench-reader")
    topic = topic_name(DECISIONS, settings)
    tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
    consumer.assign(tps)
    consumer.seek_to_beginning(*tps)
    seen: dict[bytes, int] = {}
    deadline = time.monotonic() + timeout
    try:
        while len(seen) < want:
            if time.monotonic() > deadline:
                raise SystemExit(f"only {len(seen)}/{want} outputs within {timeout:.0f} s")
            for batch in consumer.poll(timeout_ms=500).values():
                for r in batch:
                    if ids is None or r.key in ids:
                        seen.setdefault(r.key, r.timestamp)
    finally:
        consumer.close()
    return seen


def rate_of(timestamps: dict[bytes, int]) -> float:
    first, last = min(timestamps.values()), max(timestamps.values())
    return (len(timestamps) - 1) / max((last - first) / 1000, 1e-3)


@contextlib.contextmanager
def process(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    cwd = Path(tempfile.mkdtemp(prefix="bench-stream-"))
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=out, stderr=out)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(cwd, ignore_errors=True)


def passthrough_worker(bootstrap: str, prefix: str) -> None:
    """The ceiling: the worker's faust settings and batching, copying records unchanged."""
    import faust
    from faust.streams import Stream

    from screening.worker.app import faust_config

    settings = Settings(broker=bootstrap, topic_prefix=prefix)
    datadir = Path(tempfile.mkdtemp(prefix="bench-passthrough-"))
    app = faust.App(f"{prefix}passthrough", **faust_config(settings, datadir))
    source = app.topic(
        topic_name(EVENTS, settings),
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
    )
    sink = topic_name(DECISIONS, settings)

    @app.agent(source, concurrency=1)
    async def copy(stream: Stream[bytes]) -> None:
        async for batch in stream.take_events(500, within=0.05):
            futures = [
                await app.producer.send(sink, e.message.key, e.message.value, None, None, None)
                for e in batch
            ]
            await asyncio.gather(*futures)

    faust.Worker(
        app, loglevel="warning", quiet=True, redirect_stdouts=False
    ).execute_from_commandline()


def measure(bootstrap: str, lists: Path, count: int, workdir: Path) -> list[str]:
    events = make_events(count)
    lines = [f"events: {count:,}, 3 parties and 3 goods lines each (dev-set names, sample goods)"]

    pt = Settings(broker=bootstrap, topic_prefix=f"bench-pt-{uuid.uuid4().hex[:6]}.")
    bench_topics(pt)
    preload(pt, events)
    me = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--passthrough",
        bootstrap,
        pt.topic_prefix,
    ]
    with process(me, {}, workdir / "passthrough.log"):
        ceiling = rate_of(read_outputs(pt, count, 300))
    lines.append(f"faust passthrough ceiling: {ceiling:,.0f} events/s")

    sc = Settings(broker=bootstrap, topic_prefix=f"bench-sc-{uuid.uuid4().hex[:6]}.")
    bench_topics(sc)
    preload(sc, events)
    env = {
        "SCREENING_BROKER": bootstrap,
        "SCREENING_TOPIC_PREFIX": sc.topic_prefix,
        "SCREENING_GROUP_ID": f"{sc.topic_prefix}worker",
        "SCREENING_LISTS_DIR": str(lists),
        "SCREENING_METRICS_PORT": "0",
    }
    log = workdir / "worker.log"
    launched = time.time()
    with process([sys.executable, "-m", "screening.cli", "worker"], env, log) as worker:
        decided = read_outputs(sc, count, 600)
        sustained = rate_of(decided)
        first_out = min(decided.values()) / 1000 - launched
        text = log.read_text(errors="replace")
        found = re.search(r"\(([\d,]+) entities\) and index ready in ([\d.]+) s", text)
        entities, load_s = (found.group(1), float(found.group(2))) if found else ("?", float("nan"))
        ratio = sustained / ceiling
        lines += [
            f"screening worker sustained: {sustained:,.0f} events/s "
            f"({3 * sustained:,.0f} parties/s) = {ratio:.0%} of passthrough "
            f"(target >= {TARGET_RATIO:.0%}) {'PASS' if ratio >= TARGET_RATIO else 'MISS'}",
            f"startup (launch -> first decision out, {entities} entities): {first_out:.1f} s "
            f"(target <= {TARGET_STARTUP_S:.0f} s) {_verdict(first_out <= TARGET_STARTUP_S)}"
            f"; lists load + index {load_s:.1f} s, imports + group join + first batch "
            f"{first_out - load_s:.1f} s",
        ]
        half = sustained / 2
        duration = 20.0
        probe = [
            (k.replace(b"bench-", b"lat-"), v.replace(b'"bench-', b'"lat-', 1))
            for k, v in make_events(int(half * duration), seed=7)
        ]
        sent = publish_at(sc, probe, half)
        ids = {k for k, _ in probe}
        out = read_outputs(sc, len(probe), 120, ids)
        latencies = sorted(out[k] - sent[k] for k in ids)
        p50 = statistics.median(latencies)
        p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
        rss = _rss_mb(worker.pid)
        lines += [
            f"latency at {half:,.0f} events/s (half the sustained rate, {len(probe):,} events): "
            f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {latencies[-1]:.0f} ms "
            f"(target p99 <= {TARGET_P99_MS:.0f} ms) {'PASS' if p99 <= TARGET_P99_MS else 'MISS'}",
            f"worker RSS after the run: {rss:,.0f} MB",
        ]
    return lines


def publish_at(
    settings: Settings, events: Sequence[tuple[bytes, bytes]], rate: float
) -> dict[bytes, int]:
    """Send at `rate` events/s; key -> broker append time (ms) of each event."""
    producer = clients.producer(settings, client_id="bench-rate", linger_ms=1)
    futures = []
    started = time.monotonic()
    for n, (key, value) in enumerate(events):
        ahead = n / rate - (time.monotonic() - started)
        if ahead > 0:
            time.sleep(ahead)
        futures.append((key, producer.send(topic_name(EVENTS, settings), value, key=key)))
    producer.flush()
    sent = {key: future.get(timeout=30).timestamp for key, future in futures}
    producer.close()
    return sent


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--broker", help="bootstrap servers (default: start a broker in a temp dir)"
    )
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--events", type=int, default=6_000)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "stream.txt")
    parser.add_argument(
        "--passthrough", nargs=2, metavar=("BOOTSTRAP", "PREFIX"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.passthrough:
        passthrough_worker(*args.passthrough)
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="bench-stream-"))
    data_dir = workdir / "kafka"
    bootstrap = args.broker or broker.start(data_dir, broker.free_port())
    try:
        lines = measure(bootstrap, args.lists, args.events, workdir)
    finally:
        if not args.broker:
            broker.stop(data_dir)
    lines += machine_lines()
    lines.append(
        f"broker: {'given ' + args.broker if args.broker else 'the project broker (C1 JIT)'}"
    )
    print("\n".join(lines))
    args.results.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
