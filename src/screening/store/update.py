"""`lists update`: put a freshly built snapshot into the store, behind the shrink guard.

The caller builds the snapshot (`lists.build.from_folder`): the store never imports loaders.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from screening.errors import ShrinkError
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MatchConfig
from screening.store.snapshots import SnapshotStore, StoredSnapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class UpdateResult:
    snapshot: ListSnapshot
    stored: StoredSnapshot
    previous: str | None
    warnings: tuple[str, ...]
    shrinks: tuple[str, ...]  # refused unless forced; recorded as warnings when forced


def shrinks(previous: dict[str, int], current: ListSnapshot, limit: float) -> list[str]:
    """Sources that lost more than `limit` of their entities (a missing source lost all)."""
    found = []
    for source, before in sorted(previous.items()):
        after = current.sources[source].entities if source in current.sources else 0
        if before > 0 and (before - after) / before > limit:
            found.append(
                f"{source}: {before:,} -> {after:,} entities "
                f"(-{(before - after) / before:.0%}, limit {limit:.0%})"
            )
    return found


def update(
    store: SnapshotStore,
    snapshot: ListSnapshot,
    lists_dir: Path,
    *,
    limit: float,
    force: bool = False,
    warnings: list[str] | None = None,
    configs: tuple[MatchConfig, ...] = (),
    policy: Path | None = None,
) -> UpdateResult:
    """Check `snapshot` (built from `lists_dir`) against the store's latest one, store it."""
    warnings = list(warnings or [])
    previous = store.latest()
    found: list[str] = []
    if previous is not None and previous != snapshot.version:
        before = {s: int(i["entities"]) for s, i in store.manifest(previous)["sources"].items()}
        found = shrinks(before, snapshot, limit)
        if found and not force:
            raise ShrinkError(
                "refused: the update drops too many entities since "
                f"{previous[:19]}…: {'; '.join(found)} (check the files, or --force)"
            )
        for problem in found:
            log.warning("forced past the shrink guard: %s", problem)
            warnings.append(f"forced past the shrink guard: {problem}")
    stored = store.put_snapshot(snapshot, warnings)
    for config in configs:
        store.put_config(config)
    if policy is not None:
        store.put_policies(policy)
    store.log_import(snapshot.version, lists_dir)
    return UpdateResult(snapshot, stored, previous, tuple(warnings), tuple(found))
