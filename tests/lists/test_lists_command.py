from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from screening.cli import main


def test_lists_show(
    shared_lists_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(shared_lists_dir / "un_sc", tmp_path / "un_sc")
    assert main(["lists", "show", "--lists", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "snapshot sha256:" in out
    assert "United Nations Security Council Consolidated List" in out  # from lists/manifest.toml
    assert "1,003" in out
    assert "2026-02-27" in out


def test_lists_show_empty_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists", "show", "--lists", str(tmp_path)]) == 2
    assert "no loadable list source" in capsys.readouterr().err
