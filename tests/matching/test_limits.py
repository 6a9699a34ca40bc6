"""Bounded work per party (`matching.limits`): a name past a bound gets a defined outcome (the
MATCH_WORK_LIMIT marker, decided at least flag), counted in work, never in time; normal names
never reach a bound."""

from __future__ import annotations

import polars as pl
import pytest
from matching_helpers import party

from screening.matching import MATCHERS, MatchConfig, Matcher
from screening.matching.limits import V1_LIMITS, V2_LIMITS, WorkLimits
from screening.matching.normalize import MAX_TOKENS

V1 = MATCHERS["name-match-v1"]
V2 = MATCHERS["name-match-v2"]


def with_limits(config: MatchConfig, **limits: int) -> MatchConfig:
    return config.model_copy(update=limits)


def test_v1_limits_are_frozen_outside_its_digest() -> None:
    """v1's digest predates the bounds, so its bounds are pinned here instead."""
    assert WorkLimits(32, 8_000, 340_000) == V1_LIMITS == V1.limits
    assert "max_candidates" not in V1.document()["config"]  # type: ignore[operator]


def test_v2_limits_are_in_its_digest() -> None:
    assert V2.limits == V2_LIMITS
    assert V2_LIMITS.query_tokens == MAX_TOKENS
    assert with_limits(V2, max_candidates=5).digest != V2.digest


def test_candidate_bound_scores_the_likeliest_and_says_so(entities: pl.DataFrame) -> None:
    """Both names of bin Laden are proposed; with room for one, the one sharing the most with
    the party is scored (its exact spelling), and the result carries the bound."""
    for name, spelling in [
        ("Osama bin Laden", "BIN LADEN, Osama"),
        ("Usama bin Ladin", "BIN LADIN, Usama"),
    ]:
        assert Matcher(entities, V1).screen(party(name)).limit is None
        bounded = Matcher(entities, with_limits(V1, max_candidates=1))
        first, again = bounded.screen(party(name)), bounded.screen(party(name))
        assert first == again  # counted work, so the same every time
        assert first.limit == "2 candidate names; scored the 1 sharing the most with the party name"
        assert [(h.entity_id, h.matched_name) for h in first.hits] == [("6365", spelling)]


def test_pair_bound_stops_scoring(entities: pl.DataFrame) -> None:
    bounded = Matcher(entities, with_limits(V2, max_pair_work=1))
    screened = bounded.screen(party("Aleksandr Sokolov"))
    assert screened.hits == ()
    assert screened.limit is not None and "token pairs" in screened.limit


def test_v1_repeated_tokens_fold_only_past_the_bound(entities: pl.DataFrame) -> None:
    matcher = Matcher(entities, V1)
    assert matcher.screen(party("al " * 10)).limit is None  # pinned for v1: left as it was
    folded = matcher.screen(party("al " * 166))
    assert folded.limit == "repeated name tokens folded to 1"


def test_v2_cut_tokens_are_reported(entities: pl.DataFrame) -> None:
    """v2 screens the first 16 distinct tokens; a listed name after them is not silently
    allowed: the party carries the bound."""
    matcher = Matcher(entities, V2)
    filler = " ".join(f"word{chr(97 + k)}" for k in range(MAX_TOKENS))
    screened = matcher.screen(party(f"{filler} Rosoboronexport"))
    assert screened.hits == ()
    assert screened.limit == f"{MAX_TOKENS + 1} distinct name tokens; screened the first 16"
    assert matcher.screen(party("al " * 166)).limit is None  # junk: no tokens, no work


@pytest.mark.parametrize("version", ["name-match-v1", "name-match-v2"])
@pytest.mark.parametrize(
    "name", ["Aerocaribean Airlines", "Vladimir Putin", "Acme Widgets Ltd", "Ocean Glory"]
)
def test_normal_names_stay_within_the_bounds(
    entities: pl.DataFrame, version: str, name: str
) -> None:
    assert Matcher(entities, MATCHERS[version]).screen(party(name)).limit is None


def test_v2_glued_words_split_past_the_token_bound_are_reported(entities: pl.DataFrame) -> None:
    """16 tokens as written, 17 once "sberbankargument" is split into two listed words: the
    17th is left out, so the party carries the bound instead of a silent allow."""
    filler = " ".join(f"word{chr(97 + k)}" for k in range(MAX_TOKENS - 1))
    screened = Matcher(entities, V2).screen(party(f"{filler} sberbankargument"))
    assert screened.limit == (
        f"{MAX_TOKENS + 1} distinct name tokens once glued words are split; screened the first 16"
    )
