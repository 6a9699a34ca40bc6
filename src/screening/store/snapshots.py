"""A content-addressed store of everything a decision was made with, so it can be made again.

Layout under the store root (every entry is written once, into a temporary folder that is then
renamed into place, and never overwritten; the same content gives the same key):

- `lists/<hex>/entities.parquet` and `manifest.json`: a list snapshot keyed by its
  `list_version` (`sha256:<hex>`): the canonical entities frame, and per source its version,
  entity and name counts and the publisher files (name, bytes, sha256, date) it came from.
  Reading re-computes the version from the frame and refuses a frame that does not give it.
- `lists.log.jsonl`: one line per import (version, time, directory): the history that the
  shrink guard of `lists update` compares against.
- `configs/<hex>.json`: a matcher configuration document (`MatchConfig.document()`), keyed by
  the sha256 of its canonical JSON, as decisions record it in `match_config`.
- `policies/<policy_version>/`: the policy bundle files (TOML and goods table), keyed by the
  policy version (`pillar-one@1.0.0+<content hash>`), re-checked when read.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from screening.errors import ConfigError, StoreError, VersionUnavailableError
from screening.lists.model import ENTITY_SCHEMA
from screening.lists.snapshot import ListSnapshot, SourceFile, make_snapshot
from screening.matching.config import MatchConfig, canonical_json, config_from_document
from screening.policy import Policy

_HEX = "0123456789abcdef"


@dataclass(frozen=True, slots=True)
class StoredSnapshot:
    version: str
    path: Path
    created: bool  # False: the same content was already there


def _key(version: str, kind: str) -> str:
    """`sha256:<hex>` → `<hex>`; anything else is a clear error, never a path."""
    hexpart = version.removeprefix("sha256:")
    if len(hexpart) != 64 or any(c not in _HEX for c in hexpart):
        raise VersionUnavailableError(f"{kind} {version!r} is not a sha256:<64 hex> version")
    return hexpart


class SnapshotStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    # ------------------------------------------------------------------ list snapshots

    def snapshot_path(self, version: str) -> Path:
        return self.root / "lists" / _key(version, "list version")

    def has_snapshot(self, version: str) -> bool:
        return (self.snapshot_path(version) / "manifest.json").is_file()

    def put_snapshot(
        self, snapshot: ListSnapshot, warnings: list[str] | None = None
    ) -> StoredSnapshot:
        """Store a snapshot under its version (kept as it is when already there)."""
        target = self.snapshot_path(snapshot.version)
        if target.exists():
            self.manifest(snapshot.version)  # a half-written or foreign folder is an error
            return StoredSnapshot(snapshot.version, target, created=False)
        manifest = {
            "list_version": snapshot.version,
            "entities": snapshot.entities.height,
            "sources": {
                s: {
                    "version": info.version,
                    "entities": info.entities,
                    "names": info.names,
                    "files": [f._asdict() for f in info.files],
                }
                for s, info in snapshot.sources.items()
            },
            "warnings": list(warnings or []),
        }

        def write(tmp: Path) -> None:
            snapshot.entities.write_parquet(tmp / "entities.parquet", compression="zstd")
            (tmp / "manifest.json").write_text(
                json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )

        created = self._write_once(target, write)
        return StoredSnapshot(snapshot.version, target, created)

    def manifest(self, version: str) -> dict[str, Any]:
        path = self.snapshot_path(version) / "manifest.json"
        if not path.is_file():
            raise VersionUnavailableError(
                f"list version {version} is not in the snapshot store {self.root}"
            )
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{path}: unreadable manifest: {exc}") from exc
        if data.get("list_version") != version:
            raise StoreError(f"{path}: manifest is for {data.get('list_version')}, not {version}")
        return data

    def get_snapshot(self, version: str) -> ListSnapshot:
        """The stored snapshot, its version re-computed from the stored frame."""
        manifest = self.manifest(version)
        path = self.snapshot_path(version) / "entities.parquet"
        try:
            frame = pl.read_parquet(path)
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise StoreError(f"{path}: unreadable: {exc}") from exc
        if frame.schema != ENTITY_SCHEMA:
            raise StoreError(f"{path}: not the canonical entities schema")
        files = {
            s: tuple(SourceFile(**f) for f in info.get("files", ()))
            for s, info in manifest["sources"].items()
        }
        snapshot = make_snapshot(frame, files)
        if snapshot.version != version:
            raise StoreError(
                f"{path}: content gives list version {snapshot.version}, stored as {version}"
            )
        return snapshot

    def log_import(self, version: str, lists_dir: Path) -> None:
        entry = {
            "list_version": version,
            "imported_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "lists_dir": str(lists_dir),
        }
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / "lists.log.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")

    def history(self) -> list[dict[str, str]]:
        path = self.root / "lists.log.jsonl"
        if not path.is_file():
            return []
        return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]

    def latest(self) -> str | None:
        """The list version imported last (None for an empty store)."""
        history = self.history()
        return history[-1]["list_version"] if history else None

    # ------------------------------------------------------------------ matcher configs

    def put_config(self, config: MatchConfig) -> str:
        digest = config.digest
        path = self.root / "configs" / f"{digest}.json"
        if not path.exists():
            text = canonical_json(config.document())
            self._write_file_once(path, text)
        return "sha256:" + digest

    def get_config(self, digest: str) -> MatchConfig:
        path = self.root / "configs" / f"{_key(digest, 'matcher configuration')}.json"
        if not path.is_file():
            raise VersionUnavailableError(
                f"matcher configuration {digest} is not in the snapshot store {self.root}"
            )
        text = path.read_text(encoding="utf-8")
        if "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest() != digest:
            raise StoreError(f"{path}: content does not give {digest}")
        try:
            return config_from_document(json.loads(text))
        except ConfigError as exc:
            raise VersionUnavailableError(str(exc)) from exc

    # ------------------------------------------------------------------ policy bundles

    def _policy_dir(self, version: str) -> Path:
        if not version or "/" in version or version.startswith("."):
            raise VersionUnavailableError(f"policy version {version!r} is not a version")
        return self.root / "policies" / version

    def put_policies(self, path: Path) -> list[str]:
        """Every bundle of an installed-policies folder (`bundles.toml`), or one bundle file."""
        path = Path(path)
        if not path.is_dir():
            return [self.put_policy(path)]
        index = tomllib.loads((path / "bundles.toml").read_text(encoding="utf-8"))
        return [self.put_policy(path / entry["file"]) for entry in index.get("bundles", [])]

    def put_policy(self, path: Path) -> str:
        """Copy a policy bundle under its version: its folder as it is (the TOML names tables
        beside it: goods, HS correlation, gazetteer), a few hundred kB."""
        policy = Policy.load(path)
        target = self._policy_dir(policy.version)
        if target.exists():
            return policy.version

        def write(tmp: Path) -> None:
            shutil.copytree(path.parent, tmp / "bundle", symlinks=False)
            (tmp / "bundle.txt").write_text(f"bundle/{path.name}\n", encoding="utf-8")

        self._write_once(target, write)
        return policy.version

    def get_policy(self, version: str) -> Policy:
        folder = self._policy_dir(version)
        if not (folder / "bundle.txt").is_file():
            raise VersionUnavailableError(
                f"policy version {version} is not in the snapshot store {self.root}"
            )
        name = (folder / "bundle.txt").read_text(encoding="utf-8").strip()
        policy = Policy.load(folder / name)
        if policy.version != version:
            raise StoreError(f"{folder}: bundle gives policy version {policy.version}")
        return policy

    # ------------------------------------------------------------------ write once

    def _write_once(self, target: Path, write: Any) -> bool:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        try:
            write(tmp)
            try:
                os.rename(tmp, target)  # atomic; fails when the target exists (never overwrite)
            except OSError:
                if target.exists():
                    return False
                raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
        return True

    def _write_file_once(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            os.link(tmp, path)  # fails when the file exists: never overwrite
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
