"""`make audit`: the locked Python dependencies against known vulnerabilities (part of `make test`).

pip-audit checks every pin of the lock (`-r LOCK --require-hashes --disable-pip`: the pins as
locked, no resolver, no venv) against PyPI's vulnerability data (per release, from the PyPA
advisory database / OSV). `--strict` turns a pin that could not be looked up into a failure:
without it pip-audit reports "Dependency not found on PyPI" as skipped and passes, which on a
network that cuts the lookup off would pass every run without auditing anything.

When the per-release service cannot be reached (this workplace's network reaches PyPI's project
pages but answers 404 for /pypi/NAME/VERSION/json, and OSV is not reachable at all), the audit
does what this network allows, and says so loudly: PyPI's project JSON lists the vulnerabilities
of each project's newest release, so every pin that IS the newest release is audited for real,
and a vulnerability that the newest release still has (no fix) is reported for older pins too;
the other older pins are listed as not audited. `--require-service` makes an unreachable service
an error instead (for a network that reaches it: `make test AUDIT_ARGS=--require-service`).
Failing by default would leave `make test` red on every machine of this project, CI included,
and a gate that is always red gets switched off; a partial audit that names its gaps does not.

Known vulnerabilities that cannot be fixed by a bump are listed in the ignore file, one per line:
`ID  REVIEWED-DATE  REASON` (the id or one of its aliases; a review older than REVIEW_DAYS fails).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

PYPI = "https://pypi.org/pypi"
REVIEW_DAYS = 180
TIMEOUT = 30.0
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


@dataclass(frozen=True)
class Ignored:
    vuln_id: str
    reviewed: dt.date
    reason: str


@dataclass(frozen=True)
class Finding:
    """One pin's result in the fallback: `vulns` found, or `newest` when it is an older pin."""

    name: str
    version: str
    newest: str
    vulns: tuple[str, ...] = ()

    @property
    def audited(self) -> bool:
        return _same_version(self.version, self.newest)


def read_ignores(path: Path, today: dt.date) -> list[Ignored]:
    """The reviewed exceptions; a line without a date or a reason, or a stale review, is refused."""
    if not path.is_file():
        return []
    entries: list[Ignored] = []
    problems: list[str] = []
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 3:
            problems.append(f"{path.name}:{number}: expected 'ID REVIEWED-DATE REASON'")
            continue
        vuln_id, date_text, reason = parts
        try:
            reviewed = dt.date.fromisoformat(date_text)
        except ValueError:
            problems.append(f"{path.name}:{number}: {date_text!r} is not a YYYY-MM-DD date")
            continue
        if (today - reviewed).days > REVIEW_DAYS:
            problems.append(
                f"{path.name}:{number}: {vuln_id} was reviewed on {reviewed}, more than "
                f"{REVIEW_DAYS} days ago: check whether a fix exists and review it again"
            )
        entries.append(Ignored(vuln_id, reviewed, reason))
    if problems:
        raise ValueError("\n".join(problems))
    return entries


def read_pins(lock: Path) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) for m in PIN.finditer(lock.read_text())}


def classify(name: str, version: str, project: Mapping[str, Any], ignored: set[str]) -> Finding:
    """One pin against PyPI's project JSON, whose `vulnerabilities` are the newest release's.

    A pin that is the newest release gets all of them; an older pin only those without a fix
    (still open in the newest release, so most likely in the older one too).
    """
    newest = str(project["info"]["version"])
    found: list[str] = []
    for vuln in project.get("vulnerabilities") or []:
        if vuln.get("withdrawn"):
            continue
        ids = {vuln["id"], *vuln.get("aliases", [])}
        if ids & ignored:
            continue
        if _same_version(version, newest) or not vuln.get("fixed_in"):
            found.append(f"{vuln['id']} (fixed in: {', '.join(vuln.get('fixed_in') or ['-'])})")
    return Finding(name, version, newest, tuple(found))


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def _get_json(url: str, attempts: int = 3) -> Any:
    """GET and parse; a network hiccup is retried (an HTTP error answer is not)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    for attempt in range(1, attempts + 1):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return json.load(response)
        except urllib.error.HTTPError:
            raise
        except OSError:
            if attempt == attempts:
                raise
            time.sleep(attempt)
    raise AssertionError("unreachable")


def service_problem(name: str, version: str) -> str | None:
    """Why pip-audit's service cannot answer for a pin that exists on PyPI, or None."""
    url = f"{PYPI}/{name}/{version}/json"
    try:
        document = _get_json(url)
    except urllib.error.HTTPError as error:
        return f"{url} answered HTTP {error.code}"
    except (OSError, ValueError) as error:
        return f"{url} could not be read: {error}"
    if not isinstance(document, dict) or "vulnerabilities" not in document:
        return f"{url} has no vulnerability data"
    return None


def run_pip_audit(lock: Path, ignores: Sequence[Ignored]) -> int:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--requirement",
        str(lock),
        "--require-hashes",
        "--disable-pip",
        "--strict",
        "--progress-spinner",
        "off",
        "--desc",
        "on",
    ]
    for entry in ignores:
        command += ["--ignore-vuln", entry.vuln_id]
    return subprocess.run(command, check=False).returncode


def partial_audit(pins: Mapping[str, str], ignores: Sequence[Ignored], problem: str) -> int:
    ignored = {entry.vuln_id for entry in ignores}

    def one(item: tuple[str, str]) -> Finding:
        name, version = item
        url = f"{PYPI}/{name}/json"
        try:
            return classify(name, version, _get_json(url), ignored)
        except (OSError, ValueError) as error:
            raise OSError(f"{url}: {error}") from error

    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            findings = list(pool.map(one, sorted(pins.items())))
    except (OSError, ValueError) as error:
        print(f"audit: FAILED, PyPI's project data could not be read either: {error}")
        return 2
    audited = [f for f in findings if f.audited]
    older = [f for f in findings if not f.audited]
    vulnerable = [f for f in findings if f.vulns]
    print(
        "audit: PARTIAL. pip-audit's vulnerability service cannot be reached from here\n"
        f"  ({problem}).\n"
        "  Fallback: PyPI's project JSON, which lists the vulnerabilities of each newest release."
    )
    print(f"  {len(audited)} of {len(findings)} pins are the newest release and were audited.")
    if older:
        print(
            f"  {len(older)} older pins were NOT audited (only vulnerabilities still open in the "
            "newest release are checked for them):"
        )
        for f in older:
            print(f"    {f.name} {f.version} (newest {f.newest})")
    if ignores:
        print(f"  ignored after review: {', '.join(sorted(ignored))}")
    for f in vulnerable:
        print(f"  VULNERABLE {f.name} {f.version}: {'; '.join(f.vulns)}")
    if vulnerable:
        print("audit: FAILED: bump these pins (make lock LOCK_ARGS='--upgrade-package NAME')")
        return 1
    print(
        "audit: no known vulnerability in the audited pins; run `make audit "
        "AUDIT_ARGS=--require-service` where PyPI's per-release JSON API is reachable"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lock", type=Path, required=True)
    parser.add_argument("--ignore-file", type=Path, required=True)
    parser.add_argument(
        "--require-service",
        action="store_true",
        help="fail when pip-audit's vulnerability service cannot be reached (no fallback)",
    )
    args = parser.parse_args(argv)
    try:
        ignores = read_ignores(args.ignore_file, dt.date.today())
    except ValueError as error:
        print(f"audit: FAILED, the ignore file is not valid:\n{error}")
        return 2
    pins = read_pins(args.lock)
    if not pins:
        print(f"audit: FAILED, no pinned requirement in {args.lock}")
        return 2
    name, version = next(iter(pins.items()))
    problem = service_problem(name, version)
    if problem is None:
        return run_pip_audit(args.lock, ignores)
    if args.require_service:
        print(f"audit: FAILED, pip-audit's vulnerability service cannot be reached: {problem}")
        return 2
    return partial_audit(pins, ignores, problem)


if __name__ == "__main__":
    sys.exit(main())
