"""HS 2017 codes under policy 1.1.0: each changed subheading maps to its HS 2022 successors, and
where they fall into different categories the strictest applies and the reasons say so."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest
from installed_policies import BEFORE, event, v1_0, v1_1

from screening.paths import POLICY_DIR

BUNDLE = POLICY_DIR / "1.1.0"


def correlation() -> dict[str, list[str]]:
    table: dict[str, list[str]] = defaultdict(list)
    with (BUNDLE / "hs2017-hs2022.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table[row["hs2017"]].append(row["hs2022"])
    return dict(table)


def strategic_or_critical(code: str) -> bool:
    """Is the HS 2017 code under a strategic or critical row, or do its successors fall there?"""
    policy = v1_1()
    codes = [code, *correlation()[code]]
    rows = [policy._longest_prefix(c) for c in codes]
    return any(r is not None and r.category != "other" for r in rows)


CHANGED = sorted(c for c in correlation() if strategic_or_critical(c))


def test_the_table_covers_the_changed_strategic_and_critical_subheadings() -> None:
    assert len(CHANGED) >= 25
    for must in ("854140", "854150", "880330", "8803", "852580", "854890", "284440", "401511"):
        assert must in CHANGED


def test_the_table_agrees_with_the_hs_2022_nomenclature(shared_data_dir: Path) -> None:
    """A moved or split HS 2017 code no longer exists in HS 2022; every successor does."""
    with (shared_data_dir / "hs" / "harmonized-system.csv").open(encoding="utf-8") as f:
        hs2022 = {r["hscode"] for r in csv.DictReader(f)}
    with (BUNDLE / "hs2017-hs2022.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        assert row["hs2022"] in hs2022, row
        if row["relation"] in ("moved", "split") and len(row["hs2017"]) == 6:
            assert row["hs2017"] not in hs2022, row
        if row["relation"] == "partial":
            assert row["hs2017"] in hs2022, row  # the code lives on with a narrower scope
    assert {r["verified"] for r in rows} <= {"notes", "page", "hs-data", "no"}


@pytest.mark.parametrize("code", CHANGED)
def test_each_changed_subheading_maps_as_the_table_says(code: str) -> None:
    policy = v1_1()
    successors = tuple(correlation()[code])
    c = policy.classify(code, None, "US", "CN", hs_edition="HS2017")
    assert c.hs2022_codes == successors and c.hs_edition == "HS2017"
    categories = {(policy._longest_prefix(t) or None) for t in successors}
    ranked = [r.category if r is not None else policy.spec.default_category for r in categories]
    strictest = max(ranked, key=["other", "critical", "strategic"].index)
    assert c.category == strictest
    assert "HS2017_CORRELATED" in c.reasons or c.action == "allow"
    split = len(set(ranked)) > 1
    assert ("HS2017_SPLIT_STRICTEST" in c.reasons) == (split and c.action != "allow")


def test_a_split_into_different_categories_takes_the_strictest_and_says_so() -> None:
    # 8541.40 (HS 2017) became LEDs and PV cells (critical) and other photosensitive devices
    # (8541.49, CHPL, strategic): to CN the line blocks, and the reasons name the split.
    c = v1_1().classify("8541.40.00", None, "DE", "CN")
    assert c.hs_edition == "HS2017" and c.hs_edition_inferred
    assert c.hs2022_codes == ("854141", "854142", "854143", "854149")
    assert (c.category, c.row.prefix if c.row else None, c.action) == (
        "strategic",
        "854149",
        "block",
    )
    assert {"HS2017_CORRELATED", "HS2017_SPLIT_STRICTEST", "CHPL"} <= set(c.reasons)
    # Under 1.0.0 the same code only reached the critical 8541 parent (the gap the notes name).
    old = v1_0().classify("8541.40.00", None, "DE", "CN")
    assert (old.category, old.action) == ("critical", "flag")


def test_8529_90_declared_hs2017_includes_display_modules_but_stays_strategic() -> None:
    c = v1_1().classify("852990", None, "US", "CN", hs_edition="HS 2017")
    assert c.category == "strategic" and "HS2017_SPLIT_STRICTEST" in c.reasons
    # Declared HS 2022 (or nothing): the code exists in HS 2022 and is read as it is.
    for edition in ("HS2022", None):
        plain = v1_1().classify("852990", None, "US", "CN", hs_edition=edition)
        assert plain.hs2022_codes is None and "HS2017_CORRELATED" not in plain.reasons


def test_aircraft_parts_move_from_8803_to_8807_and_gain_the_chpl_reason() -> None:
    c = v1_1().classify("8803.30.0030", None, "US", "RU")
    assert c.hs2022_codes == ("880730",) and c.row is not None and c.row.prefix == "880730"
    assert {"CHPL", "HS2017_CORRELATED"} <= set(c.reasons) and c.action == "block"
    assert "HS2017_SPLIT_STRICTEST" not in c.reasons
    heading = v1_1().classify("8803", None, "US", "RU", hs_edition="HS2017")
    assert heading.hs2022_codes == ("8807",) and heading.action == "block"


def test_surgical_gloves_of_hs_2017_stay_critical() -> None:
    c = v1_1().classify("401511", None, "CN", "US")
    assert (c.hs2022_codes, c.category, c.action) == (("401512",), "critical", "flag")


def test_an_unchanged_code_is_the_same_in_both_editions() -> None:
    for edition in ("HS2017", "HS2022", None):
        c = v1_1().classify("854231", None, "US", "CN", hs_edition=edition)
        assert c.hs2022_codes is None and c.row is not None and c.row.prefix == "854231"


def test_an_unreadable_edition_is_flagged_not_dropped() -> None:
    c = v1_1().classify("940161", None, "DE", "FR", hs_edition="HS1996")
    assert (c.action, c.reasons) == ("flag", ("HS_EDITION_UNKNOWN",))
    c = v1_1().classify("940161", None, "DE", "FR", hs_edition="2017")
    assert c.action == "allow"


def test_hs_edition_on_the_goods_line_reaches_the_rule() -> None:
    line = {"hs_code": "852990", "hs_edition": "HS2017", "value": 10, "currency": "USD"}
    (rule,) = v1_1().evaluate(event([line], origin="US", destination="CN"))
    assert rule.hs_edition == "HS2017" and rule.hs2022_codes is not None
    assert "852990" in rule.hs2022_codes and "852411" in rule.hs2022_codes
    # 1.0.0 has no correlation: the field is read but changes nothing.
    (old,) = v1_0().evaluate(event([line], origin="US", destination="CN", occurred_at=BEFORE))
    assert old.hs_edition is None and old.hs2022_codes is None
