"""`screening demo --once` on the real broker: the sample stream through broker, worker, back."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from screening.paths import SAMPLE_EVENTS

pytestmark = pytest.mark.kafka


def test_demo_once_decides_the_sample_stream_like_the_batch_cli_and_stops_its_worker(
    kafka_bootstrap: str, topic_prefix: str, tmp_path: Path
) -> None:
    env = {**os.environ, "SCREENING_TOPIC_PREFIX": topic_prefix, "SCREENING_GROUP_ID": topic_prefix}
    run = subprocess.run(
        [sys.executable, "-m", "screening.cli", "demo", "--once", "--broker", kafka_bootstrap],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    out = run.stdout
    assert "FICTIONAL sample list" in out
    assert "decisions  300/300" in out

    batch = tmp_path / "batch.jsonl"
    subprocess.run(
        [sys.executable, "-m", "screening.cli", "screen", str(SAMPLE_EVENTS), "-o", str(batch)],
        check=True,
        capture_output=True,
    )
    expected = Counter(json.loads(line)["decision"] for line in batch.read_text().splitlines())
    for outcome in ("block", "flag", "allow"):
        shown = re.search(rf"^  {outcome}\s+(\d+)\s", out, re.MULTILINE)
        assert shown, out
        assert int(shown.group(1)) == expected[outcome]
    assert re.search(r"^\s+\d+\s+custom_demo$", out, re.MULTILINE), out  # lists hit

    pid = int(re.search(r"worker   pid (\d+)", out).group(1))  # type: ignore[union-attr]
    assert f"worker   stopped (pid {pid})" in out
    assert not Path(f"/proc/{pid}").exists()
    assert not list(tmp_path.glob("*-data")), "faust wrote its data dir into the CWD"
