"""`screening.metrics`: counts equal what the core decided, labels stay bounded, the HTTP server
answers /metrics, /healthz and /readyz. Expected values come from the decisions themselves and
the policy file, never from the metrics code."""

from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from policy_groups import concern_codes
from screening.decision import Decision, Screener
from screening.events import parse_event
from screening.metrics import (
    DECISION_LATENCY_BUCKETS,
    MetricsServer,
    Observation,
    ScreeningMetrics,
    decide_timed,
    event_time,
    serve,
)
from screening.paths import BUNDLED_LISTS, SAMPLE_EVENTS
from screening.runtime import build_screener, load_settings

DECIDED_AT = "2026-11-30T00:00:00.000Z"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return build_screener(load_settings())


@pytest.fixture(scope="module")
def sample_decisions(screener: Screener) -> list[tuple[Decision, float]]:
    lines = SAMPLE_EVENTS.read_bytes().splitlines()
    events = [parse_event(line) for line in lines if line.strip()]
    return list(decide_timed(screener, events, DECIDED_AT))


def _samples(metrics: ScreeningMetrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Parse the exposition text back: what a scraper would read."""
    text = metrics.exposition().decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def _sum(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str) -> float:
    return sum(v for (n, _labels), v in samples.items() if n == name)


def expected_exposure(decisions: list[Decision]) -> float:
    total = 0.0
    for decision in decisions:
        concern = concern_codes(decision.policy_version)
        for r in decision.rules:
            if r.category in ("critical", "strategic") and r.country in concern and r.value:
                total += r.value
    return total


def test_counts_equal_the_decisions_of_the_sample(
    screener: Screener, sample_decisions: list[tuple[Decision, float]]
) -> None:
    metrics = ScreeningMetrics(require_partitions=False)
    metrics.describe_screener(screener)
    metrics.observe_batch(
        [
            Observation(d, seconds, event_time(kafka_timestamp_ms=1))
            for d, seconds in sample_decisions
        ]
    )
    samples = _samples(metrics)
    outcomes = Counter(d.decision for d, _ in sample_decisions)
    assert set(outcomes) == {"block", "flag", "allow"}
    for outcome in ("block", "flag", "allow"):
        key = ("screening_decisions_total", (("decision", outcome),))
        assert samples[key] == outcomes[outcome]
    hits = Counter((h.list, h.action) for d, _ in sample_decisions for h in d.hits)
    assert hits, "the sample has list hits"
    for (source, action), count in hits.items():
        key = ("screening_party_hits_total", (("action", action), ("list", source)))
        assert samples[key] == count
    rules = [r for d, _ in sample_decisions for r in d.rules]
    assert _sum(samples, "screening_goods_rules_total") == len(rules)
    exposure = expected_exposure([d for d, _ in sample_decisions])
    assert exposure > 0
    assert _sum(samples, "screening_goods_exposure_value_total") == pytest.approx(exposure)
    n = len(sample_decisions)
    assert samples[("screening_screen_duration_seconds_count", ())] == n
    assert samples[("screening_decision_latency_seconds_count", ())] == n
    assert samples[("screening_batch_size_events_count", ())] == 1
    assert samples[("screening_batch_size_events_sum", ())] == n


def test_exposure_only_counts_concern_groups_and_valid_currencies(
    screener: Screener, sample_decisions: list[tuple[Decision, float]]
) -> None:
    metrics = ScreeningMetrics()
    metrics.describe_screener(screener)
    for decision, _ in sample_decisions:
        metrics.observe(decision)
    samples = _samples(metrics)
    exposure = {k: v for k, v in samples.items() if k[0] == "screening_goods_exposure_value_total"}
    assert exposure
    for (_name, labels), _value in exposure.items():
        label = dict(labels)
        assert label["partner_group"] in {"countries_of_concern", "embargoed"}
        assert label["category"] in {"critical", "strategic"}
        assert label["direction"] in {"export", "import", "transit"}
        assert len(label["currency"]) == 3 or label["currency"] in {"none", "unknown"}


def test_labels_from_hostile_input_are_folded(screener: Screener) -> None:
    metrics = ScreeningMetrics()
    metrics.describe_screener(screener)
    metrics.observe_error("EVENT_SCHEMA")
    metrics.observe_error("x' OR 1=1; <script>")
    line = (
        b'{"event_id":"e1","occurred_at":"2026-11-30T00:00:00Z","origin_country":"DE",'
        b'"destination_country":"RU","goods":[{"line":1,"hs_code":"8542.31","value":5,'
        b'"currency":"\xc3\xbcSD"}]}'
    )
    metrics.observe(screener.decide(parse_event(line), DECIDED_AT))
    samples = _samples(metrics)
    assert samples[("screening_dlq_records_total", (("error_code", "EVENT_SCHEMA"),))] == 1
    assert samples[("screening_dlq_records_total", (("error_code", "OTHER"),))] == 1
    currencies = {
        dict(labels)["currency"]
        for (name, labels) in samples
        if name == "screening_goods_exposure_value_total"
    }
    assert currencies == {"unknown"}


def test_latency_runs_from_the_kafka_timestamp_else_occurred_at() -> None:
    assert event_time("2026-11-30T00:00:00Z", 1_796_000_000_500) == 1_796_000_000.5
    assert event_time("1970-01-01T00:01:00Z") == 60.0
    assert event_time("1970-01-01T00:01:00") == 60.0  # naive times are UTC
    assert event_time("not a time") is None
    assert event_time(None, None) is None


def test_latency_buckets_resolve_the_250ms_target(
    sample_decisions: list[tuple[Decision, float]],
) -> None:
    assert 0.25 in DECISION_LATENCY_BUCKETS
    assert {0.2, 0.3} <= set(DECISION_LATENCY_BUCKETS)
    metrics = ScreeningMetrics(clock=lambda: 100.0)
    decision = sample_decisions[0][0]
    metrics.observe(decision, event_time=99.9)  # 100 ms
    metrics.observe(decision, event_time=99.7)  # 300 ms
    metrics.observe(decision, event_time=101.0)  # clock skew: counted as 0, not dropped
    samples = _samples(metrics)
    bucket = "screening_decision_latency_seconds_bucket"
    assert samples[(bucket, (("le", "0.25"),))] == 2
    assert samples[(bucket, (("le", "0.3"),))] == 3


def test_lists_age_and_per_source_counts(screener: Screener) -> None:
    snapshot = screener.snapshot
    newest = max(
        f.date for info in snapshot.sources.values() for f in info.files if len(f.date) == 10
    )
    from datetime import UTC, datetime

    newest_s = datetime.fromisoformat(newest).replace(tzinfo=UTC).timestamp()
    metrics = ScreeningMetrics(clock=lambda: newest_s + 3600)
    metrics.describe_screener(screener)
    samples = _samples(metrics)
    assert samples[("screening_lists_age_seconds", ())] == 3600
    for source, info in snapshot.sources.items():
        assert samples[("screening_lists_entities", (("source", source),))] == info.entities
    assert samples[("screening_lists_info", (("version", snapshot.version),))] == 1
    assert samples[("screening_policy_info", (
        ("installed", screener.policies.version),
        ("policy_id", screener.policies.newest.policy_id),
        ("version", screener.policies.newest.version),
    ))] == 1  # fmt: skip
    assert samples[("screening_engine_info", (("version", screener.engine_version),))] == 1


def test_list_integrity_warnings_are_counted(screener: Screener, tmp_path: Path) -> None:
    """A header-only custom list and a misspelt folder: two warnings a dashboard can see."""
    from screening.decision import Screener as Built
    from screening.lists.build import from_folder

    (tmp_path / "custom_watch").mkdir()
    (tmp_path / "custom_watch" / "entities.csv").write_text("id,name,kind,aliases,country\n")
    (tmp_path / "us_ofac_sdm").mkdir()
    shutil.copytree(BUNDLED_LISTS / "custom_demo", tmp_path / "custom_demo")
    snapshot = from_folder(tmp_path)
    metrics = ScreeningMetrics()
    metrics.describe_screener(Built(snapshot, screener.policies, screener.matcher.config))
    assert _samples(metrics)[("screening_lists_warnings", ())] == len(snapshot.warnings) == 2
    metrics.describe_screener(screener)
    assert _samples(metrics)[("screening_lists_warnings", ())] == len(screener.snapshot.warnings)


def test_rebalances_keep_lag_only_for_owned_partitions() -> None:
    metrics = ScreeningMetrics()
    metrics.partitions_assigned([("ev", 0), ("ev", 1)])
    metrics.set_lag("ev", 0, 5)
    metrics.set_lag("ev", 1, 7)
    metrics.partitions_revoked([("ev", 0), ("ev", 1)])
    metrics.partitions_assigned([("ev", 1)])
    metrics.set_lag("ev", 1, 3)
    samples = _samples(metrics)
    lag = {
        dict(labels)["partition"]: v
        for (name, labels), v in samples.items()
        if name == "screening_consumer_lag_records"
    }
    assert lag == {"1": 3}
    assert samples[("screening_rebalances_total", ())] == 2
    assert samples[("screening_assigned_partitions", ())] == 1


@pytest.fixture
def server() -> Iterator[tuple[ScreeningMetrics, MetricsServer]]:
    metrics = ScreeningMetrics()
    srv = serve(metrics, 0)
    yield metrics, srv
    srv.close()


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read().decode()


def test_http_server_health_readiness_and_metrics(
    server: tuple[ScreeningMetrics, MetricsServer], screener: Screener
) -> None:
    metrics, srv = server
    assert srv.host == "127.0.0.1"
    assert _get(srv.url + "/healthz")[0] == 200
    assert _get(srv.url + "/readyz") == (503, "text/plain; charset=utf-8", "lists not loaded\n")
    metrics.describe_screener(screener)
    assert _get(srv.url + "/readyz")[2] == "no partitions assigned\n"
    metrics.partitions_assigned([("screening.events", 0)])
    assert _get(srv.url + "/readyz")[:1] == (200,)
    status, ctype, body = _get(srv.url + "/metrics")
    assert status == 200
    assert ctype.startswith("text/plain; version=0.0.4")
    assert "screening_ready 1.0" in body
    assert 'screening_decisions_total{decision="block"} 0.0' in body
    metrics.set_up(False)
    assert _get(srv.url + "/healthz")[0] == 503
    assert _get(srv.url + "/nope")[0] == 404


def test_families_and_names_are_prometheus_style() -> None:
    metrics = ScreeningMetrics()
    families = metrics.family_names()
    assert len(families) >= 20
    assert all(name.startswith("screening_") for name in metrics.metric_names())
    for family in metrics.registry.collect():
        if family.type == "counter":
            assert all(s.name.endswith("_total") for s in family.samples)
        for sample in family.samples:
            assert not {"event_id", "name", "party", "entity_id"} & set(sample.labels)


def test_textfile_is_written_whole(tmp_path: Path, screener: Screener) -> None:
    metrics = ScreeningMetrics(require_partitions=False)
    metrics.describe_screener(screener)
    target = tmp_path / "textfile" / "screening.prom"
    metrics.write_textfile(target)
    metrics.write_textfile(target)  # replaced, not appended
    assert [p.name for p in target.parent.iterdir()] == ["screening.prom"]
    text = target.read_text()
    names = {s.name for f in text_string_to_metric_families(text) for s in f.samples}
    assert names <= metrics.metric_names()
    assert "screening_lists_entities" in names
