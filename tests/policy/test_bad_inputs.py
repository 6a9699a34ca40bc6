"""Malformed goods lines get a defined outcome (flag with a reason), never an exception."""

from __future__ import annotations

import pytest
from policy_events import make_event

from screening.policy import Policy

HS_INVALID = [
    pytest.param({}, "", id="missing"),
    pytest.param({"hs_code": None}, "", id="none"),
    pytest.param({"hs_code": ""}, "", id="empty"),
    pytest.param({"hs_code": "   "}, "   ", id="blank"),
    pytest.param({"hs_code": "ABCD12"}, "ABCD12", id="letters"),
    pytest.param({"hs_code": "８５４２３１"}, "８５４２３１", id="full-width-digits"),
    pytest.param({"hs_code": "85423"}, "85423", id="five-digits"),
    pytest.param({"hs_code": "85423100001"}, "85423100001", id="eleven-digits"),
    pytest.param({"hs_code": 854231}, "854231", id="integer"),
    pytest.param({"hs_code": "8542/31"}, "8542/31", id="slash"),
]


@pytest.mark.parametrize(("goods", "shown"), HS_INVALID)
def test_invalid_hs_code_flags(policy: Policy, goods: dict[str, object], shown: str) -> None:
    (rule,) = policy.evaluate(make_event([goods], "US", "DE"))
    assert (rule.action, rule.reasons, rule.hs_code) == ("flag", ("HS_INVALID",), shown)
    assert (rule.matched_prefix, rule.category, rule.sector) == (None, None, None)


@pytest.mark.parametrize("code", ["8542 31", "8542-31", " 8542.31 ", "85.42.31.00.00"])
def test_separators_are_removed(policy: Policy, code: str) -> None:
    result = policy.classify(code, None, "US", "CN")
    assert (result.hs_status, result.row and result.row.prefix) == ("determinative", "854231")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (12000, 12000.0),
        (0, 0.0),
        ("12000.50", 12000.5),
        (" 7 ", 7.0),
        ("1e3", 1000.0),
        (None, None),
    ],
)
def test_good_values_pass_through(policy: Policy, value: object, expected: float | None) -> None:
    (rule,) = policy.evaluate(make_event([{"hs_code": "854231", "value": value}], "US", "CN"))
    assert (rule.value, rule.reasons) == (expected, ("CHPL",))


@pytest.mark.parametrize("value", [-5, "-5", "12k", "", "1_000", "NaN", "inf", "1,000"])
def test_bad_value_flags(policy: Policy, value: object) -> None:
    (rule,) = policy.evaluate(make_event([{"hs_code": "940360", "value": value}], "US", "DE"))
    assert (rule.action, rule.reasons, rule.value, rule.rule_id) == (
        "flag",
        ("VALUE_INVALID",),
        None,
        "p1:value-invalid",
    )


def test_bad_value_keeps_a_block(policy: Policy) -> None:
    (rule,) = policy.evaluate(make_event([{"hs_code": "854231", "value": "12k"}], "US", "RU"))
    assert (rule.action, rule.reasons) == ("block", ("CHPL", "VALUE_INVALID"))


@pytest.mark.parametrize("currency", ["ZZZ", "US$", "", "EURO"])
def test_unknown_currency_flags(policy: Policy, currency: str) -> None:
    event = make_event([{"hs_code": "940360", "value": 10, "currency": currency}], "US", "DE")
    (rule,) = policy.evaluate(event)
    assert (rule.action, rule.reasons, rule.currency) == ("flag", ("CURRENCY_UNKNOWN",), currency)


@pytest.mark.parametrize("currency", ["USD", "eur", "XXX", None])
def test_known_currency_passes(policy: Policy, currency: str | None) -> None:
    event = make_event([{"hs_code": "940360", "value": 10, "currency": currency}], "US", "DE")
    assert policy.evaluate(event) == []


def test_currency_is_reported_uppercased(policy: Policy) -> None:
    event = make_event([{"hs_code": "854231", "currency": "usd"}], "US", "CN")
    assert policy.evaluate(event)[0].currency == "USD"


def test_unknown_country_code_qq(policy: Policy) -> None:
    (rule,) = policy.evaluate(
        make_event([{"hs_code": "940360", "origin_country": "QQ"}], "US", "DE")
    )
    assert (rule.action, rule.reasons, rule.country, rule.direction) == (
        "flag",
        ("COUNTRY_UNKNOWN",),
        "QQ",
        "import",
    )


def test_rules_come_in_line_order_and_skip_plain_allows(policy: Policy) -> None:
    goods = [
        {"hs_code": "940360"},
        {"hs_code": "854231"},
        {"hs_code": "bad"},
        {"hs_code": "850760"},
    ]
    rules = policy.evaluate(make_event(goods, "US", "CN"))
    assert [(r.line, r.action) for r in rules] == [(2, "block"), (3, "flag"), (4, "flag")]


def test_five_hundred_lines_have_a_defined_outcome(policy: Policy) -> None:
    kinds: list[dict[str, object]] = [
        {"hs_code": "854231", "value": 1, "currency": "USD"},
        {"hs_code": None},
        {"hs_code": "940360"},
        {"hs_code": "8542", "value": "-1"},
        {"hs_code": "850760", "origin_country": "QQ", "currency": "ZZZ"},
    ]
    goods = [kinds[i % len(kinds)] for i in range(500)]
    rules = policy.evaluate(make_event(goods, "DE", "CN", ("KZ",)))
    assert len(rules) == 400
    assert {r.action for r in rules} == {"block", "flag"}
    assert [r.line for r in rules] == sorted(r.line for r in rules)
    assert rules == policy.evaluate(make_event(goods, "DE", "CN", ("KZ",)))  # deterministic


def test_integer_value_too_large_for_a_float_flags(policy: Policy) -> None:
    # Valid JSON and valid against the schema; float() raises OverflowError on it.
    event = make_event([{"hs_code": "940360", "value": 10**400}], "US", "DE")
    (rule,) = policy.evaluate(event)
    assert (rule.action, rule.reasons, rule.value) == ("flag", ("VALUE_INVALID",), None)


@pytest.mark.parametrize("country", ["ſe", "ıt", "ＳＥ"])
def test_non_ascii_country_is_unknown_not_folded(policy: Policy, country: str) -> None:
    # str.upper() turns 'ſe' into 'SE' (a member) and 'ıt' into 'IT': that must not pass.
    result = policy.classify("854231", None, "US", country)
    assert (result.action, result.counterparts[0].group) == ("flag", None)
    assert "COUNTRY_UNKNOWN" in result.reasons


def test_non_ascii_currency_is_unknown(policy: Policy) -> None:
    event = make_event([{"hs_code": "940360", "value": 10, "currency": "uſd"}], "US", "DE")
    (rule,) = policy.evaluate(event)
    assert rule.reasons == ("CURRENCY_UNKNOWN",)
