"""The candidate index never loses a name the scorer would flag (unit and property tests).

For any query, every list name whose name score reaches the matcher's minimum (flag
threshold less the most the attributes can add) must be among `NameIndex.candidates`: the
index is only allowed to save time, never to change results.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.lists.model import EntityRecord, entities_frame
from screening.matching import MATCHERS, Matcher
from screening.matching.score import name_form, score_names

WORDS = [
    "mellat", "bank", "sepah", "kim", "jong", "un", "al", "qaida", "rosneft", "ocean",
    "voyager", "star", "trading", "ali", "hasan", "muhammad", "ivanov", "sergei", "lee",
    "ben", "abu", "sal", "ltd", "1", "7", "gazprom", "petrov", "orient", "shipping", "zhang",
]  # fmt: skip
KEYBOARD = "qwertyuiopasdfghjklzxcvbnm"


def _typo(word: str, at: int, letter: str, op: int) -> str:
    at %= len(word)
    if op == 0:
        return word[:at] + letter + word[at + 1 :]
    if op == 1 and len(word) > 1:
        return word[:at] + word[at + 1 :]
    if op == 2:
        return word[:at] + letter + word[at:]
    return word[:at] + word[at + 1 : at + 2] + word[at] + word[at + 2 :]


names_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)
typo_st = st.tuples(
    st.integers(0, 20), st.sampled_from(KEYBOARD), st.integers(0, 3), st.integers(0, 3)
)


def _matcher(listed: list[str], version: str) -> Matcher:
    records = [
        EntityRecord("test", str(k), "unknown", name) for k, name in enumerate(listed) if name
    ]
    return Matcher(entities_frame(records), MATCHERS[version])


def _missing(matcher: Matcher, query: str) -> list[tuple[str, float]]:
    """Names scoring at least the minimum that the index does not propose."""
    config = matcher.config
    form = name_form(query, config)
    index = matcher._index
    minimum = matcher._min_score
    proposed = set(index.candidates(form, minimum))
    return [
        (listed.text, score)
        for n, listed in enumerate(index.names)
        if (score := score_names(form, listed, config).score) >= minimum and n not in proposed
    ]


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("BANK MELLAT", "VANK MELLAT"),  # first letter
        ("KIM JONG UN", "KIN JONG UN"),  # short word
        ("OCEAN VOYAGER 7", "OCEAN VOYAGRE 7"),  # vessel: two words and a number
        ("SEPAH BANK", "BANK SEPHA"),  # typo in the rarest word
        ("GAZPROM NEFT", "GAZPROMNEFT"),  # run together
    ],
)
def test_known_holes_are_candidates(listed: str, query: str) -> None:
    matcher = _matcher([listed, "STAR TRADING", "ALI HASAN"], "name-match-v2")
    config = matcher.config
    form = name_form(query, config)
    index = matcher._index
    assert score_names(form, index.names[0], config).score >= matcher._min_score
    assert 0 in index.candidates(form, matcher._min_score)


# Derandomized so CI is reproducible. Up to two typos in one word for v2; v1 (frozen) keeps the
# hole a random run found there (two typos in one short word), pinned below as a strict xfail.
@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    listed=st.lists(names_st, min_size=1, max_size=12),
    pick=st.integers(0, 11),
    typos=st.lists(typo_st, max_size=2),
    version=st.sampled_from(["name-match-v1", "name-match-v2"]),
)
def test_every_name_that_scores_is_a_candidate(
    listed: list[str], pick: int, typos: list[tuple[int, str, int, int]], version: str
) -> None:
    query = listed[pick % len(listed)]
    touched: set[int] = set()
    for at, letter, op, word in typos:
        words = query.split()
        k = word % len(words)
        if k in touched and version == "name-match-v1":  # v1's frozen hole, pinned below
            continue
        touched.add(k)
        words[k] = _typo(words[k], at, letter, op) or words[k]
        query = " ".join(words)
    matcher = _matcher(listed, version)
    assert _missing(matcher, query) == []


def test_frame_fixture_builds() -> None:
    assert isinstance(entities_frame([EntityRecord("t", "1", "unknown", "X")]), pl.DataFrame)


def test_two_typos_in_one_short_word_are_a_candidate() -> None:
    """Found by the property test above: 'shipping' with two typos scores above the minimum;
    name-match-v2's index looks up listed tokens of 7+ letters two typos away (closed, issue 9)."""
    query = _typo(_typo("shipping", 3, "q", 0) or "", 1, "q", 2) or ""
    matcher = _matcher(["shipping", "shopping mall", "ship"], "name-match-v2")
    assert score_names(name_form(query, matcher.config), matcher._index.names[0], matcher.config)
    assert _missing(matcher, query) == []


@pytest.mark.xfail(strict=True, reason="v1 is frozen, candidates included: its hole stays")
def test_v1_keeps_its_two_typos_hole() -> None:
    query = _typo(_typo("shipping", 3, "q", 0) or "", 1, "q", 2) or ""
    matcher = _matcher(["shipping"], "name-match-v1")
    assert _missing(matcher, query) == []
