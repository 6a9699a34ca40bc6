"""Installed policy versions by date, `policy diff`, and replay under the recorded version."""

from __future__ import annotations

import argparse
import json
from functools import cache
from typing import Any

import pytest
from installed_policies import AFTER, BEFORE, event, installed, v1_0, v1_1
from jsonschema import Draft202012Validator
from test_worked_examples import _examples

from screening.commands import policy as policy_command
from screening.decision import Screener
from screening.errors import PolicyError
from screening.events import Event
from screening.lists.snapshot import ListSnapshot
from screening.paths import BUNDLED_LISTS, BUNDLED_POLICY, DECISION_SCHEMA, POLICY_DIR
from screening.policy import Policy, PolicySet, diff, event_date
from screening.policy.installed import load_policy_set, load_version
from screening.runtime import load_settings, match_config

DECIDED_AT = "2026-12-20T00:00:00.000Z"
CATEGORY_CODES = {"strategic": "854231", "critical": "850760", "other": "940161"}


@cache
def screener() -> Screener:
    return Screener(ListSnapshot.load(BUNDLED_LISTS), installed(), match_config(load_settings()))


def test_each_event_is_decided_under_the_version_in_force_on_its_date() -> None:
    policies = installed()
    assert [p.semver for p in policies.policies] == ["1.0.0", "1.1.0"]
    assert policies.at(event_date("2026-11-30T23:59:59Z")).semver == "1.0.0"
    assert policies.at(event_date("2026-12-01T00:00:00Z")).semver == "1.1.0"
    # The UTC date decides: 23:30 at UTC-2 on 30 November is already 1 December in UTC.
    assert policies.for_occurred_at("2026-11-30T23:30:00-02:00").semver == "1.1.0"
    assert policies.for_occurred_at("2026-12-01T00:30:00+01:00").semver == "1.0.0"
    # Before the first version there was no policy: the first one decides, and says so.
    assert policies.for_occurred_at("2019-03-01T08:00:00Z").semver == "1.0.0"
    for when, semver in ((BEFORE, "1.0.0"), (AFTER, "1.1.0")):
        ev = event([{"hs_code": "940161"}], occurred_at=when)
        assert (
            screener()
            .decide(ev, DECIDED_AT)
            .policy_version.startswith(f"dtep-pillar-one@{semver}+")
        )


def test_1_0_0_is_installed_unchanged() -> None:
    assert (
        v1_0().version
        == Policy.load(BUNDLED_POLICY).version
        == ("dtep-pillar-one@1.0.0+6f4cb4907cef")
    )
    assert (v1_0().effective_from.isoformat(), str(v1_0().effective_to)) == (
        "2026-01-01",
        "2026-12-01",
    )
    assert v1_1().effective_from.isoformat() == "2026-12-01" and v1_1().effective_to is None


def test_windows_must_meet_without_overlap_or_gap() -> None:
    old, new = Policy.load(BUNDLED_POLICY), Policy.load(POLICY_DIR / "1.1.0" / "pillar-one.toml")
    with pytest.raises(PolicyError, match="must end"):
        PolicySet([old, new])  # 1.0.0 without effective_to: the windows would overlap
    with pytest.raises(PolicyError, match="installed twice"):
        PolicySet([old, Policy.load(BUNDLED_POLICY)])
    closed = Policy.load(POLICY_DIR / "1.1.0" / "pillar-one.toml", effective_to=event_date(AFTER))
    with pytest.raises(PolicyError, match="no policy"):
        PolicySet([Policy.load(BUNDLED_POLICY, effective_to=new.effective_from), closed])
    with pytest.raises(PolicyError, match="no policy bundle"):
        PolicySet([])


def test_a_single_bundle_answers_for_every_date() -> None:
    only = load_policy_set(BUNDLED_POLICY)
    assert only.for_occurred_at(AFTER).semver == "1.0.0"


def test_replay_uses_the_recorded_version_never_the_newest() -> None:
    ev = event(
        [{"hs_code": "940161", "value": 5, "currency": "EUR"}],
        destination="UA-43",
        occurred_at=BEFORE,
    )
    recorded = json.loads(screener().decide(ev, DECIDED_AT).to_json())
    assert recorded["decision"] == "flag"  # 1.0.0 did not know UA-43
    policy = load_version(recorded["policy_version"])
    assert policy.semver == "1.0.0"
    replayer = Screener(ListSnapshot.load(BUNDLED_LISTS), policy, match_config(load_settings()))
    assert json.loads(replayer.decide(ev, DECIDED_AT).to_json()) == recorded
    assert load_version("1.1.0").semver == "1.1.0"
    with pytest.raises(PolicyError, match="content hash"):
        load_version("dtep-pillar-one@1.0.0+000000000000")
    with pytest.raises(PolicyError, match="not installed"):
        load_version("9.9.9")


# -- the same events under both versions differ exactly where `policy diff` says -------------


def _decide(ev: Event) -> tuple[str, list[dict[str, Any]]]:
    record = json.loads(screener().decide(ev, DECIDED_AT).to_json())
    return record["decision"], record["rules"]


def _route(code: str, direction: str) -> dict[str, Any]:
    if direction == "export":
        return {"origin": "DE", "destination": code}
    if direction == "import":
        return {"origin": code, "destination": "DE"}
    return {"origin": "DE", "destination": "FR", "via": (code,)}


def _outcome(policy: Policy, direction: str, group: str, category: str) -> tuple[object, ...]:
    """A group's matrix cell and, when it is not allow, the reason the group adds."""
    action = policy.cell(direction, group, category)  # type: ignore[arg-type]
    return (action, policy.spec.group_reasons.get(group) if action != "allow" else None)


def test_decisions_under_two_versions_differ_exactly_where_the_diff_says() -> None:
    old, new = v1_0(), v1_1()
    d = diff(old, new)
    moved = {c.code: (c.old, c.new) for c in d.countries}
    cells = {(c.direction, c.group, c.category) for c in d.cells}
    new_groups = new.country_groups()
    codes = sorted(old.country_groups().keys() | new_groups.keys())
    differing: set[tuple[str, str, str]] = set()
    checked = 0
    for code in codes:
        for direction in ("export", "import", "transit"):
            for category, hs in CATEGORY_CODES.items():
                kwargs = _route(code, direction)
                goods = [{"hs_code": hs, "value": 100, "currency": "EUR"}]
                before = _decide(event(goods, occurred_at=BEFORE, **kwargs))
                after = _decide(event(goods, occurred_at=AFTER, **kwargs))
                checked += 1
                if code in moved:
                    group_old, group_new = moved[code]
                    predicted = True  # accepted or dropped: its rules change
                    if group_old is not None and group_new is not None:  # regrouped
                        predicted = _outcome(old, direction, group_old, category) != _outcome(
                            new, direction, group_new, category
                        )
                else:
                    group = new_groups[code]
                    predicted = (direction, group, category) in cells
                assert (before != after) == predicted, (code, direction, category, before, after)
                if before != after:
                    differing.add((code, direction, category))
    assert checked > 2000
    # And every change the diff lists shows in some decision.
    for code in moved:
        assert any(c == code for c, _, _ in differing), code
    members = new_groups
    for cell in d.cells:
        if any(g == cell.group for g in members.values()):
            assert (
                any(
                    members[c] == cell.group and (dr, cat) == (cell.direction, cell.category)
                    for c, dr, cat in differing
                )
                or cell.new == "allow"
            ), cell


def test_hs_2022_codes_decide_the_same_and_hs_2017_codes_as_the_diff_says() -> None:
    d = diff(v1_0(), v1_1())
    assert d.hs_correlation == (0, v1_1().correlated_codes)
    same = [r.prefix.ljust(6, "0") for r in v1_1().rows]
    for hs in same:
        goods = [{"hs_code": hs, "value": 1, "currency": "EUR"}]
        pair = [_decide(event(goods, "US", "CN", occurred_at=t)) for t in (BEFORE, AFTER)]
        assert pair[0] == pair[1], hs
    goods = [{"hs_code": "854140", "value": 1, "currency": "EUR"}]
    before, after = (_decide(event(goods, "US", "CN", occurred_at=t)) for t in (BEFORE, AFTER))
    assert (before[0], after[0]) == ("flag", "block")


# -- the commands -------------------------------------------------------------------------------


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    policy_command.register(parser.add_subparsers(required=True))
    args = parser.parse_args(["policy", *argv])
    code: int = args.func(args)
    return code


def test_policy_show_at_a_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show", "--at", "2026-11-30") == 0
    out = capsys.readouterr().out
    assert "dtep-pillar-one@1.0.0+" in out and "until 2026-12-01" in out
    assert "embargoed             CU IR KP SY" in out
    assert run("show", "--at", "2026-12-01") == 0
    out = capsys.readouterr().out
    assert "dtep-pillar-one@1.1.0+" in out and "installed    1.0.0, 1.1.0" in out
    assert "embargoed             CU IR KP\n" in out and "arms_embargoed        SY" in out
    assert "UA-43  Autonomous Republic of Crimea: embargoed" in out
    assert "EU: Council Regulation (EU) No 692/2014" in out
    assert "arms_embargoed.SY" in out and "HS 2017 -> 2022: 28" in out


def test_policy_diff_names_groups_countries_and_cells(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("diff", "1.0.0", "1.1.0") == 0
    out = capsys.readouterr().out
    for expected in (
        "+ group arms_embargoed",
        "~ country SY: embargoed -> arms_embargoed",
        "~ country UA-43: (not accepted) -> embargoed",
        "~ country XK: (not accepted) -> neutral",
        "~ matrix export.arms_embargoed.strategic: - -> block",
        "~ HS 2017 codes correlated: 0 -> 28",
    ):
        assert expected in out
    assert "row " not in out  # the goods table did not change
    assert run("diff", str(BUNDLED_POLICY), str(BUNDLED_POLICY)) == 0
    assert capsys.readouterr().out.count("\n") == 2  # only the two header lines


def test_policy_check_at_a_date_with_an_address(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("check", "9401", "--from", "DE", "--to", "UA", "--address", "Севастополь")
    assert run(*argv, "--at", "2026-12-02") == 0
    out = capsys.readouterr().out
    assert "place 'Sevastopol' in UA-40" in out and "action   block (by UA-40, export)" in out
    assert run(*argv, "--version", "1.0.0") == 0
    assert "action   allow" in capsys.readouterr().out


# -- the worked examples hold under 1.1.0 too; the must-show cases through the decision core --


@pytest.mark.parametrize(("hs", "eccn", "origin", "destination", "via", "expected"), _examples())
def test_worked_examples_hold_under_1_1_0(
    hs: str,
    eccn: str | None,
    origin: str,
    destination: str,
    via: tuple[str, ...],
    expected: tuple[Any, ...],
) -> None:
    goods = [{"hs_code": hs, "eccn": eccn, "value": 1000, "currency": "USD"}]
    rules = v1_1().evaluate(event(goods, origin, destination, via=via))
    *_, action, _ = expected
    if action == "allow":
        assert rules == []
        return
    (rule,) = rules
    got = (rule.matched_prefix, rule.category, rule.country, rule.direction, rule.action)
    assert (*got, rule.reasons) == expected


@pytest.mark.parametrize(
    ("address", "decision"),
    [
        ("ul. Bolshaya Morskaya 12, Sevastopol", "block"),
        ("ул. Большая Морская 12, Севастополь", "block"),
        ("Bolschaja Morskaja 12, Sewastopol", "block"),
        ("vul. Khreshchatyk 22, Kyiv", "allow"),
    ],
)
def test_de_to_ua_shipment_with_a_consignee_in_sevastopol_or_kyiv(
    address: str, decision: str
) -> None:
    parties = [
        {"role": "consignor", "name": "Nordwerk Maschinenbau GmbH", "country": "DE"},
        {
            "role": "consignee",
            "name": "Pivdenna Torhova Kompaniia",
            "country": "UA",
            "address": address,
        },
    ]
    goods = [{"hs_code": "940161", "value": 1200, "currency": "EUR"}]
    record = json.loads(screener().decide(event(goods, parties=parties), DECIDED_AT).to_json())
    schema = json.loads(DECISION_SCHEMA.read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(record)) == []
    assert record["decision"] == decision
    if decision == "block":
        (rule,) = record["rules"]
        assert (rule["region"], rule["place"], rule["country"]) == ("UA-40", "Sevastopol", "UA-40")
        assert "REGION_EMBARGO" in rule["reasons"]
    else:
        assert record["rules"] == [] and record["hits"] == []


def test_bundle_files_and_installed_bundles_for_copying_a_bundle_whole(tmp_path: Any) -> None:
    from screening.policy.installed import bundle_files, installed_bundles

    tomls = installed_bundles(POLICY_DIR)
    assert [p.relative_to(POLICY_DIR).as_posix() for p in tomls] == [
        "pillar-one.toml",
        "1.1.0/pillar-one.toml",
    ]
    assert [p.name for p in bundle_files(tomls[0])] == ["pillar-one.toml", "pillar-one-hs.csv"]
    files = bundle_files(tomls[1])
    assert [p.name for p in files] == [
        "pillar-one.toml",
        "pillar-one-hs.csv",
        "hs2017-hs2022.csv",
        "hs2022-subheadings.csv",
        "iso-3166-2.csv",
        "gazetteer.csv",
    ]
    for f in files:  # a copy of exactly these files is the same version
        (tmp_path / f.name).write_bytes(f.read_bytes())
    assert Policy.load(tmp_path / "pillar-one.toml").version == v1_1().version
    with pytest.raises(PolicyError, match="folder of installed bundles"):
        Policy.load(POLICY_DIR)


def test_a_broken_index_is_a_clear_error(tmp_path: Any) -> None:
    (tmp_path / "bundles.toml").write_text("[[bundles]]\nfile = 'missing.toml'\n")
    with pytest.raises(PolicyError, match=r"missing\.toml"):
        load_policy_set(tmp_path)
    (tmp_path / "bundles.toml").write_text("bundles = 3\n")
    with pytest.raises(PolicyError, match=r"bundles\.toml"):
        load_policy_set(tmp_path)
    (tmp_path / "bundles.toml").unlink()
    with pytest.raises(PolicyError, match="cannot read the installed-bundles index"):
        load_policy_set(tmp_path)


@pytest.mark.parametrize("when", ["2026-02-30T10:00:00Z", "2026-11-30T25:00:00Z"])
def test_an_impossible_date_is_an_event_error_not_a_crash(when: str) -> None:
    from screening.errors import EventError

    with pytest.raises(EventError, match="not a real date") as caught:
        event([{"hs_code": "940161"}], occurred_at=when)
    assert caught.value.code == "EVENT_SCHEMA"


def test_the_policy_1_1_sample_stream_decides_as_documented() -> None:
    import csv

    from screening.events import event_from_dict
    from screening.paths import SAMPLE_EVENTS

    sample = SAMPLE_EVENTS.parent / "policy-1.1-regions.jsonl"
    with sample.with_suffix(".expected.csv").open(encoding="utf-8") as f:
        expected = {r["event_id"]: r["expected"] for r in csv.DictReader(f)}
    events = [event_from_dict(json.loads(line)) for line in sample.read_text("utf-8").splitlines()]
    got = {d.event_id: d for d in screener().decide_many(events, DECIDED_AT)}
    assert {k: d.decision for k, d in got.items()} == expected
    assert {d.policy_version for d in got.values()} == {v1_1().version}
    assert sorted(expected.values()).count("block") == 9
