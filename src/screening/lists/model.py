"""The canonical entity model every list loader maps to, and the content-addressed snapshot.

One row per listed entity. Loaders build `EntityRecord`s (cheap, slotted) and `entities_frame`
turns them into the one polars frame with `ENTITY_SCHEMA`; the snapshot version is a hash of
that frame's canonical content, so the same files give the same version on any machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from screening.types import Kind

AliasType = Literal["primary_variation", "aka", "fka", "nka", "original_script", "weak_aka"]
Quality = Literal["strong", "weak"]


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    type: AliasType = "aka"
    quality: Quality = "strong"


@dataclass(frozen=True, slots=True)
class IdentifierRecord:
    type: str  # lower-case, e.g. "imo", "passport", "national_id", "tax_id", "registration", "swift"
    value: str


@dataclass(slots=True)
class EntityRecord:
    source: str  # source id, e.g. "us_ofac_sdn"
    entity_id: str  # the list's own identifier (ARCHITECTURE section 3)
    kind: Kind
    name: str  # primary name as published (individuals in OFAC style "SURNAME, Given")
    list: str | None = None  # sub-list inside a source (CSL "source" column, UN list type)
    aliases: list[Alias] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-2, upper case
    dates_of_birth: list[str] = field(default_factory=list)  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    identifiers: list[IdentifierRecord] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    remarks: str | None = None


ALIAS_STRUCT = pl.Struct({"name": pl.String, "type": pl.String, "quality": pl.String})
IDENTIFIER_STRUCT = pl.Struct({"type": pl.String, "value": pl.String})

ENTITY_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "list": pl.String(),
    "entity_id": pl.String(),
    "kind": pl.String(),
    "name": pl.String(),
    "aliases": pl.List(ALIAS_STRUCT),
    "countries": pl.List(pl.String()),
    "dates_of_birth": pl.List(pl.String()),
    "identifiers": pl.List(IDENTIFIER_STRUCT),
    "programs": pl.List(pl.String()),
    "remarks": pl.String(),
}


def entities_frame(records: list[EntityRecord]) -> pl.DataFrame:
    """Records to the canonical frame, sorted by (source, entity_id) so order never matters."""
    rows = [
        (
            r.source,
            r.list,
            r.entity_id,
            r.kind,
            r.name,
            [{"name": a.name, "type": a.type, "quality": a.quality} for a in r.aliases],
            r.countries,
            r.dates_of_birth,
            [{"type": i.type, "value": i.value} for i in r.identifiers],
            r.programs,
            r.remarks,
        )
        for r in records
    ]
    frame = pl.DataFrame(rows, schema=ENTITY_SCHEMA, orient="row")
    return frame.sort(["source", "entity_id"], maintain_order=True)
