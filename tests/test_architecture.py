"""The dependency direction: the import contract (import-linter, run by `make lint`) forbids the
core every adapter. import-linter refuses to name a module that does not exist, so the adapters
still to come are listed here and must join the contract as soon as they land."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

from screening.paths import REPO_ROOT

PLANNED_ADAPTERS = (
    "worker",
    "metrics",
    "replay",
    "store",
    "kafka",
    "commands",
    "cli",
    "runtime",
    "settings",
    "console",
    "rescreen",
    "allowlist_store",
    "allowlist_topic",
)


def _contract() -> dict[str, list[str]]:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (core,) = [c for c in contracts if "screening.events" in c.get("source_modules", ())]
    return dict(core)


def test_every_existing_adapter_is_forbidden_to_the_core() -> None:
    forbidden = set(_contract()["forbidden_modules"])
    present = [n for n in PLANNED_ADAPTERS if importlib.util.find_spec(f"screening.{n}")]
    assert [n for n in present if f"screening.{n}" not in forbidden] == []
    assert {"faust", "kafka", "aiokafka", "prometheus_client"} <= forbidden


def test_the_contract_holds() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint)], cwd=REPO_ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]
    assert " kept, 0 broken" in run.stdout
