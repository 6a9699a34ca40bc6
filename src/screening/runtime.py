"""Startup wiring shared by the adapters: validated settings in, a ready `Screener` out."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from screening.decision import Screener
from screening.errors import ConfigError
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MATCHERS, MatchConfig
from screening.policy import Policy
from screening.settings import Settings


def load_settings(**overrides: object) -> Settings:
    """Environment (`SCREENING_*`) plus command-line overrides; `None` overrides are ignored."""
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}") from exc


def match_config(settings: Settings) -> MatchConfig:
    """The pinned matcher version with the configured thresholds (they enter its digest)."""
    try:
        base = MATCHERS[settings.matcher]
    except KeyError:
        raise ConfigError(
            f"unknown matcher {settings.matcher!r}; known: {', '.join(sorted(MATCHERS))}"
        ) from None
    return base.model_copy(
        update={
            "block_threshold": settings.block_threshold,
            "flag_threshold": settings.flag_threshold,
        }
    )


def build_screener(settings: Settings, lists_dir: Path | None = None) -> Screener:
    snapshot = ListSnapshot.load(lists_dir or settings.lists_dir)
    policy = Policy.load(settings.policy)
    return Screener(snapshot, policy, match_config(settings))
