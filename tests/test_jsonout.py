"""Decisions are serialised by orjson only where it writes exactly `json.dumps`' bytes."""

from __future__ import annotations

import json
import random
import sys
from typing import Any

from screening.errors import EventError
from screening.intake import parse_event
from screening.jsonout import _exact, dumps_compact, dumps_sorted
from screening.paths import BUNDLED_LISTS, SAMPLE_EVENTS
from screening.runtime import build_screener
from screening.settings import Settings


def _reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _floats(rnd: random.Random) -> list[float]:
    out = [0.0, -0.0, 1e-4, 9.99e-5, 1e-5, 1e16, 1e22, 2.0**53, sys.float_info.max]
    out += [float("nan"), float("inf"), -float("inf"), sys.float_info.min, 5e-324]
    for exponent in range(-12, 30):
        out += [rnd.random() * 10.0**exponent, -round(rnd.random() * 10.0**exponent, 3)]
    return out


def test_every_code_point_is_written_the_same() -> None:
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(chars), 4096):
        text = "".join(chars[start : start + 4096])
        assert dumps_compact({"s": text}) == _reference({"s": text})


def test_numbers_and_odd_values_give_the_json_dumps_bytes() -> None:
    rnd = random.Random(6)
    ints = [0, -1, 2**53, 2**63 - 1, 2**63, 2**64 - 1, 2**64, -(2**63), -(2**63) - 1, 10**400]
    values: list[Any] = [*_floats(rnd), *ints, "\ud800", True, None, (1, "a"), {"k": [1.5]}]
    for value in values:
        record = {"event_id": "e", "hits": [{"score": value}], "rules": [{"value": value}]}
        assert dumps_compact(record) == _reference(record), value


def test_random_records_match() -> None:
    rnd = random.Random(9)
    pool: list[Any] = [*_floats(rnd), 0, 7, -3, 'ÄÖ\x1f\u2028"\\', "", None, False]
    for _ in range(2000):
        record = {
            "a": [rnd.choice(pool) for _ in range(rnd.randint(0, 4))],
            "b": {"c": rnd.choice(pool), "d": [{"e": rnd.choice(pool)}]},
        }
        assert dumps_compact(record) == _reference(record)


def test_sample_decisions_take_the_fast_path_and_keep_their_bytes() -> None:
    screener = build_screener(Settings(lists_dir=BUNDLED_LISTS))
    decisions = []
    for line in SAMPLE_EVENTS.read_bytes().splitlines():
        try:
            event = parse_event(line)
        except EventError:
            continue
        decisions.append(screener.decide(event, "2026-11-30T00:00:00.000Z"))
    assert len(decisions) > 200
    assert all(_exact(d.to_dict()) for d in decisions)
    assert [d.to_json() for d in decisions] == [_reference(d.to_dict()) for d in decisions]


def test_sorted_form_gives_the_canonical_json_dumps_bytes() -> None:
    """The event digest's canonical text: sorted keys (code point order, any script)."""
    rnd = random.Random(11)
    keys = ["b", "a", "Z", "é", "ä", "中", "\U0001f600", "ß", "aa", "", "A1", "\u2028"]
    pool: list[Any] = [*_floats(rnd), 0, 2**64, "\ud800", "ÄÖ", None, True]
    for _ in range(2000):
        record = {rnd.choice(keys): {rnd.choice(keys): rnd.choice(pool)} for _ in range(5)}
        expected = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert dumps_sorted(record) == expected
