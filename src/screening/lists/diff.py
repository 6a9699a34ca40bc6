"""What changed between two list snapshots, per source: entities added, removed and changed.

Pure: two canonical entities frames in, a `SnapshotDiff` out. Entities are matched on
(source, entity_id). A changed entity names the fields that differ; aliases and identifiers
compare as sets (the order a publisher writes them in is no change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

FIELDS = (
    "name",
    "aliases",
    "identifiers",
    "kind",
    "list",
    "countries",
    "dates_of_birth",
    "programs",
    "remarks",
)
"""Compared fields, the ones the issue asks about first."""


@dataclass(slots=True)
class SourceDiff:
    source: str
    added: list[str] = field(default_factory=list)  # entity ids, sorted
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # entity id -> changed fields
    unchanged: int = 0

    def field_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(FIELDS, 0)
        for fields in self.changed.values():
            for name in fields:
                counts[name] += 1
        return {k: v for k, v in counts.items() if v}


@dataclass(slots=True)
class SnapshotDiff:
    old_version: str
    new_version: str
    sources: dict[str, SourceDiff]

    def totals(self) -> dict[str, int]:
        return {
            "added": sum(len(d.added) for d in self.sources.values()),
            "removed": sum(len(d.removed) for d in self.sources.values()),
            "changed": sum(len(d.changed) for d in self.sources.values()),
        }


def _normal(column: str, value: Any) -> Any:
    if column == "aliases":
        return frozenset((a["name"], a["type"], a["quality"]) for a in value or ())
    if column == "identifiers":
        return frozenset((i["type"], i["value"]) for i in value or ())
    if isinstance(value, list):
        return tuple(value)
    return value


def _by_key(frame: pl.DataFrame) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for row in frame.select("source", "entity_id", *FIELDS).iter_rows(named=True):
        out.setdefault(row["source"], {})[row["entity_id"]] = {
            c: _normal(c, row[c]) for c in FIELDS
        }
    return out


def diff_frames(
    old: pl.DataFrame, new: pl.DataFrame, old_version: str = "", new_version: str = ""
) -> SnapshotDiff:
    a, b = _by_key(old), _by_key(new)
    sources: dict[str, SourceDiff] = {}
    for source in sorted({*a, *b}):
        before, after = a.get(source, {}), b.get(source, {})
        result = SourceDiff(source)
        result.added = sorted(after.keys() - before.keys())
        result.removed = sorted(before.keys() - after.keys())
        for entity_id in sorted(before.keys() & after.keys()):
            fields = [c for c in FIELDS if before[entity_id][c] != after[entity_id][c]]
            if fields:
                result.changed[entity_id] = fields
            else:
                result.unchanged += 1
        sources[source] = result
    return SnapshotDiff(old_version, new_version, sources)


def diff_records(diff: SnapshotDiff, old: pl.DataFrame, new: pl.DataFrame) -> list[dict[str, Any]]:
    """One JSON-ready record per added, removed or changed entity (names before and after)."""

    def names(frame: pl.DataFrame) -> dict[tuple[str, str], str]:
        return {(s, e): n for s, e, n in frame.select("source", "entity_id", "name").iter_rows()}

    old_names, new_names = names(old), names(new)
    records: list[dict[str, Any]] = []
    for source, d in diff.sources.items():
        records += [
            {"source": source, "change": "added", "entity_id": e, "name": new_names[source, e]}
            for e in d.added
        ]
        records += [
            {"source": source, "change": "removed", "entity_id": e, "name": old_names[source, e]}
            for e in d.removed
        ]
        records += [
            {
                "source": source,
                "change": "changed",
                "entity_id": e,
                "fields": fields,
                "name": new_names[source, e],
                **({"old_name": old_names[source, e]} if "name" in fields else {}),
            }
            for e, fields in d.changed.items()
        ]
    return records
