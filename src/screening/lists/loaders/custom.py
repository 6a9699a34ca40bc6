"""Custom lists (`custom_<name>/entities.csv`): our own simple format for in-house lists.

Columns `id,name,kind,aliases,country`; aliases `;`-separated; kind one of person,
organization, vessel, aircraft (anything else: unknown); country ISO-2 or a country name.
The source id is the folder name.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

from screening.errors import ListFormatError
from screening.lists.loaders._common import (
    Loaded,
    clean,
    csv_dicts,
    finalize,
    require_file,
    script_alias,
    split,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import EntityRecord
from screening.types import Kind

_KINDS: dict[str, Kind] = {k: k for k in get_args(Kind)}


def load(source_dir: Path) -> Loaded:
    path = require_file(source_dir, "entities.csv")
    records = []
    for line, row in csv_dicts(path, ("id", "name", "kind", "aliases", "country")):
        entity_id, name = clean(row["id"]), clean(row["name"])
        if not entity_id or not name:
            raise ListFormatError(path, f"line {line}", "empty id or name")
        record = EntityRecord(
            source=source_dir.name,
            entity_id=entity_id,
            kind=_KINDS.get(clean(row["kind"]).lower(), "unknown"),
            name=name,
            aliases=[script_alias(a) for a in split(row["aliases"])],
            countries=[c for c in (to_iso2(x) for x in split(row["country"])) if c],
        )
        records.append(finalize(record))
    return Loaded(records, [path])
