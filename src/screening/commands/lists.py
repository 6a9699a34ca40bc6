"""`screening lists show|update|diff|fetch`: what a lists directory holds and the version it
gives, importing it into the snapshot store (behind the shrink guard), what changed between two
snapshots, and downloading the official files."""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

from screening.errors import ConfigError
from screening.lists.build import from_folder
from screening.lists.diff import diff_frames, diff_records
from screening.lists.loaders import CUSTOM_PREFIX
from screening.lists.snapshot import ListSnapshot
from screening.matching.config import MATCHERS, resolve
from screening.paths import LISTS_MANIFEST
from screening.settings import Settings, load_settings
from screening.store import SnapshotStore
from screening.store.update import update

MANIFEST = LISTS_MANIFEST


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("lists", help="inspect the sanctions lists")
    commands = parser.add_subparsers(dest="lists_command", required=True)
    show = commands.add_parser("show", help="entities, names, versions and file dates per source")
    show.add_argument("--lists", type=Path, help="lists directory (default: settings lists_dir)")
    show.set_defaults(func=_show)
    publish = commands.add_parser(
        "publish",
        help="announce a lists directory as the current snapshot on the screening.lists topic",
        description="Load DIR, compute its content version and write a reference record "
        "(version, location, per-source counts) under key 'current' to the compacted "
        "screening.lists topic. Every worker loads it, checks the version and switches "
        "between batches; a snapshot that fails to load or verify is refused and logged.",
    )
    publish.add_argument("--lists", type=Path, required=True, help="lists directory")
    publish.add_argument("--broker", help="bootstrap servers (default: SCREENING_BROKER)")
    publish.set_defaults(func=_publish)

    upd = commands.add_parser(
        "update",
        help="import a lists directory into the snapshot store (content-addressed, never "
        "overwritten), refusing a source that shrank too much",
        description="Load DIR, compare each source's entity count with the store's latest "
        "snapshot (shrink guard: SCREENING_LIST_SHRINK_LIMIT, default 0.2), and store the "
        "canonical frame as Parquet with a manifest (files, sha256, dates, counts) under its "
        "list_version. The policy bundle and the registered matcher configurations are stored "
        "too, so replay can re-decide. Exit 2 when refused.",
    )
    upd.add_argument("--lists", type=Path, help="lists directory (default: settings lists_dir)")
    upd.add_argument("--store", type=Path, help="snapshot store (default: SCREENING_STORE_DIR)")
    upd.add_argument("--force", action="store_true", help="store even past the shrink guard")
    upd.add_argument(
        "--require",
        action="append",
        default=[],
        metavar="SOURCE",
        help="a source that must be present (repeatable; also `required` in DIR/sources.toml)",
    )
    upd.set_defaults(func=_update)

    diff = commands.add_parser(
        "diff",
        help="entities added, removed and changed per source between two snapshots",
        description="OLD and NEW are lists directories or list versions in the store "
        "(sha256:<hex>, or a unique prefix of one). Exit 0 without changes, 1 with changes.",
    )
    diff.add_argument("old", help="lists directory or stored list version")
    diff.add_argument("new", help="lists directory or stored list version")
    diff.add_argument("--store", type=Path, help="snapshot store (default: SCREENING_STORE_DIR)")
    diff.add_argument("--json", type=Path, help="write one JSON line per changed entity here")
    diff.add_argument("--examples", type=int, default=3, help="entities shown per change kind")
    diff.set_defaults(func=_diff)

    fetch = commands.add_parser(
        "fetch",
        help="download the official list files named in lists/manifest.toml",
        description="Download every URL of the chosen sources into DIR/<source>/<file name "
        "of the URL>. Each file is written to a temporary file and renamed only when complete "
        "and non-empty, so a failed download never replaces a file already there. URL, file, "
        "size, sha256 and UTC fetch time are recorded in DIR/<source>/FETCHED.json. Sources "
        "whose URL holds a placeholder (<token>, <dataset>) are skipped with a message. Exit 2 "
        "on an HTTP error, timeout or empty body, naming the source and URL.",
    )
    fetch.add_argument("--lists", type=Path, required=True, help="target lists directory")
    fetch.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="ID",
        help="a source id of the manifest (repeatable; default: all)",
    )
    fetch.add_argument(
        "--base-url",
        metavar="URL",
        help="replace scheme and host of every URL (a mirror, or a local server in tests)",
    )
    fetch.add_argument("--timeout", type=float, default=60.0, metavar="S", help="per request")
    fetch.set_defaults(func=_fetch)


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
    snapshot = from_folder(lists_dir)
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
        for file, size, date, _sha in info.files:
            print(f"{'':<16}   {date}  {size:>12,} B  {file}")
    total_entities = sum(i.entities for i in snapshot.sources.values())
    total_names = sum(i.names for i in snapshot.sources.values())
    print(f"{'total':<16} {total_entities:>8,} {total_names:>8,}")
    return 0


def _store(settings: Settings, given: Path | None, *, required: bool) -> SnapshotStore | None:
    root = given or settings.store_dir
    if root is None:
        if required:
            raise ConfigError("no snapshot store: pass --store or set SCREENING_STORE_DIR")
        return None
    return SnapshotStore(root)


def _update(args: argparse.Namespace) -> int:
    settings = load_settings(lists_dir=args.lists)
    store = _store(settings, args.store, required=True)
    assert store is not None
    configs = tuple(
        resolve(name, block=settings.block_threshold, flag=settings.flag_threshold)
        for name in sorted(MATCHERS)
    )
    started = time.perf_counter()
    warnings: list[str] = []
    snapshot = from_folder(settings.lists_dir, required=args.require, warnings=warnings)
    result = update(
        store,
        snapshot,
        settings.lists_dir,
        limit=settings.list_shrink_limit,
        force=args.force,
        warnings=warnings,
        configs=configs,
        policy=settings.policy,
    )
    seconds = time.perf_counter() - started
    snap = result.snapshot
    state = "stored" if result.stored.created else "already stored"
    print(f"{state} {snap.version}  ({snap.entities.height:,} entities, {seconds:.2f} s)")
    print(f"store    {store.root}")
    if result.previous and result.previous != snap.version:
        print(f"previous {result.previous}")
    for source, info in snap.sources.items():
        print(f"  {source:<16} {info.entities:>8,}  {info.version[:19]}")
    if result.warnings:
        print(f"{len(result.warnings)} warning(s), recorded in the manifest", file=sys.stderr)
    return 0


def _resolve(spec: str, store: SnapshotStore | None) -> ListSnapshot:
    path = Path(spec)
    if path.is_dir():
        return from_folder(path)
    if store is None:
        raise ConfigError(f"{spec}: not a directory, and no --store to look a version up in")
    version = spec if spec.startswith("sha256:") else "sha256:" + spec
    if len(version) < 7 + 64:
        matches = [
            h["list_version"] for h in store.history() if h["list_version"].startswith(version)
        ]
        if len(set(matches)) != 1:
            raise ConfigError(f"{spec}: {len(set(matches))} stored versions start with it")
        version = matches[0]
    return store.get_snapshot(version)


def _diff(args: argparse.Namespace) -> int:
    settings = load_settings()
    store = _store(settings, args.store, required=False)
    old, new = _resolve(args.old, store), _resolve(args.new, store)
    result = diff_frames(old.entities, new.entities, old.version, new.version)
    print(f"old {old.version}")
    print(f"new {new.version}")
    print(f"{'source':<16} {'added':>7} {'removed':>7} {'changed':>7} {'same':>7}  changed fields")
    for source, d in result.sources.items():
        fields = ", ".join(f"{k} {v}" for k, v in d.field_counts().items())
        print(
            f"{source:<16} {len(d.added):>7,} {len(d.removed):>7,} {len(d.changed):>7,}"
            f" {d.unchanged:>7,}  {fields}"
        )
    totals = result.totals()
    print(f"{'total':<16} {totals['added']:>7,} {totals['removed']:>7,} {totals['changed']:>7,}")
    records = diff_records(result, old.entities, new.entities)
    if args.examples:
        for kind in ("added", "removed", "changed"):
            shown = [r for r in records if r["change"] == kind][: args.examples]
            for r in shown:
                extra = f" ({', '.join(r['fields'])})" if kind == "changed" else ""
                print(f"  {kind:<8} {r['source']} {r['entity_id']}: {r['name']}{extra}")
    if args.json is not None:
        with args.json.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 1 if any(totals.values()) else 0


def _publish(args: argparse.Namespace) -> int:
    from screening.worker.publish import publish_lists

    settings = load_settings(lists_dir=args.lists, broker=args.broker)
    reference = publish_lists(settings, settings.lists_dir)
    counts = ", ".join(f"{sid} {info['entities']:,}" for sid, info in reference.sources.items())
    print(f"published lists {reference.version} ({counts}) from {reference.location}")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from screening.lists.fetch import fetch

    skipped: list[str] = []
    fetched = fetch(
        MANIFEST,
        args.lists,
        sources=args.source,
        base_url=args.base_url,
        timeout=args.timeout,
        skipped=skipped,
    )
    for message in skipped:
        print(f"skipped {message}", file=sys.stderr)
    for f in fetched:
        print(f"{f.source:<16} {f.size:>12,} B  {f.sha256[:19]}  {f.path}")
    print(f"fetched {len(fetched)} file(s) into {args.lists}")
    return 0
