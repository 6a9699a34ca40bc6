"""OFAC SDN and Consolidated (non-SDN) lists: the legacy CSV files or the classic XML.

CSV (OFAC dat_spec): no header, `-0- ` for empty, a trailing 0x1A byte. The primary file gives
name, type and programmes; the alias file the strong aliases; the address file countries; the
comments file continues `Remarks`, which carries DOBs, nationalities, identity documents and the
weak `a.k.a. '...'` aliases. The classic XML (SDN.XML / consolidated.xml) states all of these as
elements and gives the same records.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from screening.errors import ListFormatError
from screening.lists.identifiers import identifier_type
from screening.lists.loaders._common import (
    Loaded,
    check_root,
    clean,
    csv_rows,
    finalize,
    find_file,
    identifier,
    parse_dates,
    xml_error,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, AliasType, EntityRecord, IdentifierRecord
from screening.types import Kind

_KINDS: dict[str, Kind] = {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}
_ALIAS_TYPES: dict[str, AliasType] = {"aka": "aka", "fka": "fka", "nka": "nka"}

# Remarks items that carry an identity document: "alt. Passport 1084010 (Egypt) issued 2001".
_REMARK_ID_LABELS = (
    "Passport",
    "Diplomatic Passport",
    "National ID No.",
    "Identification Number",
    "Personal ID Card",
    "Cedula No.",
    "C.U.R.P.",
    "SSN",
    "Tax ID No.",
    "R.F.C.",
    "V.A.T. Number",
    "NIT #",
    "RUC #",
    "Registration Number",
    "Registration ID",
    "Business Registration Number",
    "Public Registration Number",
    "Company Number",
    "Commercial Registry Number",
    "Government Gazette Number",
    "Unified Social Credit Code (USCC)",
    "Legal Entity Number",
    "C.R. No.",
    "Folio Mercantil No.",
    "Business Number",
    "SWIFT/BIC",
    "BIK (RU)",
    "MMSI",
    "Vessel Registration Identification",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Tail Number",
    "Digital Currency Address -",
)
_REMARK_ID = re.compile(
    r"(?:alt\. )?("
    + "|".join(re.escape(x) for x in sorted(_REMARK_ID_LABELS, key=len, reverse=True))
    + r") (.+)"
)
_ID_TAIL = re.compile(r"\s+(?:issued|expires|Issue Date|Expire Date)\b.*$|\s*\([^)]*\)\s*$")
_REMARK_ALIAS = re.compile(r"([afn])\.k\.a\.,? '(.+)'")
_REMARK_DOB = re.compile(r"(?:alt\. )?DOB (.+)")
_REMARK_COUNTRY = re.compile(r"(?:alt\. )?(?:nationality|citizen) (.+)")


def load_sdn(source_dir: Path) -> Loaded:
    csv_names = ("sdn", "alt", "add", "sdn_comments")
    return _load(source_dir, "us_ofac_sdn", csv_names, ("sdn.xml", "consolidated.xml"))


def load_cons(source_dir: Path) -> Loaded:
    csv_names = ("cons_prim", "cons_alt", "cons_add", "cons_comments")
    return _load(source_dir, "us_ofac_cons", csv_names, ("consolidated.xml", "sdn.xml"))


def _load(
    source_dir: Path, source: str, csv_names: tuple[str, ...], xml_names: tuple[str, ...]
) -> Loaded:
    """The CSV set when its primary file is there, else the classic XML."""
    prim, alt, add, comments = (find_file(source_dir, f"{n}.csv") for n in csv_names)
    if prim is not None:
        return _load_csv(source, prim, alt, add, comments)
    xml = find_file(source_dir, *xml_names)
    if xml is None:
        wanted = ", ".join((f"{csv_names[0]}.csv", *xml_names))
        raise ListFormatError(source_dir, "folder", f"none of {wanted} found")
    return load_xml(xml, source)


# ---------------------------------------------------------------- CSV


def _load_csv(
    source: str, prim: Path, alt: Path | None, add: Path | None, comments: Path | None
) -> Loaded:
    aliases: dict[str, list[Alias]] = defaultdict(list)
    countries: dict[str, list[str]] = defaultdict(list)
    extended: dict[str, str] = {}
    if alt is not None:
        for _, (ent, _num, kind, name, _rem) in csv_rows(alt, 5, header=False):
            alias_type = _ALIAS_TYPES.get(clean(kind).lower().replace(".", ""), "aka")
            aliases[ent.strip()].append(Alias(clean(name), alias_type))
    if add is not None:
        for _, row in csv_rows(add, 6, header=False):
            if code := to_iso2(clean(row[4])):
                countries[row[0].strip()].append(code)
    if comments is not None:
        for _, (ent, text) in csv_rows(comments, 2, header=False):
            ent = ent.strip()
            extended[ent] = extended.get(ent, "") + ("" if text == "-0- " else text)

    records = []
    for line, row in csv_rows(prim, 12, header=False):
        ent, name = row[0].strip(), clean(row[1])
        if not ent or not name:
            raise ListFormatError(prim, f"line {line}", "empty ent_num or SDN_Name")
        remarks = ("" if row[11] == "-0- " else row[11]) + extended.get(ent, "")
        record = EntityRecord(
            source=source,
            entity_id=ent,
            kind=_KINDS.get(clean(row[2]).lower(), "organization"),
            name=name,
            aliases=list(aliases.get(ent, ())),
            countries=list(countries.get(ent, ())),
            programs=[p for p in (clean(x) for x in row[3].split("] [")) if p],
            remarks=clean(remarks) or None,
        )
        _apply_remarks(record, remarks)
        records.append(finalize(record))
    if not records:  # a failed download, never a published list; the optional files may be empty
        raise ListFormatError(prim, "line 1", "empty file, no entries")
    for path in (prim, alt, add):
        if path is not None and not _has_end_marker(path):
            raise ListFormatError(
                path,
                "end of file",
                "no end-of-file marker (0x1A): the file was cut off (OFAC CSV files end with one)",
            )
    warnings = []
    if comments is not None and not _has_end_marker(comments):  # seen in a real 2021 copy
        warnings.append(f"{comments.name}: no end-of-file marker (0x1A); the file may be cut off")
    files = [p for p in (prim, alt, add, comments) if p is not None]
    return Loaded(records, files, warnings=warnings)


def _has_end_marker(path: Path) -> bool:
    """OFAC closes each CSV with one 0x1A byte after the last CRLF: a file cut at a line
    boundary parses fine, so this byte is the only sign that the rest is missing."""
    with path.open("rb") as f:
        f.seek(0, 2)
        if f.tell() == 0:
            return False
        f.seek(-1, 2)
        return f.read(1) == b"\x1a"


def _apply_remarks(record: EntityRecord, remarks: str) -> None:
    """Pull DOBs, nationalities, documents and weak aliases out of the `; `-separated remarks."""
    for raw in remarks.split("; "):
        item = clean(raw).removesuffix(".")
        if m := _REMARK_ALIAS.fullmatch(item):
            alias_type: AliasType = "weak_aka" if m[1] == "a" else _ALIAS_TYPES[f"{m[1]}ka"]
            record.aliases.append(Alias(clean(m[2]), alias_type, "weak"))
        elif m := _REMARK_DOB.fullmatch(item):
            record.dates_of_birth += parse_dates(m[1])
        elif m := _REMARK_COUNTRY.fullmatch(item):
            record.countries += [c for c in [to_iso2(m[1])] if c]
        elif m := _REMARK_ID.fullmatch(item):
            record.identifiers += [i for i in [_remark_identifier(m[1], m[2])] if i]


def _remark_identifier(label: str, rest: str) -> IdentifierRecord | None:
    kind = identifier_type(label)
    if kind is None:
        return None
    value = _ID_TAIL.sub("", _ID_TAIL.sub("", rest))
    if kind == "crypto":  # "XBT 1Kuf2Rd8..." → the address
        value = value.split()[-1] if value.split() else ""
    return identifier(kind, value)


# ---------------------------------------------------------------- classic XML


def load_xml(path: Path, source: str) -> Loaded:
    """OFAC classic XML (namespaced `sdnList` of `sdnEntry`), streamed with iterparse."""
    records: list[EntityRecord] = []
    published: dict[str, str] = {}
    count = 0
    try:
        events = ET.iterparse(path, events=("start", "end"))
        check_root(path, next(events)[1], "sdnList")
        for event, el in events:
            tag = el.tag.rpartition("}")[2]
            if event == "start":
                continue
            if tag == "Publish_Date" and (dates := parse_dates(_us_date(el.text or ""))):
                published[path.name] = dates[0]
            elif tag == "sdnEntry":
                count += 1
                records.append(_xml_entry(el, source, path, count))
                el.clear()
    except ET.ParseError as exc:
        raise xml_error(path, exc) from exc
    return Loaded(records, [path], published)


def _us_date(text: str) -> str:
    """MM/DD/YYYY → YYYY-MM-DD (parse_dates reads slashes day first)."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    return f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}" if m else text


def _xml_entry(entry: ET.Element, source: str, path: Path, n: int) -> EntityRecord:
    ns = entry.tag.partition("}")[0] + "}" if entry.tag.startswith("{") else ""

    def text(el: ET.Element, name: str) -> str:
        return clean(el.findtext(ns + name))

    def full_name(el: ET.Element) -> str:
        last, first = text(el, "lastName"), text(el, "firstName")
        return f"{last}, {first}" if last and first else last or first

    uid, name = text(entry, "uid"), full_name(entry)
    if not uid or not name:
        raise ListFormatError(path, f"element <sdnEntry> #{n}", "missing uid or lastName")
    record = EntityRecord(
        source=source,
        entity_id=uid,
        kind=_KINDS.get(text(entry, "sdnType").lower(), "organization"),
        name=name,
        programs=[clean(p.text) for p in entry.iter(ns + "program")],
        remarks=text(entry, "remarks") or None,
    )
    for aka in entry.iter(ns + "aka"):
        alias_type = _ALIAS_TYPES.get(text(aka, "type").lower().replace(".", ""), "aka")
        weak = text(aka, "category").lower() == "weak"
        if weak and alias_type == "aka":
            alias_type = "weak_aka"
        record.aliases.append(Alias(full_name(aka), alias_type, "weak" if weak else "strong"))
    for dob in entry.iter(ns + "dateOfBirth"):
        record.dates_of_birth += parse_dates(dob.text or "")
    for tag in ("nationality", "citizenship", "address"):
        for el in entry.iter(ns + tag):
            if code := to_iso2(text(el, "country")):
                record.countries.append(code)
    for id_el in entry.iter(ns + "id"):
        kind = identifier_type(text(id_el, "idType"))
        if kind and (found := identifier(kind, text(id_el, "idNumber"))):
            record.identifiers.append(found)
    return finalize(record)
