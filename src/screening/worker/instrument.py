"""Metrics of a running worker: batches, rebalances, consumer lag, list swaps and liveness.

Plugs `screening.metrics` into the faust app from the outside (a batch hook, faust's
partition signals and a timer), so the agent's code path stays the one the stream tests run.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from screening.metrics import Observation, ScreeningMetrics

if TYPE_CHECKING:
    import faust

    from screening.worker.app import Pipeline, ScreenerHolder
    from screening.worker.batch import BatchResult

log = logging.getLogger(__name__)

LAG_INTERVAL = 2.0  # seconds between consumer-lag readings (a scrape every 15 s by default)


def observe_result(
    metrics: ScreeningMetrics, result: BatchResult, now: float | None = None
) -> None:
    """One processed batch: every record read, each decision, each dead letter."""
    metrics.observe_consumed(len(result.decided) + len(result.dead_letters))
    metrics.observe_batch(
        [Observation(d.decision, d.screen_seconds, d.event_time) for d in result.decided],
        now=time.time() if now is None else now,
    )
    for dead in result.dead_letters:
        metrics.observe_error(dead.code)


def instrument(
    app: faust.App, pipeline: Pipeline, holder: ScreenerHolder, metrics: ScreeningMetrics
) -> None:
    described = [holder.version]

    def on_batch(result: BatchResult, _seconds: float) -> None:
        """Counting must never stop screening: a metrics bug is logged, not raised."""
        try:
            observe_result(metrics, result)
            if result.list_version != described[0]:  # the holder switched lists for this batch
                metrics.describe_screener(holder.current)
                described[0] = result.list_version
        except Exception:
            log.exception("metrics: a batch could not be counted")

    pipeline.hooks.append(on_batch)

    async def on_assigned(_sender: Any, *args: Any, **_kwargs: Any) -> None:
        owned = [(tp.topic, tp.partition) for tp in args[0]]
        metrics.partitions_assigned(owned)
        log.info("metrics: %d partitions assigned, ready=%s", len(owned), metrics.health.ready())

    async def on_revoked(_sender: Any, *args: Any, **_kwargs: Any) -> None:
        metrics.partitions_revoked([(tp.topic, tp.partition) for tp in args[0]])

    async def consumer_lag() -> None:
        """highwater - position for each owned partition, from this worker's own consumer."""
        consumer = app.consumer
        for tp in consumer.assignment():
            try:
                highwater = consumer.highwater(tp)
                position = await consumer.position(tp)
            except Exception as exc:  # between rebalances a partition may be gone
                log.debug("lag of %s unavailable: %r", tp, exc)
                continue
            if highwater is not None and position is not None:
                metrics.set_lag(tp.topic, tp.partition, highwater - position)

    app.on_partitions_assigned.connect(on_assigned)  # type: ignore[arg-type]
    app.on_partitions_revoked.connect(on_revoked)  # type: ignore[arg-type]
    app.timer(interval=LAG_INTERVAL)(consumer_lag)
