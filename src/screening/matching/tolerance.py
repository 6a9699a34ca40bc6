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


def as_dict() -> dict[str, float]:
    """The current values by name: what the matcher digest hashes."""
    return {
        name: value
        for name, value in sorted(globals().items())
        if name.isupper() and isinstance(value, int | float)
    }
