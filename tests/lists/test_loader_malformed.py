"""Broken list files: every loader answers with ListFormatError naming the file and place.

A cut-off download, bytes that are not UTF-8, an empty primary file or an XML file with some
other root must never load as a shorter (or empty) list without a word.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from screening.errors import ListFormatError
from screening.lists.loaders import loader_for, uk_ofsi

_SDN_ROW = b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
_SS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _load_error(folder: Path, name: str, data: bytes) -> ListFormatError:
    folder.mkdir()
    (folder / name).write_bytes(data)
    loader = loader_for(folder.name)
    assert loader is not None
    with pytest.raises(ListFormatError) as err:
        loader(folder)
    assert err.value.path.endswith(name)
    return err.value


def test_csv_cut_inside_a_quoted_field(tmp_path: Path) -> None:
    cut = (
        _SDN_ROW
        + b'173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB'
    )
    err = _load_error(tmp_path / "us_ofac_sdn", "sdn.csv", cut)
    assert (err.location, err.reason) == ("line 2", "unexpected end of data")


@pytest.mark.parametrize("data", [b"", b"\x1a", b"\r\n\x1a"])
def test_empty_ofac_primary_file(tmp_path: Path, data: bytes) -> None:
    err = _load_error(tmp_path / "us_ofac_sdn", "sdn.csv", data)
    assert "empty file" in err.reason


def test_empty_ftm_file(tmp_path: Path) -> None:
    err = _load_error(tmp_path / "opensanctions", "entities.ftm.json", b"\n")
    assert "empty file" in err.reason


@pytest.mark.parametrize(
    ("source", "name", "data"),
    [
        ("us_ofac_sdn", "sdn.csv", _SDN_ROW + _SDN_ROW.replace(b"AERO", b"M\xfcLLER ")),
        (
            "custom_x",
            "entities.csv",
            b"id,name,kind,aliases,country\n2,M\xfcller,,,\n",
        ),
        ("opensanctions", "entities.ftm.json", b'{"id":"a"}\n{"id":"b","name":"M\xfc"}\n'),
    ],
)
def test_bytes_that_are_not_utf8(tmp_path: Path, source: str, name: str, data: bytes) -> None:
    err = _load_error(tmp_path / source, name, data)
    assert err.location == "line 2"
    assert "not utf-8" in err.reason


@pytest.mark.parametrize(
    ("source", "name", "root"),
    [
        ("us_ofac_sdn", "SDN.XML", "sdnList"),
        ("un_sc", "consolidated.xml", "CONSOLIDATED_LIST"),
        ("eu_fsf", "20250101-FULL-1_1.xml", "export"),
        ("ca_sema", "sema-lmes.xml", "data-set"),
    ],
)
def test_xml_with_another_root(tmp_path: Path, source: str, name: str, root: str) -> None:
    err = _load_error(tmp_path / source, name, b"<html><body>Service unavailable</body></html>")
    assert err.location == "root element"
    assert err.reason == f"<html>, expected <{root}>"


def _workbook(path: Path, sheet: str) -> None:
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{_SS}">{sheet}</worksheet>')


@pytest.mark.parametrize(
    ("row", "location"),
    [
        ('<row r="x"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>', "row #1"),
        ('<row r="1"><c r="a1" t="inlineStr"><is><t>a</t></is></c></row>', "row 1"),
    ],
)
def test_xlsx_with_bad_references(tmp_path: Path, row: str, location: str) -> None:
    _workbook(tmp_path / "ConList.xlsx", f"<sheetData>{row}</sheetData>")
    with pytest.raises(ListFormatError) as err:
        uk_ofsi.load(tmp_path)
    assert err.value.location == location


@pytest.mark.parametrize(
    "line",
    [
        b'{"id":"a","schema":"Person","properties":[]}',
        b'{"id":"a","schema":"Person","properties":null}',
        b'{"id":"a","schema":["Person"],"properties":{}}',
        b'{"id":"a","schema":"Person","properties":{"name":null}}',
        b'{"id":"a","schema":"Person","properties":{"name":"Abc"}}',
        b'{"id":"a","schema":"Person","datasets":"ab","properties":{"name":["A"]}}',
    ],
)
def test_ftm_entity_of_the_wrong_shape(tmp_path: Path, line: bytes) -> None:
    err = _load_error(tmp_path / "opensanctions", "entities.ftm.json", line + b"\n")
    assert err.location == "line 1"


def test_xlsx_with_a_damaged_sheet(tmp_path: Path, shared_lists_dir: Path) -> None:
    book = bytearray((shared_lists_dir / "uk_ofsi" / "ConList.xlsx").read_bytes())
    info = zipfile.ZipFile(shared_lists_dir / "uk_ofsi" / "ConList.xlsx").getinfo(
        "xl/worksheets/sheet1.xml"
    )
    start = info.header_offset + 30 + len(info.filename) + 200  # inside the deflated data
    book[start : start + 50] = bytes(b ^ 0xFF for b in book[start : start + 50])
    (tmp_path / "ConList.xlsx").write_bytes(bytes(book))
    with pytest.raises(ListFormatError) as err:
        uk_ofsi.load(tmp_path)
    assert err.value.location == "workbook"
