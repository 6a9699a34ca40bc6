"""Screen parties against the listed entities: candidates from the index, name score, then
secondary attributes (kind, country, date of birth, identifiers) and the thresholds.

Everything a query needs is built once from the entities frame into plain Python lists, so a
query touches only its candidates. Outputs never depend on set or dict iteration order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import polars as pl

from screening.events import Party
from screening.lists.identifiers import identifier_type as listed_identifier_type
from screening.matching.config import MatchConfig
from screening.matching.crossscript import ScriptMatcher
from screening.matching.index import NameIndex
from screening.matching.score import NameForm, describe, name_form, score_names
from screening.types import Action, Kind, PartyHit

_ID_JUNK = re.compile(r"[^0-9A-Z]")


def identifier_type(label: str) -> str:
    """A party's identifier label in the lists' vocabulary (`IMO number` → `imo`,
    `Passport No.` → `passport`); a label the lists do not use stays itself, snake-cased."""
    return listed_identifier_type(label.replace("_", " ")) or re.sub(
        r"[\s-]+", "_", label.strip().lower()
    )


def identifier_key(kind: str, value: str) -> str:
    """Identifiers compare on upper-case letters and digits (IMO numbers on digits only)."""
    value = _ID_JUNK.sub("", value.upper())
    return re.sub(r"\D", "", value) if kind == "imo" else value


@dataclass(frozen=True, slots=True)
class _Entity:
    source: str
    list: str | None
    entity_id: str
    kind: str
    name: str
    countries: frozenset[str]
    birth_years: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Name:
    entity: int
    label: str  # "primary" or the alias type
    weak: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two names scored on the matcher's path, with the action the score would take."""

    score: float
    action: Action
    explanation: str


def _adjustments(party: Party, entity: _Entity, config: MatchConfig) -> tuple[float, list[str]]:
    """Score change from kind, country and date of birth, with one note per change."""
    delta = 0.0
    notes: list[str] = []
    if "unknown" not in (party.kind, entity.kind) and party.kind != entity.kind:
        delta -= config.kind_mismatch_penalty
        notes.append(f"kind {party.kind}≠{entity.kind} -{config.kind_mismatch_penalty:g}")
    if party.country and entity.countries:
        if party.country.upper() in entity.countries:
            delta += config.country_match_bonus
            notes.append(f"country {party.country.upper()} +{config.country_match_bonus:g}")
        else:
            delta -= config.country_mismatch_penalty
            notes.append(
                f"country {party.country.upper()} not listed -{config.country_mismatch_penalty:g}"
            )
    year = (party.date_of_birth or "")[:4]
    if year.isdigit() and entity.birth_years:
        if year in entity.birth_years:
            delta += config.dob_year_match_bonus
            notes.append(f"born {year} +{config.dob_year_match_bonus:g}")
        else:
            delta -= config.dob_year_mismatch_penalty
            notes.append(f"born {year} not listed -{config.dob_year_mismatch_penalty:g}")
    return delta, notes


class Matcher:
    def __init__(self, entities: pl.DataFrame, config: MatchConfig) -> None:
        self.config = config
        self._build(entities)

    def _build(self, entities: pl.DataFrame) -> None:
        config = self.config
        self._entities: list[_Entity] = []
        self._names: list[_Name] = []
        forms: list[NameForm] = []
        self._ids: dict[tuple[str, str], list[int]] = {}
        decisive = set(config.decisive_identifiers)
        known: dict[str, NameForm] = {}  # the same name is on several lists
        columns = (
            "source",
            "list",
            "entity_id",
            "kind",
            "name",
            "aliases",
            "countries",
            "dates_of_birth",
            "identifiers",
        )
        data = entities.select(columns).to_dict(as_series=False)  # 5x faster than iter_rows
        for row in zip(*(data[c] for c in columns), strict=True):
            source, sub, entity_id, kind, name, aliases, countries, dobs, identifiers = row
            e = len(self._entities)
            self._entities.append(
                _Entity(
                    source,
                    sub,
                    entity_id,
                    kind,
                    name,
                    frozenset(countries or ()),
                    frozenset(d[:4] for d in dobs or ()),
                )
            )
            seen: set[tuple[str, ...]] = set()
            for text, label, weak in [(name, "primary", False)] + [
                (a["name"], a["type"] or "aka", a["quality"] == "weak") for a in aliases or ()
            ]:
                form = known.get(text) or known.setdefault(text, name_form(text, config))
                if form.tokens and form.tokens not in seen:
                    seen.add(form.tokens)
                    forms.append(form)
                    self._names.append(_Name(e, label, weak))
            for ident in identifiers or ():
                kind_ = ident["type"]
                value = identifier_key(kind_, ident["value"])
                if kind_ in decisive and len(value) >= config.min_identifier_length:
                    self._ids.setdefault((kind_, value), []).append(e)
        self._index = NameIndex(forms, config)
        self._scripts = ScriptMatcher(self._index, config) if config.skeleton_factor else None
        self._min_score = config.flag_threshold - config.max_bonus

    @property
    def version(self) -> str:
        return f"{self.config.name}+{self.config.digest[:12]}"

    def _action(self, score: float, source: str) -> Action:
        action = self.config.action_for(score)
        cap = self.config.list_max_action.get(source)
        if cap == "allow" or (cap == "flag" and action == "block"):
            return cap
        return action

    def screen_party(self, party: Party, *, exhaustive: bool = False) -> list[PartyHit]:
        """Hits at or above the flag threshold, one per entity, best first.

        `exhaustive` scores every list name that can score at all instead of the index's
        candidates: slow, for measuring what the index misses (`benchmarks/`).
        """
        config = self.config
        best: dict[int, tuple[float, str, str]] = {}  # entity → (score, matched name, why)
        for ident in party.identifiers:
            kind = identifier_type(ident.type)
            for e in self._ids.get((kind, identifier_key(kind, ident.value)), ()):
                why = f"identifier {ident.type} {ident.value} matches the listed entity"
                best[e] = (1.0, self._entities[e].name, why)
        query = name_form(party.name, config)
        index = self._index
        if config.revision and not exhaustive:
            query = self._unglue(query)
        if exhaustive:
            names = index.scan(query, self._min_score)
        else:
            names = index.candidates(query, self._min_score)
        work = [(n, query, 1.0, "") for n in names]
        if self._scripts is not None:  # a name in another script, read into the lists' Latin
            work += [
                (c.name, c.query, c.factor, c.note)
                for c in self._scripts.candidates(party.name, self._min_score)
            ]
        for n, form, factor, read in work:
            meta = self._names[n]
            if meta.entity in best and best[meta.entity][0] >= 1.0:
                continue
            listed = index.names[n]
            result = score_names(form, listed, config)
            score = result.score * factor * (config.weak_alias_factor if meta.weak else 1.0)
            if score + config.max_bonus < config.flag_threshold:
                continue
            entity = self._entities[meta.entity]
            delta, notes = _adjustments(party, entity, config)
            final = round(min(1.0, max(0.0, score + delta)), 4)
            if final < config.flag_threshold or final <= best.get(meta.entity, (-1.0,))[0]:
                continue
            label = meta.label + (", weak" if meta.weak else "")
            why = (
                f"{party.name!r} ~ {listed.text!r} ({label}): name {result.score:.3f}"
                f" [{describe(form, listed, result)}]"
            )
            if read:
                why += f"; {read}"
            if meta.weak:
                why += f"; weak alias x{config.weak_alias_factor:g}"
            if notes:
                why += "; " + "; ".join(notes)
            best[meta.entity] = (final, listed.text, why)
        hits = []
        for e, (score, matched, why) in best.items():
            entity = self._entities[e]
            action = self._action(score, entity.source)
            if action != "allow":
                hits.append(
                    PartyHit(
                        party.index,
                        party.role,
                        entity.source,
                        entity.entity_id,
                        matched,
                        score,
                        action,
                        why,
                        entity.list,
                    )
                )
        hits.sort(key=lambda h: (-h.score, h.list, h.entity_id))
        return hits

    def _unglue(self, query: NameForm) -> NameForm:
        """Tokens that are listed words run together, split (letter-spaced names become one
        token in normalisation, so they come here too); unchanged when none are."""
        index = self._index
        if all(t in index.postings or index.neighbours(t) for t in query.raw):
            return query
        words: list[str] = []
        changed = False
        for token in query.raw:
            pieces = None if index.neighbours(token) else index.split_glued(token)
            changed = changed or pieces is not None
            words += pieces or [token]
        if not changed:
            return query
        form = name_form(" ".join(words), self.config)
        return NameForm(query.text, form.tokens, form.raw, form.match, form.miss)

    def compare(self, name_a: str, name_b: str, kind: Kind = "unknown") -> Comparison:
        return compare(name_a, name_b, self.config, kind)


def compare(name_a: str, name_b: str, config: MatchConfig, kind: Kind = "unknown") -> Comparison:
    """Score two free names on the matcher's name path (`name_b` in the role of the listed name).

    `kind` applies to both names, so it never adds a mismatch penalty; it is kept in the
    explanation for the record.
    """
    a, b = name_form(name_a, config), name_form(name_b, config)
    result = score_names(a, b, config)
    score = round(result.score, 4)
    action = config.action_for(score)
    why = f"{name_a!r} ~ {name_b!r} ({kind}): {describe(a, b, result)}"
    return Comparison(score, action, why)
