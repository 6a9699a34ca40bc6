"""The secure test broker's handle (fixture `secure_kafka` in conftest.py), importable by tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
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
    group_id: str = "screening-worker"

    def settings(self, user: str, **extra: Any) -> Settings:
        from screening.kafka import security

        values = {"topic_prefix": self.topic_prefix, "group_id": self.group_id, **extra}
        return security.client_settings(self.data_dir, self.bootstrap, user, **values)

    def env(self, user: str) -> dict[str, str]:
        from screening.kafka import security

        return {
            **security.client_environment(self.data_dir, self.bootstrap, user),
            "SCREENING_TOPIC_PREFIX": self.topic_prefix,
            "SCREENING_GROUP_ID": self.group_id,
        }

    def password(self, user: str) -> str:
        from screening.kafka import security

        return security.password_file(self.data_dir, user).read_text().strip()

    def passwords(self) -> list[str]:
        """Every secret of the broker: the users' passwords (the grep-for-secrets tests)."""
        return [p.read_text().strip() for p in (self.data_dir / "secrets").glob("*.password")]

    def provision(self) -> SecureKafka:
        """Create this prefix's topics and apply the ACLs of acls.toml for them, as the
        administrator; returns self."""
        from screening.kafka import clients, security, topics
        from screening.kafka.broker import ADMIN_USER

        admin_settings = self.settings(ADMIN_USER)
        topics.create_topics(None, admin_settings)
        admin = clients.admin(admin_settings)
        try:
            assert security.apply_acls(admin, admin_settings) is not None
        finally:
            admin.close()
        return self

    def isolated(self) -> SecureKafka:
        """The same broker with a fresh topic prefix and consumer group, provisioned."""
        prefix = f"s{uuid.uuid4().hex[:8]}."
        return replace(self, topic_prefix=prefix, group_id=f"{prefix}screening-worker").provision()
