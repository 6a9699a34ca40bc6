"""Typo tolerance: every number that decides when two name tokens are "a typo apart".

These shape scores as much as the `MatchConfig` fields do, so `MatchConfig.digest` folds them
in, and the golden-score fixture (`tests/matching/golden/`) fails when one moves without a new
registered matcher version. Read them as `tolerance.NAME` at call time (not `from ... import`),
so there is exactly one place that holds each value.
"""

from __future__ import annotations

MIN_TYPO_TOKEN = 4
"""A token shorter than this never takes a typo (on either side), nor enters the typo index."""

MIN_TYPO_LONGER = 5
"""The longer of two tokens must have at least this many letters for a typo to count."""

TWO_TYPO_TOKEN = 9
"""From this length on (the longer token), two typos are tolerated instead of one."""

TWO_TYPO_QUERY = 8
"""Query tokens from this length on look up listed tokens two typos away."""

MAX_LENGTH_GAP = 2
"""Tokens whose lengths differ by more than this are never a typo apart."""

JOIN_COVER = 1.5
"""Candidate bound: one query token may cover up to this many listed tokens (joined words)."""

LETTER_RULES_MIN = 4
"""Transliteration letter rules (Yuriy/Yuri, Sergey/Sergei) apply from this length."""

NEAR_WORD_MIN = 5
"""A typo of a known spelling variant or legal-form word is recognised from this length."""

LEGAL_TYPO_MIN = 6
"""Legal-form words (LIMITED, COMPANY) are looked up through a typo from this length."""

LEGAL_LONG_EDITS = 2
"""Typos tolerated in a long (9+ letter) legal-form word."""


V2: dict[str, float] = {
    "MIN_TYPO_TOKEN": 3,
    "TWO_TYPO_TOKEN": 9,
    "TWO_TYPO_LISTED": 7,
    "TWO_TYPO_QUERY": 7,
    "LENGTH_SLACK": 1,
    "NEAR_JUNK_MIN": 3,
}
"""name-match-v2's own numbers (v1's above stay as they were, so v1's digest does not move):
- MIN_TYPO_TOKEN: one typo from 3 letters on, on either side, the first letter included (a
  3-letter word may also be a 4-letter word less a letter: ANK / BANK, ORD / NORD);
- TWO_TYPO_TOKEN: two typos when the longer token has this many letters;
- TWO_TYPO_LISTED / TWO_TYPO_QUERY: the shortest listed / query token looked up two typos away;
- LENGTH_SLACK: a typo costs typo_cost x edits / (length + LENGTH_SLACK): one typo in a 4-letter
  word is 0.8, not 0.75 (short words are most of vessel names and legal forms);
- NEAR_JUNK_MIN: a query word of at least this length that no listed name holds and that is a
  typo of a legal form, title or business word (JDC, KTD, GAJI, ANK) weighs like that word.
"""


def as_dict(revision: int | None = None) -> dict[str, float]:
    """The values a matcher version uses, by name: what its digest hashes (v1: the module
    constants; v2 adds its own table as `V2_<NAME>`)."""
    values = {
        name: value
        for name, value in sorted(globals().items())
        if name.isupper() and isinstance(value, int | float)
    }
    if revision:
        values.update({f"V2_{name}": value for name, value in sorted(V2.items())})
    return values
