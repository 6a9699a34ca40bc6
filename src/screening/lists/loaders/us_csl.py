"""US Consolidated Screening List (trade.gov consolidated.csv), current and older layout.

The current layout has 29 columns with `_id`; the older one (28 columns) lacks it, so the id
is derived: "sha1:" + the first 16 hex digits of sha1("<source>|<name>"), stable across runs.
`list` keeps the row's `source` (the sub-list, e.g. "Entity List (EL) - ..."); an `_id` that
appears on several sub-lists (one SDN entry also on SSI and CAPTA) is merged into one record.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from screening.errors import ListFormatError
from screening.lists.identifiers import identifier_type
from screening.lists.loaders._common import (
    Loaded,
    clean,
    csv_dicts,
    finalize,
    identifier,
    merge_duplicates,
    parse_dates,
    require_file,
    split,
)
from screening.lists.loaders.countries import to_iso2
from screening.lists.model import Alias, EntityRecord, IdentifierRecord
from screening.types import Kind

SOURCE = "us_csl"
_KINDS: dict[str, Kind] = {
    "individual": "person",
    "entity": "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_REQUIRED = ("source", "name", "type", "programs", "alt_names", "ids", "addresses")


def load(source_dir: Path) -> Loaded:
    path = require_file(source_dir, "consolidated.csv", "csl.csv")
    records = []
    for line, row in csv_dicts(path, _REQUIRED):
        name = clean(row["name"])
        if not name:
            raise ListFormatError(path, f"line {line}", "empty name")
        if "_id" in row:
            entity_id = row["_id"].strip()
            if not entity_id:
                raise ListFormatError(path, f"line {line}", "empty _id")
        else:
            digest = hashlib.sha1(f"{clean(row['source'])}|{name}".encode()).hexdigest()
            entity_id = f"sha1:{digest[:16]}"
        countries = [*split(row.get("citizenships")), *split(row.get("nationalities"))]
        countries += [a.rpartition(",")[2] for a in split(row["addresses"])]
        record = EntityRecord(
            source=SOURCE,
            entity_id=entity_id,
            kind=_KINDS.get(clean(row["type"]).lower(), "unknown"),
            name=name,
            list=clean(row["source"]) or None,
            aliases=[Alias(a) for a in split(row["alt_names"])],
            countries=[c for c in (to_iso2(x) for x in countries) if c],
            dates_of_birth=[d for x in split(row.get("dates_of_birth")) for d in parse_dates(x)],
            identifiers=[i for i in (_identifier(x) for x in split(row["ids"])) if i],
            programs=split(row["programs"]),
            remarks=clean(row.get("remarks")) or None,
        )
        records.append(finalize(record))
    return Loaded(merge_duplicates(records), [path])


def _identifier(item: str) -> IdentifierRecord | None:
    """ "JO, 2014-08-30, 2009-08-31, K475336, Passport": the type is last, the number before it."""
    parts = [p.strip() for p in item.split(", ")]
    if len(parts) < 2:
        return None
    kind = identifier_type(parts[-1])
    return identifier(kind, parts[-2]) if kind else None
