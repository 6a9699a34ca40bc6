"""Loading policy bundles from disk: one bundle, or every installed one (an adapter, not core).

`lists/policy/bundles.toml` lists the installed bundles; each keeps its own effective window.
The audit replay uses `load_version` to decide again under exactly the recorded version.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from screening.errors import PolicyError
from screening.paths import POLICY_DIR
from screening.policy.bundle import bundle_files
from screening.policy.core import Policy
from screening.policy.versions import PolicySet

INDEX_FILE = "bundles.toml"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    effective_to: date | None = None


class _Index(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    bundles: list[_Entry]


def load_policy_set(path: Path = POLICY_DIR) -> PolicySet:
    """A folder with `bundles.toml`: every installed bundle. A TOML file: that bundle alone,
    for every date (what `--policy FILE` means)."""
    path = Path(path)
    if path.is_dir():
        return PolicySet(_load_index(path / INDEX_FILE))
    return PolicySet([Policy.load(path)])


def installed_bundles(path: Path = POLICY_DIR) -> list[Path]:
    """The TOML file of every installed bundle (a folder's index), or `path` itself."""
    path = Path(path)
    if not path.is_dir():
        return [path]
    return [path / entry.file for entry in _read_index(path / INDEX_FILE).bundles]


__all__ = ["bundle_files", "installed_bundles", "load_policy_set", "load_version"]


def load_version(version: str, path: Path = POLICY_DIR) -> Policy:
    """The installed bundle a decision recorded (`dtep-pillar-one@1.0.0+6f4cb4907cef` or
    `1.0.0`); a `PolicyError` if it is not installed or its content changed since."""
    return load_policy_set(path).get(version)


def _read_index(index: Path) -> _Index:
    try:
        raw = tomllib.loads(index.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError(f"{index}: cannot read the installed-bundles index: {exc}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PolicyError(f"{index}: not valid TOML: {exc}") from exc
    try:
        return _Index.model_validate(raw)
    except ValidationError as exc:
        raise PolicyError(f"{index}: {exc.errors()[0]['msg']}") from exc


def _load_index(index: Path) -> list[Policy]:
    entries = _read_index(index).bundles
    policies = []
    for entry in entries:
        policy = Policy.load(index.parent / entry.file, effective_to=entry.effective_to)
        if entry.effective_to and policy.spec.effective_to not in (None, entry.effective_to):
            raise PolicyError(
                f"{index}: {entry.file} ends on {entry.effective_to} here but on "
                f"{policy.spec.effective_to} in the bundle"
            )
        policies.append(policy)
    return policies
