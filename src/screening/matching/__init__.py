"""Party name matching: normalisation, candidate index, scoring, versioned configurations."""

from screening.matching.config import MATCHERS, MatchConfig, resolve
from screening.matching.matcher import Comparison, Matcher, compare
from screening.matching.normalize import analyze, normalize

__all__ = [
    "MATCHERS",
    "Comparison",
    "MatchConfig",
    "Matcher",
    "analyze",
    "compare",
    "normalize",
    "resolve",
]
