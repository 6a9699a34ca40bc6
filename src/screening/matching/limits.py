"""Bounds on the work one party may cost the matcher, and what happens when one is reached.

A party name is attacker-controlled text: a name of repeated particles ("al al al …") or of the
lists' most frequent words makes the index propose thousands of names and the scorer align each
of them, which took seconds (minutes on name-match-v1) for one party. So the work per party is
capped by counting it, never by a clock, so that a replay takes the same decision:

- query tokens: repeats collapsed, at most `query_tokens` distinct tokens are screened;
- candidates: at most `candidates` listed names are scored, the likeliest (most query weight
  shared, least of their own missing) first, ties by index id;
- pair work: scoring stops once the token pairs aligned (query tokens x listed tokens, summed
  over the names scored) would pass `pair_work`.

A party that reaches a bound is never allowed silently: its result carries the reason
`MATCH_WORK_LIMIT` (`screening.types`), which the decision turns into at least a flag, and the
hits found within the bound are kept. A normal name is far from every bound (see
`tests/matching/test_limits.py` and `benchmarks/worst_case.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WorkLimits:
    query_tokens: int
    candidates: int
    pair_work: int


V1_LIMITS = WorkLimits(query_tokens=32, candidates=8_000, pair_work=340_000)
"""name-match-v1's bounds. They came after v1's configuration digest, so they are not in it:
frozen here instead (a test pins them), set above the work of every result pinned for v1
(`tests/matching/fixtures/v1-results.json`, the heaviest being ten repeated "al"), so they
change no pinned result and only stop names far past any real one."""

V2_LIMITS = WorkLimits(query_tokens=16, candidates=5_000, pair_work=32_000)
"""name-match-v2's bounds, in its configuration (and so its digest); the query token cap is
also the one `normalize.analyze_v2` applies (`normalize.MAX_TOKENS`)."""
