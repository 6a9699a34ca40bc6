from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import ca_sema
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.fixture(scope="module")
def ca(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in ca_sema.load(shared_lists_dir / "ca_sema").records}


def test_counts(ca: dict[str, EntityRecord]) -> None:
    # 4,759 `record` elements, 1,425 with EntityOrShip (PROVENANCE); every record has its own
    # Country|Schedule|Item id; Russia 2,426.
    assert len(ca) == 4_759
    assert sum(r.kind != "person" for r in ca.values()) == 1_425
    assert sum(r.programs == ["Russia"] for r in ca.values()) == 2_426


def test_person(ca: dict[str, EntityRecord]) -> None:
    r = ca["Belarus|1, Part 1|2"]
    assert (r.name, r.kind, r.dates_of_birth) == ("Dmitry Vladimirovich Balaba", "person", ["1972"])
    assert r.programs == ["Belarus"]


def test_aliases_split(ca: dict[str, EntityRecord]) -> None:
    r = ca["Belarus|1, Part 1|99"]
    assert r.aliases[:2] == [
        Alias("Ruslan Khikmetavich MASHADZEOU"),
        Alias("Ruslan Chikmetovič MAŠADZEV"),
    ]
    assert Alias("Руслан Хикметович МАШАДИЕВ", "original_script") in r.aliases


def test_vessel(ca: dict[str, EntityRecord]) -> None:
    r = ca["Russia|1.1|1"]
    assert (r.name, r.kind) == ("Balitiyskiy III", "vessel")
    assert r.identifiers == [IdentifierRecord("imo", "7612448")]
    assert r.dates_of_birth == []  # a ship's build date is not a date of birth


def test_record_without_item(tmp_path: Path) -> None:
    (tmp_path / "sema-lmes.xml").write_text(
        "<data-set><record><Country>Iran</Country><Item>1</Item><LastName>A</LastName></record>"
        "<record><Country>Iran</Country><LastName>B</LastName></record></data-set>"
    )
    with pytest.raises(ListFormatError) as err:
        ca_sema.load(tmp_path)
    assert err.value.path.endswith("sema-lmes.xml")
    assert err.value.location == "element <record> #2"
