"""One typed settings object, from `SCREENING_*` environment variables, validated at startup."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal, get_args

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from screening.errors import ConfigError
from screening.paths import BUNDLED_LISTS, POLICY_DIR

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]


def _readable(path: Path, setting: str) -> None:
    try:
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        raise ValueError(f"{setting}: cannot read {path} ({exc.strerror})") from None


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
    matcher: str = Field("name-match-v2", description="Matcher version to pin.")
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
    # Kafka client security (every tool and the worker; see screening.kafka.clients). The
    # password comes from SCREENING_KAFKA_SASL_PASSWORD or a file, never from a command line.
    kafka_security_protocol: SecurityProtocol = Field("PLAINTEXT")
    kafka_sasl_mechanism: SaslMechanism = Field("SCRAM-SHA-512")
    kafka_sasl_username: str | None = Field(None, min_length=1)
    kafka_sasl_password: SecretStr | None = Field(None, repr=False)
    kafka_sasl_password_file: Path | None = Field(None)
    kafka_ssl_cafile: Path | None = Field(None, description="CA bundle (PEM) for the broker.")
    kafka_ssl_certfile: Path | None = Field(None, description="Client certificate (PEM), optional.")
    kafka_ssl_keyfile: Path | None = Field(None, description="Key of the client certificate.")
    store_dir: Path | None = Field(
        None, description="Snapshot store (lists, policies, matcher configs) for audit replay."
    )
    chain_key: SecretStr | None = Field(
        None, repr=False, description="HMAC key of the decision hash chain (none: plain SHA-256)."
    )
    chain_key_file: Path | None = Field(None, description="The chain's HMAC key, from a file.")
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
    # Exposing the metrics server beyond loopback takes TLS and basic auth (or the explicit
    # insecure opt-in); checked where the server starts (screening.metrics.serve_settings).
    metrics_tls_certfile: Path | None = Field(
        None, description="Metrics server certificate chain (PEM; may hold the key too): HTTPS."
    )
    metrics_tls_keyfile: Path | None = Field(None, description="Key of the metrics certificate.")
    metrics_auth_username: str | None = Field(
        None, min_length=1, description="Basic auth user of /metrics (password from file/env)."
    )
    metrics_auth_password: SecretStr | None = Field(None, repr=False)
    metrics_auth_password_file: Path | None = Field(None)
    metrics_insecure: bool = Field(
        False, description="Allow a non-loopback metrics address without TLS and basic auth."
    )
    allowlist_dir: Path | None = Field(
        None, description="Allowlist store (append-only JSONL log); unset: no allowlist."
    )
    console_users: Path | None = Field(None, description="Review console users file (TOML).")

    @field_validator("*", mode="before")
    @classmethod
    def _no_empty_path(cls, value: object, info: ValidationInfo) -> object:
        """`SCREENING_LISTS_DIR=""` would be the current directory: refuse it, say unset it."""
        annotation = cls.model_fields[info.field_name or ""].annotation
        is_path = annotation is Path or Path in get_args(annotation)
        if is_path and isinstance(value, str) and not value.strip():
            raise ValueError("is empty: give a path, or unset the variable for the default")
        return value

    @model_validator(mode="after")
    def _chain_key(self) -> Settings:
        if self.chain_key is not None and self.chain_key_file is not None:
            raise ValueError("give one of SCREENING_CHAIN_KEY and SCREENING_CHAIN_KEY_FILE")
        if self.chain_key_file is not None:
            _readable(self.chain_key_file, "SCREENING_CHAIN_KEY_FILE")
        if (self.chain_key is not None or self.chain_key_file is not None) and not (
            self.chain_key_bytes()
        ):
            raise ValueError("the chain key is empty")
        return self

    def chain_key_bytes(self) -> bytes | None:
        """The HMAC key of the decision chain (from the environment or the file), or None."""
        if self.chain_key is not None:
            return self.chain_key.get_secret_value().encode("utf-8")
        if self.chain_key_file is not None:
            return self.chain_key_file.read_text(encoding="utf-8").strip().encode("utf-8")
        return None

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

    @model_validator(mode="after")
    def _kafka_security(self) -> Settings:
        """Missing or unreadable secrets stop the program here, naming the setting, not a value."""
        protocol = self.kafka_security_protocol
        if protocol.startswith("SASL_"):
            if self.kafka_sasl_username is None:
                raise ValueError(f"{protocol} needs SCREENING_KAFKA_SASL_USERNAME")
            if (self.kafka_sasl_password is None) == (self.kafka_sasl_password_file is None):
                raise ValueError(
                    f"{protocol} needs exactly one of SCREENING_KAFKA_SASL_PASSWORD and "
                    "SCREENING_KAFKA_SASL_PASSWORD_FILE"
                )
            if self.kafka_sasl_password_file is not None:
                _readable(self.kafka_sasl_password_file, "SCREENING_KAFKA_SASL_PASSWORD_FILE")
            if not self.sasl_password():
                raise ValueError("the Kafka SASL password is empty")
        if (self.kafka_ssl_certfile is None) != (self.kafka_ssl_keyfile is None):
            raise ValueError(
                "SCREENING_KAFKA_SSL_CERTFILE and SCREENING_KAFKA_SSL_KEYFILE go together"
            )
        for name in ("kafka_ssl_cafile", "kafka_ssl_certfile", "kafka_ssl_keyfile"):
            path = getattr(self, name)
            if path is not None:
                _readable(path, f"SCREENING_{name.upper()}")
        return self

    @model_validator(mode="after")
    def _metrics_security(self) -> Settings:
        """The metrics server's certificate and basic-auth secret: paired, present, readable."""
        if self.metrics_tls_keyfile is not None and self.metrics_tls_certfile is None:
            raise ValueError("SCREENING_METRICS_TLS_KEYFILE needs SCREENING_METRICS_TLS_CERTFILE")
        for name in ("metrics_tls_certfile", "metrics_tls_keyfile"):
            path = getattr(self, name)
            if path is not None:
                _readable(path, f"SCREENING_{name.upper()}")
        given = (self.metrics_auth_password, self.metrics_auth_password_file)
        if self.metrics_auth_username is not None:
            if (given[0] is None) == (given[1] is None):
                raise ValueError(
                    "SCREENING_METRICS_AUTH_USERNAME needs exactly one of "
                    "SCREENING_METRICS_AUTH_PASSWORD and SCREENING_METRICS_AUTH_PASSWORD_FILE"
                )
            if self.metrics_auth_password_file is not None:
                _readable(self.metrics_auth_password_file, "SCREENING_METRICS_AUTH_PASSWORD_FILE")
            if not self.metrics_password():
                raise ValueError("the metrics basic-auth password is empty")
        elif given != (None, None):
            raise ValueError("a metrics basic-auth password needs SCREENING_METRICS_AUTH_USERNAME")
        return self

    def metrics_password(self) -> str | None:
        """The metrics basic-auth password, from the environment or the file."""
        if self.metrics_auth_password is not None:
            return self.metrics_auth_password.get_secret_value()
        if self.metrics_auth_password_file is not None:
            return self.metrics_auth_password_file.read_text(encoding="utf-8").strip()
        return None

    def sasl_password(self) -> str | None:
        """The SASL password, from the environment or the file (read when needed, not stored)."""
        if self.kafka_sasl_password is not None:
            return self.kafka_sasl_password.get_secret_value()
        if self.kafka_sasl_password_file is not None:
            return self.kafka_sasl_password_file.read_text(encoding="utf-8").strip()
        return None


def load_settings(**overrides: object) -> Settings:
    """Environment (`SCREENING_*`) plus command-line overrides; `None` overrides are ignored.

    Invalid values stop the program at startup with a `ConfigError`, not deep in a run. The
    message names each setting and the problem but never the given value (it may be a secret),
    and the pydantic error (which holds the input) is not chained.
    """
    given = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**given)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = [
            (f"SCREENING_{'_'.join(map(str, e['loc'])).upper()}: " if e["loc"] else "")
            + e["msg"].removeprefix("Value error, ")
            for e in exc.errors(include_input=False, include_url=False)
        ]
    raise ConfigError("invalid settings: " + "; ".join(problems))
