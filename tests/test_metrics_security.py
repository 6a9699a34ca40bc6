"""The metrics server when exposed: HTTPS with the configured certificate, basic auth on /metrics
(401 without or with wrong credentials), plain HTTP on the TLS port refused without stalling
the server, and a non-loopback address refused at startup without TLS and basic auth."""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from screening.errors import ConfigError
from screening.kafka.security import TlsFiles, make_tls
from screening.metrics import MetricsServer, ScreeningMetrics, serve_settings
from screening.settings import Settings, load_settings

SECRET = "s3cret-metrics-pw"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls(tmp_path_factory.mktemp("metrics-tls"), ("127.0.0.1", "localhost", "worker"))


@pytest.fixture
def password_file(tmp_path: Path) -> Path:
    path = tmp_path / "metrics.password"
    path.write_text(SECRET + "\n")
    return path


@pytest.fixture
def secure_server(tls: TlsFiles, password_file: Path) -> Iterator[MetricsServer]:
    settings = Settings(
        metrics_port=0,
        metrics_tls_certfile=tls.broker_pem,
        metrics_auth_username="prometheus",
        metrics_auth_password_file=password_file,
    )
    server = serve_settings(ScreeningMetrics(), settings)
    yield server
    server.close()


def _get(url: str, cafile: Path, auth: tuple[str, str] | None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url)
    if auth is not None:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    context = ssl.create_default_context(cafile=str(cafile))
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


def test_https_with_basic_auth(secure_server: MetricsServer, tls: TlsFiles) -> None:
    assert secure_server.url.startswith("https://127.0.0.1:")
    url = secure_server.url
    assert _get(f"{url}/metrics", tls.ca_cert, ("prometheus", SECRET))[0] == 200
    status, headers = _get(f"{url}/metrics", tls.ca_cert, None)
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Basic realm=")
    assert _get(f"{url}/metrics", tls.ca_cert, ("prometheus", "wrong"))[0] == 401
    assert _get(f"{url}/metrics", tls.ca_cert, ("admin", SECRET))[0] == 401
    assert _get(f"{url}/metrics", tls.ca_cert, ("prometheus", SECRET + "x"))[0] == 401
    # the probes' endpoints answer without a password (they only say alive/ready)
    assert _get(f"{url}/healthz", tls.ca_cert, None)[0] == 200


def test_plain_http_on_the_tls_port_fails_and_stalls_nothing(
    secure_server: MetricsServer, tls: TlsFiles
) -> None:
    idle = socket.create_connection(("127.0.0.1", secure_server.port))  # connects, never speaks
    try:
        plain = http.client.HTTPConnection("127.0.0.1", secure_server.port, timeout=10)
        with pytest.raises((http.client.HTTPException, ConnectionError, OSError)):
            plain.request("GET", "/metrics")
            plain.getresponse()
        plain.close()
        # a certificate from another CA is refused by the client
        other = make_tls(Path(tls.ca_cert.parent.parent / "other-ca"))
        with pytest.raises(urllib.error.URLError, match="CERTIFICATE_VERIFY_FAILED"):
            _get(f"{secure_server.url}/healthz", other.ca_cert, None)
        # and the server still answers a proper client, with the idle connection open
        assert _get(f"{secure_server.url}/metrics", tls.ca_cert, ("prometheus", SECRET))[0] == 200
    finally:
        idle.close()


def test_non_loopback_refused_without_tls_and_auth(tls: TlsFiles, password_file: Path) -> None:
    metrics = ScreeningMetrics()
    auth = {"metrics_auth_username": "prometheus", "metrics_auth_password_file": password_file}
    for extra, missing in (
        ({}, r"without TLS \(SCREENING_METRICS_TLS_CERTFILE\) and basic auth"),
        ({"metrics_tls_certfile": tls.broker_pem}, "without basic auth"),
        (auth, "without TLS"),
    ):
        settings = Settings(metrics_host="0.0.0.0", metrics_port=0, **extra)  # type: ignore[arg-type]
        with pytest.raises(
            ConfigError, match=f"0.0.0.0, not a loopback address, {missing}"
        ) as refused:
            serve_settings(metrics, settings)
        assert "SCREENING_METRICS_INSECURE" in str(refused.value)
    # both given: served over HTTPS; or the explicit opt-in: served in clear
    for extra in (
        {"metrics_tls_certfile": tls.broker_pem, **auth},
        {"metrics_insecure": True},
    ):
        server = serve_settings(metrics, Settings(metrics_host="0.0.0.0", metrics_port=0, **extra))  # type: ignore[arg-type]
        server.close()
    # loopback (the default) needs neither
    serve_settings(metrics, Settings(metrics_port=0)).close()


def test_settings_errors_name_the_setting_never_the_secret(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="needs exactly one of SCREENING_METRICS_AUTH_PASSWORD"):
        load_settings(metrics_auth_username="prometheus")
    with pytest.raises(ConfigError, match="SCREENING_METRICS_AUTH_PASSWORD_FILE: cannot read"):
        load_settings(
            metrics_auth_username="prometheus", metrics_auth_password_file=tmp_path / "missing"
        )
    with pytest.raises(ConfigError, match="needs SCREENING_METRICS_AUTH_USERNAME") as no_user:
        load_settings(metrics_auth_password=SECRET)
    assert SECRET not in str(no_user.value)
    with pytest.raises(ConfigError, match="SCREENING_METRICS_TLS_KEYFILE needs"):
        load_settings(metrics_tls_keyfile=tmp_path)
    settings = load_settings(metrics_auth_username="prometheus", metrics_auth_password=SECRET)
    assert SECRET not in repr(settings) and SECRET not in str(settings.model_dump())
    assert settings.metrics_password() == SECRET
