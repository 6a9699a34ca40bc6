"""Further edge cases of the research notes (d) and inputs the policy must survive."""

from __future__ import annotations

import pytest
from policy_events import make_event

from screening.policy import Policy


def test_legacy_hs2017_code_reaches_the_legacy_row(policy: Policy) -> None:
    result = policy.classify("880330", None, "US", "CN")
    assert (result.row and result.row.prefix, result.category, result.action) == (
        "8803",
        "strategic",
        "block",
    )


def test_integer_code_is_rejected_not_read_as_a_chapter(policy: Policy) -> None:
    result = policy.classify(101210, None, "US", "DE")
    assert (result.hs_status, result.hs_code, result.action) == ("invalid", "101210", "flag")
    assert result.reasons == ("HS_INVALID",)
    assert policy.classify(854231.0, None, "US", "DE").hs_status == "invalid"


@pytest.mark.parametrize("code", ["9903.88.15", "9801.00.10", "0012.34", "7700"])
def test_reserved_and_national_chapters_are_invalid(policy: Policy, code: str) -> None:
    result = policy.classify(code, None, "US", "DE")
    assert (result.action, result.reasons, result.rule_id) == (
        "flag",
        ("HS_INVALID",),
        "p1:hs-invalid",
    )


def test_unlisted_valid_code_gets_the_default_category(policy: Policy) -> None:
    result = policy.classify("870323", None, "US", "CN")
    assert (result.row, result.category, result.action) == (None, "other", "allow")


def test_insufficient_code_without_ambiguity_keeps_the_common_action(policy: Policy) -> None:
    assert policy.classify("8542", None, "US", "JP").action == "allow"
    chapter = policy.classify("93", None, "US", "CN")  # every row of chapter 93 is strategic
    assert (chapter.action, chapter.reasons) == ("block", ())
    to_kz = policy.classify("8542", None, "DE", "KZ")  # critical and strategic both flag to KZ
    assert (to_kz.action, to_kz.reasons) == ("flag", ("DIVERSION_RISK",))


def test_insufficient_code_with_no_own_row_includes_the_default(policy: Policy) -> None:
    result = policy.classify("8536", None, "US", "CN")  # 853669/853690 strategic, rest default
    assert result.categories == ("other", "strategic")
    assert (result.action, result.reasons) == ("flag", ("HS_INSUFFICIENT",))


def test_eu_bloc_code_counts_as_a_member(policy: Policy) -> None:
    result = policy.classify("854231", None, "US", "EU")
    assert result.action == "allow"
    assert result.counterparts[0].group == "members"


def test_el_alias_is_greece(policy: Policy) -> None:
    result = policy.classify("854231", None, "EL", "US")
    assert [cp.country for cp in result.counterparts] == ["US", "GR"]
    assert result.action == "allow"


def test_lowercase_and_padded_countries_are_normalised(policy: Policy) -> None:
    assert policy.classify("854231", None, " de ", "cn").action == "block"


def test_macau_is_treated_as_china(policy: Policy) -> None:
    assert policy.classify("854231", None, "US", "MO").trigger.country == "CN"  # type: ignore[union-attr]


def test_unknown_country_flags_even_between_members(policy: Policy) -> None:
    result = policy.classify("940360", None, "US", "QQ")
    assert (result.action, result.reasons, result.rule_id) == (
        "flag",
        ("COUNTRY_UNKNOWN",),
        "p1:country-unknown",
    )
    rule = result.rule(1)
    assert (rule.country, rule.direction) == ("QQ", "export")


def test_unknown_country_never_lowers_a_block(policy: Policy) -> None:
    result = policy.classify("854231", None, "QQ", "RU")
    assert (result.action, result.reasons) == ("block", ("CHPL", "COUNTRY_UNKNOWN"))


def test_embargoed_counterpart_blocks_an_invalid_code(policy: Policy) -> None:
    for code in ("ABCD12", None, "85423", 854231):
        result = policy.classify(code, None, "DE", "IR")
        assert (result.action, result.rule_id) == ("block", "p1:embargo")
        assert result.reasons == ("EMBARGO", "HS_INVALID")


def test_embargoed_transit_blocks_other_goods(policy: Policy) -> None:
    result = policy.classify("940360", None, "DE", "AE", ("SY",))
    assert (result.action, result.trigger.country, result.trigger.direction) == (  # type: ignore[union-attr]
        "block",
        "SY",
        "transit",
    )


def test_line_origin_is_an_import_counterpart(policy: Policy) -> None:
    event = make_event([{"hs_code": "850760", "origin_country": "CN"}], "DE", "FR")
    (rule,) = policy.evaluate(event)
    assert (rule.action, rule.country, rule.direction) == ("flag", "CN", "import")


def test_civil_airliner_to_china_blocks_because_an_eccn_never_lowers(policy: Policy) -> None:
    result = policy.classify("880240", "9A991.b", "US", "CN")
    assert (result.category, result.action, result.reasons) == ("strategic", "block", ())


def test_eccn_uplifts_an_unlisted_code(policy: Policy) -> None:
    result = policy.classify("870323", "ML6", "US", "CN")
    assert (result.category, result.action, result.reasons, result.rule_id) == (
        "strategic",
        "block",
        ("ECCN_UPLIFT",),
        "p1:default",
    )


@pytest.mark.parametrize("eccn", ["EAR99", "", "ear99", "N/A"])
def test_not_listed_eccn_changes_nothing(policy: Policy, eccn: str) -> None:
    assert policy.classify("940360", eccn, "US", "CN").action == "allow"


def test_invalid_eccn_flags(policy: Policy) -> None:
    result = policy.classify("940360", "not-an-eccn", "US", "FR")
    assert (result.action, result.reasons, result.rule_id) == (
        "flag",
        ("ECCN_INVALID",),
        "p1:eccn-invalid",
    )


def test_member_to_member_strategic_trade_allows(policy: Policy) -> None:
    assert policy.evaluate(make_event([{"hs_code": "930190"}], "DE", "US")) == []
    assert policy.evaluate(make_event([{"hs_code": "854231"}], "JP", "KR", ("NL",))) == []


def test_neutral_country_flags_strategic_only(policy: Policy) -> None:
    assert policy.classify("854231", None, "US", "BR").action == "flag"
    assert policy.classify("850760", None, "US", "BR").action == "allow"


def test_no_route_fails_closed(policy: Policy) -> None:
    """Goods with no country anywhere cannot be judged: a data-quality flag, not an allow."""
    result = policy.classify("854231", None, None, None)
    assert (result.counterparts, result.action) == ((), "flag")
    assert "COUNTRY_MISSING" in result.reasons
