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
        ("name1,name2,country2\nA,B,RU;Russia\n", "line 2: country2 'Russia' is not an ISO-2"),
        ("name1,name2,country1\nA,B,RU;UA\n", "line 2: country1 holds one country"),
        ("name1,name2,ids2\nA,B,passport\n", "line 2: ids2 'passport' is not type:value"),
        ("name1,name2,kind2\nA,B,ship\n", "line 2: kind2 'ship'"),
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


def test_compare_pairs_use_the_attributes(tmp_path: Path) -> None:
    """Country, date of birth and identifiers move the score as in `screening screen`."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "name1,name2,kind1,kind2,country1,country2,dob1,dob2,ids1,ids2\n"
        "Ivan Petrov,PETROV Ivan,person,person,,,,,,\n"
        "Ivan Petrov,PETROV Ivan,person,person,RU,RU;BY,1960-01-02,1960,,\n"
        "Ivan Petrov,PETROV Ivan,person,person,FR,RU,1971,1960,,\n"
        "Ivan Petrov,PETROV Ivan,organization,person,,,,,,\n"
        "Somebody Else,PETROV Ivan,person,person,,,,,Passport No.:AB 123456,passport:AB123456\n",
        encoding="utf-8",
    )
    out = tmp_path / "scored.csv"
    assert main(["compare", "--pairs", str(pairs), "-o", str(out)]) == 0
    scores = [float(r["score"]) for r in csv.DictReader(out.open(encoding="utf-8"))]
    assert scores[0] == 1.0  # name only: exact
    assert scores[1] == 1.0  # bonuses cap at 1
    assert scores[2] == round(1.0 - 0.03 - 0.10, 4)  # country and year not listed
    assert scores[3] == round(1.0 - 0.2, 4)  # kind mismatch
    assert scores[4] == 1.0  # the passport decides


def test_compare_selects_the_matcher(capsys: pytest.CaptureFixture[str]) -> None:
    """v2 reads an initial, v1 does not; an unknown version is a clear error."""
    assert main(["compare", "A. Khamenei", "Ali Khamenei", "--matcher", "name-match-v2"]) == 0
    assert "(flag) with name-match-v2" in capsys.readouterr().out
    assert main(["compare", "A. Khamenei", "Ali Khamenei", "--matcher", "name-match-v1"]) == 0
    assert "(allow) with name-match-v1" in capsys.readouterr().out
    assert main(["compare", "A", "B", "--matcher", "name-match-v9"]) == 2
    assert "unknown matcher" in capsys.readouterr().err
