"""List updates mid-stream on the real broker: a clean switch at a batch boundary, RSS flat."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from stream_helpers import (
    Record,
    TopicReader,
    WorkerPool,
    event_id,
    publish,
    sample_events,
    wait_for,
)

from screening.lists.snapshot import ListSnapshot
from screening.paths import BUNDLED_LISTS
from screening.runtime import load_settings
from screening.worker.publish import publish_lists, send_reference
from screening.worker.snapshots import ListReference

pytestmark = pytest.mark.kafka

SWAPS = 10


@pytest.fixture
def two_lists(tmp_path: Path, shared_lists_dir: Path) -> tuple[Path, Path]:
    """A: the demo list plus two small real lists; B: A without one of them."""
    a, b = tmp_path / "lists-a", tmp_path / "lists-b"
    for folder, sources in ((a, ("us_bis_dpl", "us_ofac_cons")), (b, ("us_bis_dpl",))):
        folder.mkdir()
        (folder / "custom_demo").symlink_to(BUNDLED_LISTS / "custom_demo")
        for source in sources:
            (folder / source).symlink_to(shared_lists_dir / source)
    return a, b


def _stream(stop: threading.Event) -> Iterator[tuple[bytes, bytes]]:
    i = 0
    while not stop.is_set():
        (event,) = sample_events(1, f"upd{i}")
        yield event_id(event).encode(), event
        i += 1


def test_list_updates_switch_cleanly_between_batches_refuse_bad_snapshots_rss_flat(
    pool: WorkerPool, kafka_bootstrap: str, topic_prefix: str, two_lists: tuple[Path, Path]
) -> None:
    a, b = two_lists
    version = {a: ListSnapshot.load(a).version, b: ListSnapshot.load(b).version}
    assert version[a] != version[b]
    settings = load_settings(broker=kafka_bootstrap, topic_prefix=topic_prefix)
    worker = pool.start(a)
    pool.wait_ready(worker)
    stop = threading.Event()
    events_topic = f"{topic_prefix}screening.events"
    flow = threading.Thread(
        target=publish, args=(kafka_bootstrap, events_topic, _stream(stop), 150)
    )
    flow.start()
    try:
        switched = lambda: worker.text().count("lists switched")  # noqa: E731
        # the first update through the command itself, the others through its function
        env = {
            **os.environ,
            "SCREENING_BROKER": kafka_bootstrap,
            "SCREENING_TOPIC_PREFIX": topic_prefix,
        }
        subprocess.run(
            [sys.executable, "-m", "screening.cli", "lists", "publish", "--lists", str(b)],
            env=env,
            check=True,
            capture_output=True,
        )
        wait_for(lambda: switched() == 1, 60, "the switch to B")
        rss = [worker.rss_mb()]
        for n in range(2, SWAPS + 1):
            publish_lists(settings, a if n % 2 == 0 else b)
            wait_for(lambda n=n: switched() == n, 60, f"swap {n}")
            rss.append(worker.rss_mb())
        # refused: a wrong hash for real files, and files that are not there
        current = version[a if SWAPS % 2 == 0 else b]
        wrong = ListReference("sha256:" + "0" * 64, str(a), {})
        send_reference(settings, wrong.to_json())
        missing = ListReference(version[b], "/nonexistent/lists", {})  # not the current one
        send_reference(settings, missing.to_json())
        dlq = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.events.dlq")
        dlq.until(lambda r: len(r) >= 2, 60, "two refused snapshots in the DLQ")
    finally:
        stop.set()
        flow.join()

    refused = dlq.poll()
    assert [r.headers["error_code"] for r in refused] == [
        b"LIST_VERSION_MISMATCH",
        b"LIST_LOAD_FAILED",
    ]
    assert all(
        r.headers["source_topic"] == f"{topic_prefix}screening.lists".encode() for r in refused
    )
    assert worker.text().count("list update refused") == 2
    assert switched() == SWAPS
    assert worker.alive()

    decisions = TopicReader(kafka_bootstrap, f"{topic_prefix}screening.decisions")
    decisions.until(
        lambda r: len(r) > 0 and _last_version(r) == current, 30, "decisions after refusal"
    )
    batches: dict[int, set[str]] = {}
    for r in decisions.poll():
        in_json = json.loads(r.value or b"")["list_version"]
        assert r.headers["list_version"].decode() == in_json
        batches.setdefault(int(r.headers["batch"].split(b":")[1]), set()).add(in_json)
    assert all(len(v) == 1 for v in batches.values()), "a batch mixed list versions"
    sequence = [next(iter(batches[n])) for n in sorted(batches)]
    changes = sum(1 for x, y in itertools.pairwise(sequence) if x != y)
    assert changes == SWAPS
    assert set(sequence) == {version[a], version[b]}
    # ten swaps: a screener that is replaced is freed, so memory does not grow with each one
    assert max(rss[-3:]) - rss[1] < 25, f"RSS grew over the swaps: {rss}"


def _last_version(records: list[Record]) -> str:
    return str(json.loads(records[-1].value or b"")["list_version"])
