"""The secure test broker's handle (fixture `secure_kafka` in conftest.py), importable by tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from screening.settings import Settings


@dataclass(frozen=True)
class SecureKafka:
    """A broker with only a SASL_SSL listener (SCRAM-SHA-512), StandardAuthorizer and the ACLs of
    deploy/kafka/acls.toml; users and passwords (files) from `screening broker start --secure`."""

    data_dir: Path
    bootstrap: str
    topic_prefix: str

    def settings(self, user: str, **extra: Any) -> Settings:
        from screening.kafka import security

        return security.client_settings(
            self.data_dir, self.bootstrap, user, topic_prefix=self.topic_prefix, **extra
        )

    def env(self, user: str) -> dict[str, str]:
        from screening.kafka import security

        return {
            **security.client_environment(self.data_dir, self.bootstrap, user),
            "SCREENING_TOPIC_PREFIX": self.topic_prefix,
        }

    def password(self, user: str) -> str:
        from screening.kafka import security

        return security.password_file(self.data_dir, user).read_text().strip()
