"""Transaction events: size guard, JSON parse, schema validation, then slotted records.

Every way an input line can be wrong ends here as an `EventError` with a reason; nothing past
this module sees an unvalidated event.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator

from screening.errors import EventError
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


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(EVENT_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def canonical_json(value: Any) -> str:
    """One spelling of a JSON value: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_digest(raw: dict[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(raw).encode("utf-8")).hexdigest()


def parse_event(data: bytes | str) -> Event:
    """Bytes or text of one event to a validated `Event`; raises `EventError` with the reason."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8"))
    if size > MAX_EVENT_BYTES:
        raise EventError(
            f"event is {size} bytes, over the {MAX_EVENT_BYTES} byte limit", "EVENT_TOO_LARGE"
        )
    try:
        raw = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise EventError(f"not valid JSON: {exc}", "EVENT_BAD_JSON") from exc
    return event_from_dict(raw)


def event_from_dict(raw: Any) -> Event:
    if not isinstance(raw, dict):
        raise EventError(f"event must be a JSON object, not {type(raw).__name__}", "EVENT_SCHEMA")
    try:
        digest = event_digest(raw)
    except UnicodeEncodeError as exc:  # "\ud800": valid JSON, but no UTF-8 text can carry it
        raise EventError(f"text is not valid Unicode: {exc.reason}", "EVENT_BAD_JSON") from exc
    error = next(
        iter(sorted(_validator().iter_errors(raw), key=lambda e: list(e.absolute_path))), None
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise EventError(f"schema violation at {where}: {error.message[:300]}", "EVENT_SCHEMA")
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
