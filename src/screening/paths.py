"""Where the repository's data folders are. The package runs from a checkout (editable install):
the wire contracts (`streams/`) and the bundled lists and policy (`lists/`) are data, not code."""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO_ROOT / "streams" / "schemas"
EVENT_SCHEMA = SCHEMAS_DIR / "transaction-event.v1.schema.json"
DECISION_SCHEMA = SCHEMAS_DIR / "decision.v1.schema.json"
BUNDLED_LISTS = REPO_ROOT / "lists" / "sample"
POLICY_DIR = REPO_ROOT / "lists" / "policy"  # the installed bundles (bundles.toml)
BUNDLED_POLICY = POLICY_DIR / "pillar-one.toml"  # policy 1.0.0
SAMPLE_EVENTS = REPO_ROOT / "streams" / "samples" / "customs-declarations.jsonl"
SHARED_LISTS = REPO_ROOT.parent / "shared" / "data" / "lists"
