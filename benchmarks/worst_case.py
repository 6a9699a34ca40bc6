"""Worst time to screen one party, over adversarial names within the 500-character limit.

    python benchmarks/worst_case.py [--lists DIR] [--rounds 3] [--normal 200]

Families of names built to make a matcher work hard (repeated particles, runs of the lists'
most frequent words, many short words, long glued strings, letter-spaced text, digits and
look-alikes), then a seeded random search that mutates the slowest names found so far for a
few rounds, done for each registered matcher version. Each name is timed once, cold (every
name is new to the caches), with `Matcher.screen`, which also says whether the name reached
the matcher's work bound (`matching.limits`: then the decision is at least a flag).

A machine's absolute speed varies 2-3x (and this one is shared), so the worst case and the
p99 are also given as a ratio to a *normal* name's time in the same run: the median over
--normal non-listed dev-set names, timed on the same matcher just before. Target: <= 50 ms
per party for any name within the size limit; normal names never reach the bound. Writes
benchmarks/results/worst-case.txt and, in full, the slowest names to worst-case-names.txt.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    DEFAULT_LISTS,
    DEVSET_CSV,
    RESULTS_DIR,
    build_matcher,
    load_devset,
    load_snapshot,
    name_tokens,
)
from benchmarks.machine import machine_lines
from screening.events import Party

LIMIT = 500  # maxLength of a party name in transaction-event.v1
TARGET_MS = 50.0
SEED = 20_261_130


def fit(words: list[str], sep: str = " ") -> str:
    out = ""
    for w in words:
        if len(out) + len(sep) + len(w) > LIMIT:
            break
        out = f"{out}{sep}{w}" if out else w
    return out


def families(frequent: list[str], rng: random.Random) -> list[str]:
    names = []
    for particle in ("al", "bin", "the", "abu", "el", "de", "a", "llc", "co"):
        for n in (10, 40, 166):
            names.append(fit([particle] * n))
    names.append(fit(frequent[:100]))
    names.append(fit(frequent[:400:4]))
    names.append(fit([w for w in frequent if len(w) == 3][:150]))
    names.append(fit([w for w in frequent if 4 <= len(w) <= 5][:120]))
    names.append("".join(frequent[:80])[:LIMIT])
    names.append(fit(list("abcdefghijklmnopqrstuvwxyz") * 10))
    names.append(fit([" ".join(w.upper()) for w in frequent[:60]], "  "))
    names.append(fit([w.replace("a", "4").replace("o", "0") for w in frequent[:100]]))
    names.append(fit(["muhammad", "ali", "hasan"] * 60))
    names.append(fit(["mohamed" + "x" * k for k in range(40)]))
    for _ in range(10):
        names.append(fit(rng.sample(frequent[:300], 80)))
    return names


def mutate(name: str, frequent: list[str], rng: random.Random) -> str:
    words = name.split() or ["al"]
    op = rng.randrange(4)
    if op == 0:
        words.insert(rng.randrange(len(words) + 1), rng.choice(frequent[:300]))
    elif op == 1 and len(words) > 1:
        words.pop(rng.randrange(len(words)))
    elif op == 2:
        k = rng.randrange(len(words))
        w = words[k]
        i = rng.randrange(len(w))
        words[k] = w[:i] + rng.choice("aeiouxz") + w[i + 1 :]
    else:
        words = words + words[: rng.randrange(1, 5)]
    return fit(words)


def timed(matcher: object, name: str) -> tuple[float, bool]:
    """(ms, whether the work bound was reached) for one cold screening of `name`."""
    party = Party(0, "other", name, "unknown", None, None, ())
    t0 = time.perf_counter()
    screened = matcher.screen(party)  # type: ignore[attr-defined]
    return (time.perf_counter() - t0) * 1000, screened.limit is not None


def search(matcher: object, frequent: list[str], rounds: int) -> dict[str, tuple[float, bool]]:
    """Every name tried on `matcher`: the families, then `rounds` of mutating the slowest."""
    rng = random.Random(SEED)
    times = {name: timed(matcher, name) for name in families(frequent, rng)}
    for _ in range(rounds):
        slowest = sorted(times, key=lambda n: times[n][0], reverse=True)[:10]
        for name in slowest:
            for _ in range(5):
                new = mutate(name, frequent, rng)
                if new not in times:
                    times[new] = timed(matcher, new)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--normal", type=int, default=200, help="normal names timed")
    parser.add_argument("--versions", default="name-match-v2,name-match-v1")
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "worst-case.txt")
    args = parser.parse_args(argv)

    snapshot = load_snapshot(args.lists)
    counts: Counter[str] = Counter()
    for name in snapshot.entities["name"].to_list():
        counts.update(name_tokens(name or ""))
    frequent = [w for w, _ in counts.most_common(2000) if w.isalpha()]
    negatives = [row.query for row in load_devset(DEVSET_CSV) if not row.positive]
    normal_names = negatives[:: max(1, len(negatives) // args.normal)][: args.normal]
    out = [
        *machine_lines(),
        f"lists: {snapshot.entities.height} entities ({snapshot.version[:19]})",
        f"target: <= {TARGET_MS:g} ms per party for any name within {LIMIT} characters; "
        "ratios are to the median normal name of the same matcher in this run",
        "",
    ]
    slowest_lines = []
    for version in args.versions.split(","):
        matcher = build_matcher(snapshot.entities, version)
        gc.collect()  # the build's deferred full pass, as `runtime.build_screener` does
        normal = [timed(matcher, name) for name in normal_names]
        normal_ms = statistics.median(ms for ms, _ in normal)
        normal_limited = sum(limited for _, limited in normal)
        times = search(matcher, frequent, args.rounds)
        ranked = sorted(times.items(), key=lambda kv: -kv[1][0])
        worst = ranked[0][1][0]
        values = sorted(ms for ms, _ in times.values())
        p99 = values[int(0.99 * (len(values) - 1))]
        limited = sum(lim for _, lim in times.values())
        verdict = "PASS" if worst <= TARGET_MS and not normal_limited else "MISS"
        out += [
            f"{version}: normal name median {normal_ms:.2f} ms ({len(normal)} non-listed "
            f"dev-set names, {normal_limited} reached the work bound)",
            f"  {len(times)} adversarial names, {args.rounds} search rounds, "
            f"{limited} reached the work bound (decided at least flag, MATCH_WORK_LIMIT)",
            f"  worst {worst:.1f} ms = {worst / normal_ms:.0f}x normal; "
            f"p99 {p99:.1f} ms = {p99 / normal_ms:.0f}x normal; "
            f"target <= {TARGET_MS:g} ms: {verdict}",
            "  slowest 5 (ms, bound reached, name cut to 70 chars):",
        ]
        for name, (ms, lim) in ranked[:5]:
            out.append(f"    {ms:7.1f} {'bound' if lim else '-':>5} {name[:70]!r}")
        out.append("")
        slowest_lines += [
            f"{version}\t{ms:.1f}\t{int(lim)}\t{name}" for name, (ms, lim) in ranked[:20]
        ]
        del matcher
    print("\n".join(out))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(out) + "\n", encoding="utf-8")
    names_file = args.results.with_name(args.results.stem + "-names.txt")
    names_file.write_text("\n".join(slowest_lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
