"""Cross-script recall per script: listed Latin names queried in another script.

    python benchmarks/evaluate_crossscript.py [--lists DIR] [--matchers name-match-v1,name-match-v2]
        [--per-script N] [--results FILE]

Three sets, none built from the matcher's own code:
(a) the lists' own original-script aliases (UK, UN, Canada, OpenSanctions carry them), each
    queried in its script against an index with every original-script alias REMOVED, so only
    the entity's Latin names can match; up to N per script (seeded sample);
(b) `benchmarks/crossscript/handwritten.csv`: well-known listed names written in each script
    as the Wikipedia article title in that language spells them (the source is in each row);
(c) `benchmarks/crossscript/negatives.csv`: common names that are on no list, per script; a
    flag or block on any of them is a false positive.
With the original-script aliases kept, set (a) also shows that a query in the script still
finds the list's own original-script name ("own script"). Writes
benchmarks/results/crossscript.txt; always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import polars as pl

from benchmarks.common import DEFAULT_LISTS, RESULTS_DIR, keys_by_entity, load_snapshot, name_key
from benchmarks.machine import machine_lines
from screening.events import Party

HERE = Path(__file__).resolve().parent / "crossscript"

# Unicode script (first word of the character name) → the row label of the table
_SCRIPTS = {
    "HANGUL": "hangul",
    "CJK": "han",
    "HIRAGANA": "japanese",
    "KATAKANA": "japanese",
    "THAI": "thai",
    "ARABIC": "arabic",
    "HEBREW": "hebrew",
    "CYRILLIC": "cyrillic",
    "GREEK": "greek",
    "GEORGIAN": "georgian",
    "ARMENIAN": "armenian",
    "ETHIOPIC": "ethiopic",
    "MYANMAR": "myanmar",
}
ORDER = [
    "hangul",
    "han",
    "japanese",
    "thai",
    "arabic",
    "persian",
    "hebrew",
    "cyrillic",
    "greek",
    "georgian",
    "armenian",
    "ethiopic",
    "myanmar",
]


def script_of(text: str) -> str:
    """The script most of the letters are in (kana anywhere makes it Japanese)."""
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha() and not char.isascii():
            counts[unicodedata.name(char, "?").split()[0]] += 1
    if counts["HIRAGANA"] or counts["KATAKANA"]:
        return "japanese"
    if not counts:
        return "latin"
    return _SCRIPTS.get(counts.most_common(1)[0][0], counts.most_common(1)[0][0].lower())


def party(name: str) -> Party:
    return Party(0, "other", name, "unknown", None, None, ())


def hit_refs(matcher: Any, name: str) -> list[tuple[str, str]]:
    return [
        (h.list, h.entity_id)
        for h in matcher.screen_party(party(name))
        if h.action in ("flag", "block")
    ]


def without_original_script(entities: pl.DataFrame) -> pl.DataFrame:
    return entities.with_columns(
        pl.col("aliases").list.eval(
            pl.element().filter(pl.element().struct.field("type") != "original_script")
        )
    )


def alias_rows(entities: pl.DataFrame, per_script: int) -> list[tuple[str, str, tuple[str, str]]]:
    """(script, alias, entity) for the original-script aliases, up to `per_script` each."""
    by_script: dict[str, list[tuple[str, str, tuple[str, str]]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for source, entity_id, aliases in entities.select("source", "entity_id", "aliases").iter_rows():
        for alias in aliases or ():
            if alias["type"] != "original_script" or not alias["name"]:
                continue
            script = script_of(alias["name"])
            if script == "latin" or (script, alias["name"]) in seen:
                continue
            seen.add((script, alias["name"]))
            by_script[script].append((script, alias["name"], (source, entity_id)))
    rng = random.Random(20261130)
    rows = []
    for script in sorted(by_script):
        group = by_script[script]
        rows += group if len(group) <= per_script else rng.sample(group, per_script)
    return rows


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def rate(values: list[bool]) -> str:
    return f"{sum(values) / len(values):.2f}" if values else "  - "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--matchers", default="name-match-v1,name-match-v2")
    parser.add_argument("--per-script", type=int, default=150)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "crossscript.txt")
    parser.add_argument("--misses", action="store_true", help="list every miss and FP")
    args = parser.parse_args(argv)

    from screening.matching import MATCHERS, Matcher

    snapshot = load_snapshot(args.lists)
    entities = snapshot.entities
    keys = keys_by_entity(entities)
    primary = {
        (s, e): name_key(n)
        for s, e, n in entities.select("source", "entity_id", "name").iter_rows()
    }
    stripped = without_original_script(entities)
    aliases = alias_rows(entities, args.per_script)
    handwritten = read_csv(HERE / "handwritten.csv")
    negatives = read_csv(HERE / "negatives.csv")
    listed_keys = {k for ks in keys.values() for k in ks}
    missing = [r for r in handwritten if name_key(r["expected_name"]) not in listed_keys]
    handwritten = [r for r in handwritten if r not in missing]

    def found(refs: list[tuple[str, str]], expected_key: str, entity: tuple[str, str]) -> bool:
        return any(ref == entity or expected_key in keys.get(ref, ()) for ref in refs)

    results: dict[str, dict[str, dict[str, list[bool]]]] = {}
    notes: list[str] = []
    own: dict[str, list[bool]] = defaultdict(list)
    for name in args.matchers.split(","):
        t0 = time.perf_counter()
        matcher = Matcher(stripped, MATCHERS[name])
        runs: dict[str, dict[str, list[bool]]] = {
            "a": defaultdict(list),
            "b": defaultdict(list),
            "neg": defaultdict(list),
        }
        for script, alias, entity in aliases:
            ok = found(hit_refs(matcher, alias), primary[entity], entity)
            runs["a"][script].append(ok)
            if not ok and args.misses:
                notes.append(f"{name} (a) miss {script}: {alias!r} → {entity}")
        for row in handwritten:
            key = name_key(row["expected_name"])
            ok = found(hit_refs(matcher, row["query"]), key, ("", ""))
            runs["b"][row["script"]].append(ok)
            if not ok:
                notes.append(
                    f"{name} (b) miss {row['script']}: {row['query']} → {row['expected_name']}"
                )
        for row in negatives:
            hits = [h for h in matcher.screen_party(party(row["query"])) if h.action != "allow"]
            runs["neg"][row["script"]].append(bool(hits))
            if hits:
                notes.append(
                    f"{name} FP {row['script']}: {row['query']} ({row['note']}) → "
                    f"{hits[0].matched_name!r} {hits[0].score} {hits[0].action}"
                )
        results[name] = runs
        print(f"{name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        if name == args.matchers.split(",")[-1]:  # own-script check, newest version only
            full = Matcher(entities, MATCHERS[name])
            for script, alias, entity in aliases:
                own[script].append(found(hit_refs(full, alias), primary[entity], entity))

    names = list(results)
    short = [n.removeprefix("name-match-") for n in names]
    out = [
        *machine_lines(),
        f"lists {snapshot.version[:19]}…; matchers: {', '.join(names)}",
        "",
        "recall per script. (a) the lists' original-script aliases, index WITHOUT them (only",
        f"Latin names can match; up to {args.per_script} per script, seeded);",
        "(b) hand-written well-known listed names (benchmarks/crossscript/handwritten.csv);",
        "own: (a) with the original-script aliases kept, newest version (the list's own name).",
        "FPR: share of common non-listed names (negatives.csv) that flag or block.",
        "",
        "script    | (a) n "
        + " ".join(f"{s:>7}" for s in short)
        + f" | own {short[-1]} | (b) n "
        + " ".join(f"{s:>7}" for s in short)
        + " | neg n "
        + " ".join(f"FPR {s:>3}" for s in short),
    ]
    for script in ORDER + sorted(
        {s for r in results.values() for part in r.values() for s in part} - set(ORDER)
    ):
        a = [results[n]["a"].get(script, []) for n in names]
        b = [results[n]["b"].get(script, []) for n in names]
        neg = [results[n]["neg"].get(script, []) for n in names]
        if not any(a) and not any(b) and not any(neg):
            continue
        cells = [f"{script:9}"]
        cells.append(f"{len(a[0]):>5} " + " ".join(f"{rate(x):>7}" for x in a))
        cells.append(f"{rate(own.get(script, [])):>7}")
        cells.append(f"{len(b[0]):>5} " + " ".join(f"{rate(x):>7}" for x in b))
        cells.append(f"{len(neg[0]):>5} " + " ".join(f"{rate(x):>7}" for x in neg))
        out.append(" | ".join(cells))
    out.append("")
    if missing:
        out.append("hand-written rows whose expected name is on no list (left out):")
        out += [f"  {r['script']}: {r['query']} → {r['expected_name']}" for r in missing]
    out.append("misses of (b) and false positives:")
    out += [f"  {n}" for n in notes]
    text = "\n".join(out) + "\n"
    print(text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
