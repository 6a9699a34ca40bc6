"""Quality regression guard on public labelled data (benchmarks/public, PROVENANCE.md there):
the held-out half of the hand-labelled name pairs (the half name-match-v2 was not calibrated
on) and the public typo benchmark of UN-listed persons. Full report:
`python benchmarks/evaluate_pairs.py` (results/pairs.txt)."""

from __future__ import annotations

import sys
from pathlib import Path

from screening.commands.compare import entry_matcher, score_pair
from screening.events import Party
from screening.lists.snapshot import ListSnapshot
from screening.matching import MATCHERS, Matcher
from screening.paths import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT))
from benchmarks.evaluate_pairs import (
    SCHEMA_KINDS,
    counts,
    load_pairs,
    load_un_typos,
    score_pairs,
)

V1, V2 = MATCHERS["name-match-v1"], MATCHERS["name-match-v2"]


def test_held_out_pairs_reach_the_target() -> None:
    """The split v2 was not calibrated on: F1 at the flag threshold >= 0.85 (v1: below)."""
    held_out = [p for p in load_pairs() if p.split == "held-out"]
    assert len(held_out) > 100
    v2 = counts(zip(held_out, score_pairs(held_out, V2), strict=True), V2.flag_threshold)
    v1 = counts(zip(held_out, score_pairs(held_out, V1), strict=True), V1.flag_threshold)
    assert v2.f1 >= 0.85, v2
    assert v1.f1 < v2.f1


def test_public_un_typo_benchmark_recall(shared_lists_dir: Path) -> None:
    """Every row is a listed UN person with typos: v2 finds >= 99 % with DOB and nationality."""
    entities = ListSnapshot.load(shared_lists_dir, only=["un_sc"]).entities
    matcher = Matcher(entities, V2)
    parties = load_un_typos()
    found = sum(bool(matcher.screen_party(p)) for p in parties)
    assert found / len(parties) >= 0.99, (found, len(parties))


# Pairs the index does not propose though the score would flag them, known and left to the
# candidate-generation work: words run together on the party's side ("Good Will" for
# "Goodwill": v1 looks such joins up exactly but only for the listed side's pairs), and a join
# with a typo ("Andrang Heta" for "'Ndrangheta"). When one is fixed, take it out here.
KNOWN_INDEX_HOLES = {
    ("name-match-v1", "Good Will Company", "Goodwill Company"),
    ("name-match-v2", "Andrang Heta", "'Ndrangheta"),
}


def test_screen_finds_what_compare_flags() -> None:
    """On a one-entry list the screen (index candidates, then scoring) hits exactly the pairs
    `compare` scores at or above the flag threshold, with the same score: the index does not
    lose what v2's initials and short-form rules raise."""
    holes = set()
    for config in (V1, V2):
        for pair in load_pairs():
            kind = SCHEMA_KINDS.get(pair.schema, "unknown")
            party = Party(0, "party", pair.name1, kind, None, None, ())
            matcher = entry_matcher(pair.name2, config, kind=kind)
            want = score_pair(party, matcher).score
            got = [h.score for h in matcher.screen_party(party)]
            if got != ([want] if want >= config.flag_threshold else []):
                assert got == [] and want >= config.flag_threshold, (config.name, pair, got)
                holes.add((config.name, pair.name1, pair.name2))
    assert holes == KNOWN_INDEX_HOLES
