"""deploy/prometheus: promtool accepts the config and rules, every alert is unit-tested firing
and not firing, and every metric the rules name exists in the code's registry."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from prom_helpers import DEPLOY

from screening.metrics import ScreeningMetrics
from screening.settings import Settings

PROM = DEPLOY / "prometheus"
pytestmark = pytest.mark.prometheus


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=300, check=False)


def test_config_is_valid(promtool: str) -> None:
    done = _run(promtool, "check", "config", str(PROM / "prometheus.yml"))
    assert done.returncode == 0, done.stdout + done.stderr
    config = yaml.safe_load((PROM / "prometheus.yml").read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    (discovery,) = jobs["screening-worker"]["dns_sd_configs"]
    assert discovery["port"] == Settings().metrics_port


def test_rules_are_valid(promtool: str) -> None:
    done = _run(promtool, "check", "rules", str(PROM / "alerts.yml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_alert_unit_tests_pass(promtool: str) -> None:
    done = _run(promtool, "test", "rules", str(PROM / "alerts_test.yml"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout + done.stderr


def _alerts() -> dict[str, str]:
    rules = yaml.safe_load((PROM / "alerts.yml").read_text())
    return {r["alert"]: r["expr"] for g in rules["groups"] for r in g["rules"] if "alert" in r}


def test_every_alert_is_tested_firing_and_not_firing() -> None:
    alerts = _alerts()
    assert set(alerts) == {
        "ScreeningWorkerDown",
        "ScreeningConsumerLagGrowing",
        "ScreeningDlqRateHigh",
        "ScreeningListsStale",
        "ScreeningListsIntegrityWarnings",
        "ScreeningBlockRateSpike",
        "ScreeningDecisionLatencyHigh",
        "ScreeningNoDecisions",
    }
    tests = yaml.safe_load((PROM / "alerts_test.yml").read_text())
    firing: set[str] = set()
    silent: set[str] = set()
    for case in tests["tests"]:
        for check in case.get("alert_rule_test", []):
            (firing if check.get("exp_alerts") else silent).add(check["alertname"])
    assert firing == set(alerts), f"never tested firing: {set(alerts) - firing}"
    assert silent == set(alerts), f"never tested silent: {set(alerts) - silent}"


def test_rules_name_only_metrics_the_code_exposes() -> None:
    exposed = ScreeningMetrics().metric_names() | {"up"}
    rules = yaml.safe_load((PROM / "alerts.yml").read_text())
    recorded = {r["record"] for g in rules["groups"] for r in g["rules"] if "record" in r}
    for group in rules["groups"]:
        for rule in group["rules"]:
            for name in re.findall(r"\b(screening_[a-z_]+|up)\b", rule["expr"]):
                assert name in exposed, f"{rule.get('alert') or rule.get('record')}: {name}"
    assert recorded


def test_ensure_script_installs_or_explains(tmp_path: Path) -> None:
    """Without the binaries and without root, the script says how to install and exits 0."""
    script = DEPLOY.parent / "scripts" / "ensure-prometheus"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake_bin / "id").chmod(0o755)
    done = subprocess.run(
        ["/bin/bash", str(script)],
        capture_output=True,
        text=True,
        env={"PATH": f"{fake_bin}:/nonexistent"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "apt-get install -y --no-install-recommends prometheus" in done.stderr
