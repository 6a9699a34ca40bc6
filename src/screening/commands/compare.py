"""`screening compare`: score a party name against a listed name, or every pair of a CSV file,
exactly as `screening screen` would score that party against a list entry with that name.

    screening compare "Vladimir Putin" "PUTIN, Vladimir Vladimirovich" --kind person
    screening compare --pairs pairs.csv -o scored.csv [--matcher name-match-v2]

The second name is put on a one-entry list and the first screened against it with the
selected matcher (`--matcher`, else `SCREENING_MATCHER`; thresholds from the settings): the
same normalisation, evasion folding, token weights, secondary attributes and identifiers
(`Matcher.explain`). Only the steps that read the list's vocabulary (words run together,
"BANKMELLAT"; a typo of a word some listed name holds) look up this one entry's words, unless
`--lists DIR` gives the whole list's.

CSV columns: `name1` (the party) and `name2` (the listed name), and optionally
`kind` (both sides) or `kind1` / `kind2`; `country1` (the party's ISO-2 country) and
`country2` (the entry's, `;` between several); `dob1` and `dob2` (YYYY[-MM[-DD]], `;` between
several on the entry); `ids1` and `ids2` (`type:value`, `;` between several, e.g.
`passport:AB123456;imo:9187629`). Output: the input columns plus `score` and `match`
(score at or above the flag threshold).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, get_args

from screening.errors import ConfigError
from screening.events import Identifier, Party
from screening.lists.model import EntityRecord, IdentifierRecord, entities_frame
from screening.matching import Comparison, MatchConfig, Matcher
from screening.matching.matcher import identifier_type
from screening.runtime import load_settings, match_config
from screening.types import Kind

KINDS: tuple[str, ...] = get_args(Kind)
_COUNTRY = re.compile(r"[A-Za-z]{2}")
ENTRY_SOURCE = "compare"


class RowError(ValueError):
    """A CSV cell that cannot be read; the message names the column."""


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "compare",
        help="score a party name against a listed name (or a CSV of pairs) as screening would",
        description="Score a party name against a listed name, or every pair of a CSV file, "
        "as `screening screen` scores that party against a list entry with that name.",
    )
    parser.add_argument("name_a", nargs="?", help="first name (the party)")
    parser.add_argument("name_b", nargs="?", help="second name (the listed name)")
    parser.add_argument("--kind", choices=KINDS, default="unknown", help="kind of both names")
    parser.add_argument(
        "--pairs",
        type=Path,
        help="CSV with columns name1, name2 and optional kind, kind1, kind2, country1, "
        "country2, dob1, dob2, ids1, ids2",
    )
    parser.add_argument("--matcher", help="matcher version (default: SCREENING_MATCHER)")
    parser.add_argument(
        "--lists",
        type=Path,
        help="lists directory whose words the matcher knows (name-match-v2 reads a typo of a "
        "listed word differently); default: only the entry's own words",
    )
    parser.add_argument("-o", "--output", type=Path, help="scored CSV (default: standard output)")
    parser.set_defaults(func=run)


def _config(matcher: str | None) -> MatchConfig:
    settings = load_settings()
    if matcher is not None:
        settings = settings.model_copy(update={"matcher": matcher})
    return match_config(settings)


def entry_matcher(
    name: str,
    config: MatchConfig,
    *,
    kind: Kind = "unknown",
    countries: tuple[str, ...] = (),
    dates_of_birth: tuple[str, ...] = (),
    identifiers: tuple[tuple[str, str], ...] = (),
    vocabulary: AbstractSet[str] | None = None,
) -> Matcher:
    """A matcher over a one-entry list holding `name` and its attributes."""
    record = EntityRecord(
        source=ENTRY_SOURCE,
        entity_id="1",
        kind=kind,
        name=name,
        countries=[c.upper() for c in countries],
        dates_of_birth=list(dates_of_birth),
        identifiers=[IdentifierRecord(identifier_type(t), v) for t, v in identifiers],
    )
    return Matcher(entities_frame([record]), config, vocabulary)


def score_pair(party: Party, matcher: Matcher) -> Comparison:
    return matcher.explain(party, ENTRY_SOURCE, "1")


def run(args: argparse.Namespace) -> int:
    try:
        config = _config(args.matcher)
    except ConfigError as exc:
        return _usage(str(exc))
    if args.pairs is not None:
        if args.name_a is not None:
            return _usage("give two names or --pairs FILE, not both")
        return _score_pairs(args.pairs, args.output, config, _vocabulary(args.lists, config))
    if args.name_a is None or args.name_b is None:
        return _usage("give two names, or --pairs FILE")
    party = Party(0, "party", args.name_a, args.kind, None, None, ())
    vocabulary = _vocabulary(args.lists, config)
    result = score_pair(
        party, entry_matcher(args.name_b, config, kind=args.kind, vocabulary=vocabulary)
    )
    print(f"score {result.score:.4f} ({result.action}) with {config.name}")
    print(result.explanation)
    return 0


def _vocabulary(lists: Path | None, config: MatchConfig) -> AbstractSet[str] | None:
    if lists is None:
        return None
    from screening.lists.build import from_folder

    return frozenset(Matcher(from_folder(lists).entities, config).vocabulary)


def _usage(message: str) -> int:
    print(f"screening compare: error: {message}", file=sys.stderr)
    return 2


def _list(row: dict[str, str], column: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (row.get(column) or "").split(";") if v.strip())


def _kind(row: dict[str, str], column: str) -> Kind:
    if not (row.get(column) or "").strip():
        column = "kind"
    kind = (row.get(column) or "").strip() or "unknown"
    if kind not in KINDS:
        raise RowError(f"{column} {kind!r} is not one of {KINDS}")
    return kind  # type: ignore[return-value]


def _countries(row: dict[str, str], column: str) -> tuple[str, ...]:
    values = _list(row, column)
    for value in values:
        if not _COUNTRY.fullmatch(value):
            raise RowError(f"{column} {value!r} is not an ISO-2 country code")
    return values


def _identifiers(row: dict[str, str], column: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in _list(row, column):
        kind, sep, ident = value.partition(":")
        if not sep or not kind.strip() or not ident.strip():
            raise RowError(f"{column} {value!r} is not type:value")
        pairs.append((kind.strip(), ident.strip()))
    return tuple(pairs)


def _score_row(
    row: dict[str, str], config: MatchConfig, vocabulary: AbstractSet[str] | None = None
) -> Comparison:
    name1, name2 = (row.get("name1") or "").strip(), (row.get("name2") or "").strip()
    if not name1 or not name2:
        raise RowError("name1 and name2 must not be empty")
    country = _countries(row, "country1")
    if len(country) > 1:
        raise RowError("country1 holds one country (the party's)")
    dob = _list(row, "dob1")
    if len(dob) > 1:
        raise RowError("dob1 holds one date (the party's)")
    party = Party(
        0,
        "party",
        name1,
        _kind(row, "kind1"),
        country[0] if country else None,
        dob[0] if dob else None,
        tuple(Identifier(t, v) for t, v in _identifiers(row, "ids1")),
    )
    matcher = entry_matcher(
        name2,
        config,
        kind=_kind(row, "kind2"),
        countries=_countries(row, "country2"),
        dates_of_birth=_list(row, "dob2"),
        identifiers=_identifiers(row, "ids2"),
        vocabulary=vocabulary,
    )
    return score_pair(party, matcher)


def _score_pairs(
    path: Path, output: Path | None, config: MatchConfig, vocabulary: AbstractSet[str] | None
) -> int:
    """Every row scored, or nothing written: a bad row stops the run with its line number."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            columns = list(reader.fieldnames or [])
            if not {"name1", "name2"} <= set(columns):
                return _usage(f"{path}: the header needs columns name1 and name2")
            rows = []
            for row in reader:
                try:
                    result = _score_row(row, config, vocabulary)
                except RowError as exc:
                    return _usage(f"{path}: line {reader.line_num}: {exc}")
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
