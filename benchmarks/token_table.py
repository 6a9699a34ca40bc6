"""Write a matcher version's token frequency table (package data), from a list snapshot.

    python benchmarks/token_table.py --matcher name-match-v2 [--lists DIR]

Counts, for each canonical token (the matcher version's own normalisation), the entities whose
names (primary or alias) hold it, and writes `src/screening/matching/data/<matcher>.token-df.tsv`
with a provenance header (list version, documents, min_df). A published version's table is
frozen: regenerating it on other lists means a new matcher version. Moved out of the core
(was `screening.matching.frequencies`), since only a developer runs it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import polars as pl

from benchmarks.common import DEFAULT_LISTS, load_snapshot

DATA = Path(__file__).resolve().parents[1] / "src" / "screening" / "matching" / "data"
MIN_DF = 5  # rarer tokens weigh fully: no need to ship them (must be <= rare_token_df)


def document_frequencies(entities: pl.DataFrame, matcher: str) -> Counter[str]:
    from screening.matching.normalize import analyze, analyze_v2

    tokens_of = analyze if matcher == "name-match-v1" else analyze_v2
    counts: Counter[str] = Counter()
    for name, aliases in entities.select("name", "aliases").iter_rows():
        tokens = set(tokens_of(name or "").tokens)
        for alias in aliases or ():
            tokens.update(tokens_of(alias["name"] or "").tokens)
        counts.update(tokens)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--matcher", required=True)
    args = parser.parse_args(argv)
    snapshot = load_snapshot(args.lists)
    counts = document_frequencies(snapshot.entities, args.matcher)
    kept = sorted((t, n) for t, n in counts.items() if n >= MIN_DF)
    lines = [
        f"# Token document frequencies of {args.matcher}: entities whose names (primary or",
        "# alias) hold each canonical token, frozen with the matcher version.",
        f"# list_version: {snapshot.version} ({args.lists.name}, see its PROVENANCE.md)",
        f"# generator: benchmarks/token_table.py, {datetime.now(UTC):%Y-%m-%d}",
        f"# documents: {snapshot.entities.height}",
        f"# min_df: {MIN_DF}",
        "token\tdf",
        *(f"{t}\t{n}" for t, n in kept),
    ]
    path = DATA / f"{args.matcher}.token-df.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} tokens from {snapshot.entities.height} entities -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
