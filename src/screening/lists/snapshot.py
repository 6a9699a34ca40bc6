"""The list snapshot as pure data: the canonical entities frame, what each source holds, and a
version computed over the frame.

`snapshot_version(frame)` is a SHA-256 of the frame's canonical content (each source's rows as
JSON lines, sorted by entity id, then the per-source digests), so the same list content gives
the same version on any machine, whatever the folder path, file mtimes, load order or whether
the frame came from the publisher's files or from the snapshot store, and the store can
re-verify a version from the stored frame alone. File sizes, hashes and dates are reported
beside it, never hashed into it.

Builders live outside this core type: `screening.lists.build.from_folder` (publisher files)
and `screening.store` (`SnapshotStore.get_snapshot`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import polars as pl

_COLUMNS = (
    "source",
    "list",
    "entity_id",
    "kind",
    "name",
    "aliases",
    "countries",
    "dates_of_birth",
    "identifiers",
    "programs",
    "remarks",
)


class SourceFile(NamedTuple):
    """One publisher file a source was read from (reported, never part of the version)."""

    name: str  # path inside the source folder
    size: int  # bytes
    date: str  # publication date stated in the file, else the file's mtime date
    sha256: str = ""  # hex of the file's bytes


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    entities: int
    names: int  # primary names + aliases
    version: str  # "sha256:<hex>" of this source's canonical content
    files: tuple[SourceFile, ...] = ()


@dataclass(frozen=True)
class ListSnapshot:
    entities: pl.DataFrame  # ENTITY_SCHEMA, all sources, sorted by (source, entity_id)
    sources: dict[str, SourceInfo]
    version: str  # "sha256:<hex>", = snapshot_version(entities)
    warnings: tuple[str, ...] = ()  # integrity warnings of the build (reported, never versioned)

    @property
    def names_count(self) -> dict[str, int]:
        return {source: info.names for source, info in self.sources.items()}

    @classmethod
    def load(cls, lists_dir: Path, only: Iterable[str] | None = None) -> ListSnapshot:
        """Compatibility shim: use `screening.lists.build.from_folder`."""
        from screening.lists.build import from_folder  # the builder imports every loader

        return from_folder(lists_dir, only)


def canonical_rows(frame: pl.DataFrame) -> Iterator[tuple[str, str]]:
    """(source, canonical JSON line) per row, in frame order: the unit the version hashes."""
    data = frame.select(_COLUMNS).to_dict(as_series=False)
    for row in zip(*(data[c] for c in _COLUMNS), strict=True):
        source, sub, entity_id, kind, name, aliases, countries, dobs, ids, programs, remarks = row
        line = json.dumps(
            [
                source,
                sub,
                entity_id,
                kind,
                name,
                [[a["name"], a["type"], a["quality"]] for a in aliases or ()],
                countries or [],
                dobs or [],
                [[i["type"], i["value"]] for i in ids or ()],
                programs or [],
                remarks,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        yield source, line


def source_versions(frame: pl.DataFrame) -> dict[str, str]:
    """Source id → "sha256:<hex>" of its rows (the frame must be sorted by source, entity_id)."""
    digests: dict[str, Any] = {}
    for source, line in canonical_rows(frame):
        digest = digests.get(source)
        if digest is None:
            digest = digests[source] = hashlib.sha256()
        digest.update(line.encode())
        digest.update(b"\n")
    return {s: "sha256:" + d.hexdigest() for s, d in sorted(digests.items())}


def combined_version(versions: Mapping[str, str]) -> str:
    overall = "".join(f"{s}\t{versions[s]}\n" for s in sorted(versions))
    return "sha256:" + hashlib.sha256(overall.encode()).hexdigest()


def snapshot_version(frame: pl.DataFrame) -> str:
    """The list version of a canonical entities frame."""
    return combined_version(source_versions(frame))


def make_snapshot(
    frame: pl.DataFrame, files: Mapping[str, tuple[SourceFile, ...]] | None = None
) -> ListSnapshot:
    """A snapshot of a canonical frame (sorted by source, entity_id); versions computed here."""
    versions = source_versions(frame)
    for source in files or {}:  # a source that loaded no entities still has a version
        versions.setdefault(source, "sha256:" + hashlib.sha256(b"").hexdigest())
    versions = dict(sorted(versions.items()))
    counts = frame.group_by("source").agg(
        pl.len().alias("entities"), (pl.col("aliases").list.len() + 1).sum().alias("names")
    )
    by_source = {row["source"]: row for row in counts.to_dicts()}
    sources = {
        s: SourceInfo(
            source=s,
            entities=int(by_source[s]["entities"]) if s in by_source else 0,
            names=int(by_source[s]["names"]) if s in by_source else 0,
            version=v,
            files=(files or {}).get(s, ()),
        )
        for s, v in versions.items()
    }
    return ListSnapshot(entities=frame, sources=sources, version=combined_version(versions))
