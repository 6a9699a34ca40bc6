"""deploy/k8s: every manifest parses, and agrees with the code: ports, SCREENING_* variables
(each a `Settings` field), the probe paths the metrics server answers, topic and group names,
and at most one replica per partition of the input topic."""

from __future__ import annotations

import functools
import re
import tempfile
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml
from prom_helpers import DEPLOY

from screening.kafka.security import load_acls, make_deploy_secrets
from screening.kafka.topics import topic_name
from screening.metrics import ScreeningMetrics, serve
from screening.paths import REPO_ROOT
from screening.settings import Settings

K8S = DEPLOY / "k8s"


def _docs() -> list[dict[str, Any]]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        docs += [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d]
    return docs


def _one(kind: str) -> dict[str, Any]:
    found = [d for d in _docs() if d["kind"] == kind]
    assert len(found) == 1, kind
    return found[0]


def _container() -> dict[str, Any]:
    containers = _one("Deployment")["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    return dict(containers[0])


def _config() -> dict[str, str]:
    return dict(_one("ConfigMap")["data"])


@functools.cache
def _secrets_dir() -> Path:
    """The files `screening broker secrets` makes, standing in for the mounted Secrets."""
    directory = Path(tempfile.mkdtemp(prefix="k8s-secrets-"))
    make_deploy_secrets(directory)
    return directory


def _local(value: str) -> str:
    """/run/secrets/VOLUME/KEY (a Secret key mounted in the pod) as the local file KEY."""
    return re.sub(r"^/run/secrets/[^/]+/", f"{_secrets_dir()}/", value)


def _settings() -> Settings:
    """The settings the pod would load from its ConfigMap (validated as at startup, with the
    secret files in place)."""
    env = {k.removeprefix("SCREENING_").lower(): _local(v) for k, v in _config().items()}
    return Settings(**env)


def test_every_manifest_parses_with_kind_and_name() -> None:
    docs = _docs()
    kinds = {d["kind"] for d in docs}
    assert {"ConfigMap", "Deployment", "PodDisruptionBudget", "Service", "ScaledObject"} <= kinds
    for doc in docs:
        if doc["kind"] != "Kustomization":
            assert doc["apiVersion"] and doc["metadata"]["name"]
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    assert listed == {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}


def test_variables_are_settings_fields() -> None:
    fields = {f"SCREENING_{name.upper()}" for name in Settings.model_fields}
    names = set(_config()) | {e["name"] for e in _container().get("env", [])}
    assert names <= fields, names - fields
    assert (
        _container()["envFrom"][0]["configMapRef"]["name"] == _one("ConfigMap")["metadata"]["name"]
    )
    settings = _settings()  # raises if a value would fail validation at startup
    assert settings.metrics_host == "0.0.0.0"  # probes and scrapes come from outside the pod


def test_ports_agree_with_settings_and_service() -> None:
    port = _settings().metrics_port
    assert port == Settings().metrics_port == 9108
    container = _container()
    (declared,) = container["ports"]
    assert declared["containerPort"] == port
    service = _one("Service")["spec"]
    (service_port,) = service["ports"]
    assert service_port["port"] == port
    assert service_port["targetPort"] in (declared["name"], port)
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["port"] in (declared["name"], port)
    labels = _one("Deployment")["spec"]["template"]["metadata"]["labels"]
    for selector in (service["selector"], _one("PodDisruptionBudget")["spec"]["selector"]):
        selector = selector.get("matchLabels", selector)
        assert selector.items() <= labels.items()


def test_probe_paths_are_served_by_the_metrics_server() -> None:
    container = _container()
    paths = {container[p]["httpGet"]["path"] for p in ("livenessProbe", "readinessProbe")}
    assert paths == {"/healthz", "/readyz"}
    server = serve(ScreeningMetrics(), 0)
    try:
        for path in paths:
            try:
                with urllib.request.urlopen(server.url + path, timeout=5) as r:
                    status = r.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            assert status in (200, 503), path  # answered (not 404)
    finally:
        server.close()


def test_scaler_watches_the_worker_topic_and_group() -> None:
    scaled = _one("ScaledObject")["spec"]
    assert scaled["scaleTargetRef"]["name"] == _one("Deployment")["metadata"]["name"]
    (trigger,) = scaled["triggers"]
    assert trigger["type"] == "kafka"
    meta = trigger["metadata"]
    settings = _settings()
    assert meta["topic"] == topic_name("screening.events", settings)
    assert meta["consumerGroup"] == settings.group_id
    assert meta["bootstrapServers"] == settings.broker
    topics = tomllib.loads((REPO_ROOT / "streams" / "topics.toml").read_text())["topics"]
    partitions = topics["screening.events"]["partitions"]
    assert 1 <= scaled["minReplicaCount"] <= scaled["maxReplicaCount"] <= partitions
    assert meta["allowIdleConsumers"] == "false"


def test_resources_are_sized() -> None:
    resources = _container()["resources"]
    assert resources["requests"]["cpu"] == "1"  # one agent, single-threaded screening
    request = _mib(resources["requests"]["memory"])
    limit = _mib(resources["limits"]["memory"])
    # The benchmarks' peak RSS with every real list is 462 MB; faust adds about 100 MB.
    assert 562 <= request <= limit <= 1536


def _mib(quantity: str) -> int:
    units = {"Mi": 1, "Gi": 1024}
    return int(quantity[:-2]) * units[quantity[-2:]]


# -- security: SASL_SSL as the worker principal, secrets only from Secret objects ----------------


def _secret_mounts() -> dict[str, tuple[str, set[str]]]:
    """mount path -> (Secret name, keys) of the worker's secret volumes."""
    pod = _one("Deployment")["spec"]["template"]["spec"]
    volumes = {v["name"]: v["secret"] for v in pod["volumes"] if "secret" in v}
    mounts = {}
    for mount in _container()["volumeMounts"]:
        if mount["name"] in volumes:
            assert mount["readOnly"] is True
            secret = volumes[mount["name"]]
            keys = {item["key"] for item in secret["items"]}
            mounts[mount["mountPath"]] = (secret["secretName"], keys)
    return mounts


def test_worker_speaks_sasl_ssl_with_password_files_from_secrets() -> None:
    config = _config()
    assert config["SCREENING_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert config["SCREENING_KAFKA_SASL_USERNAME"] in load_acls().users
    assert not [k for k in config if k.endswith("_PASSWORD")], "a password value in the ConfigMap"
    mounts = _secret_mounts()
    for name, value in config.items():
        if name.endswith(("_FILE", "_CAFILE", "_CERTFILE", "_KEYFILE")):
            directory, key = value.rsplit("/", 1)
            assert directory in mounts and key in mounts[directory][1], name
    settings = _settings()
    assert settings.sasl_password() and settings.metrics_password()
    # no Secret (or any other manifest) carries a value: Secrets are made from files
    assert not [d for d in _docs() if d["kind"] == "Secret"]
    for path in K8S.glob("*.yaml"):
        text = path.read_text()
        assert not re.search(r"^\s*(data|stringData):", text, re.M) or path.name == "configmap.yaml"
        for secret in _secrets_dir().glob("*.password"):
            assert secret.read_text().strip() not in text


def test_probes_and_scaler_use_the_secure_endpoints() -> None:
    container = _container()
    assert _settings().metrics_tls_certfile is not None
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        assert container[probe]["httpGet"]["scheme"] == "HTTPS"
    (trigger,) = _one("ScaledObject")["spec"]["triggers"]
    assert (trigger["metadata"]["sasl"], trigger["metadata"]["tls"]) == ("scram_sha512", "enable")
    auth = _one("TriggerAuthentication")
    assert trigger["authenticationRef"]["name"] == auth["metadata"]["name"]
    kafka_secret = _secret_mounts()["/run/secrets/kafka"]
    refs = {r["parameter"]: (r["name"], r["key"]) for r in auth["spec"]["secretTargetRef"]}
    assert refs["password"] == (kafka_secret[0], "worker.password")
    assert refs["ca"] == (kafka_secret[0], "ca.pem")
