"""What the dev-set generator, the evaluator, the benchmark and the quality test share.

One name key (so "the right entity" means the same thing everywhere), the dev-set rows, the
matcher under test and the naive baseline it is compared with.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from anyascii import anyascii
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from screening.events import Party

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LISTS = REPO_ROOT.parent / "shared" / "data" / "lists"
DEVSET_CSV = REPO_ROOT / "benchmarks" / "devset" / "devset.csv"
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
MATCHER_NAME = "name-match-v1"
BASELINE_CUTOFF = 85.0

DEVSET_COLUMNS = (
    "id",
    "label",
    "variant",
    "query",
    "kind",
    "expected_source",
    "expected_entity_id",
    "original_name",
    "locale",
)

EntityRef = tuple[str, str]  # (source, entity_id)


def name_tokens(name: str) -> list[str]:
    """Latin lower-case alphanumeric tokens of any-script text (NFKC, then anyascii)."""
    return re.findall(r"[a-z0-9]+", anyascii(unicodedata.normalize("NFKC", name)).casefold())


def name_key(name: str) -> str:
    """Order-free spelling of a name: two names with the same key are the same name."""
    return " ".join(sorted(name_tokens(name)))


def iter_entity_names(entities: pl.DataFrame) -> Iterator[tuple[EntityRef, str]]:
    """Every primary name and alias of every entity, with the entity it belongs to."""
    for source, entity_id, name, aliases in entities.select(
        "source", "entity_id", "name", "aliases"
    ).iter_rows():
        ref = (source, entity_id)
        yield ref, name
        for alias in aliases or ():
            if alias["name"]:
                yield ref, alias["name"]


def keys_by_entity(entities: pl.DataFrame) -> dict[EntityRef, set[str]]:
    """Name keys of each entity, to accept a hit on another listing of the same name."""
    keys: dict[EntityRef, set[str]] = {}
    for ref, name in iter_entity_names(entities):
        keys.setdefault(ref, set()).add(name_key(name))
    return keys


@dataclass(frozen=True, slots=True)
class DevRow:
    id: str
    label: str  # "positive" | "negative"
    variant: str  # variant kind (positives) or negative kind
    query: str
    kind: str
    expected_source: str
    expected_entity_id: str
    original_name: str
    locale: str

    @property
    def positive(self) -> bool:
        return self.label == "positive"


def load_devset(path: Path = DEVSET_CSV) -> list[DevRow]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [DevRow(**{c: row[c] for c in DEVSET_COLUMNS}) for row in csv.DictReader(fh)]


def party_for(row: DevRow) -> Party:
    return Party(
        index=0,
        role="other",
        name=row.query,
        kind=row.kind,  # type: ignore[arg-type]
        country=None,
        date_of_birth=None,
        identifiers=(),
    )


def is_correct(row: DevRow, hit_refs: Iterable[EntityRef], keys: dict[EntityRef, set[str]]) -> bool:
    """A positive is found when a flag/block hit is its entity, or an entity that lists the
    same name (OFAC and CSL both list most SDN entries, under different ids)."""
    expected = (row.expected_source, row.expected_entity_id)
    original = name_key(row.original_name)
    return any(ref == expected or original in keys.get(ref, ()) for ref in hit_refs)


def row_outcome(row: DevRow, hit_refs: list[EntityRef], keys: dict[EntityRef, set[str]]) -> bool:
    """True when the row is handled right: a positive found, a negative left alone."""
    return is_correct(row, hit_refs, keys) if row.positive else not hit_refs


# --- the matcher under test ---------------------------------------------------------------


def load_snapshot(lists_dir: Path) -> Any:
    from screening.lists.snapshot import ListSnapshot
    from screening.runtime import relaxed_gc

    with relaxed_gc():  # GC policy is the composition root's, as in `runtime.build_screener`
        return ListSnapshot.load(lists_dir)


def build_matcher(entities: pl.DataFrame, name: str | None = None) -> Any:
    from screening.matching.config import MATCHERS
    from screening.matching.matcher import Matcher
    from screening.runtime import relaxed_gc

    with relaxed_gc():
        return Matcher(entities, MATCHERS[name or MATCHER_NAME])


def matcher_hits(matcher: Any, row: DevRow) -> list[tuple[EntityRef, Any]]:
    """(entity, hit) for the flag and block hits of one row; allow hits do not count."""
    return [
        ((hit.list, hit.entity_id), hit)
        for hit in matcher.screen_party(party_for(row))
        if hit.action in ("flag", "block")
    ]


# --- the naive baseline -------------------------------------------------------------------


class Baseline:
    """Exhaustive `token_sort_ratio` over every list name, flag at >= 85: what a team writes
    on day one. No blocking, no transliteration, no legal-form handling."""

    def __init__(self, entities: pl.DataFrame, cutoff: float = BASELINE_CUTOFF) -> None:
        owners: dict[str, list[EntityRef]] = {}
        for ref, name in iter_entity_names(entities):
            processed = default_process(name)
            if processed:
                refs = owners.setdefault(processed, [])
                if ref not in refs:
                    refs.append(ref)
        self.choices = list(owners)
        self.owners = [owners[c] for c in self.choices]
        self.cutoff = cutoff

    def screen(self, query: str) -> list[tuple[EntityRef, str, float]]:
        """(entity, matched name, score) for every list name at or above the cutoff."""
        found = process.extract(
            default_process(query),
            self.choices,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=self.cutoff,
            limit=None,
        )
        return [(ref, choice, score) for choice, score, i in found for ref in self.owners[i]]
