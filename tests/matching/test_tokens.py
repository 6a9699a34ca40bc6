"""Token tables are package data per matcher version, with provenance, in the digest."""

from __future__ import annotations

import pytest

from screening.errors import ConfigError
from screening.matching import MATCHERS, MatchConfig
from screening.matching.tokens import load_table


@pytest.mark.parametrize("version", ["name-match-v1", "name-match-v2"])
def test_each_version_loads_its_own_table(version: str) -> None:
    config = MATCHERS[version]
    table = load_table(config.table_file)
    assert table.file == f"{version}.token-df.tsv"
    assert table.provenance["list_version"].startswith("sha256:")
    assert table.documents > 40_000 and table.df["muhamad"] > 1_000
    assert config.token_table == table.digest


def test_v1_table_digest_is_what_it_was_as_a_module() -> None:
    """Moving the table to a data file did not change name-match-v1's digest (the value the
    `_token_df.py` module had; the golden fixture pins the whole config digest)."""
    assert MATCHERS["name-match-v1"].token_table == (
        "sha256:79588dca1bc39d4156ec247fbeb2114e97502be7cd138c54e6dc9de141c429a1"
    )


def test_missing_table_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_table("name-match-v0.token-df.tsv")


def test_rare_token_df_below_the_tables_min_df_is_refused() -> None:
    with pytest.raises(ValueError, match="rare_token_df"):
        MatchConfig(rare_token_df=3)
