"""Listed Latin names queried in other scripts (name-match-v2), on small named cases: one per
script that must find its entity, one common non-listed name per script that must not hit."""

from __future__ import annotations

import polars as pl
import pytest
from matching_helpers import party

from screening.lists.model import Alias, EntityRecord, entities_frame
from screening.matching import MATCHERS, Matcher

RECORDS = [
    EntityRecord("us_ofac_sdn", "20157", "person", "KIM, Jong Un"),
    EntityRecord("us_ofac_sdn", "23215", "person", "RI, Pyong Chol"),
    EntityRecord("us_ofac_sdn", "11447", "person", "LI, Fangwei"),
    EntityRecord("us_ofac_sdn", "29262", "person", "XIA, Baolong"),
    EntityRecord("us_ofac_sdn", "4691", "organization", "AUM SHINRIKYO"),
    EntityRecord("us_ofac_sdn", "18528", "person", "SINWAR, Yahya"),
    EntityRecord("us_ofac_sdn", "12735", "person", "AL-ASSAD, Bashar"),
    EntityRecord("us_ofac_sdn", "2686", "person", "NASRALLAH, Hasan"),
    EntityRecord("us_ofac_sdn", "27844", "person", "RAISI, Ebrahim"),
    EntityRecord("us_ofac_sdn", "26945", "person", "KHAMENEI, Ali Husseini"),
    EntityRecord("us_ofac_sdn", "13378", "person", "MOHAMMED, Ali"),
    EntityRecord("ca_sema", "ESV-5", "person", "Daniella Weiss"),
    EntityRecord(
        "uk_ofsi",
        "14196",
        "person",
        "PUTIN, Vladimir Vladimirovich",
        aliases=[Alias("Владимир Владимирович Путин", "original_script")],
    ),
    EntityRecord(
        "ca_sema",
        "HAMAS-1",
        "person",
        "Yahya Sinwar",
        aliases=[Alias("يحيى السنوار", "original_script")],
    ),
    EntityRecord("us_ofac_sdn", "1", "person", "ALLAH, Muhammad"),
    EntityRecord("us_ofac_sdn", "2", "person", "KIM, Min Chol"),
    EntityRecord("uk_ofsi", "3", "organization", 'ANO "KVARTAL LUI"'),  # "n l" like נועה לוי
]


@pytest.fixture(scope="module")
def listed() -> pl.DataFrame:
    return entities_frame(RECORDS)


@pytest.fixture(scope="module")
def v2(listed: pl.DataFrame) -> Matcher:
    return Matcher(listed, MATCHERS["name-match-v2"])


@pytest.fixture(scope="module")
def v1(listed: pl.DataFrame) -> Matcher:
    return Matcher(listed, MATCHERS["name-match-v1"])


def found(matcher: Matcher, name: str) -> list[str]:
    return [h.entity_id for h in matcher.screen_party(party(name)) if h.action != "allow"]


@pytest.mark.parametrize(
    ("script", "name", "entity"),
    [
        ("hangul", "김정은", "20157"),  # McCune-Reischauer spelling, a word per syllable
        ("hangul", "김 정은", "20157"),
        ("hangul", "리병철", "23215"),
        ("han", "李方伟", "11447"),  # given name written joined on the list: Fangwei
        ("han", "夏宝龙", "29262"),
        ("japanese", "オウム真理教", "4691"),  # katakana by its consonants, kanji by reading
        ("thai", "วลาดีมีร์ ปูติน", "14196"),
        ("arabic", "يحيى السنوار", "18528"),  # consonant skeletons, article split off
        ("arabic", "بشار الأسد", "12735"),
        ("arabic", "حسن نصر الله", "2686"),  # two words the list writes as one
        ("persian", "ابراهیم رئیسی", "27844"),
        ("persian", "علی خامنه‌ای", "26945"),  # zero-width non-joiner inside the name
        ("hebrew", "דניאלה וייס", "ESV-5"),
        ("cyrillic", "Владимир Путин", "14196"),
        ("greek", "Βλαντιμίρ Πούτιν", "14196"),
    ],
)
def test_listed_name_in_another_script_is_found(
    v2: Matcher, script: str, name: str, entity: str
) -> None:
    assert entity in found(v2, name), script


@pytest.mark.parametrize(
    ("script", "name"),
    [
        ("hangul", "김민수"),  # Kim Min-su: KIM, Min Chol shares the family name only
        ("han", "王秀英"),
        ("japanese", "田中太郎"),
        ("thai", "สมชาย ใจดี"),
        ("arabic", "فاطمة الزهراء"),
        ("persian", "مریم رضایی"),
        ("hebrew", "נועה לוי"),
        ("cyrillic", "Анна Смирнова"),
        ("greek", "Μαρία Παπαδοπούλου"),
    ],
)
def test_common_names_in_other_scripts_do_not_hit(v2: Matcher, script: str, name: str) -> None:
    assert found(v2, name) == [], script


def test_ali_is_not_allah(v2: Matcher) -> None:
    """A final ya is an "i": محمد علي is MOHAMMED, Ali, not ALLAH, Muhammad."""
    hits = found(v2, "محمد علي")
    assert "13378" in hits and "1" not in hits


def test_skeleton_match_scores_below_an_exact_latin_match(v2: Matcher) -> None:
    (latin,) = [h for h in v2.screen_party(party("Yahya Sinwar")) if h.entity_id == "18528"]
    (arabic,) = [h for h in v2.screen_party(party("يحيى السنوار")) if h.entity_id == "18528"]
    assert arabic.score < latin.score
    assert arabic.action == "block"
    assert "read from arabic" in arabic.explanation


def test_original_script_name_still_matches_itself(v2: Matcher) -> None:
    (hit,) = [h for h in v2.screen_party(party("يحيى السنوار")) if h.entity_id == "HAMAS-1"]
    assert hit.score == 1.0


def test_v1_does_not_read_scripts(v1: Matcher) -> None:
    assert "20157" not in found(v1, "김정은")
    assert "18528" not in found(v1, "يحيى السنوار")
