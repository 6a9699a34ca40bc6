"""Work bounds on the real OFAC SDN and UN lists: the adversarial names that were slowest
(`benchmarks/worst_case.py`) end with the defined outcome, normal names never reach a bound.
No time is asserted (speed is the benchmark's job): the bound is on counted work."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest
from matching_helpers import party

from screening.lists.snapshot import ListSnapshot
from screening.matching import MATCHERS, Matcher
from screening.matching.normalize import transliterate
from screening.paths import REPO_ROOT

pytestmark = pytest.mark.slow


def fit(words: list[str]) -> str:
    """Words joined up to the 500-character limit of a party name (as worst_case.py does)."""
    out = ""
    for word in words:
        if len(out) + 1 + len(word) > 500:
            break
        out = f"{out} {word}" if out else word
    return out


@pytest.fixture(scope="module")
def snapshot(shared_lists_dir: Path) -> ListSnapshot:
    return ListSnapshot.load(shared_lists_dir, only=["us_ofac_sdn", "un_sc"])


@pytest.fixture(scope="module", params=["name-match-v1", "name-match-v2"])
def matcher(request: pytest.FixtureRequest, snapshot: ListSnapshot) -> Matcher:
    return Matcher(snapshot.entities, MATCHERS[request.param])


@pytest.fixture(scope="module")
def frequent(snapshot: ListSnapshot) -> list[str]:
    counts: Counter[str] = Counter()
    for name in snapshot.entities["name"].to_list():
        counts.update(transliterate(name or "").split())
    return [w for w, _ in counts.most_common(2000) if w.isalpha()]


def test_runs_of_frequent_words_reach_the_bound(matcher: Matcher, frequent: list[str]) -> None:
    """The slowest family of worst-case.txt before the bounds ("company s joint liability
    ali jsc ooo institute bank state …": 2.4 s on v2): flagged with the bound, the same twice."""
    for name in (fit(frequent[:100]), fit(frequent[:400:4])):
        screened = matcher.screen(party(name))
        assert screened.limit is not None, name
        assert matcher.screen(party(name)) == screened


def test_repeated_particles(matcher: Matcher) -> None:
    """ "al " x 166 (108 s on v1 before): v1 folds the repeats and says so; for v2 it is a
    junk name (no tokens, no work, never a hit)."""
    screened = matcher.screen(party("al " * 166))
    if matcher.config.revision:
        assert (screened.hits, screened.limit) == ((), None)
    else:
        assert screened.limit == "repeated name tokens folded to 1"


def test_normal_names_never_reach_a_bound(matcher: Matcher) -> None:
    """Every non-listed dev-set name (realistic company and person names, 2,068)."""
    with (REPO_ROOT / "benchmarks" / "devset" / "devset.csv").open(encoding="utf-8") as fh:
        names = [row["query"] for row in csv.DictReader(fh) if row["label"] == "negative"]
    assert len(names) > 2000
    reached = [name for name in names if matcher.screen(party(name)).limit is not None]
    assert reached == []
