from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import us_bis_dpl


def test_one_entity_per_distinct_name(shared_lists_dir: Path) -> None:
    path = shared_lists_dir / "us_bis_dpl/dpl.txt"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len(rows) == 665  # PROVENANCE: 665 data rows
    distinct = {" ".join(r["Name"].split()).upper() for r in rows}
    records = us_bis_dpl.load(path.parent).records
    assert len(records) == len(distinct) == 545
    ash = next(r for r in records if r.name == "I. ASH")  # published as " I. ASH"
    assert (ash.kind, ash.countries) == ("unknown", ["US"])
    assert ash.entity_id == "sha1:e8e9061d8fd33a67"  # sha1("I. ASH")[:16], stable


def test_wrong_column_count(tmp_path: Path) -> None:
    (tmp_path / "dpl.txt").write_text('"Name"\t"Country"\t"Action"\n"A"\t"US"\t"X"\n"B"\t"US"\n')
    with pytest.raises(ListFormatError) as err:
        us_bis_dpl.load(tmp_path)
    assert err.value.path.endswith("dpl.txt")
    assert err.value.location == "line 3"
