"""deploy/grafana: the provisioned dashboard. No Grafana server is packaged for this machine, so
every panel's PromQL runs against the real Prometheus after the sample run, and every metric
name it uses must exist in the code's registry. The queries run against the real Prometheus
after the sample stream in test_worker_scrape.py (before that module stops its worker)."""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from prom_helpers import DEPLOY

from screening.metrics import ScreeningMetrics

GRAFANA = DEPLOY / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "screening.json"
# Grafana's own variables, as Grafana would expand them for a short time range.
VARIABLES = {"$__rate_interval": "1m", "$__range": "10m"}


def _panels() -> list[dict[str, Any]]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [p for p in dashboard["panels"] if p["type"] != "row"]


def panel_exprs() -> list[tuple[str, str]]:
    """(panel title, PromQL as Grafana would send it) for every target of every panel."""
    return [(p["title"], _expr(t)) for p in _panels() for t in p["targets"]]


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
