"""Public labelled data, scored by the matcher versions as `screening compare` and
`screening screen` score it.

    python benchmarks/evaluate_pairs.py [--lists DIR] [--matchers name-match-v1,name-match-v2]
        [--errors]

1. Hand-labelled name pairs (`benchmarks/public/nomenklatura_name_bench.csv`, see its
   PROVENANCE.md): each pair scored with `compare`'s path (the second name on a one-entry
   list, the kind from the pair's schema), a match when the score reaches the matcher's flag
   threshold. Precision, recall and F1 per version, per data set (case group), per split,
   per kind and per quality tier. The split is fixed by a hash of the pair
   (`split_of`): "calibration" is the half name-match-v2's weights and threshold were chosen
   on, "held-out" the half it was not looked at for; both are reported.
2. The public UN typo benchmark (`benchmarks/public/yente_positives_un_treated.csv`): every
   row a listed UN person with typos, screened against the UN list with its date of birth and
   nationality; recall = a flag or block hit. Beside it: the exhaustive scan of the same
   scorer (candidate recall) and the naive exhaustive `token_sort_ratio` >= 85 scan.

Writes benchmarks/results/pairs.txt; always exits 0.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import DEFAULT_LISTS, RESULTS_DIR, Baseline, load_snapshot
from benchmarks.machine import machine_lines
from screening.commands.compare import entry_matcher, score_pair
from screening.events import Party
from screening.matching import MATCHERS, MatchConfig, Matcher
from screening.types import Kind

PUBLIC = Path(__file__).resolve().parent / "public"
PAIRS_CSV = PUBLIC / "nomenklatura_name_bench.csv"
UN_TYPOS_CSV = PUBLIC / "yente_positives_un_treated.csv"
TARGET_F1 = 0.85
TARGET_UN_RECALL = 0.99
SCHEMA_KINDS: dict[str, Kind] = {
    "Person": "person",
    "Company": "organization",
    "Organization": "organization",
    "LegalEntity": "unknown",  # a person or an organisation
    "Vessel": "vessel",
}


@dataclass(frozen=True, slots=True)
class Pair:
    group: str
    schema: str
    name1: str
    name2: str
    match: bool
    quality: str
    category: str

    @property
    def split(self) -> str:
        return split_of(self)


def split_of(pair: Pair) -> str:
    """Half the pairs, by a hash of what identifies the pair (as upstream's case_id)."""
    key = "|".join((pair.group, pair.schema, pair.name1, pair.name2)).encode("utf-8")
    return "calibration" if hashlib.blake2b(key, digest_size=4).digest()[0] % 2 == 0 else "held-out"


def load_pairs(path: Path = PAIRS_CSV) -> list[Pair]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Pair(
                r["case_group"],
                r["schema"],
                r["name1"],
                r["name2"],
                r["is_match"] == "true",
                r["quality"] or "MEDIUM",
                r["category"],
            )
            for r in csv.DictReader(fh)
        ]


def score_pairs(pairs: list[Pair], config: MatchConfig) -> list[float]:
    scores = []
    for p in pairs:
        kind = SCHEMA_KINDS.get(p.schema, "unknown")
        party = Party(0, "party", p.name1, kind, None, None, ())
        scores.append(score_pair(party, entry_matcher(p.name2, config, kind=kind)).score)
    return scores


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        n = self.tp + self.fp + self.fn + self.tn
        return (
            f"  {label:<34} n={n:<4} P {self.precision:.3f}  R {self.recall:.3f}  "
            f"F1 {self.f1:.3f}  (tp {self.tp} fp {self.fp} fn {self.fn} tn {self.tn})"
        )


def counts(rows: Iterable[tuple[Pair, float]], threshold: float) -> Counts:
    tp = fp = fn = tn = 0
    for pair, score in rows:
        hit = score >= threshold
        tp += hit and pair.match
        fp += hit and not pair.match
        fn += (not hit) and pair.match
        tn += (not hit) and not pair.match
    return Counts(tp, fp, fn, tn)


def sliced(
    rows: list[tuple[Pair, float]], key: Callable[[Pair], str]
) -> dict[str, list[tuple[Pair, float]]]:
    out: defaultdict[str, list[tuple[Pair, float]]] = defaultdict(list)
    for pair, score in rows:
        out[key(pair)].append((pair, score))
    return dict(sorted(out.items()))


def pairs_report(pairs: list[Pair], config: MatchConfig, errors: bool) -> list[str]:
    t0 = time.perf_counter()
    rows = list(zip(pairs, score_pairs(pairs, config), strict=True))
    took = time.perf_counter() - t0
    flag = config.flag_threshold
    lines = [f"{config.name} (flag threshold {flag:g}; {took:.1f} s)"]
    lines.append(counts(rows, flag).line("all pairs"))
    for title, key in (
        ("split", lambda p: p.split),
        ("data set", lambda p: p.group),
        ("data set x split", lambda p: f"{p.group} {p.split}"),
        ("kind", lambda p: p.schema),
        ("quality", lambda p: p.quality),
    ):
        lines.append(f" by {title}:")
        lines += [counts(part, flag).line(name) for name, part in sliced(rows, key).items()]
    categories = [(p, s) for p, s in rows if p.category and p.group == "nk_checks"]
    lines.append(" labelled categories (nk_checks), recall of their matches:")
    for name, part in sliced(categories, lambda p: p.category).items():
        found = sum(s >= flag for p, s in part if p.match)
        total = sum(p.match for p, _ in part)
        if total:
            lines.append(f"  {name:<34} {found}/{total}")
    calibration = [(p, s) for p, s in rows if p.split == "calibration"]
    lines.append(" threshold sweep on the calibration split (the threshold is chosen here):")
    for t in (0.60, 0.65, 0.70, 0.72, 0.75, 0.78, 0.80, 0.85):
        c = counts(calibration, t)
        lines.append(f"  {t:.2f}: P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}")
    if errors:
        lines.append(" errors (label, score, split, kind, name1 | name2):")
        wrong = [(p, s) for p, s in rows if (s >= flag) != p.match]
        for p, s in sorted(wrong, key=lambda r: (r[0].match, r[1])):
            lines.append(
                f"  {'match' if p.match else 'non-match':<9} {s:.3f} {p.split:<11} "
                f"{p.schema:<12} {p.name1} | {p.name2}"
            )
    return lines


def calibrate(pairs: list[Pair], base: MatchConfig) -> list[str]:
    """The grid name-match-v2's new weights were chosen from, scored on the calibration split
    only (the held-out split is never looked at here)."""
    calibration = [p for p in pairs if p.split == "calibration"]
    lines = [f"calibration grid for {base.name} (calibration split, n={len(calibration)}):"]
    for initial in (0.4, 0.5, 0.6):
        for short in (1.0, 1.2, 1.5):
            for flag in (0.75, 0.8):
                config = MatchConfig.model_validate(
                    base.model_dump()
                    | {"initial_similarity": initial, "short_form_min_weight": short}
                    | {"flag_threshold": flag}
                )
                c = counts(zip(calibration, score_pairs(calibration, config), strict=True), flag)
                lines.append(
                    f"  initial {initial:.1f} short-form weight {short:.1f} flag {flag:.2f}: "
                    f"P {c.precision:.3f} R {c.recall:.3f} F1 {c.f1:.3f}"
                )
    return lines


def load_un_typos(path: Path = UN_TYPOS_CSV) -> list[Party]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Party(
                0,
                "party",
                r["full_name"],
                "person",
                r["nationality"].upper() or None,
                r["date_of_birth"] or None,
                (),
            )
            for r in csv.DictReader(fh)
        ]


def un_report(parties: list[Party], entities: object, names: list[str]) -> list[str]:
    lines = [f"UN typo benchmark: {len(parties)} treated UN persons, screened on the UN list"]
    baseline = Baseline(entities)  # type: ignore[arg-type]
    naive = sum(bool(baseline.screen(p.name)) for p in parties)
    for name in names:
        matcher = Matcher(entities, MATCHERS[name])  # type: ignore[arg-type]
        t0 = time.perf_counter()
        found = [bool(matcher.screen_party(p)) for p in parties]
        took = time.perf_counter() - t0
        scanned = [bool(matcher.screen_party(p, exhaustive=True)) for p in parties]
        both = sum(f and s for f, s in zip(found, scanned, strict=True))
        missed = [p.name for p, f in zip(parties, found, strict=True) if not f]
        lines.append(
            f"  {name:<14} recall {sum(found) / len(parties):.3f} ({sum(found)}/{len(parties)}, "
            f"{took:.1f} s)  exhaustive scan of the same scorer {sum(scanned) / len(parties):.3f}"
            f"  candidate recall {both / max(1, sum(scanned)):.3f}"
        )
        lines.append(f"    missed: {'; '.join(missed[:25])}")
    lines.append(
        f"  naive exhaustive token_sort_ratio >= 85 (name only): recall "
        f"{naive / len(parties):.3f} ({naive}/{len(parties)})"
    )
    lines.append(f"  target: recall >= {TARGET_UN_RECALL}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--matchers", default=",".join(MATCHERS))
    parser.add_argument("--errors", action="store_true", help="list every wrong pair")
    parser.add_argument("--no-un", action="store_true", help="skip the UN typo benchmark")
    parser.add_argument(
        "--calibrate", action="store_true", help="print the calibration grid for v2"
    )
    args = parser.parse_args(argv)
    names = [n for n in args.matchers.split(",") if n]
    pairs = load_pairs()
    digest = hashlib.sha256(PAIRS_CSV.read_bytes()).hexdigest()
    sizes = Counter((p.group, p.match) for p in pairs)
    lines = [
        "Public labelled data (benchmarks/public, provenance in PROVENANCE.md)",
        *machine_lines(),
        f"name pairs: {PAIRS_CSV.name} sha256 {digest[:16]}; "
        + ", ".join(
            f"{g} {'match' if m else 'non-match'} {n}" for (g, m), n in sorted(sizes.items())
        ),
        f"split: blake2b(group|schema|name1|name2)[0] even = calibration "
        f"({sum(p.split == 'calibration' for p in pairs)} pairs), odd = held-out "
        f"({sum(p.split == 'held-out' for p in pairs)} pairs); target F1 >= {TARGET_F1}",
        "",
    ]
    for name in names:
        lines += pairs_report(pairs, MATCHERS[name], args.errors)
        lines.append("")
    if args.calibrate:
        lines += calibrate(pairs, MATCHERS["name-match-v2"])
        lines.append("")
    if not args.no_un:
        snapshot = load_snapshot(args.lists)
        un = snapshot.entities.filter(snapshot.entities["source"] == "un_sc")
        lines += un_report(load_un_typos(), un, names)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULTS_DIR.mkdir(exist_ok=True)
    if not (args.errors or args.calibrate or args.no_un):
        (RESULTS_DIR / "pairs.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
