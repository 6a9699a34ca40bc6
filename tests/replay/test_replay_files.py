"""`screening replay` on files: recorded decisions are proven identical, and every kind of
difference (edited, deleted, foreign event, unknown version) is reported with exit 1."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from screening.cli import main
from screening.paths import SAMPLE_EVENTS


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample stream screened against the sample lists, with the versions in a store."""
    root = tmp_path_factory.mktemp("recorded")
    store = root / "store"
    assert main(["lists", "update", "--store", str(store)]) == 0
    events = root / "events.jsonl"
    shutil.copy(SAMPLE_EVENTS, events)
    decisions = root / "decisions.jsonl"
    assert main(["screen", str(events), "-o", str(decisions)]) == 0
    return {"store": store, "events": events, "decisions": decisions, "root": root}


def _replay(recorded: dict[str, Path], decisions: Path, *extra: str) -> tuple[int, list[dict]]:
    report = decisions.with_suffix(".report.jsonl")
    code = main(
        [
            "replay",
            "--events",
            str(extra_events(extra) or recorded["events"]),
            "--decisions",
            str(decisions),
            "--store",
            str(recorded["store"]),
            "--report",
            str(report),
            "--quiet",
            *[x for x in extra if not x.startswith("events=")],
        ]
    )
    return code, [json.loads(x) for x in report.read_text().splitlines()]


def extra_events(extra: tuple[str, ...]) -> str | None:
    return next((x.removeprefix("events=") for x in extra if x.startswith("events=")), None)


def test_recorded_decisions_replay_identical(
    recorded: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _replay(recorded, recorded["decisions"])
    assert code == 0
    assert len(report) == 300 and {r["status"] for r in report} == {"identical"}
    assert "identical 300" in capsys.readouterr().out


def test_every_kind_of_difference_is_named(recorded: dict[str, Path], tmp_path: Path) -> None:
    lines = recorded["decisions"].read_text().splitlines()
    records = [json.loads(x) for x in lines]
    hit = next(i for i, r in enumerate(records) if r["hits"])
    hit_event = records[hit]["event_id"]
    records[hit]["hits"][0]["score"] = round(records[hit]["hits"][0]["score"] - 0.01, 4)
    flipped = next(i for i, r in enumerate(records) if r["decision"] == "allow")
    records[flipped]["decision"] = "block"
    edited = {records[hit]["event_id"], records[flipped]["event_id"]}
    unknown = "sha256:" + "0" * 64
    records[2]["list_version"] = unknown
    deleted = records.pop(3)["event_id"]
    records[4]["decided_at"] = "1999-01-01T00:00:00.000Z"  # decided_at alone is no difference
    foreign = dict(records[5], event_id="not-in-the-events-file")
    records.append(foreign)
    tampered = tmp_path / "decisions.jsonl"
    tampered.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, report = _replay(recorded, tampered)
    assert code == 1
    by_status: dict[str, list[dict]] = {}
    for r in report:
        by_status.setdefault(r["status"], []).append(r)
    different = {r["event_id"]: r["differences"] for r in by_status["different"]}
    assert set(different) == edited
    hit_id, flipped_id = sorted(edited, key=lambda e: e != hit_event)
    assert [d["field"] for d in different[hit_id]] == ["hits[0].score"]
    assert different[flipped_id] == [
        {"field": "decision", "recorded": "block", "replayed": "allow"}
    ]
    assert [r["event_id"] for r in by_status["decision_missing"]] == [deleted]
    assert [r["event_id"] for r in by_status["event_missing"]] == ["not-in-the-events-file"]
    (unavailable,) = by_status["version_unavailable"]
    assert unknown in unavailable["error"]
    assert len(by_status["identical"]) == 299 - 3  # one deleted; edited, flipped, unknown


def test_time_bounds_and_parquet_report(recorded: dict[str, Path], tmp_path: Path) -> None:
    import polars as pl

    records = [json.loads(x) for x in recorded["decisions"].read_text().splitlines()]
    for i, r in enumerate(records):
        r["decided_at"] = f"2026-11-{1 + i % 3:02d}T12:00:00.000Z"
    shifted = tmp_path / "decisions.jsonl"
    shifted.write_text("".join(json.dumps(r) + "\n" for r in records))
    report = tmp_path / "report.parquet"
    code = main(
        [
            "replay",
            "--events",
            str(recorded["events"]),
            "--decisions",
            str(shifted),
            "--store",
            str(recorded["store"]),
            "--from",
            "2026-11-02",
            "--to",
            "2026-11-03",
            "--report",
            str(report),
            "--quiet",
        ]
    )
    frame = pl.read_parquet(report)
    decided = frame.filter(pl.col("status") == "identical")
    assert decided.height == sum(1 for i in range(300) if i % 3 == 1)
    assert code == 0  # events outside the bounds are not "decision missing"


def test_missing_store_version_is_a_clear_error(
    recorded: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    empty = tmp_path / "empty-store"
    empty.mkdir()
    monkeypatch.setenv("SCREENING_LISTS_DIR", str(tmp_path))  # not the recorded lists either
    code = main(
        [
            "replay",
            "--events",
            str(recorded["events"]),
            "--decisions",
            str(recorded["decisions"]),
            "--store",
            str(empty),
            "--lists",
            str(tmp_path),
            "--report",
            str(tmp_path / "r.jsonl"),
            "--quiet",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "version unavailable 300" in out and "is unavailable" in out
