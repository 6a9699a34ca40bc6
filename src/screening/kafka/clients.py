"""kafka-python producer, consumer and admin client factories from `Settings`: the one place that
turns settings into client configuration (address, TLS, SASL), so every tool connects the same
way. `aiokafka_config` / `faust_credentials` give the worker (aiokafka/faust) the same security.

Secrets: the password is read from the settings when a client is made and handed to the client
library only; it is never logged or put in an error message.
"""

from __future__ import annotations

import logging
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from kafka.errors import KafkaError

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from screening.errors import BrokerError
from screening.settings import Settings

log = logging.getLogger(__name__)


def security_config(settings: Settings) -> dict[str, Any]:
    """TLS and SASL options in the names kafka-python and aiokafka share."""
    protocol = settings.kafka_security_protocol
    config: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        config["ssl_context"] = ssl_context(settings)
    if protocol.startswith("SASL_"):
        config["sasl_mechanism"] = settings.kafka_sasl_mechanism
        config["sasl_plain_username"] = settings.kafka_sasl_username
        config["sasl_plain_password"] = settings.sasl_password()
    return config


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """Verifies the broker against the configured CA (else the system CAs) and its host name;
    presents the client certificate when one is configured."""
    cafile = str(settings.kafka_ssl_cafile) if settings.kafka_ssl_cafile else None
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=cafile)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if settings.kafka_ssl_certfile is not None:
        keyfile = str(settings.kafka_ssl_keyfile) if settings.kafka_ssl_keyfile else None
        context.load_cert_chain(str(settings.kafka_ssl_certfile), keyfile)
    return context


def client_config(settings: Settings, client_id: str) -> dict[str, Any]:
    """Connection settings shared by every kafka-python client."""
    return {
        "bootstrap_servers": settings.broker.split(","),
        "client_id": client_id,
        # fail within seconds with our message, not after kafka-python's 30 s default
        "bootstrap_timeout_ms": 10000,
        **security_config(settings),
    }


def aiokafka_config(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for AIOKafkaProducer/AIOKafkaConsumer (bootstrap + security)."""
    return {"bootstrap_servers": settings.broker, **security_config(settings)}


def faust_credentials(settings: Settings) -> Any:
    """`broker_credentials` for `faust.App`: SASLCredentials (SASL_*), SSLCredentials (SSL)
    or None (PLAINTEXT). faust derives the security protocol from the credentials type; use
    `faust_broker_url` for the broker URL."""
    import faust

    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    if protocol == "SSL":
        return faust.SSLCredentials(ssl_context(settings))
    return faust.SASLCredentials(
        username=settings.kafka_sasl_username,
        password=settings.sasl_password(),
        ssl_context=ssl_context(settings) if protocol == "SASL_SSL" else None,
        mechanism=settings.kafka_sasl_mechanism,
    )


def faust_broker_url(settings: Settings) -> str:
    """ "kafka://host:port;host:port" for faust."""
    return ";".join(f"kafka://{server.strip()}" for server in settings.broker.split(","))


class _RedactPassword(logging.Filter):
    """kafka-python's admin client logs its whole configuration at DEBUG, password included."""

    def filter(self, record: logging.LogRecord) -> bool:
        # logging unwraps a single mapping argument: record.args is then the config dict itself
        if isinstance(record.args, dict):
            record.args = _redacted(record.args)
        elif isinstance(record.args, tuple):
            record.args = tuple(_redacted(a) if isinstance(a, dict) else a for a in record.args)
        return True


def _redacted(config: dict[str, Any]) -> dict[str, Any]:
    return {k: ("[redacted]" if "password" in str(k) else v) for k, v in config.items()}


logging.getLogger("kafka.admin.client").addFilter(_RedactPassword())


def _speaks_tls(host: str, port: int, context: ssl.SSLContext | None) -> tuple[bool, str]:
    """(handshake completed, error) against host:port; context None = no verification."""
    if context is None:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    try:
        with (
            socket.create_connection((host, port), timeout=3) as sock,
            context.wrap_socket(sock, server_hostname=host),
        ):
            return True, ""
    except ssl.SSLCertVerificationError as exc:
        return False, exc.verify_message or str(exc)
    except (OSError, ssl.SSLError) as exc:
        return False, str(exc)


def diagnose(settings: Settings) -> str:
    """Why a client could not bootstrap, from what the first broker address answers.

    kafka-python only reports "Unable to bootstrap" when the broker closes the connection (bad
    password, plaintext client on a TLS port...); this finds out which, without a secret."""
    host, _, port_text = settings.broker.split(",")[0].strip().rpartition(":")
    try:
        port = int(port_text)
        socket.create_connection((host, port), timeout=3).close()
    except (OSError, ValueError) as exc:
        return f"nothing accepts connections at {host}:{port_text} ({exc})"
    protocol = settings.kafka_security_protocol
    tls, _ = _speaks_tls(host, port, None)
    if tls and protocol in ("PLAINTEXT", "SASL_PLAINTEXT"):
        return (
            f"{host}:{port} is a TLS listener, but SCREENING_KAFKA_SECURITY_PROTOCOL is "
            f"{protocol}: set it to SASL_SSL (with a user, password and CA file)"
        )
    if not tls and protocol in ("SSL", "SASL_SSL"):
        return (
            f"{host}:{port} does not speak TLS, but SCREENING_KAFKA_SECURITY_PROTOCOL is {protocol}"
        )
    if tls:
        verified, error = _speaks_tls(host, port, ssl_context(settings))
        if not verified:
            return f"the broker's TLS certificate was refused: {error} (SCREENING_KAFKA_SSL_CAFILE)"
    if protocol.startswith("SASL_"):
        return (
            f"the broker closed the connection during SASL {settings.kafka_sasl_mechanism} "
            f"authentication of user {settings.kafka_sasl_username!r}: wrong user name or password"
        )
    if protocol == "SSL":
        return "the broker closed the connection after TLS: it requires SASL authentication"
    return "the broker closed the connection (is it a Kafka broker? does it require TLS/SASL?)"


def _unreachable(settings: Settings, exc: Exception) -> BrokerError:
    return BrokerError(
        f"cannot connect to the Kafka broker at {settings.broker}: {diagnose(settings)} "
        f"({type(exc).__name__}). Start one with `screening broker start`, or set --broker / "
        "SCREENING_BROKER and the SCREENING_KAFKA_* security settings"
    )


def describe_error(exc: BaseException, settings: Settings) -> str:
    """A Kafka error as one line for an operator (authorization failures name the user)."""
    from kafka import errors

    who = settings.kafka_sasl_username or "ANONYMOUS"
    if isinstance(exc, errors.TopicAuthorizationFailedError):
        named = exc.args[0] if exc.args and isinstance(exc.args[0], set | list | tuple) else ()
        topics = f" ({', '.join(sorted(map(str, named)))})" if named else ""
        return f"user {who} is not authorized for this topic{topics} (ACLs: deploy/kafka/acls.toml)"
    if isinstance(exc, errors.GroupAuthorizationFailedError):
        return f"user {who} is not authorized for consumer group {settings.group_id}"
    if isinstance(exc, errors.ClusterAuthorizationFailedError):
        return f"user {who} is not authorized for this cluster operation"
    return f"{type(exc).__name__}: {exc}"


@contextmanager
def refusals(settings: Settings, what: str) -> Iterator[None]:
    """Turn a Kafka error inside the block (an ACL refusal, a broker gone) into a `BrokerError`
    that says what was being done and why, naming the user, never a secret."""
    try:
        yield
    except KafkaError as exc:
        raise BrokerError(f"{what}: {describe_error(exc, settings)}") from exc


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
