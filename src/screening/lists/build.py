"""Build a `ListSnapshot` from a lists directory of publisher files (one folder per source).

Integrity, as a new user would meet it: a folder that is no known source gets a WARNING naming
the closest known source id (a misspelt `us_ofac_sdm` is not silently skipped); a source named
in the directory's required-sources manifest (`sources.toml`: `required = [...]`) or passed in
`required` that is missing is an error; a source that loads no entities (a header-only custom
list) and a loader's own warnings (an OFAC comments file without its end marker) are WARNINGs.
Every warning is also returned in `warnings`, so `lists update` records it in the manifest, and
kept on the snapshot, so a worker exports their count as a metric.
"""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import logging
import time
import tomllib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from screening.errors import ListsMissingError
from screening.lists.loaders import CUSTOM_PREFIX, LOADERS, Loaded, loader_for
from screening.lists.loaders._common import merge_duplicates
from screening.lists.model import EntityRecord, entities_frame
from screening.lists.snapshot import ListSnapshot, SourceFile, make_snapshot

log = logging.getLogger(__name__)

SOURCES_MANIFEST = "sources.toml"
"""Optional file in a lists directory: `required = ["us_ofac_sdn", ...]`."""


def required_sources(lists_dir: Path) -> list[str]:
    """The sources the directory's manifest says must be there (none without a manifest)."""
    path = lists_dir / SOURCES_MANIFEST
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ListsMissingError(f"{path}: not valid TOML: {exc}") from exc
    required = data.get("required", [])
    if not isinstance(required, list) or not all(isinstance(s, str) for s in required):
        raise ListsMissingError(f"{path}: 'required' must be a list of source ids")
    return list(required)


def from_folder(
    lists_dir: Path,
    only: Iterable[str] | None = None,
    *,
    required: Iterable[str] = (),
    warnings: list[str] | None = None,
) -> ListSnapshot:
    """Load every known source folder of `lists_dir` (or just those in `only`).

    GC policy is the caller's (`runtime.relaxed_gc`)."""
    found: list[str] = []
    snapshot = _load(lists_dir, only, required, found)
    if warnings is not None:
        warnings.extend(found)
    return dataclasses.replace(snapshot, warnings=tuple(found))


def _warn(warnings: list[str], message: str) -> None:
    log.warning("%s", message)
    warnings.append(message)


def _load(
    lists_dir: Path, only: Iterable[str] | None, required: Iterable[str], warnings: list[str]
) -> ListSnapshot:
    wanted = set(only) if only is not None else None
    folders = sorted(p for p in lists_dir.iterdir() if p.is_dir()) if lists_dir.is_dir() else []
    must = sorted({*required, *(required_sources(lists_dir) if lists_dir.is_dir() else [])})
    records: list[EntityRecord] = []
    files: dict[str, tuple[SourceFile, ...]] = {}
    for folder in folders:
        loader = loader_for(folder.name)
        if loader is None:
            if not folder.name.startswith("."):
                close = difflib.get_close_matches(folder.name, [*LOADERS, CUSTOM_PREFIX + "<name>"])
                hint = f"; did you mean {close[0]}?" if close else ""
                _warn(warnings, f"{folder}: not a known list source, skipped{hint}")
            continue
        if wanted is not None and folder.name not in wanted:
            continue
        started = time.perf_counter()
        loaded = loader(folder)
        for message in loaded.warnings:
            _warn(warnings, f"{folder.name}: {message}")
        source_records = _unique_ids(folder.name, loaded.records)
        if not source_records:
            _warn(warnings, f"{folder.name}: no entities in {folder} (header only?)")
        files[folder.name] = _source_files(folder, loaded)
        records += source_records
        log.debug(
            "loaded %s: %d entities in %.3f s",
            folder.name,
            len(source_records),
            time.perf_counter() - started,
        )
    if missing_required := [s for s in must if s not in files]:
        raise ListsMissingError(
            f"required list sources missing from {lists_dir}: {', '.join(missing_required)}"
        )
    if missing := sorted((wanted or set(LOADERS)) - set(files)):
        log.info("list sources not in %s: %s", lists_dir, ", ".join(missing))
    if not files:
        raise ListsMissingError(f"no loadable list source in {lists_dir}")
    return make_snapshot(entities_frame(records), files)


def _unique_ids(source: str, records: list[EntityRecord]) -> list[EntityRecord]:
    """Records sorted by id; a repeated id (a loader's own duplicates) is merged, and logged."""
    merged = merge_duplicates(records)
    if len(merged) != len(records):
        log.warning("%s: %d repeated entity ids merged", source, len(records) - len(merged))
    return sorted(merged, key=lambda r: r.entity_id)


def _source_files(folder: Path, loaded: Loaded) -> tuple[SourceFile, ...]:
    files = []
    for path in sorted(loaded.files):
        stat = path.stat()
        date = loaded.published.get(path.name) or (
            datetime.fromtimestamp(stat.st_mtime, UTC).date().isoformat()
        )
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files.append(SourceFile(path.relative_to(folder).as_posix(), stat.st_size, date, digest))
    return tuple(files)
