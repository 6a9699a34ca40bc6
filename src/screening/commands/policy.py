"""`screening policy show|check`: what the bundle says, and why a code gets its action."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from screening.policy import Classification, Policy
from screening.settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("policy", help="inspect the Pillar One policy")
    commands = parser.add_subparsers(dest="policy_command", required=True)

    show = commands.add_parser("show", help="version, groups, table counts and ECCN rules")
    show.add_argument("--policy", type=Path, help="policy TOML (default: settings)")
    show.set_defaults(func=_show)

    check = commands.add_parser("check", help="explain one classification step by step")
    check.add_argument("hs_code", metavar="HS_CODE")
    check.add_argument("--from", dest="origin", metavar="XX", required=True)
    check.add_argument("--to", dest="destination", metavar="YY", required=True)
    check.add_argument("--via", action="append", default=[], metavar="ZZ")
    check.add_argument("--eccn", metavar="E")
    check.add_argument("--policy", type=Path, help="policy TOML (default: settings)")
    check.set_defaults(func=_check)


def _load(args: argparse.Namespace) -> Policy:
    return Policy.load(load_settings(policy=args.policy).policy)


def _show(args: argparse.Namespace) -> int:
    policy = _load(args)
    spec = policy.spec
    print(f"policy       {policy.version}")
    print(f"effective    {spec.effective_from.isoformat()}")
    print(f"nomenclature {spec.hs_nomenclature}")
    print(f"hash         sha256:{policy.content_hash}")
    print(f"goods table  {spec.goods_table} ({len(policy.rows)} rows)")
    print("\ngroups (most restrictive first)")
    for group in spec.group_precedence:
        members = spec.country_groups.get(group)
        listed = " ".join(members) if members is not None else "(every other ISO country)"
        print(f"  {group:<21} {listed}")
    blocs = ", ".join(f"{code} -> {group}" for code, group in spec.bloc_codes.items())
    print(f"  bloc codes: {blocs or '-'}")
    aliases = {**spec.country_aliases, **spec.treated_as}
    print("  aliases:    " + (", ".join(f"{a} -> {b}" for a, b in aliases.items()) or "-"))
    print("\nrows per category")
    for category, count in sorted(Counter(r.category for r in policy.rows).items()):
        print(f"  {category:<21} {count}")
    print(f"  (CHPL rows: {sum(r.chpl for r in policy.rows)})")
    print("\nrows per sector")
    for sector, count in sorted(Counter(r.sector for r in policy.rows).items()):
        print(f"  {sector:<28} {count}")
    print("\nECCN rules (first match wins)")
    for rule in spec.eccn_rules:
        outcome = "invalid" if rule.invalid else (rule.category or "no uplift")
        print(f"  {rule.match:<48} {outcome}")
    print(f"\ninvalid input: {spec.invalid_input_action}")
    return 0


def _check(args: argparse.Namespace) -> int:
    policy = _load(args)
    result = policy.classify(args.hs_code, args.eccn, args.origin, args.destination, args.via)
    print(f"policy    {policy.version}")
    for line in explain(result):
        print(line)
    return 0


def explain(c: Classification) -> list[str]:
    """The steps of one classification as text lines."""
    lines = [f"1 HS code  {c.hs_raw!r} -> {c.hs_code or '(none)'} ({c.hs_status})"]
    if c.row is not None:
        row = c.row
        chpl = ", CHPL" if row.chpl else ""
        lines.append(
            f"2 prefix   {row.prefix} {row.category} / {row.sector}{chpl}: {row.description}"
        )
        lines.append(f"           source: {row.source}")
    elif c.hs_status == "invalid":
        lines.append("2 prefix   none (invalid code: every category is possible)")
    else:
        lines.append(f"2 prefix   none: default category {c.hs_category}")
    if c.hs_status == "insufficient":
        lines.append(f"           possible categories: {', '.join(c.categories)}")
    if c.eccn is None:
        lines.append("3 ECCN     none")
    elif not c.eccn.valid:
        lines.append(f"3 ECCN     {c.eccn.eccn!r}: invalid")
    else:
        lines.append(
            f"3 ECCN     {c.eccn.eccn!r} matches {c.eccn.pattern}: {c.eccn.category or 'no uplift'}"
            f" -> category {c.category or '?'}"
        )
    lines.append("4 counterparts")
    for cp in c.counterparts:
        if cp.group is None:
            lines.append(f"  {cp.direction:<8} {cp.declared!r}: unknown country")
            continue
        shown = (
            cp.declared
            if cp.country == cp.declared.strip().upper()
            else f"{cp.declared}->{cp.country}"
        )
        cells = ", ".join(f"{cat}={act}" for cat, act in zip(c.categories, cp.actions, strict=True))
        lines.append(f"  {cp.direction:<8} {shown:<8} {cp.group:<21} {cells}")
    lines.append(f"5 matrix   {c.matrix_action}")
    trigger = (
        f" (by {c.trigger.country or c.trigger.declared}, {c.trigger.direction})"
        if c.trigger
        else ""
    )
    lines.append(f"6 action   {c.action}{trigger}")
    lines.append(f"  reasons  {' '.join(c.reasons) or '-'}")
    lines.append(f"  rule     {c.rule_id}")
    return lines
