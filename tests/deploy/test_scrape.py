"""A real Prometheus scrapes the metrics of a screening run: the numbers it reports equal what
the run produced (decisions read back from the run's own output, never from the metrics)."""

from __future__ import annotations

from collections import Counter

import pytest
from prom_helpers import Scrape, expected_exposure

pytestmark = pytest.mark.prometheus


def test_decision_counts_equal_the_decisions_produced(batch_scrape: Scrape) -> None:
    prom, decisions = batch_scrape.prometheus, batch_scrape.decisions
    produced = Counter(d["decision"] for d in decisions)
    assert len(decisions) >= 300  # the sample (all valid) and any invalid line intake accepts
    for outcome in ("block", "flag", "allow"):
        assert (
            prom.value(f'sum(screening_decisions_total{{decision="{outcome}"}})')
            == produced[outcome]
        )
    consumed = prom.value("sum(screening_events_consumed_total)")
    assert consumed == len(decisions) + len(batch_scrape.errors)
    errors = Counter(e["error"] for e in batch_scrape.errors)
    assert errors
    for code, count in errors.items():
        assert prom.value(f'sum(screening_dlq_records_total{{error_code="{code}"}})') == count
    hits = Counter((h["list"], h["action"]) for d in decisions for h in d["hits"])
    for (source, action), count in hits.items():
        query = f'sum(screening_party_hits_total{{list="{source}",action="{action}"}})'
        assert prom.value(query) == count
    print(
        f"\nprometheus ready {batch_scrape.ready_seconds:.2f} s after start; first sample "
        f"{batch_scrape.first_sample_seconds:.2f} s after start"
    )


def test_exposure_sums_to_the_declared_values(batch_scrape: Scrape) -> None:
    prom = batch_scrape.prometheus
    expected = expected_exposure(batch_scrape.decisions)
    assert expected, "the sample has critical/strategic goods with countries of concern"
    result = prom.query("sum by (currency) (screening_goods_exposure_value_total)")
    scraped = {r["metric"]["currency"]: float(r["value"][1]) for r in result}
    assert scraped.keys() == expected.keys()
    for currency, value in expected.items():
        assert scraped[currency] == pytest.approx(value, rel=1e-9)


def test_latency_histogram_has_every_decision(batch_scrape: Scrape) -> None:
    prom = batch_scrape.prometheus
    n = len(batch_scrape.decisions)
    assert prom.value("sum(screening_decision_latency_seconds_count)") == n
    assert prom.value('sum(screening_decision_latency_seconds_bucket{le="+Inf"})') == n
    assert prom.value("sum(screening_screen_duration_seconds_count)") == n


def test_the_shipped_rules_load_in_the_real_server(batch_scrape: Scrape) -> None:
    groups = batch_scrape.prometheus.api("rules")["groups"]
    names = {rule["name"] for group in groups for rule in group["rules"]}
    assert "ScreeningWorkerDown" in names
    assert all(rule["health"] != "err" for g in groups for rule in g["rules"])
