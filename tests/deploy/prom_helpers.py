"""Helpers of the deploy/ tests: a real Prometheus on a loopback port, queried over HTTP."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from policy_groups import concern_codes
from screening.paths import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"
INVALID = REPO_ROOT / "streams" / "samples" / "invalid-events.jsonl"
INSTALL_HINT = (
    "Debian's prometheus package (2.42, with promtool) is a test dependency: run `make test` "
    "as root (it installs it), or `sudo apt-get update && sudo apt-get install -y "
    "--no-install-recommends prometheus`"
)


def binary(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found. {INSTALL_HINT}")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Prometheus:
    """A Prometheus server of our own: started on a free loopback port, queried over HTTP."""

    def __init__(self, binary: str, workdir: Path, config: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = workdir / "prometheus.yml"
        self.config.write_text(config, encoding="utf-8")
        self.log = (workdir / "prometheus.log").open("wb")
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            [
                binary,
                f"--config.file={self.config}",
                f"--storage.tsdb.path={workdir / 'data'}",
                f"--web.listen-address=127.0.0.1:{self.port}",
                "--web.enable-lifecycle",
                "--log.level=warn",
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            cwd=workdir,
        )
        self._wait_ready(workdir)

    def _wait_ready(self, workdir: Path, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (workdir / "prometheus.log").read_text(errors="replace")
                pytest.fail(f"prometheus exited with {self.process.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(self.url + "/-/ready", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"prometheus not ready within {timeout:.0f} s")

    def api(self, path: str, **params: str) -> Any:
        url = f"{self.url}/api/v1/{path}?{urllib.parse.urlencode(params)}"
        try:
            with urllib.request.urlopen(url, timeout=10) as r:
                body = json.loads(r.read())
        except urllib.error.HTTPError as exc:
            body = json.loads(exc.read())
        if body.get("status") != "success":
            raise AssertionError(f"{path} {params}: {body.get('errorType')}: {body.get('error')}")
        return body["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        data = self.api("query", query=expr)
        result: list[dict[str, Any]] = data["result"]
        return result

    def value(self, expr: str) -> float:
        result = self.query(expr)
        assert len(result) == 1, f"{expr}: expected one series, got {result}"
        return float(result[0]["value"][1])

    def wait_for(self, expr: str, predicate: Any = bool, timeout: float = 60.0) -> float:
        """Poll until `expr` returns a result the predicate accepts; seconds waited."""
        started = time.monotonic()
        result: list[dict[str, Any]] = []
        while time.monotonic() - started < timeout:
            result = self.query(expr)
            if result and predicate(result):
                return time.monotonic() - started
            time.sleep(0.25)
        raise AssertionError(f"{expr} never matched within {timeout:.0f} s; last: {result}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def scrape_config(targets: list[str], *, job: str = "screening-worker") -> str:
    """The shipped prometheus.yml with a 1 s scrape of the given targets and the shipped alerts."""
    alerts = DEPLOY / "prometheus" / "alerts.yml"
    return f"""\
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - {alerts}
scrape_configs:
  - job_name: {job}
    static_configs:
      - targets: {json.dumps(targets)}
"""


@dataclass
class Scrape:
    """A finished run scraped by Prometheus, with what the run itself produced."""

    prometheus: Prometheus
    decisions: list[dict[str, Any]]
    errors: list[dict[str, Any]] = field(default_factory=list)
    ready_seconds: float = 0.0
    first_sample_seconds: float = 0.0
    worker_ready_seconds: float = 0.0
    stop_worker: Callable[[], None] | None = None


def expected_exposure(decisions: list[dict[str, Any]]) -> dict[str, float]:
    """Declared value per currency of the critical and strategic goods lines that the decisions
    flag or block with a country of concern or an embargoed country (from the policy files)."""
    totals: dict[str, float] = {}
    for decision in decisions:
        concern = concern_codes(decision["policy_version"])
        for rule in decision["rules"]:
            if (
                rule["action"] in ("flag", "block")
                and rule["category"] in ("critical", "strategic")
                and rule["country"] in concern
                and rule["value"] is not None
            ):
                currency = rule["currency"] or "none"
                totals[currency] = totals.get(currency, 0.0) + rule["value"]
    return totals


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return int(r.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except (urllib.error.URLError, OSError):
        return 0


def read_topic(
    bootstrap: str, topic: str, count: int | None = None, timeout: float = 90.0
) -> list[Any]:
    """Every record of `topic` from the beginning: up to the current end offsets when `count`
    is None, else once at least `count` are there."""
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    try:
        parts = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic))]
        consumer.assign(parts)
        consumer.seek_to_beginning(*parts)
        if count is None:
            count = sum(consumer.end_offsets(parts).values())
        records: list[Any] = []
        deadline = time.monotonic() + timeout
        while len(records) < count and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                records += batch
        if len(records) < count:
            raise AssertionError(
                f"{topic}: {len(records)} of {count} records after {timeout:.0f} s"
            )
        return records
    finally:
        consumer.close()
