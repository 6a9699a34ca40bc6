"""`screening compare` is a faithful view of the matcher: for real UN entries and perturbed
parties (typos, word order, dropped words, titles, country, date of birth, identifiers), the
score `compare` gives a party against the matched name with the entry's attributes equals the
score of the hit `screen_party` returns on the whole list."""

from __future__ import annotations

import csv
import random
from pathlib import Path
from typing import Any

import pytest

from screening.cli import main
from screening.events import Identifier, Party
from screening.lists.snapshot import ListSnapshot
from screening.matching import MATCHERS, Matcher
from screening.types import PartyHit

SAMPLE = 120  # UN entries; a few parties each
COLUMNS = [
    "name1",
    "name2",
    "kind1",
    "kind2",
    "country1",
    "country2",
    "dob1",
    "dob2",
    "ids1",
    "ids2",
]


@pytest.fixture(scope="module")
def un_rows(shared_lists_dir: Path) -> list[dict[str, Any]]:
    snapshot = ListSnapshot.load(shared_lists_dir, only=["un_sc"])
    rows = snapshot.entities.to_dicts()
    return random.Random(20261130).sample(rows, SAMPLE)


@pytest.fixture(scope="module")
def un_entities(shared_lists_dir: Path) -> Any:
    return ListSnapshot.load(shared_lists_dir, only=["un_sc"]).entities


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 4:
        return word
    k = rng.randrange(1, len(word) - 1)
    return word[:k] + word[k + 1] + word[k] + word[k + 2 :]  # transposition


def parties(row: dict[str, Any], rng: random.Random) -> list[Party]:
    """Perturbed spellings of a listed name with right, wrong or no secondary attributes."""
    words = row["name"].replace(",", " ").split()
    longest = max(range(len(words)), key=lambda k: len(words[k]))
    typo = [*words[:longest], _typo(words[longest], rng), *words[longest + 1 :]]
    names = [
        row["name"],
        " ".join(reversed(words)),
        " ".join(typo),
        " ".join(words[:-1]) if len(words) > 2 else " ".join(typo).lower(),
        "Mr " + " ".join(words).title(),
    ]
    country = (row["countries"] or [None])[0]
    year = (row["dates_of_birth"] or [None])[0]
    decisive = [i for i in row["identifiers"] if i["type"] in ("passport", "national_id")]
    out = []
    for k, name in enumerate(names):
        out.append(
            Party(
                0,
                "party",
                name,
                rng.choice([row["kind"], "unknown", "organization"]),
                rng.choice([country, "FR", None]),
                rng.choice([year, "1901-01-01", None]),
                tuple(Identifier(i["type"], i["value"]) for i in decisive) if k == 4 else (),
            )
        )
    return out


def _weak(row: dict[str, Any], text: str) -> bool:
    return any(a["name"] == text and a["quality"] == "weak" for a in row["aliases"] or ())


@pytest.mark.parametrize("version", ["name-match-v1", "name-match-v2"])
def test_compare_equals_screen_hit(
    version: str,
    un_rows: list[dict[str, Any]],
    un_entities: Any,
    shared_lists_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    matcher = Matcher(un_entities, MATCHERS[version])
    by_id = {r["entity_id"]: r for r in un_entities.to_dicts()}
    rng = random.Random(7)
    cases: list[tuple[Party, PartyHit]] = []
    for row in un_rows:
        for party in parties(row, rng):
            for hit in matcher.screen_party(party):
                # the core: `explain` gives the hit's score for the hit's entity
                assert matcher.explain(party, hit.list, hit.entity_id).score == hit.score
                if not _weak(by_id[hit.entity_id], hit.matched_name):
                    cases.append((party, hit))
    assert len(cases) >= 300, len(cases)
    pairs = tmp_path / "pairs.csv"
    with pairs.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for party, hit in cases:
            entry = by_id[hit.entity_id]
            writer.writerow(
                [
                    party.name,
                    hit.matched_name,
                    party.kind,
                    entry["kind"],
                    party.country or "",
                    ";".join(entry["countries"] or ()),
                    party.date_of_birth or "",
                    ";".join(entry["dates_of_birth"] or ()),
                    ";".join(f"{i.type}:{i.value}" for i in party.identifiers),
                    ";".join(f"{i['type']}:{i['value']}" for i in entry["identifiers"] or ()),
                ]
            )
    out = tmp_path / "scored.csv"
    monkeypatch.delenv("SCREENING_MATCHER", raising=False)
    lists = tmp_path / "lists"  # the same UN list, for the words the matcher knows
    lists.mkdir()
    (lists / "un_sc").symlink_to(shared_lists_dir / "un_sc")
    argv = ["compare", "--pairs", str(pairs), "--matcher", version, "--lists", str(lists)]
    assert main([*argv, "-o", str(out)]) == 0
    scored = list(csv.DictReader(out.open(encoding="utf-8")))
    got = [float(r["score"]) for r in scored]
    want = [hit.score for _, hit in cases]
    mismatches = [
        (party.name, hit.matched_name, g, w)
        for (party, hit), g, w in zip(cases, got, want, strict=True)
        if g != w
    ]
    assert mismatches == []
    # the attributes matter: a name-only score would differ on many of these
    moved = [h for _, h in cases if "country" in h.explanation or "born" in h.explanation]
    assert len(moved) >= 50
    assert any(h.score < 1.0 for _, h in cases) and any(
        "identifier" in h.explanation for _, h in cases
    )
