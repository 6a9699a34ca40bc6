"""Which country and region codes a recorded policy version treats as of concern: shared by the
metrics unit tests and the Prometheus scrape tests (exposure is counted for these)."""

from __future__ import annotations

import tomllib

from screening.paths import POLICY_DIR


def concern_codes(policy_version: str) -> set[str]:
    """Country and region codes of the concern and embargoed groups, read from the installed
    bundle (lists/policy/bundles.toml) of the policy version a decision records."""
    semver = policy_version.split("@")[-1].split("+")[0]
    bundles = tomllib.loads((POLICY_DIR / "bundles.toml").read_text(encoding="utf-8"))
    for entry in bundles["bundles"]:
        spec = tomllib.loads((POLICY_DIR / entry["file"]).read_text(encoding="utf-8"))
        if spec["version"] == semver:
            groups = spec["country_groups"]
            codes = set(groups["countries_of_concern"]) | set(groups["embargoed"])
            regions = spec.get("regions", {})
            return codes | {
                code
                for code, region in regions.items()
                if region["group"] in ("countries_of_concern", "embargoed")
            }
    raise AssertionError(f"policy {policy_version} is not installed")
