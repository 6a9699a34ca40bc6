"""Worst time to screen one party, over adversarial names within the 500-character limit.

    python benchmarks/worst_case.py [--lists DIR] [--rounds 3] [--v1-budget 20]

Families of names built to make a matcher work hard (repeated particles, runs of the lists'
most frequent words, many short words, long glued strings, letter-spaced text, digits and
look-alikes), then a seeded random search that mutates the slowest names found so far for a
few rounds. Each name is timed on name-match-v2 (the time of its slowest of 2 runs on a fresh
matcher cache is not needed: every name is new to the caches). name-match-v1 is timed on the
same names up to --v1-budget seconds in total (it takes minutes on some). Writes
benchmarks/results/worst-case.txt. Target: <= 50 ms per party.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import DEFAULT_LISTS, RESULTS_DIR, load_snapshot, name_tokens
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


def timed(matcher: object, name: str) -> float:
    party = Party(0, "other", name, "unknown", None, None, ())
    t0 = time.perf_counter()
    matcher.screen_party(party)  # type: ignore[attr-defined]
    return (time.perf_counter() - t0) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--v1-budget", type=float, default=20.0)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR / "worst-case.txt")
    args = parser.parse_args(argv)
    from screening.matching import MATCHERS, Matcher

    rng = random.Random(SEED)
    snapshot = load_snapshot(args.lists)
    counts: Counter[str] = Counter()
    for name in snapshot.entities["name"].to_list():
        counts.update(name_tokens(name or ""))
    frequent = [w for w, _ in counts.most_common(2000) if w.isalpha()]
    v2 = Matcher(snapshot.entities, MATCHERS["name-match-v2"])
    names = families(frequent, rng)
    times = {name: timed(v2, name) for name in names}
    for _ in range(args.rounds):
        slowest = sorted(times, key=times.__getitem__, reverse=True)[:10]
        for name in slowest:
            for _ in range(5):
                new = mutate(name, frequent, rng)
                if new not in times:
                    times[new] = timed(v2, new)
    ranked = sorted(times.items(), key=lambda kv: -kv[1])
    v1 = Matcher(snapshot.entities, MATCHERS["name-match-v1"])
    v1_times: dict[str, float] = {}
    spent = 0.0
    for name, _ in ranked:
        if spent > args.v1_budget * 1000:
            break
        v1_times[name] = timed(v1, name)
        spent += v1_times[name]
    p99 = sorted(times.values())[int(0.99 * (len(times) - 1))]
    out = [
        *machine_lines(),
        f"{len(times)} adversarial names (<= {LIMIT} chars), {args.rounds} search rounds",
        f"name-match-v2 worst {ranked[0][1]:.1f} ms, p99 {p99:.1f} ms; target <= "
        f"{TARGET_MS:g} ms: {'PASS' if ranked[0][1] <= TARGET_MS else 'MISS'}",
        f"name-match-v1 on the slowest names until {args.v1_budget:g} s were spent: "
        f"{len(v1_times)} names, worst {max(v1_times.values()):.0f} ms",
        "",
        "slowest 10 (v2 ms, v1 ms or -, name cut to 70 chars):",
    ]
    for name, ms in ranked[:10]:
        v1_ms = f"{v1_times[name]:.0f}" if name in v1_times else "-"
        out.append(f"  {ms:7.1f} {v1_ms:>7} {name[:70]!r}")
    print("\n".join(out))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
