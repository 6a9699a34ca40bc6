"""Replay against a newer OFAC snapshot names exactly the events whose parties were added to or
removed from the list between the snapshots (sets computed here from the CSV files)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from screening.cli import main

_KINDS = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}


def _sdn(path: Path) -> dict[str, tuple[str, str]]:
    text = path.read_bytes().rstrip(b"\x1a").decode("utf-8")
    return {
        row[0].strip(): (" ".join(row[1].split()), _KINDS.get(row[2].strip(), "organization"))
        for row in csv.reader(io.StringIO(text))
        if row
    }


def _tokens(name: str) -> set[str]:
    return {t for t in re.split(r"[^A-Z0-9]+", name.upper()) if len(t) >= 4}


def _pick(ids: list[str], names: dict[str, tuple[str, str]], rare: set[str], n: int) -> list[str]:
    """Every k-th id whose name has a token no other listed name has (no fuzzy cross-talk)."""
    usable = [e for e in sorted(ids, key=int) if _tokens(names[e][0]) & rare]
    step = max(1, len(usable) // n)
    return usable[::step][:n]


def test_against_newer_snapshot_names_exactly_the_added_and_removed(
    shared_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    for folder, src in (
        (old_dir, shared_data_dir / "lists/us_ofac_sdn/sdn.csv"),
        (new_dir, shared_data_dir / "snapshots/2024-05-03/us_ofac_sdn/sdn.csv"),
    ):
        (folder / "us_ofac_sdn").mkdir(parents=True)
        shutil.copy(src, folder / "us_ofac_sdn" / "sdn.csv")
    old, new = _sdn(old_dir / "us_ofac_sdn/sdn.csv"), _sdn(new_dir / "us_ofac_sdn/sdn.csv")
    listed = {name for name, _ in [*old.values(), *new.values()]}
    counts = Counter(t for name in listed for t in _tokens(name))
    rare = {t for t, c in counts.items() if c == 1}
    both = {**old, **new}
    added = _pick(sorted(new.keys() - old.keys()), both, rare, 20)
    removed = _pick(sorted(old.keys() - new.keys()), both, rare, 20)
    same = _pick([e for e in old.keys() & new.keys() if old[e] == new[e]], both, rare, 40)
    assert len(added) == 20 and len(removed) == 20 and len(same) == 40

    events = tmp_path / "events.jsonl"
    expected: set[str] = set()
    with events.open("w") as f:
        for i, ent in enumerate([*added, *removed, *same]):
            name, kind = both[ent]
            event_id = f"ev-{i:03d}-{ent}"
            if ent in added or ent in removed:
                expected.add(event_id)
            party = {"role": "consignee", "name": name, "kind": kind}
            f.write(
                json.dumps(
                    {
                        "event_id": event_id,
                        "occurred_at": "2024-01-02T00:00:00Z",
                        "parties": [party],
                    }
                )
                + "\n"
            )

    store = tmp_path / "store"
    assert main(["lists", "update", "--lists", str(old_dir), "--store", str(store)]) == 0
    decisions = tmp_path / "decisions.jsonl"
    assert main(["screen", str(events), "-o", str(decisions), "--lists", str(old_dir)]) == 0
    assert main(["lists", "update", "--lists", str(new_dir), "--store", str(store)]) == 0
    capsys.readouterr()

    report = tmp_path / "against.jsonl"
    code = main(
        [
            "replay",
            "--events",
            str(events),
            "--decisions",
            str(decisions),
            "--store",
            str(store),
            "--against",
            "current",
            "--report",
            str(report),
            "--quiet",
        ]
    )
    assert code == 1  # something would change
    results = [json.loads(x) for x in report.read_text().splitlines()]
    changed = {r["event_id"]: r["change"] for r in results if r["status"] == "changed"}
    assert set(changed) == expected
    for event_id, change in changed.items():
        ent = event_id.rsplit("-", 1)[1]
        if ent in added:
            assert change["recorded"] == "allow" and change["against"] == "block"
            assert change["newly"] == "blocked"
            assert [h["entity_id"] for h in change["hits_added"]] == [ent]
        else:
            assert change["against"] == "allow" and change["newly"] == "cleared"
            assert [h["entity_id"] for h in change["hits_removed"]] == [ent]
    assert sum(r["status"] == "unchanged" for r in results) == 40
    out = capsys.readouterr().out
    assert "40 events would change (blocked 20, cleared 20)" in out

    # and the same decisions still replay identical against their own snapshot
    assert (
        main(
            [
                "replay",
                "--events",
                str(events),
                "--decisions",
                str(decisions),
                "--store",
                str(store),
                "--report",
                str(tmp_path / "same.jsonl"),
                "--quiet",
            ]
        )
        == 0
    )
