"""Security of the local broker and the pipeline's principals: a CA and broker certificate, SCRAM
users with generated passwords, the secure listener's properties, and ACLs as code
(`deploy/kafka/acls.toml`) applied with the admin client.

Secrets live in files with mode 0600 under the broker's data directory; nothing here logs them.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import secrets
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from screening.errors import BrokerError, ConfigError
from screening.paths import KAFKA_ACLS
from screening.settings import Settings

ACLS_FILE = KAFKA_ACLS
MECHANISM = "SCRAM-SHA-512"
BROKER_USER = "broker"  # inter-broker principal (super user)
CONTROLLER_USER = "controller"  # controller listener principal (SASL/PLAIN, super user)


# ---------------------------------------------------------------------------------------------
# Files


def _write_secret(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


@dataclass(frozen=True)
class TlsFiles:
    ca_cert: Path  # PEM, for clients (SCREENING_KAFKA_SSL_CAFILE)
    broker_pem: Path  # PKCS#8 key + certificate chain, for the broker's PEM keystore


def _new_ca(directory: Path) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    """The CA in `directory` (ca.key, ca.pem), made when missing."""
    key_path, cert_path = directory / "ca.key", directory / "ca.pem"
    if key_path.is_file() and cert_path.is_file():
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
        assert isinstance(key, rsa.RSAPrivateKey)
        return key, x509.load_pem_x509_certificate(cert_path.read_bytes())
    now = dt.datetime.now(dt.UTC)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "screening local broker CA")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    _write_secret(
        key_path,
        ca_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
    )
    cert_path.write_bytes(ca_cert.public_bytes(pem))
    return ca_key, ca_cert


def issue_server_pem(
    path: Path,
    ca: tuple[rsa.RSAPrivateKey, x509.Certificate],
    hosts: tuple[str, ...],
    common_name: str,
) -> None:
    """A server key and certificate for `hosts`, signed by `ca`, written as one PEM file (0600):
    PKCS#8 key, certificate, CA certificate (Kafka's PEM keystore and `load_cert_chain` read it)."""
    ca_key, ca_cert = ca
    now = dt.datetime.now(dt.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=397))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    key_pem = key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write_secret(path, key_pem + cert.public_bytes(pem) + ca_cert.public_bytes(pem))


def make_tls(directory: Path, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> TlsFiles:
    """A private CA and a broker certificate for `hosts` (reused when present)."""
    files = TlsFiles(directory / "ca.pem", directory / "broker.pem")
    if files.ca_cert.is_file() and files.broker_pem.is_file():
        return files
    issue_server_pem(files.broker_pem, _new_ca(directory), hosts, "screening broker")
    return files


# Deployment secrets (docker compose `secrets:`, Kubernetes Secrets made from these files)
KAFKA_HOSTS = ("kafka", "localhost", "127.0.0.1")
METRICS_HOSTS = (
    "worker",
    "screening-worker-metrics",
    "screening-worker-metrics.screening.svc",
    "localhost",
    "127.0.0.1",
)
METRICS_USER = "prometheus"


def make_deploy_secrets(directory: Path, policy: AclPolicy | None = None) -> list[Path]:
    """Every secret file the compose and Kubernetes deployments read, made when missing (kept
    otherwise): a CA (ca.pem, ca.key), the broker's certificate for `kafka` (kafka.pem), the
    workers' metrics certificate (metrics.pem), one SCRAM password per user of acls.toml plus
    the broker's own, and the metrics basic-auth password. Returns the files."""
    policy = load_acls() if policy is None else policy
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    ca = _new_ca(directory)
    for name, hosts, cn in (
        ("kafka.pem", KAFKA_HOSTS, "screening broker"),
        ("metrics.pem", METRICS_HOSTS, "screening worker metrics"),
    ):
        if not (directory / name).is_file():
            issue_server_pem(directory / name, ca, hosts, cn)
    users = [*policy.users, BROKER_USER, CONTROLLER_USER, "metrics"]
    for user in users:
        path = directory / f"{user}.password"
        if not path.is_file():
            _write_secret(path, secrets.token_urlsafe(24).encode())
    names = ["ca.pem", "ca.key", "kafka.pem", "metrics.pem", *(f"{u}.password" for u in users)]
    return [directory / name for name in names]


def password_file(data_dir: Path, user: str) -> Path:
    return data_dir / "secrets" / f"{user}.password"


def make_passwords(data_dir: Path, users: list[str]) -> dict[str, str]:
    """A random password per user, in DATA/secrets/USER.password (0600); existing ones kept."""
    passwords = {}
    for user in users:
        path = password_file(data_dir, user)
        if not path.is_file():
            _write_secret(path, secrets.token_urlsafe(24).encode())
        passwords[user] = path.read_text().strip()
    return passwords


# ---------------------------------------------------------------------------------------------
# ACLs as code


@dataclass(frozen=True)
class Principal:
    name: str
    read: tuple[str, ...] = ()
    write: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class AclPolicy:
    super_users: tuple[str, ...]
    principals: tuple[Principal, ...] = field(default_factory=tuple)

    @property
    def users(self) -> list[str]:
        """Every SCRAM user the broker needs: super users and principals."""
        return list(dict.fromkeys([*self.super_users, *(p.name for p in self.principals)]))


def load_acls(path: Path = ACLS_FILE) -> AclPolicy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        principals = tuple(
            Principal(
                name=name,
                read=tuple(table.get("read", [])),
                write=tuple(table.get("write", [])),
                groups=tuple(table.get("groups", [])),
                description=str(table.get("description", "")),
            )
            for name, table in data.get("principals", {}).items()
        )
        return AclPolicy(tuple(data.get("super_users", [])), principals)
    except (OSError, tomllib.TOMLDecodeError, TypeError, AttributeError) as exc:
        raise ConfigError(f"cannot read ACLs {path}: {exc}") from exc


def acl_entries(policy: AclPolicy, settings: Settings) -> list[tuple[str, str, str, str]]:
    """(principal, resource type, resource name, operation) for every grant, names resolved."""
    from screening.kafka.topics import topic_name

    entries = []
    for p in policy.principals:
        user = f"User:{p.name}"
        entries += [(user, "TOPIC", topic_name(t, settings), "READ") for t in p.read]
        entries += [(user, "TOPIC", topic_name(t, settings), "WRITE") for t in p.write]
        for group in p.groups:
            resolved = Template(group).safe_substitute(group_id=settings.group_id)
            entries.append((user, "GROUP", resolved, "READ"))
    return entries


def apply_acls(admin: Any, settings: Settings, policy: AclPolicy | None = None) -> int | None:
    """Create the ACLs of `policy` (idempotent). None when the broker has no authorizer."""
    from kafka.admin import (
        ACL,
        ACLOperation,
        ACLPermissionType,
        ACLResourcePatternType,
        ResourcePattern,
        ResourceType,
    )
    from kafka.errors import SecurityDisabledError

    policy = load_acls() if policy is None else policy
    acls = [
        ACL(
            principal=principal,
            host="*",
            operation=ACLOperation[operation],
            permission_type=ACLPermissionType.ALLOW,
            resource_pattern=ResourcePattern(
                ResourceType[rtype], name, ACLResourcePatternType.LITERAL
            ),
        )
        for principal, rtype, name, operation in acl_entries(policy, settings)
    ]
    try:
        result = admin.create_acls(acls)
    except SecurityDisabledError:
        return None
    failed = result["failed"]  # kafka-python 3: error classes, in request order
    if failed:
        if all(err is SecurityDisabledError for err in failed):
            return None
        names = sorted({getattr(err, "__name__", str(err)) for err in failed})
        raise BrokerError(f"creating {len(failed)} ACLs failed: {', '.join(names)}")
    _wait_until_in_force(admin, acls)
    return len(acls)


def _wait_until_in_force(admin: Any, acls: list[Any], timeout: float = 30.0) -> None:
    """KRaft applies created ACLs asynchronously: wait until the broker's authorizer lists them
    all, so a client started right after `topics create` is not refused by a stale cache."""
    from kafka.admin import (
        ACLFilter,
        ACLOperation,
        ACLPermissionType,
        ACLResourcePatternType,
        ResourcePatternFilter,
        ResourceType,
    )

    wanted = {(a.principal, a.resource_pattern.resource_name, a.operation) for a in acls}
    everything = ACLFilter(
        principal=None,
        host=None,
        operation=ACLOperation.ANY,
        permission_type=ACLPermissionType.ANY,
        resource_pattern=ResourcePatternFilter(ResourceType.ANY, None, ACLResourcePatternType.ANY),
    )
    deadline = time.monotonic() + timeout
    while True:
        listed, _error = admin.describe_acls(everything)
        present = {(a.principal, a.resource_pattern.resource_name, a.operation) for a in listed}
        if wanted <= present:
            return
        if time.monotonic() > deadline:
            raise BrokerError(f"{len(wanted - present)} ACLs not in force after {timeout:.0f} s")
        time.sleep(0.2)


# ---------------------------------------------------------------------------------------------
# Broker properties of the secure listener


def jaas_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def secure_properties(
    data_dir: Path, tls: TlsFiles, passwords: dict[str, str], super_users: list[str]
) -> list[str]:
    """Lines for server.properties: SCRAM on SECURE (SASL_SSL), SASL/PLAIN on the controller
    listener (KRaft controllers cannot use SCRAM), StandardAuthorizer with deny by default."""
    broker_pw = jaas_escape(passwords[BROKER_USER])
    controller_pw = jaas_escape(passwords[CONTROLLER_USER])
    supers = ";".join(f"User:{u}" for u in [*super_users, BROKER_USER, CONTROLLER_USER])
    return [
        "sasl.enabled.mechanisms=" + MECHANISM,
        "sasl.mechanism.inter.broker.protocol=" + MECHANISM,
        "listener.name.secure.sasl.enabled.mechanisms=" + MECHANISM,
        "listener.name.secure.scram-sha-512.sasl.jaas.config="
        "org.apache.kafka.common.security.scram.ScramLoginModule required "
        f'username="{BROKER_USER}" password="{broker_pw}";',
        "listener.name.secure.ssl.keystore.type=PEM",
        f"listener.name.secure.ssl.keystore.location={tls.broker_pem}",
        "listener.name.secure.ssl.truststore.type=PEM",
        f"listener.name.secure.ssl.truststore.location={tls.ca_cert}",
        "listener.name.secure.ssl.client.auth=none",
        "ssl.endpoint.identification.algorithm=https",
        "ssl.enabled.protocols=TLSv1.3,TLSv1.2",
        "sasl.mechanism.controller.protocol=PLAIN",
        "listener.name.controller.sasl.enabled.mechanisms=PLAIN",
        "listener.name.controller.plain.sasl.jaas.config="
        "org.apache.kafka.common.security.plain.PlainLoginModule required "
        f'username="{CONTROLLER_USER}" password="{controller_pw}" '
        f'user_{CONTROLLER_USER}="{controller_pw}";',
        "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
        "allow.everyone.if.no.acl.found=false",
        f"super.users={supers}",
    ]


def scram_arguments(passwords: dict[str, str], users: list[str]) -> list[str]:
    """`--add-scram` arguments of StorageTool format for `users`."""
    args = []
    for user in users:
        args += ["--add-scram", f"{MECHANISM}=[name={user},password={passwords[user]}]"]
    return args


def client_settings(data_dir: Path, bootstrap: str, user: str, **extra: Any) -> Settings:
    """Settings of a client of the local secure broker, as `user` (password from its file)."""
    values: dict[str, Any] = {
        "broker": bootstrap,
        "kafka_security_protocol": "SASL_SSL",
        "kafka_sasl_mechanism": MECHANISM,
        "kafka_sasl_username": user,
        "kafka_sasl_password_file": password_file(data_dir, user),
        "kafka_ssl_cafile": data_dir / "tls" / "ca.pem",
    }
    return Settings(**{**values, **extra})


def client_environment(data_dir: Path, bootstrap: str, user: str) -> dict[str, str]:
    """The same as environment variables (no secret in them: the password stays in its file)."""
    return {
        "SCREENING_BROKER": bootstrap,
        "SCREENING_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
        "SCREENING_KAFKA_SASL_MECHANISM": MECHANISM,
        "SCREENING_KAFKA_SASL_USERNAME": user,
        "SCREENING_KAFKA_SASL_PASSWORD_FILE": str(password_file(data_dir, user)),
        "SCREENING_KAFKA_SSL_CAFILE": str(data_dir / "tls" / "ca.pem"),
    }
