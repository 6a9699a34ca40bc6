"""The allowlist in the stream setting, on a real broker: `allowlist add/approve --broker`
publish each entry state to `screening.allowlist`; a follower (what a worker runs) reads the
topic and its screener then allows the party's next event with the hit under `suppressed`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from screening.allowlist_topic import AllowlistFollower
from screening.cli import main
from screening.events import event_from_dict
from screening.runtime import build_screener, load_settings
from screening.settings import Settings

pytestmark = pytest.mark.kafka
PARTY = {"role": "buyer", "name": "Ivan P. Sidorchuk", "kind": "person", "country": "RU"}


def test_published_entries_reach_a_following_screener(
    topic_prefix: str, kafka_bootstrap: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(broker=kafka_bootstrap, topic_prefix=topic_prefix)
    store = str(tmp_path / "allowlist")
    follower = AllowlistFollower(settings)
    follower.start()
    try:
        assert follower.caught_up.wait(30)
        screener = build_screener(load_settings())
        event = event_from_dict(
            {"event_id": "tp-1", "occurred_at": "2026-11-28T10:00:00Z", "parties": [PARTY]}
        )
        assert follower.current is None  # nothing on the topic: decide as without an allowlist
        assert follower.apply(screener) is screener
        assert follower.apply(screener).decide(event, "t").decision == "flag"

        argv = ["allowlist", "add", "--name", PARTY["name"], "--kind", "person"]
        argv += ["--country", "RU", "--entity", "custom_demo:CD-002", "--reason", "known"]
        argv += ["--by", "alice", "--store", store, "--broker", kafka_bootstrap]
        capsys.readouterr()
        assert main(argv) == 0
        entry_id = capsys.readouterr().out.strip()
        approve = ["allowlist", "approve", entry_id, "--by", "bob", "--store", store]
        assert main([*approve, "--broker", kafka_bootstrap]) == 0

        deadline = time.monotonic() + 20
        while follower.current is None or not follower.current.active:
            assert time.monotonic() < deadline, "the follower never saw the approval"
            time.sleep(0.1)
        decision = follower.apply(screener).decide(event, "t")
        assert decision.decision == "allow"
        assert [s.entry_id for s in decision.suppressed] == [entry_id]
        assert follower.apply(screener) is follower.apply(screener)  # bound once per version
    finally:
        follower.stop()
        follower.join(10)
