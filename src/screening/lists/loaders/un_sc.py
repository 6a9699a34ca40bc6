"""UN Security Council Consolidated List (consolidated.xml, sc-sanctions.xsd).

Names are FIRST..FOURTH_NAME in published order; aliases with QUALITY Good / a.k.a. / f.k.a.
/ empty are strong, Low is weak; NAME_ORIGINAL_SCRIPT becomes an original-script alias.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from screening.errors import ListFormatError
from screening.lists.identifiers import identifier_type
from screening.lists.loaders._common import (
    Loaded,
    check_root,
    clean,
    finalize,
    identifier,
    parse_dates,
    require_file,
    xml_error,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, EntityRecord

SOURCE = "un_sc"
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")


def load(source_dir: Path) -> Loaded:
    path = require_file(source_dir, "consolidated.xml")
    records: list[EntityRecord] = []
    published: dict[str, str] = {}
    counts = {"INDIVIDUAL": 0, "ENTITY": 0}
    try:
        events = ET.iterparse(path, events=("start", "end"))
        _, root = next(events)
        check_root(path, root, "CONSOLIDATED_LIST")
        if when := root.get("dateGenerated"):
            published[path.name] = when[:10]
        for event, el in events:
            if event == "end" and el.tag in counts:
                counts[el.tag] += 1
                records.append(_record(el, path, counts[el.tag]))
                el.clear()
    except ET.ParseError as exc:
        raise xml_error(path, exc) from exc
    return Loaded(records, [path], published)


def _record(el: ET.Element, path: Path, n: int) -> EntityRecord:
    ref = clean(el.findtext("REFERENCE_NUMBER"))
    name = " ".join(p for p in (clean(el.findtext(t)) for t in _NAME_PARTS) if p)
    if not ref or not name:
        raise ListFormatError(path, f"element <{el.tag}> #{n}", "missing REFERENCE_NUMBER or name")
    person = el.tag == "INDIVIDUAL"
    record = EntityRecord(
        source=SOURCE,
        entity_id=ref,
        kind="person" if person else "organization",
        name=name,
        list=clean(el.findtext("UN_LIST_TYPE")) or None,
        programs=[p for p in [clean(el.findtext("UN_LIST_TYPE"))] if p],
        remarks=clean(el.findtext("COMMENTS1")) or None,
    )
    for alias in el.iter(f"{el.tag}_ALIAS"):
        alias_name = clean(alias.findtext("ALIAS_NAME"))
        quality = clean(alias.findtext("QUALITY")).lower()
        if quality == "low":
            record.aliases.append(Alias(alias_name, "weak_aka", "weak"))
        else:
            record.aliases.append(Alias(alias_name, "fka" if quality == "f.k.a." else "aka"))
    if original := clean(el.findtext("NAME_ORIGINAL_SCRIPT")):
        record.aliases.append(Alias(original, "original_script"))
    for value in el.iterfind("NATIONALITY/VALUE"):
        if code := to_iso2(clean(value.text)):
            record.countries.append(code)
    for address in el.iter(f"{el.tag}_ADDRESS"):
        if code := to_iso2(clean(address.findtext("COUNTRY"))):
            record.countries.append(code)
    for dob in el.iter("INDIVIDUAL_DATE_OF_BIRTH"):
        record.dates_of_birth += _dob(dob)
    for doc in el.iter("INDIVIDUAL_DOCUMENT"):
        kind = identifier_type(clean(doc.findtext("TYPE_OF_DOCUMENT")))
        if kind and (found := identifier(kind, clean(doc.findtext("NUMBER")))):
            record.identifiers.append(found)
    return finalize(record)


def _dob(dob: ET.Element) -> list[str]:
    if date := clean(dob.findtext("DATE")):
        return parse_dates(date)
    if year := clean(dob.findtext("YEAR")):
        return parse_dates(year)
    low, high = clean(dob.findtext("FROM_YEAR")), clean(dob.findtext("TO_YEAR"))
    return parse_dates(f"{low} to {high}") if low and high else parse_dates(low or high)
