"""`screening policy show|check` through the sub-command's own parser."""

from __future__ import annotations

import argparse

import pytest

from screening.commands import policy as policy_command
from screening.paths import BUNDLED_POLICY


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    policy_command.register(parser.add_subparsers(required=True))
    args = parser.parse_args(["policy", *argv])
    code: int = args.func(args)
    return code


def test_show_prints_version_groups_counts_and_eccn_rules(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run("show", "--policy", str(BUNDLED_POLICY)) == 0
    out = capsys.readouterr().out
    assert "dtep-pillar-one@1.0.0+" in out and "2026-01-01" in out
    assert "countries_of_concern  CN RU BY" in out
    assert "strategic             71" in out and "CHPL rows: 50" in out
    assert "semiconductors" in out and "^[0-9][A-E]9[0-9]{2}" in out


def test_show_uses_the_settings_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("show") == 0
    assert "dtep-pillar-one@" in capsys.readouterr().out


def test_check_explains_each_step(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        "check", "8473.30.1180", "--from", "US", "--to", "HK", "--via", "KZ", "--eccn", "4A090.a"
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "8473301180 (determinative)" in out
    assert "847330 critical / computing" in out
    assert "strategic" in out and "ECCN_UPLIFT" in out
    assert "HK->CN" in out and "countries_of_concern" in out and "diversion_risk" in out
    assert "action   block (by CN, export)" in out


def test_check_explains_an_ambiguous_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "8542", "--from", "US", "--to", "CN") == 0
    out = capsys.readouterr().out
    assert "possible categories: critical, strategic" in out
    assert "critical=flag, strategic=block" in out and "HS_INSUFFICIENT" in out
