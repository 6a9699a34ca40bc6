from __future__ import annotations

import csv
from pathlib import Path

import pytest

from screening.cli import main


def test_compare_two_names(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["compare", "Vladimir Putin", "PUTIN, Vladimir Vladimirovich", "--kind", "person"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("score 0.")
    assert "(flag)" in out
    assert "unmatched listed: vladimirovich" in out


def test_compare_pairs_file(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "name1,name2,kind,note\n"
        'Usama bin Laden,"BIN LADEN, Usama",person,same\n'
        "LLC 123,OOO 1,,different\n"
        "Mohammed Ali Trading LLC,Ali Trading,organization,different\n",
        encoding="utf-8",
    )
    out = tmp_path / "scored.csv"
    assert main(["compare", "--pairs", str(pairs), "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["name1", "name2", "kind", "note", "score", "match"]
    assert (rows[0]["score"], rows[0]["match"]) == ("1.0000", "true")
    assert [r["match"] for r in rows[1:]] == ["false", "false"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name1,name2\nA,B\n,C\n", "line 3: name1 and name2 must not be empty"),
        ("name1,name2,kind\nA,B,ship\n", "line 2: kind 'ship'"),
        ("first,second\nA,B\n", "needs columns name1 and name2"),
    ],
)
def test_compare_pairs_bad_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(content, encoding="utf-8")
    out = tmp_path / "scored.csv"
    assert main(["compare", "--pairs", str(pairs), "-o", str(out)]) != 0
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_compare_needs_two_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "only one"]) == 2
    assert "give two names" in capsys.readouterr().err
