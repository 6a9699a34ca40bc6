"""The per-partition hash chain: removal, edit and reordering are detected; truncation of the
newest decisions is not (documented)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from screening.chain import DecisionChain, verify
from screening.cli import main


def _decision(i: int) -> dict[str, Any]:
    return {"event_id": f"e-{i}", "decision": "allow", "hits": [], "rules": [], "n": i}


def _chained(count: int = 60, key: bytes | None = None) -> list[tuple[str, dict[str, Any]]]:
    chain = DecisionChain(key)
    out = []
    for i in range(count):
        partition, offset = i % 3, 100 + i // 3
        out.append((f"0@{i + 1}", chain.link(_decision(i), partition, offset)))
    return out


def test_an_intact_chain_verifies() -> None:
    records = _chained()
    report = verify(records, ordered=True)
    assert (report.records, report.chains, report.segments, report.breaks) == (60, 3, 3, [])
    assert records[3][1]["chain"]["prev_offset"] == 100 and records[3][1]["chain"]["offset"] == 101


def test_removed_edited_and_reordered_decisions_are_detected() -> None:
    records = _chained()
    removed = records[:10] + records[11:]
    (b,) = verify(removed, ordered=True).breaks
    assert b.event_id == "e-13" and "missing or was edited" in b.problem

    edited = [(p, dict(r)) for p, r in records]
    edited[20][1]["decision"] = "block"
    (b,) = verify(edited, ordered=True).breaks
    assert b.event_id == "e-23"

    swapped = list(records)
    swapped[30], swapped[33] = swapped[33], swapped[30]
    problems = verify(swapped, ordered=True).breaks
    assert problems and all("reordered" in b.problem for b in problems)

    unchained = [*records, ("0@61", _decision(99))]
    (b,) = verify(unchained, ordered=True).breaks
    assert b.problem == "decision without a chain"


def test_topic_order_is_not_needed_but_links_are() -> None:
    """A topic interleaves partitions arbitrarily: without `ordered`, links alone decide."""
    records = _chained()
    shuffled = random.Random(7).sample(records, len(records))
    assert verify(shuffled, ordered=False).breaks == []
    middle = records[10][1]
    without = [(p, r) for p, r in shuffled if r is not middle]
    (b,) = verify(without, ordered=False).breaks
    assert b.event_id == "e-13"


def test_truncating_the_newest_decisions_is_not_detected() -> None:
    """What the chain does not guarantee: a shorter valid chain is still a valid chain."""
    assert verify(_chained()[:-3], ordered=True).breaks == []


def test_keyed_chain_needs_the_key() -> None:
    records = _chained(key=b"secret")
    assert verify(records, b"secret", ordered=True).breaks == []
    assert verify(records, b"other", ordered=True).breaks  # forged with another key


def test_verify_chain_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "decisions.jsonl"
    records = _chained()
    path.write_text("".join(json.dumps(r) + "\n" for _, r in records))
    args = ["replay", "--verify-chain", "--decisions", str(path), "--report", str(tmp_path / "r")]
    assert main(args) == 0
    assert (
        "verified 60 decisions on 3 chain(s), 3 segment(s): 0 break(s)" in capsys.readouterr().out
    )
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:25] + lines[26:]))  # one deleted from the file
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "1 break(s)" in out and "e-28" in out


def test_a_copy_holding_the_same_place_is_a_fork() -> None:
    records = _chained()
    for i in (0, 30):  # a segment start and a decision inside a chain
        forged = dict(records[i][1], decision="block")
        (b,) = verify([*records, ("0@99", forged)], ordered=False).breaks
        assert b.event_id == records[i][1]["event_id"] and "forked" in b.problem
