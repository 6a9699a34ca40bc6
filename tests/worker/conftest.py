"""Fixtures of the stream tests: a pool of worker subprocesses run from a temp CWD."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from stream_helpers import WorkerPool

from screening.paths import BUNDLED_LISTS


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
