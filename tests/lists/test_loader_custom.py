from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import custom, loader_for
from screening.lists.model import Alias


def test_custom_list(tmp_path: Path) -> None:
    folder = tmp_path / "custom_bank"
    folder.mkdir()
    (folder / "entities.csv").write_text(
        "id,name,kind,aliases,country\n"
        "C-1,Borealis Trading LLC,organization,Borealis;Бореалис,AE\n"
        "C-2,Ivan Sidorchuk,person,,Russia\n"
        "C-3,Something,robot,,\n"
    )
    assert loader_for("custom_bank") is custom.load
    a, b, c = custom.load(folder).records
    assert (a.source, a.entity_id, a.kind, a.countries) == (
        "custom_bank",
        "C-1",
        "organization",
        ["AE"],
    )
    assert a.aliases == [Alias("Borealis"), Alias("Бореалис", "original_script")]
    assert (b.kind, b.countries, b.aliases) == ("person", ["RU"], [])
    assert c.kind == "unknown"


def test_empty_id(tmp_path: Path) -> None:
    (tmp_path / "entities.csv").write_text("id,name,kind,aliases,country\n,X,person,,\n")
    with pytest.raises(ListFormatError) as err:
        custom.load(tmp_path)
    assert err.value.path.endswith("entities.csv")
    assert err.value.location == "line 2"


def test_unknown_source_has_no_loader() -> None:
    assert loader_for("custom_") is None
    assert loader_for("us_ofac_sdn_old") is None
