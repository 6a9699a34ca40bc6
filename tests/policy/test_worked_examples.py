"""The 20 worked examples of the research notes, section (d), for policy v1.0.0.

The notes have a `review` action; the product maps it to `flag` and keeps the reason codes.
"""

from __future__ import annotations

from typing import Any

import pytest
from policy_events import make_event

from screening.policy import Policy

# The notes' table, one example a line. "-" is none; route is origin>transit...>destination;
# who and dir name the counterpart that set the action (its country after aliases).
# no  hs_code       eccn     route     prefix  category   who  dir     action  reasons
TABLE = """
1   8542.31.0000  -        US>CN     854231  strategic  CN   export  block   CHPL
2   854231        -        UK>JP     -       -          -    -       allow   -
3   854231        -        DE>KZ     854231  strategic  KZ   export  flag    CHPL DIVERSION_RISK
4   853669        -        DE>KZ>RU  853669  strategic  RU   export  block   CHPL
5   847130        5A992.c  US>CN     8471    critical   CN   export  flag    -
6   847150        -        DE>CN     847150  strategic  CN   export  block   CHPL
7   8473.30.1180  4A090.a  US>CN     847330  strategic  CN   export  block   ECCN_UPLIFT
8   850760        -        CN>US     850760  critical   CN   import  flag    -
9   940360        -        CN>US     -       -          -    -       allow   -
10  841821        -        DE>RU     -       -          -    -       allow   -
11  930190        -        RU>DE     9301    strategic  RU   import  block   -
12  880622        -        CN>US     8806    strategic  CN   import  block   -
13  2709.00       -        RU>IN     2709    critical   RU   import  flag    -
14  282520        -        CN>KR     282520  critical   CN   import  flag    -
15  854231        -        US>VN     854231  strategic  VN   export  flag    CHPL
16  8542          -        US>CN     8542    critical   CN   export  flag    HS_INSUFFICIENT
17  85423         -        US>DE     -       -          -    -       flag    HS_INVALID
18  9401.61       -        DE>IR     9401    other      IR   export  block   EMBARGO
19  2844.20       -        RU>US     2844    strategic  RU   import  block   -
20  848620        -        NL>HK     848620  strategic  CN   export  block   CHPL
"""


def _examples() -> list[Any]:
    params = []
    for line in TABLE.strip().splitlines():
        no, hs, eccn, route, *cells = (None if c == "-" else c for c in line.split())
        prefix, category, country, direction, action, *reasons = cells
        origin, *via, destination = (route or "").split(">")
        params.append(
            pytest.param(
                hs,
                eccn,
                origin,
                destination,
                tuple(via),
                (prefix, category, country, direction, action, tuple(r for r in reasons if r)),
                id=f"example-{no}",
            )
        )
    return params


@pytest.mark.parametrize(("hs", "eccn", "origin", "destination", "via", "expected"), _examples())
def test_worked_example(
    policy: Policy,
    hs: str,
    eccn: str | None,
    origin: str,
    destination: str,
    via: tuple[str, ...],
    expected: tuple[Any, ...],
) -> None:
    goods = {"hs_code": hs, "eccn": eccn, "value": 1000, "currency": "USD"}
    rules = policy.evaluate(make_event([goods], origin, destination, via))
    *_, action, _ = expected
    if action == "allow":
        assert rules == []
        return
    (rule,) = rules
    got = (rule.matched_prefix, rule.category, rule.country, rule.direction, rule.action)
    assert (*got, rule.reasons) == expected
    assert (rule.line, rule.value, rule.currency) == (1, 1000.0, "USD")


def test_example_1_normalises_the_national_suffix(policy: Policy) -> None:
    rule = policy.evaluate(make_event([{"hs_code": "8542.31.0000"}], "US", "CN"))[0]
    assert (rule.hs_code, rule.rule_id, rule.sector) == (
        "8542310000",
        "p1:854231",
        "semiconductors",
    )


def test_example_3_critical_to_diversion_risk_flags_and_other_goods_allow(policy: Policy) -> None:
    assert policy.classify("850760", None, "DE", "KZ").action == "flag"
    assert policy.classify("940161", None, "DE", "AM").action == "allow"


def test_example_4_transit_country_is_a_counterpart(policy: Policy) -> None:
    result = policy.classify("853669", None, "DE", "RU", ("KZ",))
    directions = {(cp.country, cp.direction, cp.group) for cp in result.counterparts}
    assert ("KZ", "transit", "diversion_risk") in directions
    assert ("RU", "export", "countries_of_concern") in directions
    # RU only in the route still blocks: transit through a concern country counts like export to it
    assert policy.classify("853669", None, "DE", "KZ", ("RU",)).action == "block"


def test_example_15_critical_from_associate_allows(policy: Policy) -> None:
    assert policy.classify("850760", None, "VN", "US").action == "allow"


def test_example_16_same_code_to_a_member_allows(policy: Policy) -> None:
    assert policy.classify("8542", None, "US", "JP").action == "allow"


def test_example_17_rule_id_and_raw_digits(policy: Policy) -> None:
    rule = policy.evaluate(make_event([{"hs_code": "85423"}], "US", "DE"))[0]
    assert (rule.hs_code, rule.rule_id, rule.country, rule.direction) == (
        "85423",
        "p1:hs-invalid",
        None,
        None,
    )


def test_example_18_rule_id_is_embargo(policy: Policy) -> None:
    assert policy.classify("9401.61", None, "DE", "IR").rule_id == "p1:embargo"
