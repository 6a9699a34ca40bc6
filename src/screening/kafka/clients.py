"""kafka-python producer, consumer and admin client factories from `Settings`: the one place that
turns settings into client configuration, so every tool connects the same way."""

from __future__ import annotations

import logging
from typing import Any

from kafka.errors import KafkaError

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from screening.errors import BrokerError
from screening.settings import Settings

log = logging.getLogger(__name__)


def client_config(settings: Settings, client_id: str) -> dict[str, Any]:
    """Connection settings shared by every kafka-python client."""
    return {
        "bootstrap_servers": settings.broker.split(","),
        "client_id": client_id,
        # fail within seconds with our message, not after kafka-python's 30 s default
        "bootstrap_timeout_ms": 10000,
    }


def _unreachable(settings: Settings, exc: Exception) -> BrokerError:
    return BrokerError(
        f"cannot reach the Kafka broker at {settings.broker} ({type(exc).__name__}: {exc}); "
        "start one with `screening broker start` or set --broker / SCREENING_BROKER"
    )


def admin(settings: Settings, client_id: str = "screening-admin") -> KafkaAdminClient:
    try:
        return KafkaAdminClient(**client_config(settings, client_id), request_timeout_ms=15000)
    except (KafkaError, OSError) as exc:
        raise _unreachable(settings, exc) from exc


def producer(
    settings: Settings, client_id: str = "screening-producer", **overrides: Any
) -> KafkaProducer:
    """acks=all and idempotence (kafka-python 3 defaults), a short linger to batch records."""
    config: dict[str, Any] = {"acks": "all", "linger_ms": 5}
    config.update(overrides)
    try:
        return KafkaProducer(**client_config(settings, client_id), **config)
    except (KafkaError, OSError) as exc:
        raise _unreachable(settings, exc) from exc


def consumer(
    settings: Settings, client_id: str = "screening-consumer", **overrides: Any
) -> KafkaConsumer:
    """No group and no auto-commit by default: tools read, they don't move anyone's offsets."""
    config: dict[str, Any] = {
        "group_id": None,
        "enable_auto_commit": False,
        "auto_offset_reset": "earliest",
    }
    config.update(overrides)
    try:
        return KafkaConsumer(**client_config(settings, client_id), **config)
    except (KafkaError, OSError) as exc:
        raise _unreachable(settings, exc) from exc
