"""`screening replay` of decisions taken with an allowlist: with the allowlist store they replay
identical, even after the allowlist moved on (the recorded version is rebuilt from the log);
without it the cleared decisions are reported different, field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from screening.cli import main

PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


def replay(root: Path, *extra: str) -> tuple[int, list[dict]]:
    report = root / "report.jsonl"
    argv = ["replay", "--events", str(root / "events.jsonl"), "--decisions"]
    argv += [str(root / "decisions.jsonl"), "--store", str(root / "store"), "--report", str(report)]
    code = main([*argv, "--quiet", *extra])
    return code, [json.loads(x) for x in report.read_text().splitlines()]


def test_allowlisted_decisions_replay_identical_and_differ_without(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lists", "update", "--store", str(tmp_path / "store")]) == 0
    allowlist = str(tmp_path / "allowlist")
    argv = ["allowlist", "add", "--name", PARTY["name"], "--kind", "person", "--country", "RU"]
    argv += ["--entity", "custom_demo:CD-002", "--reason", "known", "--by", "alice"]
    capsys.readouterr()
    assert main([*argv, "--store", allowlist]) == 0
    entry_id = capsys.readouterr().out.strip()
    assert main(["allowlist", "approve", entry_id, "--by", "bob", "--store", allowlist]) == 0

    events = [
        {"event_id": f"ra-{n}", "occurred_at": "2026-11-28T10:00:00Z", "parties": [party]}
        for n, party in enumerate([PARTY, {**PARTY, "country": "BY"}, PARTY])
    ]
    (tmp_path / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events))
    screen = ["screen", str(tmp_path / "events.jsonl"), "-o", str(tmp_path / "decisions.jsonl")]
    assert main([*screen, "--allowlist", allowlist]) == 0
    decided = [json.loads(x) for x in (tmp_path / "decisions.jsonl").read_text().splitlines()]
    assert [d["decision"] for d in decided] == ["allow", "flag", "allow"]

    # the allowlist moves on: replay still uses the version each decision recorded
    argv = ["allowlist", "revoke", entry_id, "--by", "carol", "--reason", "left"]
    assert main([*argv, "--store", allowlist]) == 0

    code, report = replay(tmp_path, "--allowlist", allowlist)
    assert code == 0
    assert [r["status"] for r in report] == ["identical"] * 3

    code, report = replay(tmp_path)  # without the allowlist
    assert code == 1
    assert [r["status"] for r in report] == ["different"] * 3
    fields = [{d["field"].split("[")[0] for d in r["differences"]} for r in report]
    cleared = {"decision", "hits", "suppressed", "allowlist_version"}
    assert fields == [cleared, {"suppressed", "allowlist_version"}, cleared]
