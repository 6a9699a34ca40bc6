"""OpenSanctions exports: targets.simple.csv or entities.ftm.json (FollowTheMoney, one per line).

The source folder may hold the files directly or one sub-folder per dataset
(`opensanctions/<dataset>/...`); every folder is loaded, entities.ftm.json preferred when a
folder has both. Only targets of the name-bearing schemata are kept (no Address, Sanction, ...).
An id seen in two datasets is merged into one record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from screening.errors import ListFormatError
from screening.lists.loaders._common import (
    Loaded,
    clean,
    csv_dicts,
    finalize,
    identifier,
    merge_duplicates,
    parse_dates,
    read_text,
    script_alias,
    split,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, EntityRecord, IdentifierRecord
from screening.types import Kind

SOURCE = "opensanctions"
_KINDS: dict[str, Kind] = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "LegalEntity": "organization",
    "PublicBody": "organization",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
_FTM_IDS = {
    "imoNumber": "imo",
    "passportNumber": "passport",
    "idNumber": "national_id",
    "taxNumber": "tax_id",
    "innCode": "tax_id",
    "registrationNumber": "registration",
    "ogrnCode": "registration",
    "leiCode": "lei",
    "swiftBic": "swift",
    "mmsi": "mmsi",
}
_SIMPLE_COLUMNS = ("id", "schema", "name", "aliases", "birth_date", "countries", "identifiers")


def load(source_dir: Path) -> Loaded:
    records: list[EntityRecord] = []
    files: list[Path] = []
    folders = sorted({p.parent for p in source_dir.rglob("*") if p.is_file()})
    for folder in folders:
        ftm, simple = folder / "entities.ftm.json", folder / "targets.simple.csv"
        if ftm.is_file():
            records += _load_ftm(ftm)
            files.append(ftm)
        elif simple.is_file():
            records += _load_simple(simple)
            files.append(simple)
    if not files:
        raise ListFormatError(source_dir, "folder", "no entities.ftm.json or targets.simple.csv")
    return Loaded(merge_duplicates(records), files)


def _load_simple(path: Path) -> list[EntityRecord]:
    records = []
    for line, row in csv_dicts(path, _SIMPLE_COLUMNS):
        kind = _KINDS.get(row["schema"])
        if kind is None:
            continue
        entity_id, name = row["id"].strip(), clean(row["name"])
        if not entity_id or not name:
            raise ListFormatError(path, f"line {line}", "empty id or name")
        record = EntityRecord(
            source=SOURCE,
            entity_id=entity_id,
            kind=kind,
            name=name,
            list=clean(row.get("dataset")) or None,
            aliases=[script_alias(a) for a in split(row["aliases"])],
            countries=[c for c in (to_iso2(x) for x in split(row["countries"])) if c],
            dates_of_birth=[d for x in split(row["birth_date"]) for d in parse_dates(x)],
            identifiers=[
                i for i in (_simple_identifier(x) for x in split(row["identifiers"])) if i
            ],
            programs=split(row.get("program_ids")),
        )
        records.append(finalize(record))
    return records


def _simple_identifier(value: str) -> IdentifierRecord | None:
    """targets.simple.csv gives bare values; only "IMO1234567" says what it is."""
    if value.upper().startswith("IMO") and value[3:].strip().isdigit():
        return identifier("imo", value)
    return identifier("other", value)


def _load_ftm(path: Path) -> list[EntityRecord]:
    records = []
    lines = read_text(path).split("\n")
    if not any(text.strip() for text in lines):
        raise ListFormatError(path, "line 1", "empty file, no entities")
    for line, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            entity_id, schema, props = data["id"], data["schema"], data.get("properties", {})
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ListFormatError(path, f"line {line}", f"not an FtM entity: {exc}") from exc
        datasets = data.get("datasets", [])
        if not (isinstance(schema, str) and isinstance(props, dict) and isinstance(datasets, list)):
            raise ListFormatError(path, f"line {line}", "not an FtM entity: bad schema/properties")
        if bad := sorted(k for k, v in props.items() if not isinstance(v, list)):
            raise ListFormatError(path, f"line {line}", f"properties not lists: {', '.join(bad)}")
        kind = _KINDS.get(schema)
        if kind is None or data.get("target") is False:
            continue
        if record := _ftm_record(entity_id, kind, data, props):
            records.append(record)
        else:
            raise ListFormatError(path, f"line {line}", "empty id or no name")
    return records


def _ftm_record(entity_id: Any, kind: Kind, data: Any, props: Any) -> EntityRecord | None:
    def values(*keys: str) -> list[str]:
        return [v for k in keys for v in (clean(str(x)) for x in props.get(k, [])) if v]

    names = values("name")
    caption = clean(str(data.get("caption", "")))
    name = caption if caption in names or not names else names[0]
    if not isinstance(entity_id, str) or not entity_id.strip() or not name:
        return None
    record = EntityRecord(
        source=SOURCE,
        entity_id=entity_id.strip(),
        kind=kind,
        name=name,
        list="; ".join(sorted(str(d) for d in data.get("datasets", []))) or None,
        aliases=[script_alias(n) for n in names + values("alias", "previousName")],
        countries=[
            c for c in (to_iso2(x) for x in values("nationality", "citizenship", "country")) if c
        ],
        dates_of_birth=[d for x in values("birthDate") for d in parse_dates(x)],
        programs=values("program", "programId"),
        remarks="\n".join(values("notes")) or None,
    )
    record.aliases += [Alias(n, "weak_aka", "weak") for n in values("weakAlias")]
    for prop, id_type in _FTM_IDS.items():
        record.identifiers += [i for i in (identifier(id_type, v) for v in values(prop)) if i]
    return finalize(record)
