"""The faust-streaming adapter: `screening.events` -> core -> decisions, review and DLQ topics.

Delivery is at-least-once: one agent (concurrency 1, faust loses offsets above it) takes a
batch with `take_events`, decides it with one screener, sends every output with
`app.producer.send` and awaits all the broker acks before the loop goes on; only then does
`take_events` ack the batch, so a committed offset always has its decision (or DLQ record) on
the broker. A redelivered event gives the same decision bytes except `decided_at`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import faust
from faust.streams import Stream
from faust.types import EventT, StreamT

from screening.allowlist_topic import AllowlistFollower
from screening.chain import DecisionChain
from screening.decision import Screener
from screening.intake import decided_at
from screening.kafka import clients
from screening.kafka.topics import DECISIONS, DLQ, EVENTS, LISTS, REVIEW, topic_name
from screening.metrics import ScreeningMetrics
from screening.settings import Settings
from screening.worker.batch import (
    BatchResult,
    InRecord,
    chain_batch,
    dead_batch,
    process_batch,
)
from screening.worker.dlq import DeadLetter, Source
from screening.worker.instrument import instrument
from screening.worker.snapshots import (
    ListReference,
    ListUpdateRefused,
    load_verified,
    parse_reference,
)

log = logging.getLogger(__name__)

BatchHook = Callable[[BatchResult, float], None]
"""Called after each batch is acked by the broker: (result, seconds spent on the batch)."""


def decided_at_now() -> str:
    return decided_at(datetime.now(UTC))


class ScreenerHolder:
    """The screener in service plus one waiting to take over at the next batch boundary."""

    def __init__(self, screener: Screener) -> None:
        self._current = screener
        self._pending: Screener | None = None
        # Follows screening.allowlist (set by run_worker): batches are decided with its entries.
        self.allowlist: AllowlistFollower | None = None

    def wants(self, version: str) -> bool:
        """Whether an announced version needs loading; re-announcing the current one wins."""
        if self._pending is not None and self._pending.snapshot.version == version:
            return False
        if self._current.snapshot.version == version:
            self._pending = None
            return False
        return True

    @property
    def version(self) -> str:
        return self._current.snapshot.version

    @property
    def current(self) -> Screener:
        """The screener in service (no switch, unlike `for_batch`)."""
        return self._current

    def offer(self, screener: Screener) -> None:
        self._pending = screener

    def for_batch(self) -> Screener:
        if self._pending is not None:
            old, self._current, self._pending = self._current, self._pending, None
            log.info(
                "lists switched %s -> %s between batches",
                old.snapshot.version[:19],
                self._current.snapshot.version[:19],
            )
        if self.allowlist is not None:
            return self.allowlist.apply(self._current)
        return self._current


class Pipeline:
    """What the agent does with one batch; `hooks` is where metrics plug in."""

    def __init__(
        self,
        app: faust.App,
        settings: Settings,
        holder: ScreenerHolder,
        started: float | None = None,
    ) -> None:
        self.app = app
        self.holder = holder
        self.decisions = topic_name(DECISIONS, settings)
        self.review = topic_name(REVIEW, settings)
        self.dlq = topic_name(DLQ, settings)
        self.hooks: list[BatchHook] = []
        self.instance = f"{os.getpid()}"
        self.batches = 0
        self.started = time.monotonic() if started is None else started
        self.first_out: float | None = None
        # tamper evidence: one hash chain per input partition
        self.chain = DecisionChain(settings.chain_key_bytes())

    async def handle(self, events: Sequence[EventT[bytes]]) -> BatchResult:
        started = time.perf_counter()
        records = [
            InRecord(
                e.message.key,
                e.message.value,
                Source(e.message.topic, e.message.partition, e.message.offset),
                e.message.timestamp,
            )
            for e in events
        ]
        screener = self.holder.for_batch()
        try:
            result = chain_batch(self.chain, process_batch(screener, records, decided_at_now()))
        except Exception as exc:  # a bug in the batch step: still no record is dropped
            result = dead_batch(records, exc, screener.snapshot.version)
        self.batches += 1
        await self.publish(result)
        if self.first_out is None:
            self.first_out = time.monotonic() - self.started
            log.info("first decision out %.2f s after the worker started", self.first_out)
        elapsed = time.perf_counter() - started
        for hook in self.hooks:
            hook(result, elapsed)
        return result

    async def publish(self, result: BatchResult) -> None:
        """Send every output and wait for all acks; retry the whole batch until the broker has it.

        Never raises (except on cancellation): an exception here would let faust ack the batch.
        """
        batch_headers = [
            ("batch", f"{self.instance}:{self.batches}".encode()),
            ("list_version", result.list_version.encode()),
        ]
        while True:
            try:
                await self._send_all(result, batch_headers)
                return
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.error("publishing a batch failed (%r); retrying in 1 s", exc)
                await asyncio.sleep(1.0)

    async def _send_all(self, result: BatchResult, headers: list[tuple[str, bytes]]) -> None:
        send = self.app.producer.send
        futures: list[Any] = []
        for d in result.decided:
            futures.append(await send(self.decisions, d.key, d.value, None, None, headers))
            if d.for_review:
                futures.append(await send(self.review, d.key, d.value, None, None, headers))
        for dead in result.dead_letters:
            futures.append(await send(self.dlq, dead.key, dead.value, None, None, dead.headers))
        await asyncio.gather(*futures)

    async def dead_letter(self, dead: DeadLetter) -> None:
        await self.publish(BatchResult([], [dead], self.holder.version, ""))


def faust_config(settings: Settings, datadir: Path) -> dict[str, Any]:
    """App settings of the verified recipe (kafka-verified.md section 4), shared with the
    benchmark's passthrough app so the two are measured alike."""
    return {
        "broker": [f"kafka://{host.strip()}" for host in settings.broker.split(",")],
        # TLS + SASL from the same settings as every other client (None: PLAINTEXT)
        "broker_credentials": clients.faust_credentials(settings),
        "processing_guarantee": "at_least_once",
        "store": "memory://",
        "datadir": str(datadir),  # faust writes <id>-data/ here, never into the CWD
        "web_enabled": False,
        "web_bind": "127.0.0.1",
        "topic_allow_declare": False,  # topics come from streams/topics.toml
        "topic_disable_leader": True,
        "broker_session_timeout": 10,  # a killed worker's partitions move within ~10 s
        "broker_heartbeat_interval": 1,
        "broker_rebalance_timeout": 10,
        "broker_request_timeout": 15,
        "broker_commit_interval": 1.0,
        "stream_wait_empty": False,
        "producer_linger": 0.01,  # seconds; faust's default 0 sends one record per request
        "producer_max_request_size": 2_000_000,
        "consumer_auto_offset_reset": "earliest",
    }


def create_app(
    settings: Settings,
    holder: ScreenerHolder,
    datadir: Path,
    *,
    batch_size: int = 500,
    batch_within: float = 0.05,
    follow_lists: bool = True,
    started: float | None = None,
) -> tuple[faust.App, Pipeline]:
    """The faust app with the settings of the verified recipe (kafka-verified.md section 4)."""
    app = faust.App(settings.group_id, **faust_config(settings, datadir))
    events = app.topic(
        topic_name(EVENTS, settings),
        key_type=bytes,
        value_type=bytes,
        key_serializer="raw",
        value_serializer="raw",
    )
    pipeline = Pipeline(app, settings, holder, started)
    log.info(
        "consuming %s as group %s on %s; decisions -> %s, flags and blocks also -> %s, "
        "bad input -> %s; lists %s, following %s",
        events.get_topic_name(),
        settings.group_id,
        settings.broker,
        pipeline.decisions,
        pipeline.review,
        pipeline.dlq,
        holder.version[:19],
        topic_name(LISTS, settings),
    )

    @app.agent(events, concurrency=1, name="screen")
    async def screen(stream: StreamT[bytes]) -> None:
        batches = cast("Stream[bytes]", stream).take_events(batch_size, within=batch_within)
        async for batch in batches:
            await pipeline.handle(batch)

    if follow_lists:

        async def follow() -> None:
            while True:  # a broken follower must not stop the screening agent
                try:
                    await follow_lists_topic(settings, holder, pipeline)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    log.error("following %s failed (%r); retrying in 5 s", LISTS, exc)
                    await asyncio.sleep(5.0)

        app.task(follow)

    return app, pipeline


async def follow_lists_topic(
    settings: Settings, holder: ScreenerHolder, pipeline: Pipeline
) -> None:
    """Read `screening.lists` from the start (no consumer group: every worker reads it all)."""
    from aiokafka import AIOKafkaConsumer, TopicPartition

    topic = topic_name(LISTS, settings)
    tp = TopicPartition(topic, 0)
    consumer = AIOKafkaConsumer(
        **clients.aiokafka_config(settings),
        client_id="screening-lists-follower",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        consumer.assign([tp])
        await consumer.seek_to_beginning(tp)
        end = (await consumer.end_offsets([tp]))[tp]
        latest: Any = None
        while True:
            batches = await consumer.getmany(tp, timeout_ms=1000)
            for message in batches.get(tp, []):
                if message.key == b"current":
                    latest = message
            caught_up = await consumer.position(tp) >= end
            if latest is not None and caught_up:
                await apply_reference(settings, holder, pipeline, latest)
                latest = None
    finally:
        await consumer.stop()


async def apply_reference(
    settings: Settings, holder: ScreenerHolder, pipeline: Pipeline, message: Any
) -> None:
    source = Source(message.topic, message.partition, message.offset)
    try:
        reference: ListReference = parse_reference(message.value)
        if not holder.wants(reference.version):
            return
        log.info("loading announced lists %s from %s", reference.version[:19], reference.location)
        started = time.perf_counter()
        screener = await asyncio.to_thread(load_verified, reference, settings)
    except ListUpdateRefused as exc:
        log.error("list update refused, keeping %s: %s", holder.version[:19], exc.reason)
        await pipeline.dead_letter(
            DeadLetter(message.key, message.value, exc.code, exc.reason, source)
        )
        return
    log.info(
        "lists %s loaded and verified in %.2f s; switching at the next batch",
        reference.version[:19],
        time.perf_counter() - started,
    )
    holder.offer(screener)


def run_worker(
    settings: Settings,
    screener: Screener,
    *,
    datadir: Path,
    loglevel: str = "info",
    hooks: Sequence[BatchHook] = (),
    started: float | None = None,
    metrics: ScreeningMetrics | None = None,
) -> None:
    """Run until SIGTERM/SIGINT (faust's worker handles the signals and leaves the group).

    `started`: `time.monotonic()` when the command began, for the startup log line."""
    holder = ScreenerHolder(screener)
    holder.allowlist = AllowlistFollower(settings)
    holder.allowlist.start()
    if not holder.allowlist.caught_up.wait(30):
        log.warning("%s not read to its end in 30 s; deciding meanwhile", "screening.allowlist")
    app, pipeline = create_app(settings, holder, datadir, started=started)
    pipeline.hooks.extend(hooks)
    if metrics is not None:
        instrument(app, pipeline, holder, metrics)
    worker = faust.Worker(app, loglevel=loglevel, quiet=True, redirect_stdouts=False)
    worker.execute_from_commandline()
