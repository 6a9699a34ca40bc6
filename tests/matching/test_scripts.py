"""Names in other scripts read into the lists' Latin spellings (`matching.scripts`, v2)."""

from __future__ import annotations

import re

import pytest

from screening.matching.scripts import (
    abjad_endings,
    abjad_skeletons,
    abjad_vowels,
    hangul_spellings,
    latin_skeleton,
    latin_units,
    readings,
    romanize,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("김정은", "kim jongun"),  # the given name one word, the North's spelling first
        ("리병철", "ri pyongchol"),
        ("习近平", "xi jinping"),  # pinyin without tones, family name first
        ("安倍晋三", "an beijinsan"),  # Chinese characters alone read as Chinese first
        ("オウム真理教", "omu shinrikyo"),  # kana: Hepburn, long vowels written short
        ("يحيى السنوار", "yhya al snwr"),  # Arabic article split off
        ("鈺龙海电子（香港）有限公司", "yu long hai dian zi hong kong co ltd"),
        ("Vladimir Putin", "Vladimir Putin"),  # untouched
        ("Владимир Путин", "Владимир Путин"),  # Cyrillic is normalize's
    ],
)
def test_romanize(text: str, expected: str) -> None:
    assert romanize(text) == expected


def test_korean_spellings_cover_both_systems_and_surnames() -> None:
    assert {"jong", "jeong", "chong"} <= set(hangul_spellings("정"))
    assert {"un", "eun"} <= set(hangul_spellings("은"))
    assert {"ri", "lee", "yi"} <= set(hangul_spellings("이", surname=True))
    assert {"pak", "park"} <= set(hangul_spellings("박", surname=True))
    assert "park" not in hangul_spellings("박")  # the surname forms only for a surname


def test_chinese_has_wade_giles_and_groups_the_given_name() -> None:
    (reading, _japanese) = readings("习近平")
    assert reading[0].spellings[:2] == ("xi", "hsi")
    assert reading[0].group != reading[1].group == reading[2].group


def test_pure_kanji_is_also_read_as_japanese() -> None:
    chinese, japanese = readings("安倍晋三")
    assert [w.spellings[0] for w in japanese] == ["abe", "shinzo"]
    assert len(chinese) == 4


@pytest.mark.parametrize(
    ("latin", "skeleton"),
    [
        ("muhammad", "mhmd"),
        ("mohamed", "mhmd"),
        ("abdullah", "bdl"),  # final -ah is the unwritten ta marbuta / he
        ("sinwar", "snr"),  # w inside a word is a long vowel
        ("yusuf", "ysf"),  # y at the start is a consonant
        ("khamenei", "qmn"),
        ("gopstein", "gbstn"),
    ],
)
def test_latin_skeleton(latin: str, skeleton: str) -> None:
    assert latin_skeleton(latin) == skeleton


@pytest.mark.parametrize(
    ("word", "latin"),
    [
        ("محمد", "muhammad"),
        ("محمد", "mohamed"),
        ("سنوار", "sinwar"),
        ("رئیسی", "raisi"),
        ("ظریف", "zarif"),  # ظ is z in Persian names
        ("וייס", "weiss"),
        ("גופשטיין", "gopstein"),
    ],
)
def test_abjad_skeleton_meets_the_latin_one(word: str, latin: str) -> None:
    assert latin_skeleton(latin) in abjad_skeletons(word)


def test_abjad_endings_tell_ali_from_allah() -> None:
    assert "i" in abjad_endings("علي") and "h" not in abjad_endings("علي")
    assert "h" in abjad_endings("الله")
    assert abjad_endings("محمد") and "a" not in abjad_endings("محمد")


@pytest.mark.parametrize(
    ("word", "latin", "agrees"),
    [
        ("امیر", "amir", True),
        ("امیر", "amor", False),  # a written ya is an i, not an o
        ("محمود", "mahmud", True),
        ("محمود", "muhammad", False),  # a written waw is a u or o
        ("محمد", "muhammad", True),
        ("إسماعيل", "ismail", True),
        ("جواد", "javad", True),  # waw as a consonant v
        ("סינוואר", "sinwar", True),  # doubled waw is one w
    ],
)
def test_written_long_vowels_must_be_in_the_latin_spelling(
    word: str, latin: str, agrees: bool
) -> None:
    assert bool(re.fullmatch(abjad_vowels(word), latin_units(latin))) is agrees


@pytest.mark.parametrize(
    ("word", "latin", "agrees"),
    [
        ("احمدی", "ahmadi", True),
        ("احمدی", "hamadi", False),  # an initial alef is a vowel the Latin spelling has
        ("עילאי", "ilai", True),  # the vowel after it is written: one vowel will do
        ("أون", "un", True),
    ],
)
def test_initial_alef_and_ayn(word: str, latin: str, agrees: bool) -> None:
    assert bool(re.fullmatch(abjad_vowels(word), latin_units(latin))) is agrees
