"""The installed policy bundles, loaded once per test session (plain functions, cached)."""

from __future__ import annotations

from functools import cache
from typing import Any

from screening.events import Event, event_from_dict
from screening.paths import POLICY_DIR
from screening.policy import Policy, PolicySet
from screening.policy.installed import load_policy_set

BEFORE = "2026-11-28T10:00:00Z"  # policy 1.0.0 in force
AFTER = "2026-12-15T10:00:00Z"  # policy 1.1.0 in force


@cache
def installed() -> PolicySet:
    return load_policy_set(POLICY_DIR)


def v1_0() -> Policy:
    return installed().get("1.0.0")


def v1_1() -> Policy:
    return installed().get("1.1.0")


def event(
    goods: list[dict[str, Any]],
    origin: str | None = "DE",
    destination: str | None = "UA",
    *,
    parties: list[dict[str, Any]] | None = None,
    via: tuple[str, ...] = (),
    ports: tuple[str, ...] = (),
    occurred_at: str = AFTER,
    event_id: str = "t-geo",
) -> Event:
    raw: dict[str, Any] = {
        "event_id": event_id,
        "occurred_at": occurred_at,
        "goods": [{"line": i, **g} for i, g in enumerate(goods, start=1)],
        "transit_countries": list(via),
    }
    if parties:
        raw["parties"] = parties
    if ports:
        raw["transit_ports"] = list(ports)
    if origin is not None:
        raw["origin_country"] = origin
    if destination is not None:
        raw["destination_country"] = destination
    return event_from_dict(raw)
