"""UK OFSI Consolidated List of Financial Sanctions Targets: ConList.xlsx or ConList.csv.

Row 1 states the last-updated date, row 2 is the header, then one row per name. Rows sharing a
`Group ID` are one target: the "Primary name" row gives the primary name (given names then
`Name 6`, the surname or entity name), every other row an alias. The xlsx is read with zipfile
+ xml.etree (shared strings + sheet1), so no spreadsheet package is needed.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from screening.errors import ListFormatError
from screening.lists.loaders._common import (
    Loaded,
    clean,
    finalize,
    find_file,
    identifier,
    parse_dates,
    text_io,
    xml_error,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, AliasType, EntityRecord
from screening.types import Kind

SOURCE = "uk_ofsi"
_KINDS: dict[str, Kind] = {"individual": "person", "entity": "organization", "ship": "vessel"}
_ALIAS_TYPES: dict[str, AliasType] = {"aka": "aka", "fka": "fka"}
_REQUIRED = ("Name 6", "Group ID", "Group Type", "Alias Type", "Regime")
_GIVEN = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_NUMBERED = re.compile(r"\(\d+\)")  # "(1) Germany. (2) Morocco"
_IMO = re.compile(r"\bIMO(?: number| no\.?)?\)?\s*:?\s*(\d{7})\b", re.IGNORECASE)
_COLUMN = re.compile(r"[A-Z]{1,3}")  # cell reference letters, "A" to "XFD"
_SS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def load(source_dir: Path) -> Loaded:
    path = find_file(source_dir, "ConList.xlsx", "ConList.csv")
    if path is None:
        raise ListFormatError(source_dir, "folder", "neither ConList.xlsx nor ConList.csv found")
    xlsx = path.suffix.lower() == ".xlsx"
    rows = _xlsx_rows(path) if xlsx else _csv_rows(path)
    unit = "row" if xlsx else "line"  # error locations: sheet row or CSV line
    published: dict[str, str] = {}
    header: list[str] | None = None
    groups: dict[str, EntityRecord] = {}
    has_primary: set[str] = set()
    for line, cells in rows:
        if header is None:
            if cells and clean(cells[0]).lower() == "last updated":
                if len(cells) > 1 and (dates := parse_dates(cells[1])):
                    published[path.name] = dates[0]
                continue
            header = [clean(c) for c in cells]
            if missing := [c for c in _REQUIRED if c not in header]:
                raise ListFormatError(path, f"{unit} {line}", f"missing column(s) {missing}")
            continue
        _add_row(
            groups, has_primary, dict(zip(header, cells, strict=False)), path, f"{unit} {line}"
        )
    if header is None:
        raise ListFormatError(path, f"{unit} 1", "no header row")
    return Loaded([finalize(r) for r in groups.values()], [path], published)


def _add_row(
    groups: dict[str, EntityRecord],
    has_primary: set[str],
    row: dict[str, str],
    path: Path,
    where: str,
) -> None:
    group_id = row.get("Group ID", "")
    name = " ".join(p for p in (*(row.get(g, "") for g in _GIVEN), row.get("Name 6", "")) if p)
    if not group_id or not name:
        raise ListFormatError(path, where, "empty Group ID or name")
    record = groups.get(group_id)
    if record is None:
        kind = _KINDS.get(row.get("Group Type", "").lower(), "unknown")
        record = groups[group_id] = EntityRecord(SOURCE, group_id, kind, name)
        record.remarks = row.get("Other Information") or None
    alias_type = row.get("Alias Type", "").lower()
    if alias_type == "primary name" and group_id not in has_primary:
        has_primary.add(group_id)
        record.name = name  # the group's earlier rows, if any, were aliases and are kept as such
    else:
        weak = row.get("Alias Quality", "").lower().startswith("low")
        typ = _ALIAS_TYPES.get(alias_type, "primary_variation")
        record.aliases.append(
            Alias(name, "weak_aka" if weak else typ, "weak" if weak else "strong")
        )
    if original := row.get("Name Non-Latin Script"):
        record.aliases.append(Alias(original, "original_script"))
    record.dates_of_birth += [d for x in _numbered(row.get("DOB")) for d in parse_dates(x)]
    for column in ("Nationality", "Country"):
        record.countries += [c for c in (to_iso2(x) for x in _numbered(row.get(column))) if c]
    for column, id_type in (
        ("Passport Number", "passport"),
        ("National Identification Number", "national_id"),
    ):
        record.identifiers += [
            i for i in (identifier(id_type, x) for x in _numbered(row.get(column))) if i
        ]
    if record.kind == "vessel" and (m := _IMO.search(row.get("Other Information", ""))):
        record.identifiers += [i for i in [identifier("imo", m[1])] if i]
    if regime := row.get("Regime"):
        record.programs.append(regime)


def _numbered(cell: str | None) -> list[str]:
    """ "(1) Germany. (2) Morocco" → ["Germany", "Morocco"]; a plain value → [value]."""
    return [v for v in (clean(p).strip(" .,;") for p in _NUMBERED.split(cell or "")) if v]


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(text_io(path), strict=True)
    try:
        for row in reader:
            yield reader.line_num, [clean(c) for c in row]
    except csv.Error as exc:
        raise ListFormatError(path, f"line {reader.line_num}", str(exc)) from exc


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(sheet row number, cleaned cell texts) of the first worksheet, empty cells as ''.

    Shared strings are cleaned once: the 300,000 cells of a full list hold 37,000 distinct texts.
    """
    try:
        with zipfile.ZipFile(path) as book:
            names = set(book.namelist())
            strings: list[str] = []
            if "xl/sharedStrings.xml" in names:
                root = ET.fromstring(book.read("xl/sharedStrings.xml"))
                strings = [clean("".join(si.itertext())) for si in root]
            sheet = ET.fromstring(book.read("xl/worksheets/sheet1.xml"))
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError, NotImplementedError) as exc:
        raise ListFormatError(path, "workbook", f"not a readable xlsx: {exc}") from exc
    except ET.ParseError as exc:
        raise xml_error(path, exc) from exc
    columns: dict[str, int] = {}
    for n, row in enumerate(sheet.iter(f"{_SS}row"), 1):
        number = row.get("r", str(n))
        if not (number.isascii() and number.isdigit()):
            raise ListFormatError(path, f"row #{n}", f"bad row number {number!r}")
        cells: list[str] = []
        for cell in row:
            letters = cell.get("r", "").rstrip("0123456789")
            col = columns.get(letters) if letters else len(cells)
            if col is None:
                if not _COLUMN.fullmatch(letters):
                    raise ListFormatError(path, f"row {number}", f"bad cell reference {letters!r}")
                col = columns[letters] = _column_index(letters)
            cells.extend([""] * (col - len(cells)))
            value = cell.find(f"{_SS}v")
            kind = cell.get("t")
            if kind == "s" and value is not None and value.text:
                try:
                    cells.append(strings[int(value.text)])
                except (ValueError, IndexError):
                    raise ListFormatError(
                        path, f"row {number}", f"bad shared string {value.text!r}"
                    ) from None
            elif kind == "inlineStr":
                cells.append(clean("".join(cell.itertext())))
            else:
                cells.append(clean(value.text) if value is not None else "")
        yield int(number), cells


def _column_index(letters: str) -> int:
    """ "AB" → 27 (0-based)."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1
