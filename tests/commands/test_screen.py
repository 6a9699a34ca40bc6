"""`screening screen` end to end: order, errors file, exit codes, byte-stable across processes."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import threading
from pathlib import Path

from screening.cli import main
from screening.paths import REPO_ROOT, SAMPLE_EVENTS

INVALID_EVENTS = REPO_ROOT / "streams" / "samples" / "invalid-events.jsonl"


def _without_decided_at(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("decided_at")
        out.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
    return out


def _valid_ids(path: Path) -> list[str]:
    ids = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ids.append(json.loads(line)["event_id"])
        except (ValueError, KeyError, TypeError):
            continue
    return ids


def test_screen_writes_one_decision_per_valid_line_in_order(tmp_path: Path) -> None:
    out = tmp_path / "decisions.jsonl"
    code = main(["screen", str(SAMPLE_EVENTS), "-o", str(out)])
    decided = [json.loads(line)["event_id"] for line in out.read_text().splitlines()]
    errors = [json.loads(line) for line in Path(f"{out}.errors").read_text().splitlines()]
    assert len(decided) + len(errors) == len(SAMPLE_EVENTS.read_text().splitlines())
    assert decided == [i for i in _valid_ids(SAMPLE_EVENTS) if i in set(decided)]
    assert code == (1 if errors else 0)


def test_invalid_lines_go_to_the_errors_file(tmp_path: Path) -> None:
    out = tmp_path / "d.jsonl"
    errors = tmp_path / "bad.jsonl"
    code = main(["screen", str(INVALID_EVENTS), "-o", str(out), "--errors", str(errors)])
    records = [json.loads(line) for line in errors.read_text().splitlines()]
    nonblank = [
        n for n, line in enumerate(INVALID_EVENTS.read_bytes().split(b"\n"), 1) if line.strip()
    ]
    assert code == 1
    assert out.read_text() == ""
    assert [r["line"] for r in records] == nonblank
    assert all(r["reason"] and r["error"].startswith("EVENT_") for r in records)
    assert all("original" in r for r in records)


def test_missing_events_file_is_a_clear_error(tmp_path: Path, capsys: object) -> None:
    code = main(["screen", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o.jsonl")])
    assert code == 2


def test_decisions_are_byte_identical_across_processes_and_input_order(tmp_path: Path) -> None:
    lines = [line for line in SAMPLE_EVENTS.read_text().splitlines() if line.strip()]
    shuffled = tmp_path / "shuffled.jsonl"
    random.Random(7).shuffle(lines)
    shuffled.write_text("\n".join(lines) + "\n")
    runs = []
    for name, source in (("a", SAMPLE_EVENTS), ("b", SAMPLE_EVENTS), ("c", shuffled)):
        out = tmp_path / f"{name}.jsonl"
        subprocess.run(
            [sys.executable, "-m", "screening.cli", "screen", str(source), "-o", str(out)],
            check=False,
            capture_output=True,
        )
        runs.append(_without_decided_at(out))
    assert runs[0] and runs[0] == runs[1]
    by_id = {json.loads(line)["event_id"]: line for line in runs[2]}
    assert [by_id[json.loads(line)["event_id"]] for line in runs[0]] == runs[0]


def _event(event_id: str, **goods: object) -> bytes:
    raw = {
        "event_id": event_id,
        "occurred_at": "2026-11-28T10:00:00Z",
        "goods": [{"line": 1, "hs_code": "940360", **goods}],
        "origin_country": "DE",
        "destination_country": "US",
    }
    return json.dumps(raw).encode()


def test_hostile_lines_give_a_decision_or_an_error_record(tmp_path: Path) -> None:
    lines = [
        b"\xef\xbb\xbf" + _event("bom") + b"\r\n",  # 1: UTF-8 BOM on the first line, CRLF
        _event("crlf") + b"\r\n",  # 2
        b"\r\n",  # 3: blank, skipped
        b'{"event_id": "\xff\xfe"}\n',  # 4: invalid UTF-8
        b"{" + b" " * (10 * 1024 * 1024) + b"}\n",  # 5: 10 MB
        _event("huge-value", value=10**400) + b"\n",  # 6: int too large for a float
        _event("last"),  # 7: no final newline
    ]
    events = tmp_path / "in.jsonl"
    events.write_bytes(b"".join(lines))
    out = tmp_path / "out.jsonl"
    code = main(["screen", str(events), "-o", str(out)])
    decided = [json.loads(line)["event_id"] for line in out.read_text().splitlines()]
    errors = [json.loads(line) for line in Path(f"{out}.errors").read_text().splitlines()]
    assert decided == ["bom", "crlf", "huge-value", "last"]
    assert [(e["line"], e["error"]) for e in errors] == [
        (4, "EVENT_BAD_JSON"),
        (5, "EVENT_TOO_LARGE"),
    ]
    assert code == 1


def test_unwritable_output_is_exit_2_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    for option in ("-o", "--errors"):
        args = ["screen", str(SAMPLE_EVENTS), "-o", str(tmp_path / "o.jsonl")]
        code = main([*args, option, str(blocker / "x.jsonl")])
        assert code == 2, option


def test_events_from_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(_event("piped") + b"\n",), daemon=True)
    writer.start()
    out = tmp_path / "out.jsonl"
    code = main(["screen", str(fifo), "-o", str(out)])
    os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # never leave the writer blocked
    writer.join(timeout=5)
    assert (code, [json.loads(x)["event_id"] for x in out.read_text().splitlines()]) == (
        0,
        ["piped"],
    )
