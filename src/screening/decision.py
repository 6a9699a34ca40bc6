"""The pure decision core: one event in, one decision out. No I/O, no Kafka, no clock.

The batch CLI, the stream worker and the replayer all call `Screener.decide`; the decision is a
pure function of (event, list_version, policy_version, engine_version) plus the `decided_at`
the caller passes in, so a replay gives the same bytes except that field.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from screening import __version__
from screening.allowlist import Allowlist, Suppression
from screening.events import Event, Party
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MatchConfig
from screening.matching.matcher import Matcher
from screening.policy import Policy
from screening.types import Action, GoodsRule, PartyHit, strictest

PARTY_CACHE_SIZE = 65_536


@dataclass(frozen=True, slots=True)
class Decision:
    event_id: str
    decision: Action
    hits: tuple[PartyHit, ...]
    rules: tuple[GoodsRule, ...]
    list_version: str
    policy_version: str
    engine_version: str
    decided_at: str
    event_digest: str
    # Allowlist (optional; absent from the output when no allowlist was applied).
    suppressed: tuple[Suppression, ...] = ()
    allowlist_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The decision contract (streams/schemas/decision.v1), keys in contract order."""
        return {
            "event_id": self.event_id,
            "decision": self.decision,
            "hits": [_hit_dict(h) for h in self.hits],
            "rules": [_rule_dict(r) for r in self.rules],
            "list_version": self.list_version,
            "policy_version": self.policy_version,
            "engine_version": self.engine_version,
            "decided_at": self.decided_at,
            "event_digest": self.event_digest,
            **self._allowlist_dict(),
        }

    def _allowlist_dict(self) -> dict[str, Any]:
        if self.allowlist_version is None:
            return {}
        return {
            "suppressed": [
                {**_hit_dict(s.hit), "allowlist_entry": s.entry_id} for s in self.suppressed
            ],
            "allowlist_version": self.allowlist_version,
        }

    def to_json(self) -> str:
        """One line of JSON; the same decision always gives the same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _hit_dict(hit: PartyHit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "party_index": hit.party_index,
        "role": hit.role,
        "list": hit.list,
        "entity_id": hit.entity_id,
        "matched_name": hit.matched_name,
        "score": hit.score,
        "action": hit.action,
        "explanation": hit.explanation,
    }
    if hit.source_list is not None:
        out["source_list"] = hit.source_list
    return out


def _rule_dict(rule: GoodsRule) -> dict[str, Any]:
    return {
        "line": rule.line,
        "hs_code": rule.hs_code,
        "rule_id": rule.rule_id,
        "matched_prefix": rule.matched_prefix,
        "sector": rule.sector,
        "category": rule.category,
        "country": rule.country,
        "direction": rule.direction,
        "action": rule.action,
        "reasons": list(rule.reasons),
        "value": rule.value,
        "currency": rule.currency,
    }


class Screener:
    """Lists, policy and matcher configuration bound together; decides events."""

    def __init__(
        self,
        snapshot: ListSnapshot,
        policy: Policy,
        config: MatchConfig,
        allowlist: Allowlist | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.policy = policy
        self.matcher = Matcher(snapshot.entities, config)
        self.engine_version = f"screening-{__version__}/{self.matcher.version}"
        # Streams repeat parties (the same consignor on many declarations): screen each once.
        self._screen_identity = lru_cache(maxsize=PARTY_CACHE_SIZE)(self._screen_identity_uncached)
        self.allowlist = allowlist.bind(snapshot.entities) if allowlist is not None else None

    def with_allowlist(self, allowlist: Allowlist | None) -> Screener:
        """The same lists, policy and matcher (no rebuild) with another allowlist."""
        other = copy.copy(self)
        other.allowlist = allowlist.bind(self.snapshot.entities) if allowlist is not None else None
        return other

    def decide(self, event: Event, decided_at: str) -> Decision:
        hits = sorted(
            (hit for party in event.parties for hit in self._screen(party)),
            key=lambda h: (-h.score, h.party_index, h.list, h.entity_id),
        )
        suppressed: list[Suppression] = []
        if self.allowlist is not None:  # cleared hits move aside; the outcome ignores them
            hits, suppressed = self.allowlist.apply(event, hits)
        rules = tuple(self.policy.evaluate(event))
        actions = [h.action for h in hits] + [r.action for r in rules]
        return Decision(
            event_id=event.event_id,
            decision=strictest(actions),
            hits=tuple(hits),
            rules=rules,
            list_version=self.snapshot.version,
            policy_version=self.policy.version,
            engine_version=self.engine_version,
            decided_at=decided_at,
            event_digest=event.digest,
            suppressed=tuple(suppressed),
            allowlist_version=self.allowlist.version if self.allowlist is not None else None,
        )

    def decide_many(self, events: Iterable[Event], decided_at: str) -> list[Decision]:
        """The batched path: same results as `decide` one by one (the party cache is shared)."""
        return [self.decide(event, decided_at) for event in events]

    def _screen(self, party: Party) -> list[PartyHit]:
        key = dataclasses.replace(party, index=0, role="")
        return [
            dataclasses.replace(hit, party_index=party.index, role=party.role)
            for hit in self._screen_identity(key)
        ]

    def _screen_identity_uncached(self, party: Party) -> tuple[PartyHit, ...]:
        return tuple(self.matcher.screen_party(party))
