"""`screening policy show|check|diff`: what a bundle says, why a code gets its action, and
what changed between two versions. The adapter side: it reads files and today's date."""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from screening.errors import PolicyError
from screening.policy import Classification, Policy, PolicySet, diff
from screening.policy.core import Located
from screening.policy.installed import load_policy_set
from screening.settings import load_settings


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("policy", help="inspect the Pillar One policy")
    commands = parser.add_subparsers(dest="policy_command", required=True)

    show = commands.add_parser("show", help="version, groups, table counts and ECCN rules")
    _version_options(show)
    show.set_defaults(func=_show)

    check = commands.add_parser("check", help="explain one classification step by step")
    check.add_argument("hs_code", metavar="HS_CODE")
    check.add_argument("--from", dest="origin", metavar="XX", required=True)
    check.add_argument("--to", dest="destination", metavar="YY", required=True)
    check.add_argument("--via", action="append", default=[], metavar="ZZ")
    check.add_argument("--eccn", metavar="E")
    check.add_argument("--edition", metavar="HS2017", help="HS edition of the code")
    check.add_argument("--address", help="a party address to read for sanctioned places")
    _version_options(check)
    check.set_defaults(func=_check)

    compare = commands.add_parser(
        "diff", help="sectors, groups and matrix cells that changed between two versions"
    )
    compare.add_argument("old", metavar="OLD", help="installed version (1.0.0) or a bundle TOML")
    compare.add_argument("new", metavar="NEW", help="installed version (1.1.0) or a bundle TOML")
    compare.add_argument("--policy", type=Path, help="installed bundles (default: settings)")
    compare.set_defaults(func=_diff)


def _version_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        type=Path,
        help="installed bundles folder or one bundle TOML (default: settings)",
    )
    pick = parser.add_mutually_exclusive_group()
    pick.add_argument(
        "--at", type=date.fromisoformat, metavar="DATE", help="the version in force on DATE"
    )
    pick.add_argument("--version", dest="policy_version", metavar="V", help="e.g. 1.0.0")


def _installed(args: argparse.Namespace) -> PolicySet:
    return load_policy_set(load_settings(policy=args.policy).policy)


def _load(args: argparse.Namespace) -> Policy:
    """The version asked for: by number, in force on --at, or in force today (UTC)."""
    installed = _installed(args)
    if getattr(args, "policy_version", None):
        return installed.get(args.policy_version)
    return installed.at(args.at or datetime.now(UTC).date())


def _show(args: argparse.Namespace) -> int:
    installed = _installed(args)
    policy = _load(args)
    spec = policy.spec
    print(f"policy       {policy.version}")
    until = f" until {policy.effective_to.isoformat()}" if policy.effective_to else ""
    print(f"effective    {spec.effective_from.isoformat()}{until}")
    if len(installed.policies) > 1:
        print("installed    " + ", ".join(p.semver for p in installed.policies))
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
    if spec.regions:
        print("\nregions (ISO 3166-2; code alone -> group, named place -> group)")
        for code, region in spec.regions.items():
            place = region.place_group or region.group
            print(f"  {code:<6} {region.name}: {region.group} / {place} ({region.reason})")
            for member, basis in region.legal_basis.items():
                mark = "" if basis.verified else " (unverified)"
                print(f"         {member}: {basis.act}{mark}")
    if policy.correlated_codes:
        print(f"\nHS 2017 -> 2022: {policy.correlated_codes} HS 2017 codes correlated")
    if policy.gazetteer is not None:
        print(f"gazetteer: {policy.gazetteer.size} place spellings")
    if spec.country_facts:
        print("\ncountry facts (source, checked)")
        for key, fact in spec.country_facts.items():
            mark = "" if fact.verified else " (unverified)"
            print(f"  {key:<28} {fact.checked or '-'}{mark}  {fact.source}")
    return 0


def _resolve(installed: PolicySet | None, ref: str) -> Policy:
    path = Path(ref)
    if ref.endswith(".toml") or path.is_file():
        return Policy.load(path)
    if installed is None:
        raise PolicyError(f"{ref}: not a bundle file, and no installed bundles to look it up in")
    return installed.get(ref)


def _diff(args: argparse.Namespace) -> int:
    installed = _installed(args)
    result = diff(_resolve(installed, args.old), _resolve(installed, args.new))
    for line in result.lines():
        print(line)
    return 0


def _check(args: argparse.Namespace) -> int:
    policy = _load(args)
    located = (Located(args.address, "export", "--address"),) if args.address else ()
    result = policy.classify(
        args.hs_code,
        args.eccn,
        args.origin,
        args.destination,
        args.via,
        hs_edition=args.edition,
        located=located,
    )
    print(f"policy    {policy.version}")
    for line in explain(result):
        print(line)
    return 0


def explain(c: Classification) -> list[str]:
    """The steps of one classification as text lines."""
    lines = [f"1 HS code  {c.hs_raw!r} -> {c.hs_code or '(none)'} ({c.hs_status})"]
    if c.hs2022_codes:
        how = "inferred: the code exists only in HS 2017" if c.hs_edition_inferred else "declared"
        lines.append(
            f"           {c.hs_edition} ({how}) -> HS 2022 {', '.join(c.hs2022_codes)}; "
            "the strictest successor applies"
        )
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
        if cp.place is not None:
            lines.append(f"           place {cp.place!r} in {cp.region} ({cp.found_in})")
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
