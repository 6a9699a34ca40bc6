"""deploy/docker-compose.yml's monitoring services agree with deploy/prometheus and
deploy/grafana: Prometheus finds every worker replica on its metrics port, Grafana is provisioned
with the datasource and the dashboard, and the Prometheus image is the version the tests run."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest
import yaml
from prom_helpers import DEPLOY

COMPOSE = DEPLOY / "docker-compose.yml"


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return dict(data["services"])


def _mounts(service: dict[str, Any]) -> dict[str, str]:
    """container path -> host path (relative to deploy/)."""
    out = {}
    for volume in service.get("volumes", []):
        host, container = volume.split(":")[:2]
        out[container] = host
    return out


def test_prometheus_scrapes_every_worker_replica(services: dict[str, Any]) -> None:
    prometheus, worker = services["prometheus"], services["worker"]
    mounts = _mounts(prometheus)
    assert (DEPLOY / mounts["/etc/prometheus"]).resolve() == (DEPLOY / "prometheus").resolve()
    assert "--config.file=/etc/prometheus/prometheus.yml" in prometheus["command"]
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "screening-worker"]
    (discovery,) = job["dns_sd_configs"]
    worker_name = next(name for name, s in services.items() if s is worker)
    assert discovery["names"] == [worker_name]
    assert str(discovery["port"]) == worker["environment"]["SCREENING_METRICS_PORT"]
    assert str(discovery["port"]) in [str(p) for p in worker.get("expose", [])]
    # the default bind is loopback; another container can only scrape a non-loopback one
    assert worker["environment"]["SCREENING_METRICS_HOST"] == "0.0.0.0"


def test_prometheus_image_is_the_tested_version(services: dict[str, Any]) -> None:
    image = services["prometheus"]["image"]
    match = re.fullmatch(r"prom/prometheus:v(\d+\.\d+)\.\d+", image)
    assert match, image
    promtool = shutil.which("promtool")
    assert promtool, "promtool missing: run make test as root, or apt-get install prometheus"
    version = subprocess.run(
        [promtool, "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert f"version {match.group(1)}." in version


def test_grafana_is_provisioned_with_datasource_and_dashboard(services: dict[str, Any]) -> None:
    grafana = services["grafana"]
    mounts = _mounts(grafana)
    provisioning = (DEPLOY / mounts["/etc/grafana/provisioning"]).resolve()
    assert provisioning == (DEPLOY / "grafana" / "provisioning").resolve()
    providers = yaml.safe_load((provisioning / "dashboards" / "screening.yml").read_text())
    dashboards_path = providers["providers"][0]["options"]["path"]
    assert (DEPLOY / mounts[dashboards_path]).resolve() == (
        DEPLOY / "grafana" / "dashboards"
    ).resolve()
    home = grafana["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert (DEPLOY / "grafana" / "dashboards" / home.rsplit("/", 1)[1]).is_file()
    datasource = yaml.safe_load((provisioning / "datasources" / "prometheus.yml").read_text())
    url = datasource["datasources"][0]["url"]
    assert url == "http://prometheus:9090"
    assert "prometheus" in services
