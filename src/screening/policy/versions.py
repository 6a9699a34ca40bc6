"""Several policy versions side by side: which one is in force on a date, and what changed.

Pure: the caller loads the bundles (`screening.policy.installed`) and passes the event's
`occurred_at`; nothing here reads a clock or a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import pairwise

from screening.errors import PolicyError
from screening.policy.core import Policy
from screening.types import Action, Category, Direction

_OCCURRED = re.compile(
    r"(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", re.ASCII
)


def event_date(occurred_at: str) -> date:
    """The UTC calendar date of an event's `occurred_at` (the contract's RFC 3339 form)."""
    match = _OCCURRED.fullmatch(occurred_at.strip())
    if match is None:
        raise PolicyError(f"occurred_at {occurred_at!r} is not an RFC 3339 date-time")
    day, clock, _, zone = match.groups()
    offset = "+00:00" if zone in ("Z", "z") else zone
    try:
        moment = datetime.fromisoformat(f"{day}T{clock}{offset}")
    except ValueError as exc:
        raise PolicyError(f"occurred_at {occurred_at!r}: {exc}") from exc
    return moment.astimezone(UTC).date()


class PolicySet:
    """Installed policy versions ordered by `effective_from`, with non-overlapping windows.

    An event is decided under the version whose window [effective_from, effective_to) holds its
    date. Before the first version there was no policy at all; such (old) events are decided
    under the first version rather than dropped, and the decision says which version that was.
    A set of one bundle (`--policy FILE`, a replay) answers for every date.
    """

    __slots__ = ("_by_version", "policies")

    def __init__(self, policies: Iterable[Policy]) -> None:
        ordered = sorted(policies, key=lambda p: p.effective_from)
        if not ordered:
            raise PolicyError("no policy bundle installed")
        by_version: dict[str, Policy] = {}
        for policy in ordered:
            if policy.semver in by_version:
                raise PolicyError(f"policy version {policy.semver} is installed twice")
            by_version[policy.semver] = policy
        for old, new in pairwise(ordered):
            if old.effective_from == new.effective_from:
                raise PolicyError(
                    f"{old.semver} and {new.semver} both take effect on {new.effective_from}"
                )
            if old.effective_to != new.effective_from:
                raise PolicyError(
                    f"{old.semver} must end (effective_to) on {new.effective_from}, when "
                    f"{new.semver} takes effect, not on {old.effective_to}"
                )
        if len(ordered) > 1 and ordered[-1].effective_to is not None:
            raise PolicyError(
                f"the newest version {ordered[-1].semver} has effective_to "
                f"{ordered[-1].effective_to}: events after it would have no policy"
            )
        self.policies: tuple[Policy, ...] = tuple(ordered)
        self._by_version = by_version

    @property
    def version(self) -> str:
        """All installed versions, oldest first (for summaries; a decision names one)."""
        return ", ".join(p.version for p in self.policies)

    @property
    def newest(self) -> Policy:
        return self.policies[-1]

    def at(self, day: date) -> Policy:
        """The version in force on `day`."""
        chosen = self.policies[0]
        for policy in self.policies:
            if policy.effective_from <= day:
                chosen = policy
        return chosen

    def for_occurred_at(self, occurred_at: str) -> Policy:
        return self.at(event_date(occurred_at))

    def get(self, version: str) -> Policy:
        """A version by semver (`1.0.0`) or as a decision records it (`id@1.0.0+hash12`).

        A recorded version must name the same content: a bundle edited after the decision
        would otherwise replay under other rules without anyone noticing."""
        match = re.fullmatch(r"(?:([a-z0-9-]+)@)?(\d+\.\d+\.\d+)(?:\+([0-9a-f]+))?", version)
        if match is None:
            raise PolicyError(f"not a policy version: {version!r}")
        policy_id, semver, digest = match.groups()
        policy = self._by_version.get(semver)
        if policy is None:
            installed = ", ".join(self._by_version)
            raise PolicyError(f"policy version {semver} is not installed (installed: {installed})")
        if policy_id is not None and policy_id != policy.policy_id:
            raise PolicyError(f"{version}: installed bundle is {policy.policy_id}")
        if digest is not None and not policy.content_hash.startswith(digest):
            raise PolicyError(
                f"{version}: the installed {semver} has content hash "
                f"{policy.content_hash[:12]}, not {digest}"
            )
        return policy


# -- diff ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowChange:
    prefix: str
    old: tuple[Category, str] | None  # (category, sector), None when added
    new: tuple[Category, str] | None  # None when removed


@dataclass(frozen=True, slots=True)
class CountryChange:
    code: str  # an ISO 3166-1 code, alias, bloc or ISO 3166-2 region
    old: str | None  # group; None when the code was not accepted
    new: str | None


@dataclass(frozen=True, slots=True)
class CellChange:
    direction: Direction
    group: str
    category: Category
    old: Action | None  # None when the group did not exist
    new: Action | None


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    old: str
    new: str
    metadata: tuple[tuple[str, str, str], ...]  # (key, old, new)
    rows: tuple[RowChange, ...]
    sectors_added: tuple[str, ...]
    sectors_removed: tuple[str, ...]
    groups_added: tuple[str, ...]
    groups_removed: tuple[str, ...]
    countries: tuple[CountryChange, ...]
    cells: tuple[CellChange, ...]
    eccn_rules_changed: bool
    hs_correlation: tuple[int, int]  # HS 2017 codes correlated (old, new)
    gazetteer: tuple[int, int]  # place spellings (old, new)

    @property
    def empty(self) -> bool:
        return not (
            self.metadata
            or self.rows
            or self.groups_added
            or self.groups_removed
            or self.countries
            or self.cells
            or self.eccn_rules_changed
            or self.hs_correlation[0] != self.hs_correlation[1]
            or self.gazetteer[0] != self.gazetteer[1]
        )

    def lines(self) -> list[str]:
        """The diff as text, one change a line."""
        out = [f"--- {self.old}", f"+++ {self.new}"]
        out += [f"~ {key}: {old} -> {new}" for key, old, new in self.metadata]
        for code in self.sectors_added:
            out.append(f"+ sector {code}")
        for code in self.sectors_removed:
            out.append(f"- sector {code}")
        for r in self.rows:
            if r.old is None and r.new is not None:
                out.append(f"+ row {r.prefix}: {r.new[0]} / {r.new[1]}")
            elif r.new is None and r.old is not None:
                out.append(f"- row {r.prefix}: {r.old[0]} / {r.old[1]}")
            elif r.old is not None and r.new is not None:
                out.append(f"~ row {r.prefix}: {'/'.join(r.old)} -> {'/'.join(r.new)}")
        out += [f"+ group {g}" for g in self.groups_added]
        out += [f"- group {g}" for g in self.groups_removed]
        for c in self.countries:
            out.append(f"~ country {c.code}: {c.old or '(not accepted)'} -> {c.new or '(gone)'}")
        for cell in self.cells:
            out.append(
                f"~ matrix {cell.direction}.{cell.group}.{cell.category}: "
                f"{cell.old or '-'} -> {cell.new or '-'}"
            )
        if self.eccn_rules_changed:
            out.append("~ eccn_rules changed")
        if self.hs_correlation[0] != self.hs_correlation[1]:
            out.append(
                f"~ HS 2017 codes correlated: {self.hs_correlation[0]} -> {self.hs_correlation[1]}"
            )
        if self.gazetteer[0] != self.gazetteer[1]:
            out.append(f"~ gazetteer spellings: {self.gazetteer[0]} -> {self.gazetteer[1]}")
        return out


_DIRECTIONS: tuple[Direction, ...] = ("export", "import", "transit")


def diff(old: Policy, new: Policy) -> PolicyDiff:
    """What changed from `old` to `new`, in the terms that change a decision."""
    metadata = tuple(
        (key, str(a), str(b))
        for key, a, b in (
            ("version", old.semver, new.semver),
            ("effective_from", old.effective_from, new.effective_from),
            ("hs_nomenclature", old.spec.hs_nomenclature, new.spec.hs_nomenclature),
            ("invalid_input_action", old.spec.invalid_input_action, new.spec.invalid_input_action),
            ("default_category", old.spec.default_category, new.spec.default_category),
            ("group_precedence", old.spec.group_precedence, new.spec.group_precedence),
        )
        if a != b
    )
    old_rows = {r.prefix: (r.category, r.sector) for r in old.rows}
    new_rows = {r.prefix: (r.category, r.sector) for r in new.rows}
    rows = tuple(
        RowChange(p, old_rows.get(p), new_rows.get(p))
        for p in sorted(old_rows.keys() | new_rows.keys())
        if old_rows.get(p) != new_rows.get(p)
    )
    old_sectors = {s for _, s in old_rows.values()}
    new_sectors = {s for _, s in new_rows.values()}
    old_groups, new_groups = set(old.spec.group_precedence), set(new.spec.group_precedence)
    old_index, new_index = old.country_groups(), new.country_groups()
    countries = tuple(
        CountryChange(code, old_index.get(code), new_index.get(code))
        for code in sorted(old_index.keys() | new_index.keys())
        if old_index.get(code) != new_index.get(code)
    )
    cells = []
    for direction in _DIRECTIONS:
        for group in sorted(old_groups | new_groups):
            for category in new.spec.categories:
                a, b = old.cell(direction, group, category), new.cell(direction, group, category)
                if a != b:
                    cells.append(CellChange(direction, group, category, a, b))
    return PolicyDiff(
        old=old.version,
        new=new.version,
        metadata=metadata,
        rows=rows,
        sectors_added=tuple(sorted(new_sectors - old_sectors)),
        sectors_removed=tuple(sorted(old_sectors - new_sectors)),
        groups_added=tuple(sorted(new_groups - old_groups)),
        groups_removed=tuple(sorted(old_groups - new_groups)),
        countries=countries,
        cells=tuple(cells),
        eccn_rules_changed=old.spec.eccn_rules != new.spec.eccn_rules,
        hs_correlation=(old.correlated_codes, new.correlated_codes),
        gazetteer=(old.gazetteer_size, new.gazetteer_size),
    )


def changed_countries(d: PolicyDiff) -> Sequence[str]:
    return [c.code for c in d.countries]
