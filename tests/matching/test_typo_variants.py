"""name-match-v2 on typo and vessel variants (issue 9): one small named case per error kind.

Each case must both score at least the flag threshold against its listed name and be among the
index's candidates, so a regression in either the scorer or candidate generation fails here by
name. The negative cases pin what must not carry a match: a misspelt legal form, a single
common word, a Chinese legal form.
"""

from __future__ import annotations

import polars as pl
import pytest
from matching_helpers import party

from screening.lists.model import EntityRecord, entities_frame
from screening.matching import MATCHERS, Matcher
from screening.types import Kind

LISTED: list[tuple[str, Kind, str]] = [
    ("palm", "organization", "PALM SERVICE LIMITED"),
    ("peleng", "organization", "PELENG JSC"),
    ("karafarin", "organization", "KARAFARIN BANK"),
    ("kim", "person", "KIM JONG UN"),
    ("geopolitica", "organization", "GEOPOLITICA"),
    ("mosoblbank", "organization", "PAO MOSOBLBANK"),
    ("aegis", "vessel", "AEGIS"),
    ("baskar", "vessel", "BASKAR"),
    ("nord", "vessel", "NORD"),
    ("ocean-star", "vessel", "OCEAN STAR 7"),
    ("sam-jong", "vessel", "SAM JONG 1"),
    ("hernandez", "unknown", "Ernesto Hernandez"),
    ("poly", "organization", "保利科技有限公司"),
]


@pytest.fixture(scope="module")
def v2() -> Matcher:
    records = [EntityRecord("test", key, kind, name) for key, kind, name in LISTED]
    return Matcher(entities_frame(records), MATCHERS["name-match-v2"])


def hit_ids(matcher: Matcher, name: str, kind: Kind = "unknown") -> list[str]:
    return [h.entity_id for h in matcher.screen_party(party(name, kind))]


@pytest.mark.parametrize(
    ("kind", "query", "entity"),
    [
        ("first letter substituted", "OALM SERVICE LIMITED", "palm"),
        ("first letter dropped", "KARAFARIN ANK", "karafarin"),
        ("first letter swapped", "ABSKAR", "baskar"),
        ("first letter dropped, short word", "ORD", "nord"),
        ("short token", "KIN JONG UN", "kim"),
        ("short token dropped letter", "SAM ONG 1", "sam-jong"),
        ("misspelt legal form", "PELENG JDC", "peleng"),
        ("two typos in one word", "FGEOPLOITICA", "geopolitica"),
        ("two typos in one word, after a legal form", "PAO NMOSOVLBANK", "mosoblbank"),
        ("transposed", "EAGIS", "aegis"),
        ("vessel + number, typo", "OCEAN SATR 7", "ocean-star"),
        ("vessel + number, first letter", "OCEAN STAR 7", "ocean-star"),
    ],
)
def test_typo_variant_is_found(v2: Matcher, kind: str, query: str, entity: str) -> None:
    assert entity in hit_ids(v2, query), kind


def test_candidates_hold_every_typo_variant(v2: Matcher) -> None:
    """The cases above are found through the index, and the exhaustive scan agrees."""
    for query in ("KARAFARIN ANK", "ORD", "FGEOPLOITICA", "SAM ONG 1", "EAGIS"):
        indexed = hit_ids(v2, query)
        scanned = [h.entity_id for h in v2.screen_party(party(query), exhaustive=True)]
        assert indexed == scanned != [], query


@pytest.mark.parametrize(
    ("why", "query"),
    [
        ("one word of a listed person's name", "Hernandez Inc"),
        ("a Chinese legal form shared by two companies", "维涛科技有限公司"),
        ("a misspelt legal form alone", "JDC"),
        ("a misspelt legal form and a word the lists lack", "Zubrowka JDC"),
    ],
)
def test_no_match_is_carried_by(v2: Matcher, why: str, query: str) -> None:
    assert hit_ids(v2, query, "organization") == [], why


def test_v1_keeps_its_holes(v2: Matcher) -> None:
    """v1 is frozen: the first-letter and misspelt-legal-form cases stay misses there."""
    v1 = Matcher(
        entities_frame([EntityRecord("test", k, kind, n) for k, kind, n in LISTED]),
        MATCHERS["name-match-v1"],
    )
    assert hit_ids(v1, "OALM SERVICE LIMITED") == []
    assert hit_ids(v1, "PELENG JDC") == []


def test_frame_builds() -> None:
    assert isinstance(entities_frame([EntityRecord("t", "1", "unknown", "X")]), pl.DataFrame)
