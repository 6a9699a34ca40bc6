"""`screening replay` of decisions taken with an allowlist: the recorded allowlist_version is
rebuilt from the allowlist store's log; without the store it is a named unavailable version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.allowlist import PartyIdentity
from screening.allowlist_store import AllowlistStore, fingerprint_in
from screening.cli import main
from screening.events import event_from_dict
from screening.runtime import build_screener, load_settings

PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


def test_allowlisted_decisions_replay_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCREENING_ALLOWLIST_DIR", raising=False)
    store_dir = tmp_path / "store"
    assert main(["lists", "update", "--store", str(store_dir)]) == 0
    screener = build_screener(load_settings())
    allowlist = AllowlistStore(tmp_path / "allowlist")
    raw = [
        {"event_id": f"al-{n}", "occurred_at": "2026-11-28T10:00:00Z", "parties": [PARTY]}
        for n in range(3)
    ]
    lines = []
    lines.append(
        screener.with_allowlist(allowlist.load()).decide(
            event_from_dict(raw[0]), "2026-11-28T10:00:01.000Z"
        )
    )
    entry = allowlist.add(
        PartyIdentity.of(PARTY["name"], "person", "RU"),
        "custom_demo",
        "CD-002",
        fingerprint_in(screener.snapshot, "custom_demo", "CD-002"),
        reason="known customer",
        by="alice",
        at="2026-11-28T11:00:00Z",
        until="2027-01-31",
    )
    allowlist.approve(entry.entry_id, by="bob", at="2026-11-28T12:00:00Z")
    lines.append(
        screener.with_allowlist(allowlist.load()).decide(
            event_from_dict(raw[1]), "2026-11-28T12:00:01.000Z"
        )
    )
    allowlist.revoke(entry.entry_id, by="carol", reason="left", at="2026-11-28T13:00:00Z")
    lines.append(
        screener.with_allowlist(allowlist.load()).decide(
            event_from_dict(raw[2]), "2026-11-28T13:00:01.000Z"
        )
    )
    assert [d.decision for d in lines] == ["flag", "allow", "flag"]
    events, decisions = tmp_path / "events.jsonl", tmp_path / "decisions.jsonl"
    events.write_text("".join(json.dumps(r) + "\n" for r in raw))
    decisions.write_text("".join(d.to_json() + "\n" for d in lines))
    report = tmp_path / "report.jsonl"
    args = [
        "replay",
        "--events",
        str(events),
        "--decisions",
        str(decisions),
        "--store",
        str(store_dir),
    ]
    args += ["--report", str(report), "--quiet"]
    assert main([*args, "--allowlist", str(tmp_path / "allowlist")]) == 0
    assert [json.loads(x)["status"] for x in report.read_text().splitlines()] == ["identical"] * 3
    assert main(args) == 1
    statuses = [json.loads(x) for x in report.read_text().splitlines()]
    assert [s["status"] for s in statuses] == ["version_unavailable"] * 3
    assert "allowlist version" in statuses[1]["error"]
