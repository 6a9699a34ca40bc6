from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import us_csl
from screening.lists.model import Alias, EntityRecord, IdentifierRecord


@pytest.fixture(scope="module")
def csl(shared_lists_dir: Path) -> dict[str, EntityRecord]:
    return {r.entity_id: r for r in us_csl.load(shared_lists_dir / "us_csl").records}


def test_counts(shared_lists_dir: Path, csl: dict[str, EntityRecord]) -> None:
    # 14,160 rows (PROVENANCE) hold 14,048 distinct `_id`s: one SDN entry can also be on
    # SSI / CAPTA with the same _id, and those rows are merged.
    with (shared_lists_dir / "us_csl/consolidated.csv").open(encoding="utf-8") as f:
        ids = [row["_id"] for row in csv.DictReader(f)]
    assert len(ids) == 14_160
    assert len(csl) == len(set(ids)) == 14_048


def test_merged_sub_lists(csl: dict[str, EntityRecord]) -> None:
    r = csl["18725"]
    assert (r.name, r.kind, r.countries) == ("BANCO VTB AFRICA SA", "organization", ["AO"])
    assert r.list == (
        "Capta List (CAP) - Treasury Department; "
        "Sectoral Sanctions Identifications List (SSI) - Treasury Department; "
        "Specially Designated Nationals (SDN) - Treasury Department"
    )
    assert r.aliases == [Alias("VTB AFRICA")]
    assert r.identifiers == [IdentifierRecord("swift", "VTBLAOLU")]


def test_individual(csl: dict[str, EntityRecord]) -> None:
    r = csl["9935"]  # ids "CA, BC166787, Passport"; dates_of_birth 1962-08-06
    assert r.kind == "person"
    assert r.dates_of_birth == ["1962-08-06"]
    assert r.identifiers == [IdentifierRecord("passport", "BC166787")]
    assert set(r.countries) == {"CA", "SD"}
    assert r.programs == ["SDGT"]


def test_old_layout_derives_stable_ids(tmp_path: Path, shared_data_dir: Path) -> None:
    shutil.copy(shared_data_dir / "formats/us_csl/csl.csv", tmp_path)
    first = us_csl.load(tmp_path).records
    again = us_csl.load(tmp_path).records
    assert [r.entity_id for r in first] == [r.entity_id for r in again]
    assert all(r.entity_id.startswith("sha1:") for r in first)
    # 115 rows (PROVENANCE); rows with the same source and name share one derived id
    with (tmp_path / "csl.csv").open(encoding="utf-8") as f:
        keys = {(row["source"], " ".join(row["name"].split())) for row in csv.DictReader(f)}
    assert len(first) == len(keys)


def test_wrong_column_count(tmp_path: Path, shared_lists_dir: Path) -> None:
    lines = (shared_lists_dir / "us_csl/consolidated.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "consolidated.csv").write_text("\n".join([*lines[:3], "a,b,c", *lines[3:5]]) + "\n")
    with pytest.raises(ListFormatError) as err:
        us_csl.load(tmp_path)
    assert err.value.path.endswith("consolidated.csv")
    assert err.value.location == "line 4"


def test_missing_column(tmp_path: Path) -> None:
    (tmp_path / "consolidated.csv").write_text("_id,source,name\n1,SDN,X\n")
    with pytest.raises(ListFormatError, match=r"line 1: missing column"):
        us_csl.load(tmp_path)
