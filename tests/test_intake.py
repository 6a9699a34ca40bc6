"""One intake path: hostile bytes become a coded `EventError`, never another exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from screening.errors import EventError, outcome_for
from screening.events import event_from_dict, event_schema
from screening.intake import MAX_DEPTH, MAX_EVENT_BYTES, decided_at, parse_event
from screening.paths import REPO_ROOT, SAMPLE_EVENTS

INVALID_EVENTS = REPO_ROOT / "streams" / "samples" / "invalid-events.jsonl"
MINIMAL: dict[str, Any] = {
    "event_id": "e-1",
    "occurred_at": "2026-11-28T10:00:00Z",
    "parties": [{"role": "buyer", "name": "Acme Ltd"}],
}


def _code(data: bytes | str) -> str:
    with pytest.raises(EventError) as caught:
        parse_event(data)
    assert outcome_for(caught.value) == "error_record"
    return caught.value.code


def test_3000_levels_of_nesting_is_an_error_not_a_recursion_error() -> None:
    line = b'{"event_id": "deep", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}"
    assert len(line) < MAX_EVENT_BYTES
    assert _code(line) == "EVENT_TOO_DEEP"
    assert _code(b"[" * 3000) == "EVENT_TOO_DEEP"  # unbalanced too


def test_nesting_just_over_the_bound_is_refused_and_at_it_accepted() -> None:
    def nested(depth: int) -> str:  # the event object is level 1
        return json.dumps({**MINIMAL, "x": json.loads("[" * (depth - 1) + "]" * (depth - 1))})

    assert parse_event(nested(MAX_DEPTH)).event_id == "e-1"
    assert _code(nested(MAX_DEPTH + 1)) == "EVENT_TOO_DEEP"


def test_many_brackets_that_are_not_deep_are_fine() -> None:
    goods = [{"line": n, "hs_code": "[{[{"} for n in range(MAX_DEPTH * 2)]
    event = parse_event(json.dumps({**MINIMAL, "goods": goods}))
    assert len(event.goods) == MAX_DEPTH * 2


@pytest.mark.parametrize(
    "line",
    [
        b'{"event_id": "a", "event_id": "b", "occurred_at": "2026-11-28T10:00:00Z"}',
        b'{"event_id": "a", "occurred_at": "2026-11-28T10:00:00Z", "parties": '
        b'[{"role": "buyer", "name": "Listed Person", "name": "Harmless Name"}]}',
    ],
)
def test_duplicate_keys_are_rejected_at_any_depth(line: bytes) -> None:
    with pytest.raises(EventError) as caught:
        parse_event(line)
    assert caught.value.code == "EVENT_DUPLICATE_KEY"
    assert "duplicate key" in caught.value.reason


def test_utf16_is_named_in_the_message() -> None:
    text = json.dumps(MINIMAL)
    for data in (text.encode("utf-16"), text.encode("utf-16-le"), text.encode("utf-16-be")):
        with pytest.raises(EventError, match="UTF-16") as caught:
            parse_event(data)
        assert caught.value.code == "EVENT_BAD_JSON"


def test_nan_and_infinity_are_not_json() -> None:
    for constant in ("NaN", "Infinity", "-Infinity"):
        line = json.dumps(MINIMAL)[:-1] + f', "x": {constant}}}'
        with pytest.raises(EventError, match=constant) as caught:
            parse_event(line)
        assert caught.value.code == "EVENT_BAD_JSON"


def test_two_events_split_by_a_cr_are_named() -> None:
    line = json.dumps(MINIMAL) + "\r" + json.dumps(MINIMAL)
    with pytest.raises(EventError, match="CR line break"):
        parse_event(line.encode())


def test_bad_utf8_names_the_byte() -> None:
    with pytest.raises(EventError, match="byte 14") as caught:
        parse_event(b'{"event_id": "\xff\xfe"}')
    assert caught.value.code == "EVENT_BAD_JSON"


def test_text_with_a_lone_surrogate_is_an_error_not_a_crash() -> None:
    assert _code(json.dumps(MINIMAL)[:-1] + ', "x": "\ud800"}') == "EVENT_BAD_JSON"


def test_utf8_bom_is_accepted() -> None:
    assert parse_event(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode()).event_id == "e-1"


def test_decided_at_is_utc_milliseconds_z() -> None:
    moment = datetime(2026, 11, 28, 11, 0, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert decided_at(moment) == "2026-11-28T10:00:00.123Z"
    assert decided_at(datetime(2026, 1, 2, tzinfo=UTC)) == "2026-01-02T00:00:00.000Z"
    with pytest.raises(ValueError, match="aware"):
        decided_at(datetime(2026, 1, 2))


# The compiled validator (jsonschema-rs) against the reference implementation of the same
# published schema: they must agree on every sample line and on targeted mutations of them.


def _reference() -> Draft202012Validator:
    schema = event_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _mutations(event: dict[str, Any]) -> list[Any]:
    parties, goods_lines = event.get("parties"), event.get("goods")
    party = parties[0] if isinstance(parties, list) and parties else {"role": "buyer", "name": "x"}
    goods = goods_lines[0] if isinstance(goods_lines, list) and goods_lines else {"line": 1}
    return [
        event,
        {k: v for k, v in event.items() if k != "event_id"},
        {**event, "event_id": ""},
        {**event, "event_id": 7},
        {**event, "occurred_at": "2026-11-28 10:00:00+01:00"},
        {**event, "occurred_at": "yesterday"},
        {**event, "parties": [{**party, "role": "smuggler"}]},
        {**event, "parties": [{**party, "kind": "company"}]},
        {**event, "parties": [{**party, "name": "x" * 501}]},
        {**event, "parties": [{**party, "identifiers": [{"type": "imo"}]}]},
        {**event, "parties": [party] * 101},
        {**event, "parties": [], "goods": []},
        {**event, "goods": [{**goods, "line": "1"}]},
        {**event, "goods": [{**goods, "line": -1}]},
        {**event, "goods": [{**goods, "hs_code": 940360}]},
        {**event, "goods": [{**goods, "value": True}]},
        {**event, "goods": [{**goods, "currency": "E" * 17}]},
        {**event, "transit_countries": ["DE", None]},
        {**event, "origin_country": None, "extra": {"nested": [1, {"a": None}]}},
        [event],
        None,
    ]


def test_compiled_validator_agrees_with_the_reference_on_samples_and_mutations() -> None:
    reference = _reference()
    checked = 0
    for path in (SAMPLE_EVENTS, INVALID_EVENTS):
        for line in path.read_bytes().splitlines():
            try:
                raw = json.loads(line)
            except ValueError:
                continue
            for candidate in _mutations(raw) if isinstance(raw, dict) else [raw]:
                try:
                    event_from_dict(candidate)
                    ours = True
                except EventError as exc:
                    if exc.code != "EVENT_SCHEMA":
                        raise
                    ours = False
                assert ours == reference.is_valid(candidate), candidate
                checked += 1
    assert checked > 3000


@pytest.mark.parametrize(
    "occurred_at",
    ["２０２６-11-28T10:00:00Z", "2026-11-28T10:00:00Z\n"],
)
def test_patterns_follow_the_json_schema_spec_not_python_re(occurred_at: str) -> None:
    """Known, intended difference: ECMA-262 `\\d` is ASCII and `$` is the end of the text.
    Python's `re` (so the `jsonschema` package) accepts full-width digits and a final newline."""
    raw = {**MINIMAL, "occurred_at": occurred_at}
    assert _reference().is_valid(raw)
    with pytest.raises(EventError, match="occurred_at") as caught:
        parse_event(json.dumps(raw))
    assert caught.value.code == "EVENT_SCHEMA"
