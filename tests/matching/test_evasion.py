"""`evasion.reveal` and `analyze_v2`: the name a reader sees, and names that are no names."""

from __future__ import annotations

import pytest

from screening.matching.evasion import reveal
from screening.matching.normalize import analyze_v2


@pytest.mark.parametrize(
    ("written", "seen"),
    [
        ("ВАNК MELLAT", "BANK MELLAT"),  # Cyrillic В, А, К among Latin letters
        ("ΡUTIN", "PUTIN"),  # Greek Rho
        ("BANK\U000e0041 ME\u200bLL\u00adAT", "BANK MELLAT"),  # TAG, zero-width, soft hyphen
        ("S0UTHP0RT", "SOUTHPORT"),
        ("Fluid Shipping 1td", "Fluid Shipping ltd"),
        ("13th Brigade", "13th Brigade"),  # ordinals stay numbers
        ("Владимир Путин", "Владимир Путин"),  # a Cyrillic name is not a disguise
    ],
)
def test_reveal(written: str, seen: str) -> None:
    assert reveal(written) == seen


def test_emoji_is_a_word_break() -> None:
    assert reveal("BANK 🚢 MELLAT").split() == ["BANK", "MELLAT"]


@pytest.mark.parametrize(
    "junk", ["LLC", "L.L.C.", "the the the", "Limited Liability Company", "GmbH", "Sheikh", "N/A"]
)
def test_junk_names_have_no_tokens(junk: str) -> None:
    assert analyze_v2(junk).tokens == ()


def test_repeats_collapse_and_names_are_capped() -> None:
    assert analyze_v2("al " * 166).tokens == ()
    assert analyze_v2("Mellat Mellat Bank").tokens == ("melat", "bank")
    long = " ".join(f"word{chr(97 + k % 26)}{k}" for k in range(40))
    assert len(analyze_v2(long).tokens) == 16
