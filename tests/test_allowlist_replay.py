"""Replay of decisions taken with an allowlist: the allowlist version recorded in each decision
rebuilds the allowlist from the store's append-only log, and re-deciding gives the same bytes
(except `decided_at`); re-deciding without it reports the difference.

Uses `Screener.decide` and `AllowlistStore.at_version` directly: the `screening replay` command
(branch audit) is not merged yet.
"""

from __future__ import annotations

import json
from pathlib import Path

from screening.allowlist import PartyIdentity
from screening.allowlist_store import AllowlistStore, fingerprint_in
from screening.decision import Decision, Screener
from screening.events import Event, event_from_dict
from screening.runtime import build_screener, load_settings

PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


def event(n: int) -> Event:
    return event_from_dict(
        {"event_id": f"rp-{n}", "occurred_at": "2026-11-28T10:00:00Z", "parties": [PARTY]}
    )


def redecide(screener: Screener, store: AllowlistStore, recorded: Decision, ev: Event) -> Decision:
    """What a replayer does with an allowlisted decision: same allowlist version, same core."""
    allowlist = None
    if recorded.allowlist_version is not None:
        allowlist = store.at_version(recorded.allowlist_version)
        assert allowlist is not None, "the store must hold every version it ever had"
    return screener.with_allowlist(allowlist).decide(ev, recorded.decided_at)


def without_time(decision: Decision) -> dict[str, object]:
    out = decision.to_dict()
    out.pop("decided_at")
    return out


def test_replay_reproduces_decisions_taken_with_each_allowlist_version(tmp_path: Path) -> None:
    screener = build_screener(load_settings())
    store = AllowlistStore(tmp_path / "allowlist")
    recorded: list[tuple[Event, Decision]] = []

    def decide(n: int, at: str) -> None:
        ev = event(n)
        decision = screener.with_allowlist(store.load()).decide(ev, at)
        recorded.append((ev, Decision.from_json(decision.to_json())))  # via the wire format

    decide(1, "2026-11-28T10:00:01.000Z")  # empty allowlist: flag
    entry = store.add(
        PartyIdentity.of(PARTY["name"], "person", "RU"),
        "custom_demo",
        "CD-002",
        fingerprint_in(screener.snapshot, "custom_demo", "CD-002"),
        reason="known customer",
        by="alice",
        at="2026-11-28T11:00:00Z",
        until="2027-01-31",
    )
    decide(2, "2026-11-28T11:00:01.000Z")  # pending: still flag
    store.approve(entry.entry_id, by="bob", at="2026-11-28T12:00:00Z")
    decide(3, "2026-11-28T12:00:01.000Z")  # approved: allow, hit suppressed
    store.revoke(entry.entry_id, by="carol", reason="left", at="2026-11-28T13:00:00Z")
    decide(4, "2026-11-28T13:00:01.000Z")  # revoked: flag again

    outcomes = [d.decision for _, d in recorded]
    assert outcomes == ["flag", "flag", "allow", "flag"]
    for ev, original in recorded:  # replay today (the store has moved on) with recorded versions
        again = redecide(screener, store, original, ev)
        assert again.to_json() == original.to_json(), ev.event_id

    # without the allowlist the replay differs exactly where a hit was suppressed
    ev, allowed = recorded[2]
    plain = screener.decide(ev, allowed.decided_at)
    differences = {
        k
        for k in without_time(allowed) | without_time(plain)
        if without_time(allowed).get(k) != without_time(plain).get(k)
    }
    assert differences == {"decision", "hits", "suppressed", "allowlist_version"}
    assert json.loads(allowed.to_json())["suppressed"][0]["allowlist_entry"] == entry.entry_id
