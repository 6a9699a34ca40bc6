"""Client settings -> kafka-python/aiokafka options, their validation, and secret hygiene
(no broker needed; the refusals on a real broker are in test_security.py)."""

from __future__ import annotations

import logging
import ssl
from pathlib import Path

import pytest

from screening.errors import ConfigError
from screening.kafka import broker, clients
from screening.settings import Settings, load_settings


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "pw"
    path.write_text("s3cret-value\n")
    return path


def test_plaintext_has_no_security_options() -> None:
    assert clients.security_config(Settings()) == {"security_protocol": "PLAINTEXT"}
    assert clients.faust_credentials(Settings()) is None


def test_sasl_ssl_options(password_file: Path) -> None:
    settings = load_settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_username="worker",
        kafka_sasl_password_file=password_file,
    )
    config = clients.security_config(settings)
    assert config["security_protocol"] == "SASL_SSL"
    assert config["sasl_mechanism"] == "SCRAM-SHA-512"
    assert config["sasl_plain_username"] == "worker"
    assert config["sasl_plain_password"] == "s3cret-value"  # stripped of the newline
    context = config["ssl_context"]
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert "s3cret-value" not in repr(settings)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({}, "SASL_SSL needs SCREENING_KAFKA_SASL_USERNAME"),
        ({"kafka_sasl_username": "u"}, "needs exactly one of SCREENING_KAFKA_SASL_PASSWORD"),
        (
            {"kafka_sasl_username": "u", "kafka_sasl_password_file": Path("/no/such/file")},
            "SCREENING_KAFKA_SASL_PASSWORD_FILE: cannot read /no/such/file",
        ),
        (
            {"kafka_sasl_username": "u", "kafka_sasl_password": "x", "kafka_ssl_certfile": "/c"},
            "SCREENING_KAFKA_SSL_CERTFILE and SCREENING_KAFKA_SSL_KEYFILE go together",
        ),
        (
            {"kafka_sasl_username": "u", "kafka_sasl_password": "x", "kafka_ssl_cafile": "/no"},
            "SCREENING_KAFKA_SSL_CAFILE: cannot read /no",
        ),
    ],
)
def test_missing_or_unreadable_secrets_stop_at_startup(
    given: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(kafka_security_protocol="SASL_SSL", **given)
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_empty_password_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(ConfigError, match="password is empty"):
        load_settings(
            kafka_security_protocol="SASL_SSL",
            kafka_sasl_username="u",
            kafka_sasl_password_file=empty,
        )


def test_invalid_value_is_named_not_echoed() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(kafka_security_protocol="SASL_SSL", kafka_sasl_password="hunter2-xyz")
    assert "hunter2-xyz" not in str(caught.value)
    with pytest.raises(ConfigError) as caught:
        load_settings(kafka_sasl_mechanism="hunter2-abc")
    assert "SCREENING_KAFKA_SASL_MECHANISM" in str(caught.value)
    assert "hunter2-abc" not in str(caught.value)


def test_admin_debug_log_redacts_the_password(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("kafka.admin.client")
    with caplog.at_level(logging.DEBUG, logger="kafka.admin.client"):
        logger.debug("config: %s", {"sasl_plain_password": "s3cret-value", "client_id": "c"})
        logger.debug("two: %s %s", {"ssl_password": "k3y"}, "x")
    assert "s3cret-value" not in caplog.text and "k3y" not in caplog.text
    assert caplog.text.count("[redacted]") == 2
    assert "'client_id': 'c'" in caplog.text


def test_nothing_listening_is_named() -> None:
    settings = Settings(broker=f"127.0.0.1:{broker.free_port()}")
    assert clients.diagnose(settings).startswith("nothing accepts connections at 127.0.0.1:")
