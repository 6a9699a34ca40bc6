"""The Python supply chain: hash-pinned locks in sync with pyproject.toml, installs only from
them, and the vulnerability audit of `make test` (scripts/audit.py) with its reviewed exceptions.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from screening.paths import REPO_ROOT

DEV_LOCK = REPO_ROOT / "requirements" / "dev.lock"
RUNTIME_LOCK = REPO_ROOT / "requirements" / "runtime.lock"
PIP_LOCK = REPO_ROOT / "requirements" / "pip.lock"
IGNORE_FILE = REPO_ROOT / "requirements" / "audit-ignore.txt"
PYPROJECT = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 30)


def _pins(lock: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes); every requirement of the lock must be `name==version`."""
    logical = re.sub(r"\\\n", " ", lock.read_text(encoding="utf-8"))
    pins: dict[str, tuple[str, list[str]]] = {}
    for line in logical.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?:\s+--hash=\S+)*)", line)
        assert match, f"{lock.name}: not pinned with hashes: {line[:80]}"
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})\b", match.group(3))
        pins[canonicalize_name(match.group(1))] = (match.group(2), hashes)
    return pins


def _requirements(*groups: str) -> list[Requirement]:
    found: list[str] = []
    for group in groups:
        if group == "runtime":
            found += PYPROJECT["project"]["dependencies"]
        elif group == "build":
            found += PYPROJECT["build-system"]["requires"]
        else:
            found += PYPROJECT["project"]["optional-dependencies"][group]
    return [Requirement(r) for r in found]


@pytest.fixture(scope="module")
def dev_pins() -> dict[str, tuple[str, list[str]]]:
    return _pins(DEV_LOCK)


@pytest.fixture(scope="module")
def runtime_pins() -> dict[str, tuple[str, list[str]]]:
    return _pins(RUNTIME_LOCK)


@pytest.fixture(scope="module")
def audit() -> ModuleType:
    """scripts/audit.py (a script, not part of the package), loaded by path."""
    name = "scripts_audit"
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "scripts" / "audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# -- the locks -------------------------------------------------------------------------------


def test_every_pyproject_dependency_is_pinned_with_hashes_in_the_dev_lock(
    dev_pins: dict[str, tuple[str, list[str]]],
) -> None:
    """Out of sync (a dependency added or its range changed without `make lock`) fails here."""
    for requirement in _requirements("runtime", "dev", "build"):
        name = canonicalize_name(requirement.name)
        assert name in dev_pins, f"{name} is not in {DEV_LOCK.name}: run `make lock`"
        version, hashes = dev_pins[name]
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{name}=={version} in {DEV_LOCK.name} is outside {requirement}: run `make lock`"
        )
        assert hashes, name


def test_every_pin_of_both_locks_has_a_sha256(
    dev_pins: dict[str, tuple[str, list[str]]], runtime_pins: dict[str, tuple[str, list[str]]]
) -> None:
    assert len(dev_pins) > 50
    for name, (_version, hashes) in {**dev_pins, **runtime_pins}.items():
        assert hashes, f"{name} has no --hash=sha256"


def test_the_runtime_lock_is_the_runtime_part_of_the_dev_lock(
    dev_pins: dict[str, tuple[str, list[str]]], runtime_pins: dict[str, tuple[str, list[str]]]
) -> None:
    """The image and `make setup` run the same versions; the image gets no test tools."""
    for requirement in _requirements("runtime", "build"):
        assert canonicalize_name(requirement.name) in runtime_pins, requirement.name
    for name, (version, hashes) in runtime_pins.items():
        assert name in dev_pins, name
        assert dev_pins[name][0] == version, name
        assert set(hashes) <= set(dev_pins[name][1]), name
    for tool in ("pytest", "mypy", "ruff", "pip-audit", "selenium"):
        assert tool not in runtime_pins


def test_pip_is_upgraded_to_the_pin_of_the_dev_lock(
    dev_pins: dict[str, tuple[str, list[str]]],
) -> None:
    pip_pins = _pins(PIP_LOCK)
    assert set(pip_pins) == {"pip"}
    assert pip_pins["pip"][0] == dev_pins["pip"][0]
    assert pip_pins["pip"][1] and set(pip_pins["pip"][1]) <= set(dev_pins["pip"][1])


def test_setup_and_the_image_install_only_from_the_locks() -> None:
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^LOCK := requirements/dev\.lock$", makefile, re.M)
    assert re.search(r"^PIP_LOCK := requirements/pip\.lock$", makefile, re.M)
    installs = re.findall(r"pip install (.+)$", makefile, re.M)
    assert set(installs) == {
        "-q --require-hashes -r $(PIP_LOCK)",
        "-q --require-hashes -r $(LOCK)",
        "-q --no-deps --no-build-isolation -e .",
    }
    dockerfile = (REPO_ROOT / "Dockerfile").read_text(encoding="utf-8")
    installs = re.findall(r"pip install ([^&\n]+)", dockerfile)
    assert [i.strip() for i in installs] == [
        "--require-hashes -r requirements/runtime.lock",
        "--no-deps --no-build-isolation -e .",
    ]
    # `make test` runs the audit
    test_target = re.search(r"^test: (.+)$", makefile, re.M)
    assert test_target and "audit" in test_target.group(1).split()


# -- the audit -------------------------------------------------------------------------------


def test_the_ignore_file_is_valid_and_reviewed(audit: Any) -> None:
    entries = audit.read_ignores(IGNORE_FILE, dt.date.today())
    assert all(entry.reason.strip() for entry in entries)


def test_an_exception_without_a_reason_or_a_date_is_refused(audit: Any, tmp_path: Path) -> None:
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("# header\nPYSEC-2026-1  2026-11-01  no fix; the code path is unused\n")
    (entry,) = audit.read_ignores(ignore, TODAY)
    assert (entry.vuln_id, entry.reviewed) == ("PYSEC-2026-1", dt.date(2026, 11, 1))
    ignore.write_text("PYSEC-2026-1  2026-11-01\n")
    with pytest.raises(ValueError, match=r"ignore\.txt:1: expected 'ID REVIEWED-DATE REASON'"):
        audit.read_ignores(ignore, TODAY)
    ignore.write_text("PYSEC-2026-1  yesterday  reason\n")
    with pytest.raises(ValueError, match="not a YYYY-MM-DD date"):
        audit.read_ignores(ignore, TODAY)


def test_an_exception_reviewed_too_long_ago_is_refused(audit: Any, tmp_path: Path) -> None:
    ignore = tmp_path / "ignore.txt"
    ignore.write_text("GHSA-xxxx-yyyy-zzzz  2026-01-02  reviewed long ago\n")
    with pytest.raises(ValueError, match=r"reviewed on 2026-01-02, more than 180 days ago"):
        audit.read_ignores(ignore, TODAY)


def test_read_pins_reads_every_pin_of_the_lock(
    audit: Any, dev_pins: dict[str, tuple[str, list[str]]]
) -> None:
    pins = audit.read_pins(DEV_LOCK)
    assert {canonicalize_name(n): v for n, v in pins.items()} == {
        n: v for n, (v, _h) in dev_pins.items()
    }


def _project(newest: str, *vulns: dict[str, Any]) -> dict[str, Any]:
    """The shape of PyPI's project JSON (/pypi/NAME/json): vulnerabilities of the newest release."""
    return {"info": {"version": newest}, "vulnerabilities": list(vulns)}


OPEN = {"id": "PYSEC-2026-1", "aliases": ["CVE-2026-1"], "fixed_in": [], "withdrawn": None}
FIXED = {"id": "PYSEC-2026-2", "aliases": ["GHSA-aaaa"], "fixed_in": ["2.1"], "withdrawn": None}
WITHDRAWN = {**FIXED, "id": "PYSEC-2026-3", "withdrawn": "2026-10-01T00:00:00Z"}


def test_a_vulnerable_newest_pin_is_reported_unless_ignored_or_withdrawn(audit: Any) -> None:
    finding = audit.classify("lib", "2.1", _project("2.1", OPEN, FIXED, WITHDRAWN), set())
    assert finding.audited
    assert [v.split()[0] for v in finding.vulns] == ["PYSEC-2026-1", "PYSEC-2026-2"]
    # an alias in the ignore file ignores it
    finding = audit.classify("lib", "2.1", _project("2.1", OPEN, FIXED), {"CVE-2026-1"})
    assert [v.split()[0] for v in finding.vulns] == ["PYSEC-2026-2"]
    assert not audit.classify("lib", "2.1.0", _project("2.1"), set()).vulns


def test_an_older_pin_is_not_audited_but_an_unfixed_vulnerability_still_counts(
    audit: Any,
) -> None:
    fixed_only = audit.classify("lib", "1.0", _project("2.1", FIXED), set())
    assert not fixed_only.audited and not fixed_only.vulns
    assert fixed_only.newest == "2.1"
    still_open = audit.classify("lib", "1.0", _project("2.1", OPEN), set())
    assert [v.split()[0] for v in still_open.vulns] == ["PYSEC-2026-1"]
