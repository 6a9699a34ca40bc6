from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import eu_fsf
from screening.lists.model import Alias, IdentifierRecord


def test_fixture(fixtures_dir: Path) -> None:
    loaded = eu_fsf.load(fixtures_dir / "eu_fsf")
    assert loaded.published == {"20250101-FULL-1_1.xml": "2025-01-01"}
    person, bank, third = loaded.records  # three sanctionEntity elements
    assert (person.entity_id, person.kind, person.name) == (
        "1001",
        "person",
        "Ivan Petrovich TESTOV",
    )
    assert person.aliases == [
        Alias("Vanya Testoff", "weak_aka", "weak"),
        Alias("Иван Петрович ТЕСТОВ", "original_script"),
    ]
    assert (person.countries, person.dates_of_birth) == (["RU"], ["1970-05-17"])
    assert person.identifiers == [IdentifierRecord("passport", "7512345678")]
    assert person.programs == ["RUS"]
    assert person.remarks == "Member of the board of Test Bank."
    assert (bank.kind, bank.name, bank.countries) == (
        "organization",
        "Joint Stock Company Test Bank",
        ["RU"],
    )
    assert bank.identifiers == [IdentifierRecord("registration", "1027700000000")]
    assert (third.name, third.dates_of_birth) == ("Abu EXAMPLE", ["1965"])


def test_entity_without_logical_id(tmp_path: Path) -> None:
    (tmp_path / "fsf.xml").write_text(
        '<export><sanctionEntity logicalId="1"><nameAlias wholeName="A"/></sanctionEntity>'
        '<sanctionEntity><nameAlias wholeName="B"/></sanctionEntity></export>'
    )
    with pytest.raises(ListFormatError) as err:
        eu_fsf.load(tmp_path)
    assert err.value.path.endswith("fsf.xml")
    assert err.value.location == "element <sanctionEntity> #2"
