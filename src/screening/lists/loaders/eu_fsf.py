"""EU Financial Sanctions File (FSF), XML export.

Implemented from the publisher's documented layout (no real file in ../shared/data; tested on
the fixture in tests/lists/fixtures/eu_fsf): root `export` (attribute generationDate), one
`sanctionEntity` per target (attribute logicalId = our entity_id) with `subjectType@code`
(person / enterprise), `nameAlias` (wholeName or firstName/middleName/lastName, strong="true"
/"false"), `citizenship@countryIso2Code`, `birthdate` (birthdate or year), `identification`
(number, identificationTypeCode), `address@countryIso2Code` and `regulation@programme`.
Namespaces are ignored. The FSF file name carries its date, so the lexically last *.xml of
the folder is read.
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
    is_latin,
    parse_dates,
    xml_error,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, EntityRecord
from screening.types import Kind

SOURCE = "eu_fsf"
_KINDS: dict[str, Kind] = {"person": "person", "enterprise": "organization"}
_ID_CODES = {
    "passport": "passport",
    "id": "national_id",
    "fiscal": "tax_id",
    "regnumber": "registration",
    "swiftbic": "swift",
    "imo": "imo",
}


def load(source_dir: Path) -> Loaded:
    candidates = sorted(p for p in source_dir.iterdir() if p.suffix.lower() == ".xml")
    if not candidates:
        raise ListFormatError(source_dir, "folder", "no EU FSF *.xml file")
    path = candidates[-1]
    records: list[EntityRecord] = []
    published: dict[str, str] = {}
    n = 0
    try:
        events = ET.iterparse(path, events=("start", "end"))
        _, root = next(events)
        check_root(path, root, "export")
        if dates := parse_dates(root.get("generationDate", "")):
            published[path.name] = dates[0]
        for event, el in events:
            if event == "end" and el.tag.rpartition("}")[2] == "sanctionEntity":
                n += 1
                records.append(_record(el, path, n))
                el.clear()
    except ET.ParseError as exc:
        raise xml_error(path, exc) from exc
    return Loaded(records, [path], published)


def _children(el: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in el if c.tag.rpartition("}")[2] == name]


def _record(el: ET.Element, path: Path, n: int) -> EntityRecord:
    where = f"element <sanctionEntity> #{n}"
    entity_id = clean(el.get("logicalId"))
    subject = _children(el, "subjectType")
    code = clean(subject[0].get("code")).lower() if subject else ""
    aliases = []
    for alias in _children(el, "nameAlias"):
        whole = clean(alias.get("wholeName")) or " ".join(
            p for p in (clean(alias.get(a)) for a in ("firstName", "middleName", "lastName")) if p
        )
        weak = clean(alias.get("strong")).lower() == "false"
        if not whole:
            continue
        if weak:
            aliases.append(Alias(whole, "weak_aka", "weak"))
        else:
            aliases.append(Alias(whole, "aka" if is_latin(whole) else "original_script"))
    if not entity_id or not aliases:
        raise ListFormatError(path, where, "missing logicalId or nameAlias")
    record = EntityRecord(
        source=SOURCE,
        entity_id=entity_id,
        kind=_KINDS.get(code, "unknown"),
        name=aliases[0].name,
        aliases=aliases[1:],
        programs=[p for p in (clean(r.get("programme")) for r in _children(el, "regulation")) if p],
    )
    for tag in ("citizenship", "address"):
        for c in _children(el, tag):
            if iso := to_iso2(clean(c.get("countryIso2Code"))):
                record.countries.append(iso)
    for b in _children(el, "birthdate"):
        record.dates_of_birth += parse_dates(clean(b.get("birthdate")) or clean(b.get("year")))
    for i in _children(el, "identification"):
        type_code = clean(i.get("identificationTypeCode")).lower()
        kind = _ID_CODES.get(type_code) or identifier_type(type_code) or "other"
        if found := identifier(kind, clean(i.get("number"))):
            record.identifiers.append(found)
    remarks = [clean(r.text) for r in _children(el, "remark") if clean(r.text)]
    record.remarks = "\n".join(remarks) or None
    return finalize(record)
