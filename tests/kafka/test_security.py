"""The secure broker (TLS + SASL/SCRAM-SHA-512, StandardAuthorizer, ACLs from acls.toml): the
tools work over it, and every refusal of the security issue happens, with a clear error on the
client and no record moved. No secret shows in logs or errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kafka import KafkaConsumer, TopicPartition
from screening.errors import BrokerError, ConfigError
from screening.kafka import clients, topics
from screening.kafka.broker import ADMIN_USER
from screening.paths import SAMPLE_EVENTS
from screening.settings import Settings, load_settings
from secure_kafka_helpers import SecureKafka

pytestmark = pytest.mark.kafka

EVENTS_OUT = 5


def _cli(
    secure: SecureKafka, user: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`screening -v ARGS` as `user` in a subprocess (DEBUG logs on: the secret grep reads them)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")}
    full.update(secure.env(user))
    full.update(env or {})
    command = [sys.executable, "-m", "screening.cli", "-v", *args]
    return subprocess.run(command, capture_output=True, text=True, env=full, timeout=120)


def _end_offsets(secure: SecureKafka, logical: str) -> int:
    """Records in a topic, counted as the admin (super user)."""
    settings = secure.settings(ADMIN_USER)
    name = topics.topic_name(logical, settings)
    reader: KafkaConsumer = clients.consumer(settings)
    try:
        partitions = [TopicPartition(name, p) for p in reader.partitions_for_topic(name)]
        return sum(reader.end_offsets(partitions).values())
    finally:
        reader.close()


def _sample(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "events.jsonl"
    lines = SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines()[:n]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_status_names_the_secure_listener(secure_kafka: SecureKafka) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "screening.cli",
            "broker",
            "status",
            "--data",
            str(secure_kafka.data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"SECURE {secure_kafka.bootstrap} SASL_SSL" in lines
    assert any(
        line.startswith("CONTROLLER 127.0.0.1:") and line.endswith(" SASL_PLAINTEXT")
        for line in lines
    )
    assert not any(line.split()[-1] == "PLAINTEXT" for line in lines), "no plaintext listener"


def test_tools_end_to_end_over_tls_and_scram(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    before = _end_offsets(secure_kafka, topics.EVENTS)
    created = _cli(secure_kafka, ADMIN_USER, "topics", "create")
    assert created.returncode == 0, created.stderr
    assert "acls     17 grants" in created.stdout

    published = _cli(secure_kafka, "publisher", "publish", str(_sample(tmp_path, EVENTS_OUT)))
    assert published.returncode == 0, published.stderr
    assert _end_offsets(secure_kafka, topics.EVENTS) == before + EVENTS_OUT

    out = tmp_path / "read.jsonl"
    count = str(before + EVENTS_OUT)
    consumed = _cli(
        secure_kafka, "auditor", "consume", topics.EVENTS, "--count", count, "-o", str(out)
    )
    assert consumed.returncode == 0, consumed.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == before + EVENTS_OUT
    assert all(r["topic"] == "sec.screening.events" for r in records)


def test_worker_may_do_its_job(secure_kafka: SecureKafka) -> None:
    """Positive control for the refusals below: the ACLs allow what a worker needs."""
    settings = secure_kafka.settings("worker")
    before = _end_offsets(secure_kafka, topics.DECISIONS)
    producer = clients.producer(settings)
    try:
        for logical in (topics.DECISIONS, topics.REVIEW, topics.DLQ, topics.RESCREEN):
            producer.send(topics.topic_name(logical, settings), b"{}", key=b"k").get(timeout=30)
    finally:
        producer.close()
    assert _end_offsets(secure_kafka, topics.DECISIONS) == before + 1
    # reads events in its own consumer group
    events = topics.topic_name(topics.EVENTS, settings)
    reader = clients.consumer(settings, group_id=settings.group_id, consumer_timeout_ms=15000)
    try:
        reader.subscribe([events])
        got = next(iter(reader))
        assert got.topic == events
        reader.commit()
    finally:
        reader.close()


def _no_data_moved(secure: SecureKafka, logical: str, before: int) -> None:
    assert _end_offsets(secure, logical) == before, f"a record reached {logical}"


def test_refused_without_credentials(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    before = _end_offsets(secure_kafka, topics.EVENTS)
    # TLS but no SASL: the broker closes the connection
    no_sasl = Settings(
        broker=secure_kafka.bootstrap,
        topic_prefix=secure_kafka.topic_prefix,
        kafka_security_protocol="SSL",
        kafka_ssl_cafile=secure_kafka.data_dir / "tls" / "ca.pem",
    )
    with pytest.raises(BrokerError, match="it requires SASL authentication"):
        clients.producer(no_sasl)
    # SASL_SSL with no user or password: stopped at startup, before any connection
    with pytest.raises(ConfigError, match="needs SCREENING_KAFKA_SASL_USERNAME"):
        load_settings(broker=secure_kafka.bootstrap, kafka_security_protocol="SASL_SSL")
    result = _cli(
        secure_kafka,
        "publisher",
        "publish",
        str(_sample(tmp_path, 2)),
        env={"SCREENING_KAFKA_SASL_PASSWORD_FILE": ""},
    )
    assert result.returncode == 2
    assert "invalid settings" in result.stderr
    _no_data_moved(secure_kafka, topics.EVENTS, before)


def test_refused_with_a_wrong_password(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    before = _end_offsets(secure_kafka, topics.EVENTS)
    wrong = tmp_path / "wrong.password"
    wrong.write_text("not-the-password\n")
    result = _cli(
        secure_kafka,
        "publisher",
        "publish",
        str(_sample(tmp_path, 2)),
        env={"SCREENING_KAFKA_SASL_PASSWORD_FILE": str(wrong)},
    )
    assert result.returncode == 2
    assert "authentication of user 'publisher': wrong user name or password" in result.stderr
    assert "not-the-password" not in result.stderr
    _no_data_moved(secure_kafka, topics.EVENTS, before)


def test_refused_plaintext_client_on_the_secure_port(secure_kafka: SecureKafka) -> None:
    before = _end_offsets(secure_kafka, topics.EVENTS)
    plaintext = Settings(broker=secure_kafka.bootstrap, topic_prefix=secure_kafka.topic_prefix)
    with pytest.raises(
        BrokerError, match="is a TLS listener, but SCREENING_KAFKA_SECURITY_PROTOCOL is PLAINTEXT"
    ):
        clients.producer(plaintext)
    _no_data_moved(secure_kafka, topics.EVENTS, before)


def test_refused_a_certificate_from_another_ca(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    from screening.kafka import security

    other = security.make_tls(tmp_path / "other-ca")
    settings = secure_kafka.settings("publisher", kafka_ssl_cafile=other.ca_cert)
    with pytest.raises(BrokerError, match="TLS certificate was refused"):
        clients.producer(settings)


def test_refused_publisher_reading_decisions(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    assert _end_offsets(secure_kafka, topics.DECISIONS) > 0 or _write_as_admin(
        secure_kafka, topics.DECISIONS
    )
    out = tmp_path / "stolen.jsonl"
    result = _cli(
        secure_kafka, "publisher", "consume", topics.DECISIONS, "--timeout", "2", "-o", str(out)
    )
    assert result.returncode == 2
    assert "or user publisher may not read it" in result.stderr
    assert not out.exists() or out.read_text() == ""
    # and directly, assigned to the partitions: the fetches are refused, nothing comes back
    settings = secure_kafka.settings("publisher")
    reader = clients.consumer(settings)
    try:
        name = topics.topic_name(topics.DECISIONS, settings)
        reader.assign([TopicPartition(name, p) for p in range(6)])
        reader.seek_to_beginning()
        for _ in range(10):
            assert not reader.poll(timeout_ms=500), "publisher read a decision"
    finally:
        reader.close()


def _write_as_admin(secure: SecureKafka, logical: str) -> bool:
    settings = secure.settings(ADMIN_USER)
    producer = clients.producer(settings)
    try:
        producer.send(topics.topic_name(logical, settings), b"{}", key=b"k").get(timeout=30)
    finally:
        producer.close()
    return True


def test_refused_worker_writing_lists(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    before = _end_offsets(secure_kafka, topics.LISTS)
    result = _cli(
        secure_kafka, "worker", "publish", str(_sample(tmp_path, 2)), "--topic", topics.LISTS
    )
    assert result.returncode == 1
    assert (
        "2 lines not published (1, 2): user worker is not authorized for this topic"
        in result.stderr
    )
    _no_data_moved(secure_kafka, topics.LISTS, before)
    # the administrator may
    assert _write_as_admin(secure_kafka, topics.LISTS)
    assert _end_offsets(secure_kafka, topics.LISTS) == before + 1


def test_refused_auditor_writing_anything(secure_kafka: SecureKafka) -> None:
    settings = secure_kafka.settings("auditor")
    names = [s.logical for s in topics.load_topics()]
    before = {n: _end_offsets(secure_kafka, n) for n in names}
    producer = clients.producer(settings, max_block_ms=10000)
    try:
        for logical in names:
            # no WRITE anywhere: refused already at the idempotent producer's InitProducerId
            with pytest.raises(Exception, match=r"(Topic|Cluster)AuthorizationFailed"):
                producer.send(topics.topic_name(logical, settings), b"{}", key=b"x").get(timeout=30)
    finally:
        producer.close(timeout=5)
    assert {n: _end_offsets(secure_kafka, n) for n in names} == before


def test_no_secret_in_logs_or_errors(secure_kafka: SecureKafka, tmp_path: Path) -> None:
    """Clients with DEBUG logs (success and every kind of failure), the broker's logs, settings
    reprs and validation errors: no password appears in any of them."""
    wrong = tmp_path / "wrong.password"
    wrong.write_text("Wr0ng-but-secret\n")
    events = str(_sample(tmp_path, 2))
    runs = [
        _cli(secure_kafka, ADMIN_USER, "topics", "create"),
        _cli(secure_kafka, "publisher", "publish", events),
        _cli(secure_kafka, "publisher", "consume", topics.DECISIONS, "--timeout", "1"),
        _cli(secure_kafka, "worker", "publish", events, "--topic", topics.LISTS),
        _cli(secure_kafka, "auditor", "publish", events),
        _cli(
            secure_kafka,
            "publisher",
            "publish",
            events,
            env={"SCREENING_KAFKA_SASL_PASSWORD_FILE": str(wrong)},
        ),
    ]
    assert [r.returncode for r in runs] == [0, 0, 2, 1, 1, 2]
    transcript = [r.stdout + r.stderr for r in runs]
    assert all("DEBUG kafka" in t for t in transcript), "DEBUG logs were captured"
    assert "sasl_plain_password': '[redacted]'" in transcript[0]

    passwords = [
        p.read_text().strip() for p in (secure_kafka.data_dir / "secrets").glob("*.password")
    ]
    assert len(passwords) >= 5
    passwords.append("Wr0ng-but-secret")
    logs = [p.read_text(errors="replace") for p in (secure_kafka.data_dir / "logs").glob("*")]
    texts = [*transcript, *logs, repr(secure_kafka.settings("worker"))]
    for bad in ({"kafka_sasl_username": ""}, {"kafka_sasl_mechanism": "MD5"}, {}):
        try:
            load_settings(
                kafka_security_protocol="SASL_SSL", kafka_sasl_password=passwords[0], **bad
            )
        except ConfigError as exc:
            texts.append(str(exc))
    assert len(texts) == len(transcript) + len(logs) + 4
    for secret in passwords:
        for text in texts:
            assert secret not in text


def test_worker_credentials_for_faust_and_aiokafka(secure_kafka: SecureKafka) -> None:
    """The helpers the faust worker uses: faust's own credential mapping and `aiokafka_config`
    connect aiokafka over TLS + SCRAM as the worker, with the worker's rights and no more."""
    import asyncio

    from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
    from aiokafka.errors import TopicAuthorizationFailedError
    from faust.transport.drivers.aiokafka import credentials_to_aiokafka_auth

    settings = secure_kafka.settings("worker")
    credentials = clients.faust_credentials(settings)
    assert secure_kafka.password("worker") not in repr(credentials)
    auth = credentials_to_aiokafka_auth(credentials)
    assert auth["security_protocol"] == "SASL_SSL"
    assert auth["sasl_mechanism"] == "SCRAM-SHA-512"
    assert clients.faust_broker_url(settings) == f"kafka://{secure_kafka.bootstrap}"
    decisions = topics.topic_name(topics.DECISIONS, settings)
    before = _end_offsets(secure_kafka, topics.DECISIONS)
    assert _write_as_admin(secure_kafka, topics.EVENTS)  # something for the worker to read

    async def run() -> bytes | None:
        producer = AIOKafkaProducer(bootstrap_servers=settings.broker, **auth)
        await producer.start()
        try:
            await producer.send_and_wait(decisions, b"{}", key=b"faust")
            with pytest.raises(TopicAuthorizationFailedError):
                lists = topics.topic_name(topics.LISTS, settings)
                await producer.send_and_wait(lists, b"{}", key=b"current")
        finally:
            await producer.stop()
        consumer = AIOKafkaConsumer(
            topics.topic_name(topics.EVENTS, settings),
            group_id=settings.group_id,
            auto_offset_reset="earliest",
            **clients.aiokafka_config(settings),
        )
        await consumer.start()
        try:
            record = await asyncio.wait_for(consumer.getone(), timeout=60)
        finally:
            await consumer.stop()
        value: bytes | None = record.value
        return value

    assert asyncio.run(run())
    assert _end_offsets(secure_kafka, topics.DECISIONS) == before + 1
