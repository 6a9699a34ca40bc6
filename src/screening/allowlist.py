"""The allowlist core: cleared (party identity, listed entity) pairs, pure and deterministic.

An entry clears exactly one pair: the party as it was screened (normalised name, kind, country,
date of birth, identifiers) against one listed entity as it was listed (its record fingerprint).
It applies only when approved by a second person, not revoked, not expired at the event's
`occurred_at`, the entity's current fingerprint equals the recorded one and the party's screened
data is equal. So it never hides a hit it was not written for: a new alias on the listed record
or a changed party country brings the hit back.

Entries are folded from append-only records (`AllowlistEntry.to_dict`; the latest record of an
entry id wins, like a compacted topic). No I/O and no clock here: times come in as arguments.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

import polars as pl

from screening.errors import AllowlistError
from screening.events import Event, Party
from screening.matching.normalize import normalize
from screening.types import Kind, PartyHit

Status = Literal["pending", "approved", "revoked"]
__all__ = [
    "Allowlist",
    "AllowlistEntry",
    "AllowlistError",
    "BoundAllowlist",
    "PartyIdentity",
    "Suppression",
    "approve",
    "entity_fingerprint",
    "fingerprints",
    "parse_instant",
    "propose",
    "revoke",
]
KINDS: tuple[Kind, ...] = ("person", "organization", "vessel", "aircraft", "unknown")


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _sha256(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PartyIdentity:
    """A party's data as screened: what an entry must find unchanged to apply."""

    name: str  # normalised (screening.matching.normalize)
    kind: Kind = "unknown"
    country: str | None = None
    date_of_birth: str | None = None
    identifiers: tuple[tuple[str, str], ...] = ()  # (type lower-case, value), sorted

    @classmethod
    def of(
        cls,
        name: str,
        kind: str = "unknown",
        country: str | None = None,
        date_of_birth: str | None = None,
        identifiers: Iterable[tuple[str, str]] = (),
    ) -> PartyIdentity:
        if kind not in KINDS:
            raise AllowlistError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        normalised = normalize(name)
        if not normalised:
            raise AllowlistError(f"name {name!r} has nothing left to match after normalising")
        return cls(
            name=normalised,
            kind=kind,
            country=country.strip().upper() if country else None,
            date_of_birth=date_of_birth.strip() if date_of_birth else None,
            identifiers=tuple(sorted({(t.strip().lower(), v.strip()) for t, v in identifiers})),
        )

    @classmethod
    def of_party(cls, party: Party) -> PartyIdentity:
        return cls.of(
            party.name,
            party.kind,
            party.country,
            party.date_of_birth,
            ((i.type, i.value) for i in party.identifiers),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "date_of_birth": self.date_of_birth,
            "identifiers": [list(i) for i in self.identifiers],
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> PartyIdentity:
        return cls(
            name=raw["name"],
            kind=raw.get("kind", "unknown"),
            country=raw.get("country"),
            date_of_birth=raw.get("date_of_birth"),
            identifiers=tuple((t, v) for t, v in raw.get("identifiers", ())),
        )


def entity_fingerprint(row: Mapping[str, Any]) -> str:
    """Digest of a listed record's identity: names, aliases, identifiers, programmes (and kind,
    countries, dates of birth). Remarks are left out: a reworded remark is not a new identity."""
    aliases = sorted((a["name"], a["type"]) for a in row.get("aliases") or ())
    identifiers = sorted((i["type"], i["value"]) for i in row.get("identifiers") or ())
    content = [
        row["source"],
        row["entity_id"],
        row.get("kind"),
        row["name"],
        aliases,
        sorted(row.get("countries") or ()),
        sorted(row.get("dates_of_birth") or ()),
        identifiers,
        sorted(row.get("programs") or ()),
    ]
    return _sha256(_canonical(content))


def fingerprints(
    entities: pl.DataFrame, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """Current fingerprints of the (source, entity_id) pairs present in a snapshot's frame."""
    wanted = sorted(set(keys))
    if not wanted:
        return {}
    probe = pl.DataFrame(
        {"source": [k[0] for k in wanted], "entity_id": [k[1] for k in wanted]},
        schema={"source": pl.String, "entity_id": pl.String},
    )
    rows = entities.join(probe, on=["source", "entity_id"], how="semi")
    return {
        (r["source"], r["entity_id"]): entity_fingerprint(r) for r in rows.iter_rows(named=True)
    }


def parse_instant(text: str) -> datetime | None:
    """RFC 3339 / ISO date to an aware UTC datetime; None when it cannot be read."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class AllowlistEntry:
    """One entry's full state; each change appends a new copy (never an edit in place)."""

    entry_id: str
    party: PartyIdentity
    list: str  # source id, e.g. "us_ofac_sdn"
    entity_id: str
    fingerprint: str  # entity_fingerprint at proposal time
    reason: str
    proposed_by: str
    proposed_at: str
    until: str  # review date (YYYY-MM-DD): the entry applies to events up to that day
    approved_by: str | None = None
    approved_at: str | None = None
    revoked_by: str | None = None
    revoked_at: str | None = None
    revoke_reason: str | None = None
    source_event: str | None = None  # the event whose review proposed it, if any

    @property
    def status(self) -> Status:
        if self.revoked_by is not None:
            return "revoked"
        return "approved" if self.approved_by is not None else "pending"

    def expired_at(self, instant: datetime) -> bool:
        return instant.date() > date.fromisoformat(self.until)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entry_id": self.entry_id,
            "status": self.status,
            "party": self.party.to_dict(),
            "list": self.list,
            "entity_id": self.entity_id,
            "fingerprint": self.fingerprint,
            "reason": self.reason,
            "proposed_by": self.proposed_by,
            "proposed_at": self.proposed_at,
            "until": self.until,
            "approved_by": self.approved_by,
            "approved_at": self.approved_at,
            "revoked_by": self.revoked_by,
            "revoked_at": self.revoked_at,
            "revoke_reason": self.revoke_reason,
            "source_event": self.source_event,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> AllowlistEntry:
        return cls(
            entry_id=raw["entry_id"],
            party=PartyIdentity.from_dict(raw["party"]),
            list=raw["list"],
            entity_id=raw["entity_id"],
            fingerprint=raw["fingerprint"],
            reason=raw["reason"],
            proposed_by=raw["proposed_by"],
            proposed_at=raw["proposed_at"],
            until=raw["until"],
            approved_by=raw.get("approved_by"),
            approved_at=raw.get("approved_at"),
            revoked_by=raw.get("revoked_by"),
            revoked_at=raw.get("revoked_at"),
            revoke_reason=raw.get("revoke_reason"),
            source_event=raw.get("source_event"),
        )


def propose(
    party: PartyIdentity,
    list_id: str,
    entity_id: str,
    fingerprint: str,
    *,
    reason: str,
    by: str,
    at: str,
    until: str,
    source_event: str | None = None,
) -> AllowlistEntry:
    """A new pending entry; its id is a digest of the proposal, so it is stable and unique."""
    if not reason.strip():
        raise AllowlistError("a reason is required")
    if not by.strip():
        raise AllowlistError("the proposing user is required")
    try:
        review = date.fromisoformat(until)
    except ValueError as exc:
        raise AllowlistError(f"review date must be YYYY-MM-DD, not {until!r}") from exc
    proposed = parse_instant(at)
    if proposed is None:
        raise AllowlistError(f"proposal time {at!r} is not RFC 3339")
    if review < proposed.date():
        raise AllowlistError(f"review date {until} is before the proposal ({at})")
    body = [party.to_dict(), list_id, entity_id, fingerprint, reason, by, at, until]
    entry_id = "al-" + hashlib.sha256(_canonical(body).encode()).hexdigest()[:16]
    return AllowlistEntry(
        entry_id=entry_id,
        party=party,
        list=list_id,
        entity_id=entity_id,
        fingerprint=fingerprint,
        reason=reason.strip(),
        proposed_by=by.strip(),
        proposed_at=at,
        until=until,
        source_event=source_event,
    )


def approve(entry: AllowlistEntry, *, by: str, at: str) -> AllowlistEntry:
    """Four eyes: the approver must be someone other than the proposer."""
    if entry.status != "pending":
        raise AllowlistError(f"entry {entry.entry_id} is {entry.status}, not pending")
    if by.strip().casefold() == entry.proposed_by.casefold():
        raise AllowlistError(
            f"four eyes: {by} proposed entry {entry.entry_id} and cannot approve it"
        )
    return replace(entry, approved_by=by.strip(), approved_at=at)


def revoke(entry: AllowlistEntry, *, by: str, at: str, reason: str) -> AllowlistEntry:
    if entry.status == "revoked":
        raise AllowlistError(f"entry {entry.entry_id} is already revoked")
    return replace(entry, revoked_by=by.strip(), revoked_at=at, revoke_reason=reason.strip())


@dataclass(frozen=True, slots=True)
class Suppression:
    hit: PartyHit
    entry_id: str


class Allowlist:
    """The entries in force, folded from records; `version` digests the approved ones."""

    def __init__(self, entries: Iterable[AllowlistEntry]) -> None:
        self.entries: dict[str, AllowlistEntry] = {e.entry_id: e for e in entries}
        active = sorted(
            (e for e in self.entries.values() if e.status == "approved"), key=lambda e: e.entry_id
        )
        self.active: tuple[AllowlistEntry, ...] = tuple(active)
        self.version = _sha256("\n".join(_canonical(e.to_dict()) for e in active))
        self._by_pair: dict[tuple[str, str], list[AllowlistEntry]] = {}
        for entry in active:
            self._by_pair.setdefault((entry.list, entry.entity_id), []).append(entry)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> Allowlist:
        """Fold append-only records: the latest record of each entry id is its state."""
        latest: dict[str, AllowlistEntry] = {}
        for raw in records:
            entry = AllowlistEntry.from_dict(raw)
            latest[entry.entry_id] = entry
        return cls(latest.values())

    def pairs(self) -> set[tuple[str, str]]:
        return set(self._by_pair)

    def for_pair(self, list_id: str, entity_id: str) -> Sequence[AllowlistEntry]:
        return self._by_pair.get((list_id, entity_id), ())

    def bind(self, entities: pl.DataFrame) -> BoundAllowlist:
        """Attach the current fingerprints of the entities the entries name (one frame join)."""
        return BoundAllowlist(self, fingerprints(entities, self.pairs()))


class BoundAllowlist:
    """An allowlist checked against one list snapshot: what `Screener.decide` applies."""

    def __init__(self, allowlist: Allowlist, current: dict[tuple[str, str], str]) -> None:
        self.allowlist = allowlist
        self.version = allowlist.version
        self._current = current

    def entry_for(
        self, hit: PartyHit, party: PartyIdentity, when: datetime | None
    ) -> AllowlistEntry | None:
        """The first approved entry that clears this hit for this party at this time."""
        candidates = self.allowlist.for_pair(hit.list, hit.entity_id)
        if not candidates or when is None:
            return None
        current = self._current.get((hit.list, hit.entity_id))
        for entry in candidates:
            if entry.fingerprint == current and entry.party == party and not entry.expired_at(when):
                return entry
        return None

    def apply(
        self, event: Event, hits: Sequence[PartyHit]
    ) -> tuple[list[PartyHit], list[Suppression]]:
        """Split hits into kept and suppressed; an unreadable `occurred_at` suppresses nothing."""
        when = parse_instant(event.occurred_at)
        identities: dict[int, PartyIdentity | None] = {}
        kept: list[PartyHit] = []
        suppressed: list[Suppression] = []
        for hit in hits:
            if hit.party_index not in identities:
                try:
                    identities[hit.party_index] = PartyIdentity.of_party(
                        event.parties[hit.party_index]
                    )
                except AllowlistError:
                    identities[hit.party_index] = None
            identity = identities[hit.party_index]
            entry = self.entry_for(hit, identity, when) if identity is not None else None
            if entry is None:
                kept.append(hit)
            else:
                suppressed.append(Suppression(hit, entry.entry_id))
        return kept, suppressed
