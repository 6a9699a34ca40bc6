"""Fixtures of the matching tests: the small named list and a matcher over it."""

from __future__ import annotations

import polars as pl
import pytest
from matching_helpers import RECORDS

from screening.lists.model import entities_frame
from screening.matching import MATCHERS, Matcher


@pytest.fixture(scope="session")
def entities() -> pl.DataFrame:
    return entities_frame(RECORDS)


@pytest.fixture(scope="session")
def matcher(entities: pl.DataFrame) -> Matcher:
    return Matcher(entities, MATCHERS["name-match-v1"])
