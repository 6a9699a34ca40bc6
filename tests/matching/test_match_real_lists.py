"""The matcher on the real OFAC SDN list (one source keeps it quick)."""

from __future__ import annotations

from pathlib import Path

import pytest
from matching_helpers import party

from screening.lists.snapshot import ListSnapshot
from screening.matching import MATCHERS, Matcher


@pytest.fixture(scope="module")
def sdn(shared_lists_dir: Path) -> Matcher:
    snapshot = ListSnapshot.load(shared_lists_dir, only=["us_ofac_sdn"])
    return Matcher(snapshot.entities, MATCHERS["name-match-v1"])


@pytest.mark.parametrize(
    ("name", "entity_id", "action"),
    [
        ("AEROCARIBBEAN AIRLINES", "36", "block"),
        ("Usama BIN LADIN", "6365", "block"),
        ("Bin Laden, Osama", "6365", "block"),
        ("Al Qaeda", "6366", "block"),
    ],
)
def test_real_sdn_names(sdn: Matcher, name: str, entity_id: str, action: str) -> None:
    hit = sdn.screen_party(party(name))[0]
    assert (hit.list, hit.entity_id, hit.action) == ("us_ofac_sdn", entity_id, action)


def test_real_sdn_negative(sdn: Matcher) -> None:
    assert sdn.screen_party(party("Riverside Garden Centres Ltd")) == []
