from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import uk_ofsi
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.fixture(scope="module")
def uk(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in uk_ofsi.load(shared_lists_dir / "uk_ofsi").records}


def test_counts(uk: dict[str, EntityRecord]) -> None:
    # 18,796 name rows, 4,686 Group IDs (PROVENANCE): 3,662 Individual, 1,009 Entity, 15 Ship
    assert len(uk) == 4_686
    kinds = [r.kind for r in uk.values()]
    assert (kinds.count("person"), kinds.count("organization"), kinds.count("vessel")) == (
        3_662,
        1_009,
        15,
    )


def test_primary_name_row_wins(uk: dict[str, EntityRecord]) -> None:
    r = uk["15672"]  # the group's first rows are "Primary name variation", then "Primary name"
    assert r.name == "Mian Abdul HAQ"
    assert Alias("Mian MITHOO", "primary_variation") in r.aliases
    assert (r.countries, r.programs) == (["PK"], ["Global Human Rights"])


def test_individual_with_documents(uk: dict[str, EntityRecord]) -> None:
    r = uk["13127"]
    assert r.name == "AZZAM ABDULLAH ZUREIK AL-MAULID AL-SUBHI"
    assert r.dates_of_birth == ["1976-04-12"]
    assert r.countries == ["SA"]
    assert r.identifiers == [
        IdentifierRecord("passport", "C389664"),
        IdentifierRecord("national_id", "1024026187"),
    ]


def test_ship_imo_from_other_information(uk: dict[str, EntityRecord]) -> None:
    r = uk["13651"]  # "(IMO number):7408873"
    assert (r.name, r.kind) == ("SAM JONG 2", "vessel")
    assert IdentifierRecord("imo", "7408873") in r.identifiers


def test_published_date(shared_lists_dir: Path) -> None:
    loaded = uk_ofsi.load(shared_lists_dir / "uk_ofsi")
    assert loaded.published == {"ConList.xlsx": "2025-04-10"}  # cell B1 10/04/2025


def test_csv_variant(tmp_path: Path) -> None:
    header = "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,DOB,Nationality,Group Type,Alias Type,"
    header += "Alias Quality,Regime,Group ID"
    (tmp_path / "ConList.csv").write_text(
        "Last Updated,10/04/2025\n"
        f"{header}\n"
        "PETROV,Ivan,,,,,00/05/1970,(1) Russia (2) Ukraine,Individual,AKA,Low quality,Russia,1\n"
        "PETROV,Ivan,Ivanovich,,,,00/05/1970,Russia,Individual,Primary name,,Russia,1\n"
    )
    loaded = uk_ofsi.load(tmp_path)
    (r,) = loaded.records
    assert (r.entity_id, r.name, r.kind) == ("1", "Ivan Ivanovich PETROV", "person")
    assert r.aliases == [Alias("Ivan PETROV", "weak_aka", "weak")]
    assert (r.dates_of_birth, r.countries) == (["1970-05"], ["RU", "UA"])
    assert loaded.published == {"ConList.csv": "2025-04-10"}


def test_missing_column(tmp_path: Path) -> None:
    (tmp_path / "ConList.csv").write_text("Last Updated,10/04/2025\nName 6,Group ID\nX,1\n")
    with pytest.raises(ListFormatError) as err:
        uk_ofsi.load(tmp_path)
    assert err.value.path.endswith("ConList.csv")
    assert err.value.location == "line 2"


def test_empty_group_id(tmp_path: Path) -> None:
    (tmp_path / "ConList.csv").write_text(
        "Name 6,Group ID,Group Type,Alias Type,Regime\nA,1,Entity,Primary name,R\nB,,Entity,AKA,R\n"
    )
    with pytest.raises(ListFormatError, match=r"line 3: empty Group ID"):
        uk_ofsi.load(tmp_path)


def test_broken_workbook(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "ConList.xlsx", "w") as book:
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>")
    with pytest.raises(ListFormatError) as err:
        uk_ofsi.load(tmp_path)
    assert err.value.path.endswith("ConList.xlsx")
