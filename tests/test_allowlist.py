"""The allowlist core: an approved entry clears exactly its (party, entity) pair, nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from screening.allowlist import (
    Allowlist,
    AllowlistEntry,
    AllowlistError,
    PartyIdentity,
    approve,
    entity_fingerprint,
    fingerprints,
    propose,
    revoke,
)
from screening.decision import Screener
from screening.events import event_from_dict
from screening.lists.snapshot import ListSnapshot
from screening.paths import BUNDLED_LISTS, DECISION_SCHEMA
from screening.runtime import build_screener, load_settings

DECIDED_AT = "2026-11-29T00:00:00.000Z"
PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


@pytest.fixture(scope="module")
def screener() -> Screener:
    return build_screener(load_settings())


def flagged_event(event_id: str = "al-1", occurred_at: str = "2026-11-28T10:00:00Z", **party: Any):
    return event_from_dict(
        {"event_id": event_id, "occurred_at": occurred_at, "parties": [{**PARTY, **party}]}
    )


def entry_for(screener: Screener, until: str = "2027-06-30") -> AllowlistEntry:
    current = fingerprints(screener.snapshot.entities, [("custom_demo", "CD-002")])
    pending = propose(
        PartyIdentity.of(PARTY["name"], "person", "RU"),
        "custom_demo",
        "CD-002",
        current[("custom_demo", "CD-002")],
        reason="our customer since 2011, different father's name and date of birth",
        by="alice",
        at="2026-11-28T11:00:00Z",
        until=until,
    )
    return approve(pending, by="bob", at="2026-11-28T12:00:00Z")


def test_the_sample_party_is_flagged_without_an_allowlist(screener: Screener) -> None:
    decision = screener.decide(flagged_event(), DECIDED_AT)
    assert decision.decision == "flag"
    assert [h.entity_id for h in decision.hits] == ["CD-002"]
    assert "suppressed" not in decision.to_dict()
    assert "allowlist_version" not in decision.to_dict()


def test_approved_entry_allows_and_keeps_the_hit_under_suppressed(screener: Screener) -> None:
    entry = entry_for(screener)
    cleared = screener.with_allowlist(Allowlist([entry]))
    decision = cleared.decide(flagged_event(), DECIDED_AT)
    assert decision.decision == "allow"
    assert decision.hits == ()
    out = decision.to_dict()
    assert [(s["entity_id"], s["allowlist_entry"]) for s in out["suppressed"]] == [
        ("CD-002", entry.entry_id)
    ]
    assert out["allowlist_version"] == Allowlist([entry]).version
    Draft202012Validator(json.loads(DECISION_SCHEMA.read_text())).validate(out)


def test_no_allowlist_output_is_byte_identical(screener: Screener) -> None:
    event = flagged_event()
    assert (
        screener.decide(event, DECIDED_AT).to_json()
        == screener.with_allowlist(None).decide(event, DECIDED_AT).to_json()
    )


def test_pending_or_revoked_entries_clear_nothing(screener: Screener) -> None:
    entry = entry_for(screener)
    pending = AllowlistEntry.from_dict({**entry.to_dict(), "approved_by": None})
    revoked = revoke(entry, by="carol", at="2026-11-29T09:00:00Z", reason="customer left")
    for state in (pending, revoked):
        decision = screener.with_allowlist(Allowlist([state])).decide(flagged_event(), DECIDED_AT)
        assert decision.decision == "flag"
        assert decision.suppressed == ()


def test_expired_entry_flags_again(screener: Screener) -> None:
    cleared = screener.with_allowlist(Allowlist([entry_for(screener, until="2026-12-31")]))
    assert cleared.decide(
        flagged_event(occurred_at="2026-12-31T23:59:00Z"), DECIDED_AT
    ).decision == ("allow")
    late = cleared.decide(flagged_event(occurred_at="2027-01-01T00:00:00Z"), DECIDED_AT)
    assert late.decision == "flag"
    assert late.suppressed == ()


@pytest.mark.parametrize(
    "change",
    [
        {"country": "BY"},
        {"kind": "unknown"},
        {"date_of_birth": "1971"},
        {"identifiers": [{"type": "passport", "value": "X1"}]},
        {"name": "Ivan Sidorchuk"},
    ],
)
def test_changed_party_data_is_not_cleared(screener: Screener, change: dict[str, Any]) -> None:
    cleared = screener.with_allowlist(Allowlist([entry_for(screener)]))
    event = flagged_event(**change)
    plain = screener.decide(event, DECIDED_AT)
    decision = cleared.decide(event, DECIDED_AT)
    assert plain.hits, f"{change}: the changed party must still hit without an allowlist"
    assert decision.hits == plain.hits, f"{change}: the hit must come back"
    assert decision.suppressed == ()


def test_new_alias_on_the_listed_record_flags_again(screener: Screener, tmp_path: Path) -> None:
    entry = entry_for(screener)
    newer = tmp_path / "lists"
    shutil.copytree(BUNDLED_LISTS, newer)
    csv = newer / "custom_demo" / "entities.csv"
    text = csv.read_text(encoding="utf-8")
    assert "Iwan Sidortschuk," in text
    csv.write_text(text.replace("Iwan Sidortschuk,", "Iwan Sidortschuk;I. P. Sidorchuk,"))
    newer_screener = Screener(
        ListSnapshot.load(newer), screener.policy, screener.matcher.config, Allowlist([entry])
    )
    assert newer_screener.snapshot.version != screener.snapshot.version
    decision = newer_screener.decide(flagged_event(), DECIDED_AT)
    assert decision.decision == "flag"
    assert decision.suppressed == ()


def test_fingerprint_ignores_order_but_not_content() -> None:
    row: dict[str, Any] = {
        "source": "s",
        "entity_id": "1",
        "kind": "person",
        "name": "A",
        "aliases": [
            {"name": "B", "type": "aka", "quality": "strong"},
            {"name": "C", "type": "aka", "quality": "strong"},
        ],
        "countries": ["RU"],
        "dates_of_birth": [],
        "identifiers": [],
        "programs": ["P"],
        "remarks": "x",
    }
    same = {**row, "aliases": list(reversed(row["aliases"])), "remarks": "reworded"}
    assert entity_fingerprint(row) == entity_fingerprint(same)
    assert entity_fingerprint(row) != entity_fingerprint({**row, "programs": ["P", "Q"]})


def test_four_eyes_and_record_round_trip(screener: Screener) -> None:
    entry = entry_for(screener)
    pending = AllowlistEntry.from_dict({**entry.to_dict(), "approved_by": None})
    with pytest.raises(AllowlistError, match="four eyes"):
        approve(pending, by="Alice", at="2026-11-28T12:00:00Z")
    with pytest.raises(AllowlistError, match="not pending"):
        approve(entry, by="carol", at="2026-11-28T12:00:00Z")
    assert AllowlistEntry.from_dict(json.loads(json.dumps(entry.to_dict()))) == entry
    folded = Allowlist.from_records([pending.to_dict(), entry.to_dict()])
    assert folded.entries[entry.entry_id].status == "approved"
    assert Allowlist.from_records([pending.to_dict()]).active == ()


def test_proposal_needs_reason_and_a_sane_review_date() -> None:
    party = PartyIdentity.of("Some Name")
    args = dict(by="alice", at="2026-11-28T11:00:00Z")
    with pytest.raises(AllowlistError, match="reason"):
        propose(party, "l", "1", "sha256:x", reason=" ", until="2027-01-01", **args)
    with pytest.raises(AllowlistError, match="before"):
        propose(party, "l", "1", "sha256:x", reason="r", until="2026-01-01", **args)
    with pytest.raises(AllowlistError, match="kind"):
        PartyIdentity.of("x", kind="alien")


def test_decision_with_suppressed_hits_round_trips(screener: Screener) -> None:
    from screening.decision import Decision

    decision = screener.with_allowlist(Allowlist([entry_for(screener)])).decide(
        flagged_event(), DECIDED_AT
    )
    assert decision.suppressed
    assert Decision.from_json(decision.to_json()).to_json() == decision.to_json()
