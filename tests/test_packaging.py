"""Runs from a wheel: schemas, the bundled policy and the sample list are package data.

The wheel is built from a copy of the checkout (so the build leaves nothing in it), installed
with `pip install --no-deps --target` (the dependencies come from this venv), and run from a
folder outside the checkout, where `screening` can only be the installed copy.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from screening.paths import REPO_ROOT, SAMPLE_EVENTS

IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "build", "*.egg-info", "__pycache__", ".*_cache", "out", "libs", "results"
)


@pytest.mark.slow
def test_screen_runs_from_an_installed_wheel(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(REPO_ROOT, source, symlinks=True, ignore=IGNORE)
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("screening-*.whl")
    target = tmp_path / "site"
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)], check=True)
    shutil.rmtree(source)  # nothing may come from a checkout now

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    events = workdir / "events.jsonl"
    shutil.copy(SAMPLE_EVENTS, events)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SCREENING_")},
        "PYTHONPATH": str(target),
    }
    show = "import screening.paths as p; print(p.EVENT_SCHEMA, p.BUNDLED_LISTS, p.POLICY_DIR)"
    where = subprocess.run(
        [sys.executable, "-c", show],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(target) and Path(p).exists() for p in where), where
    run = subprocess.run(
        [sys.executable, "-m", "screening.cli", "screen", "events.jsonl", "-o", "out.jsonl"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode in (0, 1), run.stderr
    decisions = [json.loads(line) for line in (workdir / "out.jsonl").read_text().splitlines()]
    errors = (workdir / "out.jsonl.errors").read_text().splitlines()
    lines = [line for line in SAMPLE_EVENTS.read_text().splitlines() if line.strip()]
    assert len(decisions) + len(errors) == len(lines)
    assert {d["decision"] for d in decisions} >= {"allow", "flag", "block"}
