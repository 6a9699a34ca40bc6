"""Records that cross module boundaries: literal outcome types, party hits, goods rules.

Slotted and frozen: they sit on the per-event hot path and in decisions that must not change
after they are made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Action = Literal["block", "flag", "allow"]
Kind = Literal["person", "organization", "vessel", "aircraft", "unknown"]
Category = Literal["strategic", "critical", "other"]
Direction = Literal["export", "import", "transit"]

ACTION_SEVERITY: dict[Action, int] = {"allow": 0, "flag": 1, "block": 2}


def strictest(actions: list[Action]) -> Action:
    """The most severe action of a list; `allow` for none."""
    return max(actions, key=ACTION_SEVERITY.__getitem__, default="allow")


@dataclass(frozen=True, slots=True)
class PartyHit:
    """One party of an event matched one listed entity (the best of its names)."""

    party_index: int
    role: str
    list: str  # source id, e.g. "us_ofac_sdn"
    entity_id: str
    matched_name: str
    score: float  # 0..1, rounded to 4 places so decisions are byte-stable
    action: Action
    explanation: str
    source_list: str | None = None  # sub-list inside a source, e.g. CSL "Entity List (EL) - ..."


@dataclass(frozen=True, slots=True)
class GoodsRule:
    """One goods line whose Pillar One outcome is not a plain allow."""

    line: int
    hs_code: str  # normalised digits, or the raw value when it could not be normalised
    rule_id: str
    matched_prefix: str | None
    sector: str | None
    category: Category | None
    country: str | None
    direction: Direction | None
    action: Action
    reasons: tuple[str, ...]
    value: float | None = None
    currency: str | None = None
    # Policy 1.1.0 and later; left out of the decision JSON when None.
    hs_edition: str | None = None  # "HS2017" when the declared code was correlated
    hs2022_codes: tuple[str, ...] | None = None  # its HS 2022 successors
    region: str | None = None  # ISO 3166-2 code of the sanctioned region that set the action
    place: str | None = None  # the place name that put a counterpart in that region
    place_found_in: str | None = None  # where it was named, e.g. "party 1 (consignee) address"


MATCH_WORK_LIMIT = "MATCH_WORK_LIMIT"
"""Reason code: a party's matching reached a work bound (`matching.limits`), so its hits may be
incomplete; the decision is at least a flag."""


@dataclass(frozen=True, slots=True)
class PartyLimit:
    """A party whose screening reached a bound: never an allow, whatever its hits."""

    party_index: int
    role: str
    reason: str  # MATCH_WORK_LIMIT
    action: Action
    detail: str  # which bound, and how far the work went (deterministic: counts, not time)
