"""`screening allowlist add|approve|revoke|list|export`: the four-eyes allowlist from a shell.

Every change appends one record to the store's log (never an edit in place); `add` needs the
lists to fingerprint the listed record as it is now.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from screening.allowlist import KINDS, PartyIdentity
from screening.allowlist_store import AllowlistStore, fingerprint_in
from screening.errors import ConfigError
from screening.lists.build import from_folder
from screening.settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "allowlist",
        help="propose, approve, revoke, list and export allowlist entries (four eyes)",
        description="An entry clears one (party, listed entity) pair while the party's screened "
        "data and the listed record stay as they were, once a second person approved it.",
    )
    actions = parser.add_subparsers(dest="allowlist_action", required=True)

    def with_store(p: argparse.ArgumentParser, publish: bool = True) -> argparse.ArgumentParser:
        p.add_argument(
            "--store", type=Path, help="allowlist directory (default: SCREENING_ALLOWLIST_DIR)"
        )
        if publish:
            p.add_argument(
                "--broker",
                help="also publish the change to the screening.allowlist topic on this broker",
            )
        return p

    add = with_store(actions.add_parser("add", help="propose an entry; prints its id"))
    add.add_argument("--name", required=True, help="the party's name as screened")
    add.add_argument("--kind", default="unknown", choices=KINDS)
    add.add_argument("--country", help="the party's country as screened (ISO alpha-2)")
    add.add_argument("--dob", help="the party's date of birth as screened")
    add.add_argument(
        "--id",
        action="append",
        default=[],
        metavar="TYPE:VALUE",
        help="an identifier of the party as screened (repeatable)",
    )
    add.add_argument("--entity", required=True, metavar="LIST:ID", help="e.g. us_ofac_sdn:36")
    add.add_argument("--reason", required=True)
    add.add_argument("--by", required=True, help="proposing user")
    add.add_argument("--until", help="review date YYYY-MM-DD (default: one year)")
    add.add_argument("--lists", type=Path, help="lists directory (default: SCREENING_LISTS_DIR)")
    add.set_defaults(func=run_add)

    appr = with_store(actions.add_parser("approve", help="approve a pending entry (not your own)"))
    appr.add_argument("entry_id")
    appr.add_argument("--by", required=True, help="approving user (not the proposer)")
    appr.set_defaults(func=run_approve)

    rev = with_store(actions.add_parser("revoke", help="revoke an entry"))
    rev.add_argument("entry_id")
    rev.add_argument("--by", required=True)
    rev.add_argument("--reason", required=True)
    rev.set_defaults(func=run_revoke)

    lst = with_store(actions.add_parser("list", help="entries and their status"), publish=False)
    lst.add_argument("--status", choices=("pending", "approved", "revoked"))
    lst.set_defaults(func=run_list)

    exp = with_store(
        actions.add_parser("export", help="current entries as JSON lines"), publish=False
    )
    exp.add_argument("-o", "--output", type=Path, help="file (default: stdout)")
    exp.add_argument("--history", action="store_true", help="every record of the log, in order")
    exp.set_defaults(func=run_export)


def _store(args: argparse.Namespace) -> AllowlistStore:
    directory = args.store or load_settings().allowlist_dir
    if directory is None:
        raise ConfigError("no allowlist store: give --store DIR or set SCREENING_ALLOWLIST_DIR")
    publish = None
    if getattr(args, "broker", None):
        from screening.allowlist_topic import AllowlistPublisher

        publish = AllowlistPublisher(load_settings(broker=args.broker))
    return AllowlistStore(Path(directory), publish)


def _pair(text: str, what: str) -> tuple[str, str]:
    left, sep, right = text.partition(":")
    if not sep or not left.strip() or not right.strip():
        raise ConfigError(f"{what} must be TYPE:VALUE / LIST:ID, not {text!r}")
    return left.strip(), right.strip()


def run_add(args: argparse.Namespace) -> int:
    list_id, entity_id = _pair(args.entity, "--entity")
    party = PartyIdentity.of(
        args.name, args.kind, args.country, args.dob, [_pair(i, "--id") for i in args.id]
    )
    snapshot = from_folder(args.lists or load_settings().lists_dir)
    entry = _store(args).add(
        party,
        list_id,
        entity_id,
        fingerprint_in(snapshot, list_id, entity_id),
        reason=args.reason,
        by=args.by,
        until=args.until,
    )
    print(entry.entry_id)
    print(f"proposed by {entry.proposed_by}, pending approval by someone else", file=sys.stderr)
    return 0


def run_approve(args: argparse.Namespace) -> int:
    entry = _store(args).approve(args.entry_id, by=args.by)
    print(f"{entry.entry_id} approved by {entry.approved_by} (until {entry.until})")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    entry = _store(args).revoke(args.entry_id, by=args.by, reason=args.reason)
    print(f"{entry.entry_id} revoked by {entry.revoked_by}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    allowlist = _store(args).load()
    for entry in sorted(allowlist.entries.values(), key=lambda e: e.proposed_at):
        if args.status and entry.status != args.status:
            continue
        print(
            f"{entry.entry_id}  {entry.status:<8}  {entry.list}:{entry.entity_id}  "
            f"{entry.party.name!r} ({entry.party.kind}, {entry.party.country or '-'})  "
            f"until {entry.until}  by {entry.proposed_by}/{entry.approved_by or '-'}  "
            f"{entry.reason}"
        )
    print(f"version {allowlist.version}", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    store = _store(args)
    if args.history:
        records = store.records()
    else:
        records = [
            e.to_dict() for e in sorted(store.load().entries.values(), key=lambda e: e.entry_id)
        ]
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
