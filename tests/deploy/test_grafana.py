"""deploy/grafana: the provisioned dashboard. No Grafana server is packaged for this machine, so
every panel's PromQL runs against the real Prometheus after the sample run, and every metric
name it uses must exist in the code's registry."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from prom_helpers import DEPLOY, Scrape

from screening.metrics import ScreeningMetrics

GRAFANA = DEPLOY / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "screening.json"
# Grafana's own variables, as Grafana would expand them for a short time range.
VARIABLES = {"$__rate_interval": "1m", "$__range": "10m"}
# Panels whose series only a stream worker has (a Kafka consumer); the batch run has none.
NEEDS_CONSUMER = {"Consumer lag per partition (records)"}


def _panels() -> list[dict[str, Any]]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [p for p in dashboard["panels"] if p["type"] != "row"]


def _expr(target: dict[str, Any]) -> str:
    expr = str(target["expr"])
    for name, value in VARIABLES.items():
        expr = expr.replace(name, value)
    assert "$" not in expr, f"unexpanded variable in {expr}"
    return expr


def test_dashboard_covers_what_operators_watch() -> None:
    titles = " ".join(p["title"].lower() for p in _panels())
    for topic in (
        "throughput",
        "outcomes",
        "lists",
        "sectors",
        "latency",
        "lag",
        "age",
        "exposure",
    ):
        assert topic in titles, topic
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert dashboard["uid"] and dashboard["schemaVersion"] >= 30
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))


def test_provisioning_points_at_the_dashboard_and_datasource() -> None:
    datasource = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    uid = datasource["datasources"][0]["uid"]
    assert all(p["datasource"]["uid"] == uid for p in _panels())
    providers = yaml.safe_load((GRAFANA / "provisioning/dashboards/screening.yml").read_text())
    assert providers["providers"][0]["options"]["path"] == "/var/lib/grafana/dashboards"


def test_every_metric_name_is_in_the_registry() -> None:
    exposed = ScreeningMetrics().metric_names() | {"up"}
    used: set[str] = set()
    for panel in _panels():
        for target in panel["targets"]:
            used |= set(re.findall(r"\b(screening_[a-z_]+|up)\b(?=[{\[)\s])", target["expr"]))
    assert used
    assert used <= exposed, used - exposed


@pytest.mark.prometheus
def test_every_panel_query_parses_and_returns_data(batch_scrape: Scrape) -> None:
    prom = batch_scrape.prometheus
    empty = []
    for panel in _panels():
        for target in panel["targets"]:
            result = prom.query(_expr(target))  # raises on a PromQL error
            if not result and panel["title"] not in NEEDS_CONSUMER:
                empty.append(f"{panel['title']}: {target['expr']}")
    assert not empty, "queries without data after the sample run:\n" + "\n".join(empty)
