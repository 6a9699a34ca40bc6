"""Fixtures for the deploy/ tests: Debian's promtool and a real Prometheus on a loopback port.

Both fail (never skip) when the binaries are missing, with the command that installs them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from prom_helpers import (
    INVALID,
    Prometheus,
    Scrape,
    binary,
    free_port,
    http_status,
    read_topic,
    scrape_config,
)

from screening.commands.screen import screen_lines
from screening.metrics import ScreeningMetrics, serve
from screening.paths import BUNDLED_LISTS, SAMPLE_EVENTS
from screening.runtime import build_screener, load_settings
from screening.settings import Settings

DECIDED_AT = "2026-11-30T00:00:00.000Z"


@pytest.fixture(scope="session")
def promtool() -> str:
    return binary("promtool")


@pytest.fixture(scope="session")
def prometheus_bin() -> str:
    return binary("prometheus")


@pytest.fixture(scope="session")
def start_prometheus(
    prometheus_bin: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Prometheus]]:
    """`start_prometheus(config_text) -> Prometheus`; every server started is stopped at the end."""
    servers: list[Prometheus] = []

    def start(config: str) -> Prometheus:
        server = Prometheus(prometheus_bin, tmp_path_factory.mktemp("prometheus"), config)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def pytest_report_header() -> list[str]:
    found = [f"{n}={shutil.which(n)}" for n in ("prometheus", "promtool")]
    return ["deploy: " + ", ".join(found) + f" (uid {os.getuid()})"]


@pytest.fixture(scope="module")
def batch_scrape(start_prometheus: Callable[[str], Prometheus]) -> Iterator[Scrape]:
    """The sample stream (plus the invalid sample lines) screened by the batch path, its metrics
    served over HTTP and scraped by a real Prometheus, in two halves so rates are non-zero."""
    screener = build_screener(load_settings())
    metrics = ScreeningMetrics(require_partitions=False)
    metrics.describe_screener(screener)
    server = serve(metrics, 0)
    try:
        started = time.monotonic()
        prom = start_prometheus(scrape_config([f"127.0.0.1:{server.port}"]))
        ready = time.monotonic() - started
        first = prom.wait_for("screening_decisions_total") + ready
        lines = SAMPLE_EVENTS.read_bytes().splitlines(keepends=True)
        bad = INVALID.read_bytes().splitlines(keepends=True)
        halves = [  # invalid lines in both halves, so the DLQ counters rise between scrapes
            lines[: len(lines) // 2] + bad[: len(bad) // 2],
            lines[len(lines) // 2 :] + bad[len(bad) // 2 :],
        ]
        decisions: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for half in halves:
            out, err = io.StringIO(), io.StringIO()
            screen_lines(screener, io.BytesIO(b"".join(half)), out, err, DECIDED_AT, metrics)
            decisions += [json.loads(x) for x in out.getvalue().splitlines()]
            errors += [json.loads(x) for x in err.getvalue().splitlines()]
            want = len(decisions)
            prom.wait_for(
                "sum(screening_decisions_total)", lambda r, w=want: float(r[0]["value"][1]) == w
            )
        yield Scrape(prom, decisions, errors, ready_seconds=ready, first_sample_seconds=first)
        prom.stop()  # not kept scraping for the rest of the session
    finally:
        server.close()


@pytest.fixture(scope="module")
def worker_scrape(
    kafka_bootstrap: str,
    start_prometheus: Callable[[str], Prometheus],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Scrape]:
    """The sample stream (and the invalid sample lines) through a real `screening worker` on the
    real broker, scraped by a real Prometheus. Decisions are read back from the decisions topic.
    Published in two halves, so the rates the dashboard shows are non-zero."""
    from kafka import KafkaProducer
    from screening.kafka.topics import create_topics, topic_name

    prefix = f"m{uuid.uuid4().hex[:8]}."
    settings = Settings(broker=kafka_bootstrap, topic_prefix=prefix)
    create_topics(kafka_bootstrap, settings)
    port = free_port()
    workdir = tmp_path_factory.mktemp("worker")
    log = workdir / "worker.log"
    env = {
        **os.environ,
        "SCREENING_BROKER": kafka_bootstrap,
        "SCREENING_TOPIC_PREFIX": prefix,
        "SCREENING_GROUP_ID": f"{prefix}screening-worker",
        "SCREENING_METRICS_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "screening.cli", "worker", "--lists", str(BUNDLED_LISTS)],
            cwd=workdir,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    metrics_url = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        prom = start_prometheus(scrape_config([f"127.0.0.1:{port}"]))
        ready = time.monotonic() - started
        deadline = time.monotonic() + 90
        while http_status(metrics_url + "/readyz") != 200:
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker not ready:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        worker_ready = time.monotonic() - started
        prom.wait_for('screening_ready{job="screening-worker"} == 1')
        first_sample = time.monotonic() - started
        lines = [x for x in SAMPLE_EVENTS.read_bytes().splitlines() if x.strip()]
        bad = [x for x in INVALID.read_bytes().splitlines() if x.strip()]
        halves = [lines[:150] + bad[:8], lines[150:] + bad[8:]]
        producer = KafkaProducer(bootstrap_servers=kafka_bootstrap, max_request_size=2_000_000)
        events_topic = topic_name("screening.events", settings)
        sent = 0
        for number, half in enumerate(halves):
            for i, value in enumerate(half):
                producer.send(events_topic, key=f"{number}-{i}".encode(), value=value)
            producer.flush()
            sent += len(half)
            prom.wait_for(  # every record so far read and processed (decided or dead-lettered)
                "sum(screening_events_consumed_total)",
                lambda r, n=sent: float(r[0]["value"][1]) >= n,
                timeout=120,
            )
        producer.close()
        records = read_topic(kafka_bootstrap, topic_name("screening.decisions", settings))
        dlq = read_topic(kafka_bootstrap, topic_name("screening.events.dlq", settings))
        decisions = [json.loads(r.value) for r in records]
        errors = [{"error": dict(r.headers)["error_code"].decode()} for r in dlq]
        assert len(decisions) + len(errors) == sent
        prom.wait_for(  # the scrape after the last batch
            "sum(screening_decisions_total)",
            lambda r: float(r[0]["value"][1]) == len(decisions),
        )
        scrape = Scrape(
            prom, decisions, errors, ready_seconds=ready, first_sample_seconds=first_sample
        )
        scrape.worker_ready_seconds = worker_ready
        scrape.stop_worker = lambda: _stop(worker)
        yield scrape
        prom.stop()  # not kept scraping for the rest of the session
    finally:
        _stop(worker)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
