from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import opensanctions
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.fixture(scope="module")
def osd(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in opensanctions.load(shared_lists_dir / "opensanctions").records}


def test_counts(osd: dict[str, EntityRecord]) -> None:
    # ua_war_sanctions: 5,600 rows; eu_fsf_sample: 7 entities of which 6 targets (1 Address)
    assert len(osd) == 5_600 + 6
    assert sum(r.list == "eu_fsf" for r in osd.values()) == 6


def test_vessel_from_simple_csv(osd: dict[str, EntityRecord]) -> None:
    r = osd["NK-24cf2zYe7LEKhr2zFck73j"]
    assert (r.name, r.kind, r.list) == ("ROSALIN", "vessel", "Ukraine War and Sanctions")
    assert [a.name for a in r.aliases] == ["Ceram Sea", "Gold Sun", "Nurkez"]
    assert r.countries == ["LR", "PA", "SG", "ST"]
    assert r.identifiers == [IdentifierRecord("imo", "9253325")]
    assert r.programs == ["UA-WS-MARE"]


def test_person_from_ftm(osd: dict[str, EntityRecord]) -> None:
    r = osd["NK-2Ka3UvopqbpZmVDFjWd4LA"]
    assert (r.name, r.kind, r.countries) == ("Vitaly Yurievich KUZMENKO", "person", ["RU"])
    assert r.dates_of_birth == ["1971-01-22"]
    assert Alias("Виталий Юрьевич КУЗЬМЕНКО", "original_script") in r.aliases
    assert r.identifiers == [IdentifierRecord("tax_id", "366510784303")]


def test_bad_json_line(tmp_path: Path) -> None:
    (tmp_path / "entities.ftm.json").write_text(
        '{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n{"id": "b", \n'
    )
    with pytest.raises(ListFormatError) as err:
        opensanctions.load(tmp_path)
    assert err.value.path.endswith("entities.ftm.json")
    assert err.value.location == "line 2"
