"""`lists diff` on the real snapshots; every count is checked against the publisher files read
here with the csv module, independently of the loaders."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from screening.cli import main
from screening.lists.build import from_folder
from screening.lists.diff import diff_frames
from screening.lists.snapshot import ListSnapshot


def _sdn_names(path: Path) -> dict[str, str]:
    """ent_num -> SDN_Name (whitespace collapsed) straight from an OFAC sdn.csv."""
    text = path.read_bytes().rstrip(b"\x1a").decode("utf-8")
    return {
        row[0].strip(): " ".join(row[1].split()) for row in csv.reader(io.StringIO(text)) if row
    }


def _dpl_names(path: Path) -> set[str]:
    """The distinct folded names of a BIS dpl.txt (the loader's one entity per name)."""
    with path.open(encoding="utf-8", newline="") as f:
        return {" ".join(r["Name"].split()).upper() for r in csv.DictReader(f, delimiter="\t")}


@pytest.fixture(scope="module")
def sdn(shared_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three OFAC SDN primary files, each alone in a lists folder (2024-05 has no alt/add)."""
    files = {
        "2021-07": shared_data_dir / "snapshots/2021-07-07/us_ofac_sdn/sdn.csv",
        "2023-12": shared_data_dir / "lists/us_ofac_sdn/sdn.csv",
        "2024-05": shared_data_dir / "snapshots/2024-05-03/us_ofac_sdn/sdn.csv",
    }
    out = {}
    for label, path in files.items():
        folder = tmp_path_factory.mktemp(label) / "us_ofac_sdn"
        folder.mkdir()
        shutil.copy(path, folder / "sdn.csv")
        out[label] = folder.parent
    return out


@pytest.fixture(scope="module")
def sdn_snapshots(sdn: dict[str, Path]) -> dict[str, ListSnapshot]:
    return {label: from_folder(folder) for label, folder in sdn.items()}


@pytest.mark.parametrize(("old", "new"), [("2021-07", "2023-12"), ("2023-12", "2024-05")])
def test_ofac_sdn_diff_counts(
    sdn: dict[str, Path], sdn_snapshots: dict[str, ListSnapshot], old: str, new: str
) -> None:
    a, b = (
        _sdn_names(sdn[old] / "us_ofac_sdn/sdn.csv"),
        _sdn_names(sdn[new] / "us_ofac_sdn/sdn.csv"),
    )
    d = diff_frames(sdn_snapshots[old].entities, sdn_snapshots[new].entities).sources["us_ofac_sdn"]
    assert d.added == sorted(b.keys() - a.keys())
    assert d.removed == sorted(a.keys() - b.keys())
    renamed = sorted(e for e in a.keys() & b.keys() if a[e] != b[e])
    assert sorted(e for e, fields in d.changed.items() if "name" in fields) == renamed
    assert len(d.changed) + d.unchanged == len(a.keys() & b.keys())


def test_ofac_sdn_diff_known_numbers(sdn_snapshots: dict[str, ListSnapshot]) -> None:
    """PROVENANCE.md: 8,976 (2021-07), 13,821 (2023-12), 14,965 (2024-05) entries."""
    s = sdn_snapshots
    first = diff_frames(s["2021-07"].entities, s["2023-12"].entities).sources["us_ofac_sdn"]
    second = diff_frames(s["2023-12"].entities, s["2024-05"].entities).sources["us_ofac_sdn"]
    assert 8_976 - len(first.removed) + len(first.added) == 13_821
    assert 13_821 - len(second.removed) + len(second.added) == 14_965
    assert (len(first.added), len(first.removed)) == (5_637, 792)
    assert (len(second.added), len(second.removed)) == (1_256, 112)


def test_bis_dpl_diff_2022_to_2023(
    shared_data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old_dir = shared_data_dir / "snapshots/2022-09-02"
    new_dir = tmp_path / "lists"
    shutil.copytree(shared_data_dir / "lists/us_bis_dpl", new_dir / "us_bis_dpl")
    a = _dpl_names(old_dir / "us_bis_dpl/dpl.txt")
    b = _dpl_names(new_dir / "us_bis_dpl/dpl.txt")
    out = tmp_path / "diff.jsonl"
    code = main(["lists", "diff", str(old_dir), str(new_dir), "--json", str(out)])
    assert code == 1  # there are changes
    records = [json.loads(x) for x in out.read_text().splitlines()]
    added = {r["name"].upper() for r in records if r["change"] == "added"}
    removed = {r["name"].upper() for r in records if r["change"] == "removed"}
    assert added == b - a and removed == a - b
    assert len(added) == 149 and len(removed) == 63
    table = capsys.readouterr().out
    line = next(x for x in table.splitlines() if x.startswith("us_bis_dpl"))
    assert line.split()[1:4] == ["149", "63", str(sum(r["change"] == "changed" for r in records))]


def test_diff_of_stored_versions(
    sdn: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    for label in ("2023-12", "2024-05"):
        assert main(["lists", "update", "--lists", str(sdn[label]), "--store", str(store)]) == 0
    out = capsys.readouterr().out
    versions = [x.split()[1] for x in out.splitlines() if x.startswith("stored ")]
    assert len(versions) == 2
    code = main(["lists", "diff", versions[0][:19], versions[1], "--store", str(store)])
    assert code == 1
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("us_ofac_sdn"))
    assert line.split()[1:3] == ["1,256", "112"]
    assert main(["lists", "diff", versions[1], versions[1], "--store", str(store)]) == 0
