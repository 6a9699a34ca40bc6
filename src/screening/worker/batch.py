"""One batch of input records in, what was decided and what was dead-lettered out.

Pure apart from logging: no Kafka, no clock (the caller passes `decided_at`), so the faust agent,
tests and metrics all see one function per batch. Nothing here raises for a bad record: every
record ends as exactly one decision or one dead letter.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from screening.chain import DecisionChain
from screening.decision import Decision, Screener
from screening.errors import EventError, outcome_for
from screening.events import Event
from screening.intake import parse_event
from screening.metrics import decide_timed
from screening.worker.dlq import DeadLetter, Source

log = logging.getLogger(__name__)

INTERNAL_ERROR = "INTERNAL_ERROR"
REVIEW_OUTCOMES = frozenset({"flag", "block"})


@dataclass(frozen=True, slots=True)
class InRecord:
    key: bytes | None
    value: bytes | None
    source: Source
    timestamp: float | None = None  # Kafka record timestamp, epoch seconds (decision latency)


@dataclass(frozen=True, slots=True)
class Decided:
    """A decision ready to publish: key = event_id, value = the decision JSON (as `screen`)."""

    key: bytes
    value: bytes
    decision: Decision
    source: Source | None = None  # the event's place: the decision's hash-chain link
    screen_seconds: float | None = None  # the core's time for this event (metrics)
    event_time: float | None = None  # the record's Kafka timestamp (metrics)

    @property
    def for_review(self) -> bool:
        return self.decision.decision in REVIEW_OUTCOMES


@dataclass(frozen=True, slots=True)
class BatchResult:
    decided: list[Decided]
    dead_letters: list[DeadLetter]
    list_version: str
    decided_at: str


def process_batch(screener: Screener, records: Sequence[InRecord], decided_at: str) -> BatchResult:
    """Intake every record, decide the valid ones in one `decide_many`, dead-letter the rest.

    One screener for the whole batch, so no batch mixes list versions. If the batched call
    fails, each event is decided alone so one poison event cannot take its neighbours down.
    """
    dead: list[DeadLetter] = []
    good: list[tuple[InRecord, Event]] = []
    for record in records:
        try:
            good.append((record, parse_record(record.value)))
        except EventError as exc:
            if outcome_for(exc) != "error_record":  # pragma: no cover - EventError always is
                raise
            dead.append(DeadLetter(record.key, record.value, exc.code, exc.reason, record.source))
        except Exception as exc:  # an intake bug must still leave a trace, not kill the agent
            dead.append(_internal(record, exc))
    # `decide` one by one (what `decide_many` does) so the core's time per event is measured.
    timed: list[tuple[Decision | Exception, float | None]]
    try:
        timed = list(decide_timed(screener, [event for _, event in good], decided_at))
    except Exception:
        timed = [(_decide_one(screener, event, decided_at), None) for _, event in good]
    decided: list[Decided] = []
    for (record, _), (outcome, seconds) in zip(good, timed, strict=True):
        if isinstance(outcome, Exception):
            dead.append(_internal(record, outcome))
            continue
        try:
            value = outcome.to_json().encode("utf-8")
        except Exception as exc:
            dead.append(_internal(record, exc))
            continue
        decided.append(
            Decided(
                outcome.event_id.encode("utf-8"),
                value,
                outcome,
                source=record.source,
                screen_seconds=seconds,
                event_time=record.timestamp,
            )
        )
    return BatchResult(decided, dead, screener.snapshot.version, decided_at)


def dead_batch(records: Sequence[InRecord], exc: Exception, list_version: str) -> BatchResult:
    """Last resort when the batch step itself fails: every record to the DLQ, none dropped."""
    return BatchResult([], [_internal(r, exc) for r in records], list_version, "")


def parse_record(value: bytes | None) -> Event:
    """The shared intake path; a Kafka tombstone (no value at all) is one more bad record."""
    if value is None:
        raise EventError("record has no value (a tombstone)", "EVENT_BAD_JSON")
    return parse_event(value)


def chain_batch(chain: DecisionChain, result: BatchResult) -> BatchResult:
    """Each decision linked, in order, into the hash chain of its input partition
    (`screening.chain`): the published value carries the link."""
    decided = []
    for d in result.decided:
        if d.source is None:
            decided.append(d)
            continue
        record = chain.link(d.decision.to_dict(), d.source.partition, d.source.offset)
        linked = dataclasses.replace(d.decision, chain=record["chain"])
        # replace, not rebuild: keep the metrics fields (screen_seconds, event_time)
        decided.append(
            dataclasses.replace(d, value=linked.to_json().encode("utf-8"), decision=linked)
        )
    return dataclasses.replace(result, decided=decided)


def _decide_one(screener: Screener, event: Event, decided_at: str) -> Decision | Exception:
    try:
        return screener.decide(event, decided_at)
    except Exception as exc:
        return exc


def _internal(record: InRecord, exc: BaseException) -> DeadLetter:
    log.error(
        "internal error on %s[%d]@%d: %r",
        record.source.topic,
        record.source.partition,
        record.source.offset,
        exc,
        exc_info=exc,
    )
    reason = f"{type(exc).__name__}: {exc}"
    return DeadLetter(record.key, record.value, INTERNAL_ERROR, reason, record.source)
