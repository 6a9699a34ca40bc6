from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from screening.errors import ListFormatError, ListsMissingError
from screening.lists.build import from_folder
from screening.lists.model import ENTITY_SCHEMA
from screening.lists.snapshot import snapshot_version


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


@pytest.fixture(scope="module")
def two_sources(shared_lists_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lists")
    _copy(shared_lists_dir / "us_ofac_cons", root / "us_ofac_cons")
    _copy(shared_lists_dir / "us_bis_dpl", root / "us_bis_dpl")
    return root


def test_frame_and_counts(two_sources: Path) -> None:
    snap = from_folder(two_sources)
    assert snap.entities.schema == ENTITY_SCHEMA
    assert list(snap.sources) == ["us_bis_dpl", "us_ofac_cons"]
    assert snap.sources["us_ofac_cons"].entities == 442
    assert snap.sources["us_bis_dpl"].entities == 545
    assert snap.entities.height == 442 + 545
    keys = snap.entities.select("source", "entity_id").rows()
    assert keys == sorted(keys)
    assert snap.names_count["us_bis_dpl"] == 545  # DPL has no aliases
    frame_names = snap.entities.filter(source="us_ofac_cons")["aliases"].list.len().sum() + 442
    assert snap.names_count["us_ofac_cons"] == frame_names
    files = snap.sources["us_ofac_cons"].files
    assert [f[0] for f in files] == [
        "cons_add.csv",
        "cons_alt.csv",
        "cons_comments.csv",
        "cons_prim.csv",
    ]
    assert files[3][1] == (two_sources / "us_ofac_cons/cons_prim.csv").stat().st_size
    assert snap.version.startswith("sha256:") and len(snap.version) == 7 + 64
    assert snapshot_version(snap.entities) == snap.version  # computed over the frame


def test_version_is_content_only(two_sources: Path, tmp_path: Path) -> None:
    """Same files elsewhere, with other mtimes: same versions. Other content: other version."""
    first = from_folder(two_sources)
    moved = _copy(two_sources, tmp_path / "elsewhere" / "lists")
    os.utime(moved / "us_bis_dpl/dpl.txt", (0, 0))
    second = from_folder(moved)
    assert second.version == first.version
    assert {s: i.version for s, i in second.sources.items()} == {
        s: i.version for s, i in first.sources.items()
    }
    assert second.sources["us_bis_dpl"].files[0][2] == "1970-01-01"  # mtime date, not hashed

    dpl = moved / "us_bis_dpl/dpl.txt"
    dpl.write_text(dpl.read_text().replace("AARON ABRAHAM VILLA", "AARON A VILLA"))
    third = from_folder(moved)
    assert third.version != first.version
    assert third.sources["us_ofac_cons"].version == first.sources["us_ofac_cons"].version


def test_only(two_sources: Path) -> None:
    snap = from_folder(two_sources, only=["us_bis_dpl"])
    assert list(snap.sources) == ["us_bis_dpl"]


def test_publication_date_from_file(shared_lists_dir: Path, tmp_path: Path) -> None:
    _copy(shared_lists_dir / "un_sc", tmp_path / "un_sc")
    info = from_folder(tmp_path).sources["un_sc"]
    sha = "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf"  # PROVENANCE.md
    assert info.files == (("consolidated.xml", 2_030_620, "2026-02-27", sha),)
    assert info.entities == 1_003


def test_unknown_and_missing_folders_are_logged(
    two_sources: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = _copy(two_sources, tmp_path / "lists")
    (root / "not_a_list").mkdir()
    with caplog.at_level(logging.INFO, logger="screening.lists.build"):
        from_folder(root)
    assert "not a known list source" in caplog.text and "not_a_list" in caplog.text
    assert "un_sc" in caplog.text  # a known source that is not there


def test_empty_dir(tmp_path: Path) -> None:
    with pytest.raises(ListsMissingError):
        from_folder(tmp_path)
    (tmp_path / "junk").mkdir()
    with pytest.raises(ListsMissingError):
        from_folder(tmp_path)
    with pytest.raises(ListsMissingError):
        from_folder(tmp_path / "does-not-exist")


def test_duplicate_ids_are_merged_not_dropped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "custom_x"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,name,kind,aliases,country\n1,Alpha,organization,,RU\n1,Alpha Two,organization,,BY\n"
    )
    with caplog.at_level(logging.WARNING):
        snap = from_folder(tmp_path)
    (row,) = snap.entities.to_dicts()
    assert row["name"] == "Alpha"
    assert [a["name"] for a in row["aliases"]] == ["Alpha Two"]
    assert row["countries"] == ["RU", "BY"]
    assert "repeated entity ids merged" in caplog.text


def test_malformed_source_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "us_bis_dpl").mkdir()
    (tmp_path / "us_bis_dpl/dpl.txt").write_text('"Name"\t"Country"\t"Action"\n"A"\n')
    with pytest.raises(ListFormatError):
        from_folder(tmp_path)
