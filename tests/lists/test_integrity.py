"""Integrity of a list import, tried as a new user would: each case is an error or a WARNING."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from screening.cli import main
from screening.errors import ListFormatError, ListsMissingError, ShrinkError
from screening.lists.build import from_folder
from screening.store import SnapshotStore
from screening.store.update import UpdateResult
from screening.store.update import update as store_update


def update(store: SnapshotStore, lists: Path, *, limit: float, force: bool = False) -> UpdateResult:
    return store_update(store, from_folder(lists), lists, limit=limit, force=force)


def _copy(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_ofac_csv_cut_at_a_line_boundary_is_an_error(
    shared_lists_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(shared_lists_dir / "us_ofac_sdn", tmp_path / "lists" / "us_ofac_sdn")
    data = (folder / "sdn.csv").read_bytes()
    lines = data.split(b"\r\n")
    (folder / "sdn.csv").write_bytes(b"\r\n".join(lines[: len(lines) // 2]) + b"\r\n")
    with pytest.raises(ListFormatError, match="end-of-file marker") as err:
        from_folder(tmp_path / "lists")
    assert err.value.path.endswith("sdn.csv")
    code = main(
        ["lists", "update", "--lists", str(tmp_path / "lists"), "--store", str(tmp_path / "s")]
    )
    assert code == 2
    assert "sdn.csv: end of file: no end-of-file marker (0x1A)" in capsys.readouterr().err
    assert not (tmp_path / "s" / "lists").exists()


def test_comments_file_without_end_marker_is_a_warning(
    shared_data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The real 2021 sdn_comments.csv has no 0x1A (PROVENANCE.md): loadable, with a WARNING."""
    warnings: list[str] = []
    with caplog.at_level(logging.WARNING):
        snap = from_folder(shared_data_dir / "snapshots/2021-07-07", warnings=warnings)
    assert snap.sources["us_ofac_sdn"].entities == 8_976
    assert warnings == [
        "us_ofac_sdn: sdn_comments.csv: no end-of-file marker (0x1A); the file may be cut off"
    ]
    assert "sdn_comments.csv" in caplog.text


def test_misspelt_source_folder_is_a_warning_with_the_right_name(
    shared_lists_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _copy(shared_lists_dir / "us_ofac_cons", tmp_path / "us_ofac_cons")
    _copy(shared_lists_dir / "us_bis_dpl", tmp_path / "us_bis_dlp")
    warnings: list[str] = []
    with caplog.at_level(logging.WARNING):
        snap = from_folder(tmp_path, warnings=warnings)
    assert list(snap.sources) == ["us_ofac_cons"]
    assert len(warnings) == 1 and "did you mean us_bis_dpl?" in warnings[0]
    assert any(r.levelno == logging.WARNING and "us_bis_dlp" in r.message for r in caplog.records)


def test_missing_required_source_is_an_error(shared_lists_dir: Path, tmp_path: Path) -> None:
    _copy(shared_lists_dir / "us_ofac_cons", tmp_path / "us_ofac_cons")
    (tmp_path / "sources.toml").write_text('required = ["us_ofac_cons", "us_bis_dpl"]\n')
    with pytest.raises(ListsMissingError, match=r"required list sources missing.*us_bis_dpl"):
        from_folder(tmp_path)
    (tmp_path / "sources.toml").unlink()
    assert from_folder(tmp_path).sources["us_ofac_cons"].entities == 442
    with pytest.raises(ListsMissingError, match="un_sc"):
        from_folder(tmp_path, required=["un_sc"])


def test_header_only_custom_list_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "custom_watch").mkdir()
    (tmp_path / "custom_watch" / "entities.csv").write_text("id,name,kind,aliases,country\n")
    (tmp_path / "custom_other").mkdir()
    (tmp_path / "custom_other" / "entities.csv").write_text(
        "id,name,kind,aliases,country\n1,Acme,organization,,DE\n"
    )
    warnings: list[str] = []
    snap = from_folder(tmp_path, warnings=warnings)
    assert snap.sources["custom_watch"].entities == 0
    assert warnings == [f"custom_watch: no entities in {tmp_path / 'custom_watch'} (header only?)"]
    assert snap.warnings == tuple(warnings)


def test_shrink_guard_refuses_unless_forced(shared_lists_dir: Path, tmp_path: Path) -> None:
    lists = _copy(shared_lists_dir / "us_bis_dpl", tmp_path / "lists" / "us_bis_dpl").parent
    store = SnapshotStore(tmp_path / "store")
    full = update(store, lists, limit=0.2)
    assert full.snapshot.sources["us_bis_dpl"].entities == 545
    dpl = lists / "us_bis_dpl" / "dpl.txt"
    rows = dpl.read_text().splitlines(keepends=True)
    dpl.write_text("".join(rows[: len(rows) // 2]))  # a download cut at a line: no end marker
    with pytest.raises(ShrinkError, match=r"us_bis_dpl: 545 -> \d+ entities"):
        update(store, lists, limit=0.2)
    assert store.latest() == full.snapshot.version  # nothing stored
    forced = update(store, lists, limit=0.2, force=True)
    assert forced.shrinks and store.latest() == forced.snapshot.version
    assert any("shrink guard" in w for w in store.manifest(forced.snapshot.version)["warnings"])
    # within the limit: no complaint
    dpl.write_text("".join(rows[: len(rows) * 9 // 10]))
    assert update(store, lists, limit=0.2).shrinks == ()


def test_shrink_guard_on_the_command_line(
    shared_lists_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lists = _copy(shared_lists_dir / "us_bis_dpl", tmp_path / "lists" / "us_bis_dpl").parent
    args = ["lists", "update", "--lists", str(lists), "--store", str(tmp_path / "store")]
    assert main(args) == 0
    dpl = lists / "us_bis_dpl" / "dpl.txt"
    dpl.write_text("".join(dpl.read_text().splitlines(keepends=True)[:100]))
    assert main(args) == 2
    assert "refused" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
