"""The list snapshot: every source folder of a lists directory in one canonical frame.

The version is a SHA-256 of the canonical content (sorted records as JSON lines), per source
and overall, so the same list files give the same version on any machine, whatever the folder
path, file mtimes or load order. File sizes and dates are reported beside it, never hashed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from screening.errors import ListsMissingError
from screening.lists.loaders import LOADERS, Loaded, loader_for
from screening.lists.loaders._common import merge_duplicates
from screening.lists.model import EntityRecord, entities_frame

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source: str
    entities: int
    names: int  # primary names + aliases
    version: str  # "sha256:<hex>" of this source's canonical content
    files: tuple[tuple[str, int, str], ...]  # (file, bytes, date stated in the file or mtime)


@dataclass(frozen=True)
class ListSnapshot:
    entities: pl.DataFrame  # ENTITY_SCHEMA, all sources, sorted by (source, entity_id)
    sources: dict[str, SourceInfo]
    version: str  # "sha256:<hex>" over the per-source versions

    @property
    def names_count(self) -> dict[str, int]:
        return {source: info.names for source, info in self.sources.items()}

    @classmethod
    def load(cls, lists_dir: Path, only: Iterable[str] | None = None) -> ListSnapshot:
        """Load every known source folder of `lists_dir` (or just those in `only`).

        GC policy is the caller's (`runtime.build_screener`): a core type never switches it."""
        return cls._load(lists_dir, only)

    @classmethod
    def _load(cls, lists_dir: Path, only: Iterable[str] | None) -> ListSnapshot:
        wanted = set(only) if only is not None else None
        folders = sorted(p for p in lists_dir.iterdir() if p.is_dir()) if lists_dir.is_dir() else []
        records: list[EntityRecord] = []
        sources: dict[str, SourceInfo] = {}
        for folder in folders:
            loader = loader_for(folder.name)
            if loader is None:
                log.info("skipping %s: not a known list source", folder)
                continue
            if wanted is not None and folder.name not in wanted:
                continue
            started = time.perf_counter()
            loaded = loader(folder)
            source_records = _unique_ids(folder.name, loaded.records)
            sources[folder.name] = _source_info(folder, loaded, source_records)
            records += source_records
            log.debug(
                "loaded %s: %d entities in %.3f s",
                folder.name,
                len(source_records),
                time.perf_counter() - started,
            )
        if missing := sorted((wanted or set(LOADERS)) - set(sources)):
            log.info("list sources not in %s: %s", lists_dir, ", ".join(missing))
        if not sources:
            raise ListsMissingError(f"no loadable list source in {lists_dir}")
        overall = "".join(f"{s}\t{sources[s].version}\n" for s in sorted(sources))
        return cls(
            entities=entities_frame(records),
            sources=dict(sorted(sources.items())),
            version="sha256:" + hashlib.sha256(overall.encode()).hexdigest(),
        )


def _unique_ids(source: str, records: list[EntityRecord]) -> list[EntityRecord]:
    """Records sorted by id; a repeated id (a loader's own duplicates) is merged, and logged."""
    merged = merge_duplicates(records)
    if len(merged) != len(records):
        log.warning("%s: %d repeated entity ids merged", source, len(records) - len(merged))
    return sorted(merged, key=lambda r: r.entity_id)


def canonical_line(r: EntityRecord) -> str:
    """One record as a JSON line: the unit the version hashes (field order fixed, no whitespace)."""
    return json.dumps(
        [
            r.source,
            r.list,
            r.entity_id,
            r.kind,
            r.name,
            [[a.name, a.type, a.quality] for a in r.aliases],
            r.countries,
            r.dates_of_birth,
            [[i.type, i.value] for i in r.identifiers],
            r.programs,
            r.remarks,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _source_info(folder: Path, loaded: Loaded, records: list[EntityRecord]) -> SourceInfo:
    digest = hashlib.sha256()
    for record in records:
        digest.update(canonical_line(record).encode())
        digest.update(b"\n")
    files = []
    for path in sorted(loaded.files):
        name = path.relative_to(folder).as_posix()
        stat = path.stat()
        date = loaded.published.get(path.name) or (
            datetime.fromtimestamp(stat.st_mtime, UTC).date().isoformat()
        )
        files.append((name, stat.st_size, date))
    return SourceInfo(
        source=folder.name,
        entities=len(records),
        names=sum(1 + len(r.aliases) for r in records),
        version="sha256:" + digest.hexdigest(),
        files=tuple(files),
    )
