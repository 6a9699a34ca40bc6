"""The record of recent counterparties and the rescreen step (pure: no I/O, no clock).

`CounterpartyBook` keeps one entry per party identity (normalised name, kind, country) with
when it was last seen and the ids of the last events it appeared in; it is compacted by
construction (one entry per key, the newest wins) and pruned to a lookback window. On a list
change, `rescreen` builds a matcher over only the entities the new snapshot added or whose
names, aliases or identifiers changed, screens every recent party against it, and returns one
alert per party and entity it now hits (a party that already hit that entity under the old
snapshot is no news and gives no alert).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from screening.events import Event, Party
from screening.lists.diff import SnapshotDiff
from screening.matching.config import MatchConfig
from screening.matching.matcher import Matcher
from screening.matching.normalize import analyze

MAX_EVENTS = 20
"""Event ids kept per counterparty (the newest)."""

NAME_FIELDS = frozenset({"name", "aliases", "identifiers"})
"""Changes that can make a party hit an entity it did not hit before."""


@dataclass(slots=True)
class Counterparty:
    key: str
    name: str
    kind: str
    country: str | None
    last_seen: str
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "last_seen": self.last_seen,
            "event_ids": list(self.event_ids),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Counterparty:
        return cls(
            data["key"],
            data["name"],
            data["kind"],
            data.get("country"),
            data["last_seen"],
            list(data.get("event_ids", [])),
        )


def party_key(party: Party) -> str:
    """Normalised name | kind | country: one entry for "ACME Ltd" and "Acme Limited"."""
    tokens = " ".join(analyze(party.name).tokens) or party.name.strip().lower()
    return f"{tokens}|{party.kind}|{(party.country or '').upper()}"


class CounterpartyBook:
    def __init__(self, entries: Iterable[Counterparty] = ()) -> None:
        self.entries: dict[str, Counterparty] = {e.key: e for e in entries}

    def observe(self, event: Event) -> None:
        for party in event.parties:
            key = party_key(party)
            entry = self.entries.get(key)
            if entry is None:
                entry = self.entries[key] = Counterparty(
                    key, party.name, party.kind, party.country, event.occurred_at
                )
            if event.occurred_at >= entry.last_seen:
                entry.last_seen = event.occurred_at
                entry.name = party.name
            if event.event_id not in entry.event_ids:
                entry.event_ids = [*entry.event_ids, event.event_id][-MAX_EVENTS:]

    def prune(self, since: str) -> int:
        """Drop parties not seen since `since` (ISO time); how many were dropped."""
        old = [k for k, e in self.entries.items() if e.last_seen < since]
        for key in old:
            del self.entries[key]
        return len(old)

    def parties(self) -> list[Counterparty]:
        return [self.entries[k] for k in sorted(self.entries)]


def changed_entities(diff: SnapshotDiff) -> dict[tuple[str, str], str]:
    """(source, entity id) -> "added" or "changed" for what a party could newly hit."""
    out: dict[tuple[str, str], str] = {}
    for source, d in diff.sources.items():
        for entity_id in d.added:
            out[source, entity_id] = "added"
        for entity_id, fields in d.changed.items():
            if NAME_FIELDS & set(fields):
                out[source, entity_id] = "changed"
    return out


def _subset(frame: pl.DataFrame, keys: Iterable[tuple[str, str]]) -> pl.DataFrame:
    wanted = pl.DataFrame(
        [list(k) for k in keys], schema={"source": pl.String, "entity_id": pl.String}, orient="row"
    )
    return frame.join(wanted, on=["source", "entity_id"], how="semi")


def rescreen(
    book: CounterpartyBook,
    old: pl.DataFrame,
    new: pl.DataFrame,
    diff: SnapshotDiff,
    config: MatchConfig,
) -> list[dict[str, Any]]:
    """Alerts for parties of `book` that hit an added or changed entity of `new` and did not
    hit that entity in `old`. Sorted by party key and entity."""
    changes = changed_entities(diff)
    if not changes:
        return []
    now_matcher = Matcher(_subset(new, changes), config)
    was = [k for k, change in changes.items() if change == "changed"]
    old_matcher = Matcher(_subset(old, was), config) if was else None
    alerts = []
    for entry in book.parties():
        party = Party(0, "counterparty", entry.name, entry.kind, entry.country, None, ())  # type: ignore[arg-type]
        before = (
            {(h.list, h.entity_id) for h in old_matcher.screen_party(party)}
            if old_matcher
            else set()
        )
        for hit in now_matcher.screen_party(party):
            if (hit.list, hit.entity_id) in before:
                continue
            alerts.append(
                {
                    "party_key": entry.key,
                    "party": entry.name,
                    "kind": entry.kind,
                    "country": entry.country,
                    "list": hit.list,
                    "entity_id": hit.entity_id,
                    "matched_name": hit.matched_name,
                    "score": hit.score,
                    "action": hit.action,
                    "explanation": hit.explanation,
                    "list_change": changes[hit.list, hit.entity_id],
                    "old_list_version": diff.old_version,
                    "new_list_version": diff.new_version,
                    "last_seen": entry.last_seen,
                    "event_ids": list(entry.event_ids),
                }
            )
    return sorted(alerts, key=lambda a: (a["party_key"], a["list"], a["entity_id"]))
