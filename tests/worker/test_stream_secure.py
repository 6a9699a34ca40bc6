"""The worker end to end over TLS + SASL/SCRAM-SHA-512 on the real secure broker, each party as
its own principal with the ACLs of deploy/kafka/acls.toml: a publisher publishes events, the
worker decides them in its consumer group, an auditor reads the decisions, a bad event is
dead-lettered. No password appears in the worker's log (DEBUG), the DLQ records or the metrics."""

from __future__ import annotations

import base64
import json
import re
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from stream_helpers import WorkerPool, event_id, sample_events, wait_for

from kafka import TopicPartition
from screening.kafka import clients, topics
from screening.kafka.broker import ADMIN_USER
from screening.settings import Settings
from secure_kafka_helpers import SecureKafka

pytestmark = pytest.mark.kafka

COUNT = 60
BAD = b"{not json"
CHAIN_SECRET = "chain-Key-Secret-5150"
METRICS_SECRET = "metrics-Secret-6160"


def read_all(settings: Settings, logical: str, count: int, timeout: float = 90) -> list[Any]:
    """At least `count` records of a topic from its start, read as the settings' user."""
    reader = clients.consumer(settings)
    name = topics.topic_name(logical, settings)
    try:
        parts = [TopicPartition(name, p) for p in sorted(reader.partitions_for_topic(name))]
        reader.assign(parts)
        reader.seek_to_beginning(*parts)
        records: list[Any] = []
        deadline = time.monotonic() + timeout
        while len(records) < count and time.monotonic() < deadline:
            for batch in reader.poll(timeout_ms=500).values():
                records += batch
        assert len(records) >= count, f"{name}: {len(records)} of {count} records"
        return records
    finally:
        reader.close()


def test_worker_over_tls_and_scram_each_principal_its_rights(
    secure_isolated: SecureKafka, tmp_path: Path
) -> None:
    sk = secure_isolated
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    pool = WorkerPool(sk.bootstrap, sk.topic_prefix, cwd)
    from screening.paths import BUNDLED_LISTS

    try:
        # -v: DEBUG logs of the worker, faust and aiokafka, for the secret grep below
        metrics_password = tmp_path / "metrics.password"
        metrics_password.write_text(METRICS_SECRET + "\n")
        env = {
            **sk.env("worker"),
            "SCREENING_CHAIN_KEY": CHAIN_SECRET,  # the other secrets a worker holds
            "SCREENING_METRICS_AUTH_USERNAME": "prometheus",
            "SCREENING_METRICS_AUTH_PASSWORD_FILE": str(metrics_password),
        }
        worker = pool.start(BUNDLED_LISTS, env=env, verbose=True)
        pool.wait_ready(worker, timeout=120)
        port = re.search(r"metrics on http://127\.0\.0\.1:(\d+)/metrics", worker.text())
        assert port, worker.text()[-2000:]

        events = sample_events(COUNT, "sec")
        producer = clients.producer(sk.settings("publisher"))
        try:
            name = topics.topic_name(topics.EVENTS, sk.settings("publisher"))
            for value in events:
                producer.send(name, key=event_id(value).encode(), value=value)
            producer.send(name, key=b"bad-1", value=BAD)
            producer.flush(timeout=30)
        finally:
            producer.close()

        auditor = sk.settings("auditor")
        decisions = read_all(auditor, topics.DECISIONS, COUNT)
        assert {r.key.decode() for r in decisions} == {event_id(e) for e in events}
        assert all(json.loads(r.value)["decision"] in ("allow", "flag", "block") for r in decisions)
        dlq = read_all(sk.settings(ADMIN_USER), topics.DLQ, 1)
        assert [(r.key, r.value) for r in dlq] == [(b"bad-1", BAD)]
        headers = dict(dlq[0].headers)
        assert headers["error_code"] == b"EVENT_BAD_JSON"
        assert headers["source_topic"].decode() == f"{sk.topic_prefix}screening.events"

        # the worker's consumer group committed its offsets: it ran as itself, in its group
        admin = clients.admin(sk.settings(ADMIN_USER))
        try:

            def committed() -> int:
                offsets = admin.list_group_offsets(sk.group_id)[sk.group_id]
                return sum(o.offset for o in offsets.values() if o.offset > 0)

            wait_for(lambda: committed() == COUNT + 1, 30, "the worker group's commits")
        finally:
            admin.close()

        request = urllib.request.Request(f"http://127.0.0.1:{port.group(1)}/metrics")
        token = base64.b64encode(f"prometheus:{METRICS_SECRET}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=10) as r:
            exposition = r.read().decode()
        assert "screening_events_consumed_total " in exposition
        assert worker.alive()
    finally:
        pool.stop_all()

    log = worker.text()
    assert "Authenticated as worker via SCRAM-SHA-512" in log, log[-2000:]
    assert "DEBUG aiokafka" in log or "[DEBUG]" in log, "the worker logged at DEBUG"
    texts = {
        "worker log": log,
        "DLQ": repr([(r.key, r.value, r.headers) for r in dlq]),
        "decisions": repr([(r.key, r.value, r.headers) for r in decisions]),
        "metrics": exposition,
    }
    # the decisions are chained with the key (HMAC): they verify with it, not with another
    from screening.chain import verify

    chained = [(f"{r.partition}@{r.offset}", json.loads(r.value)) for r in decisions]
    assert verify(chained, CHAIN_SECRET.encode(), ordered=False).breaks == []
    assert verify(chained, b"another key", ordered=False).breaks
    secrets = [*sk.passwords(), CHAIN_SECRET, METRICS_SECRET]
    assert len(secrets) >= 8
    for where, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"a password in the {where}"
