"""The pure decision core: one event in, one decision out. No I/O, no Kafka, no clock.

The batch CLI, the stream worker and the replayer all call `Screener.decide`; the decision is a
pure function of (event, list_version, policy_version, engine_version) plus the `decided_at`
the caller passes in, so a replay gives the same bytes except that field.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from screening.allowlist import Allowlist, Suppression
from screening.events import Event, Identifier, Party
from screening.jsonout import dumps_compact
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MatchConfig
from screening.matching.matcher import Matcher, Screened
from screening.policy import Policy, PolicySet
from screening.types import (
    MATCH_WORK_LIMIT,
    Action,
    GoodsRule,
    Kind,
    PartyHit,
    PartyLimit,
    strictest,
)
from screening.versions import engine_version

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
    # Optional (decision.v1): what replay needs to re-decide without today's settings.
    match_config: str | None = None  # "sha256:<hex>" of the matcher configuration document
    thresholds: tuple[float, float] | None = None  # (block, flag) the hits were acted on
    chain: dict[str, Any] | None = None  # tamper evidence, see screening.chain
    # Allowlist (optional; absent from the output when no allowlist was applied).
    suppressed: tuple[Suppression, ...] = ()
    allowlist_version: str | None = None
    # Parties whose matching reached a work bound (optional; absent when none did).
    limits: tuple[PartyLimit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The decision contract (streams/schemas/decision.v1), keys in contract order."""
        out: dict[str, Any] = {
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
        if self.match_config is not None:
            out["match_config"] = self.match_config
        if self.thresholds is not None:
            out["thresholds"] = {"block": self.thresholds[0], "flag": self.thresholds[1]}
        if self.chain is not None:
            out["chain"] = dict(self.chain)
        if self.allowlist_version is not None:
            out["suppressed"] = [
                {**_hit_dict(s.hit), "allowlist_entry": s.entry_id} for s in self.suppressed
            ]
            out["allowlist_version"] = self.allowlist_version
        if self.limits:
            out["limits"] = [_limit_dict(x) for x in self.limits]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        """A decision read back from its decision.v1 JSON (the inverse of `to_dict`)."""
        thresholds = data.get("thresholds")
        return cls(
            event_id=data["event_id"],
            decision=data["decision"],
            hits=tuple(_hit_from(h) for h in data["hits"]),
            rules=tuple(_rule_from(r) for r in data["rules"]),
            list_version=data["list_version"],
            policy_version=data["policy_version"],
            engine_version=data["engine_version"],
            decided_at=data["decided_at"],
            event_digest=data["event_digest"],
            match_config=data.get("match_config"),
            thresholds=(thresholds["block"], thresholds["flag"]) if thresholds else None,
            chain=data.get("chain"),
            suppressed=tuple(
                Suppression(_hit_from(h), h["allowlist_entry"]) for h in data.get("suppressed", ())
            ),
            allowlist_version=data.get("allowlist_version"),
            limits=tuple(
                PartyLimit(x["party_index"], x["role"], x["reason"], x["action"], x["detail"])
                for x in data.get("limits", ())
            ),
        )

    @classmethod
    def from_json(cls, line: str | bytes) -> Decision:
        return cls.from_dict(json.loads(line))

    def to_json(self) -> str:
        """One line of JSON; the same decision always gives the same bytes."""
        return dumps_compact(self.to_dict())  # json.dumps' bytes, through orjson


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


def _limit_dict(limit: PartyLimit) -> dict[str, Any]:
    return {
        "party_index": limit.party_index,
        "role": limit.role,
        "reason": limit.reason,
        "action": limit.action,
        "detail": limit.detail,
    }


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


def _hit_from(data: dict[str, Any]) -> PartyHit:
    return PartyHit(
        party_index=data["party_index"],
        role=data["role"],
        list=data["list"],
        entity_id=data["entity_id"],
        matched_name=data["matched_name"],
        score=data["score"],
        action=data["action"],
        explanation=data["explanation"],
        source_list=data.get("source_list"),
    )


def _rule_from(data: dict[str, Any]) -> GoodsRule:
    return GoodsRule(
        line=data["line"],
        hs_code=data["hs_code"],
        rule_id=data["rule_id"],
        matched_prefix=data.get("matched_prefix"),
        sector=data["sector"],
        category=data["category"],
        country=data["country"],
        direction=data["direction"],
        action=data["action"],
        reasons=tuple(data["reasons"]),
        value=data.get("value"),
        currency=data.get("currency"),
        hs_edition=data.get("hs_edition"),
        hs2022_codes=tuple(data["hs2022_codes"]) if data.get("hs2022_codes") is not None else None,
        region=data.get("region"),
        place=data.get("place"),
        place_found_in=data.get("place_found_in"),
    )


class Screener:
    """Lists, policy and matcher configuration bound together; decides events."""

    def __init__(
        self,
        snapshot: ListSnapshot,
        policy: Policy | PolicySet,
        config: MatchConfig,
        allowlist: Allowlist | None = None,
    ) -> None:
        self.snapshot = snapshot
        # Several installed versions: each event is decided under the one in force on its date.
        self.policies = policy if isinstance(policy, PolicySet) else PolicySet([policy])
        self.policy = self.policies  # `.version` names every installed version, for summaries
        self.matcher = Matcher(snapshot.entities, config)
        self.engine_version = engine_version(self.matcher.version)
        self.match_config = "sha256:" + config.digest
        self.thresholds = (config.block_threshold, config.flag_threshold)
        # Streams repeat parties (the same consignor on many declarations): screen each once.
        # The cache wraps the matcher, not a bound method of self: no reference cycle, so a
        # replaced Screener is freed as soon as the last reference to it goes.
        self._screen_identity = lru_cache(maxsize=PARTY_CACHE_SIZE)(
            partial(_screen_party, self.matcher)
        )
        self.allowlist = allowlist.bind(snapshot.entities) if allowlist is not None else None

    def with_allowlist(self, allowlist: Allowlist | None) -> Screener:
        """The same lists, policy and matcher (no rebuild) with another allowlist."""
        other = copy.copy(self)
        other.allowlist = allowlist.bind(self.snapshot.entities) if allowlist is not None else None
        return other

    def decide(self, event: Event, decided_at: str) -> Decision:
        hits: list[PartyHit] = []
        limits: list[PartyLimit] = []
        for party in event.parties:
            screened = self._screen_identity(
                party.name, party.kind, party.country, party.date_of_birth, party.identifiers
            )
            for hit in screened.hits:  # screened as party 0 with no role: give it this one's
                hits.append(
                    PartyHit(
                        party.index,
                        party.role,
                        hit.list,
                        hit.entity_id,
                        hit.matched_name,
                        hit.score,
                        hit.action,
                        hit.explanation,
                        hit.source_list,
                    )
                )
            if screened.limit is not None:  # never a silent allow: at least a flag
                limits.append(
                    PartyLimit(party.index, party.role, MATCH_WORK_LIMIT, "flag", screened.limit)
                )
        if len(hits) > 1:
            hits.sort(key=lambda h: (-h.score, h.party_index, h.list, h.entity_id))
        suppressed: list[Suppression] = []
        if self.allowlist is not None:  # cleared hits move aside; the outcome ignores them
            hits, suppressed = self.allowlist.apply(event, hits)
        policy = self.policies.for_occurred_at(event.occurred_at)
        rules = tuple(policy.evaluate(event))
        actions = [h.action for h in hits] + [r.action for r in rules]
        actions += [x.action for x in limits]
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
            match_config=self.match_config,
            thresholds=self.thresholds,
            suppressed=tuple(suppressed),
            allowlist_version=self.allowlist.version if self.allowlist is not None else None,
            limits=tuple(limits),
        )

    def decide_many(self, events: Iterable[Event], decided_at: str) -> list[Decision]:
        """The batched path: same results as `decide` one by one (the party cache is shared)."""
        return [self.decide(event, decided_at) for event in events]


def _screen_party(
    matcher: Matcher,
    name: str,
    kind: Kind,
    country: str | None,
    date_of_birth: str | None,
    identifiers: tuple[Identifier, ...],
) -> Screened:
    """One party screened on what the matcher reads (not its place or role in the event), so
    the cache answers a party repeated under another role or event."""
    return matcher.screen(Party(0, "", name, kind, country, date_of_birth, identifiers))
