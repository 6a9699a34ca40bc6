"""Versions that pin behaviour: the package version (kept only in `pyproject.toml`) and the
versions of the libraries whose code decides match scores.

`engine_version` = package version, matcher name + digest of its configuration (settings and
typo tolerance), and the versions of the matching dependencies: two decisions with one engine
version were scored by the same code paths, numbers and libraries (the code itself is pinned
by the golden-score fixture per matcher version, `tests/matching/golden/`).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError, version

MATCHING_DEPENDENCIES = ("anyascii", "rapidfuzz")
"""Libraries whose code changes scores: transliteration and edit distances."""


@cache
def package_version() -> str:
    """The installed version of `screening` (from `pyproject.toml`, via package metadata)."""
    try:
        return version("screening")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


@cache
def dependency_versions() -> tuple[tuple[str, str], ...]:
    return tuple((name, version(name)) for name in MATCHING_DEPENDENCIES)


def engine_version(matcher_version: str) -> str:
    """`screening-0.1.0/name-match-v1+<digest12>/anyascii-0.3.2,rapidfuzz-3.14.3`."""
    deps = ",".join(f"{name}-{ver}" for name, ver in dependency_versions())
    return f"screening-{package_version()}/{matcher_version}/{deps}"
