"""The Pillar One evaluator: a pure function of (policy, goods line, route).

It follows the deterministic algorithm of the research notes, section (c): normalise the HS
code, longest-prefix match, widen 2/4-digit codes to every category they may hold, ECCN uplift,
country groups, then the most restrictive matrix cell over all counterparts. Every lookup is
precomputed at load because `evaluate` runs per event on a live stream.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from screening.events import Event
from screening.policy.bundle import DIRECTION_KEYS, GoodsRow, PolicySpec, read_bundle
from screening.types import ACTION_SEVERITY, Action, Category, Direction, GoodsRule, strictest

HsStatus = Literal["determinative", "insufficient", "invalid"]

_DIRECTIONS: tuple[Direction, ...] = ("export", "import", "transit")
_HS_SEPARATORS = str.maketrans("", "", ". -")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)


@dataclass(frozen=True, slots=True)
class Counterpart:
    """One country of the route, as the policy sees it."""

    declared: str  # as received
    country: str | None  # after aliases and treated_as; None when unknown
    direction: Direction
    group: str | None  # None when the country is unknown
    actions: tuple[Action, ...]  # matrix cell for each of `Classification.categories`

    @property
    def worst(self) -> Action:
        return strictest(list(self.actions))


@dataclass(frozen=True, slots=True)
class EccnResult:
    eccn: str  # uppercased
    pattern: str | None  # the rule that matched
    category: Category | None
    valid: bool


@dataclass(frozen=True, slots=True)
class Classification:
    """Every step of one goods-line decision, for `evaluate` and for `policy check`."""

    hs_raw: object
    hs_code: str  # normalised digits, or the raw value as text when not normalisable
    hs_status: HsStatus
    row: GoodsRow | None  # longest matching prefix
    hs_category: Category | None  # of the row, or the default; None for an invalid code
    eccn: EccnResult | None
    category: Category | None  # after the ECCN uplift; None for an invalid code
    categories: tuple[Category, ...]  # every category the line may have, ascending
    counterparts: tuple[Counterpart, ...]
    matrix_action: Action  # from the matrix alone
    action: Action  # after the invalid-input floor
    trigger: Counterpart | None  # the counterpart that set the action
    reasons: tuple[str, ...]
    rule_id: str
    value: float | None
    currency: str | None

    def rule(self, line: int) -> GoodsRule:
        trigger = self.trigger
        return GoodsRule(
            line=line,
            hs_code=self.hs_code,
            rule_id=self.rule_id,
            matched_prefix=self.row.prefix if self.row else None,
            sector=self.row.sector if self.row else None,
            category=self.category,
            country=(trigger.country or trigger.declared) if trigger else None,
            direction=trigger.direction if trigger else None,
            action=self.action,
            reasons=self.reasons,
            value=self.value,
            currency=self.currency,
        )


class Policy:
    """A loaded, validated policy bundle with its lookups precomputed."""

    __slots__ = (
        "_cells",
        "_countries",
        "_currencies",
        "_eccn_rules",
        "_extensions",
        "_invalid_chapters",
        "_precedence",
        "_rank",
        "_rows",
        "content_hash",
        "effective_from",
        "policy_id",
        "rows",
        "semver",
        "spec",
        "version",
    )

    def __init__(self, spec: PolicySpec, rows: tuple[GoodsRow, ...], content_hash: str) -> None:
        self.spec = spec
        self.rows = rows
        self.policy_id = spec.policy_id
        self.semver = spec.version
        self.effective_from: date = spec.effective_from
        self.content_hash = content_hash
        self.version = f"{spec.policy_id}@{spec.version}+{content_hash[:12]}"
        self._rank: dict[Category, int] = {c: i for i, c in enumerate(spec.categories)}
        self._rows = {row.prefix: row for row in rows}
        self._extensions: dict[str, set[Category]] = {}
        for row in rows:
            for k in (2, 4):
                if len(row.prefix) > k:
                    self._extensions.setdefault(row.prefix[:k], set()).add(row.category)
        self._invalid_chapters = frozenset(spec.invalid_hs_chapters)
        self._eccn_rules = [
            (re.compile(r.match), r.match, r.category, r.invalid) for r in spec.eccn_rules
        ]
        self._precedence = {g: i for i, g in enumerate(spec.group_precedence)}
        self._countries = self._country_index(spec)
        self._currencies = frozenset(spec.iso.currencies)
        self._cells: dict[tuple[Direction, str, Category], Action] = {}
        for direction, key in zip(_DIRECTIONS, DIRECTION_KEYS, strict=True):
            override = getattr(spec.matrix, key)
            for group, row_cells in spec.matrix.default.items():
                for category, action in row_cells.items():
                    cell = override.get(group, {}).get(category, action)
                    self._cells[(direction, group, category)] = cell

    @classmethod
    def load(cls, path: Path) -> Policy:
        bundle = read_bundle(Path(path))
        return cls(bundle.spec, bundle.rows, bundle.content_hash)

    @staticmethod
    def _country_index(spec: PolicySpec) -> dict[str, tuple[str, str]]:
        """Every accepted spelling -> (country as evaluated, group)."""
        group_of: dict[str, str] = {}
        for group in reversed(spec.group_precedence):  # the first listed group wins
            for code in spec.country_groups.get(group, ()):
                group_of[code] = group
        index: dict[str, tuple[str, str]] = {}
        for code in spec.iso.countries:
            resolved = spec.treated_as.get(code, code)
            index[code] = (resolved, group_of.get(resolved, spec.unlisted_group))
        for alias, target in spec.country_aliases.items():
            index[alias] = index[target]
        for bloc, group in spec.bloc_codes.items():
            index[bloc] = (bloc, group)
        return index

    # -- the public surface -------------------------------------------------------------------

    def country_group(self, country: str) -> str | None:
        """The counterpart group of a country as a `GoodsRule` names it; None when unknown.

        Lets adapters (metrics) label a rule by group without a field on every decision.
        """
        known = self._countries.get(_ascii_upper(country))
        return known[1] if known else None

    def evaluate(self, event: Event) -> list[GoodsRule]:
        """One rule per goods line whose outcome is not a plain allow, in line order."""
        rules: list[GoodsRule] = []
        for goods in sorted(event.goods, key=lambda g: g.line):
            result = self.classify(
                goods.hs_code,
                goods.eccn,
                event.origin_country,
                event.destination_country,
                event.transit_countries,
                goods.origin_country,
                value=goods.value,
                currency=goods.currency,
            )
            if result.action != "allow":
                rules.append(result.rule(goods.line))
        return rules

    def classify(
        self,
        hs_code: object,
        eccn: str | None,
        origin: str | None,
        destination: str | None,
        via: Sequence[str] = (),
        line_origin: object = None,
        *,
        value: object = None,
        currency: object = None,
    ) -> Classification:
        """Classify one goods line on one route; never raises on bad input."""
        reasons: set[str] = set()
        status, code = self._normalise_hs(hs_code)
        row: GoodsRow | None = None
        hs_category: Category | None = None
        if status == "invalid":
            reasons.add("HS_INVALID")
            possible = set(self.spec.categories)
        else:
            row = self._longest_prefix(code)
            hs_category = row.category if row else self.spec.default_category
            possible = {hs_category}
            if status == "insufficient":
                possible |= self._extensions.get(code, set())

        eccn_result = self._classify_eccn(eccn)
        category = hs_category
        if eccn_result is not None and not eccn_result.valid:
            reasons.add("ECCN_INVALID")
        elif eccn_result is not None and eccn_result.category is not None:
            floor = eccn_result.category
            possible = {self._higher(c, floor) for c in possible}
            if hs_category is not None:
                category = self._higher(hs_category, floor)
                if category != hs_category:
                    reasons.add("ECCN_UPLIFT")
            elif len(possible) == 1:
                category = floor
        categories = tuple(sorted(possible, key=self._rank.__getitem__))

        counterparts = self._counterparts(origin, destination, via, line_origin, categories)
        if any(cp.group is None for cp in counterparts):
            reasons.add("COUNTRY_UNKNOWN")
        if not counterparts:  # no route at all: fail closed, like an unreadable country
            reasons.add("COUNTRY_MISSING")
        known = [cp for cp in counterparts if cp.group is not None]
        per_category = [strictest([cp.actions[i] for cp in known]) for i in range(len(categories))]
        if len(set(per_category)) == 1:
            matrix_action: Action = per_category[0]
        else:  # the code may mean goods with different outcomes: keep what holds for all of them
            matrix_action = min(per_category, key=ACTION_SEVERITY.__getitem__)
            if status == "insufficient":
                reasons.add("HS_INSUFFICIENT")

        declared_value, value_ok = _parse_value(value)
        if not value_ok:
            reasons.add("VALUE_INVALID")
        declared_currency, currency_ok = self._parse_currency(currency)
        if not currency_ok:
            reasons.add("CURRENCY_UNKNOWN")

        action = matrix_action
        if reasons - {"ECCN_UPLIFT"}:  # any input the policy could not read
            action = _stricter(action, self.spec.invalid_input_action)
        trigger = self._trigger(counterparts, matrix_action, action)
        if action == "allow":
            reasons.clear()
        else:
            for cp in counterparts:
                reason = self.spec.group_reasons.get(cp.group or "")
                if reason and cp.worst == action:
                    reasons.add(reason)
            if row is not None and row.chpl:
                reasons.add("CHPL")
        return Classification(
            hs_raw=hs_code,
            hs_code=code,
            hs_status=status,
            row=row,
            hs_category=hs_category,
            eccn=eccn_result,
            category=category,
            categories=categories,
            counterparts=counterparts,
            matrix_action=matrix_action,
            action=action,
            trigger=trigger,
            reasons=tuple(sorted(reasons)),
            rule_id=self._rule_id(reasons, row, matrix_action, action),
            value=declared_value,
            currency=declared_currency,
        )

    # -- steps ----------------------------------------------------------------------------------

    def _normalise_hs(self, raw: object) -> tuple[HsStatus, str]:
        """Strings only: a number has lost its leading zeros, so it is never read as a code."""
        if not isinstance(raw, str):
            return "invalid", "" if raw is None else str(raw)
        digits = raw.strip().translate(_HS_SEPARATORS)
        if not (digits.isascii() and digits.isdigit()):
            return "invalid", raw
        if digits[:2] in self._invalid_chapters:
            return "invalid", digits
        if 6 <= len(digits) <= 10:
            return "determinative", digits
        if len(digits) in (2, 4):
            return "insufficient", digits
        return "invalid", digits

    def _longest_prefix(self, digits: str) -> GoodsRow | None:
        for k in (6, 4, 2):
            if len(digits) >= k and (row := self._rows.get(digits[:k])) is not None:
                return row
        return None

    def _classify_eccn(self, eccn: str | None) -> EccnResult | None:
        if eccn is None:
            return None
        text = eccn.strip().upper()
        for pattern, source, category, invalid in self._eccn_rules:
            if pattern.fullmatch(text):
                return EccnResult(text, source, category, not invalid)
        return EccnResult(text, None, None, False)

    def _counterparts(
        self,
        origin: str | None,
        destination: str | None,
        via: Sequence[str],
        line_origin: object,
        categories: tuple[Category, ...],
    ) -> tuple[Counterpart, ...]:
        """Destination (export), event and line origins (import), transits; each pair once."""
        route: list[tuple[object, Direction]] = [
            (destination, "export"),
            (origin, "import"),
            (line_origin, "import"),
            *((country, "transit") for country in via),
        ]
        seen: set[tuple[str, Direction]] = set()
        result: list[Counterpart] = []
        for raw, direction in route:
            if raw is None:
                continue
            declared = raw if isinstance(raw, str) else str(raw)
            if (declared, direction) in seen:
                continue
            seen.add((declared, direction))
            known = self._countries.get(_ascii_upper(raw)) if isinstance(raw, str) else None
            if known is None:
                result.append(Counterpart(declared, None, direction, None, ()))
                continue
            country, group = known
            actions = tuple(self._cells[(direction, group, c)] for c in categories)
            result.append(Counterpart(declared, country, direction, group, actions))
        return tuple(result)

    def _trigger(
        self, counterparts: tuple[Counterpart, ...], matrix_action: Action, action: Action
    ) -> Counterpart | None:
        """The counterpart behind the action: the worst outcome, then the most restrictive group."""
        if matrix_action != "allow" and matrix_action == action:
            known = [cp for cp in counterparts if cp.group is not None]
            return min(
                known,
                key=lambda cp: (
                    -ACTION_SEVERITY[cp.worst],
                    self._precedence[cp.group or ""],
                    _DIRECTIONS.index(cp.direction),
                ),
            )
        return next((cp for cp in counterparts if cp.group is None), None)

    def _rule_id(
        self, reasons: set[str], row: GoodsRow | None, matrix_action: Action, action: Action
    ) -> str:
        """A stable id for the rule that set the action."""
        if "EMBARGO" in reasons:
            return "p1:embargo"
        if "HS_INVALID" in reasons:
            return "p1:hs-invalid"
        if "HS_INSUFFICIENT" in reasons:
            return "p1:hs-insufficient"
        if action != "allow" and matrix_action == action:
            return f"p1:{row.prefix}" if row else "p1:default"
        for reason in (
            "ECCN_INVALID",
            "COUNTRY_UNKNOWN",
            "COUNTRY_MISSING",
            "VALUE_INVALID",
            "CURRENCY_UNKNOWN",
        ):
            if reason in reasons:
                return "p1:" + reason.lower().replace("_", "-")
        return "p1:allow"

    def _higher(self, a: Category, b: Category) -> Category:
        return a if self._rank[a] >= self._rank[b] else b

    def _parse_currency(self, raw: object) -> tuple[str | None, bool]:
        if raw is None:
            return None, True
        if not isinstance(raw, str):
            return str(raw), False
        code = _ascii_upper(raw)
        return (code, True) if code in self._currencies else (raw, False)


def _parse_value(raw: object) -> tuple[float | None, bool]:
    """A declared value: a number or a plain numeric string, finite and not negative."""
    if raw is None:
        return None, True
    if isinstance(raw, bool):
        return None, False
    try:
        if isinstance(raw, int | float):
            number = float(raw)
        elif isinstance(raw, str) and _NUMBER.fullmatch(raw.strip()):
            number = float(raw.strip())
        else:
            return None, False
    except OverflowError:  # a JSON integer too large for a float
        return None, False
    if not math.isfinite(number) or number < 0:
        return None, False
    return number, True


def _ascii_upper(raw: str) -> str:
    """A code as looked up: trimmed and uppercased, but only when ASCII, so that non-ASCII
    letters never fold into a real code (str.upper turns 'ſe' into 'SE')."""
    text = raw.strip()
    return text.upper() if text.isascii() else text


def _stricter(a: Action, b: Action) -> Action:
    return a if ACTION_SEVERITY[a] >= ACTION_SEVERITY[b] else b
