"""`screening compare`: score two names, or a CSV of name pairs, on the screening name path.

    screening compare "Vladimir Putin" "PUTIN, Vladimir Vladimirovich" --kind person
    screening compare --pairs pairs.csv -o scored.csv     # columns name1,name2[,kind]

Thresholds and the matcher version come from `Settings` (SCREENING_* variables).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any, get_args

from screening.matching import MatchConfig, compare
from screening.runtime import load_settings, match_config
from screening.types import Kind

KINDS: tuple[str, ...] = get_args(Kind)


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "compare",
        help="score two names (or a CSV of pairs) with the configured matcher",
        description="Score two names, or every pair of a CSV file, on the screening name path.",
    )
    parser.add_argument("name_a", nargs="?", help="first name (the party)")
    parser.add_argument("name_b", nargs="?", help="second name (the listed name)")
    parser.add_argument("--kind", choices=KINDS, default="unknown", help="kind of both names")
    parser.add_argument(
        "--pairs", type=Path, help="CSV with columns name1, name2 and optional kind"
    )
    parser.add_argument("-o", "--output", type=Path, help="scored CSV (default: standard output)")
    parser.set_defaults(func=run)


def _config() -> MatchConfig:
    return match_config(load_settings())


def run(args: argparse.Namespace) -> int:
    if args.pairs is not None:
        if args.name_a is not None:
            return _usage("give two names or --pairs FILE, not both")
        return _score_pairs(args.pairs, args.output, _config())
    if args.name_a is None or args.name_b is None:
        return _usage("give two names, or --pairs FILE")
    result = compare(args.name_a, args.name_b, _config(), args.kind)
    print(f"score {result.score:.4f} ({result.action})")
    print(result.explanation)
    return 0


def _usage(message: str) -> int:
    print(f"screening compare: error: {message}", file=sys.stderr)
    return 2


def _score_pairs(path: Path, output: Path | None, config: MatchConfig) -> int:
    """Every row scored, or nothing written: a bad row stops the run with its line number."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            columns = list(reader.fieldnames or [])
            if not {"name1", "name2"} <= set(columns):
                return _usage(f"{path}: the header needs columns name1 and name2")
            rows = []
            for row in reader:
                line = reader.line_num
                name1, name2 = (row.get("name1") or "").strip(), (row.get("name2") or "").strip()
                kind = (row.get("kind") or "").strip() or "unknown"
                if not name1 or not name2:
                    return _usage(f"{path}: line {line}: name1 and name2 must not be empty")
                if kind not in KINDS:
                    return _usage(f"{path}: line {line}: kind {kind!r} is not one of {KINDS}")
                result = compare(name1, name2, config, kind)  # type: ignore[arg-type]
                scored = row | {"score": f"{result.score:.4f}"}
                scored["match"] = "true" if result.score >= config.flag_threshold else "false"
                rows.append(scored)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return _usage(f"{path}: {exc}")
    out_columns = [c for c in columns if c not in ("score", "match")] + ["score", "match"]
    if output is None:
        _write(sys.stdout, out_columns, rows)
    else:
        with output.open("w", newline="", encoding="utf-8") as fh:
            _write(fh, out_columns, rows)
    return 0


def _write(fh: Any, columns: list[str], rows: list[dict[str, str]]) -> None:
    writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
