"""One typed settings object, from `SCREENING_*` environment variables, validated at startup."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from screening.errors import ConfigError
from screening.paths import BUNDLED_LISTS, POLICY_DIR


def default_kafka_data() -> Path:
    """`$XDG_STATE_HOME/screening/kafka` (`~/.local/state/...`): state, not config or cache."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "screening" / "kafka"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SCREENING_", extra="forbid", frozen=True)

    lists_dir: Path = Field(BUNDLED_LISTS, description="Lists directory (ARCHITECTURE section 4).")
    policy: Path = Field(
        POLICY_DIR,
        description="Pillar One policy: the folder of installed bundles (bundles.toml, each "
        "event decided under the version in force on its date) or one bundle TOML for all dates.",
    )
    matcher: str = Field("name-match-v1", description="Matcher version to pin.")
    block_threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Hit score that blocks; unset: the matcher's own."
    )
    flag_threshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Hit score that flags; unset: the matcher's own."
    )
    broker: str = Field("127.0.0.1:9092", description="Kafka bootstrap servers (stream worker).")
    topic_prefix: str = Field(
        "",
        pattern=r"^[A-Za-z0-9._-]*$",
        max_length=100,
        description="Prepended to every topic name (isolates tests and shared clusters).",
    )
    group_id: str = Field("screening-worker", min_length=1, description="Worker consumer group.")
    kafka_data: Path = Field(
        default_factory=lambda: default_kafka_data(),
        description="Data directory of the local broker (`screening broker start`).",
    )
    store_dir: Path | None = Field(
        None, description="Snapshot store (lists, policies, matcher configs) for audit replay."
    )
    chain_key: str | None = Field(
        None, description="HMAC key of the decision hash chain (none: plain SHA-256)."
    )
    rescreen_lookback_days: int = Field(
        90, ge=1, description="Counterparties seen this many days back are rescreened."
    )
    list_shrink_limit: float = Field(
        0.2, ge=0.0, le=1.0, description="Largest share of a source's entities an update may drop."
    )
    metrics_port: int = Field(9108, ge=0, le=65535, description="Metrics HTTP port (0: any free).")
    metrics_host: str = Field(
        "127.0.0.1", min_length=1, description="Metrics HTTP bind address (loopback unless set)."
    )
    allowlist_dir: Path | None = Field(
        None, description="Allowlist store (append-only JSONL log); unset: no allowlist."
    )
    console_users: Path | None = Field(None, description="Review console users file (TOML).")

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
