"""Transaction events: schema validation, then slotted records.

The bytes are guarded and parsed by `screening.intake`; every way an event can be wrong ends
there or here as an `EventError` with a reason, and nothing past this module sees an unvalidated
event. The published contract is `streams/schemas/transaction-event.v1.schema.json`; it is
compiled once by jsonschema-rs (a Rust validator, about 300x the pure-Python one on these
events), which follows the JSON Schema spec's ECMA-262 patterns: `\\d` is an ASCII digit and `$`
the end of the text (Python's `re`, and so the `jsonschema` package, accepted other digits
and a trailing newline).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import jsonschema_rs

from screening.errors import EventError
from screening.jsonout import dumps_sorted
from screening.paths import EVENT_SCHEMA
from screening.types import Kind

MAX_EVENT_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True)
class Identifier:
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class Party:
    index: int
    role: str
    name: str
    kind: Kind
    country: str | None
    date_of_birth: str | None
    identifiers: tuple[Identifier, ...]
    address: str | None = None


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """A goods line as declared. Values stay raw: the policy gives bad ones a defined outcome."""

    line: int
    hs_code: object
    eccn: str | None
    description: str | None
    value: object
    currency: object
    quantity: object
    origin_country: object
    hs_edition: object = None  # "HS2017" / "HS2022"; inferred by the policy when absent


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    occurred_at: str
    parties: tuple[Party, ...]
    goods: tuple[GoodsLine, ...]
    origin_country: str | None
    destination_country: str | None
    transit_countries: tuple[str, ...]
    digest: str  # sha256 of the canonical JSON of the whole event, extra fields included
    transit_ports: tuple[str, ...] = ()  # free-text port names, read by the policy's gazetteer


def event_schema() -> dict[str, Any]:
    """The published event contract, from package data."""
    schema: dict[str, Any] = json.loads(EVENT_SCHEMA.read_text(encoding="utf-8"))
    return schema


@cache
def _validator() -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(event_schema())


def _path_key(error: jsonschema_rs.ValidationError) -> list[tuple[int, int | str]]:
    return [(0, p) if isinstance(p, int) else (1, p) for p in error.instance_path]


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: sorted keys, no spaces, UTF-8 kept (json.dumps' bytes,
    written by orjson where it gives exactly those)."""
    return dumps_sorted(value)


def event_digest(raw: dict[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(raw).encode("utf-8")).hexdigest()


def parse_event(data: bytes | str) -> Event:
    """Kept for callers of the old name: the intake path is `screening.intake.parse_event`."""
    from screening.intake import parse_event as parse  # intake imports this module

    return parse(data)


def _real_moment(text: str) -> bool:
    """The schema checks the shape; this checks the calendar (no 30 February, no hour 25),
    because the policy version in force is chosen by this date."""
    value = text.strip().upper().replace(" ", "T")
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def event_from_dict(raw: Any) -> Event:
    if not isinstance(raw, dict):
        raise EventError(f"event must be a JSON object, not {type(raw).__name__}", "EVENT_SCHEMA")
    try:
        digest = event_digest(raw)
    except UnicodeEncodeError as exc:  # "\ud800": valid JSON, but no UTF-8 text can carry it
        raise EventError(f"text is not valid Unicode: {exc.reason}", "EVENT_BAD_JSON") from exc
    validator = _validator()
    if not validator.is_valid(raw):
        error = min(validator.iter_errors(raw), key=_path_key)
        where = "/".join(str(p) for p in error.instance_path) or "(root)"
        raise EventError(f"schema violation at {where}: {error.message[:300]}", "EVENT_SCHEMA")
    if not _real_moment(raw["occurred_at"]):
        raise EventError(
            f"occurred_at {raw['occurred_at']!r} is not a real date and time", "EVENT_SCHEMA"
        )
    parties = tuple(
        Party(
            index=i,
            role=p["role"],
            name=p["name"],
            kind=p.get("kind", "unknown"),
            country=p.get("country"),
            date_of_birth=p.get("date_of_birth"),
            identifiers=tuple(Identifier(x["type"], x["value"]) for x in p.get("identifiers", ())),
            address=p.get("address"),
        )
        for i, p in enumerate(raw.get("parties", ()))
    )
    goods = tuple(
        GoodsLine(
            line=g["line"],
            hs_code=g.get("hs_code"),
            eccn=g.get("eccn"),
            description=g.get("description"),
            value=g.get("value"),
            currency=g.get("currency"),
            quantity=g.get("quantity"),
            origin_country=g.get("origin_country"),
            hs_edition=g.get("hs_edition"),
        )
        for g in raw.get("goods", ())
    )
    return Event(
        event_id=raw["event_id"],
        occurred_at=raw["occurred_at"],
        parties=parties,
        goods=goods,
        origin_country=raw.get("origin_country"),
        destination_country=raw.get("destination_country"),
        transit_countries=tuple(raw.get("transit_countries", ())),
        digest=digest,
        transit_ports=tuple(raw.get("transit_ports", ())),
    )
