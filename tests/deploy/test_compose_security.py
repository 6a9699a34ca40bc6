"""deploy/docker-compose.yml is the secure setup: the broker (deploy/kafka/compose-start.sh, run
here with stand-ins for the Kafka scripts) has only SASL_SSL client listeners with the local
secure broker's settings, SCRAM users for every principal of acls.toml, the authorizer denying by
default; every client container speaks SASL_SSL as its own user with a password *file* from a
compose secret made by `screening broker secrets`; no password is written anywhere in the file;
the workers' metrics (HTTPS + basic auth) match the Prometheus scrape job. No Docker engine runs
here, so the files are checked against each other and against the code."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography import x509

from screening.cli import main
from screening.kafka import broker, security
from screening.metrics import ScreeningMetrics, serve_settings
from screening.paths import REPO_ROOT
from screening.settings import Settings

DEPLOY = REPO_ROOT / "deploy"
COMPOSE = DEPLOY / "docker-compose.yml"
START = DEPLOY / "kafka" / "compose-start.sh"


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


@pytest.fixture(scope="module")
def secrets_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The files `screening broker secrets DIR` makes (through the CLI)."""
    directory = tmp_path_factory.mktemp("deploy") / "secrets"
    assert main(["broker", "secrets", str(directory)]) == 0
    return directory


def _env(service: dict[str, Any]) -> dict[str, str]:
    return {str(k): str(v) for k, v in service.get("environment", {}).items()}


def _in_container(value: str, secrets_dir: Path) -> str:
    """A /run/secrets/NAME path as the test's copy of the secret file."""
    return value.replace("/run/secrets/", f"{secrets_dir}/")


def _properties(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            out[key] = value
    return out


@pytest.fixture(scope="module")
def started(secrets_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """compose-start.sh run with the secrets and stand-in kafka-storage/kafka-server-start
    scripts that record their arguments."""
    work = tmp_path_factory.mktemp("kafka-start")
    bin_dir = work / "kafka" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("kafka-storage.sh", "kafka-server-start.sh"):
        script = bin_dir / name
        script.write_text(f'#!/bin/bash\nprintf "%s\\n" "$@" > "{work}/{name}.args"\n')
        script.chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        "SECRETS": str(secrets_dir),
        "KAFKA_HOME": str(work / "kafka"),
        "WORK": str(work),
        "CLUSTER_ID": "4L6g3nShT-eMCtK--X86sw",
    }
    done = subprocess.run(["bash", str(START)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {
        "stdout": done.stdout + done.stderr,
        "server": _properties((work / "server.properties").read_text()),
        "admin": _properties((work / "admin-client.properties").read_text()),
        "format": (work / "kafka-storage.sh.args").read_text().splitlines(),
        "start": (work / "kafka-server-start.sh.args").read_text().splitlines(),
        "conf": str(work / "server.properties"),
        "mode": (work / "server.properties").stat().st_mode & 0o777,
    }


def test_broker_has_only_secure_client_listeners(
    started: dict[str, Any], compose: dict[str, Any]
) -> None:
    server = started["server"]
    protocols = dict(p.split(":") for p in server["listener.security.protocol.map"].split(","))
    advertised = dict(a.split("://") for a in server["advertised.listeners"].split(","))
    assert {protocols[name] for name in advertised} == {"SASL_SSL"}
    controller = server["controller.listener.names"]
    assert protocols[controller] == "SASL_PLAINTEXT"
    bound = dict(b.split("://") for b in server["listeners"].split(","))
    assert bound[controller].startswith("localhost:"), "the controller stays in the container"
    assert server["authorizer.class.name"].endswith("StandardAuthorizer")
    assert server["allow.everyone.if.no.acl.found"] == "false"
    assert server["super.users"] == "User:admin;User:broker;User:controller"
    assert server["ssl.keystore.location"].endswith("/kafka.pem")
    assert started["start"] == [started["conf"]]
    assert started["mode"] == 0o600  # it holds the broker's passwords
    # the same settings as the local `screening broker start --secure` (listener prefix aside)
    tls = security.TlsFiles(Path("ca.pem"), Path("kafka.pem"))
    passwords = {"broker": "x", "controller": "y"}
    local = security.secure_properties(Path("."), tls, passwords, ["admin"])
    keys = {re.sub(r"^listener\.name\.secure\.", "", line.split("=", 1)[0]) for line in local}
    ours = {re.sub(r"^listener\.name\.(secure|external)\.", "", k) for k in server}
    assert keys <= ours, keys - ours
    # clients in containers reach SECURE by service name, the host reaches EXTERNAL on loopback
    for name in ("topics", "worker"):
        assert _env(compose["services"][name])["SCREENING_BROKER"] == advertised["SECURE"]
    (published,) = compose["services"]["kafka"]["ports"]
    host_ip, host_port, container_port = published.split(":")
    assert (host_ip, f"{host_ip}:{host_port}") == ("127.0.0.1", advertised["EXTERNAL"])
    assert bound["EXTERNAL"] == f":{container_port}" and int(host_port) == broker.DEFAULT_PORT


def test_scram_users_are_the_principals_of_acls_toml(
    started: dict[str, Any], secrets_dir: Path
) -> None:
    pairs = [
        started["format"][i + 1] for i, a in enumerate(started["format"]) if a == "--add-scram"
    ]
    users = [re.search(r"name=([^,]+),", p).group(1) for p in pairs]  # type: ignore[union-attr]
    assert sorted(users) == sorted([*security.load_acls().users, security.BROKER_USER])
    for pair, user in zip(pairs, users, strict=True):
        password = (secrets_dir / f"{user}.password").read_text().strip()
        assert pair == f"SCRAM-SHA-512=[name={user},password={password}]"
    assert "--ignore-formatted" in started["format"]
    assert started["admin"]["security.protocol"] == "SASL_SSL"


def test_every_client_container_uses_sasl_ssl_with_a_password_file(
    compose: dict[str, Any], secrets_dir: Path
) -> None:
    services = compose["services"]
    declared = compose["secrets"]
    made = {p.name for p in secrets_dir.iterdir()}
    for name, secret in declared.items():  # every secret is a file the command makes
        assert secret == {"file": f"./secrets/{name}"} and name in made, name
    users = set(security.load_acls().users)
    clients = [n for n, s in services.items() if "SCREENING_BROKER" in _env(s)]
    assert set(clients) == {"topics", "worker"}
    for name in clients:
        env = _env(services[name])
        assert env["SCREENING_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL", name
        assert env["SCREENING_KAFKA_SASL_USERNAME"] in users, name
        assert "SCREENING_KAFKA_SASL_PASSWORD" not in env, name
        mounted = set(services[name]["secrets"])
        for var in ("SCREENING_KAFKA_SASL_PASSWORD_FILE", "SCREENING_KAFKA_SSL_CAFILE"):
            path = env[var]
            assert path.startswith("/run/secrets/") and path.rsplit("/", 1)[1] in mounted, var
        # the settings the container loads are valid, with the files in place
        values = {
            k.removeprefix("SCREENING_").lower(): _in_container(v, secrets_dir)
            for k, v in env.items()
            if "${" not in v
        }
        settings = Settings(**values)  # type: ignore[arg-type]
        assert settings.sasl_password()
    assert services["topics"]["environment"]["SCREENING_KAFKA_SASL_USERNAME"] == "admin"
    assert services["worker"]["environment"]["SCREENING_KAFKA_SASL_USERNAME"] == "worker"


def test_no_literal_secret_in_the_files(compose: dict[str, Any], secrets_dir: Path) -> None:
    texts = [
        COMPOSE.read_text(),
        START.read_text(),
        (DEPLOY / "prometheus/prometheus.yml").read_text(),
    ]
    for service in compose["services"].values():
        for var, value in _env(service).items():
            if re.search(r"PASSWORD|SECRET|KEY$", var):
                assert var.endswith("_FILE") or var.endswith("PASSWORD_FILE"), var
            assert not re.search(r"password\s*=", value, re.I), var
    for text in texts:
        assert not re.search(r'password="?[A-Za-z0-9_-]{8,}', text), "a literal password"
        for path in secrets_dir.glob("*.password"):
            assert path.read_text().strip() not in text


def test_worker_metrics_match_the_prometheus_job(
    compose: dict[str, Any], secrets_dir: Path
) -> None:
    services = compose["services"]
    worker, prometheus = services["worker"], services["prometheus"]
    env = _env(worker)
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "screening-worker"]
    assert job["scheme"] == "https"
    assert job["basic_auth"]["username"] == env["SCREENING_METRICS_AUTH_USERNAME"]
    password_file = job["basic_auth"]["password_file"]
    assert password_file == env["SCREENING_METRICS_AUTH_PASSWORD_FILE"]
    ca_file = job["tls_config"]["ca_file"]
    for path in (password_file, ca_file):
        assert path.rsplit("/", 1)[1] in prometheus["secrets"], path
    assert password_file.rsplit("/", 1)[1] in worker["secrets"]
    # the certificate the worker serves is signed by that CA and names the scraped server_name
    pem = Path(_in_container(env["SCREENING_METRICS_TLS_CERTFILE"], secrets_dir)).read_bytes()
    cert = x509.load_pem_x509_certificates(pem)[0]
    sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert job["tls_config"]["server_name"] in sans.get_values_for_type(x509.DNSName)
    ca = x509.load_pem_x509_certificate(Path(_in_container(ca_file, secrets_dir)).read_bytes())
    assert cert.issuer == ca.subject
    (discovery,) = job["dns_sd_configs"]
    assert (
        discovery["names"] == ["worker"] and str(discovery["port"]) == env["SCREENING_METRICS_PORT"]
    )
    # the worker's metrics settings start a server beyond loopback (TLS + auth given)
    values = {
        k.removeprefix("SCREENING_").lower(): _in_container(v, secrets_dir)
        for k, v in env.items()
        if k.startswith("SCREENING_METRICS_")
    }
    server = serve_settings(ScreeningMetrics(), Settings(**{**values, "metrics_port": 0}))  # type: ignore[arg-type]
    try:
        assert server.url.startswith("https://0.0.0.0:")
    finally:
        server.close()
