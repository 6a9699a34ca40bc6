"""Helpers every loader shares: the load result, dates, identifier labels, clean-up and merging."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from screening.errors import ListFormatError
from screening.lists.model import Alias, EntityRecord, IdentifierRecord

_T = TypeVar("_T")


@dataclass(slots=True)
class Loaded:
    """What one loader read: the records, the files it used and any publication date they state."""

    records: list[EntityRecord]
    files: list[Path]
    published: dict[str, str] = field(default_factory=dict)  # file name → YYYY-MM-DD
    warnings: list[str] = field(default_factory=list)  # loadable, but an operator should look


def find_file(source_dir: Path, *names: str) -> Path | None:
    """The first of `names` present in the folder, matched case-insensitively (SDN.XML, sdn.xml)."""
    present = {p.name.lower(): p for p in source_dir.iterdir() if p.is_file()}
    for name in names:
        if (path := present.get(name.lower())) is not None:
            return path
    return None


def require_file(source_dir: Path, *names: str) -> Path:
    path = find_file(source_dir, *names)
    if path is None:
        raise ListFormatError(source_dir, "folder", f"none of {', '.join(names)} found")
    return path


def xml_error(path: Path, exc: ET.ParseError) -> ListFormatError:
    """The one wording of an XML syntax error, with the line the parser stopped at."""
    return ListFormatError(path, f"line {exc.position[0]}", f"not well-formed XML: {exc}")


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """The whole file as text, a BOM and a final 0x1A dropped.

    Bytes that do not decode are an error naming the line: replacing them would silently
    garble the name they are in, and a garbled name no longer matches.
    """
    raw = path.read_bytes().rstrip(b"\x1a")
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        bad = raw[exc.start : exc.end].hex(" ")
        raise ListFormatError(path, f"line {line}", f"not {encoding}: bytes {bad}") from None


def check_root(path: Path, root: ET.Element, expected: str) -> None:
    """An XML file whose root element is not the publisher's (namespace ignored) is an error."""
    tag = root.tag.rpartition("}")[2]
    if tag != expected:
        raise ListFormatError(path, "root element", f"<{tag}>, expected <{expected}>")


def text_io(path: Path) -> io.StringIO:
    """The file as a text stream for csv: newlines inside quoted fields stay in the field."""
    return io.StringIO(read_text(path), newline="")


def csv_rows(
    path: Path, width: int, *, header: bool, delimiter: str = ","
) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of a CSV file, checking every row has `width` fields."""
    reader = csv.reader(text_io(path), delimiter=delimiter, strict=True)
    try:
        for row in reader:
            if header and reader.line_num == 1:
                continue
            if not row:
                continue
            if len(row) != width:
                raise ListFormatError(
                    path, f"line {reader.line_num}", f"{len(row)} fields, expected {width}"
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise ListFormatError(path, f"line {reader.line_num}", str(exc)) from exc


def csv_dicts(
    path: Path, required: tuple[str, ...], delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by column name) of a CSV file with a header naming `required` columns."""
    reader = csv.reader(text_io(path), delimiter=delimiter, strict=True)
    try:
        columns = [c.strip() for c in next(reader)]
    except StopIteration:
        raise ListFormatError(path, "line 1", "empty file, header expected") from None
    except csv.Error as exc:
        raise ListFormatError(path, "line 1", str(exc)) from exc
    missing = [c for c in required if c not in columns]
    if missing:
        raise ListFormatError(path, "line 1", f"missing column(s) {', '.join(missing)}")
    try:
        for row in reader:
            if not row:
                continue
            if len(row) != len(columns):
                raise ListFormatError(
                    path, f"line {reader.line_num}", f"{len(row)} fields, expected {len(columns)}"
                )
            yield reader.line_num, dict(zip(columns, row, strict=True))
    except csv.Error as exc:
        raise ListFormatError(path, f"line {reader.line_num}", str(exc)) from exc


def clean(text: str | None) -> str:
    """Collapse whitespace; None and OFAC's `-0-` become ''."""
    if text is None:
        return ""
    text = " ".join(text.split())
    return "" if text == "-0-" else text


def split(text: str | None, sep: str = ";") -> list[str]:
    return [v for v in (clean(p) for p in (text or "").split(sep)) if v]


# ---------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_YEAR_RANGE_MAX = 10  # expand "1960 to 1965" into every year up to this span, else the two ends


def _year_ok(year: int) -> bool:
    return 1800 <= year <= 2100


def parse_dates(text: str) -> list[str]:
    """Dates of birth as written by the lists → "YYYY", "YYYY-MM" or "YYYY-MM-DD".

    Understands "10 Dec 1948", "Dec 1948", "circa 1960", "1960 to 1962", "1960-1962",
    "1948-12-10", "10/12/1948" (day first), "00/00/1961" (unknown parts), "1961".
    A range gives each year in it; text that holds no date gives [].
    """
    text = clean(text).lower().replace("circa", "").replace("approximately", "").strip(" .")
    if not text:
        return []
    if m := re.fullmatch(r"(\d{4})\s*(?:to|-|–|/)\s*(\d{4})", text):
        lo, hi = int(m[1]), int(m[2])
        if not (_year_ok(lo) and _year_ok(hi)) or hi < lo:
            return []
        years = range(lo, hi + 1) if hi - lo <= _YEAR_RANGE_MAX else (lo, hi)
        return [str(y) for y in years]
    if m := re.fullmatch(r"(.+\d{4}) to (.+\d{4})", text):  # "01 Jan 1961 to 31 Dec 1963"
        return _date_range(parse_dates(m[1]), parse_dates(m[2]))
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:t.*)?", text):
        return _ymd(int(m[1]), int(m[2]), int(m[3]) if m[3] else 0)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        return _ymd(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", text):
        return _ymd(int(m[2]), int(m[1]), 0)
    if m := re.fullmatch(r"(?:(\d{1,2}) )?([a-z]{3})[a-z]* (\d{4})", text):
        month = _MONTHS.get(m[2], 0)
        return _ymd(int(m[3]), month, int(m[1]) if m[1] else 0) if month else []
    if m := re.fullmatch(r"(\d{4})", text):
        return _ymd(int(m[1]), 0, 0)
    return []


def _date_range(low: list[str], high: list[str]) -> list[str]:
    """A range of two dates as the common year-month ("1960-02") or its years ("1961", ...)."""
    if len(low) != 1 or len(high) != 1 or high[0] < low[0]:
        return []
    if low[0][:7] == high[0][:7]:
        return [low[0][:7]]
    return parse_dates(f"{low[0][:4]} to {high[0][:4]}")


def _ymd(year: int, month: int, day: int) -> list[str]:
    """A (possibly partial) date; 0 marks an unknown part."""
    if not _year_ok(year):
        return []
    if not 1 <= month <= 12:
        return [f"{year:04d}"]
    if not 1 <= day <= 31:
        return [f"{year:04d}-{month:02d}"]
    return [f"{year:04d}-{month:02d}-{day:02d}"]


# ---------------------------------------------------------------- identifiers


def identifier(kind: str, value: str) -> IdentifierRecord | None:
    """An identifier with its value tidied: IMO numbers keep their digits only.

    An IMO number has seven digits; anything else under an IMO label (OFAC's "Vessel
    Registration Identification 15411 (Malta)" is a flag-state number) is a registration.
    """
    value = clean(value)
    if kind == "imo":
        if len(digits := re.sub(r"\D", "", value)) != 7:
            return IdentifierRecord("registration", value) if value else None
        value = digits
    return IdentifierRecord(kind, value) if value else None


# ---------------------------------------------------------------- names

_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


def is_latin(name: str) -> bool:
    """True when the name uses Latin script only (accents allowed)."""
    return _NON_LATIN.search(name) is None


def script_alias(name: str) -> Alias:
    """An alias whose type says whether it is in a non-Latin original script."""
    return Alias(name, "aka" if is_latin(name) else "original_script")


# ---------------------------------------------------------------- record clean-up


def _unique(items: list[_T]) -> list[_T]:
    return list(dict.fromkeys(items))


def finalize(record: EntityRecord) -> EntityRecord:
    """Drop empty and repeated values, keeping first-seen order; a strong alias beats a weak one."""
    primary = record.name.casefold()
    best: dict[str, Alias] = {}
    for alias in record.aliases:
        key = alias.name.casefold()
        if not alias.name or key == primary:
            continue
        seen = best.get(key)
        if seen is None or (seen.quality == "weak" and alias.quality == "strong"):
            best[key] = alias
    record.aliases = list(best.values())
    record.countries = _unique([c for c in record.countries if c])
    record.dates_of_birth = _unique([d for d in record.dates_of_birth if d])
    record.identifiers = _unique([i for i in record.identifiers if i.value])
    record.programs = _unique([p for p in record.programs if p])
    return record


def merge(first: EntityRecord, other: EntityRecord) -> EntityRecord:
    """One entity listed twice under the same id (CSL: SDN and SSI rows) becomes one record.

    The first record keeps its primary name and kind; the other's name becomes an alias, lists
    are joined ("A; B", sorted), everything else is the union in first-seen order.
    """
    lists = sorted({x for r in (first, other) if r.list for x in r.list.split("; ")})
    first.list = "; ".join(lists) or None
    first.aliases += [Alias(other.name), *other.aliases]
    first.countries += other.countries
    first.dates_of_birth += other.dates_of_birth
    first.identifiers += other.identifiers
    first.programs += other.programs
    if other.remarks and other.remarks != first.remarks:
        first.remarks = "\n".join(r for r in (first.remarks, other.remarks) if r)
    if first.kind == "unknown":
        first.kind = other.kind
    return finalize(first)


def merge_duplicates(records: list[EntityRecord]) -> list[EntityRecord]:
    """Records with the same (source, entity_id) merged, in first-seen order."""
    by_id: dict[tuple[str, str], EntityRecord] = {}
    for record in records:
        key = (record.source, record.entity_id)
        if (seen := by_id.get(key)) is None:
            by_id[key] = record
        else:
            merge(seen, record)
    return list(by_id.values())
