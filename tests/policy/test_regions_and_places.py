"""Sanctioned regions (ISO 3166-2 codes) and places named in addresses, ports and country fields.

Policy 1.1.0 reads them; 1.0.0 keeps its old behaviour (a region code is an unknown country).
"""

from __future__ import annotations

import json

import pytest
from installed_policies import BEFORE, event, v1_0, v1_1

from screening.policy import Policy

FURNITURE = {"hs_code": "940161", "value": 1200, "currency": "EUR"}
BATTERY = {"hs_code": "850760", "value": 9000, "currency": "EUR"}


def consignee(address: str, country: str | None = "UA") -> dict[str, object]:
    return {
        "role": "consignee",
        "name": "Tovarystvo Pivden",
        "country": country,
        "address": address,
    }


def only_rule(policy: Policy, ev: object) -> object:
    rules = policy.evaluate(ev)  # type: ignore[arg-type]
    assert len(rules) == 1, rules
    return rules[0]


# -- must show: a party in Sevastopol, three ways, on a DE -> UA shipment --------------------


@pytest.mark.parametrize(
    "address",
    [
        "vul. Bolshaya Morskaya 12, Sevastopol 299011",
        "ул. Большая Морская, 12, Севастополь, 299011",
        "Bolschaja Morskaja 12, 299011 Sewastopol",
        "SEVASTOPIL, vul. Velyka Morska 12",
    ],
)
def test_party_in_sevastopol_is_not_allowed_and_the_region_is_named(address: str) -> None:
    rule = only_rule(v1_1(), event([FURNITURE], parties=[consignee(address)]))
    assert rule.action == "block"  # type: ignore[attr-defined]
    assert rule.country == "UA-40" and rule.region == "UA-40"  # type: ignore[attr-defined]
    assert rule.place == "Sevastopol"  # type: ignore[attr-defined]
    assert rule.place_found_in == "party 0 (consignee) address"  # type: ignore[attr-defined]
    assert set(rule.reasons) == {"EMBARGO", "REGION_EMBARGO", "REGION_PLACE"}  # type: ignore[attr-defined]


def test_party_in_kyiv_on_the_same_shipment_is_allowed() -> None:
    address = "vul. Khreshchatyk 22, Kyiv 01001"
    assert v1_1().evaluate(event([FURNITURE, BATTERY], parties=[consignee(address)])) == []
    assert v1_1().evaluate(event([FURNITURE], parties=[consignee("вул. Хрещатик, 22, Київ")])) == []


def test_ua43_as_destination_gets_the_region_treatment() -> None:
    rule = only_rule(v1_1(), event([FURNITURE], destination="UA-43"))
    assert (rule.action, rule.country, rule.direction) == ("block", "UA-43", "export")  # type: ignore[attr-defined]
    assert "REGION_EMBARGO" in rule.reasons and "COUNTRY_UNKNOWN" not in rule.reasons  # type: ignore[attr-defined]
    # 1.0.0 is kept as it was: the code is unknown there.
    old = only_rule(v1_0(), event([FURNITURE], destination="UA-43", occurred_at=BEFORE))
    assert (old.action, old.reasons) == ("flag", ("COUNTRY_UNKNOWN",))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("field", "code", "action", "reason"),
    [
        ("destination", "UA-40", "block", "REGION_EMBARGO"),
        ("origin", "ua-43", "block", "REGION_EMBARGO"),
        ("destination", "UA-14", "flag", "REGION_OCCUPIED"),  # only part of the oblast
        ("destination", "UA-09", "flag", "REGION_OCCUPIED"),
        ("origin", "UA-23", "flag", "REGION_OCCUPIED"),
        ("destination", "UA-65", "flag", "REGION_OCCUPIED"),
    ],
)
def test_region_codes_wherever_a_country_is(
    field: str, code: str, action: str, reason: str
) -> None:
    kwargs = {"origin": "DE", "destination": "PL"}
    kwargs[field] = code
    rule = only_rule(v1_1(), event([FURNITURE], **kwargs))  # type: ignore[arg-type]
    assert rule.action == action and reason in rule.reasons  # type: ignore[attr-defined]
    assert rule.country == code.upper()  # type: ignore[attr-defined]


def test_region_code_in_transit_goods_origin_and_party_country() -> None:
    assert only_rule(v1_1(), event([FURNITURE], via=("UA-43",))).direction == "transit"  # type: ignore[attr-defined]
    line = {**FURNITURE, "origin_country": "UA-40"}
    assert only_rule(v1_1(), event([line], origin="PL")).country == "UA-40"  # type: ignore[attr-defined]
    party = {"role": "consignor", "name": "Krymskyi Zavod", "country": "UA-43"}
    rule = only_rule(v1_1(), event([FURNITURE], origin="PL", destination="DE", parties=[party]))
    assert (rule.country, rule.direction, rule.action) == ("UA-43", "import", "block")  # type: ignore[attr-defined]


def test_other_subdivisions_count_as_their_country() -> None:
    assert v1_1().evaluate(event([FURNITURE], destination="UA-30")) == []  # Kyiv city
    assert v1_1().evaluate(event([FURNITURE], origin="DE-BY", destination="FR-IDF")) == []
    strategic = {"hs_code": "854231", "value": 1, "currency": "USD"}
    rule = only_rule(v1_1(), event([strategic], origin="US-CA", destination="CN-BJ"))
    assert (rule.action, rule.country) == ("block", "CN")  # type: ignore[attr-defined]
    unknown = only_rule(v1_1(), event([FURNITURE], destination="UA-99"))
    assert unknown.reasons == ("COUNTRY_UNKNOWN",)  # type: ignore[attr-defined]


def test_the_occupied_part_of_an_oblast_blocks_when_a_place_names_it() -> None:
    # The code alone (UA-23) is a flag; a named occupied town in it (Melitopol) blocks.
    rule = only_rule(
        v1_1(), event([FURNITURE], parties=[consignee("Melitopol, Zaporizhzhia oblast")])
    )
    assert (rule.action, rule.region, rule.place) == ("block", "UA-23", "Melitopol")  # type: ignore[attr-defined]
    assert {"REGION_OCCUPIED", "REGION_PLACE", "EMBARGO"} <= set(rule.reasons)  # type: ignore[attr-defined]
    # Zaporizhzhia city and Kherson city are government-controlled: not in the gazetteer.
    assert (
        v1_1().evaluate(event([FURNITURE], parties=[consignee("Zaporizhzhia, pr. Sobornyi 1")]))
        == []
    )
    assert (
        v1_1().evaluate(event([FURNITURE], parties=[consignee("Kherson, vul. Ushakova 3")])) == []
    )


@pytest.mark.parametrize(
    ("text", "region", "place"),
    [
        ("Сімферополь, вул. Пушкіна 1", "UA-43", "Simferopol"),
        ("г. Симферополь", "UA-43", "Simferopol"),
        ("Simferopil", "UA-43", "Simferopol"),
        ("Керч", "UA-43", "Kerch"),
        ("г. Керчь, ул. Ленина", "UA-43", "Kerch"),
        ("Yalta, Crimea", "UA-43", "Yalta"),
        ("Феодосия", "UA-43", "Feodosia"),
        ("Feodosiia", "UA-43", "Feodosia"),
        ("Євпаторія", "UA-43", "Yevpatoria"),
        ("Evpatoria", "UA-43", "Yevpatoria"),
        ("Донецьк", "UA-14", "Donetsk"),
        ("Donezk", "UA-14", "Donetsk"),
        ("Makeyevka", "UA-14", "Makiivka"),
        ("Макіївка", "UA-14", "Makiivka"),
        ("Gorlovka", "UA-14", "Horlivka"),
        ("Горлівка", "UA-14", "Horlivka"),
        ("Мариуполь", "UA-14", "Mariupol"),
        ("Lugansk", "UA-09", "Luhansk"),
        ("Луганськ", "UA-09", "Luhansk"),
        ("Мелитополь", "UA-23", "Melitopol"),
        ("Berdyansk", "UA-23", "Berdiansk"),
        ("Nova Kakhovka", "UA-65", "Nova Kakhovka"),
        ("Новая Каховка", "UA-65", "Nova Kakhovka"),
    ],
)
def test_gazetteer_reads_latin_and_cyrillic_spellings(text: str, region: str, place: str) -> None:
    gazetteer = v1_1().gazetteer
    assert gazetteer is not None
    found = gazetteer.find(text)
    assert [(m.region, m.name) for m in found][:1] == [(region, place)]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("vul. Kerchenska 4, Kyiv", ""),  # Kerch inside a longer word
        ("Kerchstrasse 1, Berlin", ""),
        ("Sebastopol, CA 95472", "US"),  # Sebastopol, California
        ("12 Crimea Road, Sydney NSW", "AU"),
        ("Donetska vulytsia 7, Lviv", "UA"),
        ("Yaltinskaya 3, Moscow", "RU"),
        ("Saki Tanaka, Shibuya, Tokyo", "JP"),
    ],
)
def test_no_false_positives_on_words_that_only_look_alike(text: str, context: str) -> None:
    gazetteer = v1_1().gazetteer
    assert gazetteer is not None
    assert gazetteer.find(text, context=context) == []


def test_ambiguous_names_count_with_context() -> None:
    gazetteer = v1_1().gazetteer
    assert gazetteer is not None
    assert [m.region for m in gazetteer.find("Sebastopol, Crimea, Ukraine")] == ["UA-40", "UA-43"]
    assert [m.region for m in gazetteer.find("Sebastopol", context="RU")] == ["UA-40"]


def test_transit_ports_and_place_names_in_country_fields() -> None:
    ports = ("Port of Kerch", "Istanbul")
    rule = only_rule(v1_1(), event([FURNITURE], destination="TR", ports=ports))
    assert (rule.action, rule.direction, rule.region, rule.place) == (  # type: ignore[attr-defined]
        "block",
        "transit",
        "UA-43",
        "Kerch",
    )
    assert rule.place_found_in == "transit port 0"  # type: ignore[attr-defined]
    line = {**FURNITURE, "origin_country": "Ялта"}
    rule = only_rule(v1_1(), event([line], origin="PL", destination="DE"))
    assert (rule.direction, rule.region, rule.place) == ("import", "UA-43", "Yalta")  # type: ignore[attr-defined]
    assert v1_1().evaluate(event([FURNITURE], destination="TR", ports=("Istanbul", "Odesa"))) == []


def test_policy_1_0_0_ignores_addresses_and_ports() -> None:
    ev = event([FURNITURE], parties=[consignee("Sevastopol")], ports=("Kerch",), occurred_at=BEFORE)
    assert v1_0().evaluate(ev) == []


def test_every_region_records_its_legal_basis_per_member() -> None:
    regions = v1_1().spec.regions
    assert set(regions) == {"UA-43", "UA-40", "UA-14", "UA-09", "UA-23", "UA-65"}
    for code, region in regions.items():
        assert {"EU", "US", "GB", "CA"} <= set(region.legal_basis), code
        for member, basis in region.legal_basis.items():
            assert basis.act and basis.url and basis.checked, (code, member)
    assert regions["UA-43"].legal_basis["EU"].act.startswith("Council Regulation (EU) No 692/2014")
    assert "2022/263" in regions["UA-14"].legal_basis["EU"].act
    assert regions["UA-23"].legal_basis["US"].verified is False  # EO 14065 covers DNR/LNR only


def test_region_rules_reach_the_decision_json() -> None:
    from screening.decision import _rule_dict

    rule = only_rule(v1_1(), event([FURNITURE], parties=[consignee("Севастополь")]))
    record = json.loads(json.dumps(_rule_dict(rule)))  # type: ignore[arg-type]
    assert record["region"] == "UA-40" and record["place"] == "Sevastopol"
    assert record["place_found_in"] == "party 0 (consignee) address"
