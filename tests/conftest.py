"""Shared fixtures. Real list files come from `SCREENING_TEST_LISTS` (default ../shared/data/lists).

A missing lists folder fails the tests that need it: it never skips them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from screening.paths import REPO_ROOT

# A test location, not package data: the real lists beside the checkout.
SHARED_LISTS = REPO_ROOT.parent / "shared" / "data" / "lists"


@pytest.fixture(scope="session")
def shared_lists_dir() -> Path:
    path = Path(os.environ.get("SCREENING_TEST_LISTS", SHARED_LISTS))
    if not path.is_dir():
        pytest.fail(f"real list snapshots not found at {path}: set SCREENING_TEST_LISTS")
    return path


@pytest.fixture(scope="session")
def shared_data_dir(shared_lists_dir: Path) -> Path:
    """../shared/data: holds snapshots/ and formats/ beside lists/."""
    return shared_lists_dir.parent
