"""The batch step without a broker: every record ends as one decision or one dead letter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from screening.chain import DecisionChain
from screening.decision import Decision, Screener
from screening.events import Event
from screening.paths import REPO_ROOT, SAMPLE_EVENTS, SCHEMAS_DIR
from screening.runtime import build_screener, load_settings
from screening.worker.app import ScreenerHolder
from screening.worker.batch import (
    INTERNAL_ERROR,
    InRecord,
    chain_batch,
    dead_batch,
    parse_record,
    process_batch,
)
from screening.worker.dlq import DeadLetter, Source
from screening.worker.snapshots import (
    ListReference,
    ListUpdateRefused,
    load_verified,
    parse_reference,
    reference_for,
)

INVALID = REPO_ROOT / "streams" / "samples" / "invalid-events.jsonl"
DECIDED_AT = "2026-11-30T00:00:00.000Z"


@pytest.fixture(scope="module")
def screener(sample_lists: Path) -> Screener:
    return build_screener(load_settings(lists_dir=sample_lists))


def _records(values: list[bytes | None]) -> list[InRecord]:
    return [InRecord(b"k%d" % i, v, Source("screening.events", 0, i)) for i, v in enumerate(values)]


def test_valid_events_decide_as_the_core_and_invalid_ones_become_dead_letters(
    screener: Screener,
) -> None:
    good = SAMPLE_EVENTS.read_bytes().splitlines()[:50]
    bad = INVALID.read_bytes().splitlines()
    result = process_batch(screener, _records([*good, *bad]), DECIDED_AT)

    assert [d.value for d in result.decided] == [
        screener.decide(_event(line), DECIDED_AT).to_json().encode() for line in good
    ]
    assert [d.key for d in result.decided] == [json.loads(g)["event_id"].encode() for g in good]
    assert [d.value for d in result.dead_letters] == bad
    assert [d.source.offset for d in result.dead_letters] == list(range(50, 50 + len(bad)))
    codes = {d.code for d in result.dead_letters}
    assert codes == {"EVENT_BAD_JSON", "EVENT_SCHEMA", "EVENT_TOO_LARGE"}
    assert all(d.reason for d in result.dead_letters)
    assert result.list_version == screener.snapshot.version


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "EVENT_BAD_JSON"),
        (b"", "EVENT_BAD_JSON"),
        (b"\xff\xfe\x00{not utf-8", "EVENT_BAD_JSON"),
        (b'{"event_id": "deep", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}", "EVENT_TOO_DEEP"),
        (b'{"event_id": "a", "event_id": "b"}', "EVENT_DUPLICATE_KEY"),
        (b'{"event_id": "big", "pad": "' + b"x" * 300_000 + b'"}', "EVENT_TOO_LARGE"),
    ],
    ids=["tombstone", "empty", "undecodable", "deep-nesting", "duplicate-key", "oversize"],
)
def test_hostile_records_are_dead_lettered_with_a_code(
    screener: Screener, value: bytes | None, code: str
) -> None:
    result = process_batch(screener, _records([value]), DECIDED_AT)
    assert result.decided == []
    assert [(d.code, d.value) for d in result.dead_letters] == [(code, value)]


class _FailsOn(Screener):
    """The real core, except that one event id raises (an unexpected bug in decide)."""

    poison = "cus-2026-000003"

    def decide(self, event: Event, decided_at: str) -> Decision:
        if event.event_id == self.poison:
            raise ZeroDivisionError("boom")
        return super().decide(event, decided_at)


def test_an_exception_inside_decide_dead_letters_that_event_only(screener: Screener) -> None:
    failing = _FailsOn(screener.snapshot, screener.policy, screener.matcher.config)
    lines = SAMPLE_EVENTS.read_bytes().splitlines()[:5]
    result = process_batch(failing, _records(list(lines)), DECIDED_AT)
    assert [d.decision.event_id for d in result.decided] == [
        "cus-2026-000001",
        "cus-2026-000002",
        "cus-2026-000004",
        "cus-2026-000005",
    ]
    (dead,) = result.dead_letters
    assert (dead.code, dead.value, dead.source.offset) == (INTERNAL_ERROR, lines[2], 2)
    assert "ZeroDivisionError: boom" in dead.reason


def test_dead_letter_headers_name_code_reason_and_source() -> None:
    dead = DeadLetter(b"k", b"v", "EVENT_SCHEMA", "r" * 5000, Source("screening.events", 4, 17))
    headers = dict(dead.headers)
    assert headers["error_code"] == b"EVENT_SCHEMA"
    assert headers["error_reason"] == b"r" * 1000
    assert (headers["source_topic"], headers["source_partition"], headers["source_offset"]) == (
        b"screening.events",
        b"4",
        b"17",
    )


def test_a_new_screener_takes_over_only_at_the_next_batch(screener: Screener) -> None:
    other = build_screener(load_settings(lists_dir=REPO_ROOT / "lists" / "sample"))
    holder = ScreenerHolder(screener)
    assert holder.for_batch() is screener
    holder.offer(other)
    assert holder.version == screener.snapshot.version
    assert holder.for_batch() is other
    assert holder.for_batch() is other


def test_list_reference_round_trip_and_verification(screener: Screener, sample_lists: Path) -> None:
    reference = reference_for(screener.snapshot, sample_lists)
    assert parse_reference(reference.to_json()) == reference
    schema = json.loads((SCHEMAS_DIR / "list-snapshot.v1.schema.json").read_text())
    Draft202012Validator(schema).validate(json.loads(reference.to_json()))
    assert reference.sources["custom_demo"]["entities"] == screener.snapshot.entities.height
    loaded = load_verified(reference, load_settings())
    assert loaded.snapshot.version == screener.snapshot.version

    wrong = ListReference("sha256:" + "0" * 64, reference.location, {})
    with pytest.raises(ListUpdateRefused) as refused:
        load_verified(wrong, load_settings())
    assert refused.value.code == "LIST_VERSION_MISMATCH"
    missing = ListReference(reference.version, "/nonexistent/lists", {})
    with pytest.raises(ListUpdateRefused) as refused:
        load_verified(missing, load_settings())
    assert refused.value.code == "LIST_LOAD_FAILED"
    for junk in (b"", b"[]", b'{"version": 3, "location": "x"}', b"\xff"):
        with pytest.raises(ListUpdateRefused) as refused:
            parse_reference(junk)
        assert refused.value.code == "LIST_REFERENCE_INVALID"


def _event(line: bytes) -> Event:
    return parse_record(line)


def test_a_failing_batch_step_still_dead_letters_every_record() -> None:
    records = _records([b"{}", None, b"x"])
    result = dead_batch(records, RuntimeError("bug"), "sha256:v")
    assert result.decided == []
    assert [(d.code, d.value, d.source.offset) for d in result.dead_letters] == [
        (INTERNAL_ERROR, b"{}", 0),
        (INTERNAL_ERROR, None, 1),
        (INTERNAL_ERROR, b"x", 2),
    ]


def test_chaining_a_batch_keeps_the_metrics_fields(screener: Screener) -> None:
    lines = SAMPLE_EVENTS.read_bytes().splitlines()[:3]
    records = [
        InRecord(b"k", line, Source("screening.events", 2, i), 1_700_000_000.0 + i)
        for i, line in enumerate(lines)
    ]
    plain = process_batch(screener, records, DECIDED_AT)
    linked = chain_batch(DecisionChain(), plain)
    for before, after in zip(plain.decided, linked.decided, strict=True):
        assert after.screen_seconds == before.screen_seconds is not None
        assert after.event_time == before.event_time is not None
        assert after.source == before.source
        assert json.loads(after.value)["chain"]["offset"] == before.source.offset  # type: ignore[union-attr]
