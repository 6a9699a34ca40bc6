"""The canonical entity model every list loader maps to, and the content-addressed snapshot.

One row per listed entity. Loaders build `EntityRecord`s (cheap, slotted) and `entities_frame`
turns them into the one polars frame with `ENTITY_SCHEMA`; the snapshot version is a hash of
that frame's canonical content, so the same files give the same version on any machine.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Any, Literal

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
    # lower-case, e.g. "imo", "passport", "national_id", "tax_id", "registration", "swift"
    type: str
    value: str


@dataclass(slots=True)
class EntityRecord:
    source: str  # source id, e.g. "us_ofac_sdn"
    entity_id: str  # the list's own identifier (ARCHITECTURE section 3)
    kind: Kind
    name: str  # primary name as published (individuals in OFAC style "SURNAME, Given")
    list: str | None = None  # sub-list inside a source (CSL "source" column, UN list type)
    # `list` above shadows the builtin in this class body, hence `builtins.list` below.
    aliases: builtins.list[Alias] = field(default_factory=builtins.list)
    countries: builtins.list[str] = field(default_factory=builtins.list)  # ISO-2, upper case
    dates_of_birth: builtins.list[str] = field(default_factory=builtins.list)  # YYYY[-MM[-DD]]
    identifiers: builtins.list[IdentifierRecord] = field(default_factory=builtins.list)
    programs: builtins.list[str] = field(default_factory=builtins.list)
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
    """Records to the canonical frame, sorted by (source, entity_id) so order never matters.

    Built column-wise: the nested columns go in flat (row, value) and are grouped back into
    lists, about ten times faster than row-wise construction of struct lists.
    """
    n = len(records)
    frame = pl.DataFrame(
        {
            "_row": pl.Series(range(n), dtype=pl.UInt32),
            "source": pl.Series([r.source for r in records], dtype=pl.String),
            "list": pl.Series([r.list for r in records], dtype=pl.String),
            "entity_id": pl.Series([r.entity_id for r in records], dtype=pl.String),
            "kind": pl.Series([r.kind for r in records], dtype=pl.String),
            "name": pl.Series([r.name for r in records], dtype=pl.String),
            "remarks": pl.Series([r.remarks for r in records], dtype=pl.String),
        }
    )
    nested = (
        _nested(n, "aliases", [[(a.name, a.type, a.quality) for a in r.aliases] for r in records]),
        _nested(n, "countries", [r.countries for r in records]),
        _nested(n, "dates_of_birth", [r.dates_of_birth for r in records]),
        _nested(n, "identifiers", [[(i.type, i.value) for i in r.identifiers] for r in records]),
        _nested(n, "programs", [r.programs for r in records]),
    )
    for part in nested:
        frame = frame.join(part, on="_row", how="left", maintain_order="left")
    columns = [
        pl.col(c).fill_null(pl.lit([], dtype=t)) if isinstance(t, pl.List) else pl.col(c)
        for c, t in ENTITY_SCHEMA.items()
    ]
    frame = frame.select(columns).cast(ENTITY_SCHEMA)  # type: ignore[arg-type]
    return frame.sort(["source", "entity_id"], maintain_order=True)


def _nested(n: int, column: str, values: list[list[Any]]) -> pl.DataFrame:
    """(_row, list column) for rows with at least one value; order inside each list is kept."""
    dtype = ENTITY_SCHEMA[column]
    assert isinstance(dtype, pl.List)
    rows = [i for i, items in enumerate(values) for _ in items]
    flat = [item for items in values for item in items]
    inner = dtype.inner
    if isinstance(inner, pl.Struct):
        fields = [f.name for f in inner.fields]
        cols = {f: pl.Series([v[k] for v in flat], dtype=pl.String) for k, f in enumerate(fields)}
        value = pl.struct(*fields).alias(column)
    else:
        cols = {column: pl.Series(flat, dtype=pl.String)}
        value = pl.col(column)
    table = pl.DataFrame({"_row": pl.Series(rows, dtype=pl.UInt32), **cols})
    # group_by keeps the order of rows inside each group (polars documents it)
    return table.group_by("_row", maintain_order=True).agg(value)
