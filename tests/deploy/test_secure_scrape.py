"""A real Prometheus scrapes a real worker (on the secure broker, as the worker principal) over
HTTPS with basic auth, with the job of the shipped deploy/prometheus/prometheus.yml (only the
targets and the file paths swapped for the test's). The same job with a wrong password, or plain
HTTP, gets no sample: `up` is 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from prom_helpers import DEPLOY, Prometheus, free_port

from screening.kafka import clients, topics
from screening.kafka.security import make_tls
from screening.paths import BUNDLED_LISTS, SAMPLE_EVENTS
from secure_kafka_helpers import SecureKafka

pytestmark = [pytest.mark.kafka, pytest.mark.prometheus]

EVENTS = 25


def shipped_job(target: str, ca_file: Path, password_file: Path, name: str) -> dict[str, Any]:
    """The screening-worker job of the shipped config, pointed at one target and test files."""
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "screening-worker"]
    job = {k: v for k, v in job.items() if k != "dns_sd_configs"}
    job["job_name"] = name
    job["static_configs"] = [{"targets": [target]}]
    job["scrape_interval"] = job["scrape_timeout"] = "1s"
    job["tls_config"] = {**job["tls_config"], "ca_file": str(ca_file)}
    job["basic_auth"] = {**job["basic_auth"], "password_file": str(password_file)}
    return job


def test_prometheus_scrapes_a_worker_over_tls_with_basic_auth(
    secure_isolated: SecureKafka,
    start_prometheus: Callable[[str], Prometheus],
    tmp_path: Path,
) -> None:
    sk = secure_isolated
    tls = make_tls(tmp_path / "metrics-tls", ("127.0.0.1", "localhost", "worker"))
    password, wrong = tmp_path / "metrics-password", tmp_path / "wrong-password"
    password.write_text("scrape-Secret-42\n")
    wrong.write_text("not-it\n")
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")},
        **sk.env("worker"),
        "SCREENING_METRICS_PORT": str(port),
        "SCREENING_METRICS_TLS_CERTFILE": str(tls.broker_pem),
        "SCREENING_METRICS_AUTH_USERNAME": "prometheus",
        "SCREENING_METRICS_AUTH_PASSWORD_FILE": str(password),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "screening.cli", "worker", "--lists", str(BUNDLED_LISTS)],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        target = f"127.0.0.1:{port}"
        good = shipped_job(target, tls.ca_cert, password, "screening-worker")
        bad = shipped_job(target, tls.ca_cert, wrong, "wrong-password")
        plain = {k: v for k, v in good.items() if k not in ("tls_config", "basic_auth")}
        plain = {**plain, "job_name": "plain-http", "scheme": "http"}
        config = {"global": {"scrape_interval": "1s"}, "scrape_configs": [good, bad, plain]}
        prom = start_prometheus(yaml.safe_dump(config))
        deadline = time.monotonic() + 120
        while not prom.query('screening_ready{job="screening-worker"} == 1'):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"worker not scraped ready:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)

        producer = clients.producer(sk.settings("publisher"))
        name = topics.topic_name(topics.EVENTS, sk.settings("publisher"))
        for i, line in enumerate(SAMPLE_EVENTS.read_bytes().splitlines()[:EVENTS]):
            producer.send(name, key=f"p-{i}".encode(), value=line)
        producer.flush(timeout=30)
        producer.close()
        prom.wait_for(
            'screening_events_consumed_total{job="screening-worker"}',
            lambda r: float(r[0]["value"][1]) == EVENTS,
            timeout=120,
        )
        assert prom.value('up{job="screening-worker"}') == 1
        prom.wait_for('up{job="wrong-password"} == 0')
        prom.wait_for('up{job="plain-http"} == 0')
        assert prom.query('screening_worker_up{job="wrong-password"}') == []
        assert prom.query('screening_worker_up{job="plain-http"}') == []
        targets = prom.api("targets")["activeTargets"]
        errors = {t["labels"]["job"]: t["lastError"] for t in targets}
        assert "401" in errors["wrong-password"], errors
        assert errors["screening-worker"] == ""
        assert "scrape-Secret-42" not in log.read_text(errors="replace")
        prom.stop()  # not kept scraping for the rest of the session
    finally:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
