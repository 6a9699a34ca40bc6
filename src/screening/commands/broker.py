"""`screening broker start|stop|status|secrets|fetch`: the local single-node Kafka broker."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from screening.kafka import broker, security
from screening.settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "broker", help="start, stop or inspect the local Kafka broker"
    )
    commands = parser.add_subparsers(dest="broker_command", required=True)
    data_help = (
        "broker data directory (default: SCREENING_KAFKA_DATA or ~/.local/state/screening/kafka)"
    )

    start = commands.add_parser(
        "start",
        help="start the broker in the background (or reuse the running one); print the bootstrap",
    )
    start.add_argument(
        "--port",
        type=int,
        help=f"client port (default: the port this data dir used last, else {broker.DEFAULT_PORT})",
    )
    start.add_argument("--data", type=Path, help=data_help)
    start.add_argument(
        "--secure",
        action="store_true",
        default=None,
        help="TLS + SASL/SCRAM-SHA-512 listener and ACLs (decided when the data dir is new)",
    )
    start.set_defaults(func=_start)

    stop = commands.add_parser("stop", help="stop the broker (SIGTERM, waits for it to exit)")
    stop.add_argument("--data", type=Path, help=data_help)
    stop.set_defaults(func=_stop)

    status = commands.add_parser(
        "status", help="one line per listener: NAME HOST:PORT PROTOCOL (exit 3 if not running)"
    )
    status.add_argument("--data", type=Path, help=data_help)
    status.set_defaults(func=_status)

    made = commands.add_parser(
        "secrets",
        help="make the secret files of the compose/Kubernetes deployment (kept when present)",
        description="A CA, the broker's certificate (host `kafka`), the workers' metrics "
        "certificate, one SCRAM password per user of deploy/kafka/acls.toml and the metrics "
        "basic-auth password, as files (mode 0600) in DIR: deploy/docker-compose.yml reads "
        "them from deploy/secrets as compose secrets; on Kubernetes make Secrets from them "
        "(deploy/k8s/README). Prints the file names, never their contents.",
    )
    made.add_argument("dir", type=Path, help="where to write them, e.g. deploy/secrets")
    made.set_defaults(func=_secrets)

    fetch = commands.add_parser("fetch", help="download the broker jars (Maven), once")
    fetch.set_defaults(func=_fetch)


def _data_dir(args: argparse.Namespace) -> Path:
    return load_settings(kafka_data=args.data).kafka_data


def _start(args: argparse.Namespace) -> int:
    started = time.monotonic()
    data_dir = _data_dir(args)
    bootstrap = broker.start(data_dir, args.port, secure=args.secure)
    print(f"broker ready after {time.monotonic() - started:.1f} s", file=sys.stderr)
    if broker.status(data_dir).listeners[0].name == broker.SECURE_LISTENER:
        print("clients connect with (passwords stay in their files):", file=sys.stderr)
        env = security.client_environment(data_dir.resolve(), bootstrap, "USER")
        for name, value in env.items():
            print(f"  {name}={value}", file=sys.stderr)
        users = ", ".join(security.load_acls().users)
        print(f"  USER: one of {users}", file=sys.stderr)
    print(bootstrap)
    return 0


def _stop(args: argparse.Namespace) -> int:
    data_dir = _data_dir(args)
    if broker.stop(data_dir):
        print(f"stopped the broker of {data_dir}")
    else:
        print(f"no broker running for {data_dir}")
    return 0


def _status(args: argparse.Namespace) -> int:
    state = broker.status(_data_dir(args))
    if not state.running:
        print(f"not running (data {state.data_dir})", file=sys.stderr)
        return 3
    for listener in state.listeners:
        print(f"{listener.name} {listener.address} {listener.protocol}")
    print(f"pid {state.pid}, data {state.data_dir}", file=sys.stderr)
    return 0


def _secrets(args: argparse.Namespace) -> int:
    for path in security.make_deploy_secrets(args.dir):
        print(path)
    return 0


def _fetch(args: argparse.Namespace) -> int:
    libs = broker.fetch_jars()
    print(libs)
    return 0
