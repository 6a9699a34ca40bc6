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
