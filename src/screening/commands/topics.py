"""`screening topics create`: create the topics of `streams/topics.toml`, or check existing ones."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from screening.kafka import clients, security
from screening.kafka.topics import create_topics
from screening.settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("topics", help="create or check the topics")
    commands = parser.add_subparsers(dest="topics_command", required=True)
    create = commands.add_parser(
        "create",
        help="create missing topics, check existing ones (exit 1 on a mismatch), apply ACLs",
        description="Topics come from streams/topics.toml; SCREENING_TOPIC_PREFIX is prepended "
        "to every name. Existing topics are never changed, only checked. On a broker with an "
        "authorizer, the ACLs of deploy/kafka/acls.toml are applied (connect as a super user).",
    )
    create.add_argument("--broker", help="bootstrap servers (default: SCREENING_BROKER)")
    create.set_defaults(func=_create)


def _create(args: argparse.Namespace) -> int:
    settings = load_settings(broker=args.broker)
    started = time.monotonic()
    reports = create_topics(None, settings)
    for report in reports:
        line = f"{report.action:<8} {report.name}"
        if report.problems:
            line += ": " + "; ".join(report.problems)
        print(line)
    admin = clients.admin(settings)
    try:
        granted = security.apply_acls(admin, settings)
    finally:
        admin.close()
    if granted is None:
        print("acls     not applied: the broker has no authorizer (plaintext demo broker)")
    else:
        print(f"acls     {granted} grants from {security.ACLS_FILE.name} (others are refused)")
    mismatches = sum(r.action == "mismatch" for r in reports)
    print(
        f"{len(reports)} topics on {settings.broker} in {time.monotonic() - started:.2f} s"
        + (f", {mismatches} not as defined" if mismatches else ""),
        file=sys.stderr,
    )
    return 1 if mismatches else 0
