"""Rescreening on list change: a party seen under the old snapshot and listed in the new one
raises exactly one alert, naming the events it appeared in; nothing else does."""

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


def _sdn(path: Path) -> dict[str, str]:
    text = path.read_bytes().rstrip(b"\x1a").decode("utf-8")
    return {r[0].strip(): " ".join(r[1].split()) for r in csv.reader(io.StringIO(text)) if r}


def _tokens(name: str) -> set[str]:
    return {t for t in re.split(r"[^A-Z0-9]+", name.upper()) if len(t) >= 4}


def _event(event_id: str, when: str, name: str, kind: str = "organization") -> str:
    party = {"role": "consignee", "name": name, "kind": kind}
    return json.dumps({"event_id": event_id, "occurred_at": when, "parties": [party]}) + "\n"


def _store_and_events(shared_data_dir: Path, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """Two stored SDN snapshots and five events: (store, events, newly listed id, its name).

    Only e-1/e-2 name a party the newer snapshot adds; e-3 was listed already, e-4 is no one,
    e-5 is an added entity's name seen before the lookback."""
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    for folder, src in (
        (old_dir, shared_data_dir / "lists/us_ofac_sdn/sdn.csv"),
        (new_dir, shared_data_dir / "snapshots/2024-05-03/us_ofac_sdn/sdn.csv"),
    ):
        (folder / "us_ofac_sdn").mkdir(parents=True)
        shutil.copy(src, folder / "us_ofac_sdn" / "sdn.csv")
    old, new = _sdn(old_dir / "us_ofac_sdn/sdn.csv"), _sdn(new_dir / "us_ofac_sdn/sdn.csv")
    counts = Counter(t for name in {*old.values(), *new.values()} for t in _tokens(name))
    rare = {t for t, c in counts.items() if c == 1}
    added = [e for e in sorted(new.keys() - old.keys(), key=int) if _tokens(new[e]) & rare]
    listed_before = [e for e in sorted(old.keys() & new.keys(), key=int) if old[e] == new[e]]
    newly, stale = added[0], added[1]

    events = tmp_path / "events.jsonl"
    events.write_text(
        _event("e-1", "2024-04-20T10:00:00Z", new[newly])
        + _event("e-2", "2024-04-28T10:00:00Z", new[newly].upper())  # same party, other case
        + _event("e-3", "2024-04-21T10:00:00Z", old[listed_before[0]])  # listed already
        + _event("e-4", "2024-04-22T10:00:00Z", "Hannelore Kastner Obermaier", "person")
        + _event("e-5", "2023-01-05T10:00:00Z", new[stale])  # outside the 30-day lookback
    )
    store = tmp_path / "store"
    for folder in (old_dir, new_dir):
        assert main(["lists", "update", "--lists", str(folder), "--store", str(store)]) == 0
    return store, events, newly, new[stale]


def test_a_newly_listed_party_raises_exactly_one_alert(
    shared_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, events, newly, stale_name = _store_and_events(shared_data_dir, tmp_path)
    book, alerts = tmp_path / "book.jsonl", tmp_path / "alerts.jsonl"
    args = ["rescreen", "--book", str(book), "--store", str(store), "--at", "2024-05-04"]
    args += ["--lookback", "30", "--alerts", str(alerts)]
    capsys.readouterr()
    assert main([*args, "--events", str(events)]) == 1
    (alert,) = [json.loads(x) for x in alerts.read_text().splitlines()]
    assert (alert["list"], alert["entity_id"], alert["list_change"]) == (
        "us_ofac_sdn",
        newly,
        "added",
    )
    assert alert["event_ids"] == ["e-1", "e-2"]
    assert "1 alert(s)" in capsys.readouterr().out

    entries = [json.loads(x) for x in book.read_text().splitlines()]
    assert len(entries) == 3  # e-1/e-2 are one party; e-5 is past the lookback
    assert not any(e["name"] == stale_name for e in entries)

    # the record persists: the next run, with no new events, finds the same party again
    assert main(args) == 1
    assert [json.loads(x)["entity_id"] for x in alerts.read_text().splitlines()] == [newly]


@pytest.mark.kafka
def test_events_from_a_topic_and_alerts_to_the_rescreen_topic(
    shared_data_dir: Path, tmp_path: Path, topic_prefix: str
) -> None:
    """The stream setting: the events topic is the record of parties seen, and each alert is a
    record on `screening.rescreen` with the alerts file's content."""
    from screening.kafka.topics import EVENTS, RESCREEN, topic_name
    from screening.replay.sources import read_records
    from screening.settings import load_settings

    store, events, newly, _ = _store_and_events(shared_data_dir, tmp_path)
    settings = load_settings()
    assert main(["publish", str(events)]) == 0
    book, alerts = tmp_path / "book.jsonl", tmp_path / "alerts.jsonl"
    args = ["rescreen", "--book", str(book), "--store", str(store), "--at", "2024-05-04"]
    args += ["--lookback", "30", "--alerts", str(alerts), "--publish"]
    assert main([*args, "--events", f"kafka:{topic_name(EVENTS, settings)}"]) == 1
    expected = [json.loads(x) for x in alerts.read_text().splitlines()]
    assert [a["entity_id"] for a in expected] == [newly]

    published = list(read_records(f"kafka:{topic_name(RESCREEN, settings)}", settings))
    assert [json.loads(r.value) for r in published] == expected
