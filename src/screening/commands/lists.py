"""`screening lists show`: what a lists directory holds and the snapshot version it gives."""

from __future__ import annotations

import argparse
import tomllib
from pathlib import Path
from typing import Any

from screening.lists.loaders import CUSTOM_PREFIX
from screening.lists.snapshot import ListSnapshot
from screening.paths import LISTS_MANIFEST
from screening.settings import load_settings

MANIFEST = LISTS_MANIFEST


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("lists", help="inspect the sanctions lists")
    commands = parser.add_subparsers(dest="lists_command", required=True)
    show = commands.add_parser("show", help="entities, names, versions and file dates per source")
    show.add_argument("--lists", type=Path, help="lists directory (default: settings lists_dir)")
    show.set_defaults(func=_show)


def _lists_dir(args: argparse.Namespace) -> Path:
    return load_settings(lists_dir=args.lists).lists_dir


def _display_names() -> dict[str, str]:
    """Source id → official name from lists/manifest.toml (empty when the file is absent)."""
    if not MANIFEST.is_file():
        return {}
    sources = tomllib.loads(MANIFEST.read_text(encoding="utf-8")).get("sources", {})
    return {sid: str(entry.get("name", "")) for sid, entry in sources.items()}


def _show(args: argparse.Namespace) -> int:
    lists_dir = _lists_dir(args)
    snapshot = ListSnapshot.load(lists_dir)
    names = _display_names()
    print(f"lists    {lists_dir}")
    print(f"snapshot {snapshot.version}")
    print()
    print(f"{'source':<16} {'entities':>8} {'names':>8}  {'version':<19}  name")
    for source, info in snapshot.sources.items():
        key = "custom" if source.startswith(CUSTOM_PREFIX) else source
        short = info.version[: len("sha256:") + 12]
        counts = f"{info.entities:>8,} {info.names:>8,}"
        print(f"{source:<16} {counts}  {short}  {names.get(key, '')}")
        for file, size, date in info.files:
            print(f"{'':<16}   {date}  {size:>12,} B  {file}")
    total_entities = sum(i.entities for i in snapshot.sources.values())
    total_names = sum(i.names for i in snapshot.sources.values())
    print(f"{'total':<16} {total_entities:>8,} {total_names:>8,}")
    return 0
