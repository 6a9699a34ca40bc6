"""`screening allowlist` and `screening screen --allowlist`: the must-shows end to end via the CLI.

flagged -> proposed and approved -> the next event is allowed with the hit under `suppressed`;
a newer snapshot with a new alias -> flagged again; an expired entry -> flagged again; the
proposer cannot approve. Every step is an appended record.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from screening.cli import main
from screening.paths import BUNDLED_LISTS

PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


def write_events(path: Path, *occurred: str) -> Path:
    lines = [
        json.dumps({"event_id": f"ev-{i}", "occurred_at": at, "parties": [PARTY]})
        for i, at in enumerate(occurred)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def screen(tmp: Path, events: Path, lists: Path, store: Path | None) -> list[dict[str, Any]]:
    out = tmp / "decisions.jsonl"
    argv = ["screen", str(events), "--lists", str(lists), "-o", str(out)]
    if store is not None:
        argv += ["--allowlist", str(store)]
    assert main(argv) == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def add_entry(store: Path, lists: Path, capsys: pytest.CaptureFixture[str], **opts: str) -> str:
    argv = ["allowlist", "add", "--name", PARTY["name"], "--kind", "person", "--country", "RU"]
    argv += ["--entity", "custom_demo:CD-002", "--reason", "known customer, other DOB"]
    argv += ["--by", "alice", "--store", str(store), "--lists", str(lists)]
    for key, value in opts.items():
        argv += [f"--{key}", value]
    capsys.readouterr()
    assert main(argv) == 0
    entry_id = capsys.readouterr().out.strip()
    assert entry_id.startswith("al-")
    return entry_id


@pytest.fixture
def lists(tmp_path: Path) -> Path:
    copy = tmp_path / "lists"
    shutil.copytree(BUNDLED_LISTS, copy)
    return copy


def test_flag_clear_approve_allow_then_new_alias_flags_again(
    tmp_path: Path, lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "allowlist"
    events = write_events(tmp_path / "events.jsonl", "2026-11-28T10:00:00Z")
    [before] = screen(tmp_path, events, lists, None)
    assert before["decision"] == "flag"
    assert [h["entity_id"] for h in before["hits"]] == ["CD-002"]

    entry_id = add_entry(store, lists, capsys)
    [pending] = screen(tmp_path, events, lists, store)
    assert pending["decision"] == "flag", "a pending entry clears nothing"

    # four eyes: the proposer is refused and nothing is appended
    log = store / "allowlist.jsonl"
    lines = log.read_text().splitlines()
    assert main(["allowlist", "approve", entry_id, "--by", "alice", "--store", str(store)]) == 2
    assert "four eyes" in capsys.readouterr().err
    assert log.read_text().splitlines() == lines

    assert main(["allowlist", "approve", entry_id, "--by", "bob", "--store", str(store)]) == 0
    [after] = screen(tmp_path, events, lists, store)
    assert after["decision"] == "allow"
    assert after["hits"] == []
    assert [(s["entity_id"], s["allowlist_entry"]) for s in after["suppressed"]] == [
        ("CD-002", entry_id)
    ]
    assert after["allowlist_version"].startswith("sha256:")

    # append-only: proposal and approval are two records of the same entry
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert [(r["entry_id"], r["status"]) for r in records] == [
        (entry_id, "pending"),
        (entry_id, "approved"),
    ]

    # a newer snapshot: the listed record gains an alias -> the entry no longer applies
    csv = lists / "custom_demo" / "entities.csv"
    csv.write_text(
        csv.read_text().replace("Iwan Sidortschuk,", "Iwan Sidortschuk;Ivan Sidorchuk Jr,")
    )
    [newer] = screen(tmp_path, events, lists, store)
    assert newer["decision"] == "flag"
    assert newer["suppressed"] == []
    assert [h["entity_id"] for h in newer["hits"]] == ["CD-002"]


def test_expired_entry_flags_again(
    tmp_path: Path, lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "allowlist"
    # review dates must not precede the proposal (made now), so the dates follow the clock
    until = datetime.now(UTC).date() + timedelta(days=30)
    entry_id = add_entry(store, lists, capsys, until=until.isoformat())
    assert main(["allowlist", "approve", entry_id, "--by", "bob", "--store", str(store)]) == 0
    last_day = f"{until.isoformat()}T23:59:59Z"
    day_after = f"{(until + timedelta(days=1)).isoformat()}T00:00:01Z"
    events = write_events(tmp_path / "ev.jsonl", last_day, day_after)
    in_time, expired = screen(tmp_path, events, lists, store)
    assert in_time["decision"] == "allow"
    assert expired["decision"] == "flag"
    assert expired["suppressed"] == []


def test_revoke_list_and_export(
    tmp_path: Path, lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "allowlist"
    entry_id = add_entry(store, lists, capsys)
    assert main(["allowlist", "approve", entry_id, "--by", "bob", "--store", str(store)]) == 0
    argv = ["allowlist", "revoke", entry_id, "--by", "carol", "--reason", "left", "--store"]
    assert main([*argv, str(store)]) == 0
    capsys.readouterr()
    assert main(["allowlist", "list", "--store", str(store)]) == 0
    assert f"{entry_id}  revoked" in capsys.readouterr().out
    assert main(["allowlist", "export", "--history", "--store", str(store)]) == 0
    history = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["status"] for r in history] == ["pending", "approved", "revoked"]
    events = write_events(tmp_path / "events.jsonl", "2026-11-28T10:00:00Z")
    assert screen(tmp_path, events, lists, store)[0]["decision"] == "flag"


def test_unknown_entity_is_refused(
    tmp_path: Path, lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["allowlist", "add", "--name", "X Y", "--entity", "custom_demo:NOPE", "--reason", "r"]
    argv += ["--by", "a", "--store", str(tmp_path / "s"), "--lists", str(lists)]
    assert main(argv) == 2
    assert "not in the lists" in capsys.readouterr().err
    assert not (tmp_path / "s" / "allowlist.jsonl").exists()


def test_every_past_version_can_be_rebuilt(
    tmp_path: Path, lists: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from screening.allowlist_store import AllowlistStore

    store = AllowlistStore(tmp_path / "allowlist")
    entry_id = add_entry(store.directory, lists, capsys)
    empty = store.load().version  # pending only: nothing in force
    assert (
        main(["allowlist", "approve", entry_id, "--by", "bob", "--store", str(store.directory)])
        == 0
    )
    approved = store.load().version
    store.revoke(entry_id, by="carol", reason="left")
    assert store.load().version == empty != approved
    rebuilt = store.at_version(approved)
    assert rebuilt is not None
    assert [e.entry_id for e in rebuilt.active] == [entry_id]
    assert store.at_version("sha256:" + "0" * 64) is None
