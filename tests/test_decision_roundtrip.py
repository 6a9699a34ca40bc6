"""Decisions read back: `Decision.from_dict` inverts `to_dict` for every decision.v1 shape."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from screening.decision import Decision
from screening.events import event_from_dict
from screening.paths import DECISION_SCHEMA
from screening.runtime import build_screener, load_settings
from test_decision import DECIDED_AT, sample_events


def test_from_dict_round_trips_every_sample_decision() -> None:
    validator = Draft202012Validator(json.loads(DECISION_SCHEMA.read_text(encoding="utf-8")))
    screener = build_screener(load_settings())
    decisions = screener.decide_many([event_from_dict(e) for e in sample_events()], DECIDED_AT)
    shapes = {(bool(d.hits), bool(d.rules), d.decision) for d in decisions}
    assert len(shapes) >= 4, shapes  # hits only, rules only, both, neither
    for decision in decisions:
        record = json.loads(decision.to_json())
        assert list(validator.iter_errors(record)) == []
        back = Decision.from_dict(record)
        assert back == decision
        assert back.to_json() == decision.to_json()
    chained = Decision.from_dict(
        {**record, "chain": {"partition": 3, "offset": 7, "prev": None, "prev_offset": None}}
    )
    assert list(validator.iter_errors(chained.to_dict())) == []
    assert Decision.from_json(chained.to_json()) == chained


def test_decisions_record_thresholds_and_config_digest() -> None:
    screener = build_screener(load_settings(flag_threshold=0.7))
    decision = screener.decide(event_from_dict(sample_events()[0]), DECIDED_AT)
    record = decision.to_dict()
    assert record["thresholds"] == {"block": 0.92, "flag": 0.7}
    assert record["match_config"] == "sha256:" + screener.matcher.config.digest
    assert record["engine_version"].split("/")[1].endswith(screener.matcher.config.digest[:12])
    assert "rapidfuzz-" in record["engine_version"] and "anyascii-" in record["engine_version"]
