"""The Pillar One evaluator: a pure function of (policy, goods line, route).

It follows the deterministic algorithm of the research notes, section (c): normalise the HS
code, longest-prefix match, widen 2/4-digit codes to every category they may hold, ECCN uplift,
country groups, then the most restrictive matrix cell over all counterparts. Every lookup is
precomputed at load because `evaluate` runs per event on a live stream.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from screening.errors import PolicyError
from screening.events import Event
from screening.policy.bundle import DIRECTION_KEYS, GoodsRow, PolicySpec, RegionSpec, read_bundle
from screening.policy.geo import Gazetteer, PlaceMatch
from screening.types import ACTION_SEVERITY, Action, Category, Direction, GoodsRule, strictest

HsStatus = Literal["determinative", "insufficient", "invalid"]

_DIRECTIONS: tuple[Direction, ...] = ("export", "import", "transit")
_HS_SEPARATORS = str.maketrans("", "", ". -")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
_EDITION = re.compile(r"(?:HS)?(2017|2022)", re.ASCII)
# Reasons that explain a result; every other reason marks input the policy could not read.
_INFORMATIVE = frozenset({"ECCN_UPLIFT", "HS2017_CORRELATED", "HS2017_SPLIT_STRICTEST"})
# A party's role says on which side of the trade its address lies.
_ROLE_DIRECTION: dict[str, Direction] = {
    "consignee": "export",
    "buyer": "export",
    "importer": "export",
    "end_user": "export",
    "consignor": "import",
    "seller": "import",
    "exporter": "import",
}


@dataclass(frozen=True, slots=True)
class Located:
    """A place named outside the country fields: a party address, a transit port."""

    text: str
    direction: Direction
    found_in: str  # e.g. "party 2 (consignee) address"
    context: str = ""  # e.g. the party's country, for ambiguous place names
    places: tuple[PlaceMatch, ...] | None = None  # read once per event, not once per line


@dataclass(frozen=True, slots=True)
class Counterpart:
    """One country of the route, as the policy sees it."""

    declared: str  # as received
    country: str | None  # after aliases and treated_as; None when unknown
    direction: Direction
    group: str | None  # None when the country is unknown
    actions: tuple[Action, ...]  # matrix cell for each of `Classification.categories`
    region: str | None = None  # ISO 3166-2 code of a sanctioned region
    place: str | None = None  # the gazetteer name that placed it there
    found_in: str | None = None  # where the place was named

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
    hs_edition: str | None = None  # "HS2017" when the code was correlated to HS 2022
    hs_edition_inferred: bool = False
    hs2022_codes: tuple[str, ...] | None = None  # the HS 2022 successors used

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
            hs_edition=self.hs_edition,
            hs2022_codes=self.hs2022_codes,
            region=trigger.region if trigger else None,
            place=trigger.place if trigger else None,
            place_found_in=trigger.found_in if trigger else None,
        )


class Policy:
    """A loaded, validated policy bundle with its lookups precomputed."""

    __slots__ = (
        "_cells",
        "_correlation",
        "_countries",
        "_currencies",
        "_eccn_rules",
        "_extensions",
        "_hs2022",
        "_invalid_chapters",
        "_place_groups",
        "_precedence",
        "_rank",
        "_rows",
        "content_hash",
        "effective_from",
        "effective_to",
        "gazetteer",
        "policy_id",
        "rows",
        "semver",
        "spec",
        "version",
    )

    def __init__(
        self,
        spec: PolicySpec,
        rows: tuple[GoodsRow, ...],
        content_hash: str,
        data: dict[str, tuple[dict[str, str], ...]] | None = None,
        effective_to: date | None = None,
    ) -> None:
        self.spec = spec
        self.rows = rows
        self.policy_id = spec.policy_id
        self.semver = spec.version
        self.effective_from: date = spec.effective_from
        # The installed-bundles index may close the window of a bundle it cannot edit.
        self.effective_to: date | None = effective_to or spec.effective_to
        data = data or {}
        self._hs2022 = frozenset(r["hs6"] for r in data.get("hs2022_subheadings", ()))
        correlation: dict[str, list[str]] = {}
        for r in data.get("hs_correlation", ()):
            correlation.setdefault(r["hs2017"], []).append(r["hs2022"])
        self._correlation = {k: tuple(v) for k, v in correlation.items()}
        self.gazetteer = (
            Gazetteer(data["gazetteer"], spec.gazetteer_context) if "gazetteer" in data else None
        )
        self._place_groups = {
            code: region.place_group or region.group for code, region in spec.regions.items()
        }
        if self.gazetteer is not None and (
            unknown := sorted(self.gazetteer.regions() - set(spec.regions))
        ):
            raise PolicyError(
                f"{spec.policy_id}@{spec.version}: gazetteer regions {unknown} "
                "have no entry in [regions]"
            )
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
        self._countries = self._country_index(spec, data.get("subdivisions", ()))
        self._currencies = frozenset(spec.iso.currencies)
        self._cells: dict[tuple[Direction, str, Category], Action] = {}
        for direction, key in zip(_DIRECTIONS, DIRECTION_KEYS, strict=True):
            override = getattr(spec.matrix, key)
            for group, row_cells in spec.matrix.default.items():
                for category, action in row_cells.items():
                    cell = override.get(group, {}).get(category, action)
                    self._cells[(direction, group, category)] = cell

    @classmethod
    def load(cls, path: Path, effective_to: date | None = None) -> Policy:
        bundle = read_bundle(Path(path))
        return cls(bundle.spec, bundle.rows, bundle.content_hash, bundle.data, effective_to)

    def region(self, code: str) -> RegionSpec | None:
        return self.spec.regions.get(code)

    def country_groups(self) -> dict[str, str]:
        """Accepted country codes (ISO 3166-1, aliases, blocs, regions) -> group; plain ISO
        3166-2 codes are left out (they follow their country)."""
        return {
            code: group
            for code, (_, group) in self._countries.items()
            if "-" not in code or code in self.spec.regions
        }

    def cell(self, direction: Direction, group: str, category: Category) -> Action | None:
        return self._cells.get((direction, group, category))

    @property
    def correlated_codes(self) -> int:
        """HS 2017 codes (and headings) the correlation table maps to HS 2022."""
        return len(self._correlation)

    @property
    def gazetteer_size(self) -> int:
        return self.gazetteer.size if self.gazetteer is not None else 0

    @staticmethod
    def _country_index(
        spec: PolicySpec, subdivisions: Sequence[dict[str, str]] = ()
    ) -> dict[str, tuple[str, str]]:
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
        # ISO 3166-2 codes count as their country, unless the region has its own treatment.
        for row in subdivisions:
            parent = index.get(row["code"][:2])
            if parent is not None:
                index[row["code"]] = parent
        for code, region in spec.regions.items():
            index[code] = (code, region.group)
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
        located = self.located(event)
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
                hs_edition=goods.hs_edition,
                located=located,
            )
            if result.action != "allow":
                rules.append(result.rule(goods.line))
        return rules

    def located(self, event: Event) -> tuple[Located, ...]:
        """Party addresses and transit ports, when the policy has a gazetteer to read them."""
        if self.gazetteer is None:
            return ()
        gazetteer = self.gazetteer
        found: list[Located] = []
        for party in event.parties:
            direction = _ROLE_DIRECTION.get(party.role, "transit")
            where = f"party {party.index} ({party.role})"
            code = _ascii_upper(party.country) if party.country is not None else ""
            if code in self.spec.regions:
                found.append(Located(code, direction, f"{where} country"))
            if party.address:
                context = party.country or ""
                places = tuple(gazetteer.find(party.address, context=context))
                found.append(Located(party.address, direction, f"{where} address", "", places))
        for i, port in enumerate(event.transit_ports):
            places = tuple(gazetteer.find(port))
            found.append(Located(port, "transit", f"transit port {i}", "", places))
        return tuple(found)

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
        hs_edition: object = None,
        located: Sequence[Located] = (),
    ) -> Classification:
        """Classify one goods line on one route; never raises on bad input."""
        reasons: set[str] = set()
        status, code = self._normalise_hs(hs_code)
        row: GoodsRow | None = None
        hs_category: Category | None = None
        edition, inferred, successors = self._edition(hs_edition, status, code, reasons)
        if status == "invalid":
            reasons.add("HS_INVALID")
            possible = set(self.spec.categories)
        elif successors:  # an HS 2017 code: the strictest of its HS 2022 successors applies
            reasons.add("HS2017_CORRELATED")
            found: list[tuple[Category, GoodsRow | None]] = []
            for target in successors:
                hit = self._longest_prefix(target)
                found.append((hit.category if hit else self.spec.default_category, hit))
            strictest_category = max((c for c, _ in found), key=self._rank.__getitem__)
            row = next(r for c, r in found if c == strictest_category)
            if len({c for c, _ in found}) > 1:
                reasons.add("HS2017_SPLIT_STRICTEST")
            hs_category = strictest_category
            possible = {strictest_category}
            if status == "insufficient":
                for target in successors:
                    possible |= self._extensions.get(target, set())
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

        counterparts = self._counterparts(
            origin, destination, via, line_origin, categories, located
        )
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
        if reasons - _INFORMATIVE:  # any input the policy could not read
            action = _stricter(action, self.spec.invalid_input_action)
        trigger = self._trigger(counterparts, matrix_action, action)
        if action == "allow":
            reasons.clear()
        else:
            for cp in counterparts:
                if cp.worst != action:
                    continue
                reason = self.spec.group_reasons.get(cp.group or "")
                if reason:
                    reasons.add(reason)
                if cp.region is not None:
                    reasons.add(self.spec.regions[cp.region].reason)
                    if cp.place is not None:
                        reasons.add("REGION_PLACE")
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
            hs_edition=edition if successors else None,
            hs_edition_inferred=inferred,
            hs2022_codes=successors,
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

    def _edition(
        self, declared: object, status: HsStatus, code: str, reasons: set[str]
    ) -> tuple[str | None, bool, tuple[str, ...] | None]:
        """(edition, inferred?, HS 2022 successors) of a code; only with a correlation table.

        A six-digit code that exists only in HS 2017 is HS 2017 whatever was declared; a code
        in both editions is correlated only when the line says HS 2017."""
        if not self._correlation or status == "invalid":
            return None, False, None
        edition: str | None = None
        if declared is not None:
            match = _EDITION.fullmatch(
                declared.strip().upper().replace(" ", "").replace("-", "").replace("_", "")
                if isinstance(declared, str)
                else ""
            )
            if match is None:
                reasons.add("HS_EDITION_UNKNOWN")
            else:
                edition = "HS" + match.group(1)
        key = code[:6] if status == "determinative" else code
        successors = self._correlation.get(key)
        if successors is None:
            return edition, False, None
        only_2017 = status == "determinative" and key not in self._hs2022
        if only_2017:
            return "HS2017", edition != "HS2017", successors
        if edition == "HS2017":
            return edition, False, successors
        return edition, False, None

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
        located: Sequence[Located] = (),
    ) -> tuple[Counterpart, ...]:
        """Destination (export), event and line origins (import), transits, then the places
        named in addresses and ports; each (country, direction) once."""
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
            if known is None and isinstance(raw, str) and self.gazetteer is not None:
                # A place name where a country code was expected ("Sevastopol").
                places = self.gazetteer.find(raw, context="UA")
                if places:
                    result.append(
                        self._at_place(declared, direction, places[0], categories, "country field")
                    )
                    continue
            if known is None:
                result.append(Counterpart(declared, None, direction, None, ()))
                continue
            country, group = known
            actions = tuple(self._cells[(direction, group, c)] for c in categories)
            region = country if country in self.spec.regions else None
            result.append(Counterpart(declared, country, direction, group, actions, region))
        for spot in located:
            if spot.text in self.spec.regions:  # a party's country given as a region code
                group = self.spec.regions[spot.text].group
                actions = tuple(self._cells[(spot.direction, group, c)] for c in categories)
                cp = Counterpart(spot.text, spot.text, spot.direction, group, actions, spot.text)
                result.append(dataclasses.replace(cp, found_in=spot.found_in))
                continue
            if self.gazetteer is None:  # a policy without a gazetteer reads no addresses
                continue
            named = spot.places
            if named is None:
                named = tuple(self.gazetteer.find(spot.text, context=spot.context))
            for place in named:
                if (place.region, spot.direction) in seen:
                    continue
                seen.add((place.region, spot.direction))
                result.append(
                    self._at_place(spot.text, spot.direction, place, categories, spot.found_in)
                )
        return tuple(result)

    def _at_place(
        self,
        declared: str,
        direction: Direction,
        place: PlaceMatch,
        categories: tuple[Category, ...],
        found_in: str,
    ) -> Counterpart:
        """A counterpart inside a sanctioned region, found by a place name."""
        group = self._place_groups[place.region]
        actions = tuple(self._cells[(direction, group, c)] for c in categories)
        return Counterpart(
            declared, place.region, direction, group, actions, place.region, place.name, found_in
        )

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
        if any(r.startswith("REGION_") for r in reasons):
            return "p1:region"
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
