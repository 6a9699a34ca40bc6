"""The pure decision core: one event in, one decision out. No I/O, no Kafka, no clock.

The batch CLI, the stream worker and the replayer all call `Screener.decide`; the decision is a
pure function of (event, list_version, policy_version, engine_version) plus the `decided_at`
the caller passes in, so a replay gives the same bytes except that field.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from screening import __version__
from screening.events import Event, Party
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MatchConfig
from screening.matching.matcher import Matcher
from screening.policy import Policy, PolicySet
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
    out: dict[str, Any] = {
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
    # Optional fields (policy 1.1.0): absent when unset, so earlier decisions keep their bytes.
    optional = {
        "hs_edition": rule.hs_edition,
        "hs2022_codes": list(rule.hs2022_codes) if rule.hs2022_codes is not None else None,
        "region": rule.region,
        "place": rule.place,
        "place_found_in": rule.place_found_in,
    }
    out.update((k, v) for k, v in optional.items() if v is not None)
    return out


class Screener:
    """Lists, policy and matcher configuration bound together; decides events."""

    def __init__(
        self, snapshot: ListSnapshot, policy: Policy | PolicySet, config: MatchConfig
    ) -> None:
        self.snapshot = snapshot
        # Several installed versions: each event is decided under the one in force on its date.
        self.policies = policy if isinstance(policy, PolicySet) else PolicySet([policy])
        self.policy = self.policies  # `.version` names every installed version, for summaries
        self.matcher = Matcher(snapshot.entities, config)
        self.engine_version = f"screening-{__version__}/{self.matcher.version}"
        # Streams repeat parties (the same consignor on many declarations): screen each once.
        # The cache wraps the matcher, not a bound method of self: no reference cycle, so a
        # replaced Screener is freed as soon as the last reference to it goes.
        self._screen_identity = lru_cache(maxsize=PARTY_CACHE_SIZE)(
            partial(_screen_party, self.matcher)
        )

    def decide(self, event: Event, decided_at: str) -> Decision:
        hits = sorted(
            (hit for party in event.parties for hit in self._screen(party)),
            key=lambda h: (-h.score, h.party_index, h.list, h.entity_id),
        )
        policy = self.policies.for_occurred_at(event.occurred_at)
        rules = tuple(policy.evaluate(event))
        actions = [h.action for h in hits] + [r.action for r in rules]
        return Decision(
            event_id=event.event_id,
            decision=strictest(actions),
            hits=tuple(hits),
            rules=rules,
            list_version=self.snapshot.version,
            policy_version=policy.version,
            engine_version=self.engine_version,
            decided_at=decided_at,
            event_digest=event.digest,
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


def _screen_party(matcher: Matcher, party: Party) -> tuple[PartyHit, ...]:
    return tuple(matcher.screen_party(party))
