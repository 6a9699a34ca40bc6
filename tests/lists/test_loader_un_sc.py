from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import un_sc
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.fixture(scope="module")
def un(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in un_sc.load(shared_lists_dir / "un_sc").records}


def test_counts(un: dict[str, EntityRecord]) -> None:
    # 730 INDIVIDUAL + 273 ENTITY = 1,003 records (PROVENANCE); Al-Qaida 341, DPRK 155
    assert len(un) == 1_003
    assert sum(r.kind == "person" for r in un.values()) == 730
    assert sum(r.list == "Al-Qaida" for r in un.values()) == 341
    assert sum(r.list == "DPRK" for r in un.values()) == 155


def test_individual(un: dict[str, EntityRecord]) -> None:
    r = un["QDi.001"]
    assert r.name == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE"
    assert (r.kind, r.list, r.countries) == ("person", "Al-Qaida", ["EG"])
    assert r.dates_of_birth == ["1963-04-11", "1960-04-11"]
    assert Alias("Sayf-Al Adl", "aka", "strong") in r.aliases
    assert Alias("Seif al Adel", "weak_aka", "weak") in r.aliases  # QUALITY Low
    assert Alias("محمد صلاح الدين عبدالحليم زيدان", "original_script") in r.aliases


def test_document_and_year_of_birth(un: dict[str, EntityRecord]) -> None:
    r = un["IQi.025"]
    assert (r.name, r.countries, r.dates_of_birth) == ("TARIQ AZIZ", ["IQ"], ["1936-07-01"])
    assert r.identifiers == [IdentifierRecord("passport", "No34409/129")]
    badege = un["CDi.001"]  # EXACT with YEAR only; nationality DRC, address Rwanda
    assert (badege.dates_of_birth, badege.countries) == (["1971"], ["CD", "RW"])


def test_published_date(shared_lists_dir: Path) -> None:
    loaded = un_sc.load(shared_lists_dir / "un_sc")
    assert loaded.published == {"consolidated.xml": "2026-02-27"}


def test_truncated_xml(tmp_path: Path) -> None:
    (tmp_path / "consolidated.xml").write_text("<CONSOLIDATED_LIST><INDIVIDUALS>\n<INDIVIDUAL>\n")
    with pytest.raises(ListFormatError) as err:
        un_sc.load(tmp_path)
    assert err.value.path.endswith("consolidated.xml")
    assert err.value.location.startswith("line ")


def test_missing_reference_number(tmp_path: Path) -> None:
    (tmp_path / "consolidated.xml").write_text(
        "<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>X CORP</FIRST_NAME></ENTITY>"
        "</ENTITIES></CONSOLIDATED_LIST>"
    )
    with pytest.raises(ListFormatError, match=r"element <ENTITY> #1"):
        un_sc.load(tmp_path)
