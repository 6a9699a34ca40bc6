"""Screen parties against the listed entities: candidates from the index, name score, then
secondary attributes (kind, country, date of birth, identifiers) and the thresholds.

Everything a query needs is built once from the entities frame into plain Python lists, so a
query touches only its candidates. Outputs never depend on set or dict iteration order.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace

import polars as pl

from screening.events import Party
from screening.lists.identifiers import identifier_type as listed_identifier_type
from screening.matching.config import MatchConfig
from screening.matching.crossscript import ScriptMatcher
from screening.matching.index import NameIndex
from screening.matching.normalize import analyze_v2, near_junk
from screening.matching.score import NameForm, NameScore, describe, name_form, score_names
from screening.types import Action, Kind, PartyHit

_ID_JUNK = re.compile(r"[^0-9A-Z]")
# Han and Hangul write a syllable per character; with kana it is Japanese, read differently.
_SYLLABIC = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3400-\u4dbf\u4e00-\u9fff]")
_KANA = re.compile("[\u3040-\u30ff]")


def _syllabic(name: str) -> bool:
    """A name in Han or Hangul: its romanised syllables match exactly or not at all."""
    return _SYLLABIC.search(name) is not None and _KANA.search(name) is None


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
class Screened:
    """One party's hits, and why its work bound was reached (None when it was not)."""

    hits: tuple[PartyHit, ...]
    limit: str | None = None


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


def _final(
    party: Party, entity: _Entity, name_score: float, config: MatchConfig
) -> tuple[float, list[str]]:
    """A hit's score from its (weak-alias weighted) name score and the secondary attributes,
    with one note per attribute that moved it: the one place both `screen_party` and
    `explain` take it from."""
    delta, notes = _adjustments(party, entity, config)
    return round(min(1.0, max(0.0, name_score + delta)), 4), notes


def _why(
    party: Party,
    query: NameForm,
    listed: NameForm,
    meta: _Name,
    result: NameScore,
    notes: list[str],
    config: MatchConfig,
) -> str:
    label = meta.label + (", weak" if meta.weak else "")
    why = (
        f"{party.name!r} ~ {listed.text!r} ({label}): name {result.score:.3f}"
        f" [{describe(query, listed, result)}]"
    )
    if meta.weak:
        why += f"; weak alias x{config.weak_alias_factor:g}"
    if notes:
        why += "; " + "; ".join(notes)
    return why


class Matcher:
    def __init__(
        self,
        entities: pl.DataFrame,
        config: MatchConfig,
        vocabulary: AbstractSet[str] | None = None,
    ) -> None:
        """`vocabulary`: the words v2 reads as words of the lists (`_read_vocabulary`); by
        default those of `entities`. `screening compare` passes a whole list's, so a pair on
        a one-entry list scores as it would on that list."""
        self.config = config
        self._build(entities)
        self._vocabulary = vocabulary

    @property
    def vocabulary(self) -> AbstractSet[str]:
        return self._vocabulary if self._vocabulary is not None else self._index.postings.keys()

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
        self._limits = config.limits
        self._by_id: dict[tuple[str, str], int] | None = None  # for `explain`, built on use
        self._names_of: list[list[int]] | None = None
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
        """`screen`'s hits only (tests, evaluation; the decision path uses `screen`)."""
        return list(self.screen(party, exhaustive=exhaustive).hits)

    def screen(self, party: Party, *, exhaustive: bool = False) -> Screened:
        """Hits at or above the flag threshold, one per entity, best first; within the work
        bounds of `config.limits`, with the bound reached if one was (`matching.limits`).

        `exhaustive` scores every list name that can score at all instead of the index's
        candidates, unbounded: slow, for measuring what the index misses (`benchmarks/`).
        """
        config = self.config
        limits = self._limits
        best: dict[int, tuple[float, int, NameScore | None, NameForm | None, list[str]]] = {}
        # entity → (score, name id or -1 for an identifier, name score, adjustment notes)
        for ident in party.identifiers:
            kind = identifier_type(ident.type)
            for e in self._ids.get((kind, identifier_key(kind, ident.value)), ()):
                best[e] = (1.0, -1, None, None, [f"identifier {ident.type} {ident.value}"])
        query, limit = self._prepare(party.name, exhaustive)
        index = self._index
        if exhaustive:
            names = index.scan(query, self._min_score)
        else:
            names = index.candidates(query, self._min_score)
            if len(names) > limits.candidates:
                limit = limit or (
                    f"{len(names)} candidate names; scored the {limits.candidates} "
                    "sharing the most with the party name"
                )
                names = self._likeliest(query, names, limits.candidates)
            elif len(query.tokens) * sum(len(index.names[n].tokens) for n in names) > (
                limits.pair_work
            ):  # the pair bound will cut: score the likeliest first
                names = self._likeliest(query, names, len(names))
        work = [(n, query, 1.0, "") for n in names]
        if self._scripts is not None:  # a name in another script, read into the lists' Latin
            exact = _syllabic(party.name)
            work += [
                (c.name, replace(c.query, exact=True) if exact else c.query, c.factor, c.note)
                for c in self._scripts.candidates(party.name, self._min_score)
            ]
        budget = limits.pair_work
        flag = config.flag_threshold
        max_bonus = config.max_bonus
        weak_factor = config.weak_alias_factor
        for k, (n, form, factor, read) in enumerate(work):
            meta = self._names[n]
            seen = best.get(meta.entity)
            if seen is not None and seen[0] >= 1.0:
                continue
            listed = index.names[n]
            if not exhaustive:
                budget -= len(form.tokens) * len(listed.tokens)
                if budget < 0:
                    limit = limit or (
                        f"{limits.pair_work} token pairs aligned after {k} of {len(work)} "
                        "candidate names"
                    )
                    break
            result = score_names(form, listed, config)
            score = result.score * factor * (weak_factor if meta.weak else 1.0)
            if score + max_bonus < flag:
                continue
            final, notes = _final(party, self._entities[meta.entity], score, config)
            if final < flag or (seen is not None and final <= seen[0]):
                continue
            best[meta.entity] = (final, n, result, form, [read, *notes] if read else notes)
        hits = []
        for e, (score, name_id, name_score, scored, why_notes) in best.items():
            entity = self._entities[e]
            action = self._action(score, entity.source)
            if action != "allow":
                matched, why = self._explain(party, scored, name_id, name_score, why_notes, entity)
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
        return Screened(tuple(hits), limit)

    def _explain(
        self,
        party: Party,
        query: NameForm | None,
        n: int,
        result: NameScore | None,
        notes: list[str],
        entity: _Entity,
    ) -> tuple[str, str]:
        """(matched name, explanation) of a hit; built only for hits, never per candidate."""
        if result is None or query is None:  # an identifier match; `notes` names it
            return entity.name, f"{notes[0]} matches the listed entity"
        meta = self._names[n]
        listed = self._index.names[n]
        return listed.text, _why(party, query, listed, meta, result, notes, self.config)

    def _prepare(self, name: str, exhaustive: bool = False) -> tuple[NameForm, str | None]:
        """The query form `screen` scores (and `explain` too): within the token bound, glued
        words split (v2, index path) and list vocabulary read (v2), with the bound reached."""
        query, limit = self._query(name)
        if self.config.revision and not exhaustive:
            query, cut = self._unglue(query)
            if cut and limit is None:  # split glued words took it past the token bound
                limit = (
                    f"{len(query.tokens) + cut} distinct name tokens once glued words are "
                    f"split; screened the first {len(query.tokens)}"
                )
        if self.config.revision:
            query = self._read_vocabulary(query)
            if _syllabic(name):
                query = replace(query, exact=True)
        return query, limit

    def _query(self, name: str) -> tuple[NameForm, str | None]:
        """The party name's form within the query token bound: repeats once and the first
        `limits.query_tokens` distinct tokens when it has more (v2 folds repeats always), with
        the bound reached, if it was."""
        config = self.config
        query = name_form(name, config)
        cap = self._limits.query_tokens
        cut = analyze_v2(name).cut if config.revision else 0
        if len(query.tokens) > cap:
            first = list(dict.fromkeys(query.tokens))
            keep = [query.tokens.index(t) for t in first]
            cut += max(0, len(keep) - cap)
            keep = keep[:cap]
            query = NameForm(
                query.text,
                tuple(query.tokens[k] for k in keep),
                tuple(query.raw[k] for k in keep),
                tuple(query.match[k] for k in keep),
                tuple(query.miss[k] for k in keep),
            )
            if not cut:
                return query, f"repeated name tokens folded to {len(keep)}"
        if cut:
            total = len(query.tokens) + cut
            return query, f"{total} distinct name tokens; screened the first {len(query.tokens)}"
        return query, None

    def _likeliest(self, query: NameForm, names: list[int], keep: int) -> list[int]:
        """The `keep` candidates likeliest to score, in that order (ties by id): query weight
        they share (a token or a typo of one, once) less the weight of their own tokens the
        query lacks, so "AL-MUHAMMAD, Muhammad" comes before a long name that also has both."""
        index = self._index
        weight: dict[str, float] = {}
        for token, match in zip(query.tokens, query.match, strict=True):
            for other, sim in index.neighbours(token):
                weight[other] = max(weight.get(other, 0.0), match * sim)

        def likely(n: int) -> float:
            form = index.names[n]
            got = lost = 0.0
            for token, miss in zip(form.tokens, form.miss, strict=True):
                share = weight.get(token)
                if share is None:
                    lost += miss
                else:
                    got += share
            return got - lost

        return sorted(names, key=lambda n: (-likely(n), n))[:keep]

    def _unglue(self, query: NameForm) -> tuple[NameForm, int]:
        """Tokens that are listed words run together, split (letter-spaced names become one
        token in normalisation, so they come here too); unchanged when none are. With the
        distinct tokens the split left out past the token bound (`Analyzed.cut`)."""
        index = self._index
        if all(t in index.postings or index.neighbours(t) for t in query.raw):
            return query, 0
        words: list[str] = []
        changed = False
        for token in query.raw:
            pieces = None if index.neighbours(token) else index.split_glued(token)
            changed = changed or pieces is not None
            words += pieces or [token]
        if not changed:
            return query, 0
        text = " ".join(words)
        form = name_form(text, self.config)
        cut = analyze_v2(text).cut
        return NameForm(query.text, form.tokens, form.raw, form.match, form.miss), cut

    def _read_vocabulary(self, query: NameForm) -> NameForm:
        """v2: which query words are words of the lists (a typo taken from a real word costs
        `known_word_typo_cost`); a word no listed name holds that is a typo of a legal form,
        title or business word (`normalize.near_junk`: JDC, KTD) weighs like that word."""
        postings = self.vocabulary
        common = self.config.common_token_weight
        match, miss = list(query.match), list(query.miss)
        known = []
        for k, (token, raw) in enumerate(zip(query.tokens, query.raw, strict=True)):
            known.append(token in postings or raw in postings)
            if not known[-1] and match[k] > common and near_junk(raw) is not None:
                match[k], miss[k] = min(match[k], common), min(miss[k], common)
        return NameForm(
            query.text, query.tokens, query.raw, tuple(match), tuple(miss), tuple(known)
        )

    def compare(self, name_a: str, name_b: str, kind: Kind = "unknown") -> Comparison:
        return compare(name_a, name_b, self.config, kind)

    def explain(self, party: Party, source: str, entity_id: str) -> Comparison:
        """The score `screen_party` gives `party` against one listed entity, whether or not it
        reaches the flag threshold: the same query form (glued words split on this matcher's
        vocabulary), every name of the entity, the weak-alias factor, the secondary
        attributes and the identifiers. `screening compare` is this on a one-entity list.
        `KeyError` when the entity is not listed here."""
        config = self.config
        e = self._entity_ids()[(source, entity_id)]
        entity = self._entities[e]
        for ident in party.identifiers:
            kind = identifier_type(ident.type)
            if e in self._ids.get((kind, identifier_key(kind, ident.value)), ()):
                why = f"identifier {ident.type} {ident.value} matches the listed entity"
                return Comparison(1.0, self._action(1.0, entity.source), why)
        query, _ = self._prepare(party.name)
        names = set(self._entity_names()[e])
        work = [(n, query, 1.0, "") for n in sorted(names)]
        if self._scripts is not None:  # the readings `screen` tries for a name in another script
            exact = _syllabic(party.name)
            work += [
                (c.name, replace(c.query, exact=True) if exact else c.query, c.factor, c.note)
                for c in self._scripts.candidates(party.name, 0.0)
                if c.name in names
            ]
        best: tuple[float, str] = (0.0, f"{party.name!r}: no name of {entity.name!r} scores")
        for n, form, factor, read in work:
            meta, listed = self._names[n], self._index.names[n]
            result = score_names(form, listed, config)
            score = result.score * factor * (config.weak_alias_factor if meta.weak else 1.0)
            final, notes = _final(party, entity, score, config)
            if final > best[0]:
                notes = [read, *notes] if read else notes
                best = (final, _why(party, form, listed, meta, result, notes, config))
        return Comparison(best[0], self._action(best[0], entity.source), best[1])

    def _entity_ids(self) -> dict[tuple[str, str], int]:
        if self._by_id is None:
            self._by_id = {(x.source, x.entity_id): e for e, x in enumerate(self._entities)}
        return self._by_id

    def _entity_names(self) -> list[list[int]]:
        if self._names_of is None:
            self._names_of = [[] for _ in self._entities]
            for n, meta in enumerate(self._names):
                self._names_of[meta.entity].append(n)
        return self._names_of


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
