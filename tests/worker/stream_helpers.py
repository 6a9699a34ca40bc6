"""Helpers of the stream tests: worker subprocesses, publishing, reading topics, comparing."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from screening.paths import SAMPLE_EVENTS

DECIDED_AT = re.compile(rb'"decided_at":"[^"]*"')
CHAIN = re.compile(rb',"chain":\{[^{}]*\}')


def without_decided_at(decision: bytes) -> bytes:
    """The decision bytes with the fields allowed to differ blanked out: `decided_at`, and the
    stream's hash-chain link (screening.chain), which the batch CLI does not write."""
    stripped, count = DECIDED_AT.subn(b'"decided_at":""', decision)
    assert count == 1, decision[:200]
    return CHAIN.sub(b"", stripped)


def sample_events(count: int, id_prefix: str) -> list[bytes]:
    """`count` events: the sample stream repeated, each copy with a new event_id."""
    lines = [json.loads(line) for line in SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines()]
    out = []
    for i in range(count):
        event = dict(lines[i % len(lines)])
        event["event_id"] = f"{id_prefix}-{i:06d}"
        out.append(json.dumps(event, ensure_ascii=False).encode("utf-8"))
    return out


def event_id(value: bytes) -> str:
    return str(json.loads(value)["event_id"])


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]
        return kb / 1024


@dataclass
class WorkerPool:
    """Workers started as subprocesses from a temp CWD; all killed at the end of the test."""

    bootstrap: str
    prefix: str
    cwd: Path
    workers: list[Worker] = field(default_factory=list)

    def start(
        self,
        lists_dir: Path,
        *extra: str,
        env: dict[str, str] | None = None,
        verbose: bool = False,
    ) -> Worker:
        log = self.cwd / f"worker-{len(self.workers)}.log"
        cli = [sys.executable, "-m", "screening.cli", *(["-v"] if verbose else [])]
        command = [*cli, "worker", "--lists", str(lists_dir)]
        environment = {
            **os.environ,
            "SCREENING_BROKER": self.bootstrap,
            "SCREENING_TOPIC_PREFIX": self.prefix,
            "SCREENING_GROUP_ID": f"{self.prefix}screening-worker",
            "SCREENING_METRICS_PORT": "0",  # each worker its own free metrics port
            "PYTHONUNBUFFERED": "1",
            **(env or {}),
        }
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*command, *extra], cwd=self.cwd, env=environment, stdout=out, stderr=out
            )
        worker = Worker(process, log)
        self.workers.append(worker)
        return worker

    def wait_ready(self, worker: Worker, timeout: float = 60.0) -> None:
        wait_for(lambda: "[^Worker]: Ready" in worker.text(), timeout, f"worker ready\n{worker}")

    def stop_all(self) -> None:
        for worker in self.workers:
            if worker.alive():
                worker.process.send_signal(signal.SIGTERM)
        for worker in self.workers:
            try:
                worker.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def publish(
    bootstrap: str,
    topic: str,
    records: Iterable[tuple[bytes | None, bytes | None]],
    rate: float | None = None,
) -> int:
    """Send (key, value) records; `rate` spreads them over time (records per second)."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, linger_ms=5, max_request_size=2_000_000)
    started = time.monotonic()
    sent = 0
    for key, value in records:
        producer.send(topic, key=key, value=value)
        sent += 1
        if rate:
            ahead = sent / rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
    producer.flush()
    producer.close()
    return sent


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]
    timestamp: int = 0  # ms since the epoch (CreateTime: when the worker produced it)


class TopicReader:
    """Reads a whole topic from the beginning, without a consumer group."""

    def __init__(self, bootstrap: str, topic: str) -> None:
        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        partitions = self.consumer.partitions_for_topic(topic)
        assert partitions, f"topic {topic} does not exist"
        self.tps = [TopicPartition(topic, p) for p in sorted(partitions)]
        self.consumer.assign(self.tps)
        self.consumer.seek_to_beginning(*self.tps)
        self.records: list[Record] = []

    def poll(self) -> list[Record]:
        for batch in self.consumer.poll(timeout_ms=500).values():
            for m in batch:
                headers = {k: v for k, v in (m.headers or [])}
                record = Record(
                    m.topic, m.partition, m.offset, m.key, m.value, headers, m.timestamp
                )
                self.records.append(record)
        return self.records

    def until(self, condition: Callable[[list[Record]], bool], timeout: float, what: str) -> None:
        wait_for(lambda: condition(self.poll()), timeout, what)

    def close(self) -> None:
        self.consumer.close()


def batch_cli(events: list[bytes], tmp: Path, lists_dir: Path) -> dict[str, bytes]:
    """The same events through `screening screen`: event_id -> decision bytes."""
    source, out = tmp / "batch-events.jsonl", tmp / "batch-decisions.jsonl"
    source.write_bytes(b"\n".join(events) + b"\n")
    command = [sys.executable, "-m", "screening.cli", "screen", str(source), "-o", str(out)]
    subprocess.run(
        [*command, "--lists", str(lists_dir)],
        check=True,
        capture_output=True,
    )
    return {event_id(line): line for line in out.read_bytes().splitlines()}


def by_event(records: list[Record]) -> dict[str, list[bytes]]:
    out: dict[str, list[bytes]] = {}
    for r in records:
        assert r.key is not None and r.value is not None
        out.setdefault(r.key.decode(), []).append(r.value)
    return out


def as_json(value: bytes | None) -> Any:
    return json.loads(value or b"null")
