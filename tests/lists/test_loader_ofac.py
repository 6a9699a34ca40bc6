from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import ofac
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.fixture(scope="module")
def sdn(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in ofac.load_sdn(shared_lists_dir / "us_ofac_sdn").records}


@pytest.fixture(scope="module")
def cons(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in ofac.load_cons(shared_lists_dir / "us_ofac_cons").records}


def test_sdn_counts(sdn: dict[str, EntityRecord]) -> None:
    # 13,821 rows in sdn.csv = PROVENANCE count: 6,646 individual, 6,033 entity, 764 vessel,
    # 378 aircraft, 75 programme codes. The trailing 0x1A must not add a row.
    assert len(sdn) == 13_821
    kinds = [r.kind for r in sdn.values()]
    assert kinds.count("person") == 6_646
    assert kinds.count("organization") == 6_033
    assert kinds.count("vessel") == 764
    assert kinds.count("aircraft") == 378
    assert len({p for r in sdn.values() for p in r.programs}) == 75


def test_sdn_organization(sdn: dict[str, EntityRecord]) -> None:
    r = sdn["36"]
    assert (r.name, r.kind, r.programs) == ("AEROCARIBBEAN AIRLINES", "organization", ["CUBA"])
    assert r.aliases == [Alias("AERO-CARIBBEAN", "aka", "strong")]
    assert r.countries == ["CU"]  # add.csv: Havana, Cuba
    assert r.remarks is None
    # weak alias from Remarks "a.k.a. 'BNC'." next to the strong one from alt.csv
    assert sdn["306"].aliases == [
        Alias("NATIONAL BANK OF CUBA", "aka", "strong"),
        Alias("BNC", "weak_aka", "weak"),
    ]


def test_sdn_individual_dob_passport(sdn: dict[str, EntityRecord]) -> None:
    r = sdn["2676"]  # DOB 19 Jun 1951; Passport 1084010 (Egypt); alt. Passport 19820215
    assert (r.name, r.kind, r.programs) == ("AL ZAWAHIRI, Dr. Ayman", "person", ["SDGT"])
    assert r.dates_of_birth == ["1951-06-19"]
    assert r.identifiers == [
        IdentifierRecord("passport", "1084010"),
        IdentifierRecord("passport", "19820215"),
    ]
    assert Alias("AL-ZAWAHIRI, Ayman") in r.aliases
    assert sdn["7831"].dates_of_birth == ["1971-01-21", "1971-01-19", "1975-01-29"]


def test_sdn_vessel_imo(sdn: dict[str, EntityRecord]) -> None:
    r = sdn["4243"]  # "Vessel Registration Identification IMO 7406784; f.k.a. 'ANA I'; ..."
    assert (r.name, r.kind) == ("EBANO", "vessel")
    assert r.identifiers == [IdentifierRecord("imo", "7406784")]
    assert [a.name for a in r.aliases] == ["ANA I", "SAND SWAN"]
    assert {a.quality for a in r.aliases} == {"weak"}


def test_cons_counts_and_comment_continuation(cons: dict[str, EntityRecord]) -> None:
    # 442 rows in cons_prim.csv = PROVENANCE (79 individual, 363 entity)
    assert len(cons) == 442
    assert sum(r.kind == "person" for r in cons.values()) == 79
    r = cons["17016"]  # Remarks cut at 1000 chars; cons_comments.csv holds the rest
    assert r.name == "GAZPROMBANK JOINT STOCK COMPANY"
    assert IdentifierRecord("registration", "1027700167110") in r.identifiers
    assert IdentifierRecord("swift", "GAZPRUMM") in r.identifiers
    assert r.countries[0] == "RU"


def test_classic_xml_gives_the_same_records(
    shared_data_dir: Path, cons: dict[str, EntityRecord]
) -> None:
    loaded = ofac.load_xml(
        shared_data_dir / "formats/us_ofac_cons/consolidated.xml", "us_ofac_cons"
    )
    xml = {r.entity_id: r for r in loaded.records}
    assert len(xml) == 443  # <Record_Count>443</Record_Count>
    assert loaded.published == {"consolidated.xml": "2025-03-28"}
    a, b = cons["9639"], xml["9639"]
    assert (b.name, b.kind, b.dates_of_birth, b.programs) == (
        "HANIYA, Ismail Abdul Salah",
        "person",
        ["1962"],
        ["NS-PLC"],
    )
    assert b.aliases == a.aliases


def test_xml_folder_is_accepted(tmp_path: Path, shared_data_dir: Path) -> None:
    shutil.copy(shared_data_dir / "formats/us_ofac_cons/consolidated.xml", tmp_path)
    assert len(ofac.load_cons(tmp_path).records) == 443


def test_wrong_column_count_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(
        b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
        b'173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n\x1a'
    )
    with pytest.raises(ListFormatError) as err:
        ofac.load_sdn(tmp_path)
    assert err.value.path.endswith("sdn.csv")
    assert err.value.location == "line 2"


def test_broken_xml_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "SDN.XML").write_text("<sdnList>\n<sdnEntry><uid>1</uid>\n</sdnList>\n")
    with pytest.raises(ListFormatError) as err:
        ofac.load_sdn(tmp_path)
    assert err.value.path.endswith("SDN.XML")
    assert err.value.location == "line 3"


def test_xml_entry_without_uid(tmp_path: Path) -> None:
    (tmp_path / "SDN.XML").write_text(
        "<sdnList><sdnEntry><uid>1</uid><lastName>A</lastName></sdnEntry>"
        "<sdnEntry><lastName>B</lastName></sdnEntry></sdnList>"
    )
    with pytest.raises(ListFormatError, match=r"element <sdnEntry> #2"):
        ofac.load_sdn(tmp_path)


def test_remarks_date_range_and_flag_state_number(sdn: dict[str, EntityRecord]) -> None:
    assert sdn["17166"].dates_of_birth == ["1973"]  # "DOB 01 Jan 1973 to 31 Dec 1973"
    # "Vessel Registration Identification 15411 (Malta)" is no IMO number
    assert sdn["23424"].identifiers == [IdentifierRecord("registration", "15411")]
