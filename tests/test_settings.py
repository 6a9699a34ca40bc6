"""One typed settings object: environment prefix, validation at startup."""

from __future__ import annotations

from pathlib import Path

import pytest

from screening.errors import ConfigError, outcome_for
from screening.settings import load_settings


def test_environment_prefix_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCREENING_FLAG_THRESHOLD", "0.75")
    monkeypatch.setenv("SCREENING_LISTS_DIR", "/srv/lists")
    settings = load_settings(lists_dir=None, block_threshold=0.95)
    assert settings.flag_threshold == 0.75
    assert settings.block_threshold == 0.95
    assert settings.lists_dir == Path("/srv/lists")


@pytest.mark.parametrize(
    "env", [{"SCREENING_FLAG_THRESHOLD": "1.5"}, {"SCREENING_FLAG_THRESHOLD": "0.99"}]
)
def test_invalid_settings_stop_at_startup(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert outcome_for(caught.value) == "abort"


def test_unknown_matcher_is_a_config_error() -> None:
    from screening.runtime import match_config

    with pytest.raises(ConfigError, match="unknown matcher"):
        match_config(load_settings(matcher="name-match-v0"))


def test_unset_thresholds_are_the_matchers_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """A registered matcher's thresholds are its defaults; settings replace them only when set."""
    from screening.matching.config import MATCHERS, MatchConfig
    from screening.runtime import match_config

    monkeypatch.setitem(
        MATCHERS,
        "name-match-test",
        MatchConfig(name="name-match-test", block_threshold=0.95, flag_threshold=0.85),
    )
    own = match_config(load_settings(matcher="name-match-test"))
    assert (own.block_threshold, own.flag_threshold) == (0.95, 0.85)
    moved = match_config(load_settings(matcher="name-match-test", flag_threshold=0.9))
    assert (moved.block_threshold, moved.flag_threshold) == (0.95, 0.9)
    assert moved.digest != own.digest


@pytest.mark.parametrize(
    "name", ["SCREENING_LISTS_DIR", "SCREENING_STORE_DIR", "SCREENING_KAFKA_SSL_CAFILE"]
)
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_path_is_an_error_not_the_current_directory(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=f"{name}: is empty: give a path, or unset"):
        load_settings()


def test_chain_key_is_secret_from_env_or_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SCREENING_CHAIN_KEY", "chain-Key-7781")
    settings = load_settings()
    assert settings.chain_key_bytes() == b"chain-Key-7781"
    assert "chain-Key-7781" not in repr(settings) and "chain-Key-7781" not in str(settings)
    assert "chain-Key-7781" not in str(settings.model_dump())
    key_file = tmp_path / "chain.key"
    key_file.write_text("from-a-file\n")
    with pytest.raises(
        ConfigError, match="one of SCREENING_CHAIN_KEY and SCREENING_CHAIN_KEY_FILE"
    ):
        load_settings(chain_key_file=key_file)
    monkeypatch.delenv("SCREENING_CHAIN_KEY")
    assert load_settings(chain_key_file=key_file).chain_key_bytes() == b"from-a-file"
    with pytest.raises(ConfigError, match="SCREENING_CHAIN_KEY_FILE: cannot read"):
        load_settings(chain_key_file=tmp_path / "missing")
    assert load_settings().chain_key_bytes() is None
