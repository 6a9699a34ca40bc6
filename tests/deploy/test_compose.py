"""deploy/docker-compose.yml, the Dockerfile, Settings and the topics agree (no Docker engine
runs here, so the files are checked against each other and against the code)."""

from __future__ import annotations

import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from screening.cli import build_parser
from screening.kafka import broker
from screening.paths import REPO_ROOT
from screening.settings import Settings

COMPOSE = REPO_ROOT / "deploy" / "docker-compose.yml"
DOCKERFILE = REPO_ROOT / "Dockerfile"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    return {str(k): str(v) for k, v in env.items()}


def test_every_screening_variable_is_a_setting(compose: dict[str, Any]) -> None:
    fields = set(Settings.model_fields)
    seen = set()
    for name, service in compose["services"].items():
        for var in _env(service):
            if var.startswith("SCREENING_"):
                field = var.removeprefix("SCREENING_").lower()
                assert field in fields, f"{name}: {var} is not a Settings field"
                seen.add(var)
    assert {"SCREENING_BROKER", "SCREENING_LISTS_DIR", "SCREENING_METRICS_PORT"} <= seen


def test_kafka_image_matches_the_local_broker_version(compose: dict[str, Any]) -> None:
    image = compose["services"]["kafka"]["image"]
    pom = ET.parse(broker.POM).getroot()
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = pom.find("m:properties/m:kafka.version", ns)
    assert version is not None
    assert image == f"apache/kafka:{version.text}"


def test_dockerfile_runs_the_worker_with_the_metrics_port(compose: dict[str, Any]) -> None:
    text = DOCKERFILE.read_text()
    entrypoint = re.search(r"^ENTRYPOINT\s+(\[.*\])", text, re.M)
    cmd = re.search(r"^CMD\s+(\[.*\])", text, re.M)
    assert entrypoint and cmd
    assert yaml.safe_load(entrypoint.group(1)) == ["screening"]
    assert yaml.safe_load(cmd.group(1)) == ["worker"]
    exposed = set(re.findall(r"^EXPOSE\s+(\d+)", text, re.M))
    worker = compose["services"]["worker"]
    port = _env(worker)["SCREENING_METRICS_PORT"]
    assert port in exposed
    assert port == str(Settings.model_fields["metrics_port"].default)
    assert [str(p) for p in worker["expose"]] == [port]
    assert worker["command"] == ["worker"]
    # every path the Dockerfile copies exists in the repository
    for line in re.findall(r"^COPY\s+(.+)$", text, re.M):
        *sources, _dest = shlex.split(line)
        for source in sources:
            assert (REPO_ROOT / source).exists(), source


def test_topics_job_runs_a_real_command_before_the_workers(compose: dict[str, Any]) -> None:
    services = compose["services"]
    job = services["topics"]
    args = build_parser().parse_args(job["command"])
    assert (args.command, args.topics_command) == ("topics", "create")
    assert services["worker"]["depends_on"]["topics"]["condition"] == (
        "service_completed_successfully"
    )
    assert job["depends_on"]["kafka"]["condition"] == "service_healthy"
    # auto-creation is off, so the job is what makes the worker's topics exist
    assert (
        _env(services["topics"])["SCREENING_TOPIC_PREFIX"]
        == _env(services["worker"])["SCREENING_TOPIC_PREFIX"]
    )


def test_lists_volume_mounts_where_settings_look(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    lists_dir = _env(worker)["SCREENING_LISTS_DIR"]
    volumes = [v.rsplit(":", 2) for v in worker["volumes"]]
    assert any(target == lists_dir and mode == "ro" for _src, target, mode in volumes)
    default_source = next(src for src, target, _m in volumes if target == lists_dir)
    default = re.fullmatch(r"\$\{LISTS_DIR:-(.+)\}", default_source)
    assert default is not None
    assert (COMPOSE.parent / default.group(1)).is_dir()


def test_image_has_every_package_data_link_target() -> None:
    """src/screening/data holds symlinks into the tree; the image must copy their targets."""
    text = DOCKERFILE.read_text()
    copied = [shlex.split(line)[:-1] for line in re.findall(r"^COPY\s+(.+)$", text, re.M)]
    sources = [Path(s) for group in copied for s in group]
    data = REPO_ROOT / "src" / "screening" / "data"
    for link in data.iterdir():
        if link.is_symlink():
            target = link.resolve().relative_to(REPO_ROOT)
            assert any(target == s or s in target.parents for s in sources), target
