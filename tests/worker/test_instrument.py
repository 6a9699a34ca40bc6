"""The worker's metrics hook: one processed batch counted as the stream saw it (decisions,
dead letters by code, latency from the Kafka timestamp, core time per event)."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from screening.chain import DecisionChain
from screening.metrics import ScreeningMetrics
from screening.paths import SAMPLE_EVENTS
from screening.runtime import build_screener, load_settings
from screening.worker.batch import InRecord, chain_batch, process_batch
from screening.worker.dlq import Source
from screening.worker.instrument import observe_result


def _value(metrics: ScreeningMetrics, name: str, **labels: str) -> float:
    text = metrics.exposition().decode()
    return sum(
        s.value
        for f in text_string_to_metric_families(text)
        for s in f.samples
        if s.name == name and labels.items() <= s.labels.items()
    )


def test_a_batch_is_counted_as_processed() -> None:
    screener = build_screener(load_settings())
    lines = SAMPLE_EVENTS.read_bytes().splitlines()[:40]
    records = [
        InRecord(b"k", line, Source("t", 0, i), timestamp=1000.0) for i, line in enumerate(lines)
    ]
    records.append(InRecord(b"bad", b"{not json", Source("t", 0, 99), timestamp=1000.0))
    records.append(InRecord(None, None, Source("t", 1, 0), timestamp=1000.0))
    # as the agent does it: decided, then linked into the hash chain, then counted
    result = chain_batch(
        DecisionChain(None), process_batch(screener, records, "2026-11-30T00:00:00.000Z")
    )
    metrics = ScreeningMetrics(clock=lambda: 1000.2)
    metrics.describe_screener(screener)
    observe_result(metrics, result, now=1000.2)
    assert _value(metrics, "screening_events_consumed_total") == 42
    assert _value(metrics, "screening_decisions_total") == len(result.decided) == 40
    codes = [d.code for d in result.dead_letters]
    assert len(codes) == 2
    for code in set(codes):
        assert _value(metrics, "screening_dlq_records_total", error_code=code) == codes.count(code)
    assert _value(metrics, "screening_decision_latency_seconds_count") == 40
    assert _value(metrics, "screening_decision_latency_seconds_bucket", le="0.25") == 40
    assert _value(metrics, "screening_decision_latency_seconds_bucket", le="0.15") == 0
    assert _value(metrics, "screening_screen_duration_seconds_count") == 40
    assert _value(metrics, "screening_batch_size_events_count") == 1
    assert all(d.screen_seconds is not None and d.screen_seconds > 0 for d in result.decided)
