"""Canada: Consolidated Canadian Autonomous Sanctions List (sema-lmes.xml, flat `record`s).

The id is Country + Schedule + Item ("Russia|1, Part 1|123"): PROVENANCE names Country+Item,
but item numbers restart in each schedule part (persons and entities), so the schedule is part
of the key. `Country` is the regime, not a nationality: it becomes the programme.
`Aliases` is free text holding several names ("A, B, Belarusian: В, Russian: Г / Д"); it is
split on "," ";" and "/" and a "Language:" label is dropped; for persons a one-word piece is a
fragment of a spelling variant ("Aleksander/ Aleksandr or Alexander /Alexandr V. K."), not a name,
and is dropped. " or " variants inside one name are kept whole: splitting them gives fragments.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from screening.errors import ListFormatError
from screening.lists.loaders._common import (
    Loaded,
    check_root,
    clean,
    finalize,
    identifier,
    parse_dates,
    require_file,
    script_alias,
    xml_error,
)
from screening.lists.model import Alias, EntityRecord
from screening.types import Kind

SOURCE = "ca_sema"
_SPLIT = re.compile(r"[,;/]")
_LANGUAGE = re.compile(r"^\(?[A-Z][a-z]+ ?:\s*")  # "Belarusian: ", "Russian : "


def load(source_dir: Path) -> Loaded:
    path = require_file(source_dir, "sema-lmes.xml")
    records: list[EntityRecord] = []
    n = 0
    try:
        events = ET.iterparse(path, events=("start", "end"))
        check_root(path, next(events)[1], "data-set")
        for event, el in events:
            if event == "end" and el.tag == "record":
                n += 1
                records.append(_record({c.tag: clean(c.text) for c in el}, path, n))
                el.clear()
    except ET.ParseError as exc:
        raise xml_error(path, exc) from exc
    return Loaded(records, [path])


def _record(fields: dict[str, str], path: Path, n: int) -> EntityRecord:
    regime = fields.get("Country", "").split(" / ")[0].strip()
    item = fields.get("Item", "")
    entity = fields.get("EntityOrShip", "")
    person = " ".join(p for p in (fields.get("GivenName"), fields.get("LastName")) if p)
    name = entity or person
    if not regime or not item or not name:
        raise ListFormatError(path, f"element <record> #{n}", "missing Country, Item or name")
    imo = fields.get("ShipIMONumber", "")
    kind: Kind = "vessel" if imo else "organization" if entity else "person"
    record = EntityRecord(
        source=SOURCE,
        entity_id=f"{regime}|{fields.get('Schedule', '')}|{item}",
        kind=kind,
        name=name,
        aliases=[script_alias(a) for a in split_aliases(fields.get("Aliases", ""), bool(entity))],
        programs=[regime],
        identifiers=[i for i in [identifier("imo", imo)] if i],
    )
    if kind == "person":
        record.dates_of_birth = parse_dates(fields.get("DateOfBirthOrShipBuildDate", ""))
    if entity and person:  # a person listed with an entity-style name as well
        record.aliases.append(Alias(person))
    return finalize(record)


def split_aliases(text: str, entity: bool) -> list[str]:
    """The names in an `Aliases` text; for persons one-word fragments ("Aleksander") are dropped."""
    names = []
    for part in _SPLIT.split(text):
        part = _LANGUAGE.sub("", clean(part)).strip(" ()\"'")
        if len(part) > 1 and (entity or " " in part):
            names.append(part)
    return names
