"""Fixtures for the deploy/ tests: Debian's promtool and a real Prometheus on a loopback port.

Both fail (never skip) when the binaries are missing, with the command that installs them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator

import pytest
from prom_helpers import Prometheus, binary


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
