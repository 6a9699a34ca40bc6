"""`screening console`: the analysts' review console (web), over `screening.review`.

With `--broker` it follows the review, events and review-actions topics and writes actions and
allowlist changes back to Kafka; with `--review-file` it reads review decisions from a JSON-lines
file (tests, demos, an export). Bound to 127.0.0.1 unless `--host` says otherwise.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import sys
from pathlib import Path
from typing import Any

from screening.errors import ConfigError

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "console",
        help="the review console: queue of flags and blocks, true match / false positive / approve",
        description="Serve the review console. Users, roles and password hashes come from "
        "--users (TOML); make a hash with --hash-password.",
    )
    parser.add_argument("--broker", help="Kafka bootstrap servers (default: SCREENING_BROKER)")
    parser.add_argument(
        "--review-file", type=Path, help="review decisions as JSON lines (no Kafka)"
    )
    parser.add_argument("--events-file", type=Path, help="events as JSON lines, shown with them")
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default: loopback)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--users", type=Path, help="users file (default: SCREENING_CONSOLE_USERS)")
    parser.add_argument("--allowlist", type=Path, help="allowlist store (SCREENING_ALLOWLIST_DIR)")
    parser.add_argument("--lists", type=Path, help="lists directory (default: SCREENING_LISTS_DIR)")
    parser.add_argument(
        "--actions-file", type=Path, help="also append every action to this JSON-lines file"
    )
    parser.add_argument(
        "--hash-password",
        action="store_true",
        help="read a password (prompt or stdin) and print its hash for the users file",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from screening.console.auth import hash_password

    if args.hash_password:
        password = getpass.getpass() if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        print(hash_password(password))
        return 0

    import uvicorn

    from screening.allowlist_store import AllowlistStore
    from screening.console.app import ConsoleState, create_app
    from screening.console.auth import UsersConfig
    from screening.console.feeds import FileSink, KafkaFeed, KafkaSink, Sink
    from screening.console.index import ReviewIndex, load_jsonl
    from screening.lists.build import from_folder
    from screening.settings import load_settings

    settings = load_settings(
        lists_dir=args.lists,
        allowlist_dir=args.allowlist,
        console_users=args.users,
        broker=args.broker,
    )
    if settings.console_users is None:
        raise ConfigError("no users file: give --users FILE or set SCREENING_CONSOLE_USERS")
    if settings.allowlist_dir is None:
        raise ConfigError("no allowlist store: give --allowlist DIR or set SCREENING_ALLOWLIST_DIR")
    index = ReviewIndex()
    sinks: list[Sink] = []
    feed = None
    if args.events_file:
        for line in args.events_file.read_text(encoding="utf-8").splitlines():
            if line.strip():
                try:
                    index.add_event(json.loads(line))
                except ValueError:
                    log.warning("%s: unreadable event line skipped", args.events_file)
    if args.review_file:
        skipped = load_jsonl(index, args.review_file.read_text(encoding="utf-8"))
        log.info(
            "%d review items from %s (%d lines skipped)", len(index), args.review_file, skipped
        )
    else:
        feed = KafkaFeed(settings, index)
        feed.start()
        sinks.append(KafkaSink(settings))
    if args.actions_file:
        sinks.append(FileSink(args.actions_file))
    store = AllowlistStore(
        settings.allowlist_dir,
    )
    state = ConsoleState(
        index=index,
        users=UsersConfig.load(settings.console_users),
        store=store,
        snapshot=from_folder(settings.lists_dir),
        sinks=sinks,
    )
    print(f"review console on http://{args.host}:{args.port}/", file=sys.stderr)
    try:
        uvicorn.run(create_app(state), host=args.host, port=args.port, log_level="warning")
    finally:
        if feed is not None:
            feed.stop()
    return 0
