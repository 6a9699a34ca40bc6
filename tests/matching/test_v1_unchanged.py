"""`name-match-v1` stays selectable and gives exactly the results it gave before v2 existed.

`fixtures/v1-results.json` was recorded by `fixtures/make_v1_results.py` on the code of commit
68daa47 (before `name-match-v2`); every hit (entity, score, action, matched name, explanation)
must come back the same on the same lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from screening.events import Party
from screening.lists.build import from_folder
from screening.matching import MATCHERS, Matcher
from screening.runtime import match_config
from screening.settings import load_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(FIXTURES))

from make_v1_results import results  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def recorded() -> dict[str, object]:
    data: dict[str, object] = json.loads((FIXTURES / "v1-results.json").read_text("utf-8"))
    return data


def test_v1_is_selectable_by_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_MATCHER", "name-match-v1")
    config = match_config(load_settings())
    assert config.name == "name-match-v1"
    assert config.flag_threshold == MATCHERS["name-match-v1"].flag_threshold


@pytest.fixture(scope="module")
def v1(shared_lists_dir: Path, recorded: dict[str, object]) -> Matcher:
    snapshot = from_folder(shared_lists_dir)
    if snapshot.version != recorded["lists"]:
        pytest.fail(f"lists changed ({snapshot.version}): re-record on the original code")
    return Matcher(snapshot.entities, MATCHERS["name-match-v1"])


def test_v1_results_unchanged(v1: Matcher, recorded: dict[str, object]) -> None:
    matcher = v1
    expected = recorded["results"]
    assert isinstance(expected, list)
    got = results(matcher, [row["query"] for row in expected])
    changed = [
        (e["query"], e["hits"], g["hits"]) for e, g in zip(expected, got, strict=True) if e != g
    ]
    assert not changed, f"{len(changed)} of {len(expected)} names changed, first: {changed[:3]}"


def test_no_pinned_name_reaches_v1s_work_bound(v1: Matcher, recorded: dict[str, object]) -> None:
    """The work bounds came after v1 (`limits.V1_LIMITS`): they must leave every pinned result
    as it was, the heaviest ("al" ten times) included, so none of them may reach a bound."""
    rows = recorded["results"]
    assert isinstance(rows, list)
    limited = [
        row["query"]
        for row in rows
        if v1.screen(Party(0, "other", row["query"], "unknown", None, None, ())).limit
    ]
    assert limited == []
