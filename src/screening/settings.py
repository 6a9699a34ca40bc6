"""One typed settings object, from `SCREENING_*` environment variables, validated at startup."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from screening.errors import ConfigError
from screening.paths import BUNDLED_LISTS, BUNDLED_POLICY


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SCREENING_", extra="forbid", frozen=True)

    lists_dir: Path = Field(BUNDLED_LISTS, description="Lists directory (ARCHITECTURE section 4).")
    policy: Path = Field(BUNDLED_POLICY, description="Pillar One policy bundle (TOML).")
    matcher: str = Field("name-match-v1", description="Matcher version to pin.")
    block_threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Hit score that blocks; unset: the matcher's own."
    )
    flag_threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Hit score that flags; unset: the matcher's own."
    )
    broker: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers (stream worker).")
    metrics_port: int = Field(9108, ge=1, le=65535)

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> Settings:
        """Checked against the pinned matcher's own threshold when only one is set."""
        from screening.matching.config import MATCHERS

        own = MATCHERS.get(self.matcher)
        block = self.block_threshold
        flag = self.flag_threshold
        if own is not None:
            block = own.block_threshold if block is None else block
            flag = own.flag_threshold if flag is None else flag
        if block is not None and flag is not None and flag > block:
            raise ValueError("flag_threshold must not exceed block_threshold")
        return self


def load_settings(**overrides: object) -> Settings:
    """Environment (`SCREENING_*`) plus command-line overrides; `None` overrides are ignored.

    Invalid values stop the program at startup with a `ConfigError`, not deep in a run.
    """
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}") from exc
