"""Loading the bundle: every inconsistency is a PolicyError naming the file and the problem."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from screening.errors import PolicyError
from screening.paths import BUNDLED_POLICY
from screening.policy import Policy

CSV_NAME = "pillar-one-hs.csv"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A private copy of the bundled policy to break."""
    for source in (BUNDLED_POLICY, BUNDLED_POLICY.parent / CSV_NAME):
        shutil.copy(source, tmp_path / source.name)
    return tmp_path / BUNDLED_POLICY.name


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rewrite_csv(bundle: Path, change: Callable[[str], str]) -> None:
    """Change the goods table and record its new hash, as a release would."""
    table = bundle.parent / CSV_NAME
    old_hash = hashlib.sha256(table.read_bytes()).hexdigest()
    table.write_text(change(table.read_text(encoding="utf-8")), encoding="utf-8")
    edit(bundle, old_hash, hashlib.sha256(table.read_bytes()).hexdigest())


def test_bundled_policy_loads(policy: Policy) -> None:
    assert policy.policy_id == "dtep-pillar-one"
    assert policy.version.startswith("dtep-pillar-one@1.0.0+")
    assert len(policy.rows) == 145
    counts = {
        c: sum(r.category == c for r in policy.rows) for c in ("strategic", "critical", "other")
    }
    assert counts == {"strategic": 71, "critical": 59, "other": 15}
    assert sum(r.chpl for r in policy.rows) == 50


def test_copy_has_the_same_version(bundle: Path, policy: Policy) -> None:
    assert Policy.load(bundle).version == policy.version


def test_toml_comments_do_not_change_the_version(bundle: Path, policy: Policy) -> None:
    bundle.write_text("# a new comment\n" + bundle.read_text(encoding="utf-8"), encoding="utf-8")
    assert Policy.load(bundle).version == policy.version


def test_version_changes_when_the_csv_changes(bundle: Path, policy: Policy) -> None:
    rewrite_csv(bundle, lambda text: text.replace("Household dishwashers.", "Dishwashers."))
    assert Policy.load(bundle).version != policy.version


def test_version_changes_when_a_group_changes(bundle: Path, policy: Policy) -> None:
    edit(bundle, 'associates = ["VN"]', 'associates = ["VN", "TH"]')
    assert Policy.load(bundle).version != policy.version


def test_crlf_table_is_the_same_content(bundle: Path, policy: Policy) -> None:
    table = bundle.parent / CSV_NAME
    table.write_bytes(table.read_bytes().replace(b"\n", b"\r\n"))
    assert Policy.load(bundle).version == policy.version


def test_matrix_override_applies_per_direction(bundle: Path) -> None:
    edit(
        bundle,
        "[matrix.export_to]",
        '[matrix.export_to]\ncountries_of_concern = { critical = "allow" }',
    )
    changed = Policy.load(bundle)
    assert changed.classify("850760", None, "US", "CN").action == "allow"
    assert changed.classify("850760", None, "CN", "US").action == "flag"


TOML_ERRORS = [
    ("bad-toml", 'policy_id = "dtep-pillar-one"', "policy_id = ", "not valid TOML"),
    ("bad-action", 'other = "block" }', 'other = "deny" }', "matrix.default.embargoed.other"),
    (
        "missing-group",
        'associates = { strategic = "flag", critical = "allow", other = "allow" }\n',
        "",
        "matrix.default: missing group 'associates'",
    ),
    (
        "missing-category",
        'members = { strategic = "allow", critical = "allow", other = "allow" }',
        'members = { strategic = "allow", critical = "allow" }',
        "matrix.default.members: missing categories ['other']",
    ),
    ("unknown-country", 'associates = ["VN"]', 'associates = ["VQ"]', "not ISO 3166-1"),
    ("hash-mismatch", 'goods_table_sha256 = "', 'goods_table_sha256 = "0', "sha256"),
    ("unknown-key", "policy_id =", "owner = 1\npolicy_id =", "owner: Extra inputs"),
    ("bad-regex", "match = '.*'", "match = '(['", "bad pattern"),
    ("bad-semver", 'version = "1.0.0"', 'version = "1.0"', "version"),
    ("group-not-ranked", '"associates", "members",', '"members",', "group_precedence"),
]


@pytest.mark.parametrize(
    ("old", "new", "message"), [e[1:] for e in TOML_ERRORS], ids=[e[0] for e in TOML_ERRORS]
)
def test_toml_problem_is_named(bundle: Path, old: str, new: str, message: str) -> None:
    edit(bundle, old, new)
    with pytest.raises(PolicyError) as caught:
        Policy.load(bundle)
    assert str(bundle) in str(caught.value)
    assert message in str(caught.value)


CSV_ERRORS = [
    (
        "unknown-category",
        lambda t: t.replace(",other,toys,", ",fun,toys,"),
        "unknown category 'fun'",
    ),
    (
        "prefix-length",
        lambda t: t.replace("\n9503,", "\n95031,"),
        "hs_prefix '95031' is not 2, 4 or 6 digits",
    ),
    ("prefix-letters", lambda t: t.replace("\n9503,", "\n95O3,"), "hs_prefix '95O3'"),
    ("duplicate", lambda t: t.replace("\n9503,", "\n9405,"), "duplicate hs_prefix 9405"),
    ("header", lambda t: t.replace("hs_prefix,", "hs,", 1), "header must be"),
    ("fields", lambda t: t.replace("\n64,", "\n64,x,", 1), "fields, expected 6"),
]


@pytest.mark.parametrize(
    ("change", "message"), [e[1:] for e in CSV_ERRORS], ids=[e[0] for e in CSV_ERRORS]
)
def test_table_problem_is_named(bundle: Path, change: Callable[[str], str], message: str) -> None:
    rewrite_csv(bundle, change)
    with pytest.raises(PolicyError) as caught:
        Policy.load(bundle)
    assert CSV_NAME in str(caught.value)
    assert message in str(caught.value)


def test_missing_files_are_named(bundle: Path, tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read policy file"):
        Policy.load(tmp_path / "absent.toml")
    (bundle.parent / CSV_NAME).unlink()
    with pytest.raises(PolicyError, match="cannot read goods table"):
        Policy.load(bundle)
