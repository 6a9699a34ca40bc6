"""The allowlist store: an append-only JSON-lines log in a directory (adapter: file I/O, clock).

Each line is an entry's full state after one change (proposal, approval, revocation), the same
record the compacted `screening.allowlist` topic carries keyed by entry id; the latest line of an
entry id is its state. Lines are only ever appended, under an exclusive lock, so the log is the
audit trail and every past allowlist version can be rebuilt (`at_version`) for replay.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from screening.allowlist import (
    Allowlist,
    AllowlistEntry,
    PartyIdentity,
    approve,
    fingerprints,
    propose,
    revoke,
)
from screening.errors import AllowlistError, ConfigError
from screening.lists.snapshot import ListSnapshot

LOG_NAME = "allowlist.jsonl"
DEFAULT_REVIEW_DAYS = 365

Publisher = Callable[[AllowlistEntry], None]


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class AllowlistStore:
    """One directory, one log. `publish` (optional) also sends each new record to a topic."""

    def __init__(self, directory: Path, publish: Publisher | None = None) -> None:
        self.directory = directory
        self.path = directory / LOG_NAME
        self.publish = publish

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        out = []
        with self.path.open(encoding="utf-8") as log:
            for number, line in enumerate(log, start=1):
                if not line.strip():
                    continue
                try:
                    out.append(json.loads(line))
                except ValueError as exc:
                    raise ConfigError(f"{self.path}: line {number}: not JSON: {exc}") from exc
        return out

    def load(self) -> Allowlist:
        return Allowlist.from_records(self.records())

    def at_version(self, version: str) -> Allowlist | None:
        """The allowlist as it stood when its version was `version` (for replay), if ever."""
        latest: dict[str, AllowlistEntry] = {}
        if Allowlist([]).version == version:
            return Allowlist([])
        for raw in self.records():
            entry = AllowlistEntry.from_dict(raw)
            latest[entry.entry_id] = entry
            state = Allowlist(latest.values())
            if state.version == version:
                return state
        return None

    def get(self, entry_id: str) -> AllowlistEntry:
        entry = self.load().entries.get(entry_id)
        if entry is None:
            raise AllowlistError(f"no allowlist entry {entry_id} in {self.path}")
        return entry

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with (self.directory / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _append(self, entry: AllowlistEntry) -> AllowlistEntry:
        line = json.dumps(entry.to_dict(), ensure_ascii=False, separators=(",", ":"))
        with self.path.open("a", encoding="utf-8") as log:
            log.write(line + "\n")
            log.flush()
            os.fsync(log.fileno())
        if self.publish is not None:
            self.publish(entry)
        return entry

    def add(
        self,
        party: PartyIdentity,
        list_id: str,
        entity_id: str,
        fingerprint: str,
        *,
        reason: str,
        by: str,
        at: str | None = None,
        until: str | None = None,
        source_event: str | None = None,
    ) -> AllowlistEntry:
        at = at or utc_now()
        if until is None:
            start = datetime.fromisoformat(at.replace("Z", "+00:00")).date()
            until = (start + timedelta(days=DEFAULT_REVIEW_DAYS)).isoformat()
        entry = propose(
            party,
            list_id,
            entity_id,
            fingerprint,
            reason=reason,
            by=by,
            at=at,
            until=until,
            source_event=source_event,
        )
        with self._locked():
            if entry.entry_id in self.load().entries:
                raise AllowlistError(f"entry {entry.entry_id} was already proposed")
            return self._append(entry)

    def approve(self, entry_id: str, *, by: str, at: str | None = None) -> AllowlistEntry:
        with self._locked():
            return self._append(approve(self.get(entry_id), by=by, at=at or utc_now()))

    def revoke(
        self, entry_id: str, *, by: str, reason: str, at: str | None = None
    ) -> AllowlistEntry:
        with self._locked():
            return self._append(
                revoke(self.get(entry_id), by=by, at=at or utc_now(), reason=reason)
            )


def fingerprint_in(snapshot: ListSnapshot, list_id: str, entity_id: str) -> str:
    """The listed record's fingerprint now; an entity not in the lists is refused."""
    found = fingerprints(snapshot.entities, [(list_id, entity_id)])
    if (list_id, entity_id) not in found:
        raise AllowlistError(f"{list_id}:{entity_id} is not in the lists ({snapshot.version[:19]})")
    return found[(list_id, entity_id)]
