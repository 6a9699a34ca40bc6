"""Re-decide each recorded decision with the versions it records, and compare.

For every decision: load the list snapshot (`list_version`), the policy (`policy_version`) and
the matcher configuration (`match_config`, else the registered matcher named in
`engine_version`) from the snapshot store, check that this build gives the recorded
`engine_version`, re-decide the recorded event with the recorded `decided_at`, and compare every
field except `decided_at` and `chain`. Outcomes: identical, different (with the fields),
event missing, decision missing, version unavailable (naming the version), invalid.

`against` re-decides with another list snapshot instead (same policy and matcher) and reports
what would change: events newly blocked or flagged (or cleared), the parties and the listed
entities and goods rules behind it.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from screening.allowlist_store import AllowlistStore
from screening.decision import Decision, Screener
from screening.errors import EventError, PolicyError, ScreeningError, VersionUnavailableError
from screening.events import Event, parse_event
from screening.lists.build import from_folder
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MATCHERS, MatchConfig
from screening.policy import Policy
from screening.policy.installed import load_policy_set
from screening.replay.sources import Record
from screening.store import SnapshotStore
from screening.types import ACTION_SEVERITY

log = logging.getLogger(__name__)

Status = Literal[
    "identical",
    "different",
    "event_missing",
    "decision_missing",
    "version_unavailable",
    "invalid",
    "unchanged",
    "changed",
]
PROBLEMS: frozenset[str] = frozenset(
    {"different", "event_missing", "decision_missing", "version_unavailable", "invalid"}
)
IGNORED = frozenset({"decided_at", "chain"})


@dataclass(slots=True)
class Outcome:
    status: Status
    event_id: str | None
    place: str | None = None  # where the decision was read: partition@offset or 0@line
    differences: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    change: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status, "event_id": self.event_id}
        if self.place is not None:
            out["place"] = self.place
        if self.differences:
            out["differences"] = self.differences
        if self.error is not None:
            out["error"] = self.error
        if self.change is not None:
            out["change"] = self.change
        return out


def field_diff(recorded: Any, replayed: Any, path: str = "") -> list[dict[str, Any]]:
    """Field-level differences, as JSON paths (`hits[0].score`)."""
    if isinstance(recorded, dict) and isinstance(replayed, dict):
        out = []
        for key in [*recorded, *(k for k in replayed if k not in recorded)]:
            if not path and key in IGNORED:
                continue
            sub = f"{path}.{key}" if path else key
            if key not in recorded or key not in replayed:
                out.append(
                    {"field": sub, "recorded": recorded.get(key), "replayed": replayed.get(key)}
                )
            else:
                out += field_diff(recorded[key], replayed[key], sub)
        return out
    if isinstance(recorded, list) and isinstance(replayed, list) and len(recorded) == len(replayed):
        return [
            d
            for i, (a, b) in enumerate(zip(recorded, replayed, strict=True))
            for d in field_diff(a, b, f"{path}[{i}]")
        ]
    if recorded != replayed or type(recorded) is not type(replayed):
        return [{"field": path, "recorded": recorded, "replayed": replayed}]
    return []


class Resolver:
    """Versions → the objects they name, from the store (or a lists directory / policy file
    that gives exactly that version). Screeners are cached, a few at a time (each holds an
    index of the whole snapshot)."""

    def __init__(
        self,
        store: SnapshotStore | None,
        *,
        lists_dirs: Iterable[Path] = (),
        policy_files: Iterable[Path] = (),
        thresholds: Iterable[tuple[float, float]] = (),
        keep: int = 2,
        allowlists: AllowlistStore | None = None,
    ) -> None:
        self.store = store
        self.allowlists = allowlists
        self._allowlisted: dict[tuple[int, str], Screener] = {}
        self.lists_dirs = list(lists_dirs)
        self.policy_files = list(policy_files)
        self.thresholds = list(thresholds)
        self.keep = keep
        self._snapshots: OrderedDict[str, ListSnapshot] = OrderedDict()
        self._policies: dict[str, Policy] = {}
        self._screeners: OrderedDict[tuple[str, str, str], Screener] = OrderedDict()
        self._folder_versions: dict[Path, ListSnapshot] = {}
        self._configs: dict[tuple[Any, Any, str], MatchConfig] = {}

    def snapshot(self, version: str) -> ListSnapshot:
        if version in self._snapshots:
            self._snapshots.move_to_end(version)
            return self._snapshots[version]
        snapshot: ListSnapshot | None = None
        if self.store is not None and self.store.has_snapshot(version):
            snapshot = self.store.get_snapshot(version)
        else:
            for folder in self.lists_dirs:
                if folder not in self._folder_versions:
                    try:
                        self._folder_versions[folder] = from_folder(folder)
                    except ScreeningError as exc:  # not a usable lists directory: no match
                        log.warning("lists directory %s not usable for replay: %s", folder, exc)
                        self.lists_dirs = [f for f in self.lists_dirs if f != folder]
                        continue
                if self._folder_versions[folder].version == version:
                    snapshot = self._folder_versions[folder]
        if snapshot is None:
            where = f"the snapshot store {self.store.root}" if self.store else "no snapshot store"
            raise VersionUnavailableError(f"list version {version} is unavailable ({where})")
        self._snapshots[version] = snapshot
        while len(self._snapshots) > self.keep:
            self._snapshots.popitem(last=False)
        return snapshot

    def snapshot_of_folder(self, folder: Path) -> str:
        """The list version a lists directory gives (loaded once, then kept)."""
        if folder not in self._folder_versions:
            self._folder_versions[folder] = from_folder(folder)
        if folder not in self.lists_dirs:
            self.lists_dirs.append(folder)
        return self._folder_versions[folder].version

    def policy(self, version: str) -> Policy:
        if version in self._policies:
            return self._policies[version]
        policy: Policy | None = None
        if self.store is not None:
            try:
                policy = self.store.get_policy(version)
            except VersionUnavailableError:
                policy = None
        for path in self.policy_files:
            if policy is None:
                try:  # the installed bundles, when the recorded version is among them
                    candidate = load_policy_set(path).get(version)
                except PolicyError:
                    continue
                if candidate.version == version:
                    policy = candidate
        if policy is None:
            raise VersionUnavailableError(f"policy version {version} is unavailable")
        self._policies[version] = policy
        return policy

    def config(self, record: dict[str, Any]) -> MatchConfig:
        key = (
            record.get("match_config"),
            record.get("engine_version"),
            str(record.get("thresholds")),
        )
        if key not in self._configs:
            self._configs[key] = self._config(record)
        return self._configs[key]

    def _config(self, record: dict[str, Any]) -> MatchConfig:
        digest = record.get("match_config")
        if digest and self.store is not None:
            try:
                return self.store.get_config(digest)
            except VersionUnavailableError:
                pass
        # not stored: a registered matcher with recorded or known thresholds may give it
        engine = str(record.get("engine_version", ""))
        parts = engine.split("/")
        matcher = parts[1] if len(parts) > 1 else ""
        name, _, short = matcher.partition("+")
        thresholds = list(self.thresholds)
        if recorded := record.get("thresholds"):
            thresholds.insert(0, (recorded["block"], recorded["flag"]))
        if name in MATCHERS:
            base = MATCHERS[name]
            for block, flag in [*thresholds, (base.block_threshold, base.flag_threshold)]:
                config = base.model_copy(update={"block_threshold": block, "flag_threshold": flag})
                if ("sha256:" + config.digest == digest) or (
                    not digest and short and config.digest.startswith(short)
                ):
                    return config
        wanted = digest or matcher or "(none recorded)"
        raise VersionUnavailableError(f"matcher configuration {wanted} is unavailable")

    def screener(self, list_version: str, policy_version: str, config: MatchConfig) -> Screener:
        key = (list_version, policy_version, config.digest)
        if key in self._screeners:
            self._screeners.move_to_end(key)
            return self._screeners[key]
        screener = Screener(self.snapshot(list_version), self.policy(policy_version), config)
        self._screeners[key] = screener
        while len(self._screeners) > self.keep:
            self._screeners.popitem(last=False)
        return screener

    def for_record(self, record: dict[str, Any]) -> Screener:
        screener = self.screener(
            record["list_version"], record["policy_version"], self.config(record)
        )
        if screener.engine_version != record["engine_version"]:
            raise VersionUnavailableError(
                f"engine {record['engine_version']} is unavailable: this build gives "
                f"{screener.engine_version}"
            )
        return self.with_allowlist(screener, record.get("allowlist_version"))

    def with_allowlist(self, screener: Screener, version: str | None) -> Screener:
        """The screener with the allowlist as it stood at `version` (rebuilt from the
        allowlist store's append-only log); none recorded: none applied."""
        if version is None:
            return screener
        key = (id(screener), version)
        if key not in self._allowlisted:
            allowlist = self.allowlists.at_version(version) if self.allowlists else None
            if allowlist is None:
                where = self.allowlists.path if self.allowlists else "no allowlist store given"
                raise VersionUnavailableError(
                    f"allowlist version {version} is unavailable ({where})"
                )
            if len(self._allowlisted) > 8:
                self._allowlisted.clear()
            self._allowlisted[key] = screener.with_allowlist(allowlist)
        return self._allowlisted[key]


@dataclass(slots=True)
class Events:
    by_id: dict[str, tuple[Event, str]]
    invalid: int


def load_events(records: Iterable[Record]) -> Events:
    """Recorded events by id (the last one wins for a repeated id); bad lines are counted."""
    by_id: dict[str, tuple[Event, str]] = {}
    invalid = 0
    for record in records:
        try:
            event = parse_event(record.value)
        except EventError:
            invalid += 1  # it was an error record then too, never a decision
            continue
        by_id[event.event_id] = (event, record.place)
    return Events(by_id, invalid)


def parse_time(text: str) -> datetime:
    """An ISO 8601 date or time; naive means UTC."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _in_bounds(stamp: str | None, start: datetime | None, end: datetime | None) -> bool:
    if stamp is None or (start is None and end is None):
        return True
    try:
        when = parse_time(stamp)
    except ValueError:
        return True  # an unreadable time is compared, not dropped
    return (start is None or when >= start) and (end is None or when < end)


def replay(
    events: Events,
    decisions: Iterable[Record],
    resolver: Resolver,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    against: str | None = None,
) -> Iterator[Outcome]:
    """One outcome per recorded decision in bounds, then one per event left undecided."""
    decided: set[str] = set()
    for item in decisions:
        try:
            record = json.loads(item.value)
            recorded = Decision.from_dict(record)
        except (ValueError, KeyError, TypeError) as exc:
            yield Outcome("invalid", None, item.place, error=f"not a decision: {exc}")
            continue
        decided.add(recorded.event_id)
        if not _in_bounds(recorded.decided_at, start, end):
            continue
        found = events.by_id.get(recorded.event_id)
        if found is None:
            yield Outcome("event_missing", recorded.event_id, item.place)
            continue
        event = found[0]
        try:
            if against is None:
                screener = resolver.for_record(record)
            else:
                screener = resolver.with_allowlist(
                    resolver.screener(against, recorded.policy_version, resolver.config(record)),
                    record.get("allowlist_version"),
                )
        except VersionUnavailableError as exc:
            yield Outcome("version_unavailable", recorded.event_id, item.place, error=str(exc))
            continue
        again = screener.decide(event, recorded.decided_at)
        if against is not None:
            change = what_changed(recorded, again, event)
            status: Status = "changed" if change else "unchanged"
            yield Outcome(status, recorded.event_id, item.place, change=change)
            continue
        differences = field_diff(record, again.to_dict())
        status = "different" if differences else "identical"
        yield Outcome(status, recorded.event_id, item.place, differences)
    for event_id, (event, place) in sorted(events.by_id.items()):
        if event_id not in decided and _in_bounds(event.occurred_at, start, end):
            yield Outcome("decision_missing", event_id, place)


def _hit_key(hit: Any) -> tuple[int, str, str]:
    return (hit.party_index, hit.list, hit.entity_id)


def what_changed(recorded: Decision, again: Decision, event: Event) -> dict[str, Any] | None:
    """None when the outcome and its reasons are the same; else what moved and why."""
    old_hits = {_hit_key(h): h for h in recorded.hits}
    new_hits = {_hit_key(h): h for h in again.hits}
    old_rules = {(r.line, r.rule_id, r.action) for r in recorded.rules}
    new_rules = {(r.line, r.rule_id, r.action) for r in again.rules}
    if (
        recorded.decision == again.decision
        and old_hits.keys() == new_hits.keys()
        and (old_rules == new_rules)
    ):
        return None
    before, after = ACTION_SEVERITY[recorded.decision], ACTION_SEVERITY[again.decision]
    if after > before:
        newly = "blocked" if again.decision == "block" else "flagged"
    elif after < before:
        newly = "cleared" if again.decision == "allow" else "flagged"
    else:
        newly = "same outcome, other reasons"
    names = {p.index: p.name for p in event.parties}

    def hit(h: Any) -> dict[str, Any]:
        return {
            "party_index": h.party_index,
            "party": names.get(h.party_index),
            "role": h.role,
            "list": h.list,
            "entity_id": h.entity_id,
            "matched_name": h.matched_name,
            "score": h.score,
            "action": h.action,
        }

    return {
        "recorded": recorded.decision,
        "against": again.decision,
        "newly": newly,
        "list_version": again.list_version,
        "hits_added": [hit(new_hits[k]) for k in sorted(new_hits.keys() - old_hits.keys())],
        "hits_removed": [hit(old_hits[k]) for k in sorted(old_hits.keys() - new_hits.keys())],
        "rules_added": [list(r) for r in sorted(new_rules - old_rules)],
        "rules_removed": [list(r) for r in sorted(old_rules - new_rules)],
    }
