from __future__ import annotations

import polars as pl
import pytest
from matching_helpers import party

from screening.events import Identifier
from screening.matching import MATCHERS, MatchConfig, Matcher, compare
from screening.types import Kind


def top(matcher: Matcher, name: str, kind: Kind = "unknown") -> tuple[str, str, float, str]:
    hits = matcher.screen_party(party(name, kind))
    assert hits, f"no hit for {name!r}"
    return hits[0].list, hits[0].entity_id, hits[0].score, hits[0].action


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("AEROCARIBBEAN AIRLINES", "36"),  # exact
        ("aerocaribbean  airlines!", "36"),  # case and punctuation
        ("Usama BIN LADIN", "6365"),  # word order
        ("Osama bin Laden", "6365"),  # alias
        ("Владимир Владимирович Путин", "14196"),  # original script
        ("Vladimir Putin", "14196"),  # patronymic left out
        ("PUTIN, Vladimir Vladimirovitch", "14196"),  # one typo in a long token
        ("Aleksander Yurevich Sokolov", "200"),  # transliteration + typo
        ("Alexander SOKOLOV", "200"),  # variant + middle name left out
        ("Sergei Ivanov", "201"),  # -ey/-ei
        ("ALQAIDA", "6366"),  # run together
        ("Al Qaeda", "6366"),  # variant
        ("JSCARGUMENT", "301"),  # legal form glued on
        ("Argument AO", "301"),  # another legal form
        ("ООО Техно Трейд", "300"),  # Cyrillic with a Cyrillic legal form
        ("TEKHNO TREID LIMITED LIABILITY COMPANY", "300"),
        ("ROSOBORONEKSPORT", "303"),
        ("Yousef Abdel Rahman Al Hussein", "400"),
        ("Muller Sohne AG", "EU-9"),
        ("Northern Star Shipping Company Limited", "D-1"),
        ("Sirajuddin HAQANI", "QDi.1"),  # doubled letter dropped: a typo
    ],
)
def test_variants_find_the_entity(matcher: Matcher, name: str, entity_id: str) -> None:
    _, found, score, action = top(matcher, name)
    assert found == entity_id
    assert action in ("flag", "block")
    assert score >= MATCHERS["name-match-v1"].flag_threshold


def test_exact_name_blocks_with_full_score(matcher: Matcher) -> None:
    assert top(matcher, "AEROCARIBBEAN AIRLINES") == ("us_ofac_sdn", "36", 1.0, "block")


@pytest.mark.parametrize(
    "name",
    [
        "Mohammed Ali Trading LLC",  # shares only common words with ALI TRADING
        "LLC 123",  # a legal form and a number
        "OOO 1",
        "Trading Company LLC",
        "Vladimir Petrov",  # a shared given name
        "Putin",  # one surname against a three-token name
        "Sberbank Leasing Holding Group Ltd Moscow Branch Office",  # too much else
        "Kim Tong Un",  # one letter away on a short token
        "Ahmad Sokolov Trading",
        "Alexander Petrov",
        "Abu Abdallah Trading Est",
    ],
)
def test_negatives_do_not_hit(matcher: Matcher, name: str) -> None:
    assert matcher.screen_party(party(name)) == []


def test_legal_form_neither_creates_nor_hides_a_match(matcher: Matcher) -> None:
    with_form = matcher.screen_party(party("Sberbank PJSC"))
    without = matcher.screen_party(party("Sberbank"))
    assert [(h.entity_id, h.score) for h in with_form] == [(h.entity_id, h.score) for h in without]
    assert [h.entity_id for h in without] == ["RU-1"]


def test_best_hit_per_entity_sorted_with_deterministic_ties(matcher: Matcher) -> None:
    hits = matcher.screen_party(party("Sberbank"))
    assert len({(h.list, h.entity_id) for h in hits}) == len(hits)
    keys = [(-h.score, h.list, h.entity_id) for h in hits]
    assert keys == sorted(keys)
    assert hits[0].source_list == "Russia"


def test_kind_mismatch_lowers_the_score(matcher: Matcher) -> None:
    _, _, as_org, _ = top(matcher, "AEROCARIBBEAN AIRLINES", "organization")
    _, _, as_person, action = top(matcher, "AEROCARIBBEAN AIRLINES", "person")
    assert as_person < as_org
    assert action == "flag"
    hit = matcher.screen_party(party("AEROCARIBBEAN AIRLINES", "person"))[0]
    assert "kind person≠organization" in hit.explanation


def test_date_of_birth_and_country_adjust(matcher: Matcher) -> None:
    def score(**kw: str) -> float:
        hits = matcher.screen_party(party("Vladimir Putin", "person", **kw))
        return hits[0].score if hits else 0.0

    plain = score()
    assert score(dob="1952-10-07") > plain
    assert score(dob="1980") < plain
    assert score(country="RU") > plain
    assert score(country="FR") < plain


@pytest.mark.parametrize(
    ("ident", "entity_id"),
    [
        (Identifier("IMO number", "IMO 9187629"), "500"),
        (Identifier("passport", "ab 123 4567"), "501"),
        (Identifier("Passport No.", "AB1234567"), "501"),
        (Identifier("Vessel Registration Identification", "IMO 9187629"), "500"),
    ],
)
def test_identifier_match_is_decisive(matcher: Matcher, ident: Identifier, entity_id: str) -> None:
    hits = matcher.screen_party(party("Unrelated Name Ltd", identifiers=(ident,)))
    assert [(h.entity_id, h.score, h.action) for h in hits] == [(entity_id, 1.0, "block")]
    assert "identifier" in hits[0].explanation


def test_weak_alias_scores_below_strong(matcher: Matcher) -> None:
    strong = matcher.screen_party(party("Osama bin Laden"))[0]
    weak = matcher.screen_party(party("Abu Abdallah"))[0]
    assert strong.score == 1.0 and strong.action == "block"
    assert weak.entity_id == "6365" and weak.score == 0.9 and weak.action == "flag"
    assert "weak alias" in weak.explanation


def test_explanation_names_both_sides_and_tokens(matcher: Matcher) -> None:
    hit = matcher.screen_party(party("Vladimir Putin", "person", country="RU"))[0]
    assert "'Vladimir Putin' ~ 'PUTIN, Vladimir Vladimirovich' (primary)" in hit.explanation
    assert "matched vladimir=vladimir, putin=putin" in hit.explanation
    assert "unmatched listed: vladimirovich" in hit.explanation
    assert "country RU +0.02" in hit.explanation
    typo = matcher.screen_party(party("AEROCARIBEAN AIRLINES"))[0]
    assert "aerocaribean=aerocaribean" in typo.explanation or "~" in typo.explanation
    glued = matcher.screen_party(party("ALQAIDA"))[0]
    assert "alqaida=al+qaida" in glued.explanation


def test_list_max_action_caps_and_drops(entities: pl.DataFrame) -> None:
    config = MatchConfig(list_max_action={"us_ofac_sdn": "flag", "us_csl": "allow"})
    capped = Matcher(entities, config)
    hits = capped.screen_party(party("AEROCARIBBEAN AIRLINES"))
    assert [(h.entity_id, h.score, h.action) for h in hits] == [("36", 1.0, "flag")]
    assert capped.screen_party(party("ALI TRADING")) == []


def test_same_input_same_hits(entities: pl.DataFrame, matcher: Matcher) -> None:
    again = Matcher(entities.reverse(), MATCHERS["name-match-v1"])
    for name in ("Sberbank", "Usama bin Laden", "Al Qaeda", "Vladimir Putin"):
        assert matcher.screen_party(party(name)) == again.screen_party(party(name))


def test_version_pins_name_and_digest(matcher: Matcher) -> None:
    config = MATCHERS["name-match-v1"]
    assert matcher.version == f"name-match-v1+{config.digest[:12]}"
    assert config.digest == MatchConfig().digest
    assert MatchConfig(flag_threshold=0.85).digest != config.digest
    with pytest.raises(ValueError):
        MatchConfig(flag_threshold=0.95, block_threshold=0.9)


def test_compare_uses_the_same_name_score(matcher: Matcher) -> None:
    config = MATCHERS["name-match-v1"]
    pair = compare("Vladimir Putin", "PUTIN, Vladimir Vladimirovich", config, "person")
    hit = matcher.screen_party(party("Vladimir Putin"))[0]
    assert pair.score == hit.score
    assert pair.action == hit.action == "flag"
    assert compare("LLC 123", "OOO 1", config).score == 0.0
    assert matcher.compare("Usama bin Laden", "BIN LADEN, Osama").score == 1.0
