"""Shared fixtures. Real list files come from `SCREENING_TEST_LISTS` (default ../shared/data/lists).

A missing lists folder fails the tests that need it: it never skips them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.paths import REPO_ROOT
from screening.settings import Settings
from secure_kafka_helpers import SecureKafka

# A test location, not package data: the real lists beside the checkout.
SHARED_LISTS = REPO_ROOT.parent / "shared" / "data" / "lists"


@pytest.fixture(scope="session")
def shared_lists_dir() -> Path:
    path = Path(os.environ.get("SCREENING_TEST_LISTS", SHARED_LISTS))
    if not path.is_dir():
        pytest.fail(f"real list snapshots not found at {path}: set SCREENING_TEST_LISTS")
    return path


@pytest.fixture(scope="session")
def shared_data_dir(shared_lists_dir: Path) -> Path:
    """../shared/data: holds snapshots/ and formats/ beside lists/."""
    return shared_lists_dir.parent


# ---------------------------------------------------------------------------------------------
# Kafka: one real broker per test session (never a mock), isolated topics per test.


@pytest.fixture(scope="session")
def kafka_bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """ "127.0.0.1:PORT" of a real broker: `SCREENING_TEST_BROKER`, else the project's own broker
    started in a temp dir on a free port (stopped at the end). Fails, never skips, without one."""
    given = os.environ.get("SCREENING_TEST_BROKER")
    if given:
        yield given
        return
    from screening.errors import BrokerError
    from screening.kafka import broker

    data_dir = tmp_path_factory.mktemp("kafka")
    try:
        bootstrap = broker.start(data_dir, broker.free_port())
    except BrokerError as exc:
        broker.stop(data_dir)
        pytest.fail(f"no Kafka broker for the tests: {exc}")
    try:
        yield bootstrap
    finally:
        broker.stop(data_dir)


@pytest.fixture
def topic_prefix(kafka_bootstrap: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A unique topic prefix ("t<uuid8>.") with every topic of streams/topics.toml created under it.

    Also sets `SCREENING_TOPIC_PREFIX` and `SCREENING_BROKER` for the test, so settings loaded in
    the test (and CLI subprocesses) use these topics on the test broker. Topics are deleted after.
    """
    from screening.kafka import clients, topics

    prefix = f"t{uuid.uuid4().hex[:8]}."
    monkeypatch.setenv("SCREENING_TOPIC_PREFIX", prefix)
    monkeypatch.setenv("SCREENING_BROKER", kafka_bootstrap)
    settings = Settings(broker=kafka_bootstrap, topic_prefix=prefix)
    reports = topics.create_topics(kafka_bootstrap, settings)
    assert all(r.action == "created" for r in reports), reports
    yield prefix
    admin = clients.admin(settings)
    try:
        admin.delete_topics([r.name for r in reports])
    except Exception:  # cleanup only: a leftover topic harms no other test
        pass
    finally:
        admin.close()


@pytest.fixture(scope="session")
def secure_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureKafka]:
    """A second, secure broker for the security tests (started on first use, stopped at the end);
    its topics (prefix "sec.") and ACLs are created by the admin user. Fails, never skips."""
    from screening.errors import BrokerError
    from screening.kafka import broker

    data_dir = tmp_path_factory.mktemp("kafka-secure")
    try:
        bootstrap = broker.start(data_dir, broker.free_port(), secure=True)
    except BrokerError as exc:
        broker.stop(data_dir)
        pytest.fail(f"no secure Kafka broker for the tests: {exc}")
    try:
        yield SecureKafka(data_dir.resolve(), bootstrap, "sec.").provision()
    finally:
        broker.stop(data_dir)


@pytest.fixture
def secure_isolated(secure_kafka: SecureKafka) -> SecureKafka:
    """The secure broker with this test's own topics, consumer group and ACLs."""
    return secure_kafka.isolated()
