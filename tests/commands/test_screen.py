"""`screening screen` end to end: order, errors file, exit codes, byte-stable across processes."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from screening.cli import main
from screening.commands import screen as screen_command
from screening.decision import Screener
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
    assert out.read_text() == ""  # roles are open, but line 4's role is empty: still invalid
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


def _two_events(tmp_path: Path) -> Path:
    events = tmp_path / "events.jsonl"
    events.write_bytes(_event("one") + b"\n" + _event("two") + b"\n")
    return events


def test_a_deeply_nested_line_is_an_error_record_and_the_run_goes_on(tmp_path: Path) -> None:
    deep = b'{"event_id": "deep", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}"
    dup = b'{"event_id": "dup", "event_id": "x", "occurred_at": "2026-11-28T10:00:00Z"}'
    events = tmp_path / "events.jsonl"
    events.write_bytes(b"\n".join([_event("first"), deep, dup, _event("after")]) + b"\n")
    out = tmp_path / "out.jsonl"
    code = main(["screen", str(events), "-o", str(out)])
    decided = [json.loads(line)["event_id"] for line in out.read_text().splitlines()]
    errors = [json.loads(line) for line in Path(f"{out}.errors").read_text().splitlines()]
    assert (code, decided) == (1, ["first", "after"])
    assert [(e["line"], e["error"]) for e in errors] == [
        (2, "EVENT_TOO_DEEP"),
        (3, "EVENT_DUPLICATE_KEY"),
    ]


def test_output_equal_to_the_input_is_refused_and_the_input_kept(tmp_path: Path) -> None:
    events = _two_events(tmp_path)
    before = events.read_bytes()
    other = tmp_path / "other.jsonl"
    alias = tmp_path / "alias.jsonl"
    alias.symlink_to(events)
    for args in (
        ["-o", str(events)],
        ["-o", str(alias)],
        ["-o", str(tmp_path / "sub" / ".." / "events.jsonl")],
        ["-o", str(other), "--errors", str(events)],
        ["-o", str(other), "--errors", str(other)],
    ):
        assert main(["screen", str(events), *args]) == 2, args
    assert events.read_bytes() == before
    assert not other.exists()


def test_a_failing_errors_path_keeps_the_previous_output(tmp_path: Path) -> None:
    events = _two_events(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("previous decisions\n")
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = main(["screen", str(events), "-o", str(out), "--errors", str(blocker / "e.jsonl")])
    assert code == 2
    assert out.read_text() == "previous decisions\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.jsonl", "file", "out.jsonl"]


def test_a_full_disk_is_exit_3_and_keeps_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _two_events(tmp_path)
    errors = tmp_path / "errors.jsonl"
    errors.write_text("previous errors\n")
    code = main(["screen", str(events), "-o", "/dev/full", "--errors", str(errors)])
    err = capsys.readouterr().err
    assert code == 3
    assert "cannot write /dev/full: disk full" in err and "Traceback" not in err
    assert errors.read_text() == "previous errors\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["errors.jsonl", "events.jsonl"]


def test_a_full_disk_while_writing_decisions_is_exit_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _two_events(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text("previous decisions\n")
    real_enter = screen_command._Output.__enter__

    class FullDisk:
        """The decisions file on a disk that fills up at the first write."""

        def __init__(self, file: Any) -> None:
            self.file = file

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.file, name)

    def enter(self: screen_command._Output) -> screen_command._Output:
        real_enter(self)
        if self.path == out:
            self.file = FullDisk(self.file)  # type: ignore[assignment]
        return self

    monkeypatch.setattr(screen_command._Output, "__enter__", enter)
    code = main(["screen", str(events), "-o", str(out)])
    assert code == 3
    assert f"cannot write {out}: disk full" in capsys.readouterr().err
    assert out.read_text() == "previous decisions\n"
    assert not Path(f"{out}.partial").exists()


def test_a_killed_run_leaves_only_partial_files(tmp_path: Path) -> None:
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    out = tmp_path / "out.jsonl"
    out.write_text("previous decisions\n")
    proc = subprocess.Popen(
        [sys.executable, "-m", "screening.cli", "screen", str(fifo), "-o", str(out)],
        stderr=subprocess.DEVNULL,
    )
    try:
        with fifo.open("wb") as writer:
            writer.write(_event("one") + b"\n")
            writer.flush()
            partial = Path(f"{out}.partial")
            deadline = time.monotonic() + 120
            while not partial.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
    finally:
        proc.kill()
    assert partial.exists()
    assert Path(f"{out}.errors.partial").exists()
    assert out.read_text() == "previous decisions\n"
    assert not Path(f"{out}.errors").exists()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_a_utf16_file_is_refused_with_a_message_that_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_bytes((_event("one") + b"\n" + _event("two") + b"\n").decode().encode(encoding))
    out = tmp_path / "out.jsonl"
    assert main(["screen", str(events), "-o", str(out)]) == 2
    assert "UTF-16" in capsys.readouterr().err
    assert not out.exists()


def test_a_cr_only_file_is_refused_with_a_message_that_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = tmp_path / "events.jsonl"
    events.write_bytes(_event("one") + b"\r" + _event("two") + b"\r")
    assert main(["screen", str(events), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert "CR only" in capsys.readouterr().err


def test_an_unexpected_error_is_exit_70_never_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> object:
        raise RuntimeError("a bug")

    monkeypatch.setattr(Screener, "decide", broken)
    out = tmp_path / "out.jsonl"
    code = main(["screen", str(_two_events(tmp_path)), "-o", str(out)])
    assert code == 70
    assert "RuntimeError: a bug" in capsys.readouterr().err
    assert not out.exists()
    assert Path(f"{out}.partial").exists()  # left for inspection, never renamed


def test_help_documents_every_exit_status() -> None:
    for status in ("0 ", "1 ", "2 ", "3 ", "70 "):
        assert f"\n  {status}" in screen_command.EPILOG
    assert "partial" in screen_command.EPILOG


def test_output_to_a_device_is_written_in_place(tmp_path: Path) -> None:
    assert main(["screen", str(_two_events(tmp_path)), "-o", "/dev/null"]) == 0
    assert Path("/dev/null").is_char_device()
