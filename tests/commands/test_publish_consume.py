"""`screening publish` then `screening consume` on the real broker: keys, headers, values, and
garbage lines that must reach the topic (for the worker's DLQ) instead of vanishing."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from screening.cli import main
from screening.commands.publish import LINE_HEADER
from screening.paths import SAMPLE_EVENTS

pytestmark = pytest.mark.kafka


def _consume(tmp_path: Path, topic: str, count: int) -> list[dict[str, object]]:
    out = tmp_path / f"{topic}.jsonl"
    assert main(["consume", topic, "--count", str(count), "--timeout", "20", "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_round_trip_keys_headers_values(
    topic_prefix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines()[:40]
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")

    assert main(["publish", str(events), "--header", "batch=b-7"]) == 0
    assert "published 40 records" in capsys.readouterr().err

    records = _consume(tmp_path, "screening.events", 40)
    assert len(records) == 40
    by_key = {r["key"]: r for r in records}
    for number, line in enumerate(lines, start=1):
        event = json.loads(line)
        record = by_key[event["event_id"]]
        assert record["topic"] == topic_prefix + "screening.events"
        assert record["value"] == event
        assert record["value_format"] == "json"
        assert record["headers"] == [[LINE_HEADER, str(number)], ["batch", "b-7"]]
    assert {r["partition"] for r in records} <= set(range(6))
    assert len({r["partition"] for r in records}) > 1, "keys spread over the partitions"
    # per partition, offsets come in order from 0
    for partition in {r["partition"] for r in records}:
        offsets = [r["offset"] for r in records if r["partition"] == partition]
        assert offsets == list(range(len(offsets)))


def test_garbage_lines_are_published_and_counted(
    topic_prefix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = SAMPLE_EVENTS.read_text(encoding="utf-8").splitlines()[0]
    lines = [
        good.encode(),  # 1 keyed
        b"{not json",  # 2 not JSON
        b'{"parties": []}',  # 3 JSON without event_id
        b'{"event_id": 17}',  # 4 event_id not a string
        b"",  # 5 blank: skipped
        b"\xff\xfe\x00garbage",  # 6 not UTF-8
        b"[" * 5000 + b"]" * 5000,  # 7 nested deeper than Python's JSON recursion limit
        b'"just a string"',  # 8 JSON, not an object
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\r\n")

    assert main(["publish", str(path)]) == 0
    err = capsys.readouterr().err
    assert "published 7 records" in err
    assert "1 keyed by event_id, 6 without an event_id (null key), 1 blank lines skipped" in err
    assert "lines without an event_id: 2, 3, 4, 6, 7, 8" in err

    records = _consume(tmp_path, "screening.events", 7)
    by_line = {int(dict(r["headers"])[LINE_HEADER]): r for r in records}
    assert sorted(by_line) == [1, 2, 3, 4, 6, 7, 8]
    assert by_line[1]["key"] == json.loads(good)["event_id"]
    assert all(by_line[n]["key"] is None for n in (2, 3, 4, 6, 7, 8))
    assert by_line[2]["value"] == "{not json" and by_line[2]["value_format"] == "text"
    assert by_line[3]["value"] == {"parties": []}
    assert by_line[6]["value_format"] == "base64"
    assert base64.b64decode(by_line[6]["value"]["base64"]) == lines[5]
    assert by_line[7]["value_format"] == "text" and len(by_line[7]["value"]) == 10000
    assert by_line[8]["value"] == "just a string" and by_line[8]["value_format"] == "json"


def test_consume_stops_at_timeout_and_says_fewer(
    topic_prefix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "none.jsonl"
    assert (
        main(["consume", "screening.decisions", "--count", "1", "--timeout", "1", "-o", str(out)])
        == 1
    )
    assert out.read_text() == ""
    assert "fewer than --count 1" in capsys.readouterr().err


def test_consume_unknown_topic_is_an_error(
    topic_prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["consume", "no.such.topic", "--timeout", "1"]) == 2
    assert "does not exist" in capsys.readouterr().err
