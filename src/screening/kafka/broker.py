"""The project's local Kafka broker: Apache Kafka 4.1 from Maven Central jars, KRaft, one node.

`start` is idempotent: a data directory holds one broker (its config, metadata log, PID and
ports); starting it again while it runs returns the same bootstrap address. The recipe and its
timings are in `deploy/kafka/README.md`.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from string import Template
from typing import IO, Any

from screening.errors import BrokerError
from screening.kafka import security
from screening.paths import REPO_ROOT

DEPLOY_DIR = REPO_ROOT / "deploy" / "kafka"
POM = DEPLOY_DIR / "pom.xml"
TEMPLATE = DEPLOY_DIR / "server.properties"
LOG4J = DEPLOY_DIR / "log4j2.properties"
JARS_SHA256 = DEPLOY_DIR / "jars.sha256"
DEFAULT_LIBS = DEPLOY_DIR / "libs"
DEFAULT_PORT = 9092
ADMIN_USER = "admin"  # the super user the readiness check and the tests administer with
HOST = "127.0.0.1"
READY_TIMEOUT_S = float(os.environ.get("SCREENING_BROKER_READY_TIMEOUT", "90"))
STOP_TIMEOUT_S = 60.0

# C1-only JIT roughly halves JVM start on 2 busy cores (21 s -> 7 s in the recipe); the serial
# GC suits the one-shot storage tool.
_TOOL_JVM = ["-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.awt.headless=true"]
_BROKER_JVM = [
    "-Xmx512m",
    "-Xms512m",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:TieredStopAtLevel=1",
    "-Djava.awt.headless=true",
]

# Popen objects of brokers started by this process, so `stop` can reap them (no zombies).
_CHILDREN: dict[Path, subprocess.Popen[bytes]] = {}


@dataclass(frozen=True)
class Listener:
    name: str
    host: str
    port: int
    protocol: str

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class BrokerStatus:
    data_dir: Path
    running: bool
    pid: int | None
    listeners: tuple[Listener, ...] = field(default_factory=tuple)

    @property
    def bootstrap(self) -> str | None:
        """The client listener: SECURE on a secure broker, else LOOPBACK_PLAINTEXT."""
        for listener in self.listeners:
            if listener.name != CONTROLLER_LISTENER:
                return listener.address
        return None


# The plaintext listener is loopback-only and meant for the quick demo and local tools; a
# secure broker (`start(secure=True)`) has only the SASL_SSL listener for clients.
PLAINTEXT_LISTENER = "LOOPBACK_PLAINTEXT"
SECURE_LISTENER = "SECURE"
CONTROLLER_LISTENER = "CONTROLLER"


# ---------------------------------------------------------------------------------------------
# Jars


def fetch_jars(libs: Path = DEFAULT_LIBS, *, out: IO[str] | None = None) -> Path:
    """Download the broker classpath once (Maven copy-dependencies), with progress on `out`.

    Maven checks each artifact's published checksum (`--strict-checksums`); the copied jars are
    then checked against `deploy/kafka/jars.sha256`, so a changed artifact is refused. Jars
    fetched before are checked again on every call (each broker start): a jar changed on disk
    since the fetch is refused too. A changed pom or checksum list fetches again.
    """
    out = out if out is not None else sys.stderr
    marker = libs / ".complete"
    pom_digest = _recipe_digest()
    if marker.is_file() and marker.read_text().strip() == pom_digest:
        _verify_jars(libs)
        return libs
    mvn = shutil.which("mvn")
    if mvn is None:
        raise BrokerError(
            "Maven (mvn) is not installed; it fetches the broker jars once. "
            "Install it with `apt-get install maven` (or run `make kafka-jars` as root)."
        )
    if libs.exists():
        shutil.rmtree(libs)
    libs.mkdir(parents=True)
    repo = Path(os.environ.get("SCREENING_MAVEN_REPO", Path.home() / ".m2" / "repository"))
    command = [
        mvn,
        "-B",
        "-q",
        "--strict-checksums",
        f"-Dmaven.repo.local={repo}",
        "-f",
        str(POM),
        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
        f"-DoutputDirectory={libs}",
        "-DincludeScope=runtime",
    ]
    print(f"fetching the Kafka broker jars into {libs} (Maven repository {repo})", file=out)
    started = time.monotonic()
    before = _tree_size(repo)
    done = threading.Event()

    def progress() -> None:
        while not done.wait(2.0):
            fetched = (_tree_size(repo) - before) / 1e6
            jars = len(list(libs.glob("*.jar")))
            elapsed = time.monotonic() - started
            print(f"  ... {elapsed:4.0f} s, {fetched:5.1f} MB downloaded, {jars} jars", file=out)

    thread = threading.Thread(target=progress, daemon=True)
    thread.start()
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        done.set()
        thread.join()
    if result.returncode != 0:
        detail = (result.stdout + result.stderr).strip()[-2000:]
        raise BrokerError(
            f"Maven could not fetch the broker jars (exit {result.returncode}):\n{detail}"
        )
    _verify_jars(libs)
    jars = sorted(libs.glob("*.jar"))
    size = sum(j.stat().st_size for j in jars) / 2**20
    print(
        f"fetched {len(jars)} jars ({size:.1f} MiB) in {time.monotonic() - started:.1f} s",
        file=out,
    )
    marker.write_text(pom_digest + "\n")
    return libs


def _tree_size(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.stat(os.path.join(root, name)).st_size
    return total


def _recipe_digest() -> str:
    """What the fetched jars must match: the pom and the checksum list (pinned versions, sha256)."""
    listed = JARS_SHA256.read_bytes() if JARS_SHA256.is_file() else b""
    return hashlib.sha256(POM.read_bytes() + listed).hexdigest()


def _verify_jars(libs: Path, manifest: Path = JARS_SHA256) -> None:
    """Exactly the jars of `manifest` (`SHA256  NAME` lines), each with its sha256, or refuse."""
    if not manifest.is_file():
        raise BrokerError(f"{manifest} is missing: the broker jars cannot be verified")
    expected: dict[str, str] = {}
    for line in manifest.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split()
            expected[name] = digest
    if not expected:
        raise BrokerError(f"{manifest} lists no jars: the broker jars cannot be verified")
    found = {j.name: hashlib.sha256(j.read_bytes()).hexdigest() for j in libs.glob("*.jar")}
    problems = [f"missing {n}" for n in sorted(expected.keys() - found.keys())]
    problems += [f"unexpected {n}" for n in sorted(found.keys() - expected.keys())]
    problems += [
        f"checksum of {n}" for n in sorted(expected) if n in found and found[n] != expected[n]
    ]
    if problems:
        raise BrokerError(
            f"broker jars in {libs} differ from {manifest.name}: "
            + ", ".join(problems)
            + f"; remove {libs} and run `screening broker fetch` again, or review the change"
        )


def java_executable() -> str:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise BrokerError(
            "Java is not installed; the broker needs Java 17 or later. "
            "Install it with `apt-get install openjdk-17-jre-headless`."
        )
    return found


# ---------------------------------------------------------------------------------------------
# Data directory state


def _state_file(data_dir: Path) -> Path:
    return data_dir / "broker.json"


def _read_state(data_dir: Path) -> dict[str, Any]:
    path = _state_file(data_dir)
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _write_state(data_dir: Path, state: dict[str, Any]) -> None:
    tmp = _state_file(data_dir).with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n")
    tmp.replace(_state_file(data_dir))


@contextlib.contextmanager
def _locked(data_dir: Path) -> Iterator[None]:
    """One start/stop at a time per data directory (e.g. two test sessions)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return not Path("/proc").is_dir()
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _is_our_broker(pid: int, data_dir: Path) -> bool:
    """Guards against a recycled PID: the process must be kafka.Kafka on this data dir's config."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _alive(pid)
    config = str((data_dir / "server.properties").resolve()).encode()
    return b"kafka.Kafka" in cmdline and config in cmdline and _alive(pid)


def _running_pid(data_dir: Path) -> int | None:
    pid = _read_state(data_dir).get("pid")
    if isinstance(pid, int) and _is_our_broker(pid, data_dir):
        return pid
    return None


def _listeners(state: dict[str, Any]) -> tuple[Listener, ...]:
    return tuple(Listener(**item) for item in state.get("listeners", []))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError:
            return False
        return True


def new_cluster_id() -> str:
    """A Kafka cluster id (base64url UUID, no leading '-'); saves a JVM start of StorageTool."""
    while True:
        cid = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cid.startswith("-"):
            return cid


def render_config(
    data_dir: Path, port: int, controller_port: int, secure: bool = False
) -> tuple[str, list[Listener]]:
    """server.properties of this data directory, and its listeners."""
    if secure:
        client = Listener(SECURE_LISTENER, HOST, port, "SASL_SSL")
        controller = Listener(CONTROLLER_LISTENER, HOST, controller_port, "SASL_PLAINTEXT")
    else:
        client = Listener(PLAINTEXT_LISTENER, HOST, port, "PLAINTEXT")
        controller = Listener(CONTROLLER_LISTENER, HOST, controller_port, "PLAINTEXT")
    listeners = [client, controller]
    spec = ",".join(f"{x.name}://{x.address}" for x in listeners)
    values = {
        "controller_port": controller_port,
        "listeners": spec,
        "advertised_listeners": spec,
        "inter_broker_listener": client.name,
        "protocol_map": ",".join(f"{x.name}:{x.protocol}" for x in listeners),
        "log_dirs": str((data_dir / "kafka-data").resolve()),
    }
    text = Template(TEMPLATE.read_text()).substitute(values)
    if secure:
        policy = security.load_acls()
        tls = security.make_tls(data_dir / "tls")
        passwords = security.make_passwords(data_dir, _secure_users(policy))
        lines = security.secure_properties(data_dir, tls, passwords, list(policy.super_users))
        text += "# security: SASL_SSL + SCRAM-SHA-512 for clients, StandardAuthorizer\n"
        text += "\n".join(lines) + "\n"
    return text, listeners


def _secure_users(policy: security.AclPolicy) -> list[str]:
    return [*policy.users, security.BROKER_USER, security.CONTROLLER_USER]


# ---------------------------------------------------------------------------------------------
# start / stop / status


def start(
    data_dir: Path,
    port: int | None = None,
    *,
    secure: bool | None = None,
    libs: Path = DEFAULT_LIBS,
    out: IO[str] | None = None,
    timeout: float = READY_TIMEOUT_S,
) -> str:
    """Start (or reuse) the broker of `data_dir`; return its bootstrap address "127.0.0.1:PORT".

    `port` None: the port this data directory used last, else 9092. Blocks until the broker
    accepts connections and answers an admin request. `secure` (fixed when the storage is
    formatted; None = as formatted, else False): one SASL_SSL listener with SCRAM-SHA-512 users
    for the principals of `deploy/kafka/acls.toml`, a CA and broker certificate in DATA/tls,
    passwords in DATA/secrets, and StandardAuthorizer denying what no ACL allows.
    """
    out = out if out is not None else sys.stderr
    data_dir = data_dir.resolve()
    with _locked(data_dir):
        state = _read_state(data_dir)
        formatted = (data_dir / "kafka-data" / "meta.properties").is_file()
        was_secure = bool(state.get("secure", False))
        if secure is None:
            secure = was_secure
        elif formatted and secure != was_secure:
            mode = "with" if was_secure else "without"
            raise BrokerError(
                f"the broker storage in {data_dir} was formatted {mode} security; "
                "use another data directory to change that"
            )
        pid = _running_pid(data_dir)
        if pid is not None:
            running = BrokerStatus(data_dir, True, pid, _listeners(state)).bootstrap
            assert running is not None
            if port is not None and running != f"{HOST}:{port}":
                raise BrokerError(
                    f"the broker of {data_dir} already runs at {running} (pid {pid}); "
                    f"stop it before starting it on port {port}"
                )
            _wait_ready(data_dir, pid, running, timeout, secure)
            return running
        java = java_executable()
        fetch_jars(libs, out=out)
        port = port if port is not None else int(state.get("port", DEFAULT_PORT))
        if not _port_free(port):
            raise BrokerError(f"port {HOST}:{port} is already in use by another process")
        controller_port = int(state.get("controller_port") or free_port())
        if not _port_free(controller_port):
            raise BrokerError(
                f"the controller port {HOST}:{controller_port} of {data_dir} is in use; "
                "stop that process or remove the data directory"
            )
        config, listeners = render_config(data_dir, port, controller_port, secure)
        (data_dir / "server.properties").write_text(config)
        (data_dir / "logs").mkdir(exist_ok=True)
        jvm_common = [
            f"-Dlog4j2.configurationFile=file:{LOG4J}",
            f"-Dkafka.logs.dir={data_dir / 'logs'}",
            "-cp",
            f"{libs.resolve()}/*",
        ]
        if not formatted:
            cluster_id = new_cluster_id()
            extra: list[str] = []
            if secure:
                policy = security.load_acls()
                scram_users = [u for u in _secure_users(policy) if u != security.CONTROLLER_USER]
                passwords = security.make_passwords(data_dir, scram_users)
                extra = security.scram_arguments(passwords, scram_users)
            _format_storage(java, jvm_common, data_dir, cluster_id, out, extra)
            state = {"cluster_id": cluster_id, "secure": secure}
        state.update(port=port, controller_port=controller_port)
        state["listeners"] = [x.__dict__ for x in listeners]
        with open(data_dir / "logs" / "broker.out", "ab") as log:
            child = subprocess.Popen(
                [
                    java,
                    *_BROKER_JVM,
                    *jvm_common,
                    "kafka.Kafka",
                    str(data_dir / "server.properties"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        _CHILDREN[data_dir] = child
        state.update(pid=child.pid, started_at=time.time())
        _write_state(data_dir, state)
        bootstrap = f"{HOST}:{port}"
        print(f"starting the Kafka broker (pid {child.pid}, data {data_dir})", file=out)
        try:
            _wait_ready(data_dir, child.pid, bootstrap, timeout, secure)
        except BrokerError:
            _terminate(data_dir, child.pid)
            raise
        return bootstrap


def _format_storage(
    java: str,
    jvm_common: list[str],
    data_dir: Path,
    cluster_id: str,
    out: IO[str],
    extra: list[str],
) -> None:
    """StorageTool format. `extra` may hold `--add-scram` arguments (passwords): they are on
    this short-lived process's command line only, and never in the error message."""
    print(f"formatting broker storage (cluster id {cluster_id})", file=out)
    command = [java, *_TOOL_JVM, *jvm_common, "kafka.tools.StorageTool", "format", "--standalone"]
    command += ["-t", cluster_id, "-c", str(data_dir / "server.properties"), *extra]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        detail = (result.stdout + result.stderr).strip()[-2000:]
        for secret in extra:
            detail = detail.replace(secret, "[--add-scram argument]")
        raise BrokerError(
            f"formatting the broker storage failed (exit {result.returncode}):\n{detail}"
        )


def _log_tail(data_dir: Path, lines: int = 15) -> str:
    parts = []
    for name in ("broker.out", "server.log"):
        path = data_dir / "logs" / name
        if path.is_file():
            text = path.read_text(errors="replace").splitlines()[-lines:]
            if text:
                parts.append(f"--- {path}\n" + "\n".join(text))
    return "\n".join(parts)


def _wait_ready(
    data_dir: Path, pid: int, bootstrap: str, timeout: float, secure: bool = False
) -> None:
    """TCP accept, then an admin round trip (metadata served): no fixed sleeps."""
    deadline = time.monotonic() + timeout
    host, port = bootstrap.rsplit(":", 1)
    while True:
        if not _alive(pid):
            raise BrokerError(
                f"the broker (pid {pid}) exited during startup\n{_log_tail(data_dir)}"
            )
        if time.monotonic() > deadline:
            raise BrokerError(
                f"the broker did not accept connections on {bootstrap} within {timeout:.0f} s\n"
                + _log_tail(data_dir)
            )
        try:
            with socket.create_connection((host, int(port)), timeout=1.0):
                pass
        except OSError:
            time.sleep(0.2)
            continue
        if _admin_ready(data_dir, bootstrap, secure):
            return
        time.sleep(0.2)


def _admin_ready(data_dir: Path, bootstrap: str, secure: bool) -> bool:
    from kafka.errors import KafkaError

    from screening.kafka import clients
    from screening.settings import Settings

    if secure:
        settings = security.client_settings(data_dir, bootstrap, ADMIN_USER)
    else:
        settings = Settings(broker=bootstrap)
    try:
        admin = clients.admin(settings, client_id="screening-ready")
    except (BrokerError, KafkaError, OSError):
        return False
    try:
        admin.list_topics()
        return True
    except (KafkaError, OSError):
        return False
    finally:
        admin.close()


def _terminate(data_dir: Path, pid: int) -> None:
    """SIGTERM (clean shutdown), wait for the PID; SIGKILL only after STOP_TIMEOUT_S."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    child = _CHILDREN.pop(data_dir, None)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        if child is not None and child.pid == pid:
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=0.2)
        if not _alive(pid):
            return
        time.sleep(0.1)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    if child is not None:
        child.wait()


def stop(data_dir: Path) -> bool:
    """Stop the broker of `data_dir`; False if it was not running. The data stays."""
    data_dir = data_dir.resolve()
    if not data_dir.is_dir():
        return False
    with _locked(data_dir):
        pid = _running_pid(data_dir)
        state = _read_state(data_dir)
        if pid is None:
            if state.pop("pid", None) is not None:
                _write_state(data_dir, state)
            return False
        _terminate(data_dir, pid)
        state.pop("pid", None)
        _write_state(data_dir, state)
        return True


def status(data_dir: Path) -> BrokerStatus:
    data_dir = data_dir.resolve()
    state = _read_state(data_dir) if data_dir.is_dir() else {}
    pid = _running_pid(data_dir) if state else None
    return BrokerStatus(data_dir, pid is not None, pid, _listeners(state))
