"""Builds events for the policy tests through the real event contract."""

from __future__ import annotations

from typing import Any

from screening.events import Event, event_from_dict


def make_event(
    goods: list[dict[str, Any]],
    origin: str | None = None,
    destination: str | None = None,
    via: tuple[str, ...] = (),
) -> Event:
    raw: dict[str, Any] = {
        "event_id": "t-1",
        "occurred_at": "2026-11-28T10:00:00Z",
        "goods": [{"line": i, **g} for i, g in enumerate(goods, start=1)],
        "transit_countries": list(via),
    }
    if origin is not None:
        raw["origin_country"] = origin
    if destination is not None:
        raw["destination_country"] = destination
    return event_from_dict(raw)
