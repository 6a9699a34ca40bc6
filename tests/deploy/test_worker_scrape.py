"""The sample stream through a real worker on the real broker, scraped by a real Prometheus:
the counters equal the decisions on the decisions topic, the exposure series sum to the declared
values of the flagged and blocked goods lines, the latency histogram has every decision, the
consumer's own view (lag, partitions, readiness) is there, and a stopped worker is seen down."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from prom_helpers import Scrape, expected_exposure
from test_grafana import panel_exprs

pytestmark = [pytest.mark.kafka, pytest.mark.prometheus]


def test_decision_counts_equal_the_decisions_on_the_topic(worker_scrape: Scrape) -> None:
    prom, decisions = worker_scrape.prometheus, worker_scrape.decisions
    produced = Counter(d["decision"] for d in decisions)
    assert len({d["event_id"] for d in decisions}) >= 300  # the sample, all valid
    for outcome in ("block", "flag", "allow"):
        query = f'sum(screening_decisions_total{{job="screening-worker",decision="{outcome}"}})'
        assert prom.value(query) == produced[outcome]
    errors = Counter(e["error"] for e in worker_scrape.errors)
    assert errors  # the invalid sample lines that intake refuses
    for code, count in errors.items():
        assert prom.value(f'sum(screening_dlq_records_total{{error_code="{code}"}})') == count
    consumed = prom.value("sum(screening_events_consumed_total)")
    assert consumed == len(decisions) + len(worker_scrape.errors)
    print(
        f"\nprometheus ready {worker_scrape.ready_seconds:.2f} s, worker ready (/readyz) "
        f"{worker_scrape.worker_ready_seconds:.2f} s, first scraped sample "
        f"{worker_scrape.first_sample_seconds:.2f} s after start"
    )


def test_exposure_sums_to_declared_values_of_flagged_and_blocked_lines(
    worker_scrape: Scrape,
) -> None:
    expected = expected_exposure(worker_scrape.decisions)
    assert expected
    result = worker_scrape.prometheus.query(
        "sum by (currency) (screening_goods_exposure_value_total)"
    )
    scraped = {r["metric"]["currency"]: float(r["value"][1]) for r in result}
    assert scraped.keys() == expected.keys()
    for currency, value in expected.items():
        assert scraped[currency] == pytest.approx(value, rel=1e-9)


def test_latency_histogram_has_every_decision(worker_scrape: Scrape) -> None:
    prom = worker_scrape.prometheus
    n = len(worker_scrape.decisions)
    assert prom.value("sum(screening_decision_latency_seconds_count)") == n
    assert prom.value("sum(screening_screen_duration_seconds_count)") == n
    batches = prom.value("sum(screening_batch_size_events_count)")
    assert 2 <= batches <= n + len(worker_scrape.errors)
    # From the Kafka timestamp: seconds at most on this machine, not the sample's weeks.
    assert prom.value("sum(screening_decision_latency_seconds_sum)") / n < 30


def test_consumer_view_lag_partitions_and_readiness(worker_scrape: Scrape) -> None:
    prom = worker_scrape.prometheus
    lag = prom.query("screening_consumer_lag_records")
    assert len(lag) == 6, lag  # one series per partition of the input topic
    assert {r["metric"]["topic"].endswith("screening.events") for r in lag} == {True}
    prom.wait_for("sum(screening_consumer_lag_records) == 0")  # all consumed
    assert prom.value("screening_assigned_partitions") == 6
    assert prom.value("screening_rebalances_total") >= 1
    assert prom.value("screening_ready") == 1
    assert prom.value("screening_worker_up") == 1
    assert prom.value("screening_lists_age_seconds") >= 0
    assert prom.value('up{job="screening-worker"}') == 1


def test_every_dashboard_panel_query_parses_and_returns_data(worker_scrape: Scrape) -> None:
    """deploy/grafana: each panel's PromQL, as Grafana would send it, after the sample run."""
    empty = []
    for title, expr in panel_exprs():
        if not worker_scrape.prometheus.query(expr):  # raises on a PromQL error
            empty.append(f"{title}: {expr}")
    assert not empty, "queries without data after the sample run:\n" + "\n".join(empty)


def test_a_stopped_worker_is_down_for_prometheus(worker_scrape: Scrape) -> None:
    """Runs last in this module (it stops the worker); the alert itself is in alerts_test.yml."""
    assert worker_scrape.stop_worker is not None
    worker_scrape.stop_worker()
    started = time.monotonic()
    worker_scrape.prometheus.wait_for('up{job="screening-worker"} == 0', timeout=30)
    assert time.monotonic() - started < 30
