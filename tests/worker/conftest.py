"""Fixtures of the stream tests: a pool of worker subprocesses run from a temp CWD."""

from __future__ import annotations

import os
import tomllib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from stream_helpers import WorkerPool

from screening.paths import BUNDLED_LISTS, REPO_ROOT


@pytest.fixture
def pool(kafka_bootstrap: str, topic_prefix: str, tmp_path: Path) -> Iterator[WorkerPool]:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    workers = WorkerPool(kafka_bootstrap, topic_prefix, cwd)
    try:
        yield workers
    finally:
        workers.stop_all()
        assert not list(cwd.glob("*-data")), "a worker wrote its faust data dir into the CWD"


@pytest.fixture(scope="session")
def sample_lists() -> Path:
    return BUNDLED_LISTS


# --- TEMPORARY until branch `broker` is merged: its tests/conftest.py provides these. ---
@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    bootstrap = os.environ.get("SCREENING_TEST_BROKER")
    if not bootstrap:
        pytest.fail("no Kafka broker: set SCREENING_TEST_BROKER")
    return bootstrap


@pytest.fixture
def topic_prefix(kafka_bootstrap: str) -> str:
    from kafka.admin import KafkaAdminClient, NewTopic

    prefix = f"t{uuid.uuid4().hex[:8]}."
    topics = tomllib.loads((REPO_ROOT / "streams" / "topics.toml").read_text())["topics"]
    admin = KafkaAdminClient(bootstrap_servers=kafka_bootstrap)
    admin.create_topics(
        [
            NewTopic(prefix + name, spec["partitions"], 1, topic_configs=spec.get("config", {}))
            for name, spec in topics.items()
        ]
    )
    admin.close()
    return prefix
