"""Every registered matcher version keeps its golden scores; a moved output needs a new version."""

from __future__ import annotations

import pytest
from golden_scores import fixture_path, mismatches

from screening.matching import tolerance
from screening.matching.config import MATCHERS


@pytest.mark.parametrize("name", sorted(MATCHERS))
def test_registered_matcher_keeps_its_golden_scores(name: str) -> None:
    assert fixture_path(name).is_file(), f"no golden fixture for {name}: run golden_scores.py"
    found = mismatches(name)
    assert found == [], f"{name} outputs moved without a new registered version: " + "\n".join(
        found
    )


def test_a_perturbed_tolerance_constant_fails_the_golden_fixture(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two typos from 10 letters instead of 9: scores move, and so does the config digest."""
    before = MATCHERS["name-match-v1"].digest
    monkeypatch.setattr(tolerance, "TWO_TYPO_TOKEN", 10)
    found = mismatches("name-match-v1")
    assert MATCHERS["name-match-v1"].digest != before
    moved = [line for line in found if line.startswith("pairs:")]
    assert any("ABCDEFGZZ KLM" in line for line in moved), found


def test_a_perturbed_config_field_fails_the_golden_fixture() -> None:
    config = MATCHERS["name-match-v1"].model_copy(update={"conflict_penalty": 0.2})
    found = mismatches("name-match-v1", config)
    assert any(line.startswith("pairs:") for line in found)
