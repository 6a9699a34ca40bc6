"""Tamper evidence for the decision stream: a hash chain per input partition.

The worker passes each decision through `DecisionChain.link` before publishing it. The link
adds `chain = {partition, offset, prev, prev_offset}`: the partition and offset of the decided
event, the hash of the previous decision chained on that partition (None starts a segment: a
fresh worker, or a partition newly assigned) and that decision's event offset. The hash of a
decision is the SHA-256 (HMAC-SHA-256 when a key is set) of its canonical JSON, chain field
included, so every decision commits to all decisions before it on its partition.

What `verify` detects: a decision removed from the middle of a chain (its successor names a
hash that is not there), a decision edited (its hash changes, so its successor's `prev` no
longer matches), decisions reordered in a file (a successor read before its predecessor, or
offsets that do not increase along the chain), a decision added beside another that holds the
same place in the chain (a fork: a forged copy), and decisions without a chain.

What it does not: removal of the newest decisions of a chain (truncation of the tail leaves a
shorter, valid chain: compare the chain heads with ones published elsewhere, e.g. in the
metrics or a periodic checkpoint); removal of a whole segment; and anyone who can compute the
hashes rewriting a chain from the edit onwards. Without a key that is anyone with write access
to the topic; with a key (`SCREENING_CHAIN_KEY`) it is whoever holds the key, i.e. a
compromised worker can forge a consistent chain. Segment starts (`prev` null) are not
authenticated: a forged decision that starts a segment of its own at an unused offset is not
a chain break (the report counts segments, which should match worker starts and partition
moves), but replay still re-decides it and reports any difference. A worker that restarts
before its first batch was committed may start a second segment at the same offset: reported
as a fork, to be explained from the two `decided_at` values. The chain proves the integrity of
the record, not that the decisions were right: replay proves that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def record_hash(record: dict[str, Any], key: bytes | None = None) -> str:
    """The hash a decision is chained by (its canonical JSON, chain field included)."""
    data = canonical(record)
    if key:
        return "sha256:" + hmac.new(key, data, hashlib.sha256).hexdigest()
    return "sha256:" + hashlib.sha256(data).hexdigest()


class DecisionChain:
    """Per-partition chain heads; pure (no I/O): the worker keeps one per process."""

    def __init__(self, key: bytes | None = None) -> None:
        self.key = key
        self._heads: dict[int, tuple[str, int]] = {}

    def resume(self, partition: int, head: str, offset: int) -> None:
        """Continue a chain from a known head (e.g. the last decision read back at startup)."""
        self._heads[partition] = (head, offset)

    def head(self, partition: int) -> tuple[str, int] | None:
        return self._heads.get(partition)

    def link(self, decision: dict[str, Any], partition: int, offset: int) -> dict[str, Any]:
        """The decision with its chain field; the partition's head moves to it."""
        prev = self._heads.get(partition)
        chained = {
            **{k: v for k, v in decision.items() if k != "chain"},
            "chain": {
                "partition": partition,
                "offset": offset,
                "prev": prev[0] if prev else None,
                "prev_offset": prev[1] if prev else None,
            },
        }
        self._heads[partition] = (record_hash(chained, self.key), offset)
        return chained


@dataclass(frozen=True, slots=True)
class Break:
    place: str  # where the record was read (partition@offset of the decisions source)
    event_id: str | None
    partition: int | None  # chain partition
    problem: str


@dataclass(slots=True)
class ChainReport:
    records: int
    chains: int
    segments: int
    breaks: list[Break]


def verify(
    records: Iterable[tuple[str, dict[str, Any]]], key: bytes | None = None, *, ordered: bool
) -> ChainReport:
    """Check the chains of `(place, decision)` records.

    `ordered`: the records are in the order they were written (a file, or one topic
    partition per chain), so a successor read before its predecessor is a break too.
    """
    breaks: list[Break] = []
    seen: dict[str, tuple[int, int, str, int]] = {}  # hash -> (chain partition, offset, place, i)
    successors: dict[str, str] = {}  # chain position -> place of the record holding it
    pending: list[tuple[int, str, dict[str, Any]]] = []
    count = segments = 0
    partitions: set[int] = set()
    for i, (place, record) in enumerate(records):
        count += 1
        chain = record.get("chain")
        if not isinstance(chain, dict):
            breaks.append(Break(place, record.get("event_id"), None, "decision without a chain"))
            continue
        partitions.add(chain["partition"])
        digest = record_hash(record, key)
        seen[digest] = (chain["partition"], chain["offset"], place, i)
        pending.append((i, place, record))
    for i, place, record in pending:
        chain = record["chain"]
        event_id = record.get("event_id")
        prev = chain.get("prev")
        # one place in a chain per record: a second record naming the same predecessor (or
        # starting a segment at the same event offset) is a copy or a forgery
        position = f"{chain['partition']}:{prev or 'start@' + str(chain['offset'])}"
        if position in successors:
            breaks.append(
                Break(
                    place,
                    event_id,
                    chain["partition"],
                    f"forked: {successors[position]} holds the same place in the chain",
                )
            )
        successors[position] = place
        if prev is None:
            segments += 1
            continue
        found = seen.get(prev)
        if found is None:
            problem = (
                f"previous decision (event offset {chain.get('prev_offset')}) is missing or was "
                "edited: no record has the hash this one names"
            )
            breaks.append(Break(place, event_id, chain["partition"], problem))
            continue
        partition, offset, prev_place, j = found
        if partition != chain["partition"] or offset != chain.get("prev_offset"):
            breaks.append(
                Break(
                    place,
                    event_id,
                    chain["partition"],
                    f"names {prev_place} but its partition/offset do not match",
                )
            )
        elif offset >= chain["offset"]:
            breaks.append(
                Break(
                    place,
                    event_id,
                    chain["partition"],
                    f"offset {chain['offset']} does not follow {offset}",
                )
            )
        elif ordered and j > i:
            breaks.append(
                Break(
                    place,
                    event_id,
                    chain["partition"],
                    f"read before its previous decision {prev_place}: reordered",
                )
            )
    return ChainReport(count, len(partitions), segments, breaks)
