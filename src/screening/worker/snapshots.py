"""List updates announced on the compacted `screening.lists` topic (key "current").

The record is a reference, not the data: the snapshot version (the content hash), where the
lists directory is, and per-source counts. A worker loads the directory off the event loop,
recomputes the hash and refuses the snapshot unless it equals the announced version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.decision import Screener
from screening.errors import ScreeningError
from screening.lists.snapshot import ListSnapshot
from screening.runtime import build_screener
from screening.settings import Settings

REFERENCE_KEY = b"current"


class ListUpdateRefused(ScreeningError):
    """An announced list snapshot that cannot be used; the worker keeps the one it has."""

    def __init__(self, reason: str, code: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class ListReference:
    version: str
    location: str
    sources: dict[str, dict[str, Any]]

    def to_json(self) -> bytes:
        body = {"version": self.version, "location": self.location, "sources": self.sources}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


def reference_for(snapshot: ListSnapshot, lists_dir: Path) -> ListReference:
    sources = {
        sid: {"entities": info.entities, "names": info.names, "version": info.version}
        for sid, info in snapshot.sources.items()
    }
    return ListReference(snapshot.version, str(lists_dir.resolve()), sources)


def parse_reference(value: bytes | None) -> ListReference:
    try:
        body = json.loads(value or b"")
        version, location = body["version"], body["location"]
        sources = body.get("sources", {})
        if not (isinstance(version, str) and version.startswith("sha256:")):
            raise ValueError(f"bad version {version!r}")
        if not isinstance(location, str) or not isinstance(sources, dict):
            raise ValueError("location must be a string and sources an object")
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise ListUpdateRefused(
            f"unreadable list reference: {exc}", "LIST_REFERENCE_INVALID"
        ) from exc
    return ListReference(version, location, sources)


def load_verified(reference: ListReference, settings: Settings) -> Screener:
    """Blocking (seconds on real lists): call from a thread, never on the event loop."""
    try:
        screener = build_screener(settings, Path(reference.location))
    except (ScreeningError, OSError) as exc:
        raise ListUpdateRefused(
            f"cannot load lists at {reference.location}: {exc}", "LIST_LOAD_FAILED"
        ) from exc
    actual = screener.snapshot.version
    if actual != reference.version:
        raise ListUpdateRefused(
            f"lists at {reference.location} hash to {actual}, not the announced "
            f"{reference.version}",
            "LIST_VERSION_MISMATCH",
        )
    return screener
