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
    block_threshold: float = Field(0.92, ge=0.0, le=1.0, description="Hit score that blocks.")
    flag_threshold: float = Field(
        0.80, ge=0.0, le=1.0, description="Hit score that flags for review."
    )
    broker: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers (stream worker).")
    metrics_port: int = Field(9108, ge=1, le=65535)
    allowlist_dir: Path | None = Field(
        None, description="Allowlist store (append-only JSONL log); unset: no allowlist."
    )
    topic_prefix: str = Field("", description="Prefix of all topic names (tests, shared clusters).")
    console_users: Path | None = Field(None, description="Review console users file (TOML).")

    @model_validator(mode="after")
    def _thresholds_ordered(self) -> Settings:
        if self.flag_threshold > self.block_threshold:
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
