"""The pure decision core: strictest outcome, versions, byte-stable output, batch == single."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from screening.decision import Decision, Screener
from screening.events import event_from_dict
from screening.paths import DECISION_SCHEMA, SAMPLE_EVENTS
from screening.runtime import build_screener, load_settings

DECIDED_AT = "2026-11-29T00:00:00.000Z"


@pytest.fixture(scope="module")
def screener() -> Screener:
    return build_screener(load_settings())


@cache
def decision_validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(DECISION_SCHEMA.read_text(encoding="utf-8")))


def sample_events() -> list[dict[str, object]]:
    events = []
    for line in SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines():
        try:
            events.append(json.loads(line))
        except ValueError:
            continue
    return events


def _event(**fields: object) -> dict[str, object]:
    return {"event_id": "t-1", "occurred_at": "2026-11-28T10:00:00Z", **fields}


def test_strictest_of_hits_and_rules(screener: Screener) -> None:
    listed = screener.snapshot.entities.row(0, named=True)
    event = event_from_dict(
        _event(
            parties=[{"role": "consignee", "name": listed["name"], "kind": listed["kind"]}],
            goods=[{"line": 1, "hs_code": "940360", "value": 10.0, "currency": "EUR"}],
            origin_country="DE",
            destination_country="FR",
        )
    )
    decision = screener.decide(event, DECIDED_AT)
    assert decision.hits, "an exact listed name must hit"
    assert decision.hits[0].entity_id == listed["entity_id"]
    assert decision.rules == ()
    assert decision.decision == decision.hits[0].action


def test_goods_rule_blocks_even_without_hits(screener: Screener) -> None:
    event = event_from_dict(
        _event(
            goods=[{"line": 1, "hs_code": "8542.31.0000", "value": 1200.0, "currency": "USD"}],
            origin_country="US",
            destination_country="CN",
        )
    )
    decision = screener.decide(event, DECIDED_AT)
    assert decision.hits == ()
    assert [r.action for r in decision.rules] == ["block"]
    assert decision.decision == "block"
    assert decision.rules[0].value == 1200.0


def test_allow_when_nothing_applies(screener: Screener) -> None:
    event = event_from_dict(
        _event(
            parties=[{"role": "buyer", "name": "Hannelore Kästner-Obermaier", "kind": "person"}],
            goods=[{"line": 1, "hs_code": "9403.60", "value": 99.0, "currency": "EUR"}],
            origin_country="DE",
            destination_country="US",
        )
    )
    decision = screener.decide(event, DECIDED_AT)
    assert (decision.decision, decision.hits, decision.rules) == ("allow", (), ())


def test_decisions_follow_the_schema_and_record_versions(screener: Screener) -> None:
    events = [event_from_dict(raw) for raw in sample_events()[:80]]
    for event, decision in zip(events, screener.decide_many(events, DECIDED_AT), strict=True):
        record = json.loads(decision.to_json())
        errors = [e.message for e in decision_validator().iter_errors(record)]
        assert errors == [], (decision.event_id, errors)
        assert record["list_version"] == screener.snapshot.version
        in_force = screener.policies.for_occurred_at(event.occurred_at)
        assert record["policy_version"] == in_force.version
        assert record["engine_version"] == screener.engine_version


def test_decide_many_equals_decide(screener: Screener) -> None:
    events = [event_from_dict(raw) for raw in sample_events()]
    batch = [d.to_json() for d in screener.decide_many(events, DECIDED_AT)]
    fresh = build_screener(load_settings())
    single = [fresh.decide(e, DECIDED_AT).to_json() for e in reversed(events)][::-1]
    assert batch == single


def test_engine_version_changes_with_thresholds() -> None:
    a = build_screener(load_settings())
    b = build_screener(load_settings(flag_threshold=0.7))
    assert a.engine_version != b.engine_version
    assert a.snapshot.version == b.snapshot.version


def test_decision_is_frozen(screener: Screener) -> None:
    decision = screener.decide(
        event_from_dict(_event(goods=[{"line": 1, "hs_code": "940360"}])), DECIDED_AT
    )
    assert isinstance(decision, Decision)
    with pytest.raises(AttributeError):
        decision.decision = "block"  # type: ignore[misc]


def test_sample_stream_matches_its_documented_intent(screener: Screener) -> None:
    """streams/samples/*.expected.csv says what each sample event is meant to show."""
    expected_path = Path(str(SAMPLE_EVENTS).replace(".jsonl", ".expected.csv"))
    with expected_path.open(encoding="utf-8", newline="") as f:
        intended = {row["event_id"]: row["expected"] for row in csv.DictReader(f)}
    actual = {
        d.event_id: d.decision
        for d in screener.decide_many([event_from_dict(raw) for raw in sample_events()], DECIDED_AT)
    }
    wrong = {k: (v, actual.get(k)) for k, v in intended.items() if actual.get(k) != v}
    assert not wrong, f"{len(wrong)} sample events decided against their intent: {wrong}"


def test_a_party_past_the_work_bound_is_flagged_never_allowed() -> None:
    """The matcher's bound reached (here a query token bound of 2, reached by three words):
    the decision flags with MATCH_WORK_LIMIT, follows the schema, reads back and is counted."""
    from screening.lists.snapshot import ListSnapshot
    from screening.matching import MATCHERS
    from screening.metrics import ScreeningMetrics
    from screening.paths import BUNDLED_LISTS
    from screening.policy.installed import load_policy_set

    config = MATCHERS["name-match-v2"].model_copy(update={"max_query_tokens": 2})
    bounded = Screener(ListSnapshot.load(BUNDLED_LISTS), load_policy_set(), config)
    parties = [
        {"role": "buyer", "name": "Hannelore Kästner Obermaier", "kind": "person"},
        {"role": "notify party", "name": "Hannelore Kästner", "kind": "person"},
    ]
    event = event_from_dict(_event(parties=parties))
    decision = bounded.decide(event, DECIDED_AT)
    assert (decision.decision, decision.hits) == ("flag", ())
    assert [(x.party_index, x.role, x.reason, x.action) for x in decision.limits] == [
        (0, "buyer", "MATCH_WORK_LIMIT", "flag")
    ]
    record = json.loads(decision.to_json())
    assert [e.message for e in decision_validator().iter_errors(record)] == []
    assert record["limits"][0]["detail"] == "3 distinct name tokens; screened the first 2"
    assert Decision.from_json(decision.to_json()) == decision
    assert bounded.decide(event, DECIDED_AT) == decision  # work is counted, not timed
    metrics = ScreeningMetrics(require_partitions=False)
    metrics.observe(decision)
    body = metrics.exposition().decode()
    assert 'screening_match_limits_total{reason="MATCH_WORK_LIMIT"} 1.0' in body


def test_no_limits_key_when_no_party_reached_a_bound(screener: Screener) -> None:
    events = [event_from_dict(raw) for raw in sample_events()]
    records = [json.loads(d.to_json()) for d in screener.decide_many(events, DECIDED_AT)]
    assert not any("limits" in r for r in records)
