"""Fixtures for the deploy/ tests: Debian's promtool and a real Prometheus on a loopback port.

Both fail (never skip) when the binaries are missing, with the command that installs them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from prom_helpers import INVALID, Prometheus, Scrape, binary, scrape_config

from screening.commands.screen import screen_lines
from screening.metrics import ScreeningMetrics, serve
from screening.paths import SAMPLE_EVENTS
from screening.runtime import build_screener, load_settings

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


@pytest.fixture(scope="session")
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
    finally:
        server.close()
